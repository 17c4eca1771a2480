-- Revision 5e6f7a8b9c0d, revises f06e5da5e8ae: add ponies.slug.

-- 1. schema: the column, nullable for now
ALTER TABLE ponies ADD COLUMN slug TEXT;

-- 2. data: fill it for the existing rows
UPDATE ponies SET slug = lower(replace(name, ' ', '-')) || '-' || id;

-- 3. schema: now it can be unique
CREATE UNIQUE INDEX uq_ponies_slug ON ponies (slug);

-- 4. the revision this database is at
UPDATE alembic_version SET version_num = '5e6f7a8b9c0d';
