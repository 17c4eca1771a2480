"""Reading rows through the DB-API (section 5.1), with the standard
library's sqlite3 module.

Every function receives an open connection, conn. Put a ? in the SQL for
each value and pass the values separately, in a tuple; never paste a value
into the SQL text.
"""


def count_by_colour(conn, colour):
    """How many ponies have this colour, as an int."""
    cur = conn.cursor()
    cur.execute("SELECT count(*) FROM ponies WHERE colour = ?", (colour,))
    (count,) = cur.fetchone()
    return count


def find_pony(conn, pony_id):
    """The pony with this id as a tuple (name, colour, age), or None when
    there is no such pony."""
    cur = conn.execute(
        "SELECT name, colour, age FROM ponies WHERE id = ?", (pony_id,)
    )
    return cur.fetchall()


def ponies_of(conn, owner_name):
    """The ponies of the owner called owner_name: a list of (name, age)
    tuples ordered by the pony's name ([] when no owner has that name)."""
    cur = conn.execute(
        "SELECT ponies.name, ponies.age"
        " FROM ponies JOIN owners ON ponies.owner_id = owners.id"
        " WHERE owners.name = ?"
        " ORDER BY ponies.name, ponies.id",
        (owner_name,),
    )
    return [(name, age) for name, age in cur]
