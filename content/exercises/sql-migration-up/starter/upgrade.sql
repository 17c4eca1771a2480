-- Revision 5e6f7a8b9c0d, revises f06e5da5e8ae: add ponies.slug.

-- TODO 1. schema: add the text column slug to ponies.

-- TODO 2. data: fill it for every pony, e.g. 'bluebell-12'.

-- TODO 3. schema: the unique index uq_ponies_slug on ponies (slug).

-- TODO 4. record the new revision in alembic_version.
