-- Checks for sql-blog-top-authors (the format: studyterm-exercise(5)).

-- check: the view author_board exists, with the columns username and published
SELECT group_concat(name, ',') = 'username,published'
FROM (SELECT name FROM pragma_table_info('author_board') ORDER BY cid);

-- check: drafts are not counted: mira has 3 published posts, not 4
SELECT coalesce((SELECT published = 3 FROM author_board WHERE username = 'mira'), 0);

-- check: raj is on the board with 0: he wrote a post, but it is a draft
SELECT coalesce((SELECT published = 0 FROM author_board WHERE username = 'raj'), 0);

-- check: users who never wrote a post (kwame, yuki, noor) are not on the board
SELECT count(*) = 0 FROM author_board WHERE username IN ('kwame', 'yuki', 'noor');

-- check: the board lists most published first, authors with the same number by username
-- expect:
VALUES ('tomasz', 4), ('mira', 3), ('lena', 2), ('sofia', 2), ('raj', 0);
-- got:
SELECT username, published FROM author_board;

-- check: the view top_authors exists, with the one column username
SELECT group_concat(name, ',') = 'username'
FROM (SELECT name FROM pragma_table_info('top_authors') ORDER BY cid);

-- check: top_authors names tomasz, who published the most posts
-- expect:
VALUES ('tomasz');
-- got:
SELECT username FROM top_authors;

-- check: a tie lists every top author: when mira publishes a fourth post, top_authors names mira and tomasz
INSERT INTO posts (author_id, title, body, published_at)
VALUES (1, 'Ties are real', 'LIMIT 1 hides them.', '2024-03-01 10:00:00');
SELECT group_concat(username, ',') = 'mira,tomasz' FROM top_authors;

-- check: a new draft changes no count: when mira writes one more draft, top_authors still names only tomasz
INSERT INTO posts (author_id, title, body, published_at)
VALUES (1, 'Half an idea', 'To be continued.', NULL);
SELECT group_concat(username, ',') = 'tomasz' FROM top_authors;
