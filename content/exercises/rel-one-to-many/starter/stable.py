"""Owners and their ponies: one owner has many ponies, a pony has at most
one owner.

The models map the owners and ponies tables that are already in the
database; nothing here creates tables. The ponies table already has its
owner_id column: the model just does not know it yet.
"""
from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Owner(db.Model):
    __tablename__ = "owners"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False)
    email = db.Column(db.String(120), nullable=False, unique=True)
    city = db.Column(db.String(80))
    # TODO: ponies, the list of this owner's Pony objects (a relationship
    # linked to Pony.owner)

    def __repr__(self):
        return f"<Owner {self.name}>"


class Pony(db.Model):
    __tablename__ = "ponies"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    colour = db.Column(db.String(20), nullable=False)
    age = db.Column(db.Integer)
    # TODO: owner_id, the column that holds the owner's id (a foreign key)
    # TODO: owner, the pony's Owner object or None (a relationship linked
    # to Owner.ponies)

    def __repr__(self):
        return f"<Pony {self.id} {self.name}>"


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///stable.db"
db.init_app(app)


def add_pony(owner_id, name, colour, age):
    """Creates a pony and gives it to the owner with this id by appending
    it to that owner's ponies; commits, and returns the new Pony."""
    # TODO: load the owner, append a new Pony to owner.ponies, add, commit
    raise NotImplementedError("TODO: add_pony()")


def move_pony(pony_id, owner_id):
    """Gives the pony with this id to the owner with that id, by setting
    the pony's owner; commits."""
    # TODO: load both, set pony.owner, commit
    raise NotImplementedError("TODO: move_pony()")
