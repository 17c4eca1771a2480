-- Downgrade of revision 5e6f7a8b9c0d, back to f06e5da5e8ae: undo the
-- upgrade's steps in reverse order.

-- 1. schema: first the index, then the column it was built on
DROP INDEX uq_ponies_slug;
ALTER TABLE ponies DROP COLUMN slug;

-- 2. the revision this database is at
UPDATE alembic_version SET version_num = 'f06e5da5e8ae';
