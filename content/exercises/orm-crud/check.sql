-- Checks for orm-crud (the format: studyterm-exercise(5)).
-- answers holds what the driver's calls returned (NULL when a call
-- failed); sql_log holds every statement sent, with its parameters.

-- check: get_pony(4) returns the Pony object for Willow, bay, aged 12
SELECT coalesce((SELECT json_valid(value)
                        AND json(json_extract(value, '$.pony'))
                            = (SELECT json_array(id, name, colour, age)
                               FROM ponies WHERE id = 4)
                 FROM answers WHERE name = 'pony_4'), 0);

-- check: get_pony(99) returns None: there is no pony 99
SELECT coalesce((SELECT json_valid(value) AND json_type(value, '$.pony') = 'null'
                 FROM answers WHERE name = 'pony_99'), 0);

-- check: get_pony uses db.session.get: asked for pony 4 twice, it finds the pony in the session the second time and sends one SELECT, not two
SELECT coalesce((SELECT json_valid(value) AND json_extract(value, '$.pony[1]') = 'Willow'
                 FROM answers WHERE name = 'pony_4_again'), 0)
   AND (SELECT count(*) FROM sql_log
        WHERE sql LIKE 'SELECT%FROM ponies%' AND params LIKE '[4%') = 1;

-- check: add_owner refuses a second owner with Amelia Hart's e-mail address: it returns None and no row is added
SELECT coalesce((SELECT json_valid(value) AND json_type(value, '$.result') = 'null'
                 FROM answers WHERE name = 'owner_taken'), 0)
   AND (SELECT count(*) FROM owners WHERE email = 'amelia.hart@example.org') = 1
   AND (SELECT count(*) FROM owners WHERE name = 'Amelia Again') = 0;

-- check: after the refused owner the session works again (rollback): Tess Bell is added, committed, and add_owner returns her id
SELECT coalesce((SELECT typeof(value) = 'integer'
                        AND value = (SELECT id FROM owners
                                     WHERE email = 'tess.bell@example.org')
                 FROM answers WHERE name = 'owner_tess'), 0);

-- check: add_pony adds Quince, roan, aged 3, owned by Tess Bell, committed, and returns Quince's id
SELECT coalesce((SELECT typeof(value) = 'integer'
                        AND value = (SELECT p.id FROM ponies AS p
                                     JOIN owners AS o ON p.owner_id = o.id
                                     WHERE p.name = 'Quince' AND p.colour = 'roan'
                                       AND p.age = 3
                                       AND o.email = 'tess.bell@example.org')
                 FROM answers WHERE name = 'pony_quince'), 0);

-- check: give_pony(5, 5) makes Erin Walsh the owner of Hazel, committed
SELECT coalesce((SELECT owner_id = 5 FROM ponies WHERE id = 5), 0);

-- check: delete_pony(16) deletes Pippin, committed, and returns True
SELECT coalesce((SELECT value = 1 FROM answers WHERE name = 'delete_16'), 0)
   AND (SELECT count(*) FROM ponies WHERE id = 16) = 0;

-- check: delete_pony(99) returns False: there is no pony 99 to delete
SELECT coalesce((SELECT value = 0 AND typeof(value) = 'integer'
                 FROM answers WHERE name = 'delete_99'), 0);

-- check: nothing else changed: 9 owners and 16 ponies, Hazel's name and Willow's age as they were
SELECT (SELECT count(*) FROM owners) = 9
   AND (SELECT count(*) FROM ponies) = 16
   AND (SELECT name FROM ponies WHERE id = 5) = 'Hazel'
   AND (SELECT age FROM ponies WHERE id = 4) = 12;
