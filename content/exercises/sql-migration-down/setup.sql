-- The database after revision 5e6f7a8b9c0d (the exercise sql-migration-up):
-- the ponies dataset with the column slug, filled and uniquely indexed,
-- and Alembic's record of the revision.
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL,
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('5e6f7a8b9c0d');

ALTER TABLE ponies ADD COLUMN slug TEXT;
UPDATE ponies SET slug = lower(replace(name, ' ', '-')) || '-' || id;
CREATE UNIQUE INDEX uq_ponies_slug ON ponies (slug);
