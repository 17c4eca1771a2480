-- The database as revision f06e5da5e8ae left it: the ponies dataset, plus
-- the table in which Alembic records the revision that was applied.
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL,
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('f06e5da5e8ae');
