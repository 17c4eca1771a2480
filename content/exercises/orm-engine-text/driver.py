# The driver of orm-engine-text: calls the learner's queries.py inside an
# application context (every statement is recorded).
import studyterm_harness as st
from app import app
import queries

with app.app_context():
    st.call("aged_4_to_6", queries.ponies_aged_between, 4, 6)
    st.call("in_bristol", queries.count_in_city, "Bristol")
    st.call("moved", queries.move_owners, "Leeds", "Harrogate")
