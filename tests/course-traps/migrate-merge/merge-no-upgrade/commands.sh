# The flask commands to run, one a line (lines starting with # are skipped).
# Every run starts from a fresh copy of this folder and a database at
# revision a1_create_stable.
flask db merge heads -m "merge owner email and stalls"
