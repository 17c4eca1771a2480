# The flask commands to run, one a line (lines starting with # are skipped).
# Every run starts from a fresh copy of this folder and the database that
# db.create_all() built.
#
# TODO: bring this database under Flask-Migrate: record the revision its
#       schema already matches, then upgrade it to the newest revision.
