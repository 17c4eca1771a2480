-- The grey and the black ponies aged 5 or more, sorted by name:
-- the view grey_black_ponies (name, colour, age).
--
-- TODO: this view lists every pony. Add a WHERE clause that keeps only
-- grey and black ponies of 5 or older, and an ORDER BY.
CREATE VIEW grey_black_ponies AS
SELECT name, colour, age
FROM ponies;
