"""Ponies and their handlers: a pony has several handlers, a handler looks
after several ponies, and the table pony_handlers holds one row per link.

The models map the ponies and handlers tables that are already in the
database, and pony_handlers is there too; nothing here creates tables.
"""
from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

# TODO: pony_handlers, the association table, declared with db.Table: its
# name in the database, and a column for each of the two foreign keys.


class Pony(db.Model):
    __tablename__ = "ponies"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    colour = db.Column(db.String(20), nullable=False)
    age = db.Column(db.Integer)
    # TODO: handlers, this pony's Handler objects (through pony_handlers,
    # linked to Handler.ponies)

    def __repr__(self):
        return f"<Pony {self.id} {self.name}>"


class Handler(db.Model):
    __tablename__ = "handlers"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False)
    years_experience = db.Column(db.Integer, nullable=False)
    # TODO: ponies, the Pony objects this handler looks after (through
    # pony_handlers, linked to Pony.handlers)

    def __repr__(self):
        return f"<Handler {self.name}>"


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///stable.db"
db.init_app(app)


def assign(handler_id, pony_id):
    """The handler starts looking after the pony; if they already do,
    nothing changes. Commits."""
    # TODO: through the relationship's collection
    raise NotImplementedError("TODO: assign()")


def unassign(handler_id, pony_id):
    """The handler stops looking after the pony; the pony and the handler
    themselves stay. Commits."""
    # TODO: through the relationship's collection
    raise NotImplementedError("TODO: unassign()")
