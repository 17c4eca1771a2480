# The flask commands to run, one a line (lines starting with # are skipped).
# Every run starts from a fresh copy of this folder and a database at
# revision a1_create_stable.
#
# TODO: generate a migration for the new column (with a message)
# TODO: apply it
# TODO: take it back one step
# TODO: apply it again
