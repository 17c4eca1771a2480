-- 1. author_board (username, published): every user who wrote a post,
--    with the number of their published posts; most first, ties by
--    username.
-- TODO: write the CREATE VIEW author_board statement here.

-- 2. top_authors (username): the author, or all the tied authors, with
--    the most published posts, by username.
-- TODO: write the CREATE VIEW top_authors statement here.
