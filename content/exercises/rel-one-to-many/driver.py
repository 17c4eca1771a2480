"""Driver for rel-one-to-many: looks at the learner's mapping, uses both
directions of the relationship, then calls add_pony() and move_pony().

Answers:
  foreign_key          the targets of ponies.owner_id's foreign keys
  Owner.ponies,        each relationship as {target, direction,
  Pony.owner             back_populates, backref (whether this side
                         declared a backref)}, or null
  linked_in_memory     [pony.owner is owner after owner.ponies.append(pony),
                        pony in owner.ponies after pony.owner = owner], on
                        new objects that never reach the database
  ponies_of(1)         sorted names of Owner 1's ponies, through Owner.ponies
  owner_of(4),         the owner's name through Pony.owner (null for none)
  owner_of(5)
  add_pony             [id, owner_id] of the pony add_pony() returned
The rows add_pony() and move_pony() committed are read from the tables.
When the mapping itself fails (configure_mappers), that error is reported
once and nothing else runs: every other step would repeat it."""
import studyterm_harness as st
from sqlalchemy import inspect
from sqlalchemy.orm import configure_mappers

import stable
from stable import Owner, Pony, db


def foreign_key():
    column = Pony.__table__.c.get("owner_id")
    if column is None:
        return None
    return sorted(fk.target_fullname for fk in column.foreign_keys)


def describe(model, name):
    rel = inspect(model).relationships.get(name)
    if rel is None:
        return None
    return {
        "target": rel.mapper.class_.__name__,
        "direction": rel.direction.name,
        "back_populates": rel.back_populates,
        "backref": rel.backref is not None,
    }


def linked_in_memory():
    owner = Owner(name="Test Owner", email="test@example.org")
    first = Pony(name="First", colour="bay")
    owner.ponies.append(first)
    appended = first.owner is owner
    second = Pony(name="Second", colour="grey")
    second.owner = owner
    assigned = second in owner.ponies
    for obj in (owner, first, second):  # keep them out of the database
        if obj in db.session:
            db.session.expunge(obj)
    return [appended, assigned]


def ponies_of(owner_id):
    return sorted(p.name for p in db.session.get(Owner, owner_id).ponies)


def owner_of(pony_id):
    owner = db.session.get(Pony, pony_id).owner
    return None if owner is None else owner.name


def add_pony(*args):
    pony = stable.add_pony(*args)
    return [pony.id, pony.owner_id]


def mapping():
    configure_mappers()
    return True


with stable.app.app_context():
    st.call("foreign_key", foreign_key)
    if not st.call("mapping", mapping):
        for name in ("Owner.ponies", "Pony.owner", "linked_in_memory", "ponies_of(1)",
                     "owner_of(4)", "owner_of(5)", "add_pony", "move_pony"):
            st.answer(name, None)
        raise SystemExit(0)
    st.call("Owner.ponies", describe, Owner, "ponies")
    st.call("Pony.owner", describe, Pony, "owner")
    db.session.rollback()
    st.call("linked_in_memory", linked_in_memory)
    db.session.rollback()
    st.call("ponies_of(1)", ponies_of, 1)
    st.call("owner_of(4)", owner_of, 4)
    st.call("owner_of(5)", owner_of, 5)
    db.session.rollback()
    st.call("add_pony", add_pony, 2, "Bramble", "bay", 3)
    db.session.rollback()
    st.call("move_pony", stable.move_pony, 5, 5)
    db.session.rollback()
