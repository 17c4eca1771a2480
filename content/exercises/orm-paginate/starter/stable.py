"""The stable's pony list, a page at a time, and a page for one pony.

Pony maps the ponies table that is already in the database; nothing here
creates tables.
"""
from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Pony(db.Model):
    __tablename__ = "ponies"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    colour = db.Column(db.String(20), nullable=False)
    age = db.Column(db.Integer)
    owner_id = db.Column(db.Integer)

    def __repr__(self):
        return f"<Pony {self.id} {self.name}>"


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///stable.db"
db.init_app(app)

PER_PAGE = 5


def pony_page(page):
    """Page number `page` (from 1) of all the ponies, PER_PAGE a page, in
    name order; a page past the end is an empty page, not an error.
    Returns Flask-SQLAlchemy's Pagination object."""
    # TODO: db.paginate(...) over a select() of the ponies
    raise NotImplementedError("TODO: pony_page() with db.paginate")


@app.get("/ponies")
def list_ponies():
    page = pony_page(request.args.get("page", 1, type=int))
    return {
        "ponies": [{"id": p.id, "name": p.name} for p in page.items],
        "page": page.page,
        "pages": page.pages,
        "total": page.total,
        "has_next": page.has_next,
        "next_num": page.next_num,
    }


@app.get("/ponies/<int:pony_id>")
def show_pony(pony_id):
    # TODO: load the pony, and answer 404 Not Found when there is none
    raise NotImplementedError("TODO: show_pony() with a 404 helper")
