-- Checks for sql-filter-order (the format: studyterm-exercise(5)).

-- check: the view not_amelias_ponies exists, with the columns name and age
SELECT group_concat(name, ',') = 'name,age'
FROM (SELECT name FROM pragma_table_info('not_amelias_ponies') ORDER BY cid);

-- check: none of Amelia Hart's ponies (Bluebell aged 4, Clover, Fern) is listed
SELECT count(*) = 0
FROM not_amelias_ponies AS v
JOIN ponies AS p ON p.name = v.name AND p.age IS v.age
WHERE p.owner_id = 1;

-- check: the ponies without an owner (Hazel, Juniper, Shadow) are listed: owner_id <> 1 is not true when owner_id is NULL
SELECT count(*) = 3 FROM not_amelias_ponies
WHERE name IN ('Hazel', 'Juniper', 'Shadow');

-- check: the pony of unknown age (Maple) comes last, not first
SELECT (SELECT count(*) FROM not_amelias_ponies) = 13
   AND (SELECT name FROM not_amelias_ponies LIMIT 1 OFFSET 12) = 'Maple';

-- check: the ponies come youngest first, ponies of the same age by name
-- expect:
SELECT name, age FROM ponies
WHERE owner_id IS NULL OR owner_id <> 1
ORDER BY coalesce(age, 1000), name;
-- got:
SELECT name, age FROM not_amelias_ponies;
