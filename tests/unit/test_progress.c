/* Unit tests for store: schema versions, positions and bookmarks. */
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
#include "store/progress.h"

static char S_dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(S_dir, sizeof S_dir, "/tmp/studyterm-progress-XXXXXX");
	if (!mkdtemp(S_dir))
		return -1;
	clock_set_fixed(1767225600);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
	return system(cmd);
}

static void test_positions_roundtrip_and_persist(void **state)
{
	(void)state;
	struct progress *p;
	struct error err;
	assert_int_equal(progress_open(S_dir, &p, &err), ST_OK);
	struct progress_position pos;
	assert_int_equal(progress_get_position(p, "05-databases.md", &pos, &err), ST_NOT_FOUND);
	struct progress_position set = {120, 42, 30, 0};
	assert_int_equal(progress_set_position(p, "05-databases.md", &set, &err), ST_OK);
	clock_advance(5);
	struct progress_position set2 = {10, 0, 12, 0};
	assert_int_equal(progress_set_position(p, "01-introduction.md", &set2, &err), ST_OK);
	progress_close(p);

	assert_int_equal(progress_open(S_dir, &p, &err), ST_OK);
	assert_int_equal(progress_get_position(p, "05-databases.md", &pos, &err), ST_OK);
	assert_int_equal(pos.src_line, 120);
	assert_int_equal(pos.offset, 42);
	assert_int_equal(pos.percent, 30);
	/* Reading back up keeps the furthest percentage reached. */
	clock_advance(5);
	struct progress_position back = {3, 0, 5, 0};
	assert_int_equal(progress_set_position(p, "05-databases.md", &back, &err), ST_OK);
	assert_int_equal(progress_get_position(p, "05-databases.md", &pos, &err), ST_OK);
	assert_int_equal(pos.src_line, 3);
	assert_int_equal(pos.percent, 30);
	char *last;
	assert_int_equal(progress_last_chapter(p, &last, &err), ST_OK);
	assert_string_equal(last, "05-databases.md");
	free(last);
	progress_close(p);
}

static void test_bookmarks(void **state)
{
	(void)state;
	struct progress *p;
	struct error err;
	assert_int_equal(progress_open(S_dir, &p, &err), ST_OK);
	assert_int_equal(
	    progress_add_bookmark(p, "05-databases.md", 200, 0, "5.6 Migrations", &err), ST_OK);
	clock_advance(1);
	assert_int_equal(progress_add_bookmark(p, "02-flask-basics.md", 7, 3, "2.1", &err), ST_OK);
	/* The same place again only updates the label. */
	assert_int_equal(progress_add_bookmark(p, "05-databases.md", 200, 0, "again", &err), ST_OK);
	struct progress_bookmark *marks;
	size_t n;
	assert_int_equal(progress_list_bookmarks(p, &marks, &n, &err), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(marks[0].label, "again");
	assert_string_equal(marks[1].chapter, "02-flask-basics.md");
	assert_int_equal(marks[1].offset, 3);
	assert_int_equal(progress_delete_bookmark(p, marks[0].id, &err), ST_OK);
	progress_bookmarks_free(marks, n);
	assert_int_equal(progress_list_bookmarks(p, &marks, &n, &err), ST_OK);
	assert_int_equal(n, 1);
	progress_bookmarks_free(marks, n);
	progress_close(p);
}

static void test_newer_schema_is_refused(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/future.db", S_dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct progress *p;
	struct error err;
	assert_int_equal(progress_open_file(path, &p, &err), ST_DB);
	assert_null(p);
	assert_non_null(strstr(err.message, "newer studyterm"));
	assert_string_equal(err.where, path);
}

static void test_garbage_file_is_refused(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/garbage.db", S_dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("this is not a database, it is a shopping list\n", f);
	fclose(f);
	struct progress *p;
	struct error err;
	assert_int_equal(progress_open_file(path, &p, &err), ST_DB);
	assert_null(p);
	/* And the file was not overwritten. */
	f = fopen(path, "r");
	char line[64];
	assert_non_null(fgets(line, sizeof line, f));
	fclose(f);
	assert_non_null(strstr(line, "shopping list"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_positions_roundtrip_and_persist),
	    cmocka_unit_test(test_bookmarks),
	    cmocka_unit_test(test_newer_schema_is_refused),
	    cmocka_unit_test(test_garbage_file_is_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
