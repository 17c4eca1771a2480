-- A new owner whose name has a quote in it, and her pony.
INSERT INTO owners (id, name, email, city)
VALUES (9, 'Niamh O''Brien', 'niamh.obrien@example.org', 'Cork');
INSERT INTO ponies (id, name, colour, age, owner_id)
VALUES (17, 'Toffee', 'chestnut', 3, 9);
