"""The stable's models (section 5.3)."""
from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def utc_now():
    """The current time in UTC, for created_at."""
    return datetime.now(timezone.utc)


class Owner(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False)
    email = db.Column(db.String(120), nullable=False, unique=True)


class Pony(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    bio = db.Column(db.Text)
    born = db.Column(db.Date)
    height = db.Column(db.Float)
    retired = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utc_now)
    owner_id = db.Column(db.Integer, db.ForeignKey("owner.id"))
