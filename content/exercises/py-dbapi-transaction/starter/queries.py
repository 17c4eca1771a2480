"""Transactions through the DB-API (section 5.1), with the standard
library's sqlite3 module."""
import sqlite3
from contextlib import closing


def add_owner_with_ponies(conn, owner, ponies):
    """Adds owner, a tuple (name, email, city), and ponies, a list of
    (name, colour, age) tuples owned by her, in one transaction.

    Returns the new owner's id. When a row breaks a rule of the database,
    nothing of this call is kept and the sqlite3.IntegrityError reaches the
    caller.
    """
    # TODO: a `with conn:` block around the INSERT of the owner (keep its
    # lastrowid) and one executemany() for the ponies
    raise NotImplementedError("TODO: write add_owner_with_ponies")


def register(path, owner, ponies):
    """Opens a connection of its own to the database file at path, adds
    owner and ponies with add_owner_with_ponies, and returns the new
    owner's id. The connection is closed whatever happens."""
    # TODO: open the connection so that it is closed on the way out
    raise NotImplementedError("TODO: write register")
