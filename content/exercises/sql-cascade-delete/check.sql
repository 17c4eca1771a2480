-- Checks for sql-cascade-delete (the format: studyterm-exercise(5)).
-- The deletes run before each check's last query; a delete that fails
-- fails its check with the error (FOREIGN KEY constraint failed).

-- check: all the rows are there: 2 owners, 4 ponies, 2 handlers, 5 links
SELECT (SELECT count(*) FROM owner) = 2 AND (SELECT count(*) FROM pony) = 4
   AND (SELECT count(*) FROM handler) = 2 AND (SELECT count(*) FROM pony_handler) = 5;

-- check: deleting Ann deletes her three ponies and leaves Bo's Ember
DELETE FROM owner WHERE name = 'Ann';
SELECT group_concat(name, ',') = 'Ember' FROM pony;

-- check: deleting Ann also deletes the links of her ponies: only Ember's link to Ivy is left
DELETE FROM owner WHERE name = 'Ann';
SELECT count(*) = 1 AND min(pony_id) = 4 AND min(handler_id) = 2 FROM pony_handler;

-- check: deleting Ann leaves both handlers, even Hal, who now handles no pony
DELETE FROM owner WHERE name = 'Ann';
SELECT count(*) = 2 FROM handler;

-- check: deleting the pony Bramble deletes its two links and nothing else
DELETE FROM pony WHERE name = 'Bramble';
SELECT (SELECT count(*) FROM pony_handler) = 3
   AND (SELECT count(*) FROM pony_handler WHERE pony_id = 1) = 0
   AND (SELECT count(*) FROM pony) = 3 AND (SELECT count(*) FROM owner) = 2
   AND (SELECT count(*) FROM handler) = 2;

-- check: deleting Bo deletes Ember and Ember's link, and nothing of Ann's
DELETE FROM owner WHERE name = 'Bo';
SELECT (SELECT count(*) FROM pony) = 3 AND (SELECT count(*) FROM pony_handler) = 4;

-- check: a handler who still looks after ponies cannot be deleted: the links to Hal must not cascade
-- Deferring the foreign keys lets the DELETE through so that
-- foreign_key_check can say whether the links still point at Hal.
PRAGMA defer_foreign_keys = ON;
DELETE FROM handler WHERE name = 'Hal';
CREATE TEMP TABLE fk_problems AS SELECT * FROM pragma_foreign_key_check('pony_handler');
SELECT (SELECT count(*) FROM pony_handler) = 5
   AND (SELECT count(*) FROM temp.fk_problems WHERE parent = 'handler') = 3;
