# The driver of orm-crud: calls the learner's crud.py, all inside one
# application context and so with one session (every statement is
# recorded).
import studyterm_harness as st
from app import app
from models import Pony, db
import crud

kept = []  # the session's identity map holds objects weakly: keep them


def get_pony(pony_id):
    pony = crud.get_pony(pony_id)
    kept.append(pony)
    if pony is None:
        return {"pony": None}
    if not isinstance(pony, Pony):
        return {"pony": "not a Pony but %r" % (pony,)}
    return {"pony": [pony.id, pony.name, pony.colour, pony.age]}


def returned(fn):
    """fn wrapped so that its result is recorded as {"result": ...}: a
    None it returned then differs from the NULL of a call that failed."""
    def wrapper(*args):
        return {"result": fn(*args)}
    wrapper.__name__ = fn.__name__
    return wrapper


def write(name, fn, *args):
    """Calls a function that must commit its change, then throws away
    whatever it left uncommitted, as the end of a request would."""
    result = st.call(name, fn, *args)
    db.session.rollback()
    return result


with app.app_context():
    st.call("pony_4", get_pony, 4)
    st.call("pony_4_again", get_pony, 4)
    st.call("pony_99", get_pony, 99)
    # No rollback here: the learner's add_owner must do it.
    st.call("owner_taken", returned(crud.add_owner),
            "Amelia Again", "amelia.hart@example.org", "Bath")
    tess = write("owner_tess", crud.add_owner,
                 "Tess Bell", "tess.bell@example.org", "Bath")
    write("pony_quince", crud.add_pony, "Quince", "roan", 3, tess)
    write("give_hazel", returned(crud.give_pony), 5, 5)
    write("delete_16", crud.delete_pony, 16)
    write("delete_99", crud.delete_pony, 99)
