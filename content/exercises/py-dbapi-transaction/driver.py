# The driver of py-dbapi-transaction: calls the learner's queries.py on
# the sandbox database through sqlite3 (every statement is recorded).
import sqlite3

import studyterm_harness as st
import queries


def refused(fn, conn=None):
    """fn wrapped for a call that must fail with IntegrityError: the result
    says whether it did and, given conn, whether a transaction was still
    open afterwards. Any other error is reported as the learner's."""
    def wrapper(*args):
        try:
            value = fn(*args)
        except sqlite3.IntegrityError:
            raised = "IntegrityError"
        else:
            raised = None
        return {
            "raised": raised,
            "in_transaction": None if conn is None else conn.in_transaction,
        }
    wrapper.__name__ = fn.__name__
    return wrapper


# Every connection opened through sqlite3.connect from here on, to see
# whether register() closes its own.
opened = []
recording_connect = sqlite3.connect


def tracking_connect(*args, **kwargs):
    conn = recording_connect(*args, **kwargs)
    opened.append(conn)
    return conn


def is_closed(conn):
    try:
        conn.total_changes
    except sqlite3.ProgrammingError:
        return True
    return False


def closes(name, *args):
    """Calls register(*args) and records how many connections it opened
    and how many of them were closed when it returned."""
    del opened[:]
    st.call(name, refused(queries.register) if name.endswith("_bad")
            else queries.register, *args)
    st.answer(name + "_connections", {
        "opened": len(opened),
        "closed": sum(is_closed(c) for c in opened),
    })
    for conn in opened:  # let go of any lock a forgotten connection holds
        if not is_closed(conn):
            conn.rollback()
            conn.close()


conn = sqlite3.connect("sandbox.db")
st.call("bad", refused(queries.add_owner_with_ponies, conn), conn,
        ("Kit Moss", "kit.moss@example.org", "Bath"),
        [("Rowan", "bay", 3), ("Sage", "grey", 6), ("Tansy", "dun", -2)])
st.call("good_id", queries.add_owner_with_ponies, conn,
        ("Lena Byrne", "lena.byrne@example.org", "Galway"),
        [("Moss", "grey", 8), ("Nettle", "bay", 2)])
conn.close()  # close() commits nothing: what is not committed is lost

sqlite3.connect = tracking_connect
if getattr(queries, "connect", None) is recording_connect:
    queries.connect = tracking_connect  # from sqlite3 import connect
closes("register", "sandbox.db",
       ("Omar Reyes", "omar.reyes@example.org", None),
       [("Quill", "black", 5), ("Rue", "palomino", 1)])
closes("register_bad", "sandbox.db",
       ("Amelia Again", "amelia.hart@example.org", "Bath"),
       [("Sprout", "chestnut", 2)])
