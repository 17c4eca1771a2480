-- The many-to-many relationship of section 5.5: the association table.
-- The tables pony and handler exist already (see setup.sql).

CREATE TABLE pony_handler (
	pony_id INTEGER NOT NULL REFERENCES pony (id),
	handler_id INTEGER NOT NULL REFERENCES handler (id),
	PRIMARY KEY (pony_id, handler_id)
);

INSERT INTO pony_handler (pony_id, handler_id)
SELECT pony.id, handler.id
FROM pony, handler
WHERE (handler.name = 'Hal' AND pony.name IN ('Bramble', 'Clover'))
   OR (handler.name = 'Ivy' AND pony.name IN ('Bramble', 'Dusty'));
