-- Checks for migrate-add-column (the format: studyterm-exercise(5)).
-- The driver answers `scripts`: the revisions found in migrations/versions,
-- as a JSON object {revision: [its down_revisions]}.

-- check: owners has the new column city
SELECT count(*) = 1 FROM pragma_table_info('owners') WHERE name = 'city';

-- check: migrations/versions holds a new revision whose down_revision is a1_create_stable
SELECT count(*) = 1
FROM answers AS a, json_each(a.value) AS s
WHERE a.name = 'scripts' AND s.value = json('["a1_create_stable"]');

-- check: alembic_version is at your new revision, in its one row
SELECT count(*) = 1
   AND min(version_num) = (SELECT s.key FROM answers AS a, json_each(a.value) AS s
                           WHERE a.name = 'scripts' AND s.value = json('["a1_create_stable"]'))
FROM alembic_version;

-- check: the run added city, the downgrade went back to a1_create_stable, and the second upgrade added city again
SELECT (SELECT count(*) FROM sql_log WHERE sql LIKE 'ALTER TABLE owners ADD COLUMN city%') = 2
   AND EXISTS (SELECT 1 FROM sql_log AS d
               WHERE d.sql LIKE 'UPDATE alembic_version SET version_num=''a1_create_stable''%'
                 AND d.seq > (SELECT min(seq) FROM sql_log
                              WHERE sql LIKE 'ALTER TABLE owners ADD COLUMN city%')
                 AND d.seq < (SELECT max(seq) FROM sql_log
                              WHERE sql LIKE 'ALTER TABLE owners ADD COLUMN city%'));

-- check: the three owners and four ponies are still there, unchanged
SELECT (SELECT group_concat(id || ':' || name, ',') FROM (SELECT * FROM owners ORDER BY id))
       = '1:Amelia Hart,2:Ben Okafor,3:Chloé Martin'
   AND (SELECT group_concat(id || ':' || name || ':' || coalesce(owner_id, '-'), ',')
        FROM (SELECT * FROM ponies ORDER BY id))
       = '1:Bluebell:1,2:Clover:1,3:Pepper:2,4:Hazel:-';
