-- The stable's database at revision a1_create_stable (the tables as
-- `flask db upgrade` made them), with the owners and ponies stored since.
-- Owner 6 has a one-word name; owner 7's family name has three words.
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL,
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('a1_create_stable');
CREATE TABLE owners (
	id INTEGER NOT NULL,
	name VARCHAR(80) NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE ponies (
	id INTEGER NOT NULL,
	name VARCHAR(50) NOT NULL,
	owner_id INTEGER,
	PRIMARY KEY (id),
	FOREIGN KEY(owner_id) REFERENCES owners (id)
);
INSERT INTO owners (id, name) VALUES
	(1, 'Amelia Hart'),
	(2, 'Ben Okafor'),
	(3, 'Chloé Martin'),
	(4, 'Dev Patel'),
	(5, 'Farah Haddad'),
	(6, 'Marisol'),
	(7, 'Gwen de la Cruz');
INSERT INTO ponies (id, name, owner_id) VALUES
	(1, 'Bluebell', 1),
	(2, 'Clover', 3),
	(3, 'Pepper', 6),
	(4, 'Willow', 7),
	(5, 'Hazel', NULL);
