-- Checks for migrate-data (the format: studyterm-exercise(5)).
-- The driver runs flask db upgrade, downgrade and upgrade, and after each
-- step answers the owners table as {"columns": [...], "rows": [{...}, ...]}:
-- after_upgrade, after_downgrade, after_second_upgrade. It also answers
-- imports_app: whether b2_split_owner_name.py imports app or models.

-- check: the upgrade split every name at its first space (a one-word name gives last_name '')
-- expect:
VALUES (1, 'Amelia', 'Hart'), (2, 'Ben', 'Okafor'), (3, 'Chloé', 'Martin'),
       (4, 'Dev', 'Patel'), (5, 'Farah', 'Haddad'), (6, 'Marisol', ''),
       (7, 'Gwen', 'de la Cruz');
-- got:
SELECT json_extract(r.value, '$.id'), json_extract(r.value, '$.first_name'),
       json_extract(r.value, '$.last_name')
FROM answers AS a, json_each(a.value, '$.rows') AS r
WHERE a.name = 'after_upgrade';

-- check: after the upgrade, owners has the columns id, first_name and last_name (name is gone)
SELECT coalesce((SELECT json_extract(value, '$.columns') = json('["id","first_name","last_name"]')
                 FROM answers WHERE name = 'after_upgrade'), 0);

-- check: the downgrade put every owner's name back exactly as it was
-- expect:
VALUES (1, 'Amelia Hart'), (2, 'Ben Okafor'), (3, 'Chloé Martin'), (4, 'Dev Patel'),
       (5, 'Farah Haddad'), (6, 'Marisol'), (7, 'Gwen de la Cruz');
-- got:
SELECT json_extract(r.value, '$.id'), json_extract(r.value, '$.name')
FROM answers AS a, json_each(a.value, '$.rows') AS r
WHERE a.name = 'after_downgrade';

-- check: after the downgrade, owners has the columns id and name again
SELECT coalesce((SELECT json_extract(value, '$.columns') = json('["id","name"]')
                 FROM answers WHERE name = 'after_downgrade'), 0);

-- check: upgraded a second time, the database is at b2_split_owner_name with the same first and last names
SELECT (SELECT count(*) = 1 AND min(version_num) = 'b2_split_owner_name' FROM alembic_version)
   AND (SELECT group_concat(id || ':' || first_name || ':' || last_name, ',')
        FROM (SELECT * FROM owners ORDER BY id))
       = '1:Amelia:Hart,2:Ben:Okafor,3:Chloé:Martin,4:Dev:Patel,5:Farah:Haddad,'
         || '6:Marisol:,7:Gwen:de la Cruz';

-- check: first_name and last_name refuse NULL
SELECT count(*) = 2 FROM pragma_table_info('owners')
WHERE name IN ('first_name', 'last_name') AND "notnull" = 1;

-- check: the five ponies still belong to the same owners
SELECT group_concat(id || ':' || name || ':' || coalesce(owner_id, '-'), ',')
       = '1:Bluebell:1,2:Clover:3,3:Pepper:6,4:Willow:7,5:Hazel:-'
FROM (SELECT * FROM ponies ORDER BY id);

-- check: b2_split_owner_name.py does not import the app or its models (sa.table() describes owners)
SELECT value = 0 FROM answers WHERE name = 'imports_app';
