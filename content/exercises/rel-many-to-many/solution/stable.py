"""Ponies and their handlers: a pony has several handlers, a handler looks
after several ponies, and the table pony_handlers holds one row per link.

The models map the ponies and handlers tables that are already in the
database, and pony_handlers is there too; nothing here creates tables.
"""
from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

pony_handlers = db.Table(
    "pony_handlers",
    db.Column("pony_id", db.ForeignKey("ponies.id"), primary_key=True),
    db.Column("handler_id", db.ForeignKey("handlers.id"), primary_key=True),
)


class Pony(db.Model):
    __tablename__ = "ponies"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    colour = db.Column(db.String(20), nullable=False)
    age = db.Column(db.Integer)
    handlers = db.relationship("Handler", secondary=pony_handlers,
                               back_populates="ponies")

    def __repr__(self):
        return f"<Pony {self.id} {self.name}>"


class Handler(db.Model):
    __tablename__ = "handlers"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False)
    years_experience = db.Column(db.Integer, nullable=False)
    ponies = db.relationship("Pony", secondary=pony_handlers,
                             back_populates="handlers")

    def __repr__(self):
        return f"<Handler {self.name}>"


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///stable.db"
db.init_app(app)


def assign(handler_id, pony_id):
    """The handler starts looking after the pony; if they already do,
    nothing changes. Commits."""
    handler = db.session.get(Handler, handler_id)
    pony = db.session.get(Pony, pony_id)
    if pony not in handler.ponies:
        handler.ponies.append(pony)
    db.session.commit()


def unassign(handler_id, pony_id):
    """The handler stops looking after the pony; the pony and the handler
    themselves stay. Commits."""
    handler = db.session.get(Handler, handler_id)
    pony = db.session.get(Pony, pony_id)
    if pony in handler.ponies:
        handler.ponies.remove(pony)
    db.session.commit()
