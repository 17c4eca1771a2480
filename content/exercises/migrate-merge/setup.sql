-- The stable's database as revision a1_create_stable left it (the tables as
-- `flask db upgrade` made them), with the rows the app has stored since.
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
	(3, 'Chloé Martin');
INSERT INTO ponies (id, name, owner_id) VALUES
	(1, 'Bluebell', 1),
	(2, 'Clover', 1),
	(3, 'Pepper', 2),
	(4, 'Hazel', NULL);
