/* Unit tests for store/exprogress: exercise status, runs, hints and the
 * first pass, kept across reopening; and the migration from schema v3. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "store/exprogress.h"

#define T0 1767225600 /* 2026-01-01 00:00:00 UTC */

static char S_dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(S_dir, sizeof S_dir, "/tmp/studyterm-exprogress-XXXXXX");
	if (!mkdtemp(S_dir))
		return -1;
	clock_set_fixed(T0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
	return system(cmd);
}

static struct progress *S_open(void)
{
	struct progress *p = NULL;
	struct error err = {0};
	enum status st = progress_open(S_dir, &p, &err);
	if (st != ST_OK)
		print_message("%s: %s\n", err.where, err.message);
	assert_int_equal(st, ST_OK);
	return p;
}

static void test_state_names(void **state)
{
	(void)state;
	assert_string_equal(exprogress_state_name(EXPROGRESS_NEW), "new");
	assert_string_equal(exprogress_state_name(EXPROGRESS_FAILED), "failed");
	assert_string_equal(exprogress_state_name(EXPROGRESS_PASSED), "passed");
	assert_string_equal(exprogress_state_name((enum exprogress_state)7), "?");
}

static void test_absent_is_new(void **state)
{
	(void)state;
	struct progress *p = S_open();
	struct exprogress_status s;
	struct error err = {0};
	assert_int_equal(exprogress_get(p, "owner-pony-counts", &s, &err), ST_OK);
	assert_string_equal(s.id, "owner-pony-counts");
	assert_int_equal(s.state, EXPROGRESS_NEW);
	assert_int_equal(s.runs, 0);
	assert_int_equal(s.hints, 0);
	assert_int_equal(s.first_passed_at, 0);
	assert_int_equal(s.updated_at, 0);
	progress_close(p);
}

static void test_runs_and_first_pass(void **state)
{
	(void)state;
	struct progress *p = S_open();
	struct exprogress_status s;
	struct error err = {0};
	assert_int_equal(exprogress_record_run(p, "a", false, &err), ST_OK);
	assert_int_equal(exprogress_get(p, "a", &s, &err), ST_OK);
	assert_int_equal(s.state, EXPROGRESS_FAILED);
	assert_int_equal(s.runs, 1);
	assert_int_equal(s.first_passed_at, 0);
	assert_int_equal(s.updated_at, T0);

	clock_advance(60);
	assert_int_equal(exprogress_record_run(p, "a", true, &err), ST_OK);
	assert_int_equal(exprogress_get(p, "a", &s, &err), ST_OK);
	assert_int_equal(s.state, EXPROGRESS_PASSED);
	assert_int_equal(s.runs, 2);
	assert_int_equal(s.first_passed_at, T0 + 60);
	assert_int_equal(s.updated_at, T0 + 60);

	/* Broken again: the status follows the run, the first pass stays. */
	clock_advance(60);
	assert_int_equal(exprogress_record_run(p, "a", false, &err), ST_OK);
	clock_advance(60);
	assert_int_equal(exprogress_record_run(p, "a", true, &err), ST_OK);
	clock_advance(60);
	assert_int_equal(exprogress_record_run(p, "a", false, &err), ST_OK);
	progress_close(p);

	p = S_open();
	assert_int_equal(exprogress_get(p, "a", &s, &err), ST_OK);
	assert_int_equal(s.state, EXPROGRESS_FAILED);
	assert_int_equal(s.runs, 5);
	assert_int_equal(s.first_passed_at, T0 + 60);
	assert_int_equal(s.updated_at, T0 + 240);
	/* Another exercise is untouched. */
	assert_int_equal(exprogress_get(p, "b", &s, &err), ST_OK);
	assert_int_equal(s.state, EXPROGRESS_NEW);
	assert_int_equal(s.runs, 0);
	progress_close(p);
}

static void test_pass_on_first_run(void **state)
{
	(void)state;
	struct progress *p = S_open();
	struct exprogress_status s;
	struct error err = {0};
	clock_set_fixed(T0 + 5);
	assert_int_equal(exprogress_record_run(p, "quick", true, &err), ST_OK);
	assert_int_equal(exprogress_get(p, "quick", &s, &err), ST_OK);
	assert_int_equal(s.state, EXPROGRESS_PASSED);
	assert_int_equal(s.runs, 1);
	assert_int_equal(s.first_passed_at, T0 + 5);
	progress_close(p);
}

static void test_hints_only_go_up(void **state)
{
	(void)state;
	struct progress *p = S_open();
	struct exprogress_status s;
	struct error err = {0};
	/* Hints before any run: the exercise stays new. */
	assert_int_equal(exprogress_record_hints(p, "h", 1, &err), ST_OK);
	assert_int_equal(exprogress_get(p, "h", &s, &err), ST_OK);
	assert_int_equal(s.state, EXPROGRESS_NEW);
	assert_int_equal(s.hints, 1);
	assert_int_equal(s.runs, 0);
	assert_int_equal(exprogress_record_hints(p, "h", 3, &err), ST_OK);
	assert_int_equal(exprogress_record_hints(p, "h", 2, &err), ST_OK);
	assert_int_equal(exprogress_get(p, "h", &s, &err), ST_OK);
	assert_int_equal(s.hints, 3);
	/* A run keeps the hints; the hints keep the run's status. */
	assert_int_equal(exprogress_record_run(p, "h", false, &err), ST_OK);
	assert_int_equal(exprogress_record_hints(p, "h", 4, &err), ST_OK);
	assert_int_equal(exprogress_get(p, "h", &s, &err), ST_OK);
	assert_int_equal(s.state, EXPROGRESS_FAILED);
	assert_int_equal(s.hints, 4);
	assert_int_equal(s.runs, 1);
	progress_close(p);
}

struct S_seen {
	char ids[8][16];
	enum exprogress_state states[8];
	int runs[8];
	size_t n;
};

static void S_collect(void *ctx, const struct exprogress_status *s)
{
	struct S_seen *seen = ctx;
	assert_true(seen->n < 8);
	snprintf(seen->ids[seen->n], sizeof seen->ids[0], "%s", s->id);
	seen->states[seen->n] = s->state;
	seen->runs[seen->n] = s->runs;
	seen->n++;
}

static void test_each_by_id(void **state)
{
	(void)state;
	struct progress *p = S_open();
	struct error err = {0};
	struct S_seen seen = {0};
	assert_int_equal(exprogress_each(p, S_collect, &seen, &err), ST_OK);
	assert_int_equal(seen.n, 0);
	assert_int_equal(exprogress_record_run(p, "zeta", true, &err), ST_OK);
	assert_int_equal(exprogress_record_run(p, "alpha", false, &err), ST_OK);
	assert_int_equal(exprogress_record_run(p, "alpha", false, &err), ST_OK);
	assert_int_equal(exprogress_record_hints(p, "mid", 2, &err), ST_OK);
	assert_int_equal(exprogress_each(p, S_collect, &seen, &err), ST_OK);
	assert_int_equal(seen.n, 3);
	assert_string_equal(seen.ids[0], "alpha");
	assert_int_equal(seen.states[0], EXPROGRESS_FAILED);
	assert_int_equal(seen.runs[0], 2);
	assert_string_equal(seen.ids[1], "mid");
	assert_int_equal(seen.states[1], EXPROGRESS_NEW);
	assert_string_equal(seen.ids[2], "zeta");
	assert_int_equal(seen.states[2], EXPROGRESS_PASSED);
	assert_int_equal(seen.runs[2], 1);
	progress_close(p);
}

/* A progress.db of schema v3 (before exercises) gains the table and keeps
 * what it had. */
static void test_migrates_from_v3(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/progress.db", S_dir);
	struct progress *p = S_open();
	progress_close(p);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "DROP TABLE exercise_status; PRAGMA user_version = 3;"
	                              "INSERT INTO bookmark (chapter, src_line, src_offset, label,"
	                              " created_at) VALUES ('01.md', 1, 0, 'kept', 1);",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);

	p = S_open();
	struct error err = {0};
	assert_int_equal(exprogress_record_run(p, "after", true, &err), ST_OK);
	struct progress_bookmark *marks;
	size_t n;
	assert_int_equal(progress_list_bookmarks(p, &marks, &n, &err), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(marks[0].label, "kept");
	progress_bookmarks_free(marks, n);
	progress_close(p);

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	/* 4 is this table's migration; later ones may follow it. */
	assert_true(sqlite3_column_int(st, 0) >= 4);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_state_names),
	    cmocka_unit_test_setup_teardown(test_absent_is_new, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_runs_and_first_pass, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pass_on_first_run, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hints_only_go_up, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_each_by_id, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migrates_from_v3, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
