"""Driver for orm-legacy-query: calls the learner's reads in stable.py and
records what they return, and which API built them.

Answers: each function's result (ponies and owners as names, or a pony as
[id, name, colour]); query.<function>, how many legacy Query objects the
calls built (Model.query and db.session.query both make one); and
get.pony_by_id, how many times Session.get was called."""
import studyterm_harness as st
from sqlalchemy.orm import Query, Session

built = {"query": 0, "get": 0}
_query_init = Query.__init__
_session_get = Session.get


def _counting_init(self, *args, **kwargs):
    built["query"] += 1
    _query_init(self, *args, **kwargs)


def _counting_get(self, *args, **kwargs):
    built["get"] += 1
    return _session_get(self, *args, **kwargs)


Query.__init__ = _counting_init
Session.get = _counting_get

import stable  # noqa: E402  (the learner's module, after the counters)


def name_of(obj):
    return None if obj is None else getattr(obj, "name", obj)


def names(result):
    return None if result is None else [name_of(x) for x in result]


def pony_row(pony):
    if pony is None:
        return None
    return [getattr(pony, "id", None), name_of(pony), getattr(pony, "colour", None)]


def measure(function, calls, convert):
    """Calls function once for each (answer name, args) and records each
    result through convert (after an error, the later calls are skipped and
    answered None), then how many Query objects and Session.get calls all
    the calls made."""
    name = function.__name__
    query0, get0 = built["query"], built["get"]
    raised = False
    for answer, args in calls:
        if raised:  # reported once is enough
            st.answer(answer, None)
            continue
        state = {"raised": True}

        def call(*a):
            result = convert(function(*a))
            state["raised"] = False
            return result
        call.__name__ = name
        st.call(answer, call, *args)
        raised = state["raised"]
        stable.db.session.rollback()
    st.answer("query." + name, built["query"] - query0)
    st.answer("get." + name, built["get"] - get0)


with stable.app.app_context():
    measure(stable.grey_ponies, [("grey_ponies", ())], names)
    measure(stable.young_ponies, [("young_ponies(5)", (5,))], names)
    measure(stable.oldest_pony_of, [("oldest_pony_of(1)", (1,)),
                                    ("oldest_pony_of(7)", (7,)),
                                    ("oldest_pony_of(5)", (5,))], name_of)
    measure(stable.count_colour, [("count_colour(chestnut)", ("chestnut",)),
                                  ("count_colour(white)", ("white",))], lambda n: n)
    measure(stable.owners_in, [("owners_in(Leeds)", ("Leeds",)),
                               ("owners_in(Paris)", ("Paris",))], names)
    measure(stable.pony_by_id, [("pony_by_id(12)", (12,)),
                                ("pony_by_id(99)", (99,))], pony_row)
