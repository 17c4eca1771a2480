"""Reading with select() (section 5.4). The driver calls these inside an
application context."""
from sqlalchemy import func, select

from models import Owner, Pony, db


def colour_names(colour):
    """The names of the ponies of this colour, in alphabetical order."""
    # TODO: select(Pony.name) with filter_by and order_by
    raise NotImplementedError("TODO: write colour_names")


def youngest(n):
    """The n youngest ponies of known age, as (name, age) tuples:
    youngest first, ponies of the same age by name."""
    # TODO: where, order_by (two keys) and limit
    raise NotImplementedError("TODO: write youngest")


def count_colour(colour):
    """How many ponies have this colour, counted by the database."""
    # TODO: func.count()
    raise NotImplementedError("TODO: write count_colour")


def owner_by_email(email):
    """The Owner with this e-mail address, or None when nobody has it."""
    # TODO
    raise NotImplementedError("TODO: write owner_by_email")
