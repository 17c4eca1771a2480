-- 1. author_board (username, published): every user who wrote a post,
--    with the number of their published posts; most first, ties by
--    username.
CREATE VIEW author_board AS
SELECT users.username, count(posts.published_at) AS published
FROM users
JOIN posts ON posts.author_id = users.id
GROUP BY users.id
ORDER BY published DESC, users.username;

-- 2. top_authors (username): the author, or all the tied authors, with
--    the most published posts, by username.
CREATE VIEW top_authors AS
SELECT username
FROM author_board
WHERE published = (SELECT max(published) FROM author_board)
ORDER BY username;
