"""The stable's reads, written with the legacy Model.query API.

The models map the tables that are already in the database (owners and
ponies); nothing here creates tables.
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


# ---- Part 1: write these with Model.query (Pony.query...) ----------------


def grey_ponies():
    """The ponies whose colour is 'grey', as a list, in name order."""
    return db.session.scalars(
        db.select(Pony).filter_by(colour="grey").order_by(Pony.name)).all()


def young_ponies(max_age):
    """The ponies younger than max_age, youngest first; ponies of the same
    age in name order."""
    return (Pony.query.filter(Pony.age < max_age)
            .order_by(Pony.age, Pony.name).all())


def oldest_pony_of(owner_id):
    """The oldest pony of the owner with this id, or None if they own none."""
    return (Pony.query.filter_by(owner_id=owner_id)
            .order_by(Pony.age.desc()).first())


def count_colour(colour):
    """How many ponies have this colour (an int)."""
    return Pony.query.filter_by(colour=colour).count()


# ---- Part 2: these work, but use the legacy API. Rewrite them in the ----
# ---- 2.0 spelling: no Model.query and no db.session.query left.      ----


def owners_in(city):
    """The owners who live in city, in name order."""
    return db.session.scalars(
        db.select(Owner).filter_by(city=city).order_by(Owner.name)
    ).all()


def pony_by_id(pony_id):
    """The pony with this primary key, or None."""
    return db.session.get(Pony, pony_id)
