-- Checks for rel-one-to-many (the format: studyterm-exercise(5)).
-- answers: see driver.py's docstring. The ponies table holds what
-- add_pony() and move_pony() committed.

-- check: Pony.owner_id is mapped, with a foreign key to owners.id (the table's name, not the class's)
SELECT value = json('["owners.id"]') FROM answers WHERE name = 'foreign_key';

-- check: Owner.ponies is a one-to-many relationship to Pony, with back_populates="owner"
SELECT json_extract(value, '$.target') = 'Pony'
   AND json_extract(value, '$.direction') = 'ONETOMANY'
   AND json_extract(value, '$.back_populates') = 'owner'
FROM answers WHERE name = 'Owner.ponies';

-- check: Pony.owner is a many-to-one relationship to Owner, with back_populates="ponies"
SELECT json_extract(value, '$.target') = 'Owner'
   AND json_extract(value, '$.direction') = 'MANYTOONE'
   AND json_extract(value, '$.back_populates') = 'ponies'
FROM answers WHERE name = 'Pony.owner';

-- check: neither relationship is made by a backref: both are written out, one in each class
SELECT count(*) = 2 AND sum(json_extract(value, '$.backref')) = 0 FROM answers
WHERE name IN ('Owner.ponies', 'Pony.owner') AND value IS NOT NULL;

-- check: the two sides are linked in memory: appending to owner.ponies sets pony.owner, and setting pony.owner adds the pony to owner.ponies
SELECT value = json('[true,true]') FROM answers WHERE name = 'linked_in_memory';

-- check: owner.ponies reads the table: Amelia Hart (owner 1) has Bluebell, Clover and Fern
SELECT value = json('["Bluebell","Clover","Fern"]') FROM answers WHERE name = 'ponies_of(1)';

-- check: pony.owner reads it the other way: Willow's owner is Chloé Martin, and Hazel, who has no owner, gives None
SELECT (SELECT value FROM answers WHERE name = 'owner_of(4)') = 'Chloé Martin'
   AND (SELECT count(*) FROM answers WHERE name = 'owner_of(5)' AND value IS NULL) = 1;

-- check: add_pony(2, 'Bramble', 'bay', 3) committed Bramble to the ponies table with owner_id 2 (Ben Okafor), and returned it
SELECT (SELECT count(*) FROM ponies WHERE name = 'Bramble' AND colour = 'bay'
                                      AND age = 3 AND owner_id = 2) = 1
   AND (SELECT json_extract(value, '$[1]') FROM answers WHERE name = 'add_pony') = 2;

-- check: move_pony(5, 5) committed Hazel (pony 5) to Erin Walsh (owner 5), who had no pony before
SELECT owner_id = 5 FROM ponies WHERE id = 5;

-- check: no other pony changed owner, and nothing else was added: 17 ponies, 8 owners
SELECT (SELECT count(*) FROM ponies) = 17 AND (SELECT count(*) FROM owners) = 8
   AND (SELECT group_concat(id || ':' || ifnull(owner_id, '-'), ' ') FROM
        (SELECT id, owner_id FROM ponies WHERE id <= 16 ORDER BY id))
       = '1:1 2:1 3:2 4:3 5:5 6:4 7:6 8:2 9:7 10:- 11:6 12:3 13:4 14:- 15:1 16:7';
