-- Checks for sql-join-left (the format: studyterm-exercise(5)).

-- check: the view owner_ponies exists, with the columns owner and pony
SELECT group_concat(name, ',') = 'owner,pony'
FROM (SELECT name FROM pragma_table_info('owner_ponies') ORDER BY cid);

-- check: every owner is in owner_ponies, including Erin Walsh and Gwen Price, who own no pony (once each, pony NULL)
SELECT (SELECT count(DISTINCT owner) FROM owner_ponies) = 8
   AND (SELECT count(*) FROM owner_ponies
        WHERE owner IN ('Erin Walsh', 'Gwen Price') AND pony IS NULL) = 2;

-- check: ponies that belong to nobody (Hazel, Juniper, Shadow) are not in owner_ponies
SELECT count(*) = 0 FROM owner_ponies
WHERE owner IS NULL OR pony IN ('Hazel', 'Juniper', 'Shadow');

-- check: owner_ponies has one row per owner and pony (15 in all)
-- expect:
SELECT o.name, p.name FROM ponies AS p JOIN owners AS o ON o.id = p.owner_id
UNION ALL
SELECT o.name, NULL FROM owners AS o
WHERE NOT EXISTS (SELECT 1 FROM ponies AS p WHERE p.owner_id = o.id);
-- got:
SELECT owner, pony FROM owner_ponies;

-- check: the view owners_without_ponies exists, with the one column name
SELECT group_concat(name, ',') = 'name'
FROM (SELECT name FROM pragma_table_info('owners_without_ponies') ORDER BY cid);

-- check: owners_without_ponies lists Erin Walsh and Gwen Price (NOT IN finds nobody when the list holds a NULL)
-- expect:
VALUES ('Erin Walsh'), ('Gwen Price');
-- got:
SELECT name FROM owners_without_ponies;

-- check: both views follow the data: a new owner without a pony shows up in each
INSERT INTO owners (name, email, city) VALUES ('Hana Ito', 'hana.ito@example.org', 'York');
SELECT (SELECT count(*) FROM owner_ponies WHERE owner = 'Hana Ito' AND pony IS NULL) = 1
   AND (SELECT count(*) FROM owners_without_ponies WHERE name = 'Hana Ito') = 1;
