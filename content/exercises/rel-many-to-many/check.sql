-- Checks for rel-many-to-many (the format: studyterm-exercise(5)).
-- answers: see driver.py's docstring. pony_handlers holds the links that
-- assign() and unassign() committed.

-- check: both relationships go through the association table pony_handlers (secondary=), the table already in the database
SELECT count(*) = 2 AND min(json_extract(value, '$.secondary') = 'pony_handlers') = 1
FROM answers WHERE name IN ('Pony.handlers', 'Handler.ponies') AND value IS NOT NULL;

-- check: Pony.handlers and Handler.ponies are many-to-many relationships with back_populates naming each other, one in each class
SELECT count(*) = 2 AND sum(json_extract(value, '$.direction') = 'MANYTOMANY') = 2
   AND sum(json_extract(value, '$.backref')) = 0
   AND sum(name = 'Pony.handlers' AND json_extract(value, '$.target') = 'Handler'
           AND json_extract(value, '$.back_populates') = 'ponies') = 1
   AND sum(name = 'Handler.ponies' AND json_extract(value, '$.target') = 'Pony'
           AND json_extract(value, '$.back_populates') = 'handlers') = 1
FROM answers WHERE name IN ('Pony.handlers', 'Handler.ponies') AND value IS NOT NULL;

-- check: the two sides are linked in memory: appending a pony to handler.ponies puts the handler in pony.handlers
SELECT value = 1 FROM answers WHERE name = 'linked_in_memory';

-- check: pony.handlers reads the link table: Bluebell (1) has Rosa Quinn and Sam Achebe, Maple (9) has nobody
SELECT (SELECT value FROM answers WHERE name = 'handlers_of(1)')
           = json('["Rosa Quinn","Sam Achebe"]')
   AND (SELECT value FROM answers WHERE name = 'handlers_of(9)') = '[]';

-- check: handler.ponies reads it the other way: Tomás Ruiz (3) looks after ponies 3, 4, 7, 12 and 14
SELECT value = json('[3,4,7,12,14]') FROM answers WHERE name = 'ponies_of(3)';

-- check: assign(5, 9) committed the link (pony 9, handler 5): Vic Moreau now looks after Maple
SELECT count(*) = 1 FROM pony_handlers WHERE pony_id = 9 AND handler_id = 5;

-- check: unassign(1, 4) deleted the link (pony 4, handler 1): Rosa Quinn no longer looks after Willow, and Tomás Ruiz still does
SELECT (SELECT count(*) FROM pony_handlers WHERE pony_id = 4 AND handler_id = 1) = 0
   AND (SELECT count(*) FROM pony_handlers WHERE pony_id = 4 AND handler_id = 3) = 1;

-- check: assign(1, 1) ran without an error and changed nothing: Rosa Quinn already looked after Bluebell
SELECT (SELECT value FROM answers WHERE name = 'assign(1, 1)') = 1
   AND (SELECT count(*) FROM pony_handlers WHERE pony_id = 1 AND handler_id = 1
                                             AND since = '2021-03-14') = 1;

-- check: the other links are as they were, their since dates included (19 links besides the new one)
-- expect:
VALUES (1, 1, '2021-03-14'), (1, 2, '2023-06-01'), (2, 1, '2019-09-30'),
       (3, 3, '2022-01-10'), (4, 3, '2020-11-02'), (5, 2, '2023-02-15'),
       (6, 4, '2024-04-08'), (7, 3, '2021-07-19'), (7, 4, NULL),
       (8, 1, '2016-08-01'), (10, 4, '2022-10-03'), (11, 2, '2023-09-12'),
       (12, 3, '2020-03-27'), (12, 1, '2022-12-05'), (13, 4, '2024-01-22'),
       (14, 2, '2019-04-30'), (14, 3, '2021-02-11'), (15, 1, '2020-06-16'),
       (15, 4, '2023-03-09');
-- got:
SELECT pony_id, handler_id, since FROM pony_handlers
WHERE NOT (pony_id = 9 AND handler_id = 5);

-- check: no pony and no handler was created or deleted: 16 ponies, 5 handlers
SELECT (SELECT count(*) FROM ponies) = 16 AND (SELECT count(*) FROM handlers) = 5;
