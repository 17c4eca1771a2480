-- 1. owner_ponies (owner, pony): every owner with each of their ponies;
--    an owner without a pony once, with pony NULL.
CREATE VIEW owner_ponies AS
SELECT owners.name AS owner, ponies.name AS pony
FROM owners
LEFT JOIN ponies ON ponies.owner_id = owners.id;

-- 2. owners_without_ponies (name): the owners who have no pony.
CREATE VIEW owners_without_ponies AS
SELECT owners.name
FROM owners
LEFT JOIN ponies ON ponies.owner_id = owners.id
WHERE ponies.id IS NULL;
