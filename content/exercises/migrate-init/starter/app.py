from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
migrate = Migrate()


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///stable.db"
    db.init_app(app)
    # TODO: connect Flask-Migrate to this app and its database, then import
    #       the models (models.py) so that autogenerate can see them.
    return app
