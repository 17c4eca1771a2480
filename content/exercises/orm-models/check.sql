-- Checks for orm-models (the format: studyterm-exercise(5)).
-- The tables are the ones db.create_all() made from the learner's models;
-- the driver added Ann Lee, Bramble and Clover. The constraint checks use
-- INSERT OR IGNORE: a row that breaks NOT NULL or UNIQUE is then skipped.

-- check: db.create_all() made the tables owner and pony
SELECT (SELECT count(*) FROM sqlite_master
        WHERE type = 'table' AND name IN ('owner', 'pony')) = 2;

-- check: owner has the columns id INTEGER, name VARCHAR(80) and email VARCHAR(120)
-- expect:
VALUES ('id', 'INTEGER'), ('name', 'VARCHAR(80)'), ('email', 'VARCHAR(120)');
-- got:
SELECT name, upper(type) FROM pragma_table_info('owner');

-- check: pony has the columns id INTEGER, name VARCHAR(50), bio TEXT, born DATE, height FLOAT, retired BOOLEAN, created_at DATETIME and owner_id INTEGER
-- expect:
VALUES ('id', 'INTEGER'), ('name', 'VARCHAR(50)'), ('bio', 'TEXT'),
       ('born', 'DATE'), ('height', 'FLOAT'), ('retired', 'BOOLEAN'),
       ('created_at', 'DATETIME'), ('owner_id', 'INTEGER');
-- got:
SELECT name, upper(type) FROM pragma_table_info('pony');

-- check: id is the primary key of both tables, their only key column
SELECT (SELECT count(*) FROM pragma_table_info('owner') WHERE pk > 0) = 1
   AND (SELECT count(*) FROM pragma_table_info('owner') WHERE pk > 0 AND name = 'id') = 1
   AND (SELECT count(*) FROM pragma_table_info('pony') WHERE pk > 0) = 1
   AND (SELECT count(*) FROM pragma_table_info('pony') WHERE pk > 0 AND name = 'id') = 1;

-- check: an owner without a name or without an e-mail address is refused (nullable=False)
INSERT OR IGNORE INTO owner (name, email) VALUES (NULL, 'no.name@example.org');
INSERT OR IGNORE INTO owner (name, email) VALUES ('No Mail', NULL);
SELECT (SELECT count(*) FROM pragma_table_info('owner')) > 1
   AND (SELECT count(*) FROM owner WHERE name IS NULL OR email IS NULL) = 0;

-- check: two owners cannot share an e-mail address (unique=True)
INSERT OR IGNORE INTO owner (name, email) VALUES ('Bea Fox', 'twice@example.org');
INSERT OR IGNORE INTO owner (name, email) VALUES ('Cal Fox', 'twice@example.org');
SELECT (SELECT count(*) FROM owner WHERE email = 'twice@example.org') = 1
   AND EXISTS (SELECT 1 FROM pragma_index_list('owner') AS i
               WHERE i."unique" = 1
                 AND (SELECT group_concat(name) FROM pragma_index_info(i.name)) = 'email');

-- check: a pony without a name, a retired value or a created_at is refused (nullable=False)
INSERT OR IGNORE INTO pony (name, retired, created_at) VALUES (NULL, 0, '2024-05-01 10:00:00');
INSERT OR IGNORE INTO pony (name, retired, created_at) VALUES ('Dot', NULL, '2024-05-01 10:00:00');
INSERT OR IGNORE INTO pony (name, retired, created_at) VALUES ('Dot', 0, NULL);
SELECT (SELECT count(*) FROM pragma_table_info('pony')) > 1
   AND (SELECT count(*) FROM pony
        WHERE name IS NULL OR retired IS NULL OR created_at IS NULL) = 0;

-- check: bio, born, height and owner_id may be left empty: a pony with only name, retired and created_at is accepted
INSERT OR IGNORE INTO pony (name, retired, created_at) VALUES ('Echo', 0, '2024-05-01 10:00:00');
SELECT count(*) = 1 FROM pony WHERE name = 'Echo';

-- check: pony.owner_id is a foreign key to owner.id
SELECT count(*) = 1 FROM pragma_foreign_key_list('pony')
WHERE "table" = 'owner' AND "from" = 'owner_id' AND "to" = 'id';

-- check: the driver's sample rows are stored: Ann Lee, and her pony Bramble, born 2017-04-02, 13.2 hands, "Loves apples."
SELECT count(*) = 1
FROM pony AS p JOIN owner AS o ON p.owner_id = o.id
WHERE o.name = 'Ann Lee' AND o.email = 'ann.lee@example.org'
  AND p.name = 'Bramble' AND p.born = '2017-04-02' AND p.height = 13.2
  AND p.bio = 'Loves apples.';

-- check: retired is False when nobody says otherwise: Clover, added with only a name, is not retired
SELECT coalesce((SELECT retired = 0 FROM pony WHERE name = 'Clover'), 0)
   AND coalesce((SELECT json_extract(value, '$.clover_retired') = 0
                 FROM answers WHERE name = 'samples'), 0);

-- check: created_at comes from calling utc_now at each insert (default=utc_now, not utc_now()): Bramble and Clover, added a moment apart, have different times from today
SELECT coalesce((SELECT count(DISTINCT created_at) = 2
                        AND max(abs(julianday(created_at) - julianday('now'))) < 1
                 FROM pony WHERE name IN ('Bramble', 'Clover')), 0);
