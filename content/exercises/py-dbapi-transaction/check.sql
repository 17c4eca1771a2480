-- Checks for py-dbapi-transaction (the format: studyterm-exercise(5)).
-- answers holds what the driver's calls returned (NULL when a call
-- failed); sql_log holds every statement sent, with its parameters.

-- check: add_owner_with_ponies returns Lena Byrne's new id, the one the database gave her row
SELECT coalesce((SELECT typeof(value) = 'integer'
                        AND value = (SELECT id FROM owners
                                     WHERE email = 'lena.byrne@example.org')
                 FROM answers WHERE name = 'good_id'), 0);

-- check: Lena Byrne and her ponies Moss and Nettle are committed, the ponies with her id as owner_id
SELECT (SELECT count(*) FROM owners WHERE email = 'lena.byrne@example.org') = 1
   AND (SELECT count(*) FROM ponies AS p JOIN owners AS o ON p.owner_id = o.id
        WHERE o.email = 'lena.byrne@example.org'
          AND p.name IN ('Moss', 'Nettle')) = 2;

-- check: the refused call (Kit Moss, whose pony Tansy is aged -2) left nothing behind: no Kit Moss, and no Rowan or Sage though their rows were fine
SELECT (SELECT value IS NOT NULL FROM answers WHERE name = 'bad')
   AND (SELECT count(*) FROM owners WHERE email = 'kit.moss@example.org') = 0
   AND (SELECT count(*) FROM ponies WHERE name IN ('Rowan', 'Sage', 'Tansy')) = 0;

-- check: the IntegrityError of the refused call reaches the caller, with the transaction already rolled back
SELECT coalesce((SELECT json_valid(value)
                        AND json_extract(value, '$.raised') = 'IntegrityError'
                        AND json_extract(value, '$.in_transaction') = 0
                 FROM answers WHERE name = 'bad'), 0);

-- check: the ponies go in with one executemany() call, not one execute() per pony
SELECT EXISTS (SELECT 1 FROM sql_log
               WHERE sql LIKE 'INSERT%ponies%'
                 AND json_valid(params)
                 AND json_type(params, '$[0]') IN ('array', 'object')
                 AND json_array_length(params) = 2
                 AND params LIKE '%Moss%' AND params LIKE '%Nettle%');

-- check: register() returns Omar Reyes's id, and he and his ponies Quill and Rue are committed
SELECT coalesce((SELECT typeof(value) = 'integer'
                        AND value = (SELECT id FROM owners
                                     WHERE email = 'omar.reyes@example.org')
                 FROM answers WHERE name = 'register'), 0)
   AND (SELECT count(*) FROM ponies AS p JOIN owners AS o ON p.owner_id = o.id
        WHERE o.email = 'omar.reyes@example.org'
          AND p.name IN ('Quill', 'Rue')) = 2;

-- check: register() closes the connection it opens, also when the insert fails (the taken e-mail address)
SELECT coalesce((SELECT json_extract(value, '$.opened') >= 1
                        AND json_extract(value, '$.closed') = json_extract(value, '$.opened')
                 FROM answers WHERE name = 'register_connections'), 0)
   AND coalesce((SELECT json_extract(value, '$.opened') >= 1
                        AND json_extract(value, '$.closed') = json_extract(value, '$.opened')
                 FROM answers WHERE name = 'register_bad_connections'), 0)
   AND coalesce((SELECT json_extract(value, '$.raised') = 'IntegrityError'
                 FROM answers WHERE name = 'register_bad'), 0);
