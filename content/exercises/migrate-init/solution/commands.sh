# The flask commands to run, one a line (lines starting with # are skipped).
# Every run starts from a fresh copy of this folder: no migrations/ folder,
# an empty sandbox.db.
flask db init
flask db migrate -m "create owners and ponies"
flask db upgrade
