"""Create, read, update and delete through the session (section 5.4).
The driver calls these inside an application context."""
from sqlalchemy.exc import IntegrityError

from models import Owner, Pony, db


def get_pony(pony_id):
    """The Pony with this id, or None when there is none."""
    # TODO
    raise NotImplementedError("TODO: write get_pony")


def add_owner(name, email, city):
    """Adds an owner and commits; returns the new owner's id. When the
    e-mail address is already taken, rolls back and returns None."""
    # TODO: add, commit, and handle the IntegrityError
    raise NotImplementedError("TODO: write add_owner")


def add_pony(name, colour, age, owner_id):
    """Adds a pony and commits; returns the new pony's id."""
    # TODO
    raise NotImplementedError("TODO: write add_pony")


def give_pony(pony_id, owner_id):
    """Makes owner_id the owner of the pony and commits."""
    # TODO
    raise NotImplementedError("TODO: write give_pony")


def delete_pony(pony_id):
    """Deletes the pony and commits; returns True, or False when there is
    no pony with this id."""
    # TODO
    raise NotImplementedError("TODO: write delete_pony")
