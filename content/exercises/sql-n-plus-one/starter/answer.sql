-- The owners page, built the N+1 way: one query for the owners, then one
-- statement per owner that counts that owner's ponies. The app would
-- send the owners' ids it got back; here they are written out.
--
-- TODO: this is 9 statements for 8 owners, and one more for every new
-- owner. Fill owner_page with the same rows in at most two statements.
SELECT id, name FROM owners ORDER BY id;
INSERT INTO owner_page (owner, pony_count)
SELECT 'Amelia Hart', count(*) FROM ponies WHERE owner_id = 1;
INSERT INTO owner_page (owner, pony_count)
SELECT 'Ben Okafor', count(*) FROM ponies WHERE owner_id = 2;
INSERT INTO owner_page (owner, pony_count)
SELECT 'Chloé Martin', count(*) FROM ponies WHERE owner_id = 3;
INSERT INTO owner_page (owner, pony_count)
SELECT 'Dev Patel', count(*) FROM ponies WHERE owner_id = 4;
INSERT INTO owner_page (owner, pony_count)
SELECT 'Erin Walsh', count(*) FROM ponies WHERE owner_id = 5;
INSERT INTO owner_page (owner, pony_count)
SELECT 'Farah Haddad', count(*) FROM ponies WHERE owner_id = 6;
INSERT INTO owner_page (owner, pony_count)
SELECT 'Ivo Novak', count(*) FROM ponies WHERE owner_id = 7;
INSERT INTO owner_page (owner, pony_count)
SELECT 'Gwen Price', count(*) FROM ponies WHERE owner_id = 8;
