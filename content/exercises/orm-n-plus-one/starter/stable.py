"""Two pages of the stable's site, and the queries behind them.

The models map the owners and ponies tables that are already in the
database; nothing here creates tables.
"""
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import joinedload, selectinload  # noqa: F401 (for you)

db = SQLAlchemy()


class Owner(db.Model):
    __tablename__ = "owners"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False)
    email = db.Column(db.String(120), nullable=False, unique=True)
    city = db.Column(db.String(80))
    ponies = db.relationship("Pony", back_populates="owner",
                             order_by="Pony.name")     # lazy="select"

    def __repr__(self):
        return f"<Owner {self.name}>"


class Pony(db.Model):
    __tablename__ = "ponies"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    colour = db.Column(db.String(20), nullable=False)
    age = db.Column(db.Integer)
    owner_id = db.Column(db.Integer, db.ForeignKey("owners.id"))
    owner = db.relationship("Owner", back_populates="ponies")  # lazy="select"

    def __repr__(self):
        return f"<Pony {self.id} {self.name}>"


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///stable.db"
db.init_app(app)


def owners_page():
    """Every owner, by id, with the names of their ponies in name order:
    a list of [owner name, [pony name, ...]] pairs."""
    # TODO: one SELECT for the owners, then one more for each owner's
    # ponies. Load the ponies of all the owners together instead.
    owners = db.session.scalars(db.select(Owner).order_by(Owner.id)).all()
    return [[owner.name, [pony.name for pony in owner.ponies]] for owner in owners]


def ponies_page():
    """Every pony, by id, with its owner's name (None for a pony without
    an owner): a list of [pony name, owner name] pairs."""
    # TODO: one SELECT for the ponies, then one for each owner they lead
    # to. Fetch the owners in the ponies' own SELECT instead.
    ponies = db.session.scalars(db.select(Pony).order_by(Pony.id)).all()
    return [[pony.name, pony.owner.name if pony.owner else None] for pony in ponies]
