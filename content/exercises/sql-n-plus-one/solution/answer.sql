-- The owners page in one statement: every owner with the number of their
-- ponies, the ponies table read once for all of them.
INSERT INTO owner_page (owner, pony_count)
SELECT owners.name, count(ponies.id)
FROM owners
LEFT JOIN ponies ON ponies.owner_id = owners.id
GROUP BY owners.id;
