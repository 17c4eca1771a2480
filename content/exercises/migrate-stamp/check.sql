-- Checks for migrate-stamp (the format: studyterm-exercise(5)).
-- The driver answers `scripts`: the revisions found in migrations/versions,
-- as a JSON object {revision: [its down_revisions]}.

-- check: alembic_version holds one row: b2_add_pony_colour, the newest revision
SELECT count(*) = 1 AND min(version_num) = 'b2_add_pony_colour' FROM alembic_version;

-- check: ponies has the column colour, so the database really is at b2_add_pony_colour
SELECT count(*) = 1 FROM pragma_table_info('ponies') WHERE name = 'colour';

-- check: owners and ponies were not created again (no CREATE TABLE for them ran)
SELECT count(*) = 0 FROM sql_log
WHERE sql LIKE 'CREATE TABLE owners%' OR sql LIKE 'CREATE TABLE ponies%';

-- check: the three owners and five ponies are still there, unchanged
SELECT (SELECT group_concat(id || ':' || name, ',') FROM (SELECT * FROM owners ORDER BY id))
       = '1:Dev Patel,2:Erin Walsh,3:Farah Haddad'
   AND (SELECT group_concat(id || ':' || name || ':' || coalesce(owner_id, '-'), ',')
        FROM (SELECT * FROM ponies ORDER BY id))
       = '1:Biscuit:1,2:Thistle:3,3:Maple:3,4:Juniper:-,5:Sorrel:2';

-- check: migrations/versions still holds just the two revisions (a1_create_stable and b2_add_pony_colour)
SELECT count(*) = 2 AND sum(s.key IN ('a1_create_stable', 'b2_add_pony_colour')) = 2
FROM answers AS a, json_each(a.value) AS s
WHERE a.name = 'scripts';
