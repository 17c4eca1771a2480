-- Checks for orm-n-plus-one (the format: studyterm-exercise(5)).
-- answers: owners_page and ponies_page, the lists the functions returned.
-- sql_log: every statement; the driver sends SELECT 'begin <page>' and
-- SELECT 'end <page>' around each call, so the statements between the two
-- markers are the page's own.

-- check: owners_page() still lists every owner by id with their ponies in name order (Erin Walsh and Gwen Price with none)
-- expect:
SELECT o.name, p.name FROM owners AS o LEFT JOIN ponies AS p ON p.owner_id = o.id
ORDER BY o.id, p.name;
-- got:
SELECT json_extract(e.value, '$[0]'), p.value
FROM answers AS a
JOIN json_each(a.value) AS e
LEFT JOIN json_each(e.value, '$[1]') AS p
WHERE a.name = 'owners_page'
ORDER BY e.key, p.key;

-- check: owners_page() sends at most 2 SELECT statements, not one more for each owner (1 + 8 = 9 with lazy loading)
SELECT count(*) <= 2
   AND (SELECT value FROM answers WHERE name = 'owners_page') IS NOT NULL
FROM sql_log
WHERE seq > (SELECT seq FROM sql_log WHERE sql = 'SELECT ''begin owners_page''')
  AND seq < (SELECT seq FROM sql_log WHERE sql = 'SELECT ''end owners_page''')
  AND sql LIKE 'SELECT%';

-- check: ponies_page() still lists every pony by id with its owner's name, None for Hazel, Juniper and Shadow
-- expect:
SELECT p.name, o.name FROM ponies AS p LEFT JOIN owners AS o ON o.id = p.owner_id
ORDER BY p.id;
-- got:
SELECT json_extract(e.value, '$[0]'), json_extract(e.value, '$[1]')
FROM answers AS a, json_each(a.value) AS e
WHERE a.name = 'ponies_page'
ORDER BY e.key;

-- check: ponies_page() sends a single SELECT that brings the owners along, not one more for each owner
SELECT count(*) = 1
   AND (SELECT value FROM answers WHERE name = 'ponies_page') IS NOT NULL
FROM sql_log
WHERE seq > (SELECT seq FROM sql_log WHERE sql = 'SELECT ''begin ponies_page''')
  AND seq < (SELECT seq FROM sql_log WHERE sql = 'SELECT ''end ponies_page''')
  AND sql LIKE 'SELECT%';
