"""Driver for orm-join-related: calls the learner's four queries, each with
an empty session and between two marker statements (SELECT 'begin
<function>' and SELECT 'end <function>', on a connection of their own), so
that the checks can count the SELECTs each call sent.

The calls are ponies_in_city("Bristol"), owners_with_colour("bay"),
ponies_with_handler_of(7) and ponies_of_owners_without_city(). Answers,
named after the function: the ids of the ponies returned, in order, or the
names of the owners; null on an error."""
import studyterm_harness as st
from sqlalchemy import text

import stable
from stable import db


def marker(words):
    with db.engine.connect() as connection:
        connection.execute(text("SELECT '%s'" % words))


def ids(result):
    return None if result is None else [getattr(p, "id", p) for p in result]


def names(result):
    return None if result is None else [getattr(o, "name", o) for o in result]


CALLS = (
    (stable.ponies_in_city, ("Bristol",), ids),
    (stable.owners_with_colour, ("bay",), names),
    (stable.ponies_with_handler_of, (7,), ids),
    (stable.ponies_of_owners_without_city, (), ids),
)

with stable.app.app_context():
    for function, args, convert in CALLS:
        def call(*a):
            return convert(function(*a))
        name = call.__name__ = function.__name__
        db.session.remove()  # nothing loaded yet
        marker("begin " + name)
        st.call(name, call, *args)
        marker("end " + name)
    db.session.remove()
