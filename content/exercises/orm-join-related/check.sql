-- Checks for orm-join-related (the format: studyterm-exercise(5)).
-- answers: each function's result, pony ids or owner names in the order
-- returned (see driver.py for the arguments). sql_log: the driver sends
-- SELECT 'begin <function>' and SELECT 'end <function>' around each call.

-- check: ponies_in_city('Bristol') gives the ponies of Amelia Hart and Chloé Martin by name, then id: Bluebell (1), Bluebell (12), Clover, Fern, Willow
-- expect:
SELECT p.id FROM ponies AS p JOIN owners AS o ON o.id = p.owner_id
WHERE o.city = 'Bristol' ORDER BY p.name, p.id;
-- got:
SELECT j.value FROM answers AS a, json_each(a.value) AS j
WHERE a.name = 'ponies_in_city' ORDER BY j.key;

-- check: owners_with_colour('bay') gives Chloé Martin once and Ivo Novak: a plain join repeats Chloé, who owns two bay ponies
-- expect:
SELECT name FROM owners
WHERE id IN (SELECT owner_id FROM ponies WHERE colour = 'bay') ORDER BY name;
-- got:
SELECT j.value FROM answers AS a, json_each(a.value) AS j
WHERE a.name = 'owners_with_colour' ORDER BY j.key;

-- check: ponies_with_handler_of(7) gives each pony once, by name then id, although Willow and Bluebell (12) have two such handlers
-- expect:
SELECT id FROM ponies
WHERE id IN (SELECT ph.pony_id FROM pony_handlers AS ph
             JOIN handlers AS h ON h.id = ph.handler_id
             WHERE h.years_experience >= 7)
ORDER BY name, id;
-- got:
SELECT j.value FROM answers AS a, json_each(a.value) AS j
WHERE a.name = 'ponies_with_handler_of' ORDER BY j.key;

-- check: ponies_of_owners_without_city() gives the ponies of Dev Patel and Ivo Novak (Biscuit, Maple, Nutmeg, Pippin), not the ponies without an owner
-- expect:
SELECT p.id FROM ponies AS p JOIN owners AS o ON o.id = p.owner_id
WHERE o.city IS NULL ORDER BY p.name, p.id;
-- got:
SELECT j.value FROM answers AS a, json_each(a.value) AS j
WHERE a.name = 'ponies_of_owners_without_city' ORDER BY j.key;

-- check: each function answers with a single SELECT: the database does the filtering, not a Python loop over lazy-loaded relationships
WITH calls(name) AS (VALUES ('ponies_in_city'), ('owners_with_colour'),
                            ('ponies_with_handler_of'), ('ponies_of_owners_without_city')),
     spans AS (SELECT c.name,
                      (SELECT seq FROM sql_log
                       WHERE sql = 'SELECT ''begin ' || c.name || '''') AS first,
                      (SELECT seq FROM sql_log
                       WHERE sql = 'SELECT ''end ' || c.name || '''') AS last,
                      (SELECT value FROM answers WHERE answers.name = c.name) AS value
               FROM calls AS c)
SELECT count(*) = 4 FROM spans
WHERE value IS NOT NULL
  AND (SELECT count(*) FROM sql_log
       WHERE seq > first AND seq < last AND sql LIKE 'SELECT%') = 1;
