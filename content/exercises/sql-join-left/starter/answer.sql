-- 1. owner_ponies (owner, pony): every owner with each of their ponies;
--    an owner without a pony once, with pony NULL.
-- TODO: write the CREATE VIEW owner_ponies statement here.

-- 2. owners_without_ponies (name): the owners who have no pony.
-- TODO: write the CREATE VIEW owners_without_ponies statement here.
