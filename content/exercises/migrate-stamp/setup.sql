-- The stable's database as the app built it before it used migrations: one
-- db.create_all() call, back when Pony had no colour column (the same schema
-- as revision a1_create_stable). No alembic_version table: Alembic has never
-- run here.
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
	(1, 'Dev Patel'),
	(2, 'Erin Walsh'),
	(3, 'Farah Haddad');
INSERT INTO ponies (id, name, owner_id) VALUES
	(1, 'Biscuit', 1),
	(2, 'Thistle', 3),
	(3, 'Maple', 3),
	(4, 'Juniper', NULL),
	(5, 'Sorrel', 2);
