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
    with conn:  # commit at the end, or roll back and re-raise
        cur = conn.cursor()
        cur.execute(
            "INSERT INTO owners (name, email, city) VALUES (?, ?, ?)", owner
        )
        owner_id = cur.lastrowid
        for name, colour, age in ponies:
            cur.execute(
                "INSERT INTO ponies (name, colour, age, owner_id)"
                " VALUES (?, ?, ?, ?)",
                (name, colour, age, owner_id),
            )
    return owner_id


def register(path, owner, ponies):
    """Opens a connection of its own to the database file at path, adds
    owner and ponies with add_owner_with_ponies, and returns the new
    owner's id. The connection is closed whatever happens."""
    with closing(sqlite3.connect(path)) as conn:
        return add_owner_with_ponies(conn, owner, ponies)
