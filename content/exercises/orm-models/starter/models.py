"""The stable's models (section 5.3)."""
from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def utc_now():
    """The current time in UTC, for created_at."""
    return datetime.now(timezone.utc)


class Owner(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    # TODO: name and email


class Pony(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    # TODO: name, bio, born, height, retired, created_at and owner_id
