"""Plain SQL through db.engine and text() (section 5.1). Call these
functions inside an application context (the driver does)."""
from sqlalchemy import text

from app import db


def ponies_aged_between(low, high):
    """The ponies aged low to high (both included), as a list of
    (name, age) tuples: youngest first, ponies of the same age by name."""
    with db.engine.connect() as conn:
        result = conn.execute(
            text(
                "SELECT name, age FROM ponies"
                f" WHERE age BETWEEN {low} AND {high}"
                " ORDER BY age, name"
            )
        )
        return [(row.name, row.age) for row in result]


def count_in_city(city):
    """How many owners live in city, as an int."""
    with db.engine.connect() as conn:
        return conn.execute(
            text("SELECT count(*) FROM owners WHERE city = :city"),
            {"city": city},
        ).scalar_one()


def move_owners(old_city, new_city):
    """Moves every owner living in old_city to new_city and commits.
    Returns the number of owners moved."""
    with db.engine.begin() as conn:  # commits at the end of the block
        result = conn.execute(
            text("UPDATE owners SET city = :new WHERE city = :old"),
            {"new": new_city, "old": old_city},
        )
        return result.rowcount
