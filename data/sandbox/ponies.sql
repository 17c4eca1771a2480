-- ponies: a small riding-stable dataset for SQL questions and exercises.
--
-- Tables: owners (8 rows), ponies (16), handlers (5) and the association
-- table pony_handlers (20), which says which handler looks after which pony
-- and since when. 49 rows in all.
--
-- The data is small enough to check by hand, but it is laid out so that a
-- sloppy query gives a different answer from a careful one:
--   * Ponies 5 (Hazel), 10 (Juniper) and 14 (Shadow) have no owner
--     (owner_id IS NULL): an inner join to owners drops them, and
--     "owner_id = NULL" finds none of them.
--   * Owner 5 (Erin Walsh) and owner 8 (Gwen Price) own no pony: they vanish
--     from an inner join and count as 1, not 0, under count(*) after a
--     LEFT JOIN (count(ponies.id) gives the right 0).
--   * Owners 4 (Dev Patel) and 7 (Ivo Novak) have no city (NULL): "city = NULL"
--     and "city <> 'Bristol'" both skip them.
--   * Two owners live in Bristol and two in Leeds, so grouping or DISTINCT
--     by city matters.
--   * Two different ponies are both called Bluebell (ids 1 and 12):
--     grouping by name merges them; DISTINCT on the name hides one.
--   * Ages tie: 4 (Bluebell, Pepper, Juniper), 7 (Clover, Thistle) and
--     5 (Sorrel, Bluebell 12); ORDER BY age alone leaves their order open.
--   * Pony 9 (Maple) has no known age (NULL): avg(age) and count(age) skip
--     it, count(*) does not; it sorts first under ORDER BY age.
--   * Pony 9 (Maple) and pony 16 (Pippin) have no handler; handler 5
--     (Vic Moreau) handles no pony.
--   * Several ponies have two handlers, so joining ponies to handlers
--     repeats ponies unless the query uses DISTINCT or groups.
--   * One pony_handlers row has no start date (since IS NULL).
--   * Handlers 2 (Sam Achebe) and 4 (Uma Sato) have the same experience.
--
-- Foreign keys hold: the script loads with PRAGMA foreign_keys=ON.

CREATE TABLE owners (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	email TEXT NOT NULL UNIQUE,
	city TEXT
);

CREATE TABLE ponies (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	colour TEXT NOT NULL,
	age INTEGER CHECK (age >= 0),
	owner_id INTEGER REFERENCES owners (id)
);

CREATE TABLE handlers (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	years_experience INTEGER NOT NULL
);

CREATE TABLE pony_handlers (
	pony_id INTEGER NOT NULL REFERENCES ponies (id),
	handler_id INTEGER NOT NULL REFERENCES handlers (id),
	since TEXT,
	PRIMARY KEY (pony_id, handler_id)
);

INSERT INTO owners (id, name, email, city) VALUES
	(1, 'Amelia Hart', 'amelia.hart@example.org', 'Bristol'),
	(2, 'Ben Okafor', 'ben.okafor@example.org', 'Leeds'),
	(3, 'Chloé Martin', 'chloe.martin@example.org', 'Bristol'),
	(4, 'Dev Patel', 'dev.patel@example.org', NULL),
	(5, 'Erin Walsh', 'erin.walsh@example.org', 'York'),
	(6, 'Farah Haddad', 'farah.haddad@example.org', 'Leeds'),
	(7, 'Ivo Novak', 'ivo.novak@example.org', NULL),
	(8, 'Gwen Price', 'gwen.price@example.org', 'Cardiff');

INSERT INTO ponies (id, name, colour, age, owner_id) VALUES
	(1, 'Bluebell', 'grey', 4, 1),
	(2, 'Clover', 'chestnut', 7, 1),
	(3, 'Pepper', 'black', 4, 2),
	(4, 'Willow', 'bay', 12, 3),
	(5, 'Hazel', 'chestnut', 9, NULL),
	(6, 'Biscuit', 'palomino', 2, 4),
	(7, 'Thistle', 'grey', 7, 6),
	(8, 'Duke', 'black', 15, 2),
	(9, 'Maple', 'bay', NULL, 7),
	(10, 'Juniper', 'grey', 4, NULL),
	(11, 'Sorrel', 'chestnut', 5, 6),
	(12, 'Bluebell', 'bay', 5, 3),
	(13, 'Nutmeg', 'palomino', 3, 4),
	(14, 'Shadow', 'black', 11, NULL),
	(15, 'Fern', 'dun', 6, 1),
	(16, 'Pippin', 'dun', 1, 7);

INSERT INTO handlers (id, name, years_experience) VALUES
	(1, 'Rosa Quinn', 12),
	(2, 'Sam Achebe', 3),
	(3, 'Tomás Ruiz', 7),
	(4, 'Uma Sato', 3),
	(5, 'Vic Moreau', 1);

INSERT INTO pony_handlers (pony_id, handler_id, since) VALUES
	(1, 1, '2021-03-14'),
	(1, 2, '2023-06-01'),
	(2, 1, '2019-09-30'),
	(3, 3, '2022-01-10'),
	(4, 1, '2018-05-20'),
	(4, 3, '2020-11-02'),
	(5, 2, '2023-02-15'),
	(6, 4, '2024-04-08'),
	(7, 3, '2021-07-19'),
	(7, 4, NULL),
	(8, 1, '2016-08-01'),
	(10, 4, '2022-10-03'),
	(11, 2, '2023-09-12'),
	(12, 3, '2020-03-27'),
	(12, 1, '2022-12-05'),
	(13, 4, '2024-01-22'),
	(14, 2, '2019-04-30'),
	(14, 3, '2021-02-11'),
	(15, 1, '2020-06-16'),
	(15, 4, '2023-03-09');
