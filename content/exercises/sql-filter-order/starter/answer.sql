-- The ponies that do not belong to Amelia Hart (owner 1), ownerless ones
-- included, youngest first, ties by name, unknown ages last:
-- the view not_amelias_ponies (name, age).
--
-- TODO: this view lists every pony, in no particular order. Add the
-- WHERE clause and the ORDER BY.
CREATE VIEW not_amelias_ponies AS
SELECT name, age
FROM ponies;
