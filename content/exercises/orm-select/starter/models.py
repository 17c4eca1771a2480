"""Models mapped onto the tables the ponies dataset already has (so never
call db.create_all() on them). Nothing to change here."""
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Owner(db.Model):
    __tablename__ = "owners"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.Text, nullable=False)
    email = db.Column(db.Text, nullable=False, unique=True)
    city = db.Column(db.Text)

    def __repr__(self):
        return f"<Owner {self.id} {self.name!r}>"


class Pony(db.Model):
    __tablename__ = "ponies"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.Text, nullable=False)
    colour = db.Column(db.Text, nullable=False)
    age = db.Column(db.Integer)
    owner_id = db.Column(db.Integer, db.ForeignKey("owners.id"))

    def __repr__(self):
        return f"<Pony {self.id} {self.name!r}>"
