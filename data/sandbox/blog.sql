-- blog: a small multi-author blog for SQL questions and exercises.
--
-- Tables: users (8 rows), posts (14), comments (20), tags (7) and the
-- link table post_tags (18), which says which tag is on which post.
-- 67 rows in all.
--
-- Every row can be checked by hand, and each of these is there to make a
-- careless query give a wrong answer:
--   * Drafts: posts 4, 12 and 13 have no published_at (NULL). They count
--     under count(*) but not under count(published_at); any comparison
--     such as "published_at < '2024-01-01'" leaves them out, and they sort
--     first under ORDER BY published_at (last with DESC).
--   * Users 1 (mira) and 2 (tomasz) both wrote 4 posts, so "the user with
--     the most posts" is a tie that LIMIT 1 hides. Counting only published
--     posts breaks the tie: tomasz has 4, mira 3 (post 4 is her draft).
--   * User 4 (raj) wrote one post, and it is a draft: he is in "users with a
--     post" but not in "users who published something".
--   * Users 6 (kwame), 7 (yuki) and 8 (noor) wrote no post. kwame and yuki
--     comment (6 and 3 comments); noor never wrote anything, so she drops
--     out of an inner join with posts or with comments, and count(*) after
--     a LEFT JOIN gives her 1 instead of 0.
--   * Posts 1 and 9 have the same title, 'Getting started with Flask', by
--     different authors (mira and lena): GROUP BY title merges them.
--   * Posts 1 and 7 tie for the most comments (4 each).
--   * Posts 1 and 3 tie for the most views (1520).
--   * Posts 10 and 11 were published at the same second, and they are the
--     newest: "the latest post" is two posts, and ORDER BY published_at
--     alone leaves their order open.
--   * Post 11 (published), post 14 (published) and the three drafts have no
--     comments. Post 14 also has no tag, so an inner join through
--     post_tags drops it.
--   * Post 5 has three tags (flask, sqlite, sql) and several others have
--     two: joining posts to tags repeats those posts unless the query uses
--     DISTINCT or groups by post.
--   * Tag 7 (rust) is on no post, and tag 4 (deployment) only on draft 12,
--     so it vanishes once drafts are filtered out. Tags 3 (testing) and
--     6 (python) tie with 2 posts each.
--   * kwame commented twice on post 5 (comments 9 and 10): counting
--     commenters needs count(DISTINCT author_id). mira (comment 6 on post
--     1) and tomasz (comment 14 on post 7) answer on their own posts, which
--     matters for "comments from other people".
--   * Timestamps are text 'YYYY-MM-DD HH:MM:SS', joined_on is a plain date.
--     "created_at = '2023-10-02'" finds none of the comments written that
--     day (12, 13 and 14) and "created_at <= '2023-10-02'" misses them too;
--     date(created_at) or a half-open range finds them. Comments 12 and 13
--     share a timestamp, so ORDER BY created_at alone leaves them unordered.
--     Users 2 and 3 joined on the same day.
--   * Users 2, 4 and 6 have no bio (NULL) but user 8 has an empty one (''):
--     "bio IS NULL" finds three users, "coalesce(bio, '') = ''" four.
--   * Only comments 5, 9 and 15 were edited (edited_at not NULL).
--   * Deleting a post takes its comments and tag links with it (ON DELETE
--     CASCADE); deleting a user or a tag that is still referenced fails,
--     while user 8 and tag 7 can be deleted.
--
-- Foreign keys hold: the script loads with PRAGMA foreign_keys=ON.

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	email TEXT NOT NULL UNIQUE,
	joined_on TEXT NOT NULL,
	bio TEXT
);

CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	author_id INTEGER NOT NULL REFERENCES users (id),
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	published_at TEXT,
	views INTEGER NOT NULL DEFAULT 0 CHECK (views >= 0)
);

CREATE TABLE comments (
	id INTEGER PRIMARY KEY,
	post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
	author_id INTEGER NOT NULL REFERENCES users (id),
	body TEXT NOT NULL,
	created_at TEXT NOT NULL,
	edited_at TEXT
);

CREATE TABLE tags (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);

CREATE TABLE post_tags (
	post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
	tag_id INTEGER NOT NULL REFERENCES tags (id),
	PRIMARY KEY (post_id, tag_id)
);

INSERT INTO users (id, username, display_name, email, joined_on, bio) VALUES
	(1, 'mira', 'Mira Okonkwo', 'mira.okonkwo@example.org', '2023-01-15',
	 'Backend developer; has used Flask since before blueprints.'),
	(2, 'tomasz', 'Tomasz Nowak', 'tomasz.nowak@example.org', '2023-02-03', NULL),
	(3, 'lena', 'Lena Fischer', 'lena.fischer@example.org', '2023-02-03',
	 'Writes about tests and the bugs they catch.'),
	(4, 'raj', 'Raj Iyer', 'raj.iyer@example.org', '2023-05-20', NULL),
	(5, 'sofia', 'Sofia Costa', 'sofia.costa@example.org', '2023-07-11',
	 'Reports, dashboards and the SQL behind them.'),
	(6, 'kwame', 'Kwame Mensah', 'kwame.mensah@example.org', '2023-09-01', NULL),
	(7, 'yuki', 'Yuki Tanaka', 'yuki.tanaka@example.org', '2024-01-08', 'Mostly reading.'),
	(8, 'noor', 'Noor Haddad', 'noor.haddad@example.org', '2024-03-30', '');

INSERT INTO posts (id, author_id, title, body, published_at, views) VALUES
	(1, 1, 'Getting started with Flask',
	 'Install Flask, write five lines, run flask run.', '2023-03-01 10:00:00', 1520),
	(2, 1, 'Blueprints in practice',
	 'Split a growing app by feature, not by layer.', '2023-04-12 18:30:00', 640),
	(3, 2, 'SQLite foreign keys are off by default',
	 'Turn them on for every connection, or they are only comments.',
	 '2023-04-20 07:45:00', 1520),
	(4, 1, 'Notes on async views',
	 'Half-written: when async helps and when it does not.', NULL, 0),
	(5, 2, 'Migrations without tears',
	 'Review every autogenerated migration before running it.',
	 '2023-06-02 12:00:00', 410),
	(6, 3, 'Testing Flask apps with pytest',
	 'The app factory and the test client make it painless.',
	 '2023-08-15 09:00:00', 875),
	(7, 2, 'Why my JOIN returned too many rows',
	 'A one-to-many join repeats the one side.', '2023-10-01 16:20:00', 990),
	(8, 5, 'Window functions for reports',
	 'Running totals without a self-join.', '2023-11-11 11:11:00', 300),
	(9, 3, 'Getting started with Flask',
	 'My own take, with tests from the first commit.', '2024-01-05 08:00:00', 205),
	(10, 1, 'Sessions and cookies',
	 'What Flask signs, and what it does not hide.', '2024-02-14 09:00:00', 130),
	(11, 2, 'Indexing a busy table',
	 'Read the query plan before adding an index.', '2024-02-14 09:00:00', 75),
	(12, 4, 'Deploying on a small VPS',
	 'gunicorn, a reverse proxy and a systemd unit.', NULL, 0),
	(13, 3, 'Fixtures that do not leak',
	 'Scope them, and roll back after each test.', NULL, 0),
	(14, 5, 'Counting NULLs correctly',
	 'count(*) and count(column) answer different questions.',
	 '2024-01-20 14:00:00', 60);

INSERT INTO comments (id, post_id, author_id, body, created_at, edited_at) VALUES
	(1, 1, 2, 'Clear and short. Bookmarked.', '2023-03-01 12:40:00', NULL),
	(2, 2, 3, 'Feature folders saved our project.', '2023-04-13 10:00:00', NULL),
	(3, 3, 1, 'Bitten by this more than once.', '2023-04-20 09:00:00', NULL),
	(4, 6, 1, 'The fixture section is gold.', '2023-08-15 11:20:00', NULL),
	(5, 1, 6, 'Which Python version do you assume?', '2023-09-02 08:05:00',
	 '2023-09-02 08:07:00'),
	(6, 1, 1, 'Any version that Flask still supports.', '2023-09-02 09:15:00', NULL),
	(7, 3, 6, 'Does the pragma stick to the file?', '2023-09-03 13:45:00', NULL),
	(8, 3, 5, 'No, it is per connection.', '2023-09-03 14:10:00', NULL),
	(9, 5, 6, 'What about data migrations?', '2023-09-05 07:30:00',
	 '2023-09-05 07:41:00'),
	(10, 5, 6, 'Found the answer in the docs.', '2023-09-06 19:00:00', NULL),
	(11, 7, 3, 'GROUP BY fixed it for me.', '2023-10-01 18:00:00', NULL),
	(12, 7, 5, 'Or count(DISTINCT ...).', '2023-10-02 08:00:00', NULL),
	(13, 7, 6, 'Same thing happened to me today.', '2023-10-02 08:00:00', NULL),
	(14, 7, 2, 'Both work; pick the clearer one.', '2023-10-02 12:30:00', NULL),
	(15, 8, 2, 'LAG() made my week.', '2023-11-12 09:00:00', '2023-11-12 09:03:00'),
	(16, 9, 1, 'Nice companion to mine.', '2024-01-05 10:00:00', NULL),
	(17, 1, 7, 'This got me going, thanks.', '2024-01-09 21:30:00', NULL),
	(18, 6, 7, 'Could you cover mocking next?', '2024-01-10 18:00:00', NULL),
	(19, 9, 7, 'Read both posts, learned twice.', '2024-01-11 20:15:00', NULL),
	(20, 10, 6, 'So the session is readable by the client?', '2024-02-15 07:50:00', NULL);

INSERT INTO tags (id, name) VALUES
	(1, 'flask'),
	(2, 'sqlite'),
	(3, 'testing'),
	(4, 'deployment'),
	(5, 'sql'),
	(6, 'python'),
	(7, 'rust');

INSERT INTO post_tags (post_id, tag_id) VALUES
	(1, 1),
	(1, 6),
	(2, 1),
	(3, 2),
	(3, 5),
	(4, 1),
	(5, 1),
	(5, 2),
	(5, 5),
	(6, 3),
	(6, 6),
	(7, 5),
	(8, 5),
	(9, 1),
	(10, 1),
	(11, 2),
	(12, 4),
	(13, 3);
