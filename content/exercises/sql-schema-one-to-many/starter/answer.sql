-- The one-to-many relationship of section 5.5, as tables.

-- TODO: create the table owner (id, name).

-- TODO: create the table pony (id, name, owner_id), owner_id a foreign
-- key to owner.id that may be NULL.

-- TODO: add Ann with her ponies Bramble and Clover, and Bo with Dusty.
