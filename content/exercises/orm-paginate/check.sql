-- Checks for orm-paginate (the format: studyterm-exercise(5)).
-- answers: page(1), page(2), page(4), page(5) are objects with ids, page,
-- pages, total, has_prev, has_next, prev_num and next_num (booleans read as
-- 1 and 0, None as NULL); 'GET <url>' objects hold status and json.

-- check: pony_page(1) holds the first five ponies in name order, the two Bluebells by id: Biscuit, Bluebell (1), Bluebell (12), Clover, Duke
-- expect:
SELECT id FROM ponies ORDER BY name, id LIMIT 5;
-- got:
SELECT j.value FROM answers AS a, json_each(a.value, '$.ids') AS j
WHERE a.name = 'page(1)' ORDER BY j.key;

-- check: pony_page(1) counts all 16 ponies: total is 16 and pages is 4 (five ponies a page)
SELECT json_extract(value, '$.total') = 16 AND json_extract(value, '$.pages') = 4
FROM answers WHERE name = 'page(1)';

-- check: pony_page(2) holds the next five (Fern, Hazel, Juniper, Maple, Nutmeg) and knows both neighbours: has_prev and has_next are true, prev_num is 1, next_num is 3
SELECT json_extract(value, '$.ids') = (SELECT json_group_array(id) FROM
           (SELECT id FROM ponies ORDER BY name, id LIMIT 5 OFFSET 5))
   AND json_extract(value, '$.has_prev') = 1 AND json_extract(value, '$.has_next') = 1
   AND json_extract(value, '$.prev_num') = 1 AND json_extract(value, '$.next_num') = 3
FROM answers WHERE name = 'page(2)';

-- check: pony_page(4), the last page, holds only Willow (4); has_next is false and next_num is None
SELECT json_extract(value, '$.ids') = '[4]' AND json_extract(value, '$.page') = 4
   AND json_extract(value, '$.has_next') = 0
   AND json_type(value, '$.next_num') = 'null'
FROM answers WHERE name = 'page(4)';

-- check: pony_page(5), past the end, is an empty page instead of a 404 error (error_out=False)
SELECT json_extract(value, '$.ids') = '[]' AND json_extract(value, '$.total') = 16
   AND json_extract(value, '$.has_next') = 0
FROM answers WHERE name = 'page(5)';

-- check: the page query orders by name and then by id, so the two Bluebells cannot swap places between pages
SELECT count(*) > 0
   AND count(*) = sum(replace(sql, ' ASC', '') LIKE '%ORDER BY ponies.name, ponies.id%')
FROM sql_log WHERE sql LIKE '%FROM ponies%LIMIT%OFFSET%';

-- check: GET /ponies?page=2 answers 200 with the second page of ponies (the view calls pony_page)
SELECT json_extract(value, '$.status') = 200
   AND json_extract(value, '$.json.page') = 2
   AND json_array_length(value, '$.json.ponies') = 5
   AND json_extract(value, '$.json.ponies[0].name') = 'Fern'
FROM answers WHERE name = 'GET /ponies?page=2';

-- check: GET /ponies/12 answers 200 with {"id": 12, "name": "Bluebell", "colour": "bay"}
SELECT json_extract(value, '$.status') = 200
   AND json_extract(value, '$.json.id') = 12
   AND json_extract(value, '$.json.name') = 'Bluebell'
   AND json_extract(value, '$.json.colour') = 'bay'
FROM answers WHERE name = 'GET /ponies/12';

-- check: GET /ponies/99 answers 404 Not Found, not 200 with an empty body or 500 (there is no pony 99)
SELECT json_extract(value, '$.status') = 404 FROM answers WHERE name = 'GET /ponies/99';
