-- Checks for sql-table-constraints (the format: studyterm-exercise(5)).
-- The constraint checks use INSERT OR IGNORE: a row that breaks a NOT
-- NULL, UNIQUE or CHECK constraint is then skipped instead of failing.

-- check: the table pony has the columns id, name, coat, age and created_at, in that order
SELECT group_concat(name, ',') = 'id,name,coat,age,created_at'
FROM (SELECT name FROM pragma_table_info('pony') ORDER BY cid);

-- check: id is an INTEGER PRIMARY KEY, the only key column
SELECT (SELECT count(*) FROM pragma_table_info('pony')
        WHERE name = 'id' AND pk = 1 AND upper(type) = 'INTEGER') = 1
   AND (SELECT count(*) FROM pragma_table_info('pony') WHERE pk > 0) = 1;

-- check: a pony without a name is refused (NOT NULL)
INSERT OR IGNORE INTO pony (name, coat, age) VALUES (NULL, 'dun', 3);
SELECT (SELECT count(*) FROM pragma_table_info('pony')) > 0
   AND (SELECT count(*) FROM pony WHERE name IS NULL) = 0;

-- check: two ponies cannot share a name (UNIQUE)
INSERT OR IGNORE INTO pony (name, coat, age) VALUES ('Dusty', 'dun', 12);
INSERT OR IGNORE INTO pony (name, coat, age) VALUES ('Dusty', 'grey', 2);
SELECT count(*) = 1 FROM pony WHERE name = 'Dusty';

-- check: a pony without a coat is refused, and one whose INSERT leaves the coat out is bay
INSERT OR IGNORE INTO pony (name, coat, age) VALUES ('Ember', NULL, 2);
INSERT OR IGNORE INTO pony (name, age) VALUES ('Fable', 9);
SELECT (SELECT count(*) FROM pony WHERE name = 'Ember') = 0
   AND (SELECT coat FROM pony WHERE name = 'Fable') = 'bay';

-- check: a negative age is refused (CHECK), an unknown age is allowed
INSERT OR IGNORE INTO pony (name, coat, age) VALUES ('Gale', 'grey', -1);
INSERT OR IGNORE INTO pony (name, coat, age) VALUES ('Holly', 'grey', NULL);
SELECT (SELECT count(*) FROM pony WHERE name = 'Gale') = 0
   AND (SELECT count(*) FROM pony WHERE name = 'Holly' AND age IS NULL) = 1;

-- check: the database fills in created_at, the current date and time, when an INSERT leaves it out
INSERT OR IGNORE INTO pony (name, coat, age) VALUES ('Iris', 'bay', 5);
SELECT coalesce((SELECT created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] *'
                        AND abs(julianday(created_at) - julianday('now')) < 1
                 FROM pony WHERE name = 'Iris'), 0);

-- check: a pony with no created_at at all is refused (NOT NULL)
INSERT OR IGNORE INTO pony (name, coat, age, created_at) VALUES ('Juno', 'bay', 5, NULL);
SELECT (SELECT count(*) FROM pragma_table_info('pony')) > 0
   AND (SELECT count(*) FROM pony WHERE name = 'Juno') = 0;

-- check: Bramble (grey, 7) and Clover (bay, 4) are in the table
-- expect:
VALUES ('Bramble', 'grey', 7), ('Clover', 'bay', 4);
-- got:
SELECT name, coat, age FROM pony;
