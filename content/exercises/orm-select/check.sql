-- Checks for orm-select (the format: studyterm-exercise(5)).
-- answers holds what the driver's calls returned (NULL when a call
-- failed); sql_log holds every statement sent, with its parameters.

-- check: colour_names("bay") returns the names of the bay ponies in alphabetical order
-- expect:
SELECT name FROM ponies WHERE colour = 'bay' ORDER BY name;
-- got:
SELECT j.value
FROM answers AS a, json_each(CASE WHEN json_valid(a.value) THEN a.value END) AS j
WHERE a.name = 'bay'
ORDER BY j.key;

-- check: youngest(7) returns the seven youngest ponies of known age with their ages, youngest first, the same age by name; Maple, whose age is unknown, is not one of them
-- expect:
SELECT name, age FROM ponies WHERE age IS NOT NULL ORDER BY age, name LIMIT 7;
-- got:
SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
FROM answers AS a, json_each(CASE WHEN json_valid(a.value) THEN a.value END) AS j
WHERE a.name = 'youngest_7'
ORDER BY j.key;

-- check: youngest(n) lets the database stop after n rows: its SELECT has a LIMIT
SELECT EXISTS (SELECT 1 FROM sql_log
               WHERE sql LIKE 'SELECT%FROM ponies%LIMIT%' AND params LIKE '%7%');

-- check: count_colour("grey") returns 3 and count_colour("white") returns 0, as numbers
SELECT coalesce((SELECT typeof(value) = 'integer'
                        AND value = (SELECT count(*) FROM ponies WHERE colour = 'grey')
                 FROM answers WHERE name = 'count_grey'), 0)
   AND coalesce((SELECT typeof(value) = 'integer' AND value = 0
                 FROM answers WHERE name = 'count_white'), 0);

-- check: count_colour lets the database count: it sends a SELECT count(...), not a query that loads the ponies
SELECT EXISTS (SELECT 1 FROM sql_log
               WHERE sql LIKE 'SELECT count(%' AND params LIKE '%grey%')
   AND NOT EXISTS (SELECT 1 FROM sql_log
                   WHERE sql NOT LIKE 'SELECT count(%' AND params LIKE '%grey%');

-- check: owner_by_email("ben.okafor@example.org") returns the Owner object for Ben Okafor
SELECT coalesce((SELECT json_valid(value)
                        AND json(json_extract(value, '$.owner'))
                            = (SELECT json_array(id, name) FROM owners
                               WHERE email = 'ben.okafor@example.org')
                 FROM answers WHERE name = 'owner_ben'), 0);

-- check: owner_by_email("nobody@example.org") returns None instead of raising NoResultFound
SELECT coalesce((SELECT json_valid(value) AND json_type(value, '$.owner') = 'null'
                 FROM answers WHERE name = 'owner_nobody'), 0);
