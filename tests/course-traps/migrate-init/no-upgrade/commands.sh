# Writes the migration but never applies it.
flask db init
flask db migrate -m "create owners and ponies"
