-- Checks for orm-engine-text (the format: studyterm-exercise(5)).
-- answers holds what the driver's calls returned (NULL when a call
-- failed); sql_log holds every statement sent, with its parameters.

-- check: ponies_aged_between(4, 6) returns the ponies aged 4 to 6 with their ages, youngest first, the same age by name
-- expect:
SELECT name, age FROM ponies WHERE age BETWEEN 4 AND 6 ORDER BY age, name;
-- got:
SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
FROM answers AS a, json_each(CASE WHEN json_valid(a.value) THEN a.value END) AS j
WHERE a.name = 'aged_4_to_6'
ORDER BY j.key;

-- check: count_in_city("Bristol") returns 2, the number itself and not a row
SELECT coalesce((SELECT typeof(value) = 'integer'
                        AND value = (SELECT count(*) FROM owners
                                     WHERE city = 'Bristol')
                 FROM answers WHERE name = 'in_bristol'), 0);

-- check: Ben Okafor and Farah Haddad, the owners from Leeds, now live in Harrogate, committed; nobody else moved
SELECT (SELECT group_concat(name, ', ') FROM
          (SELECT name FROM owners WHERE city = 'Harrogate' ORDER BY name))
       = 'Ben Okafor, Farah Haddad'
   AND (SELECT count(*) FROM owners WHERE city = 'Leeds') = 0
   AND (SELECT count(*) FROM owners WHERE city IS NULL) = 2;

-- check: move_owners("Leeds", "Harrogate") returns 2, the number of owners it moved
SELECT coalesce((SELECT typeof(value) = 'integer' AND value = 2
                 FROM answers WHERE name = 'moved'), 0);

-- check: the values travel as bound parameters (:name in the text()): no SQL text has 4, 6, Bristol, Leeds or Harrogate written into it
SELECT EXISTS (SELECT 1 FROM sql_log WHERE sql LIKE '%FROM ponies%'
               AND params LIKE '%4%' AND params LIKE '%6%')
   AND EXISTS (SELECT 1 FROM sql_log WHERE sql LIKE '%FROM owners%'
               AND params LIKE '%Bristol%')
   AND EXISTS (SELECT 1 FROM sql_log WHERE sql LIKE 'UPDATE%'
               AND params LIKE '%Leeds%' AND params LIKE '%Harrogate%')
   AND NOT EXISTS (SELECT 1 FROM sql_log
                   WHERE (sql LIKE '%ponies%' OR sql LIKE '%owners%')
                     AND (sql || ' ' GLOB '*[^0-9A-Za-z_][46][^0-9]*'
                          OR sql LIKE '%Bristol%' OR sql LIKE '%Leeds%'
                          OR sql LIKE '%Harrogate%'));
