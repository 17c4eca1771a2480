-- The grey and the black ponies aged 5 or more, sorted by name:
-- the view grey_black_ponies (name, colour, age).
CREATE VIEW grey_black_ponies AS
SELECT name, colour, age
FROM ponies
WHERE colour IN ('grey', 'black') AND age >= 5
ORDER BY name;
