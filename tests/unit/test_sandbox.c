/* Unit tests for sandbox: refusals, limits, time-outs, interrupts, results,
 * their formatting and comparison, and the ponies dataset. */
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
#include <sys/stat.h>
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

static struct sandbox *S_open(void)
{
	struct sandbox *sb = NULL;
	struct error err = {0};
	assert_int_equal(sandbox_open_memory(&sb, &err), ST_OK);
	assert_non_null(sb);
	return sb;
}

static struct sandbox *S_open_ponies(void)
{
	struct sandbox *sb = S_open();
	struct error err = {0};
	enum status st = sandbox_load_dataset(sb, S_dataset_dir(), "ponies", &err);
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

static void S_query_fails(struct sandbox *sb, const char *sql, const char *message)
{
	struct error err = {0};
	struct sandbox_result r = {0};
	assert_int_equal(sandbox_query(sb, sql, &r, &err), ST_INVALID);
	assert_string_equal(err.message, message);
	assert_string_equal(err.where, "");
	assert_int_equal(r.n_cols, 0);
	assert_int_equal(r.n_rows, 0);
	assert_null(r.cells);
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

static char *S_format(struct sandbox *sb, const char *sql, size_t max_rows)
{
	struct sandbox_result r = {0};
	struct buf out = {0};
	S_query_ok(sb, sql, &r);
	sandbox_result_format(&r, max_rows, &out);
	sandbox_result_free(&r);
	return buf_detach(&out);
}

/* ---- refusals ---- */

static void test_attach_and_detach_are_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	S_query_fails(sb, "ATTACH DATABASE '/tmp/studyterm-sandbox-attach.db' AS other",
	              "ATTACH is not allowed in the sandbox");
	assert_int_equal(access("/tmp/studyterm-sandbox-attach.db", F_OK), -1);
	S_query_fails(sb, "attach ':memory:' as scratch", "ATTACH is not allowed in the sandbox");
	S_query_fails(sb, "DETACH DATABASE main", "DETACH is not allowed in the sandbox");
	/* The refusal does not stick to the next statement. */
	assert_int_equal(S_int(sb, "SELECT 1"), 1);
	sandbox_close(sb);
}

static void test_writable_pragmas_are_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	S_query_fails(sb, "PRAGMA journal_mode=off",
	              "PRAGMA journal_mode is not allowed in the sandbox (only pragmas that "
	              "describe the schema, such as table_info, are)");
	S_query_fails(sb, "PRAGMA writable_schema = ON",
	              "PRAGMA writable_schema is not allowed in the sandbox (only pragmas that "
	              "describe the schema, such as table_info, are)");
	S_query_fails(sb, "pragma Max_Page_Count = 100000000",
	              "PRAGMA Max_Page_Count is not allowed in the sandbox (only pragmas that "
	              "describe the schema, such as table_info, are)");
	S_query_fails(sb, "PRAGMA main.synchronous",
	              "PRAGMA synchronous is not allowed in the sandbox (only pragmas that "
	              "describe the schema, such as table_info, are)");
	/* The table-valued form runs the pragma through the same authorizer. */
	S_query_fails(sb, "SELECT * FROM pragma_compile_options",
	              "PRAGMA compile_options is not allowed in the sandbox (only pragmas that "
	              "describe the schema, such as table_info, are)");
	sandbox_close(sb);
}

static void test_vacuum_is_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	const char *path = "/tmp/studyterm-sandbox-vacuum.db";
	unlink(path);
	S_query_fails(sb, "VACUUM INTO '/tmp/studyterm-sandbox-vacuum.db'",
	              "VACUUM is not allowed in the sandbox");
	S_query_fails(sb, "SELECT 1; /* first */ -- then\n  vacuum;",
	              "VACUUM is not allowed in the sandbox");
	assert_int_equal(access(path, F_OK), -1);
	/* A table may still be called vacuum_log. */
	struct sandbox_result r = {0};
	S_query_ok(sb, "CREATE TABLE vacuum_log(x); SELECT count(*) FROM vacuum_log", &r);
	assert_int_equal(r.n_rows, 1);
	sandbox_result_free(&r);
	sandbox_close(sb);
}

static void test_extension_loading_is_refused(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	S_query_fails(sb, "SELECT load_extension('/tmp/evil.so')",
	              "load_extension() is not allowed in the sandbox");
	S_query_fails(sb, "SELECT LOAD_EXTENSION('/tmp/evil.so', 'init')",
	              "load_extension() is not allowed in the sandbox");
	S_query_fails(sb, "SELECT fts3_tokenizer('simple')",
	              "fts3_tokenizer() is not allowed in the sandbox");
	sandbox_close(sb);
}

static void test_defensive_limits_hold(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	S_query_fails(sb, "SELECT zeroblob(2000000)", "string or blob too big");
	S_query_fails(sb, "SELECT length(replace(printf('%.*c', 600000, 'x'), 'x', 'xy'))",
	              "string or blob too big");
	assert_int_equal(
	    S_int(sb, "SELECT length(replace(printf('%.*c', 400000, 'x'), 'x', 'xy'))"), 800000);
	/* Main and temp databases stop at SANDBOX_MAX_PAGES (64 MiB). */
	S_query_fails(
	    sb,
	    "CREATE TABLE big (b); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
	    "FROM c LIMIT 100) INSERT INTO big SELECT zeroblob(900000) FROM c",
	    "database or disk is full");
	S_query_fails(
	    sb,
	    "CREATE TEMP TABLE big2 (b); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT "
	    "x + 1 FROM c LIMIT 100) INSERT INTO big2 SELECT zeroblob(900000) FROM c",
	    "database or disk is full");
	struct buf long_sql = {0};
	buf_puts(&long_sql, "SELECT '");
	buf_repeat(&long_sql, "x", 100001);
	buf_puts(&long_sql, "'");
	S_query_fails(sb, buf_cstr(&long_sql),
	              "statement too long (the sandbox takes at most 100000 bytes)");
	buf_free(&long_sql);
	struct buf deep = {0};
	buf_puts(&deep, "SELECT 1");
	buf_repeat(&deep, " + 1", 150);
	S_query_fails(sb, buf_cstr(&deep), "Expression tree is too large (maximum depth 100)");
	buf_free(&deep);
	sandbox_close(sb);
}

static void test_too_many_rows_are_stopped(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	S_query_fails(
	    sb,
	    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 100001) "
	    "SELECT x FROM c",
	    "query returned more than 100000 rows or 64 MB (stopped)");
	struct sandbox_result r = {0};
	S_query_ok(sb,
	           "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 100000) "
	           "SELECT x FROM c",
	           &r);
	assert_int_equal(r.n_rows, 100000);
	assert_int_equal(r.cells[99999].i, 100000);
	sandbox_result_free(&r);
	sandbox_close(sb);
}

/* ---- what is allowed ---- */

static void test_schema_pragmas_are_allowed(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_ponies();
	struct sandbox_result r = {0};
	S_query_ok(sb, "PRAGMA table_info(ponies)", &r);
	assert_int_equal(r.n_rows, 5);
	assert_string_equal(r.names[1], "name");
	assert_string_equal(r.cells[1 * r.n_cols + 1].text, "name");
	sandbox_result_free(&r);
	S_query_ok(sb, "SELECT name FROM pragma_table_info('owners') ORDER BY cid", &r);
	assert_int_equal(r.n_rows, 4);
	assert_string_equal(r.cells[3].text, "city");
	sandbox_result_free(&r);
	S_query_ok(sb, "PRAGMA foreign_key_list(pony_handlers)", &r);
	assert_int_equal(r.n_rows, 2);
	sandbox_result_free(&r);
	S_query_ok(sb, "PRAGMA index_list(owners)", &r);
	assert_int_equal(r.n_rows, 1); /* the UNIQUE on email */
	sandbox_result_free(&r);
	S_query_ok(sb, "PRAGMA table_list; PRAGMA database_list; PRAGMA table_xinfo(handlers)", &r);
	assert_int_equal(r.n_rows, 3);
	sandbox_result_free(&r);
	assert_int_equal(S_int(sb, "PRAGMA foreign_keys"), 1);
	S_query_ok(sb, "PRAGMA foreign_keys = OFF", &r);
	assert_int_equal(S_int(sb, "PRAGMA foreign_keys"), 0);
	S_query_ok(sb, "INSERT INTO ponies (name, colour, owner_id) VALUES ('Ghost', 'white', 99)",
	           &r);
	S_query_ok(sb, "PRAGMA FOREIGN_KEYS = ON", &r);
	assert_int_equal(S_int(sb, "PRAGMA foreign_keys"), 1);
	sandbox_close(sb);
}

static void test_multiple_statements_return_the_last_rows(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	struct sandbox_result r = {0};
	S_query_ok(sb,
	           "CREATE TABLE t (x INTEGER);\n"
	           "INSERT INTO t VALUES (1), (2);\n"
	           "SELECT x AS value FROM t ORDER BY x;\n"
	           "UPDATE t SET x = x + 1;",
	           &r);
	assert_int_equal(r.n_cols, 1);
	assert_string_equal(r.names[0], "value");
	assert_int_equal(r.n_rows, 2);
	assert_int_equal(r.cells[0].i, 1);
	assert_int_equal(r.cells[1].i, 2);
	sandbox_result_free(&r);
	assert_int_equal(S_int(sb, "SELECT sum(x) FROM t"), 5);

	/* A SELECT with no rows still is the result, with its columns. */
	S_query_ok(sb, "SELECT 1 AS a; SELECT x, x FROM t WHERE x > 100", &r);
	assert_int_equal(r.n_cols, 2);
	assert_int_equal(r.n_rows, 0);
	sandbox_result_free(&r);

	/* No statement returning rows, or nothing at all: an empty result. */
	S_query_ok(sb, "INSERT INTO t VALUES (7)", &r);
	assert_int_equal(r.n_cols, 0);
	S_query_ok(sb, "  -- only a comment\n ; ;", &r);
	assert_int_equal(r.n_cols, 0);
	S_query_ok(sb, "", &r);
	assert_int_equal(r.n_cols, 0);

	/* An error stops the script; what ran before it stays applied. */
	S_query_fails(sb,
	              "INSERT INTO t VALUES (10); SELECT nmae FROM t; INSERT INTO t VALUES (20)",
	              "no such column: nmae");
	assert_int_equal(S_int(sb, "SELECT count(*) FROM t WHERE x = 10"), 1);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM t WHERE x = 20"), 0);
	S_query_fails(sb, "SELEC name FROM t", "near \"SELEC\": syntax error");
	sandbox_close(sb);
}

static void test_values_keep_their_types(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	struct sandbox_result r = {0};
	S_query_ok(sb, "SELECT 42, 2.5, 'pony', x'00ff', NULL, 'é'", &r);
	assert_int_equal(r.n_cols, 6);
	assert_int_equal(r.cells[0].type, SANDBOX_INT);
	assert_int_equal(r.cells[0].i, 42);
	assert_int_equal(r.cells[1].type, SANDBOX_REAL);
	assert_true(r.cells[1].r == 2.5);
	assert_int_equal(r.cells[2].type, SANDBOX_TEXT);
	assert_string_equal(r.cells[2].text, "pony");
	assert_int_equal(r.cells[2].len, 4);
	assert_int_equal(r.cells[3].type, SANDBOX_BLOB);
	assert_int_equal(r.cells[3].len, 2);
	assert_memory_equal(r.cells[3].text, "\x00\xff", 2);
	assert_int_equal(r.cells[4].type, SANDBOX_NULL);
	assert_null(r.cells[4].text);
	assert_int_equal(r.cells[5].len, 2);
	assert_string_equal(r.names[2], "'pony'");
	sandbox_result_free(&r);
	sandbox_close(sb);
}

/* ---- time limit and interrupt ---- */

static void test_time_limit_stops_runaway_query(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	sandbox_set_time_limit_ms(sb, 200);
	uint64_t t0 = clock_monotonic_ns();
	S_query_fails(sb,
	              "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
	              "SELECT count(*) FROM c",
	              "query took longer than 0.2 s (stopped)");
	uint64_t ms = (clock_monotonic_ns() - t0) / 1000000u;
	assert_in_range(ms, 190, 1500);
	/* The limit is per call: the connection works again at once. */
	assert_int_equal(S_int(sb, "SELECT 6 * 7"), 42);
	sandbox_set_time_limit_ms(sb, 1500);
	S_query_fails(sb,
	              "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
	              "SELECT max(x) FROM c",
	              "query took longer than 1.5 s (stopped)");
	sandbox_close(sb);
}

struct interrupter {
	struct sandbox *sb;
	atomic_int done;
};

/* Keeps interrupting until told to stop, so the test does not depend on
 * when the query starts. */
static void *S_interrupt_until_done(void *arg)
{
	struct interrupter *it = arg;
	struct timespec pause = {.tv_sec = 0, .tv_nsec = 50 * 1000000L};
	while (!atomic_load(&it->done)) {
		nanosleep(&pause, NULL);
		sandbox_interrupt(it->sb);
	}
	return NULL;
}

static void test_interrupt_stops_query_from_another_thread(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	sandbox_set_time_limit_ms(sb, 30000);
	struct interrupter it = {.sb = sb};
	atomic_init(&it.done, 0);
	pthread_t thread;
	assert_int_equal(pthread_create(&thread, NULL, S_interrupt_until_done, &it), 0);
	uint64_t t0 = clock_monotonic_ns();
	struct error err = {0};
	struct sandbox_result r = {0};
	enum status st = sandbox_query(sb,
	                               "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 "
	                               "FROM c) SELECT count(*) FROM c",
	                               &r, &err);
	uint64_t ms = (clock_monotonic_ns() - t0) / 1000000u;
	atomic_store(&it.done, 1);
	pthread_join(thread, NULL);
	assert_int_equal(st, ST_INVALID);
	assert_string_equal(err.message, "query interrupted");
	assert_true(ms < 5000);
	/* An interrupt given while nothing ran is forgotten. */
	sandbox_interrupt(sb);
	assert_int_equal(S_int(sb, "SELECT 1"), 1);
	sandbox_close(sb);
}

/* ---- dataset scripts ---- */

static void test_script_errors_name_file_and_line(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	struct error err = {0};
	const char *script = "CREATE TABLE a (x INTEGER NOT NULL);\n"
	                     "\n"
	                     "-- a comment line\n"
	                     "INSERT INTO a VALUES (1);\n"
	                     "INSERT INTO nope\n"
	                     "  VALUES (2);\n";
	assert_int_equal(sandbox_load_script(sb, script, "data/sandbox/mine.sql", &err), ST_DB);
	assert_string_equal(err.where, "data/sandbox/mine.sql:5");
	assert_string_equal(err.message, "no such table: nope");
	/* Statements before the failing one stay applied. */
	assert_int_equal(S_int(sb, "SELECT count(*) FROM a"), 1);

	const char *failing_step = "INSERT INTO a VALUES (2); /* two\nlines */\n\n"
	                           "INSERT INTO a\nVALUES (NULL);";
	assert_int_equal(sandbox_load_script(sb, failing_step, "x.sql", &err), ST_DB);
	assert_string_equal(err.where, "x.sql:4");
	assert_string_equal(err.message, "NOT NULL constraint failed: a.x");
	sandbox_close(sb);
}

static void test_scripts_are_trusted_but_queries_are_not(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	struct error err = {0};
	assert_int_equal(sandbox_load_script(sb, "PRAGMA user_version = 7; CREATE TABLE t (x);",
	                                     "setup.sql", &err),
	                 ST_OK);
	S_query_fails(sb, "PRAGMA user_version",
	              "PRAGMA user_version is not allowed in the sandbox (only pragmas that "
	              "describe the schema, such as table_info, are)");
	sandbox_close(sb);
}

static void test_dataset_names_are_checked(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	struct error err = {0};
	const char *bad[] = {"../ponies", "sub/ponies", "", ".hidden", "a..b", "po nies"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(sandbox_load_dataset(sb, S_dataset_dir(), bad[i], &err),
		                 ST_INVALID);
		assert_non_null(strstr(err.message, "is not a plain file name"));
	}
	assert_int_equal(sandbox_load_dataset(sb, "/nonexistent/dir", "ponies", &err),
	                 ST_NOT_FOUND);
	assert_string_equal(err.where, "/nonexistent/dir/ponies.sql");
	assert_string_equal(err.message, "no dataset named 'ponies'");
	sandbox_close(sb);
}

static void test_ponies_dataset_has_its_traps(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_ponies();
	/* Loaded with foreign keys on, so every reference resolved. */
	assert_int_equal(S_int(sb, "PRAGMA foreign_keys"), 1);
	assert_int_equal(S_int(sb, "SELECT (SELECT count(*) FROM owners) + (SELECT count(*) FROM "
	                           "ponies) + (SELECT count(*) FROM handlers) + (SELECT count(*) "
	                           "FROM pony_handlers)"),
	                 49);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM ponies WHERE owner_id IS NULL"), 3);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM ponies WHERE owner_id = NULL"), 0);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM ponies p JOIN owners o ON o.id = "
	                           "p.owner_id"),
	                 13);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM owners o WHERE NOT EXISTS (SELECT 1 FROM "
	                           "ponies p WHERE p.owner_id = o.id)"),
	                 2);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM owners WHERE city IS NULL"), 2);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM owners WHERE city <> 'Bristol'"), 4);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM (SELECT city FROM owners GROUP BY city "
	                           "HAVING count(*) > 1 AND city IS NOT NULL)"),
	                 2);
	assert_int_equal(S_int(sb, "SELECT count(*) - count(DISTINCT name) FROM ponies"), 1);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM ponies WHERE age = 4"), 3);
	assert_int_equal(S_int(sb, "SELECT count(*) - count(age) FROM ponies"), 1);
	assert_int_equal(S_int(sb,
	                       "SELECT count(*) FROM handlers h WHERE NOT EXISTS (SELECT 1 FROM "
	                       "pony_handlers ph WHERE ph.handler_id = h.id)"),
	                 1);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM ponies p WHERE NOT EXISTS (SELECT 1 FROM "
	                           "pony_handlers ph WHERE ph.pony_id = p.id)"),
	                 2);
	/* Joining through the association table repeats ponies. */
	assert_int_equal(S_int(sb, "SELECT count(p.id) - count(DISTINCT p.id) FROM ponies p JOIN "
	                           "pony_handlers ph ON ph.pony_id = p.id"),
	                 6);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM pony_handlers WHERE since IS NULL"), 1);
	/* The constraints are live for learners. */
	S_query_fails(sb,
	              "INSERT INTO ponies (name, colour, age, owner_id) VALUES ('Ghost', 'white', "
	              "3, 99)",
	              "FOREIGN KEY constraint failed");
	S_query_fails(sb,
	              "INSERT INTO owners (name, email) VALUES ('Copy', "
	              "'amelia.hart@example.org')",
	              "UNIQUE constraint failed: owners.email");
	sandbox_close(sb);
}

/* ---- files ---- */

static void test_file_database_is_hardened_and_persists(void **state)
{
	(void)state;
	char dir[64];
	snprintf(dir, sizeof dir, "/tmp/studyterm-sandbox-%ld", (long)getpid());
	assert_int_equal(mkdir(dir, 0700), 0);
	char path[128];
	snprintf(path, sizeof path, "%s/sandbox.db", dir);
	struct sandbox *sb = NULL;
	struct error err = {0};
	assert_int_equal(sandbox_open_file(path, &sb, &err), ST_OK);
	struct sandbox_result r = {0};
	S_query_ok(sb, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept')", &r);
	S_query_fails(sb, "ATTACH 'other.db' AS o", "ATTACH is not allowed in the sandbox");
	S_query_fails(sb, "PRAGMA journal_mode = MEMORY",
	              "PRAGMA journal_mode is not allowed in the sandbox (only pragmas that "
	              "describe the schema, such as table_info, are)");
	sandbox_close(sb);
	assert_int_equal(sandbox_open_file(path, &sb, &err), ST_OK);
	assert_int_equal(S_int(sb, "SELECT count(*) FROM notes WHERE body = 'kept'"), 1);
	sandbox_close(sb);
	assert_int_equal(sandbox_open_file("/nonexistent/dir/sandbox.db", &sb, &err), ST_DB);
	assert_null(sb);
	assert_string_equal(err.where, "/nonexistent/dir/sandbox.db");
	assert_string_equal(err.message, "cannot open database: unable to open database file");
	unlink(path);
	rmdir(dir);
}

/* ---- formatting ---- */

static void test_format_draws_a_box_with_null(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	char *text = S_format(sb,
	                      "SELECT 1 AS id, 'Bluebell' AS name, NULL AS city "
	                      "UNION ALL SELECT 12, 'Thistle', 'York'",
	                      10);
	assert_string_equal(text, "┌────┬──────────┬──────┐\n"
	                          "│ id │ name     │ city │\n"
	                          "├────┼──────────┼──────┤\n"
	                          "│  1 │ Bluebell │ NULL │\n"
	                          "│ 12 │ Thistle  │ York │\n"
	                          "└────┴──────────┴──────┘\n");
	free(text);
	/* A real keeps its ".0"; the text NULL is quoted; controls are visible. */
	text = S_format(sb, "SELECT 2.0 AS r, 'NULL' AS t, 'a' || char(10) || 'b' AS n", 10);
	assert_string_equal(text, "┌─────┬────────┬─────┐\n"
	                          "│ r   │ t      │ n   │\n"
	                          "├─────┼────────┼─────┤\n"
	                          "│ 2.0 │ 'NULL' │ a↵b │\n"
	                          "└─────┴────────┴─────┘\n");
	free(text);
	text = S_format(sb, "SELECT 'Chloé' AS owner, x'0aff' AS b", 10);
	assert_string_equal(text, "┌───────┬─────────┐\n"
	                          "│ owner │ b       │\n"
	                          "├───────┼─────────┤\n"
	                          "│ Chloé │ x'0aff' │\n"
	                          "└───────┴─────────┘\n");
	free(text);
	sandbox_close(sb);
}

static void test_format_cuts_rows_and_wide_cells(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	char *text = S_format(sb, "VALUES (1), (2), (3)", 1);
	assert_string_equal(text, "┌─────────┐\n"
	                          "│ column1 │\n"
	                          "├─────────┤\n"
	                          "│       1 │\n"
	                          "└─────────┘\n"
	                          "… 2 more rows\n");
	free(text);
	text = S_format(sb, "VALUES (1), (2)", 1);
	assert_non_null(strstr(text, "└─────────┘\n… 1 more row\n"));
	free(text);
	text = S_format(sb, "SELECT 1 AS a WHERE 0", 10);
	assert_string_equal(text, "┌───┐\n"
	                          "│ a │\n"
	                          "└───┘\n"
	                          "(no rows)\n");
	free(text);
	text = S_format(sb, "CREATE TABLE t (x)", 10);
	assert_string_equal(text, "(no rows)\n");
	free(text);
	text = S_format(sb, "SELECT printf('%.50c', 'x') AS w", 10);
	assert_non_null(strstr(text, "│ xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… │\n"));
	free(text);
	sandbox_close(sb);
}

/* ---- comparison ---- */

static bool S_equal(struct sandbox *sb, const char *got_sql, const char *want_sql, bool ordered,
                    const char *why_expected)
{
	struct sandbox_result got = {0}, want = {0};
	struct buf why = {0};
	S_query_ok(sb, got_sql, &got);
	S_query_ok(sb, want_sql, &want);
	bool same = sandbox_result_equal(&got, &want, ordered, &why);
	assert_string_equal(buf_cstr(&why), why_expected);
	assert_true(sandbox_result_equal(&got, &want, ordered, NULL) == same);
	buf_free(&why);
	sandbox_result_free(&got);
	sandbox_result_free(&want);
	return same;
}

static void test_equal_as_multisets_or_in_order(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	const char *abc = "VALUES ('a', 1), ('b', 2), ('c', 3)";
	const char *cab = "VALUES ('c', 3), ('a', 1), ('b', 2)";
	assert_true(S_equal(sb, cab, abc, false, ""));
	assert_false(S_equal(sb, cab, abc, true, "the rows match but are in a different order"));
	assert_true(S_equal(sb, abc, abc, true, ""));
	/* Column names do not matter. */
	assert_true(S_equal(sb, "SELECT 1 AS x", "SELECT 1 AS y", true, ""));
	assert_false(S_equal(sb, "VALUES ('a', 1), ('x', 2), ('c', 3)", abc, true,
	                     "row 2 differs: expected (b, 2), got (x, 2)"));
	assert_false(S_equal(sb, "VALUES ('Bluebell', 5), ('Pepper', 4)",
	                     "VALUES ('Pepper', 4), ('Bluebell', 4)", false,
	                     "row 1 differs: expected (Bluebell, 4), got (Bluebell, 5)"));
	assert_false(S_equal(sb, "VALUES (1), (2), (9), (8)", "VALUES (1), (2), (3), (4)", false,
	                     "2 rows differ; the first is row 3: expected (3), got (9)"));
	sandbox_close(sb);
}

static void test_equal_compares_numbers_by_value(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	assert_true(S_equal(sb, "SELECT 2.0", "SELECT 2", true, ""));
	assert_true(S_equal(sb, "SELECT 2", "SELECT 2.0", true, ""));
	assert_true(S_equal(sb, "SELECT 0.1 + 0.2", "SELECT 0.3", true, ""));
	assert_false(
	    S_equal(sb, "SELECT 2.5", "SELECT 2", true, "row 1 differs: expected (2), got (2.5)"));
	assert_false(S_equal(sb, "SELECT 1.000001", "SELECT 1", true,
	                     "row 1 differs: expected (1), got (1.000001)"));
	assert_false(S_equal(sb, "SELECT 'x', '2'", "SELECT 'x', 2", true,
	                     "row 1 differs: expected (x, 2), got (x, 2) (column 2 is text, "
	                     "expected a number)"));
	/* Integers compare exactly, even beyond what a double holds. */
	assert_true(S_equal(sb, "SELECT 9007199254740993", "SELECT 9007199254740993", true, ""));
	assert_false(S_equal(sb, "SELECT 9007199254740993", "SELECT 9007199254740992", true,
	                     "row 1 differs: expected (9007199254740992), got (9007199254740993)"));
	assert_false(S_equal(sb, "SELECT 'Ab'", "SELECT 'ab'", true,
	                     "row 1 differs: expected (ab), got (Ab)"));
	sandbox_close(sb);
}

static void test_equal_handles_nulls_and_duplicates(void **state)
{
	(void)state;
	struct sandbox *sb = S_open();
	assert_true(
	    S_equal(sb, "VALUES (NULL, 1), (2, NULL)", "VALUES (2, NULL), (NULL, 1)", false, ""));
	assert_false(S_equal(sb, "SELECT NULL", "SELECT 0", true,
	                     "row 1 differs: expected (0), got (NULL)"));
	assert_false(S_equal(sb, "SELECT ''", "SELECT NULL", true,
	                     "row 1 differs: expected (NULL), got ()"));
	assert_false(S_equal(sb, "VALUES ('a'), ('b'), ('b')", "VALUES ('a'), ('a'), ('b')", false,
	                     "row 3 differs: expected (a), got (b)"));
	assert_false(S_equal(sb, "VALUES ('a'), ('b')", "VALUES ('a'), ('a'), ('b')", false,
	                     "your query returned 2 rows; the expected result has 3"));
	assert_false(S_equal(sb, "VALUES ('a')", "SELECT 'a' WHERE 0", false,
	                     "your query returned 1 row; the expected result has 0"));
	assert_false(S_equal(sb, "SELECT 1, 2", "SELECT 1, 2, 3", false,
	                     "your query returns 2 columns; the expected result has 3"));
	assert_false(S_equal(sb, "SELECT 1", "SELECT 1, 2", false,
	                     "your query returns 1 column; the expected result has 2"));
	assert_false(S_equal(sb, "CREATE TABLE t (x)", "SELECT 1, 2", false,
	                     "your query returns no result; the expected result has 2 columns"));
	assert_true(S_equal(sb, "SELECT 1 WHERE 0", "SELECT 2 WHERE 0", true, ""));
	sandbox_close(sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_attach_and_detach_are_refused),
	    cmocka_unit_test(test_writable_pragmas_are_refused),
	    cmocka_unit_test(test_vacuum_is_refused),
	    cmocka_unit_test(test_extension_loading_is_refused),
	    cmocka_unit_test(test_defensive_limits_hold),
	    cmocka_unit_test(test_too_many_rows_are_stopped),
	    cmocka_unit_test(test_schema_pragmas_are_allowed),
	    cmocka_unit_test(test_multiple_statements_return_the_last_rows),
	    cmocka_unit_test(test_values_keep_their_types),
	    cmocka_unit_test(test_time_limit_stops_runaway_query),
	    cmocka_unit_test(test_interrupt_stops_query_from_another_thread),
	    cmocka_unit_test(test_script_errors_name_file_and_line),
	    cmocka_unit_test(test_scripts_are_trusted_but_queries_are_not),
	    cmocka_unit_test(test_dataset_names_are_checked),
	    cmocka_unit_test(test_ponies_dataset_has_its_traps),
	    cmocka_unit_test(test_file_database_is_hardened_and_persists),
	    cmocka_unit_test(test_format_draws_a_box_with_null),
	    cmocka_unit_test(test_format_cuts_rows_and_wide_cells),
	    cmocka_unit_test(test_equal_as_multisets_or_in_order),
	    cmocka_unit_test(test_equal_compares_numbers_by_value),
	    cmocka_unit_test(test_equal_handles_nulls_and_duplicates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
