"""Reading rows through the DB-API (section 5.1), with the standard
library's sqlite3 module.

Every function receives an open connection, conn. Put a ? in the SQL for
each value and pass the values separately, in a tuple; never paste a value
into the SQL text.
"""


def count_by_colour(conn, colour):
    """How many ponies have this colour, as an int."""
    # TODO: SELECT count(*) ... WHERE colour = ?, then fetchone()
    raise NotImplementedError("TODO: write count_by_colour")


def find_pony(conn, pony_id):
    """The pony with this id as a tuple (name, colour, age), or None when
    there is no such pony."""
    # TODO: one SELECT by id, then fetchone()
    raise NotImplementedError("TODO: write find_pony")


def ponies_of(conn, owner_name):
    """The ponies of the owner called owner_name: a list of (name, age)
    tuples ordered by the pony's name ([] when no owner has that name)."""
    # TODO: join ponies to owners; fetchall() or a loop over the cursor
    raise NotImplementedError("TODO: write ponies_of")
