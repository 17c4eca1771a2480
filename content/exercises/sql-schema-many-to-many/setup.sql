-- The two tables at the ends of the many-to-many relationship, with the
-- ponies and handlers of section 5.5's example.
CREATE TABLE pony (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);

CREATE TABLE handler (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);

INSERT INTO pony (id, name) VALUES (1, 'Bramble'), (2, 'Clover'), (3, 'Dusty');
INSERT INTO handler (id, name) VALUES (1, 'Hal'), (2, 'Ivy');
