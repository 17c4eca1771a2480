"""Questions about the stable that cross relationships.

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

# Each function returns a list of model objects, from one select() that
# the database answers: no Python loop over relationships.


def ponies_in_city(city):
    """The ponies whose owner lives in city, by name, then by id."""
    return db.session.scalars(
        db.select(Pony)
        .join(Pony.owner)
        .where(Owner.city == city)
        .order_by(Pony.name, Pony.id)
    ).all()


def owners_with_colour(colour):
    """The owners with at least one pony of that colour, each owner once,
    by name."""
    return db.session.scalars(
        db.select(Owner)
        .where(Owner.ponies.any(Pony.colour == colour))
        .order_by(Owner.name)
    ).all()


def ponies_with_handler_of(min_years):
    """The ponies looked after by at least one handler with min_years or
    more of experience, each pony once, by name, then by id."""
    return db.session.scalars(
        db.select(Pony)
        .join(Pony.handlers)
        .where(Handler.years_experience >= min_years)
        .distinct()
        .order_by(Pony.name, Pony.id)
    ).all()


def ponies_of_owners_without_city():
    """The ponies whose owner's city is unknown (NULL), by name, then by
    id. A pony without an owner has no owner's city either, but it is not
    one of these."""
    return db.session.scalars(
        db.select(Pony)
        .where(Pony.owner.has(Owner.city.is_(None)))
        .order_by(Pony.name, Pony.id)
    ).all()
