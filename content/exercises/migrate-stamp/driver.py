"""Driver for migrate-stamp: replays the learner's commands.sh in a fresh copy
of the workspace, then reports the migration scripts it left behind."""
import os

import studyterm_harness as st

st.run_commands("commands.sh")

# The revisions in migrations/versions: {revision: [its down_revisions]}.
scripts = None
if os.path.isdir(os.path.join("migrations", "versions")):
    from alembic.script import ScriptDirectory

    try:
        scripts = {}
        for rev in ScriptDirectory("migrations").walk_revisions():
            down = rev.down_revision
            if down is None:
                down = []
            elif isinstance(down, str):
                down = [down]
            scripts[rev.revision] = sorted(down)
    except Exception:
        # A script Alembic cannot read: the harness reports the error.
        st.answer("scripts", None)
        raise
st.answer("scripts", scripts)
