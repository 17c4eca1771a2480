"""Driver for migrate-merge: replays the learner's commands.sh in a fresh copy
of the workspace, then reports the migration scripts and their heads."""
import os

import studyterm_harness as st

st.run_commands("commands.sh")

# The revisions in migrations/versions: {revision: [its down_revisions]},
# and the heads (revisions that no other revision builds on).
scripts = heads = None
if os.path.isdir(os.path.join("migrations", "versions")):
    from alembic.script import ScriptDirectory

    try:
        directory = ScriptDirectory("migrations")
        scripts = {}
        for rev in directory.walk_revisions():
            down = rev.down_revision
            if down is None:
                down = []
            elif isinstance(down, str):
                down = [down]
            scripts[rev.revision] = sorted(down)
        heads = sorted(directory.get_heads())
    except Exception:
        # A script Alembic cannot read: the harness reports the error.
        st.answer("scripts", None)
        st.answer("heads", None)
        raise
st.answer("scripts", scripts)
st.answer("heads", heads)
