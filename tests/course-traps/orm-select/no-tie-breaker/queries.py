"""Reading with select() (section 5.4). The driver calls these inside an
application context."""
from sqlalchemy import func, select

from models import Owner, Pony, db


def colour_names(colour):
    """The names of the ponies of this colour, in alphabetical order."""
    stmt = select(Pony.name).filter_by(colour=colour).order_by(Pony.name)
    return db.session.scalars(stmt).all()


def youngest(n):
    """The n youngest ponies of known age, as (name, age) tuples:
    youngest first, ponies of the same age by name."""
    stmt = (
        select(Pony.name, Pony.age)
        .where(Pony.age.is_not(None))
        .order_by(Pony.age)
        .limit(n)
    )
    return [(row.name, row.age) for row in db.session.execute(stmt)]


def count_colour(colour):
    """How many ponies have this colour, counted by the database."""
    stmt = select(func.count()).select_from(Pony).where(Pony.colour == colour)
    return db.session.scalar(stmt)


def owner_by_email(email):
    """The Owner with this e-mail address, or None when nobody has it."""
    stmt = select(Owner).filter_by(email=email)
    return db.session.execute(stmt).scalar_one_or_none()
