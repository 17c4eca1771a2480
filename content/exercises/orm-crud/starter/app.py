"""The stable's application: Flask with Flask-SQLAlchemy on sandbox.db.
Nothing to change here; the work is in crud.py."""
import os

from flask import Flask

from models import db

HERE = os.path.dirname(os.path.abspath(__file__))

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(HERE, "sandbox.db")
db.init_app(app)
