-- Checks for migrate-init (the format: studyterm-exercise(5)).
-- The driver answers `scripts`: the revisions found in migrations/versions,
-- as a JSON object {revision: [its down_revisions]} (NULL without the folder).

-- check: migrations/versions holds one migration script, the first of its chain
SELECT count(*) = 1 AND sum(json_array_length(s.value)) = 0
FROM answers AS a, json_each(a.value) AS s
WHERE a.name = 'scripts';

-- check: the table owners has the columns id, name and email
SELECT group_concat(name, ',') = 'id,name,email'
FROM (SELECT name FROM pragma_table_info('owners') ORDER BY cid);

-- check: the table ponies has the columns id, name, colour, age and owner_id
SELECT group_concat(name, ',') = 'id,name,colour,age,owner_id'
FROM (SELECT name FROM pragma_table_info('ponies') ORDER BY cid);

-- check: ponies.owner_id is a foreign key to owners.id
SELECT count(*) = 1 FROM pragma_foreign_key_list('ponies')
WHERE "table" = 'owners' AND "from" = 'owner_id' AND coalesce("to", 'id') = 'id';

-- check: alembic_version holds one row: the revision of your migration script
SELECT count(*) = 1
   AND min(version_num) = (SELECT s.key FROM answers AS a, json_each(a.value) AS s
                           WHERE a.name = 'scripts')
FROM alembic_version;

-- check: flask db upgrade created both tables by running your migration (not db.create_all())
SELECT (SELECT count(*) FROM sql_log
        WHERE sql LIKE 'CREATE TABLE owners%' OR sql LIKE 'CREATE TABLE ponies%') = 2
   AND (SELECT count(*) FROM sql_log
        WHERE (sql LIKE 'CREATE TABLE owners%' OR sql LIKE 'CREATE TABLE ponies%')
          AND seq > (SELECT min(seq) FROM sql_log WHERE sql LIKE 'CREATE TABLE alembic_version%')
          AND seq < (SELECT min(seq) FROM sql_log WHERE sql LIKE 'INSERT INTO alembic_version%')) = 2;
