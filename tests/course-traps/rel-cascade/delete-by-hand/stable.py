"""Owners, ponies and handlers, and what deleting takes with it.

The models map the tables that are already in the database (owners,
ponies, handlers and the association table pony_handlers); nothing here
creates tables.
"""
from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

pony_handlers = db.Table(
    "pony_handlers",
    db.Column("pony_id", db.ForeignKey("ponies.id"), primary_key=True),
    db.Column("handler_id", db.ForeignKey("handlers.id"), primary_key=True),
)


class Owner(db.Model):
    __tablename__ = "owners"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False)
    email = db.Column(db.String(120), nullable=False, unique=True)
    city = db.Column(db.String(80))
    # A pony cannot stay in the stable without its owner: deleting an owner
    # deletes their ponies, and so does taking a pony out of owner.ponies.
    ponies = db.relationship("Pony", back_populates="owner")

    def __repr__(self):
        return f"<Owner {self.name}>"


class Pony(db.Model):
    __tablename__ = "ponies"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    colour = db.Column(db.String(20), nullable=False)
    age = db.Column(db.Integer)
    owner_id = db.Column(db.Integer, db.ForeignKey("owners.id"))
    owner = db.relationship("Owner", back_populates="ponies")
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


def close_account(owner_id):
    """The owner leaves the stable: deletes the owner, and commits."""
    db.session.delete(db.session.get(Owner, owner_id))
    db.session.commit()


def give_up(owner_id, pony_id):
    """The owner gives up one of their ponies, which leaves the stable with
    no one to own it. Commits."""
    owner = db.session.get(Owner, owner_id)
    db.session.delete(db.session.get(Pony, pony_id))
    db.session.commit()
