-- Checks for orm-legacy-query (the format: studyterm-exercise(5)).
-- answers holds what driver.py recorded: each function's result (lists as
-- JSON text), query.<function> (legacy Query objects built by its calls)
-- and get.pony_by_id (calls of Session.get).

-- check: grey_ponies() returns the grey ponies in name order: Bluebell, Juniper, Thistle
-- expect:
SELECT name FROM ponies WHERE colour = 'grey' ORDER BY name;
-- got:
SELECT j.value FROM answers AS a, json_each(a.value) AS j
WHERE a.name = 'grey_ponies' ORDER BY j.key;

-- check: young_ponies(5) returns the six ponies under 5, youngest first, those of one age by name: Pippin, Biscuit, Nutmeg, Bluebell, Juniper, Pepper
-- expect:
SELECT name FROM ponies WHERE age < 5 ORDER BY age, name;
-- got:
SELECT j.value FROM answers AS a, json_each(a.value) AS j
WHERE a.name = 'young_ponies(5)' ORDER BY j.key;

-- check: oldest_pony_of() gives Clover for owner 1, Pippin for owner 7 (Maple's age is unknown), and None for owner 5, who has no pony
SELECT (SELECT value FROM answers WHERE name = 'oldest_pony_of(1)') = 'Clover'
   AND (SELECT value FROM answers WHERE name = 'oldest_pony_of(7)') = 'Pippin'
   AND (SELECT count(*) FROM answers
        WHERE name = 'oldest_pony_of(5)' AND value IS NULL) = 1;

-- check: count_colour() returns the number 3 for 'chestnut' and 0 for 'white'
SELECT (SELECT value FROM answers WHERE name = 'count_colour(chestnut)') IS 3
   AND (SELECT value FROM answers WHERE name = 'count_colour(white)') IS 0;

-- check: the four functions of part 1 build their queries with Model.query (Pony.query...), as part 1 asks
SELECT count(*) = 4 AND min(value) >= 1 FROM answers
WHERE name IN ('query.grey_ponies', 'query.young_ponies',
               'query.oldest_pony_of', 'query.count_colour');

-- check: owners_in() returns Ben Okafor and Farah Haddad for 'Leeds', in name order, and an empty list for 'Paris'
SELECT (SELECT value FROM answers WHERE name = 'owners_in(Leeds)')
           = json('["Ben Okafor","Farah Haddad"]')
   AND (SELECT value FROM answers WHERE name = 'owners_in(Paris)') = '[]';

-- check: pony_by_id(12) returns pony 12, the bay Bluebell, and pony_by_id(99) returns None
SELECT (SELECT value FROM answers WHERE name = 'pony_by_id(12)')
           = json('[12,"Bluebell","bay"]')
   AND (SELECT count(*) FROM answers
        WHERE name = 'pony_by_id(99)' AND value IS NULL) = 1;

-- check: owners_in() and pony_by_id() use the 2.0 spelling now: no Model.query and no db.session.query left in them
SELECT count(*) = 2 AND max(value) = 0 FROM answers
WHERE name IN ('query.owners_in', 'query.pony_by_id');

-- check: pony_by_id() looks the pony up by primary key with db.session.get(Pony, pony_id)
SELECT value >= 2 FROM answers WHERE name = 'get.pony_by_id';
