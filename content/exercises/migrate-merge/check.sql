-- Checks for migrate-merge (the format: studyterm-exercise(5)).
-- The driver answers `scripts`, the revisions found in migrations/versions as
-- a JSON object {revision: [its down_revisions]}, and `heads`, the list of
-- revisions no other revision builds on.

-- check: migrations/versions holds a merge revision whose down_revision names b2_add_owner_email and c2_create_stalls
SELECT count(*) = 1
FROM answers AS a, json_each(a.value) AS s
WHERE a.name = 'scripts' AND s.value = json('["b2_add_owner_email","c2_create_stalls"]');

-- check: the revisions have one head again: the merge revision
SELECT json_array_length(h.value) = 1
   AND json_extract(h.value, '$[0]') =
       (SELECT s.key FROM answers AS a, json_each(a.value) AS s
        WHERE a.name = 'scripts' AND s.value = json('["b2_add_owner_email","c2_create_stalls"]'))
FROM answers AS h
WHERE h.name = 'heads';

-- check: alembic_version holds exactly one row: the merge revision
SELECT count(*) = 1
   AND min(version_num) =
       (SELECT s.key FROM answers AS a, json_each(a.value) AS s
        WHERE a.name = 'scripts' AND s.value = json('["b2_add_owner_email","c2_create_stalls"]'))
FROM alembic_version;

-- check: owners has the column email, from Ann's b2_add_owner_email
SELECT count(*) = 1 FROM pragma_table_info('owners') WHERE name = 'email';

-- check: the table stalls exists with id, label and pony_id, from Bo's c2_create_stalls
SELECT group_concat(name, ',') = 'id,label,pony_id'
FROM (SELECT name FROM pragma_table_info('stalls') ORDER BY cid);

-- check: the three owners and four ponies are still there, unchanged
SELECT (SELECT group_concat(id || ':' || name, ',') FROM (SELECT id, name FROM owners ORDER BY id))
       = '1:Amelia Hart,2:Ben Okafor,3:Chloé Martin'
   AND (SELECT group_concat(id || ':' || name || ':' || coalesce(owner_id, '-'), ',')
        FROM (SELECT * FROM ponies ORDER BY id))
       = '1:Bluebell:1,2:Clover:1,3:Pepper:2,4:Hazel:-';
