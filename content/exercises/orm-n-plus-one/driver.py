"""Driver for orm-n-plus-one: calls the learner's two page functions, each
with an empty session, between two marker statements, so that the checks
can count the SELECTs each page sent.

The markers are the statements SELECT 'begin <page>' and SELECT 'end
<page>', sent on a connection of their own. Answers: owners_page and
ponies_page, the pages as the functions returned them (null on an
error)."""
import studyterm_harness as st
from sqlalchemy import text

import stable
from stable import db


def marker(words):
    with db.engine.connect() as connection:
        connection.execute(text("SELECT '%s'" % words))


with stable.app.app_context():
    for page in (stable.owners_page, stable.ponies_page):
        db.session.remove()  # nothing loaded yet: every page starts cold
        marker("begin " + page.__name__)
        st.call(page.__name__, page)
        marker("end " + page.__name__)
    db.session.remove()
