-- The many-to-many relationship of section 5.5: the association table.
-- The tables pony and handler exist already (see setup.sql).

-- TODO: create the table pony_handler (pony_id, handler_id).

-- TODO: store the links: Hal looks after Bramble and Clover, Ivy after
-- Bramble and Dusty.
