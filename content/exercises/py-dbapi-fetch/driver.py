# The driver of py-dbapi-fetch: calls the learner's queries.py on the
# sandbox database through sqlite3 (every statement is recorded).
import sqlite3

import studyterm_harness as st
import queries


def returned(fn):
    """fn wrapped so that its result is recorded as {"result": ...}: a
    None it returned then differs from the NULL of a call that failed."""
    def wrapper(*args):
        return {"result": fn(*args)}
    wrapper.__name__ = fn.__name__
    return wrapper


conn = sqlite3.connect("sandbox.db")
st.call("count_grey", queries.count_by_colour, conn, "grey")
st.call("count_dun", queries.count_by_colour, conn, "dun")
st.call("pony_4", queries.find_pony, conn, 4)
st.call("pony_99", returned(queries.find_pony), conn, 99)
st.call("amelia", queries.ponies_of, conn, "Amelia Hart")
st.call("niamh", queries.ponies_of, conn, "Niamh O'Brien")
st.call("nobody", returned(queries.ponies_of), conn, "Nobody' OR 'a'='a")
conn.close()
