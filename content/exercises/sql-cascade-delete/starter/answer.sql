-- The stable: owners, their ponies, the handlers, and who handles whom.
-- Deleting an owner should delete her ponies; deleting a pony its links;
-- a handler who still has ponies must not be deletable.

CREATE TABLE owner (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);

CREATE TABLE pony (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	-- TODO: what should happen to this pony when its owner is deleted?
	owner_id INTEGER NOT NULL REFERENCES owner (id)
);

CREATE TABLE handler (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);

CREATE TABLE pony_handler (
	-- TODO: and to this link when its pony is deleted? When its handler is?
	pony_id INTEGER NOT NULL REFERENCES pony (id),
	handler_id INTEGER NOT NULL REFERENCES handler (id),
	PRIMARY KEY (pony_id, handler_id)
);

INSERT INTO owner (id, name) VALUES (1, 'Ann'), (2, 'Bo');
INSERT INTO pony (id, name, owner_id) VALUES
	(1, 'Bramble', 1), (2, 'Clover', 1), (3, 'Dusty', 1), (4, 'Ember', 2);
INSERT INTO handler (id, name) VALUES (1, 'Hal'), (2, 'Ivy');
INSERT INTO pony_handler (pony_id, handler_id) VALUES
	(1, 1), (2, 1), (3, 1), (1, 2), (4, 2);
