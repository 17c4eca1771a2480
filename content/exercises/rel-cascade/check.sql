-- Checks for rel-cascade (the format: studyterm-exercise(5)).
-- answers: see driver.py's docstring. The tables hold what close_account(1)
-- and give_up(2, 8) committed. Under the default cascade ("save-update,
-- merge") both leave the ponies in place with owner_id NULL.

-- check: Owner.ponies has cascade="all, delete-orphan": its cascade includes delete and delete-orphan
SELECT count(*) = 2 FROM answers AS a, json_each(a.value) AS j
WHERE a.name = 'cascade.Owner.ponies' AND j.value IN ('delete', 'delete-orphan');

-- check: close_account(1) deleted Amelia Hart from owners
SELECT (SELECT value FROM answers WHERE name = 'close_account(1)') = 1
   AND (SELECT count(*) FROM owners WHERE id = 1) = 0;

-- check: Amelia's ponies Bluebell (1), Clover and Fern were deleted with her, not left behind with owner_id NULL as the default cascade does
SELECT (SELECT count(*) FROM ponies WHERE id IN (1, 2, 15)) = 0
   AND (SELECT count(*) FROM owners WHERE id = 1) = 0;

-- check: the handler links of Amelia's ponies went with them, and all 5 handlers stay, Rosa Quinn and Uma Sato included
SELECT (SELECT count(*) FROM pony_handlers WHERE pony_id IN (1, 2, 15)) = 0
   AND (SELECT count(*) FROM handlers) = 5
   AND (SELECT count(*) FROM owners WHERE id = 1) = 0;

-- check: give_up(2, 8) deleted Duke, the pony Ben Okafor took out of his ponies (delete-orphan), and Duke's link to Rosa Quinn
SELECT (SELECT value FROM answers WHERE name = 'give_up(2, 8)') = 1
   AND (SELECT count(*) FROM ponies WHERE id = 8) = 0
   AND (SELECT count(*) FROM pony_handlers WHERE pony_id = 8) = 0;

-- check: give_up() leaves the deleting to the cascade: it takes the pony out of owner.ponies and calls no db.session.delete()
SELECT (SELECT value FROM answers WHERE name = 'give_up(2, 8)') = 1
   AND (SELECT value FROM answers WHERE name = 'deletes.give_up') = 0;

-- check: Ben Okafor and his other pony, Pepper, are still there, and so is Pepper's link to Tomás Ruiz
SELECT (SELECT count(*) FROM owners WHERE id = 2) = 1
   AND (SELECT count(*) FROM ponies WHERE id = 3 AND owner_id = 2) = 1
   AND (SELECT count(*) FROM pony_handlers WHERE pony_id = 3 AND handler_id = 3) = 1;

-- check: nothing else was deleted: the three ponies that never had an owner (Hazel, Juniper, Shadow) stay, 12 ponies and 7 owners in all
SELECT (SELECT count(*) FROM ponies) = 12 AND (SELECT count(*) FROM owners) = 7
   AND (SELECT count(*) FROM ponies WHERE id IN (5, 10, 14) AND owner_id IS NULL) = 3;
