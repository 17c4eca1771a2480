-- Downgrade of revision 5e6f7a8b9c0d, back to f06e5da5e8ae: undo the
-- upgrade's steps in reverse order.

-- TODO 1. schema: remove the unique index uq_ponies_slug and the column slug.

-- TODO 2. record the old revision, f06e5da5e8ae, in alembic_version.
