-- The pony table of section 5.3, with its column options as constraints.

CREATE TABLE pony (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	coat TEXT NOT NULL DEFAULT 'bay',
	age INTEGER CHECK (age >= 0),
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO pony (name, coat, age) VALUES ('Bramble', 'grey', 7);
INSERT INTO pony (name, age) VALUES ('Clover', 4);
