# The driver of orm-models: creates the learner's tables and adds sample
# rows (every statement is recorded).
import time
from datetime import date

import studyterm_harness as st
from app import app
from models import Owner, Pony, db


def create_all():
    db.create_all()
    return sorted(db.metadata.tables)


def add_sample_rows():
    ann = Owner(name="Ann Lee", email="ann.lee@example.org")
    db.session.add(ann)
    db.session.flush()  # gives ann her id
    db.session.add(Pony(name="Bramble", bio="Loves apples.", born=date(2017, 4, 2),
                        height=13.2, retired=False, owner_id=ann.id))
    db.session.commit()
    time.sleep(0.05)
    clover = Pony(name="Clover")  # every other column left to its default
    db.session.add(clover)
    db.session.commit()
    return {"clover_retired": clover.retired}


with app.app_context():
    if st.call("tables", create_all) is not None:
        st.call("samples", add_sample_rows)
