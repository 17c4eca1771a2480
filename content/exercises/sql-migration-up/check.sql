-- Checks for sql-migration-up (the format: studyterm-exercise(5)).

-- check: ponies has a new column slug
SELECT count(*) = 1 FROM pragma_table_info('ponies') WHERE name = 'slug';

-- check: every pony has a slug (no NULL left after the backfill)
SELECT count(*) = 0 FROM ponies WHERE slug IS NULL;

-- check: each slug is the name in lower case, a dash and the id, such as bluebell-12
-- expect:
SELECT id, lower(replace(name, ' ', '-')) || '-' || id FROM ponies;
-- got:
SELECT id, slug FROM ponies;

-- check: the unique index uq_ponies_slug is on ponies (slug)
SELECT (SELECT count(*) FROM pragma_index_list('ponies')
        WHERE name = 'uq_ponies_slug' AND "unique" = 1) = 1
   AND (SELECT group_concat(name, ',') FROM pragma_index_info('uq_ponies_slug')) = 'slug';

-- check: a second pony with the slug duke-8 is refused
INSERT OR IGNORE INTO ponies (name, colour, slug) VALUES ('Duke', 'black', 'duke-8');
SELECT count(*) = 1 FROM ponies WHERE slug = 'duke-8';

-- check: alembic_version says 5e6f7a8b9c0d, in its one row
SELECT count(*) = 1 AND min(version_num) = '5e6f7a8b9c0d' FROM alembic_version;

-- check: nothing else changed: 16 ponies with their names, colours, ages and owners, 20 handler links
SELECT (SELECT count(*) FROM ponies) = 16
   AND (SELECT group_concat(id || name || colour || coalesce(age, '-') || coalesce(owner_id, '-'), ';')
        FROM (SELECT * FROM ponies ORDER BY id)) =
       '1Bluebellgrey41;2Cloverchestnut71;3Pepperblack42;4Willowbay123;5Hazelchestnut9-;'
       || '6Biscuitpalomino24;7Thistlegrey76;8Dukeblack152;9Maplebay-7;10Junipergrey4-;'
       || '11Sorrelchestnut56;12Bluebellbay53;13Nutmegpalomino34;14Shadowblack11-;'
       || '15Ferndun61;16Pippindun17'
   AND (SELECT count(*) FROM pony_handlers) = 20;
