"""Driver for migrate-data: applies the learner's revision b2_split_owner_name,
takes it back and applies it again, and reports the owners table after each
step. The learner writes no commands for this exercise."""
import re
import sqlite3

import studyterm_harness as st

SCRIPT = "migrations/versions/b2_split_owner_name.py"


def owners():
    """The owners table now: its columns, and its rows as objects."""
    conn = sqlite3.connect("sandbox.db")
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(owners)")]
        rows = conn.execute("SELECT * FROM owners ORDER BY id").fetchall()
    finally:
        conn.close()
    return {"columns": columns, "rows": [dict(zip(columns, row)) for row in rows]}


# Whether the script imports the application (the app or models module).
try:
    with open(SCRIPT, encoding="utf-8") as f:
        source = f.read()
    imports_app = bool(re.search(r"^\s*(from|import)\s+(app|models)\b", source, re.M))
except OSError:
    imports_app = None
st.answer("imports_app", imports_app)

if st.flask("db", "upgrade"):
    st.answer("after_upgrade", owners())
    if st.flask("db", "downgrade"):
        st.answer("after_downgrade", owners())
        if st.flask("db", "upgrade"):
            st.answer("after_second_upgrade", owners())
