-- The colours that at least three ponies share: the view colour_counts
-- (colour, pony_count, aged_count, avg_age).
CREATE VIEW colour_counts AS
SELECT colour,
       count(*) AS pony_count,
       count(age) AS aged_count,
       avg(age) AS avg_age
FROM ponies
GROUP BY colour
HAVING count(*) >= 3;
