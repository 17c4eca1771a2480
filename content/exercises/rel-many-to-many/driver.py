"""Driver for rel-many-to-many: looks at the learner's mapping, reads the
relationships both ways, then calls assign() and unassign().

Answers:
  Pony.handlers,     each relationship as {target, direction, secondary
  Handler.ponies       (the association table's name), back_populates,
                       backref (whether this side declared a backref)}
  linked_in_memory   whether handler.ponies.append(pony) put the handler
                     in pony.handlers, on new objects kept out of the
                     database
  handlers_of(1),    sorted names of a pony's handlers, via Pony.handlers
  handlers_of(9)
  ponies_of(3)       sorted ids of a handler's ponies, via Handler.ponies
  assign(5, 9), unassign(1, 4), assign(1, 1)
                     true when the call returned without an error
The links they committed are read from pony_handlers. When the mapping
fails to configure, that is reported once and nothing else runs."""
import studyterm_harness as st
from sqlalchemy import inspect
from sqlalchemy.orm import configure_mappers

import stable
from stable import Handler, Pony, db

STEPS = ("Pony.handlers", "Handler.ponies", "linked_in_memory", "handlers_of(1)",
         "handlers_of(9)", "ponies_of(3)", "assign(5, 9)", "unassign(1, 4)",
         "assign(1, 1)")


def mapping():
    configure_mappers()
    return True


def describe(model, name):
    rel = inspect(model).relationships.get(name)
    if rel is None:
        return None
    return {
        "target": rel.mapper.class_.__name__,
        "direction": rel.direction.name,
        "secondary": None if rel.secondary is None else getattr(rel.secondary, "name", None),
        "back_populates": rel.back_populates,
        "backref": rel.backref is not None,
    }


def linked_in_memory():
    handler = Handler(name="Test Handler", years_experience=1)
    pony = Pony(name="Test", colour="bay")
    handler.ponies.append(pony)
    linked = handler in pony.handlers
    for obj in (handler, pony):  # keep them out of the database
        if obj in db.session:
            db.session.expunge(obj)
    return linked


def handlers_of(pony_id):
    return sorted(h.name for h in db.session.get(Pony, pony_id).handlers)


def ponies_of(handler_id):
    return sorted(p.id for p in db.session.get(Handler, handler_id).ponies)


def assign(handler_id, pony_id):
    stable.assign(handler_id, pony_id)
    return True


def unassign(handler_id, pony_id):
    stable.unassign(handler_id, pony_id)
    return True


with stable.app.app_context():
    if not st.call("mapping", mapping):
        for step in STEPS:
            st.answer(step, None)
        raise SystemExit(0)
    st.call("Pony.handlers", describe, Pony, "handlers")
    st.call("Handler.ponies", describe, Handler, "ponies")
    st.call("linked_in_memory", linked_in_memory)
    db.session.rollback()
    st.call("handlers_of(1)", handlers_of, 1)
    st.call("handlers_of(9)", handlers_of, 9)
    st.call("ponies_of(3)", ponies_of, 3)
    for name, function, args in (("assign(5, 9)", assign, (5, 9)),
                                 ("unassign(1, 4)", unassign, (1, 4)),
                                 ("assign(1, 1)", assign, (1, 1))):
        db.session.rollback()
        db.session.expunge_all()  # each call starts from what is committed
        st.call(name, function, *args)
    db.session.rollback()
