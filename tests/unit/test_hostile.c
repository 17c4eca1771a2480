/* Hostile SQL against the sandbox: each attempt is refused with a message a
 * learner can read, or stopped by the time limit or an interrupt, nothing
 * outside the sandbox changes, and the sandbox keeps working afterwards.
 * Also the traps the blog dataset promises in its header. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "sandbox/sandbox.h"

/* Tests run from the repository root; STUDYTERM_DATASET_DIR overrides. */
static const char *S_dataset_dir(void)
{
	const char *dir = getenv("STUDYTERM_DATASET_DIR");
	return dir && *dir ? dir : "data/sandbox";
}

static struct sandbox *S_open_blog(void)
{
	struct sandbox *sb = NULL;
	struct error err = {0};
	assert_int_equal(sandbox_open_memory(&sb, &err), ST_OK);
	enum status st = sandbox_load_dataset(sb, S_dataset_dir(), "blog", &err);
	if (st != ST_OK)
		print_message("%s: %s\n", err.where, err.message);
	assert_int_equal(st, ST_OK);
	return sb;
}

static void S_query_ok(struct sandbox *sb, const char *sql, struct sandbox_result *r)
{
	struct error err = {0};
	enum status st = sandbox_query(sb, sql, r, &err);
	if (st != ST_OK)
		print_message("%s\n", err.message);
	assert_int_equal(st, ST_OK);
}

/* The single integer a query returns. */
static int64_t S_int(struct sandbox *sb, const char *sql)
{
	struct sandbox_result r = {0};
	S_query_ok(sb, sql, &r);
	assert_int_equal(r.n_cols, 1);
	assert_int_equal(r.n_rows, 1);
	assert_int_equal(r.cells[0].type, SANDBOX_INT);
	int64_t v = r.cells[0].i;
	sandbox_result_free(&r);
	return v;
}

/* sql fails as a learner's mistake (ST_INVALID, no file named, no rows)
 * with a message containing `part`. */
static void S_refused(struct sandbox *sb, const char *sql, const char *part)
{
	struct error err = {0};
	struct sandbox_result r = {0};
	enum status st = sandbox_query(sb, sql, &r, &err);
	if (st != ST_INVALID || !strstr(err.message, part))
		print_message("%.200s\n  -> %d %s\n", sql, st, err.message);
	assert_int_equal(st, ST_INVALID);
	assert_non_null(strstr(err.message, part));
	assert_string_equal(err.where, "");
	assert_int_equal(r.n_cols, 0);
	assert_null(r.cells);
}

/* The blog sandbox still answers, with its data and schema intact: five
 * tables and four automatic indexes (two UNIQUE on users, one on tags, the
 * composite key of post_tags). */
static void S_blog_intact(struct sandbox *sb)
{
	assert_int_equal(S_int(sb, "SELECT count(*) FROM posts"), 14);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM comments"), 20);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), 5);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"), 4);
}

static bool S_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* A fresh directory under /tmp; *dir receives its path. */
static void S_temp_dir(char *dir, size_t size)
{
	snprintf(dir, size, "/tmp/studyterm-hostile-XXXXXX");
	assert_non_null(mkdtemp(dir));
}

static char *S_path(const char *dir, const char *name)
{
	struct buf b = {0};
	buf_printf(&b, "%s/%s", dir, name);
	return buf_detach(&b);
}

/* Sets sql to before + path + after. */
static void S_with_path(struct buf *sql, const char *before, const char *path, const char *after)
{
	buf_reset(sql);
	buf_puts(sql, before);
	buf_puts(sql, path);
	buf_puts(sql, after);
}

static char *S_read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

/* ---- files outside the sandbox ---- */

static void test_attach_is_refused_and_creates_nothing(void **state)
{
	(void)state;
	char dir[64];
	S_temp_dir(dir, sizeof dir);
	char *other = S_path(dir, "other.db");
	struct sandbox *sb = S_open_blog();
	struct buf sql = {0};
	const char *forms[][2] = {
	    {"ATTACH DATABASE '", "' AS other"},
	    {"attach '", "' as other"},
	    {";ATTACH '", "' AS other"},
	    {"SELECT 1; -- first\n ATTACH '", "' AS other"},
	    {"ATTACH 'file:", "?mode=rwc' AS other"},
	};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		S_with_path(&sql, forms[i][0], other, forms[i][1]);
		S_refused(sb, buf_cstr(&sql), "ATTACH is not allowed in the sandbox");
		assert_false(S_exists(other));
	}
	S_refused(sb, "ATTACH ':memory:' AS scratch", "ATTACH is not allowed in the sandbox");
	S_refused(sb, "SELECT * FROM other.posts", "no such table: other.posts");
	S_blog_intact(sb);
	sandbox_close(sb);
	buf_free(&sql);
	free(other);
	assert_int_equal(rmdir(dir), 0);
}

static void test_detach_is_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	S_refused(sb, "DETACH DATABASE main", "DETACH is not allowed in the sandbox");
	S_refused(sb, "DETACH temp", "DETACH is not allowed in the sandbox");
	S_refused(sb, "detach 'nothing'", "DETACH is not allowed in the sandbox");
	S_blog_intact(sb);
	sandbox_close(sb);
}

static void test_vacuum_is_refused_and_writes_nothing(void **state)
{
	(void)state;
	char dir[64];
	S_temp_dir(dir, sizeof dir);
	char *copy = S_path(dir, "copy.db");
	struct sandbox *sb = S_open_blog();
	struct buf sql = {0};
	const char *forms[][2] = {
	    {"VACUUM INTO '", "'"},
	    {"vacuum main into '", "'"},
	    /* SQLite skips empty statements before the keyword. */
	    {";VACUUM INTO '", "'"},
	    {"SELECT 1;; /* then */ VACUUM INTO '", "'"},
	};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		S_with_path(&sql, forms[i][0], copy, forms[i][1]);
		S_refused(sb, buf_cstr(&sql), "VACUUM is not allowed in the sandbox");
		assert_false(S_exists(copy));
	}
	S_refused(sb, "VACUUM", "VACUUM is not allowed in the sandbox");
	S_refused(sb, "  vacuum;", "VACUUM is not allowed in the sandbox");
	/* EXPLAIN only lists the program; whether it is allowed or not, it
	 * must not write the copy. */
	S_with_path(&sql, "EXPLAIN VACUUM INTO '", copy, "'");
	struct sandbox_result r = {0};
	struct error err = {0};
	sandbox_query(sb, buf_cstr(&sql), &r, &err);
	sandbox_result_free(&r);
	assert_false(S_exists(copy));
	S_blog_intact(sb);
	sandbox_close(sb);
	buf_free(&sql);
	free(copy);
	assert_int_equal(rmdir(dir), 0);
}

static void test_file_functions_do_not_exist(void **state)
{
	(void)state;
	char dir[64];
	S_temp_dir(dir, sizeof dir);
	char *target = S_path(dir, "written.txt");
	struct sandbox *sb = S_open_blog();
	S_refused(sb, "SELECT readfile('/etc/passwd')", "no such function: readfile");
	struct buf sql = {0};
	S_with_path(&sql, "SELECT writefile('", target, "', 'owned')");
	S_refused(sb, buf_cstr(&sql), "no such function: writefile");
	assert_false(S_exists(target));
	S_refused(sb, "SELECT edit('text', 'vi')", "no such function: edit");
	S_blog_intact(sb);
	sandbox_close(sb);
	buf_free(&sql);
	free(target);
	assert_int_equal(rmdir(dir), 0);
}

/* A learner's sandbox next to a real progress.db: nothing reaches it. */
static void test_progress_db_next_to_the_sandbox_is_untouched(void **state)
{
	(void)state;
	char dir[64];
	S_temp_dir(dir, sizeof dir);
	char *progress = S_path(dir, "progress.db");
	char *sandbox_db = S_path(dir, "sandbox.db");
	struct sandbox *sb = NULL;
	struct error err = {0};
	struct sandbox_result r = {0};
	assert_int_equal(sandbox_open_file(progress, &sb, &err), ST_OK);
	S_query_ok(sb,
	           "CREATE TABLE answers (question TEXT, correct INTEGER);"
	           "INSERT INTO answers VALUES ('flask-001', 1), ('sql-017', 0)",
	           &r);
	sandbox_close(sb);
	size_t before_len = 0;
	char *before = S_read_all(progress, &before_len);
	assert_true(before_len > 0);

	assert_int_equal(sandbox_open_file(sandbox_db, &sb, &err), ST_OK);
	S_query_ok(sb, "CREATE TABLE mine (x); INSERT INTO mine VALUES (1)", &r);
	struct buf sql = {0};
	const char *attacks[][3] = {
	    {"ATTACH '", "' AS progress", "ATTACH is not allowed in the sandbox"},
	    {"ATTACH 'file:", "?mode=rw' AS progress", "ATTACH is not allowed in the sandbox"},
	    {";ATTACH '", "' AS progress; DELETE FROM progress.answers",
	     "ATTACH is not allowed in the sandbox"},
	    {"VACUUM INTO '", "'", "VACUUM is not allowed in the sandbox"},
	};
	for (size_t i = 0; i < sizeof attacks / sizeof *attacks; i++) {
		S_with_path(&sql, attacks[i][0], progress, attacks[i][1]);
		S_refused(sb, buf_cstr(&sql), attacks[i][2]);
	}
	S_refused(sb, "DELETE FROM progress.answers", "no such table: progress.answers");
	assert_int_equal(S_int(sb, "SELECT count(*) FROM mine"), 1);
	sandbox_close(sb);

	size_t after_len = 0;
	char *after = S_read_all(progress, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	char *journal = S_path(dir, "progress.db-journal");
	char *wal = S_path(dir, "progress.db-wal");
	assert_false(S_exists(journal));
	assert_false(S_exists(wal));
	free(journal);
	free(wal);
	free(before);
	free(after);
	buf_free(&sql);
	assert_int_equal(unlink(progress), 0);
	assert_int_equal(unlink(sandbox_db), 0);
	free(progress);
	free(sandbox_db);
	assert_int_equal(rmdir(dir), 0);
}

/* ---- code and pointers ---- */

static void test_extension_loading_is_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	S_refused(sb, "SELECT load_extension('x')",
	          "load_extension() is not allowed in the sandbox");
	S_refused(sb, "SELECT load_extension('/tmp/x.so', 'sqlite3_x_init')",
	          "load_extension() is not allowed in the sandbox");
	/* Hidden in a view or a trigger it is refused when it would run. */
	S_refused(sb, "CREATE VIEW loader AS SELECT load_extension('x') AS y; SELECT * FROM loader",
	          "load_extension()");
	S_refused(sb,
	          "CREATE TRIGGER loading AFTER INSERT ON tags BEGIN SELECT load_extension('x'); "
	          "END; INSERT INTO tags (name) VALUES ('go')",
	          "load_extension()");
	assert_int_equal(S_int(sb, "SELECT count(*) FROM tags"), 7);
	S_blog_intact(sb);
	sandbox_close(sb);
}

static void test_fts3_tokenizer_is_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	S_refused(sb, "SELECT fts3_tokenizer('simple')",
	          "fts3_tokenizer() is not allowed in the sandbox");
	/* The two-argument form would register a raw function pointer. */
	S_refused(sb, "SELECT fts3_tokenizer('mine', x'4141414141414141')",
	          "fts3_tokenizer() is not allowed in the sandbox");
	S_blog_intact(sb);
	sandbox_close(sb);
}

static void test_compile_options_are_harmless_to_read(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	struct sandbox_result r = {0};
	S_query_ok(sb, "SELECT sqlite_compileoption_get(0), sqlite_compileoption_get(100000)", &r);
	assert_int_equal(r.n_rows, 1);
	assert_int_equal(r.cells[0].type, SANDBOX_TEXT);
	assert_true(r.cells[0].len > 0);
	assert_int_equal(r.cells[1].type, SANDBOX_NULL);
	sandbox_result_free(&r);
	/* The pragma that lists them all is not on the allow-list. */
	S_refused(sb, "PRAGMA compile_options", "PRAGMA compile_options is not allowed");
	S_blog_intact(sb);
	sandbox_close(sb);
}

/* ---- pragmas ---- */

static void test_dangerous_pragmas_are_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	const struct {
		const char *sql, *message;
	} cases[] = {
	    {"PRAGMA writable_schema=ON", "PRAGMA writable_schema is not allowed in the sandbox"},
	    {"PRAGMA journal_mode=OFF", "PRAGMA journal_mode is not allowed in the sandbox"},
	    {"PRAGMA main.journal_mode", "PRAGMA journal_mode is not allowed in the sandbox"},
	    {"PRAGMA schema_version = 1", "PRAGMA schema_version is not allowed in the sandbox"},
	    {"PRAGMA trusted_schema = ON", "PRAGMA trusted_schema is not allowed in the sandbox"},
	    {"PRAGMA recursive_triggers = ON",
	     "PRAGMA recursive_triggers is not allowed in the sandbox"},
	    {"PRAGMA max_page_count = 1000000000",
	     "PRAGMA max_page_count is not allowed in the sandbox"},
	    {"PRAGMA temp_store_directory = '/tmp'",
	     "PRAGMA temp_store_directory is not allowed in the sandbox"},
	    {"PRAGMA mmap_size = 1000000000", "PRAGMA mmap_size is not allowed in the sandbox"},
	    {"PRAGMA synchronous = OFF", "PRAGMA synchronous is not allowed in the sandbox"},
	    {"SELECT * FROM pragma_writable_schema",
	     "PRAGMA writable_schema is not allowed in the sandbox"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		S_refused(sb, cases[i].sql, cases[i].message);
	/* Defensive mode would stop the schema writes anyway. */
	S_refused(sb,
	          "UPDATE sqlite_schema SET sql = 'CREATE TABLE posts (x)' WHERE name = 'posts'",
	          "table sqlite_master may not be modified");
	S_blog_intact(sb);
	sandbox_close(sb);
}

static void test_foreign_keys_may_be_switched_off_and_on(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	assert_int_equal(S_int(sb, "PRAGMA foreign_keys"), 1);
	S_refused(sb, "DELETE FROM users WHERE id = 6", "FOREIGN KEY constraint failed");
	struct sandbox_result r = {0};
	S_query_ok(sb, "PRAGMA foreign_keys = OFF", &r);
	assert_int_equal(S_int(sb, "PRAGMA foreign_keys"), 0);
	assert_int_equal(S_int(sb, "SELECT * FROM pragma_foreign_keys"), 0);
	/* Off, the orphaning delete goes through... */
	S_query_ok(sb, "DELETE FROM users WHERE id = 6", &r);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM users"), 7);
	S_query_ok(sb, "PRAGMA main.foreign_keys = ON", &r);
	assert_int_equal(S_int(sb, "PRAGMA foreign_keys"), 1);
	/* ...and on again, the next one is stopped. */
	S_refused(sb, "DELETE FROM users WHERE id = 2", "FOREIGN KEY constraint failed");
	assert_int_equal(S_int(sb, "SELECT count(*) FROM users"), 7);
	sandbox_close(sb);
}

/* ---- the schema table ---- */

static void test_schema_table_cannot_be_written(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	struct sandbox_result r = {0};
	S_refused(sb, "DROP TABLE sqlite_schema", "table sqlite_master may not be dropped");
	S_refused(sb, "DROP TABLE sqlite_master", "table sqlite_master may not be dropped");
	S_refused(sb, "DELETE FROM sqlite_schema", "table sqlite_master may not be modified");
	S_refused(sb, "ALTER TABLE sqlite_schema RENAME TO s",
	          "table sqlite_master may not be altered");
	S_refused(sb,
	          "INSERT INTO sqlite_temp_schema VALUES ('table', 'x', 'x', 0, "
	          "'CREATE TABLE x (a)')",
	          "table sqlite_temp_master may not be modified");
	/* A view over the schema table is only a view... */
	S_query_ok(sb, "CREATE VIEW schema_view AS SELECT * FROM sqlite_schema", &r);
	S_refused(sb, "INSERT INTO schema_view VALUES ('table', 'x', 'x', 0, 'CREATE TABLE x (a)')",
	          "cannot modify schema_view because it is a view");
	/* ...and a trigger that writes through it is stopped when it fires. */
	S_query_ok(sb,
	           "CREATE TRIGGER schema_write INSTEAD OF INSERT ON schema_view BEGIN "
	           "INSERT INTO sqlite_schema VALUES (new.type, new.name, new.tbl_name, 0, "
	           "new.sql); END",
	           &r);
	S_refused(sb, "INSERT INTO schema_view VALUES ('table', 'x', 'x', 0, 'CREATE TABLE x (a)')",
	          "table sqlite_master may not be modified");
	S_query_ok(sb, "DROP VIEW schema_view", &r);
	S_blog_intact(sb);
	sandbox_close(sb);
}

/* Full-text tables keep their index in ordinary "shadow" tables; writing
 * those by hand would feed corrupt records to the FTS code. */
static void test_shadow_tables_cannot_be_written(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	struct sandbox_result r = {0};
	S_query_ok(sb,
	           "CREATE VIRTUAL TABLE post_search USING fts4(title, body);"
	           "INSERT INTO post_search SELECT title, body FROM posts",
	           &r);
	S_refused(sb, "UPDATE post_search_segdir SET root = x'ffffffff'",
	          "table post_search_segdir may not be modified");
	S_refused(sb, "DELETE FROM post_search_content",
	          "table post_search_content may not be modified");
	S_refused(sb, "INSERT INTO post_search_segments VALUES (1000, x'00')",
	          "table post_search_segments may not be modified");
	assert_int_equal(S_int(sb, "SELECT count(*) FROM post_search WHERE post_search MATCH "
	                           "'flask'"),
	                 4);
	S_query_ok(sb, "DROP TABLE post_search", &r);
	S_blog_intact(sb);
	sandbox_close(sb);
}

/* ---- limits ---- */

static void test_huge_blobs_are_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	S_refused(sb, "SELECT zeroblob(2000000000)", "string or blob too big");
	S_refused(sb, "SELECT randomblob(2e9)", "string or blob too big");
	S_refused(sb, "SELECT length(zeroblob(1000001))", "string or blob too big");
	S_refused(sb, "UPDATE posts SET body = zeroblob(2000000000) WHERE id = 1",
	          "string or blob too big");
	assert_int_equal(S_int(sb, "SELECT length(zeroblob(1000000))"), 1000000);
	assert_int_equal(S_int(sb, "SELECT length(body) FROM posts WHERE id = 1"), 47);
	S_blog_intact(sb);
	sandbox_close(sb);
}

static void test_ten_megabyte_statement_is_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	size_t n = 10u * 1024u * 1024u;
	char *sql = malloc(n + 1);
	assert_non_null(sql);
	memcpy(sql, "SELECT '", 8);
	memset(sql + 8, 'x', n - 9);
	sql[n - 1] = '\'';
	sql[n] = '\0';
	S_refused(sb, sql, "statement too long (the sandbox takes at most 100000 bytes)");
	free(sql);
	S_blog_intact(sb);
	sandbox_close(sb);
}

static void test_deep_expressions_are_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	struct buf sql = {0};
	/* 99 additions make a tree 100 deep: the limit exactly. */
	buf_puts(&sql, "SELECT 1");
	buf_repeat(&sql, " + 1", 99);
	assert_int_equal(S_int(sb, buf_cstr(&sql)), 100);
	buf_puts(&sql, " + 1");
	S_refused(sb, buf_cstr(&sql), "Expression tree is too large (maximum depth 100)");
	/* 100 nested calls: this SQLite's parser gives up first; a newer one
	 * with a growing parser stack meets the depth limit instead. */
	buf_reset(&sql);
	buf_puts(&sql, "SELECT ");
	buf_repeat(&sql, "abs(", 100);
	buf_puts(&sql, "1");
	buf_repeat(&sql, ")", 100);
	struct error err = {0};
	struct sandbox_result r = {0};
	assert_int_equal(sandbox_query(sb, buf_cstr(&sql), &r, &err), ST_INVALID);
	assert_true(strcmp(err.message, "parser stack overflow") == 0 ||
	            strcmp(err.message, "Expression tree is too large (maximum depth 100)") == 0);
	buf_free(&sql);
	S_blog_intact(sb);
	sandbox_close(sb);
}

static void test_too_many_variables_are_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	struct buf sql = {0};
	buf_puts(&sql, "SELECT count(*) FROM posts WHERE id IN (?");
	buf_repeat(&sql, ", ?", 100);
	buf_puts(&sql, ")");
	S_refused(sb, buf_cstr(&sql), "too many SQL variables");
	S_refused(sb, "SELECT ?101", "variable number must be between ?1 and ?100");
	/* A list of literals is bounded by the statement length alone. */
	buf_reset(&sql);
	buf_puts(&sql, "SELECT count(*) FROM posts WHERE id IN (0");
	for (int i = 1; i < 15000; i++)
		buf_printf(&sql, ",%d", i);
	buf_puts(&sql, ")");
	assert_int_equal(S_int(sb, buf_cstr(&sql)), 14);
	buf_truncate(&sql, sql.len - 1);
	for (int i = 15000; i < 25000; i++)
		buf_printf(&sql, ",%d", i);
	buf_puts(&sql, ")");
	S_refused(sb, buf_cstr(&sql), "statement too long");
	buf_free(&sql);
	S_blog_intact(sb);
	sandbox_close(sb);
}

/* Twelve tables, each with a trigger that inserts into the next. */
static void test_trigger_depth_is_limited(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	struct buf sql = {0};
	for (int i = 0; i <= 12; i++)
		buf_printf(&sql, "CREATE TABLE chain%d (x);\n", i);
	for (int i = 0; i < 12; i++)
		buf_printf(&sql,
		           "CREATE TRIGGER link%d AFTER INSERT ON chain%d BEGIN "
		           "INSERT INTO chain%d VALUES (new.x + 1); END;\n",
		           i, i, i + 1);
	struct sandbox_result r = {0};
	S_query_ok(sb, buf_cstr(&sql), &r);
	/* Ten levels are allowed... */
	S_query_ok(sb, "INSERT INTO chain2 VALUES (1)", &r);
	assert_int_equal(S_int(sb, "SELECT x FROM chain12"), 11);
	/* ...twelve are not, and the whole statement is undone. */
	S_refused(sb, "INSERT INTO chain0 VALUES (1)", "too many levels of trigger recursion");
	assert_int_equal(S_int(sb, "SELECT count(*) FROM chain0"), 0);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM chain12"), 1);
	buf_reset(&sql);
	for (int i = 0; i <= 12; i++)
		buf_printf(&sql, "DROP TABLE chain%d;", i);
	S_query_ok(sb, buf_cstr(&sql), &r);
	buf_free(&sql);
	S_blog_intact(sb);
	sandbox_close(sb);
}

/* ---- time ---- */

static const char S_endless[] = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                                "SELECT count(*) FROM c";

static void test_endless_cte_is_stopped_in_time(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	sandbox_set_time_limit_ms(sb, 300);
	uint64_t t0 = clock_monotonic_ns();
	S_refused(sb, S_endless, "query took longer than 0.3 s (stopped)");
	uint64_t ms = (clock_monotonic_ns() - t0) / 1000000u;
	assert_in_range(ms, 290, 1300);
	/* A join that would yield 14^6 rows, cut off the same way. */
	t0 = clock_monotonic_ns();
	S_refused(sb,
	          "SELECT count(*) FROM posts a, posts b, posts c, posts d, posts e, posts f, "
	          "comments g WHERE a.title || b.title || c.title || g.body LIKE '%zzz%'",
	          "query took longer than 0.3 s (stopped)");
	ms = (clock_monotonic_ns() - t0) / 1000000u;
	assert_in_range(ms, 290, 1300);
	S_blog_intact(sb);
	sandbox_close(sb);
}

struct interrupter {
	struct sandbox *sb;
	uint64_t fired_ns;
};

/* Waits long enough for the query to be running, then interrupts once. */
static void *S_interrupt_later(void *arg)
{
	struct interrupter *it = arg;
	struct timespec pause = {.tv_sec = 0, .tv_nsec = 200 * 1000000L};
	nanosleep(&pause, NULL);
	it->fired_ns = clock_monotonic_ns();
	sandbox_interrupt(it->sb);
	return NULL;
}

static void test_interrupt_from_another_thread_is_prompt(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	sandbox_set_time_limit_ms(sb, 20000);
	struct interrupter it = {.sb = sb};
	pthread_t thread;
	uint64_t t0 = clock_monotonic_ns();
	assert_int_equal(pthread_create(&thread, NULL, S_interrupt_later, &it), 0);
	S_refused(sb, S_endless, "query interrupted");
	uint64_t done = clock_monotonic_ns();
	assert_int_equal(pthread_join(thread, NULL), 0);
	assert_true(it.fired_ns > t0);
	assert_true(done >= it.fired_ns);
	uint64_t late_ms = (done - it.fired_ns) / 1000000u;
	if (late_ms > 100)
		print_message("stopped %llu ms after the interrupt\n", (unsigned long long)late_ms);
	assert_true(late_ms <= 100);
	S_blog_intact(sb);
	sandbox_close(sb);
}

/* ---- the blog dataset ---- */

static void test_blog_dataset_has_its_traps(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_blog();
	assert_int_equal(S_int(sb, "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM "
	                           "posts) + (SELECT count(*) FROM comments) + (SELECT count(*) "
	                           "FROM tags) + (SELECT count(*) FROM post_tags)"),
	                 67);
	/* Drafts. */
	assert_int_equal(S_int(sb, "SELECT count(*) - count(published_at) FROM posts"), 3);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM (SELECT published_at FROM posts ORDER BY "
	                           "published_at LIMIT 3) WHERE published_at IS NULL"),
	                 3);
	/* A tie for most posts that counting only published posts breaks. */
	assert_int_equal(S_int(sb, "SELECT count(*) FROM (SELECT author_id FROM posts GROUP BY "
	                           "author_id HAVING count(*) = 4)"),
	                 2);
	assert_int_equal(S_int(sb, "SELECT author_id FROM posts WHERE published_at IS NOT NULL "
	                           "GROUP BY author_id ORDER BY count(*) DESC LIMIT 1"),
	                 2);
	/* Users without posts; noor wrote nothing at all. */
	assert_int_equal(S_int(sb, "SELECT count(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM "
	                           "posts p WHERE p.author_id = u.id)"),
	                 3);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM users u LEFT JOIN comments c ON "
	                           "c.author_id = u.id WHERE u.id = 8"),
	                 1);
	assert_int_equal(S_int(sb, "SELECT count(c.id) FROM users u LEFT JOIN comments c ON "
	                           "c.author_id = u.id WHERE u.id = 8"),
	                 0);
	/* The same title twice. */
	assert_int_equal(S_int(sb, "SELECT count(*) - count(DISTINCT title) FROM posts"), 1);
	/* Ties at the top: comments, views and the newest date. */
	assert_int_equal(S_int(sb, "SELECT count(*) FROM (SELECT post_id FROM comments GROUP BY "
	                           "post_id HAVING count(*) = 4)"),
	                 2);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM posts WHERE views = (SELECT max(views) "
	                           "FROM posts)"),
	                 2);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM posts WHERE published_at = (SELECT "
	                           "max(published_at) FROM posts)"),
	                 2);
	/* Posts without comments, without tags; tags without posts. */
	assert_int_equal(S_int(sb, "SELECT count(*) FROM posts p WHERE NOT EXISTS (SELECT 1 FROM "
	                           "comments c WHERE c.post_id = p.id)"),
	                 5);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM posts p JOIN post_tags pt ON pt.post_id "
	                           "= p.id"),
	                 18);
	assert_int_equal(S_int(sb, "SELECT count(DISTINCT p.id) FROM posts p JOIN post_tags pt "
	                           "ON pt.post_id = p.id"),
	                 13);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM tags t WHERE NOT EXISTS (SELECT 1 FROM "
	                           "post_tags pt WHERE pt.tag_id = t.id)"),
	                 1);
	assert_int_equal(S_int(sb, "SELECT count(DISTINCT t.id) FROM tags t JOIN post_tags pt ON "
	                           "pt.tag_id = t.id JOIN posts p ON p.id = pt.post_id WHERE "
	                           "p.published_at IS NOT NULL"),
	                 5);
	/* Commenters counted twice; replies on one's own post. */
	assert_int_equal(S_int(sb, "SELECT count(author_id) - count(DISTINCT author_id) FROM "
	                           "comments WHERE post_id = 5"),
	                 1);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM comments c JOIN posts p ON p.id = "
	                           "c.post_id WHERE c.author_id = p.author_id"),
	                 2);
	/* Timestamps against a plain date. */
	assert_int_equal(S_int(sb, "SELECT count(*) FROM comments WHERE created_at = '2023-10-02'"),
	                 0);
	assert_int_equal(
	    S_int(sb, "SELECT count(*) FROM comments WHERE date(created_at) = '2023-10-02'"), 3);
	/* NULL and empty bios. */
	assert_int_equal(S_int(sb, "SELECT count(*) FROM users WHERE bio IS NULL"), 3);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM users WHERE coalesce(bio, '') = ''"), 4);
	/* Cascades and the references that hold. */
	struct sandbox_result r = {0};
	S_query_ok(sb, "DELETE FROM posts WHERE id = 1", &r);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM comments"), 16);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM post_tags"), 16);
	S_refused(sb, "DELETE FROM tags WHERE id = 1", "FOREIGN KEY constraint failed");
	S_query_ok(sb, "DELETE FROM tags WHERE id = 7; DELETE FROM users WHERE id = 8", &r);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM tags"), 6);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM users"), 7);
	sandbox_close(sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_attach_is_refused_and_creates_nothing),
	    cmocka_unit_test(test_detach_is_refused),
	    cmocka_unit_test(test_vacuum_is_refused_and_writes_nothing),
	    cmocka_unit_test(test_file_functions_do_not_exist),
	    cmocka_unit_test(test_progress_db_next_to_the_sandbox_is_untouched),
	    cmocka_unit_test(test_extension_loading_is_refused),
	    cmocka_unit_test(test_fts3_tokenizer_is_refused),
	    cmocka_unit_test(test_compile_options_are_harmless_to_read),
	    cmocka_unit_test(test_dangerous_pragmas_are_refused),
	    cmocka_unit_test(test_foreign_keys_may_be_switched_off_and_on),
	    cmocka_unit_test(test_schema_table_cannot_be_written),
	    cmocka_unit_test(test_shadow_tables_cannot_be_written),
	    cmocka_unit_test(test_huge_blobs_are_refused),
	    cmocka_unit_test(test_ten_megabyte_statement_is_refused),
	    cmocka_unit_test(test_deep_expressions_are_refused),
	    cmocka_unit_test(test_too_many_variables_are_refused),
	    cmocka_unit_test(test_trigger_depth_is_limited),
	    cmocka_unit_test(test_endless_cte_is_stopped_in_time),
	    cmocka_unit_test(test_interrupt_from_another_thread_is_prompt),
	    cmocka_unit_test(test_blog_dataset_has_its_traps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
