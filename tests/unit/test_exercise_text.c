/* Unit tests for what `studyterm exercise` and the exercise screens share:
 * a run's outcome as lines (checks_outcome_lines, _summary, _passed), the
 * solution's text and the count of exercise folders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "sandbox/checks.h"
#include "sandbox/exercise.h"

#define S_FIXTURES "tests/fixtures/exercises"

/* Lines as "K|text\n", K the kind's first letter (P F D H T O B). */
static void S_collect(void *ctx, enum checks_line kind, const char *text)
{
	static const char letters[] = {
	    [CHECKS_LINE_PASS] = 'P',    [CHECKS_LINE_FAIL] = 'F', [CHECKS_LINE_DETAIL] = 'D',
	    [CHECKS_LINE_HEADING] = 'H', [CHECKS_LINE_TEXT] = 'T', [CHECKS_LINE_OUTPUT] = 'O',
	    [CHECKS_LINE_BLANK] = 'B'};
	buf_printf(ctx, "%c|%s\n", letters[kind], text);
}

static struct exercise S_ex(void)
{
	struct exercise ex = {0};
	ex.id = xstrdup("demo");
	return ex;
}

static void test_outcome_lines_in_order_with_kinds(void **state)
{
	(void)state;
	struct check_outcome checks[] = {
	    {.message = xstrdup("the view exists"), .passed = true},
	    {.message = xstrdup("every row is there"),
	     .passed = false,
	     .detail = xstrdup("your query returned 2 rows\nthe expected result has 3")},
	};
	char *statements[] = {xstrdup("CREATE VIEW v AS\nSELECT 1"), xstrdup("SELECT * FROM nope")};
	struct run_outcome o = {.checks = checks,
	                        .n_checks = 2,
	                        .passed = 1,
	                        .output = xstrdup("-- answer.sql:1\n│ 1 │\n"),
	                        .statements = statements,
	                        .n_statements = 2,
	                        .n_selects = 1,
	                        .error = xstrdup("answer.sql:4: no such table: nope")};
	struct exercise ex = S_ex();
	struct buf got = {0};
	checks_outcome_lines(&ex, &o, S_collect, &got);
	assert_string_equal(buf_cstr(&got), "P|✓ the view exists\n"
	                                    "F|✗ every row is there\n"
	                                    "D|    your query returned 2 rows\n"
	                                    "D|    the expected result has 3\n"
	                                    "B|\n"
	                                    "H|Your SQL stopped with an error:\n"
	                                    "D|    answer.sql:4: no such table: nope\n"
	                                    "B|\n"
	                                    "H|Statements sent (2, 1 query):\n"
	                                    "T|  1. CREATE VIEW v AS\n"
	                                    "T|     SELECT 1\n"
	                                    "T|  2. SELECT * FROM nope\n"
	                                    "B|\n"
	                                    "H|Output:\n"
	                                    "O|-- answer.sql:1\n"
	                                    "O|│ 1 │\n");
	assert_false(checks_outcome_passed(&o));
	struct buf summary = {0};
	checks_outcome_summary(&o, &summary);
	assert_string_equal(buf_cstr(&summary), "1 of 2 checks pass.");
	buf_free(&summary);
	buf_free(&got);
	for (size_t i = 0; i < 2; i++) {
		free(checks[i].message);
		free(checks[i].detail);
		free(statements[i]);
	}
	free(o.output);
	free(o.error);
	exercise_free(&ex);
}

static void test_outcome_without_statements_and_summaries(void **state)
{
	(void)state;
	struct check_outcome checks[] = {{.message = xstrdup("a"), .passed = true},
	                                 {.message = xstrdup("b"), .passed = true}};
	char empty[] = "";
	struct run_outcome o = {.checks = checks, .n_checks = 2, .passed = 2, .output = empty};
	struct exercise ex = S_ex();
	struct buf got = {0};
	checks_outcome_lines(&ex, &o, S_collect, &got);
	assert_string_equal(buf_cstr(&got),
	                    "P|✓ a\nP|✓ b\nB|\nT|No statements were sent: demo's files hold "
	                    "only comments.\n");
	assert_true(checks_outcome_passed(&o));
	struct buf summary = {0};
	checks_outcome_summary(&o, &summary);
	assert_string_equal(buf_cstr(&summary), "All 2 checks pass. Well done!");
	/* Every check passes, but the learner's SQL failed: not passed. */
	char *error = xstrdup("answer.sql:1: syntax error");
	o.error = error;
	buf_reset(&summary);
	checks_outcome_summary(&o, &summary);
	assert_false(checks_outcome_passed(&o));
	assert_string_equal(buf_cstr(&summary),
	                    "All 2 checks pass, but your SQL stopped with an error: fix it too.");
	/* No checks at all is never a pass. */
	struct run_outcome none = {.output = empty};
	assert_false(checks_outcome_passed(&none));
	free(error);
	buf_free(&summary);
	buf_free(&got);
	free(checks[0].message);
	free(checks[1].message);
	exercise_free(&ex);
}

static void test_solution_text(void **state)
{
	(void)state;
	struct exercise ex;
	struct buf diag = {0};
	struct error err = {0};
	assert_int_equal(exercise_load(S_FIXTURES "/newest-riders", NULL, 0, &ex, &diag, &err),
	                 ST_OK);
	char *want_text;
	assert_int_equal(paths_read_file(S_FIXTURES "/newest-riders/solution/answer.sql",
	                                 &want_text, NULL, &err),
	                 ST_OK);
	struct buf want = {0}, got = {0};
	buf_printf(&want, "==> answer.sql <==\n%s", want_text);
	assert_int_equal(exercise_solution_text(&ex, &got, &err), ST_OK);
	assert_string_equal(buf_cstr(&got), buf_cstr(&want));

	/* A second file, without a final newline, and a missing third. */
	char *extra[] = {xstrdup("answer.sql"), xstrdup("b.sql"), xstrdup("c.sql")};
	char **saved = ex.starter_files;
	size_t n_saved = ex.n_starter;
	char tmpl[] = "/tmp/h7f-solution-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *sol = paths_join(dir, "solution");
	assert_int_equal(mkdir(sol, 0700), 0);
	char *a = paths_join(sol, "answer.sql"), *b = paths_join(sol, "b.sql");
	FILE *f = fopen(a, "w");
	fputs("SELECT 1;\n", f);
	fclose(f);
	f = fopen(b, "w");
	fputs("SELECT 2;", f);
	fclose(f);
	char *old_dir = ex.dir;
	ex.dir = dir;
	ex.starter_files = extra;
	ex.n_starter = 3;
	buf_reset(&got);
	assert_int_equal(exercise_solution_text(&ex, &got, &err), ST_NOT_FOUND);
	assert_non_null(strstr(err.where, "c.sql"));
	assert_string_equal(buf_cstr(&got),
	                    "==> answer.sql <==\nSELECT 1;\n\n==> b.sql <==\nSELECT 2;\n");
	/* A file the same as in starter/ is only named. */
	char *st_dir = paths_join(dir, "starter");
	assert_int_equal(mkdir(st_dir, 0700), 0);
	char *st_b = paths_join(st_dir, "b.sql");
	f = fopen(st_b, "w");
	fputs("SELECT 2;", f);
	fclose(f);
	ex.n_starter = 2;
	buf_reset(&got);
	assert_int_equal(exercise_solution_text(&ex, &got, &err), ST_OK);
	assert_string_equal(buf_cstr(&got),
	                    "==> answer.sql <==\nSELECT 1;\n\nAs in the starter: b.sql.\n");
	unlink(st_b);
	rmdir(st_dir);
	free(st_b);
	free(st_dir);
	ex.dir = old_dir;
	ex.starter_files = saved;
	ex.n_starter = n_saved;
	unlink(a);
	unlink(b);
	rmdir(sol);
	rmdir(dir);
	free(a);
	free(b);
	free(sol);
	for (size_t i = 0; i < 3; i++)
		free(extra[i]);
	free(want_text);
	buf_free(&want);
	buf_free(&got);
	buf_free(&diag);
	exercise_free(&ex);
}

static void test_count_folders(void **state)
{
	(void)state;
	assert_int_equal(exercise_count_folders(S_FIXTURES), 2);
	assert_int_equal(exercise_count_folders("/tmp/h7f-no-such-dir"), 0);
	/* Hidden folders and plain files are no exercises; a broken folder is
	 * one, which exercise_load_all leaves out. */
	char tmpl[] = "/tmp/h7f-count-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *hidden = paths_join(dir, ".git"), *broken = paths_join(dir, "broken"),
	     *file = paths_join(dir, "notes.txt");
	assert_int_equal(mkdir(hidden, 0700), 0);
	assert_int_equal(mkdir(broken, 0700), 0);
	FILE *f = fopen(file, "w");
	fclose(f);
	assert_int_equal(exercise_count_folders(dir), 1);
	struct exercise *list;
	struct buf diag = {0};
	assert_int_equal(exercise_load_all(dir, NULL, 0, &list, &diag), 0);
	assert_non_null(strstr(buf_cstr(&diag), "broken/exercise.md: error: missing"));
	buf_free(&diag);
	rmdir(hidden);
	rmdir(broken);
	unlink(file);
	rmdir(dir);
	free(hidden);
	free(broken);
	free(file);
}

static void test_python_outcome_has_params_and_versions(void **state)
{
	(void)state;
	struct check_outcome checks[] = {{.message = xstrdup("Nova is saved"), .passed = false}};
	char *statements[] = {xstrdup("INSERT INTO ponies (name) VALUES (?)"),
	                      xstrdup("SELECT count(*) FROM ponies")};
	char *params[] = {xstrdup("[\"Nova\"]"), xstrdup("")};
	struct run_outcome o = {.checks = checks,
	                        .n_checks = 1,
	                        .output = xstrdup("Traceback (1 frame in libraries left out):\n"),
	                        .statements = statements,
	                        .params = params,
	                        .n_statements = 2,
	                        .n_selects = 1,
	                        .python = true,
	                        .versions = xstrdup("Python 3.11.2, SQLAlchemy 1.4.46"),
	                        .error = xstrdup("crud.py:5: add(): IntegrityError: boom")};
	struct exercise ex = S_ex();
	struct buf got = {0};
	checks_outcome_lines(&ex, &o, S_collect, &got);
	assert_string_equal(buf_cstr(&got), "F|✗ Nova is saved\n"
	                                    "B|\n"
	                                    "H|Your code stopped with an error:\n"
	                                    "D|    crud.py:5: add(): IntegrityError: boom\n"
	                                    "B|\n"
	                                    "H|Statements sent (2, 1 query):\n"
	                                    "T|  1. INSERT INTO ponies (name) VALUES (?)\n"
	                                    "D|     params: [\"Nova\"]\n"
	                                    "T|  2. SELECT count(*) FROM ponies\n"
	                                    "B|\n"
	                                    "H|Output:\n"
	                                    "O|Traceback (1 frame in libraries left out):\n"
	                                    "B|\n"
	                                    "T|Ran on Python 3.11.2, SQLAlchemy 1.4.46.\n");
	o.passed = 1;
	struct buf summary = {0};
	checks_outcome_summary(&o, &summary);
	assert_string_equal(buf_cstr(&summary),
	                    "All 1 checks pass, but your code stopped with an error: fix it too.");
	buf_free(&summary);
	buf_free(&got);
	free(checks[0].message);
	for (size_t i = 0; i < 2; i++) {
		free(statements[i]);
		free(params[i]);
	}
	free(o.output);
	free(o.versions);
	free(o.error);
	exercise_free(&ex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_outcome_lines_in_order_with_kinds),
	    cmocka_unit_test(test_python_outcome_has_params_and_versions),
	    cmocka_unit_test(test_outcome_without_statements_and_summaries),
	    cmocka_unit_test(test_solution_text),
	    cmocka_unit_test(test_count_folders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
