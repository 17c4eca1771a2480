-- Checks for sql-schema-many-to-many (the format: studyterm-exercise(5)).

-- check: the table pony_handler has the two columns pony_id and handler_id, and no others
SELECT group_concat(name, ',') = 'handler_id,pony_id'
FROM (SELECT name FROM pragma_table_info('pony_handler') ORDER BY name);

-- check: the primary key is the pair (pony_id, handler_id)
SELECT (SELECT count(*) FROM pragma_table_info('pony_handler') WHERE pk > 0) = 2
   AND (SELECT count(*) FROM pragma_table_info('pony_handler')
        WHERE pk > 0 AND name IN ('pony_id', 'handler_id')) = 2;

-- check: pony_id is a foreign key to pony.id
SELECT count(*) = 1 FROM pragma_foreign_key_list('pony_handler')
WHERE "table" = 'pony' AND "from" = 'pony_id' AND coalesce("to", 'id') = 'id';

-- check: handler_id is a foreign key to handler.id
SELECT count(*) = 1 FROM pragma_foreign_key_list('pony_handler')
WHERE "table" = 'handler' AND "from" = 'handler_id' AND coalesce("to", 'id') = 'id';

-- check: the same link cannot be stored twice
INSERT OR IGNORE INTO pony_handler (pony_id, handler_id) VALUES (3, 1);
INSERT OR IGNORE INTO pony_handler (pony_id, handler_id) VALUES (3, 1);
SELECT count(*) = 1 FROM pony_handler WHERE pony_id = 3 AND handler_id = 1;

-- check: a link to a handler or a pony that does not exist is refused
-- Deferring the foreign keys lets the INSERTs through so that
-- foreign_key_check can say which declared foreign keys object to them.
PRAGMA defer_foreign_keys = ON;
INSERT OR IGNORE INTO pony_handler (pony_id, handler_id) VALUES (1, 99), (99, 1);
CREATE TEMP TABLE fk_problems AS SELECT * FROM pragma_foreign_key_check('pony_handler');
SELECT (SELECT count(*) FROM temp.fk_problems WHERE parent = 'handler') = 1
   AND (SELECT count(*) FROM temp.fk_problems WHERE parent = 'pony') = 1;

-- check: the four links are stored: Hal with Bramble and Clover, Ivy with Bramble and Dusty
-- expect:
VALUES ('Hal', 'Bramble'), ('Hal', 'Clover'), ('Ivy', 'Bramble'), ('Ivy', 'Dusty');
-- got:
SELECT handler.name, pony.name
FROM pony_handler
LEFT JOIN handler ON handler.id = pony_handler.handler_id
LEFT JOIN pony ON pony.id = pony_handler.pony_id;

-- check: the tables pony and handler are as they were (the links live in their own table)
SELECT (SELECT group_concat(name, ',') FROM pragma_table_info('pony')) = 'id,name'
   AND (SELECT group_concat(name, ',') FROM pragma_table_info('handler')) = 'id,name'
   AND (SELECT count(*) FROM pony) = 3 AND (SELECT count(*) FROM handler) = 2;
