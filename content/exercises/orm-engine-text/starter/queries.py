"""Plain SQL through db.engine and text() (section 5.1). Call these
functions inside an application context (the driver does)."""
from sqlalchemy import text

from app import db


def ponies_aged_between(low, high):
    """The ponies aged low to high (both included), as a list of
    (name, age) tuples: youngest first, ponies of the same age by name."""
    # TODO: with db.engine.connect() as conn: conn.execute(text(...), {...})
    raise NotImplementedError("TODO: write ponies_aged_between")


def count_in_city(city):
    """How many owners live in city, as an int."""
    # TODO
    raise NotImplementedError("TODO: write count_in_city")


def move_owners(old_city, new_city):
    """Moves every owner living in old_city to new_city and commits.
    Returns the number of owners moved."""
    # TODO: with db.engine.begin() as conn: ...
    raise NotImplementedError("TODO: write move_owners")
