-- The one-to-many relationship of section 5.5, as tables.

CREATE TABLE owner (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);

CREATE TABLE pony (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	owner_id INTEGER REFERENCES owner (id)
);

INSERT INTO owner (id, name) VALUES (1, 'Ann'), (2, 'Bo');
INSERT INTO pony (name, owner_id) VALUES ('Bramble', 1), ('Clover', 1), ('Dusty', 2);
