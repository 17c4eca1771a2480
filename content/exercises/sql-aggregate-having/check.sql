-- Checks for sql-aggregate-having (the format: studyterm-exercise(5)).

-- check: the view colour_counts exists, with the columns colour, pony_count, aged_count and avg_age
SELECT group_concat(name, ',') = 'colour,pony_count,aged_count,avg_age'
FROM (SELECT name FROM pragma_table_info('colour_counts') ORDER BY cid);

-- check: each colour is one row
SELECT count(*) = count(DISTINCT colour) AND count(*) > 0 FROM colour_counts;

-- check: colours with fewer than 3 ponies (palomino, dun) are left out
SELECT count(*) = 0 FROM colour_counts WHERE colour IN ('palomino', 'dun');

-- check: bay is listed: it has 3 ponies, though only 2 with a known age (count(*) counts rows, count(age) known ages)
SELECT count(*) = 1 FROM colour_counts WHERE colour = 'bay';

-- check: for bay, pony_count is 3, aged_count 2 and avg_age 8.5 (the average of the known ages)
SELECT coalesce((SELECT pony_count = 3 AND aged_count = 2 AND abs(avg_age - 8.5) < 1e-9
                 FROM colour_counts WHERE colour = 'bay'), 0);

-- check: every colour with at least 3 ponies is listed with the right numbers
-- expect:
VALUES ('bay', 3, 2, 8.5), ('black', 3, 3, 10), ('chestnut', 3, 3, 7), ('grey', 3, 3, 5);
-- got:
SELECT colour, pony_count, aged_count, avg_age FROM colour_counts;

-- check: the view follows the data: a third palomino pony puts palomino on the list
INSERT INTO ponies (name, colour, age) VALUES ('Honey', 'palomino', NULL);
SELECT coalesce((SELECT pony_count = 3 AND aged_count = 2
                 FROM colour_counts WHERE colour = 'palomino'), 0);
