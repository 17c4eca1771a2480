-- Checks for py-dbapi-fetch (the format: studyterm-exercise(5)).
-- answers holds what the driver's calls returned (NULL when a call
-- failed); sql_log holds every statement sent, with its parameters.

-- check: count_by_colour(conn, "grey") returns 3, the number itself and not the row (3,)
SELECT coalesce((SELECT typeof(value) = 'integer'
                        AND value = (SELECT count(*) FROM ponies WHERE colour = 'grey')
                 FROM answers WHERE name = 'count_grey'), 0);

-- check: count_by_colour(conn, "dun") returns 2
SELECT coalesce((SELECT typeof(value) = 'integer'
                        AND value = (SELECT count(*) FROM ponies WHERE colour = 'dun')
                 FROM answers WHERE name = 'count_dun'), 0);

-- check: find_pony(conn, 4) returns ("Willow", "bay", 12)
SELECT coalesce((SELECT json_valid(value)
                        AND json(value) = (SELECT json_array(name, colour, age)
                                           FROM ponies WHERE id = 4)
                 FROM answers WHERE name = 'pony_4'), 0);

-- check: find_pony(conn, 99) returns None, as fetchone() does when no row matches
SELECT coalesce((SELECT json_valid(value) AND json_type(value, '$.result') = 'null'
                 FROM answers WHERE name = 'pony_99'), 0);

-- check: ponies_of(conn, "Amelia Hart") returns her ponies Bluebell, Clover and Fern with their ages, ordered by name
-- expect:
SELECT p.name, p.age
FROM ponies AS p JOIN owners AS o ON p.owner_id = o.id
WHERE o.name = 'Amelia Hart'
ORDER BY p.name;
-- got:
SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
FROM answers AS a, json_each(CASE WHEN json_valid(a.value) THEN a.value END) AS j
WHERE a.name = 'amelia'
ORDER BY j.key;

-- check: ponies_of(conn, "Niamh O'Brien") returns [("Toffee", 3)]: a quote inside a parameter is only data
SELECT coalesce((SELECT json_valid(value) AND json(value) = json('[["Toffee",3]]')
                 FROM answers WHERE name = 'niamh'), 0);

-- check: ponies_of(conn, "Nobody' OR 'a'='a") returns an empty list: the injection attempt finds no owner
SELECT coalesce((SELECT json_valid(value)
                        AND json_type(value, '$.result') = 'array'
                        AND json_array_length(value, '$.result') = 0
                 FROM answers WHERE name = 'nobody'), 0);

-- check: the name "Nobody' OR 'a'='a" reached the database as a parameter, never inside the SQL text
SELECT EXISTS (SELECT 1 FROM sql_log WHERE params LIKE '%Nobody'' OR ''a''=''a%')
   AND NOT EXISTS (SELECT 1 FROM sql_log WHERE sql LIKE '%Nobody%');

-- check: every query passes its values as parameters: no SQL text has "grey", "dun", Amelia's name or O'Brien written into it
SELECT (SELECT count(*) FROM sql_log WHERE sql LIKE '%ponies%') >= 5
   AND NOT EXISTS (SELECT 1 FROM sql_log
                   WHERE sql LIKE '%ponies%'
                     AND (coalesce(params, '') IN ('', '[]', '{}')
                          OR sql LIKE '%grey%' OR sql LIKE '%''dun''%'
                          OR sql LIKE '%Amelia%' OR sql LIKE '%Brien%'));
