-- Checks for sql-select-basics (the format: studyterm-exercise(5)).

-- check: the view grey_black_ponies exists
SELECT count(*) = 1 FROM sqlite_schema
WHERE type = 'view' AND name = 'grey_black_ponies';

-- check: its columns are name, colour and age, in that order
SELECT group_concat(name, ',') = 'name,colour,age'
FROM (SELECT name FROM pragma_table_info('grey_black_ponies') ORDER BY cid);

-- check: only grey and black ponies are listed
SELECT count(*) = 0 FROM grey_black_ponies
WHERE colour IS NULL OR colour NOT IN ('grey', 'black');

-- check: no pony younger than 5 is listed (AND binds before OR: put the two colours in brackets or use IN)
SELECT count(*) = 0 FROM grey_black_ponies WHERE age IS NULL OR age < 5;

-- check: every grey or black pony of 5 or older is there, sorted by name
-- expect:
VALUES ('Duke', 'black', 15), ('Shadow', 'black', 11), ('Thistle', 'grey', 7);
-- got:
SELECT name, colour, age FROM grey_black_ponies;

-- check: the view follows the data: a new grey pony aged 5 appears in it
INSERT INTO ponies (name, colour, age) VALUES ('Ash', 'grey', 5);
SELECT count(*) = 1 FROM grey_black_ponies WHERE name = 'Ash';
