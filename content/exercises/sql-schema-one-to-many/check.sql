-- Checks for sql-schema-one-to-many (the format: studyterm-exercise(5)).

-- check: the table owner has the columns id and name
SELECT count(*) = 2 FROM pragma_table_info('owner') WHERE name IN ('id', 'name');

-- check: owner.id is an INTEGER PRIMARY KEY, the table's only key column
SELECT (SELECT count(*) FROM pragma_table_info('owner')
        WHERE name = 'id' AND pk = 1 AND upper(type) = 'INTEGER') = 1
   AND (SELECT count(*) FROM pragma_table_info('owner') WHERE pk > 0) = 1;

-- check: an owner without a name is refused (name NOT NULL)
INSERT OR IGNORE INTO owner (name) VALUES (NULL);
SELECT count(*) = 0 FROM owner WHERE name IS NULL;

-- check: the table pony has the columns id, name and owner_id
SELECT count(*) = 3 FROM pragma_table_info('pony') WHERE name IN ('id', 'name', 'owner_id');

-- check: pony.id is an INTEGER PRIMARY KEY and a pony without a name is refused
INSERT OR IGNORE INTO pony (name) VALUES (NULL);
SELECT (SELECT count(*) FROM pragma_table_info('pony')
        WHERE name = 'id' AND pk = 1 AND upper(type) = 'INTEGER') = 1
   AND (SELECT count(*) FROM pony WHERE name IS NULL) = 0;

-- check: the foreign key is on the many side: pony.owner_id references owner.id
SELECT count(*) = 1 FROM pragma_foreign_key_list('pony')
WHERE "table" = 'owner' AND "from" = 'owner_id' AND coalesce("to", 'id') = 'id';

-- check: the owner table has no foreign key and no pony column (an owner row cannot list its ponies)
SELECT (SELECT count(*) FROM pragma_table_info('owner')) > 0
   AND (SELECT count(*) FROM pragma_foreign_key_list('owner')) = 0
   AND (SELECT count(*) FROM pragma_table_info('owner') WHERE name LIKE '%pon%') = 0;

-- check: a pony whose owner_id names no owner is refused by the foreign key
-- Deferring the foreign keys lets the INSERT through so that
-- foreign_key_check can say whether a declared foreign key objects to it.
PRAGMA defer_foreign_keys = ON;
INSERT INTO pony (name, owner_id) VALUES ('Ghost', 999);
CREATE TEMP TABLE fk_problems AS SELECT * FROM pragma_foreign_key_check('pony');
SELECT count(*) = 1 FROM temp.fk_problems WHERE parent = 'owner';

-- check: a pony may have no owner yet (owner_id NULL is allowed)
INSERT INTO pony (name, owner_id) VALUES ('Stray', NULL);
SELECT count(*) = 1 FROM pony WHERE name = 'Stray' AND owner_id IS NULL;

-- check: Ann owns Bramble and Clover, Bo owns Dusty, and nobody else is there
-- expect:
VALUES ('Ann', 'Bramble'), ('Ann', 'Clover'), ('Bo', 'Dusty');
-- got:
SELECT owner.name, pony.name FROM pony LEFT JOIN owner ON owner.id = pony.owner_id
UNION ALL
SELECT owner.name, NULL FROM owner
WHERE NOT EXISTS (SELECT 1 FROM pony WHERE pony.owner_id = owner.id);
