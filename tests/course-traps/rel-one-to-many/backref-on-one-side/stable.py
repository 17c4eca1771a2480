"""Owners and their ponies: one owner has many ponies, a pony has at most
one owner.

The models map the owners and ponies tables that are already in the
database; nothing here creates tables. The ponies table already has its
owner_id column.
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
    ponies = db.relationship("Pony", backref="owner")

    def __repr__(self):
        return f"<Owner {self.name}>"


class Pony(db.Model):
    __tablename__ = "ponies"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    colour = db.Column(db.String(20), nullable=False)
    age = db.Column(db.Integer)
    owner_id = db.Column(db.Integer, db.ForeignKey("owners.id"))

    def __repr__(self):
        return f"<Pony {self.id} {self.name}>"


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///stable.db"
db.init_app(app)


def add_pony(owner_id, name, colour, age):
    """Creates a pony and gives it to the owner with this id by appending
    it to that owner's ponies; commits, and returns the new Pony."""
    owner = db.session.get(Owner, owner_id)
    pony = Pony(name=name, colour=colour, age=age)
    owner.ponies.append(pony)
    db.session.add(pony)
    db.session.commit()
    return pony


def move_pony(pony_id, owner_id):
    """Gives the pony with this id to the owner with that id, by setting
    the pony's owner; commits."""
    pony = db.session.get(Pony, pony_id)
    pony.owner = db.session.get(Owner, owner_id)
    db.session.commit()
