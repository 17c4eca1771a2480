-- The ponies that do not belong to Amelia Hart (owner 1), ownerless ones
-- included, youngest first, ties by name, unknown ages last:
-- the view not_amelias_ponies (name, age).
CREATE VIEW not_amelias_ponies AS
SELECT name, age
FROM ponies
WHERE owner_id IS NOT 1
ORDER BY age IS NULL, age, name;
