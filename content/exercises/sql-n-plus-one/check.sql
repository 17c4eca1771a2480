-- Checks for sql-n-plus-one (the format: studyterm-exercise(5)).
-- sql_log holds every statement the learner's work sent, in order.

-- check: owner_page has one row per owner with the number of their ponies, 0 for Erin Walsh and Gwen Price
-- expect:
SELECT o.name, (SELECT count(*) FROM ponies AS p WHERE p.owner_id = o.id) FROM owners AS o;
-- got:
SELECT owner, pony_count FROM owner_page;

-- check: the page costs at most two statements, not one per owner
SELECT count(*) <= 2 FROM sql_log;

-- check: the ponies table is read by one statement for all owners, not once per owner
SELECT count(*) = 1 FROM sql_log WHERE sql LIKE '%ponies%';

-- check: no statement picks out a single owner by id (WHERE owner_id = 3 in a loop is the N+1 pattern)
SELECT count(*) = 0 FROM sql_log
WHERE replace(replace(replace(lower(sql), ' ', ''), char(10), ''), char(9), '')
      GLOB '*owner_id=[0-9]*';
