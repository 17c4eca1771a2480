-- The pony table of section 5.3, with its column options as constraints.

-- TODO: create the table pony (id, name, coat, age, created_at).

-- TODO: add Bramble (grey, 7) and Clover (4, the default coat).
