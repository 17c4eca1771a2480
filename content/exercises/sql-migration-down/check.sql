-- Checks for sql-migration-down (the format: studyterm-exercise(5)).

-- check: the index uq_ponies_slug is gone
SELECT count(*) = 0 FROM sqlite_schema WHERE type = 'index' AND name = 'uq_ponies_slug';

-- check: the column slug is gone: ponies has its columns from before the upgrade, id, name, colour, age and owner_id
SELECT group_concat(name, ',') = 'id,name,colour,age,owner_id'
FROM (SELECT name FROM pragma_table_info('ponies') ORDER BY cid);

-- check: alembic_version says f06e5da5e8ae, in its one row
SELECT count(*) = 1 AND min(version_num) = 'f06e5da5e8ae' FROM alembic_version;

-- check: every pony survived: 16 ponies with their names, colours, ages and owners
SELECT (SELECT count(*) FROM ponies) = 16
   AND (SELECT group_concat(id || name || colour || coalesce(age, '-') || coalesce(owner_id, '-'), ';')
        FROM (SELECT * FROM ponies ORDER BY id)) =
       '1Bluebellgrey41;2Cloverchestnut71;3Pepperblack42;4Willowbay123;5Hazelchestnut9-;'
       || '6Biscuitpalomino24;7Thistlegrey76;8Dukeblack152;9Maplebay-7;10Junipergrey4-;'
       || '11Sorrelchestnut56;12Bluebellbay53;13Nutmegpalomino34;14Shadowblack11-;'
       || '15Ferndun61;16Pippindun17';

-- check: the rest survived too: 8 owners, 5 handlers, 20 handler links, and ponies.owner_id still references owners
SELECT (SELECT count(*) FROM owners) = 8 AND (SELECT count(*) FROM handlers) = 5
   AND (SELECT count(*) FROM pony_handlers) = 20
   AND (SELECT count(*) FROM pragma_foreign_key_list('ponies')
        WHERE "table" = 'owners' AND "from" = 'owner_id') = 1;
