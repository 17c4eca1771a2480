# The flask commands to run, one a line (lines starting with # are skipped).
# Every run starts from a fresh copy of this folder: no migrations/ folder,
# an empty sandbox.db.
#
# TODO: create the migration repository (migrations/)
# TODO: generate the first migration from the models, with a message
# TODO: apply it to the database
