# The driver of orm-select: calls the learner's queries.py inside an
# application context (every statement is recorded).
import studyterm_harness as st
from app import app
from models import Owner
import queries


def owner_by_email(email):
    owner = queries.owner_by_email(email)
    if owner is None:
        return {"owner": None}
    if not isinstance(owner, Owner):
        return {"owner": "not an Owner but %r" % (owner,)}
    return {"owner": [owner.id, owner.name]}


with app.app_context():
    st.call("bay", queries.colour_names, "bay")
    st.call("youngest_7", queries.youngest, 7)
    st.call("count_grey", queries.count_colour, "grey")
    st.call("count_white", queries.count_colour, "white")
    st.call("owner_ben", owner_by_email, "ben.okafor@example.org")
    st.call("owner_nobody", owner_by_email, "nobody@example.org")
