"""Driver for orm-paginate: asks the learner's pony_page() for pages 1, 2,
4 and 5 (past the end), then requests the two views with Flask's test
client.

Answers: page(N), an object with the page's ids and its Pagination
attributes; GET /ponies?page=2, GET /ponies/12 and GET /ponies/99, each
an object with the status code and the JSON body (null if none), or
null when the view raised."""
import studyterm_harness as st

import stable


def summary(page):
    return {
        "ids": [p.id for p in page.items],
        "page": page.page,
        "pages": page.pages,
        "total": page.total,
        "has_prev": page.has_prev,
        "has_next": page.has_next,
        "prev_num": page.prev_num,
        "next_num": page.next_num,
    }


def pony_page(number):
    return summary(stable.pony_page(number))


with stable.app.app_context():
    failed = False
    for number in (1, 2, 4, 5):
        if failed:  # reported once is enough
            st.answer("page(%d)" % number, None)
            continue
        failed = st.call("page(%d)" % number, pony_page, number) is None
        stable.db.session.rollback()

# An error in a view reaches the driver (and the learner, with the file and
# line) instead of becoming a bare 500 response.
stable.app.config["PROPAGATE_EXCEPTIONS"] = True
client = stable.app.test_client()
for url, view in (("/ponies?page=2", "list_ponies"), ("/ponies/12", "show_pony"),
                  ("/ponies/99", "show_pony")):
    def get():
        response = client.get(url)
        print("GET %s -> %s" % (url, response.status), flush=True)
        return {"status": response.status_code, "json": response.get_json(silent=True)}
    get.__name__ = view
    st.call("GET " + url, get)
