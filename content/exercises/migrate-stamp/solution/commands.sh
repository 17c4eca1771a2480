# The flask commands to run, one a line (lines starting with # are skipped).
# Every run starts from a fresh copy of this folder and the database that
# db.create_all() built.
flask db history
flask db stamp a1_create_stable
flask db upgrade
