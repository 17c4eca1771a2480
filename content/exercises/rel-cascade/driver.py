"""Driver for rel-cascade: reads the cascades of the learner's mapping, then
calls close_account(1) (Amelia Hart) and give_up(2, 8) (Ben Okafor gives
up Duke).

Answers:
  cascade.Owner.ponies,   the relationship's cascade, a sorted list
  cascade.Pony.owner
  close_account(1),       true when the call returned without an error
  give_up(2, 8)
  deletes.give_up         how many times give_up() called session.delete()
What the calls committed is read from the tables. When the mapping fails
to configure (delete-orphan on a many-to-one side, say), that is reported
once and nothing else runs."""
import studyterm_harness as st
from sqlalchemy import inspect
from sqlalchemy.orm import Session, configure_mappers

import stable
from stable import Owner, Pony, db

deletes = [0]
_session_delete = Session.delete


def _counting_delete(self, *args, **kwargs):
    deletes[0] += 1
    return _session_delete(self, *args, **kwargs)


Session.delete = _counting_delete


def mapping():
    configure_mappers()
    return True


def cascade(model, name):
    rel = inspect(model).relationships.get(name)
    return None if rel is None else sorted(rel.cascade)


def close_account(owner_id):
    stable.close_account(owner_id)
    return True


def give_up(owner_id, pony_id):
    stable.give_up(owner_id, pony_id)
    return True


with stable.app.app_context():
    if not st.call("mapping", mapping):
        for name in ("cascade.Owner.ponies", "cascade.Pony.owner", "close_account(1)",
                     "give_up(2, 8)", "deletes.give_up"):
            st.answer(name, None)
        raise SystemExit(0)
    st.call("cascade.Owner.ponies", cascade, Owner, "ponies")
    st.call("cascade.Pony.owner", cascade, Pony, "owner")
    st.call("close_account(1)", close_account, 1)
    db.session.rollback()
    db.session.expunge_all()  # give_up starts from what is committed
    before = deletes[0]
    st.call("give_up(2, 8)", give_up, 2, 8)
    st.answer("deletes.give_up", deletes[0] - before)
    db.session.rollback()
