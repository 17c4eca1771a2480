from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
migrate = Migrate()


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///stable.db"
    db.init_app(app)
    migrate.init_app(app, db)
    import models  # noqa: F401
    # The old habit: build the tables at start-up. Autogenerate then finds
    # nothing to do, and the schema has no migration behind it.
    with app.app_context():
        db.create_all()
    return app
