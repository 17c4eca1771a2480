/* Unit tests for the exercise format (exercise.md and check.sql), loading
 * exercise folders, workspaces and the check runner. Run from the
 * repository root: they read tests/fixtures/exercises and data/sandbox. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <ftw.h>
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
#include "sandbox/workspace.h"

#define S_FIXTURES "tests/fixtures/exercises"

static const char *S_dataset_dir(void)
{
	const char *dir = getenv("STUDYTERM_DATASET_DIR");
	return dir && *dir ? dir : "data/sandbox";
}

/* Where the SQL runs find their datasets; no Python here. */
static const struct checks_env *S_env(void)
{
	static struct checks_env env;
	env.dataset_dir = S_dataset_dir();
	return &env;
}

/* ---- helpers ---- */

static size_t S_parse(const char *text, const char *const *sections, size_t n_sections,
                      struct exercise *ex, struct buf *diags)
{
	struct exercise_report r = {0};
	size_t errors = exercise_parse("ex.md", text, strlen(text), sections, n_sections, ex, &r);
	assert_int_equal(errors, r.n_errors);
	exercise_report_format(&r, diags);
	exercise_report_clear(&r);
	return errors;
}

/* Parses text, which must fail, and compares all its diagnostics. */
static void S_parse_fails(const char *text, const char *expected)
{
	struct exercise ex;
	struct buf diags = {0};
	size_t errors = S_parse(text, NULL, 0, &ex, &diags);
	if (strcmp(buf_cstr(&diags), expected) != 0)
		print_message("input:\n%s\n", text);
	assert_string_equal(buf_cstr(&diags), expected);
	assert_true(errors > 0);
	assert_null(ex.title);
	assert_null(ex.section);
	assert_null(ex.hints);
	assert_null(ex.instructions);
	assert_int_equal(ex.n_hints, 0);
	buf_free(&diags);
}

static size_t S_parse_checks(const char *text, struct exercise_check **checks, size_t *n,
                             struct buf *diags)
{
	struct exercise_report r = {0};
	size_t errors = exercise_parse_checks("check.sql", text, strlen(text), checks, n, &r);
	assert_int_equal(errors, r.n_errors);
	exercise_report_format(&r, diags);
	exercise_report_clear(&r);
	return errors;
}

static void S_checks_fail(const char *text, const char *expected)
{
	struct exercise_check *checks = NULL;
	size_t n = 99;
	struct buf diags = {0};
	size_t errors = S_parse_checks(text, &checks, &n, &diags);
	if (strcmp(buf_cstr(&diags), expected) != 0)
		print_message("input:\n%s\n", text);
	assert_string_equal(buf_cstr(&diags), expected);
	assert_true(errors > 0);
	assert_null(checks);
	assert_int_equal(n, 0);
	buf_free(&diags);
}

static int S_rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void S_rm_rf(const char *path)
{
	nftw(path, S_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static char *S_tmpdir(void)
{
	char *dir = xstrdup("/tmp/studyterm-exercise-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

/* Writes text to dir/rel, making the folders on the way. */
static void S_write(const char *dir, const char *rel, const char *text)
{
	char *path = paths_join(dir, rel);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	struct error err;
	assert_int_equal(paths_mkdir_p(path, &err), ST_OK);
	*slash = '/';
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static char *S_read(const char *dir, const char *rel)
{
	char *path = paths_join(dir, rel);
	char *text = NULL;
	struct error err;
	enum status st = paths_read_file(path, &text, NULL, &err);
	free(path);
	return st == ST_OK ? text : NULL;
}

static bool S_exists(const char *dir, const char *rel)
{
	char *path = paths_join(dir, rel);
	struct stat sb;
	bool yes = lstat(path, &sb) == 0;
	free(path);
	return yes;
}

static unsigned S_mode(const char *dir, const char *rel)
{
	char *path = paths_join(dir, rel);
	struct stat sb;
	assert_int_equal(lstat(path, &sb), 0);
	free(path);
	return (unsigned)(sb.st_mode & 07777);
}

/* The names in dir, sorted and joined by spaces (hidden ones too). */
static char *S_listing(const char *dir)
{
	char *cmd = NULL;
	struct buf b = {0};
	buf_printf(&b, "ls -A '%s' | tr '\\n' ' '", dir);
	cmd = buf_detach(&b);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *text = NULL;
	struct error err;
	assert_int_equal(paths_read_stream(p, "ls", &text, NULL, &err), ST_OK);
	pclose(p);
	free(cmd);
	return text;
}

static const char S_md[] = "# Count the ponies\n"
                           "\n"
                           "section: 5.4 · kind: sql\n"
                           "\n"
                           "Write a query.\n"
                           "\n"
                           "## Hints\n"
                           "\n"
                           "- Use count.\n";

/* A whole exercise folder root/id: exercise.md, check.sql, starter/ and
 * solution/ answer.sql, and setup.sql when setup is not NULL. */
static char *S_make_exercise(const char *root, const char *id, const char *md, const char *check,
                             const char *setup)
{
	char *dir = paths_join(root, id);
	S_write(dir, "exercise.md", md ? md : S_md);
	S_write(dir, "check.sql", check);
	if (setup)
		S_write(dir, "setup.sql", setup);
	S_write(dir, "starter/answer.sql", "-- TODO: your query\n");
	S_write(dir, "solution/answer.sql", "SELECT 1;\n");
	return dir;
}

static void S_load_ok(const char *dir, struct exercise *ex)
{
	struct buf diags = {0};
	struct error err = {0};
	enum status st = exercise_load(dir, NULL, 0, ex, &diags, &err);
	if (st != ST_OK)
		print_message("%s\n%s\n", err.message, buf_cstr(&diags));
	assert_int_equal(st, ST_OK);
	assert_string_equal(buf_cstr(&diags), "");
	buf_free(&diags);
}

/* Runs ex's checks on a workspace holding answer.sql with the given
 * text (a new data folder under tmp). */
static void S_run(const struct exercise *ex, const char *tmp, const char *answer,
                  struct run_outcome *o)
{
	char *home = paths_join(tmp, "home"), *ws = NULL;
	struct error err = {0};
	assert_int_equal(workspace_open(home, ex, &ws, &err), ST_OK);
	if (answer)
		S_write(ws, "answer.sql", answer);
	enum status st = checks_run(ex, ws, S_env(), o, &err);
	if (st != ST_OK)
		print_message("%s: %s\n", err.where, err.message);
	assert_int_equal(st, ST_OK);
	free(ws);
	free(home);
}

static void S_assert_check(const struct run_outcome *o, size_t i, const char *message, bool passed,
                           const char *detail)
{
	assert_true(i < o->n_checks);
	assert_string_equal(o->checks[i].message, message);
	if (o->checks[i].passed != passed)
		print_message("check %zu: %s\n", i, o->checks[i].detail ? o->checks[i].detail : "");
	assert_int_equal(o->checks[i].passed, passed);
	if (detail)
		assert_string_equal(o->checks[i].detail, detail);
	else
		assert_null(o->checks[i].detail);
}

/* ---- exercise.md ---- */

static void test_parse_every_key(void **state)
{
	(void)state;
	static const char text[] = "\xEF\xBB\xBF# Pony counts per owner\r\n"
	                           "\r\n"
	                           "Section: 5.4 · KIND: SQL · dataset: ponies\r\n"
	                           "ordered: yes\r\n"
	                           "\r\n"
	                           "Create the view `counts`.\r\n"
	                           "\r\n"
	                           "### What counts\r\n"
	                           "Every owner.\r\n"
	                           "\r\n"
	                           "\r\n"
	                           "## Hints\r\n"
	                           "\r\n"
	                           "- Start from owners.\r\n"
	                           "* Use a LEFT JOIN\r\n"
	                           "  and count(ponies.id).\r\n"
	                           "+ Group by owners.id.\r\n";
	struct exercise ex;
	struct buf diags = {0};
	assert_int_equal(S_parse(text, NULL, 0, &ex, &diags), 0);
	assert_string_equal(buf_cstr(&diags), "");
	assert_string_equal(ex.title, "Pony counts per owner");
	assert_string_equal(ex.section, "5.4");
	assert_int_equal(ex.kind, EXERCISE_SQL);
	assert_false(ex.needs_python);
	assert_string_equal(ex.dataset, "ponies");
	assert_true(ex.ordered);
	assert_string_equal(ex.instructions,
	                    "Create the view `counts`.\n\n### What counts\nEvery owner.");
	assert_int_equal(ex.n_hints, 3);
	assert_string_equal(ex.hints[0], "Start from owners.");
	assert_string_equal(ex.hints[1], "Use a LEFT JOIN\nand count(ponies.id).");
	assert_string_equal(ex.hints[2], "Group by owners.id.");
	assert_null(ex.id);
	assert_null(ex.dir);
	assert_int_equal(ex.n_starter, 0);
	assert_int_equal(ex.n_checks, 0);
	exercise_free(&ex);
	assert_null(ex.title);
	buf_free(&diags);
}

static void test_parse_defaults_and_kinds(void **state)
{
	(void)state;
	struct exercise ex;
	struct buf diags = {0};
	assert_int_equal(S_parse(S_md, NULL, 0, &ex, &diags), 0);
	assert_null(ex.dataset);
	assert_false(ex.ordered);
	assert_int_equal(ex.kind, EXERCISE_SQL);
	assert_string_equal(exercise_kind_name(ex.kind), "sql");
	assert_string_equal(ex.instructions, "Write a query.");
	assert_int_equal(ex.n_hints, 1);
	assert_string_equal(ex.hints[0], "Use count.");
	exercise_free(&ex);

	/* Settings on separate lines, the reserved kinds, ordered: no. */
	assert_int_equal(S_parse("# Models\n\nsection: 5.3\nkind: python\nordered: no\n\n"
	                         "Write the model.\n\n## Hints\n\n1. One\n2) Two\n",
	                         NULL, 0, &ex, &diags),
	                 0);
	assert_int_equal(ex.kind, EXERCISE_PYTHON);
	assert_true(ex.needs_python);
	assert_false(ex.ordered);
	assert_int_equal(ex.n_hints, 2);
	assert_string_equal(ex.hints[1], "Two");
	exercise_free(&ex);
	assert_int_equal(S_parse("# Migrate\n\nsection: 5.6 · kind: Migration\n\nUpgrade.\n\n"
	                         "## Hints\n- Run flask db upgrade.\n",
	                         NULL, 0, &ex, &diags),
	                 0);
	assert_int_equal(ex.kind, EXERCISE_MIGRATION);
	assert_string_equal(exercise_kind_name(ex.kind), "migration");
	assert_true(ex.needs_python);
	exercise_free(&ex);

	/* A second settings paragraph is still settings. */
	assert_int_equal(S_parse("# T\n\nsection: 5.4\n\nkind: sql\n\nDo it.\n\n## Hints\n- h\n",
	                         NULL, 0, &ex, &diags),
	                 0);
	assert_int_equal(ex.kind, EXERCISE_SQL);
	assert_string_equal(ex.instructions, "Do it.");
	exercise_free(&ex);
	assert_string_equal(buf_cstr(&diags), "");
	buf_free(&diags);
}

static void test_parse_hints_keep_their_markdown(void **state)
{
	(void)state;
	static const char text[] = "# T\n\nsection: 5.4 · kind: sql\n\n"
	                           "```sql\n"
	                           "## Hints\n"
	                           "# not a title\n"
	                           "```\n"
	                           "\n"
	                           "## Hints ##\n"
	                           "-   Lazy hint\n"
	                           "continues here.\n"
	                           "\n"
	                           "- Two paragraphs:\n"
	                           "\n"
	                           "  the second one.\n"
	                           "- Code:\n"
	                           "  ```\n"
	                           "  ## inside code\n"
	                           "\n"
	                           "  x\n"
	                           "  ```\n"
	                           "\n"
	                           "\n";
	struct exercise ex;
	struct buf diags = {0};
	assert_int_equal(S_parse(text, NULL, 0, &ex, &diags), 0);
	assert_string_equal(buf_cstr(&diags), "");
	assert_string_equal(ex.instructions, "```sql\n## Hints\n# not a title\n```");
	assert_int_equal(ex.n_hints, 3);
	assert_string_equal(ex.hints[0], "Lazy hint\ncontinues here.");
	assert_string_equal(ex.hints[1], "Two paragraphs:\n\nthe second one.");
	assert_string_equal(ex.hints[2], "Code:\n```\n## inside code\n\nx\n```");
	exercise_free(&ex);
	buf_free(&diags);
}

static void test_parse_errors_have_line_and_column(void **state)
{
	(void)state;
	/* No title, and what was meant as one is taken as one. */
	S_parse_fails("Pony counts\n\nsection: 5.4 · kind: sql\n\nDo it.\n\n## Hints\n- h\n",
	              "ex.md:1:1: error: an exercise starts with its title: '# Count the "
	              "ponies'\n");
	S_parse_fails("",
	              "ex.md:1:1: error: an exercise starts with its title: '# Count the "
	              "ponies'\n"
	              "ex.md:1:1: error: the exercise has no 'section:' setting (section: 5.4)\n"
	              "ex.md:1:1: error: the exercise has no 'kind:' setting (kind: sql)\n"
	              "ex.md:1:1: error: the exercise has no instructions: write them after "
	              "the settings, before '## Hints'\n"
	              "ex.md:1:1: error: the exercise has no '## Hints' section: end it with "
	              "'## Hints' and a list, one hint per item\n");
	S_parse_fails("#  \n\nsection: 5.4 · kind: sql\n\nDo.\n\n## Hints\n- h\n",
	              "ex.md:1:1: error: the title is empty: '# Count the ponies'\n");
	/* Missing section and kind point at the title. */
	S_parse_fails("\n# T\n\ndataset: ponies\n\nDo.\n\n## Hints\n- h\n",
	              "ex.md:2:1: error: the exercise has no 'section:' setting (section: 5.4)\n"
	              "ex.md:2:1: error: the exercise has no 'kind:' setting (kind: sql)\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql · level: 2\n\nDo.\n\n## Hints\n- h\n",
	              "ex.md:3:30: error: unknown setting 'level' (known: section, kind, "
	              "dataset, ordered, requires)\n");
	S_parse_fails("# T\n\nsection: 5 · kind: sql\n\nDo.\n\n## Hints\n- h\n",
	              "ex.md:3:10: error: section must be a section number such as 5.4, not "
	              "'5'\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: orm\n\nDo.\n\n## Hints\n- h\n",
	              "ex.md:3:23: error: kind must be sql, python or migration, not 'orm'\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\ndataset: ../etc/passwd\n\nDo.\n\n"
	              "## Hints\n- h\n",
	              "ex.md:4:10: error: dataset must be a dataset name such as 'ponies' "
	              "(letters, digits, '_' and '-'), not '../etc/passwd'\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\nordered: maybe\n\nDo.\n\n## Hints\n- h\n",
	              "ex.md:4:10: error: ordered must be yes or no, not 'maybe'\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\nKind: sql\n\nDo.\n\n## Hints\n- h\n",
	              "ex.md:4:1: error: 'kind' is given twice (first at line 3)\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind:\n\nDo.\n\n## Hints\n- h\n",
	              "ex.md:3:17: error: 'kind:' has no value\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql · no colon\n\nDo.\n\n## Hints\n- h\n",
	              "ex.md:3:30: error: 'no colon' is not a setting: write 'key: value' (and "
	              "leave a blank line before the instructions)\n");
	/* Hints: missing, empty, an empty item, stray text, what follows. */
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\n\nDo.\n",
	              "ex.md:1:1: error: the exercise has no '## Hints' section: end it with "
	              "'## Hints' and a list, one hint per item\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\n\nDo.\n\n## Hints\n\n",
	              "ex.md:7:1: error: '## Hints' has no hints: give a list, one '- ' item per "
	              "hint\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\n\nDo.\n\n## Hints\n- a\n-\n- c\n",
	              "ex.md:9:1: error: hint 2 is empty\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\n\nDo.\n\n## Hints\nFirst:\n- a\n\n"
	              "Then more.\n",
	              "ex.md:8:1: error: the Hints section holds a list, one '- ' item per hint; "
	              "indent a hint's further lines\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\n\nDo.\n\n## Hints\n- a\n\n### More\n",
	              "ex.md:10:1: error: the hints end the exercise: move '### More' above "
	              "'## Hints'\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\n\nDo.\n\n## Hints\n- a\n## hints\n- b\n",
	              "ex.md:9:1: error: '## Hints' is given twice (first at line 7)\n");
	/* A second title; no instructions. */
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\n\nDo.\n\n# Again\n\n## Hints\n- a\n",
	              "ex.md:7:1: error: an exercise has one '# ' title, at the top\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\n\n## Hints\n- a\n",
	              "ex.md:1:1: error: the exercise has no instructions: write them after the "
	              "settings, before '## Hints'\n");
	/* Bytes that are no text. */
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\n\nDo \xff it.\n\n## Hints\n- a\n",
	              "ex.md:5:4: error: invalid UTF-8 (byte 0xFF): save the file as UTF-8\n");
	S_parse_fails("# T\n\nsection: 5.4 · kind: sql\n\nDo it.\n\n## Hints\n- a\x01\n",
	              "ex.md:8:4: error: control character U+0001 is not allowed\n");
}

static void test_parse_section_outside_course_warns(void **state)
{
	(void)state;
	static const char *const sections[] = {"5.3", "5.4", "5.6"};
	struct exercise ex;
	struct buf diags = {0};
	assert_int_equal(S_parse(S_md, sections, 3, &ex, &diags), 0);
	assert_string_equal(buf_cstr(&diags), "");
	exercise_free(&ex);
	assert_int_equal(S_parse("# T\n\nsection: 5.4.2 · kind: sql\n\nDo.\n\n## Hints\n- h\n",
	                         sections, 3, &ex, &diags),
	                 0);
	assert_string_equal(buf_cstr(&diags), "");
	exercise_free(&ex);
	assert_int_equal(S_parse("# T\n\nkind: sql · section: 5.5\n\nDo.\n\n## Hints\n- h\n",
	                         sections, 3, &ex, &diags),
	                 0);
	assert_string_equal(buf_cstr(&diags),
	                    "ex.md:3:23: warning: section 5.5 is not in the course\n");
	assert_string_equal(ex.section, "5.5");
	exercise_free(&ex);
	buf_free(&diags);
}

/* ---- check.sql ---- */

static void test_parse_checks_both_forms(void **state)
{
	(void)state;
	static const char text[] = "-- Checks for a test.\n"
	                           "/* a block\n   comment */\n"
	                           "\n"
	                           "-- check: the view exists\n"
	                           "SELECT count(*) = 1 FROM sqlite_schema\n"
	                           "WHERE name = 'v';\n"
	                           "\n"
	                           "--CHECK:   rows match  \n"
	                           "-- expect:\n"
	                           "SELECT 1 -- one\n"
	                           ";\n"
	                           "-- got:\n"
	                           "\n"
	                           "WITH x AS (SELECT 1) SELECT * FROM x;\n"
	                           "-- check: inserting works\r\n"
	                           "INSERT INTO t VALUES ('a;b');\r\n"
	                           "SELECT count(*) = 1 FROM t";
	struct exercise_check *c = NULL;
	size_t n = 0;
	struct buf diags = {0};
	assert_int_equal(S_parse_checks(text, &c, &n, &diags), 0);
	assert_string_equal(buf_cstr(&diags), "");
	assert_int_equal(n, 3);
	assert_string_equal(c[0].message, "the view exists");
	assert_int_equal(c[0].line, 5);
	assert_string_equal(c[0].sql,
	                    "SELECT count(*) = 1 FROM sqlite_schema\nWHERE name = 'v';\n\n");
	assert_int_equal(c[0].sql_line, 6);
	assert_null(c[0].expect);
	assert_null(c[0].got);
	assert_string_equal(c[1].message, "rows match");
	assert_int_equal(c[1].line, 9);
	assert_null(c[1].sql);
	assert_string_equal(c[1].expect, "SELECT 1 -- one\n;\n");
	assert_int_equal(c[1].expect_line, 11);
	assert_string_equal(c[1].got, "\nWITH x AS (SELECT 1) SELECT * FROM x;\n");
	assert_int_equal(c[1].got_line, 14);
	assert_string_equal(c[2].message, "inserting works");
	assert_string_equal(c[2].sql,
	                    "INSERT INTO t VALUES ('a;b');\nSELECT count(*) = 1 FROM t\n");
	exercise_checks_free(c, n);
	buf_free(&diags);
}

static void test_parse_checks_errors(void **state)
{
	(void)state;
	S_checks_fail("", "check.sql:1:1: error: no checks: start each with a line '-- check: "
	                  "MESSAGE'\n");
	S_checks_fail("-- only comments\n/* and this */\n",
	              "check.sql:1:1: error: no checks: start each with a line '-- check: "
	              "MESSAGE'\n");
	S_checks_fail("-- header\nDELETE FROM t;\n-- check: ok\nSELECT 1;\n",
	              "check.sql:2:1: error: SQL before the first '-- check: MESSAGE' line belongs "
	              "to no check\n");
	S_checks_fail("-- check:\nSELECT 1;\n",
	              "check.sql:1:1: error: '-- check:' needs its message, shown to the learner: "
	              "'-- check: the view exists'\n");
	S_checks_fail("-- check: a\n\n",
	              "check.sql:1:1: error: the check has no SQL: end it with a query whose "
	              "value is true when it passes\n");
	S_checks_fail("-- check: a\nSELECT 1;\nDELETE FROM t;\n-- check: b\nSELECT 1;\n",
	              "check.sql:3:1: error: a check's last statement must be a query (SELECT) "
	              "whose value is true when the check passes\n");
	S_checks_fail("  -- expect:\nSELECT 1;\n-- check: b\nSELECT 1;\n",
	              "check.sql:1:3: error: '-- expect:' belongs to a check: put '-- check: "
	              "MESSAGE' above it\n"
	              "check.sql:2:1: error: SQL before the first '-- check: MESSAGE' line belongs "
	              "to no check\n");
	S_checks_fail("-- check: a\n-- expect: SELECT 1\nSELECT 1;\n-- got:\nSELECT 1;\n",
	              "check.sql:2:12: error: write the query on the lines after '-- expect:'\n");
	S_checks_fail(
	    "-- check: a\nSELECT 1;\n-- got:\nSELECT 1;\n",
	    "check.sql:3:1: error: '-- got:' needs '-- expect:' and its query above it\n");
	S_checks_fail("-- check: a\n-- expect:\nSELECT 1;\n",
	              "check.sql:2:1: error: the check compares rows: add '-- got:' and a query "
	              "giving the learner's rows after the expected ones\n");
	S_checks_fail("-- check: a\n-- expect:\nSELECT 1;\n-- got:\nSELECT 1;\n-- expect:\n",
	              "check.sql:6:1: error: '-- expect:' comes before '-- got:'\n");
	S_checks_fail("-- check: a\n-- expect:\nSELECT 1;\n-- expect:\n",
	              "check.sql:4:1: error: '-- expect:' is given twice in this check\n");
	S_checks_fail("-- check: a\n-- expect:\nSELECT 1;\n-- got:\nSELECT 1;\n-- got:\n",
	              "check.sql:6:1: error: '-- got:' is given twice in this check\n");
	S_checks_fail("-- check: a\n-- expect:\nSELECT 1;\nSELECT 2;\n-- got:\nSELECT 1;\n",
	              "check.sql:4:1: error: '-- expect:' takes one query; this is statement 2\n");
	S_checks_fail("-- check: a\n-- expect:\nSELECT 1;\n-- got:\nDELETE FROM t;\n",
	              "check.sql:5:1: error: '-- got:' takes a query (SELECT, WITH or VALUES)\n");
	S_checks_fail("-- check: a\n-- expect:\n\n-- got:\nSELECT 1;\n",
	              "check.sql:2:1: error: '-- expect:' needs a query (SELECT) on the lines "
	              "after it\n");
	S_checks_fail(
	    "-- check: a\nUPDATE t SET x = 1;\n-- expect:\nSELECT 1;\n-- got:\nSELECT 1;\n",
	    "check.sql:2:1: error: a check that compares rows has no SQL before '-- "
	    "expect:'\n");
	S_checks_fail("-- check: caf\xc3\n SELECT 1;\n",
	              "check.sql:1:14: error: invalid UTF-8 (byte 0xC3): save the file as UTF-8\n");
}

static void test_sql_statements_split_like_sqlite(void **state)
{
	(void)state;
	static const char sql[] = "-- lead\n"
	                          "SELECT 'a;b', \"c;d\", [e;f], `g;h`; ;;\n"
	                          "/* x; */ INSERT INTO t VALUES ('it''s;');\n"
	                          "CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN\n"
	                          "  UPDATE t SET x = 1; DELETE FROM t;\n"
	                          "END;\n"
	                          "SELECT 2 -- no semicolon\n"
	                          "  \n"
	                          "-- trailing comment;\n";
	static const char *const want[] = {
	    "SELECT 'a;b', \"c;d\", [e;f], `g;h`",
	    "INSERT INTO t VALUES ('it''s;')",
	    ("CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN\n"
	     "  UPDATE t SET x = 1; DELETE FROM t;\nEND"),
	    "SELECT 2 -- no semicolon\n  \n-- trailing comment;",
	};
	static const int lines[] = {2, 3, 4, 7};
	size_t pos = 0, n = 0, len = strlen(sql);
	int line = 1;
	struct exercise_sql_stmt st;
	while (exercise_sql_next(sql, len, &pos, &line, &st)) {
		assert_true(n < 4);
		char *got = xstrndup(sql + st.start, st.end - st.start);
		assert_string_equal(got, want[n]);
		assert_int_equal(st.line, lines[n]);
		free(got);
		n++;
	}
	assert_int_equal(n, 4);
	assert_int_equal(pos, len);
	assert_false(exercise_sql_next("  -- x\n;\n", 9, &(size_t){0}, &(int){1}, &st));
	assert_true(exercise_sql_is_query("  /* c */ select 1", 18));
	assert_true(exercise_sql_is_query("WITH x AS (SELECT 1) SELECT * FROM x", 36));
	assert_true(exercise_sql_is_query("values (1)", 10));
	assert_false(exercise_sql_is_query("selection", 9));
	assert_false(exercise_sql_is_query("DELETE FROM t", 13));
}

/* ---- loading folders ---- */

static void test_load_fixture_exercises(void **state)
{
	(void)state;
	struct exercise ex;
	S_load_ok(S_FIXTURES "/owner-pony-counts", &ex);
	assert_string_equal(ex.id, "owner-pony-counts");
	assert_string_equal(ex.dir, S_FIXTURES "/owner-pony-counts");
	assert_string_equal(ex.title, "Count each owner's ponies");
	assert_string_equal(ex.section, "5.4");
	assert_string_equal(ex.dataset, "ponies");
	assert_false(ex.ordered);
	assert_int_equal(ex.n_hints, 3);
	assert_int_equal(ex.n_starter, 1);
	assert_string_equal(ex.starter_files[0], "answer.sql");
	assert_null(ex.setup_sql);
	assert_int_equal(ex.n_checks, 4);
	assert_string_equal(ex.checks[2].message,
	                    "every owner is counted, with 0 for owners without ponies");
	assert_non_null(ex.checks[2].expect);
	exercise_free(&ex);

	S_load_ok(S_FIXTURES "/newest-riders/", &ex);
	assert_string_equal(ex.id, "newest-riders");
	assert_true(ex.ordered);
	assert_null(ex.dataset);
	assert_non_null(ex.setup_sql);
	assert_int_equal(strncmp(ex.setup_sql, "-- The club's members", 21), 0);
	assert_int_equal(ex.n_checks, 4);
	exercise_free(&ex);

	/* Sorted by section: 5.4 before 5.5, though "n" comes before "o". */
	static const char *const sections[] = {"5.4", "5.5"};
	struct exercise *list = NULL;
	struct buf diags = {0};
	assert_int_equal(exercise_load_all(S_FIXTURES, sections, 2, &list, &diags), 2);
	assert_string_equal(buf_cstr(&diags), "");
	assert_string_equal(list[0].id, "owner-pony-counts");
	assert_string_equal(list[1].id, "newest-riders");
	exercise_free_all(list, 2);
	assert_int_equal(exercise_load_all("/tmp/h7c-no-such-dir", NULL, 0, &list, &diags), 0);
	assert_null(list);
	buf_free(&diags);
}

static void test_load_reports_folder_problems(void **state)
{
	(void)state;
	char *root = S_tmpdir();
	struct buf diags = {0}, want = {0};
	struct error err = {0};
	struct exercise ex;

	/* No exercise.md at all. */
	char *empty = paths_join(root, "empty");
	assert_int_equal(mkdir(empty, 0700), 0);
	assert_int_equal(exercise_load(empty, NULL, 0, &ex, &diags, &err), ST_NOT_FOUND);
	buf_printf(&want, "%s/exercise.md: error: missing: an exercise folder holds exercise.md\n",
	           empty);
	assert_string_equal(buf_cstr(&diags), buf_cstr(&want));
	assert_null(ex.id);

	/* Everything else that can be wrong with a folder. */
	char *dir = S_make_exercise(root, "Bad_Id", NULL, "-- check: a\nSELECT 1;\n", NULL);
	S_write(dir, "starter/notes.txt", "no marker here\n");
	S_write(dir, "starter/sandbox.db", "TODO\n");
	S_write(dir, "solution/extra.sql", "SELECT 2;\n");
	char *link = paths_join(dir, "starter/link.sql");
	assert_int_equal(symlink("/etc/passwd", link), 0);
	buf_reset(&diags);
	buf_reset(&want);
	assert_int_equal(exercise_load(dir, NULL, 0, &ex, &diags, &err), ST_PARSE);
	buf_printf(&want,
	           "%s: error: 'Bad_Id' is no exercise id: name the folder with a-z, 0-9 and '-', "
	           "starting with a letter or digit\n"
	           "%s/starter/link.sql: error: not a regular file (links and devices are not "
	           "copied)\n"
	           "%s/starter/notes.txt: error: a starter file must say TODO where the learner's "
	           "work goes\n"
	           "%s/starter/sandbox.db: error: 'sandbox.db' is the workspace's database: name "
	           "the file otherwise\n"
	           "%s/solution: error: solution/ lacks notes.txt (starter/ has it)\n"
	           "%s/solution: error: solution/ lacks sandbox.db (starter/ has it)\n"
	           "%s/solution: error: solution/extra.sql is not in starter/\n",
	           dir, dir, dir, dir, dir, dir, dir);
	assert_string_equal(buf_cstr(&diags), buf_cstr(&want));
	buf_reset(&want);
	buf_printf(&want, "7 errors in exercise %s", dir);
	assert_string_equal(err.message, buf_cstr(&want));
	assert_null(ex.id);
	assert_null(ex.starter_files);

	/* Missing check.sql, starter/ and solution/; errors in both files. */
	char *bare = paths_join(root, "bare");
	S_write(bare, "exercise.md", "# T\n\nsection: 5.4\n\nDo.\n\n## Hints\n- h\n");
	buf_reset(&diags);
	buf_reset(&want);
	assert_int_equal(exercise_load(bare, NULL, 0, &ex, &diags, &err), ST_PARSE);
	buf_printf(&want,
	           "%s/exercise.md:1:1: error: the exercise has no 'kind:' setting (kind: sql)\n"
	           "%s/check.sql: error: missing: every exercise has its checks in check.sql\n"
	           "%s/starter: error: missing: starter/ holds the files the learner starts "
	           "from\n",
	           bare, bare, bare);
	assert_string_equal(buf_cstr(&diags), buf_cstr(&want));

	/* An SQL exercise needs a .sql file to run. */
	char *nosql = S_make_exercise(root, "no-sql", NULL, "-- check: a\nSELECT 1;\n", NULL);
	char *answer = paths_join(nosql, "starter/answer.sql");
	char *answer2 = paths_join(nosql, "solution/answer.sql");
	assert_int_equal(unlink(answer), 0);
	assert_int_equal(unlink(answer2), 0);
	S_write(nosql, "starter/app.py", "# TODO\n");
	S_write(nosql, "solution/app.py", "x = 1\n");
	buf_reset(&diags);
	buf_reset(&want);
	assert_int_equal(exercise_load(nosql, NULL, 0, &ex, &diags, &err), ST_PARSE);
	buf_printf(&want,
	           "%s/starter: error: an SQL exercise needs a .sql file in starter/ "
	           "(answer.sql)\n",
	           nosql);
	assert_string_equal(buf_cstr(&diags), buf_cstr(&want));

	free(answer);
	free(answer2);
	free(nosql);
	free(bare);
	free(link);
	free(dir);
	free(empty);
	buf_free(&diags);
	buf_free(&want);
	S_rm_rf(root);
	free(root);
}

static void test_load_all_sorts_sections_as_numbers(void **state)
{
	(void)state;
	char *root = S_tmpdir();
	static const char check[] = "-- check: a\nSELECT 1;\n";
	free(S_make_exercise(root, "b-ten",
	                     "# Ten\n\nsection: 5.10 · kind: sql\n\nDo.\n\n## Hints\n- h\n", check,
	                     NULL));
	free(S_make_exercise(root, "c-nine",
	                     "# Nine\n\nsection: 5.9 · kind: sql\n\nDo.\n\n## Hints\n- h\n", check,
	                     NULL));
	free(S_make_exercise(root, "a-nine",
	                     "# Nine too\n\nsection: 5.9 · kind: sql\n\nDo.\n\n## Hints\n- h\n",
	                     check, NULL));
	free(S_make_exercise(root, "d-four",
	                     "# Four\n\nsection: 4.12 · kind: sql\n\nDo.\n\n## Hints\n- h\n", check,
	                     NULL));
	free(S_make_exercise(root, "broken", "# Broken\n", check, NULL));
	S_write(root, "README.md", "not an exercise\n");
	S_write(root, ".hidden/exercise.md", "ignored\n");
	struct exercise *list = NULL;
	struct buf diags = {0};
	assert_int_equal(exercise_load_all(root, NULL, 0, &list, &diags), 4);
	assert_string_equal(list[0].id, "d-four");
	assert_string_equal(list[1].id, "a-nine");
	assert_string_equal(list[2].id, "c-nine");
	assert_string_equal(list[3].id, "b-ten");
	/* The broken one is left out, and says why. */
	struct buf want = {0};
	buf_printf(&want,
	           "%s/broken/exercise.md:1:1: error: the exercise has no 'section:' setting "
	           "(section: 5.4)\n"
	           "%s/broken/exercise.md:1:1: error: the exercise has no 'kind:' setting (kind: "
	           "sql)\n"
	           "%s/broken/exercise.md:1:1: error: the exercise has no instructions: write "
	           "them after the settings, before '## Hints'\n"
	           "%s/broken/exercise.md:1:1: error: the exercise has no '## Hints' section: end "
	           "it with '## Hints' and a list, one hint per item\n",
	           root, root, root, root);
	assert_string_equal(buf_cstr(&diags), buf_cstr(&want));
	exercise_free_all(list, 4);
	buf_free(&diags);
	buf_free(&want);
	S_rm_rf(root);
	free(root);
}

/* ---- workspaces ---- */

static void test_workspace_is_copied_once(void **state)
{
	(void)state;
	char *root = S_tmpdir();
	char *dir = S_make_exercise(root, "copy-me", NULL, "-- check: a\nSELECT 1;\n", NULL);
	S_write(dir, "starter/app/models.py", "# TODO: the model\n");
	S_write(dir, "solution/app/models.py", "class Pony: pass\n");
	char *script = paths_join(dir, "starter/run.sql");
	S_write(dir, "starter/run.sql", "-- TODO\n");
	S_write(dir, "solution/run.sql", "SELECT 1;\n");
	assert_int_equal(chmod(script, 0755), 0);
	struct exercise ex;
	S_load_ok(dir, &ex);
	assert_int_equal(ex.n_starter, 3);
	assert_string_equal(ex.starter_files[0], "answer.sql");
	assert_string_equal(ex.starter_files[1], "app/models.py");
	assert_string_equal(ex.starter_files[2], "run.sql");

	char *home = paths_join(root, "home"), *ws = NULL, *want_ws = NULL;
	struct error err = {0};
	assert_int_equal(workspace_open(home, &ex, &ws, &err), ST_OK);
	want_ws = workspace_path(home, "copy-me");
	assert_string_equal(ws, want_ws);
	char *text = S_read(ws, "answer.sql");
	assert_string_equal(text, "-- TODO: your query\n");
	free(text);
	text = S_read(ws, "app/models.py");
	assert_string_equal(text, "# TODO: the model\n");
	free(text);
	assert_int_equal(S_mode(home, "workspace"), 0700);
	assert_int_equal(S_mode(ws, ""), 0700);
	assert_int_equal(S_mode(ws, "app"), 0700);
	assert_int_equal(S_mode(ws, "answer.sql"), 0600);
	assert_int_equal(S_mode(ws, "run.sql"), 0700);
	char *names = S_listing(ws);
	assert_string_equal(names, "answer.sql app run.sql ");
	free(names);
	char *wsroot = paths_join(home, "workspace");
	names = S_listing(wsroot);
	assert_string_equal(names, "copy-me "); /* no temp folder left */
	free(names);

	/* The learner's edits survive the next open. */
	S_write(ws, "answer.sql", "SELECT 42;\n");
	char *ws2 = NULL;
	assert_int_equal(workspace_open(home, &ex, &ws2, &err), ST_OK);
	assert_string_equal(ws2, ws);
	text = S_read(ws, "answer.sql");
	assert_string_equal(text, "SELECT 42;\n");
	free(text);

	/* A bad id never becomes a path. */
	struct exercise bad = ex;
	char escape[] = "../escape";
	bad.id = escape;
	char *nope = (char *)"unchanged";
	assert_int_equal(workspace_open(home, &bad, &nope, &err), ST_INVALID);
	assert_null(nope);
	assert_int_equal(workspace_reset(home, &bad, &err), ST_INVALID);

	free(ws2);
	free(wsroot);
	free(want_ws);
	free(ws);
	free(home);
	free(script);
	free(dir);
	exercise_free(&ex);
	S_rm_rf(root);
	free(root);
}

static void test_workspace_reset_restores_starter(void **state)
{
	(void)state;
	char *root = S_tmpdir();
	char *dir = S_make_exercise(root, "reset-me", NULL, "-- check: a\nSELECT 1;\n", NULL);
	struct exercise ex;
	S_load_ok(dir, &ex);
	char *home = paths_join(root, "home"), *ws = NULL;
	char *wsroot = paths_join(home, "workspace");
	struct error err = {0};

	/* A reset with no workspace yet creates it. */
	assert_int_equal(workspace_reset(home, &ex, &err), ST_OK);
	assert_int_equal(workspace_open(home, &ex, &ws, &err), ST_OK);
	char *text = S_read(ws, "answer.sql");
	assert_string_equal(text, "-- TODO: your query\n");
	free(text);

	S_write(ws, "answer.sql", "SELECT 'mine';\n");
	S_write(ws, "extra/notes.sql", "-- mine too\n");
	S_write(ws, "sandbox.db", "not really a database\n");
	assert_int_equal(workspace_reset(home, &ex, &err), ST_OK);
	text = S_read(ws, "answer.sql");
	assert_string_equal(text, "-- TODO: your query\n");
	free(text);
	assert_false(S_exists(ws, "extra"));
	assert_false(S_exists(ws, "sandbox.db"));
	assert_int_equal(S_mode(ws, "answer.sql"), 0600);
	char *names = S_listing(wsroot);
	assert_string_equal(names, "reset-me "); /* the old one and the temp copy are gone */
	free(names);

	/* A reset whose copy fails leaves the learner's work alone. */
	S_write(ws, "answer.sql", "SELECT 'keep me';\n");
	char *starter = paths_join(dir, "starter/answer.sql");
	assert_int_equal(unlink(starter), 0);
	assert_int_not_equal(workspace_reset(home, &ex, &err), ST_OK);
	assert_int_equal(err.status, ST_IO);
	text = S_read(ws, "answer.sql");
	assert_string_equal(text, "SELECT 'keep me';\n");
	free(text);
	names = S_listing(wsroot);
	assert_string_equal(names, "reset-me ");
	free(names);

	/* A reset that died between its renames: the backup comes back. */
	char *bak = paths_join(wsroot, "reset-me.bak-2");
	assert_int_equal(rename(ws, bak), 0);
	free(ws);
	ws = NULL;
	assert_int_equal(workspace_open(home, &ex, &ws, &err), ST_OK);
	text = S_read(ws, "answer.sql");
	assert_string_equal(text, "SELECT 'keep me';\n");
	free(text);
	assert_false(S_exists(wsroot, "reset-me.bak-2"));

	free(bak);
	free(starter);
	free(ws);
	free(wsroot);
	free(home);
	free(dir);
	exercise_free(&ex);
	S_rm_rf(root);
	free(root);
}

/* ---- running checks ---- */

static void test_run_fixture_starter_and_solution(void **state)
{
	(void)state;
	char *tmp = S_tmpdir();
	struct exercise ex;
	S_load_ok(S_FIXTURES "/owner-pony-counts", &ex);
	struct run_outcome o;
	S_run(&ex, tmp, NULL, &o); /* the starter file as it is */
	assert_null(o.error);
	assert_int_equal(o.n_statements, 0);
	assert_string_equal(o.output, "");
	assert_int_equal(o.n_checks, 4);
	assert_int_equal(o.passed, 0);
	S_assert_check(&o, 0, "the view owner_pony_counts exists", false, NULL);
	S_assert_check(&o, 1, "its columns are name and pony_count", false, NULL);
	S_assert_check(&o, 2, "every owner is counted, with 0 for owners without ponies", false,
	               "no such table: owner_pony_counts");
	S_assert_check(&o, 3, "the answer is one CREATE VIEW statement", false, NULL);
	checks_run_free(&o);
	assert_null(o.checks);

	char *solution = S_read(S_FIXTURES "/owner-pony-counts", "solution/answer.sql");
	S_run(&ex, tmp, solution, &o);
	assert_null(o.error);
	assert_int_equal(o.passed, 4);
	assert_int_equal(o.n_statements, 1);
	assert_int_equal(strncmp(o.statements[0], "CREATE VIEW owner_pony_counts AS\n", 33), 0);
	checks_run_free(&o);

	/* Forgetting the owners without ponies: the rows differ. */
	S_run(&ex, tmp,
	      "CREATE VIEW owner_pony_counts AS SELECT owners.name, count(*) AS pony_count\n"
	      "FROM owners JOIN ponies ON ponies.owner_id = owners.id GROUP BY owners.id;\n",
	      &o);
	assert_int_equal(o.passed, 3);
	S_assert_check(&o, 2, "every owner is counted, with 0 for owners without ponies", false,
	               "your query returned 6 rows; the expected result has 8");
	checks_run_free(&o);
	free(solution);
	exercise_free(&ex);

	S_load_ok(S_FIXTURES "/newest-riders", &ex);
	S_run(&ex, tmp, NULL, &o);
	assert_int_equal(o.passed, 1);
	S_assert_check(&o, 0, "the view newest_riders exists", false, NULL);
	S_assert_check(&o, 3, "the riders table is as it was (each check starts afresh)", true,
	               NULL);
	checks_run_free(&o);
	solution = S_read(S_FIXTURES "/newest-riders", "solution/answer.sql");
	S_run(&ex, tmp, solution, &o);
	assert_int_equal(o.passed, 4);
	for (size_t i = 0; i < 4; i++)
		assert_true(o.checks[i].passed);
	checks_run_free(&o);
	/* Without the tie-breaker the order is wrong (ordered: yes). */
	S_run(&ex, tmp,
	      "CREATE VIEW newest_riders AS SELECT name FROM riders ORDER BY joined DESC, name "
	      "DESC;",
	      &o);
	assert_int_equal(o.passed, 3);
	S_assert_check(&o, 1, "the riders are listed newest first, ties by name", false,
	               "the rows match but are in a different order");
	checks_run_free(&o);
	free(solution);
	exercise_free(&ex);
	S_rm_rf(tmp);
	free(tmp);
}

static void test_run_logs_statements_in_order(void **state)
{
	(void)state;
	char *tmp = S_tmpdir();
	char *dir = S_make_exercise(
	    tmp, "logged", NULL,
	    "-- check: at most two SELECTs\n"
	    "SELECT count(*) <= 2 FROM sql_log WHERE sql LIKE 'SELECT%';\n"
	    "-- check: exactly one SELECT\n"
	    "SELECT count(*) = 1 FROM sql_log WHERE sql LIKE 'SELECT%';\n"
	    "-- check: in the order sent\n"
	    "SELECT group_concat(seq || ':' || substr(sql, 1, 6), ',')\n"
	    "       = '1:CREATE,2:SELECT,3:INSERT,4:CREATE,5:INSERT,6:SELECT' FROM sql_log;\n"
	    "-- check: no parameters for SQL\n"
	    "SELECT count(*) = 6 FROM sql_log WHERE params = '';\n"
	    "-- check: quotes kept\n"
	    "SELECT sql = 'INSERT INTO t VALUES (''a;b'')' FROM sql_log WHERE seq = 3;\n",
	    NULL);
	struct exercise ex;
	S_load_ok(dir, &ex);
	struct run_outcome o;
	/* A table of the learner's own called sql_log fools nobody. */
	S_run(&ex, tmp,
	      "-- my work\n"
	      "CREATE TABLE t (x);\n"
	      "SELECT 1 AS one;\n"
	      "/* add a row */ INSERT INTO t VALUES ('a;b');\n"
	      "CREATE TABLE sql_log (seq, sql, params);\n"
	      "INSERT INTO sql_log VALUES (9, 'SELECT forged', '');\n"
	      "SELECT x FROM t -- the end\n",
	      &o);
	assert_null(o.error);
	assert_int_equal(o.n_statements, 6);
	assert_string_equal(o.statements[0], "CREATE TABLE t (x)");
	assert_string_equal(o.statements[1], "SELECT 1 AS one");
	assert_string_equal(o.statements[2], "INSERT INTO t VALUES ('a;b')");
	assert_string_equal(o.statements[5], "SELECT x FROM t -- the end");
	assert_string_equal(o.output, "-- answer.sql:3\n"
	                              "┌─────┐\n"
	                              "│ one │\n"
	                              "├─────┤\n"
	                              "│   1 │\n"
	                              "└─────┘\n"
	                              "\n"
	                              "-- answer.sql:7\n"
	                              "┌─────┐\n"
	                              "│ x   │\n"
	                              "├─────┤\n"
	                              "│ a;b │\n"
	                              "└─────┘\n");
	assert_int_equal(o.passed, 4);
	S_assert_check(&o, 0, "at most two SELECTs", true, NULL);
	S_assert_check(&o, 1, "exactly one SELECT", false, NULL);
	S_assert_check(&o, 2, "in the order sent", true, NULL);
	S_assert_check(&o, 3, "no parameters for SQL", true, NULL);
	S_assert_check(&o, 4, "quotes kept", true, NULL);
	checks_run_free(&o);
	free(dir);
	exercise_free(&ex);
	S_rm_rf(tmp);
	free(tmp);
}

static void test_run_reports_learner_error_and_still_checks(void **state)
{
	(void)state;
	char *tmp = S_tmpdir();
	char *dir = S_make_exercise(tmp, "oops", NULL,
	                            "-- check: the table exists\n"
	                            "SELECT count(*) = 1 FROM sqlite_schema WHERE name = 't';\n"
	                            "-- check: it has a row\n"
	                            "SELECT count(*) = 1 FROM t;\n",
	                            NULL);
	struct exercise ex;
	S_load_ok(dir, &ex);
	struct run_outcome o;
	S_run(&ex, tmp,
	      "CREATE TABLE t (x);\n\nINSRT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n", &o);
	assert_string_equal(o.error, "answer.sql:3: near \"INSRT\": syntax error");
	assert_int_equal(o.n_statements, 2); /* the failing one was sent; the last never was */
	assert_string_equal(o.statements[1], "INSRT INTO t VALUES (1)");
	assert_int_equal(o.passed, 1);
	S_assert_check(&o, 0, "the table exists", true, NULL);
	S_assert_check(&o, 1, "it has a row", false, NULL);
	checks_run_free(&o);

	/* Refused operations are learner errors too. */
	S_run(&ex, tmp, "ATTACH 'x.db' AS x;", &o);
	assert_string_equal(o.error, "answer.sql:1: ATTACH is not allowed in the sandbox");
	assert_int_equal(o.passed, 0);
	checks_run_free(&o);

	/* No .sql file at all. */
	char *home = paths_join(tmp, "home"), *ws = NULL;
	struct error err = {0};
	assert_int_equal(workspace_open(home, &ex, &ws, &err), ST_OK);
	char *answer = paths_join(ws, "answer.sql");
	assert_int_equal(unlink(answer), 0);
	assert_int_equal(checks_run(&ex, ws, S_env(), &o, &err), ST_OK);
	assert_string_equal(o.error, "the workspace has no .sql file to run");
	assert_int_equal(o.n_checks, 2);
	checks_run_free(&o);

	free(answer);
	free(ws);
	free(home);
	free(dir);
	exercise_free(&ex);
	S_rm_rf(tmp);
	free(tmp);
}

static void test_run_compares_rows_ordered_or_not(void **state)
{
	(void)state;
	char *tmp = S_tmpdir();
	static const char check[] = "-- check: the view lists 1, 2, 3\n"
	                            "-- expect:\n"
	                            "VALUES (1, 'one'), (2, 'two'), (3, 'three');\n"
	                            "-- got:\n"
	                            "SELECT * FROM v;\n";
	char *unordered = S_make_exercise(
	    tmp, "unordered", "# U\n\nsection: 5.4 · kind: sql\n\nDo.\n\n## Hints\n- h\n", check,
	    "CREATE TABLE n (k INTEGER, word TEXT);\n"
	    "INSERT INTO n VALUES (3, 'three'), (1, 'one'), (2, 'two');\n");
	char *ordered = S_make_exercise(
	    tmp, "ordered",
	    "# O\n\nsection: 5.4 · kind: sql · ordered: yes\n\nDo.\n\n## Hints\n- h\n", check,
	    "CREATE TABLE n (k INTEGER, word TEXT);\n"
	    "INSERT INTO n VALUES (3, 'three'), (1, 'one'), (2, 'two');\n");
	struct exercise u, o;
	S_load_ok(unordered, &u);
	S_load_ok(ordered, &o);
	struct run_outcome r;
	static const char reversed[] = "CREATE VIEW v AS SELECT k, word FROM n ORDER BY k DESC;";
	S_run(&u, tmp, reversed, &r);
	S_assert_check(&r, 0, "the view lists 1, 2, 3", true, NULL);
	checks_run_free(&r);
	S_run(&o, tmp, reversed, &r);
	S_assert_check(&r, 0, "the view lists 1, 2, 3", false,
	               "the rows match but are in a different order");
	checks_run_free(&r);
	S_run(&o, tmp, "CREATE VIEW v AS SELECT k, word FROM n ORDER BY k;", &r);
	S_assert_check(&r, 0, "the view lists 1, 2, 3", true, NULL);
	checks_run_free(&r);
	S_run(&u, tmp, "CREATE VIEW v AS SELECT k, upper(word) FROM n;", &r);
	S_assert_check(&r, 0, "the view lists 1, 2, 3", false,
	               "3 rows differ; the first is row 1: expected (1, one), got (3, THREE)");
	checks_run_free(&r);
	S_run(&u, tmp, "CREATE VIEW v AS SELECT k FROM n;", &r);
	S_assert_check(&r, 0, "the view lists 1, 2, 3", false,
	               "your query returns 1 column; the expected result has 2");
	checks_run_free(&r);
	free(unordered);
	free(ordered);
	exercise_free(&u);
	exercise_free(&o);
	S_rm_rf(tmp);
	free(tmp);
}

static void test_run_explains_odd_check_results(void **state)
{
	(void)state;
	char *tmp = S_tmpdir();
	char *dir = S_make_exercise(tmp, "odd", NULL,
	                            "-- check: text\nSELECT 'yes';\n"
	                            "-- check: two rows\nSELECT 1 UNION ALL SELECT 2;\n"
	                            "-- check: null\nSELECT NULL = 1;\n"
	                            "-- check: real\nSELECT 0.5;\n"
	                            "-- check: zero\nSELECT 0;\n"
	                            "-- check: broken first statement\n"
	                            "INSERT INTO nowhere VALUES (1);\nSELECT 1;\n"
	                            "-- check: trusted statements may do more\n"
	                            "PRAGMA user_version = 7;\nSELECT 1;\n"
	                            "-- check: and were rolled back\n"
	                            "SELECT count(*) = 0 FROM pragma_table_info('gone');\n"
	                            "-- check: but the last one is a query like any other\n"
	                            "SELECT load_extension('x');\n",
	                            NULL);
	struct exercise ex;
	S_load_ok(dir, &ex);
	struct run_outcome o;
	S_run(&ex, tmp, "SELECT 1;", &o);
	S_assert_check(&o, 0, "text", false,
	               "the check's query gave text, not a true or false number");
	S_assert_check(&o, 1, "two rows", false,
	               "the check's query gave 2 rows of 1 column, not one value");
	S_assert_check(&o, 2, "null", false, NULL);
	S_assert_check(&o, 3, "real", true, NULL);
	S_assert_check(&o, 4, "zero", false, NULL);
	S_assert_check(&o, 5, "broken first statement", false, "no such table: nowhere");
	S_assert_check(&o, 6, "trusted statements may do more", true, NULL);
	S_assert_check(&o, 7, "and were rolled back", true, NULL);
	S_assert_check(&o, 8, "but the last one is a query like any other", false,
	               "load_extension() is not allowed in the sandbox");
	assert_int_equal(o.passed, 3);
	checks_run_free(&o);
	free(dir);
	exercise_free(&ex);
	S_rm_rf(tmp);
	free(tmp);
}

static void test_run_starts_afresh_in_file_order(void **state)
{
	(void)state;
	char *tmp = S_tmpdir();
	char *dir =
	    S_make_exercise(tmp, "files", NULL,
	                    "-- check: b ran after a\n"
	                    "SELECT group_concat(sql, ' | ') = "
	                    "'CREATE TABLE t (x) | INSERT INTO t VALUES (1)' FROM sql_log;\n",
	                    NULL);
	struct exercise ex;
	S_load_ok(dir, &ex);
	char *home = paths_join(tmp, "home"), *ws = NULL;
	struct error err = {0};
	assert_int_equal(workspace_open(home, &ex, &ws, &err), ST_OK);
	S_write(ws, "answer.sql", "CREATE TABLE t (x);");
	S_write(ws, "b.sql", "INSERT INTO t VALUES (1);");
	S_write(ws, "notes.txt", "DROP TABLE t;");
	struct run_outcome o;
	for (int run = 0; run < 2; run++) { /* the second run does not find t already there */
		assert_int_equal(checks_run(&ex, ws, S_env(), &o, &err), ST_OK);
		assert_null(o.error);
		assert_int_equal(o.passed, 1);
		checks_run_free(&o);
	}
	assert_true(S_exists(ws, "sandbox.db"));

	/* What is not the learner's doing is an error, not a result. */
	assert_int_equal(checks_run(&ex, "/tmp/h7c-no-such-workspace", S_env(), &o, &err),
	                 ST_NOT_FOUND);
	assert_null(o.checks);
	struct exercise py = ex;
	py.kind = EXERCISE_PYTHON;
	py.needs_python = true;
	assert_int_equal(checks_run(&py, ws, S_env(), &o, &err), ST_NOT_FOUND);
	assert_string_equal(err.message, "no Python can run exercise files (kind: python)");
	struct exercise nodata = ex;
	char no_such[] = "no-such-dataset";
	nodata.dataset = no_such;
	assert_int_equal(checks_run(&nodata, ws, S_env(), &o, &err), ST_NOT_FOUND);
	assert_string_equal(err.message, "no dataset named 'no-such-dataset'");
	struct exercise badsetup = ex;
	char twice[] = "CREATE TABLE a (x);\nCREATE TABLE a (x);\n";
	badsetup.setup_sql = twice;
	assert_int_equal(checks_run(&badsetup, ws, S_env(), &o, &err), ST_DB);
	struct buf where = {0};
	buf_printf(&where, "%s/setup.sql:2", dir);
	assert_string_equal(err.where, buf_cstr(&where));
	assert_string_equal(err.message, "table a already exists");
	assert_null(o.checks);
	assert_null(o.statements);

	buf_free(&where);
	free(ws);
	free(home);
	free(dir);
	exercise_free(&ex);
	S_rm_rf(tmp);
	free(tmp);
}

static void test_run_output_is_capped(void **state)
{
	(void)state;
	char *tmp = S_tmpdir();
	char *dir = S_make_exercise(
	    tmp, "chatty", NULL, "-- check: all ran\nSELECT count(*) = 202 FROM sql_log;\n", NULL);
	struct exercise ex;
	S_load_ok(dir, &ex);
	struct buf work = {0};
	buf_puts(&work,
	         "CREATE TABLE big (x);\n"
	         "WITH RECURSIVE c (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 60)\n"
	         "INSERT INTO big SELECT printf('%040d', i) FROM c;\n");
	for (int i = 0; i < 200; i++)
		buf_puts(&work, "SELECT x FROM big;\n");
	struct run_outcome o;
	S_run(&ex, tmp, buf_cstr(&work), &o);
	assert_null(o.error);
	assert_int_equal(o.n_statements, 202);
	assert_int_equal(o.passed, 1);
	/* Each result shows 50 of its 60 rows; the output stops after 256 KiB. */
	const char *more = strstr(o.output, "\n(more results not shown)\n");
	assert_non_null(more);
	assert_string_equal(more, "\n(more results not shown)\n");
	assert_true(more - o.output > 256 * 1024);
	assert_true(more - o.output < 270 * 1024);
	assert_non_null(strstr(o.output, "│ 0000000000000000000000000000000000000050 │\n"
	                                 "└──────────────────────────────────────────┘\n"
	                                 "… 10 more rows\n"));
	checks_run_free(&o);
	buf_free(&work);
	free(dir);
	exercise_free(&ex);
	S_rm_rf(tmp);
	free(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_every_key),
	    cmocka_unit_test(test_parse_defaults_and_kinds),
	    cmocka_unit_test(test_parse_hints_keep_their_markdown),
	    cmocka_unit_test(test_parse_errors_have_line_and_column),
	    cmocka_unit_test(test_parse_section_outside_course_warns),
	    cmocka_unit_test(test_parse_checks_both_forms),
	    cmocka_unit_test(test_parse_checks_errors),
	    cmocka_unit_test(test_sql_statements_split_like_sqlite),
	    cmocka_unit_test(test_load_fixture_exercises),
	    cmocka_unit_test(test_load_reports_folder_problems),
	    cmocka_unit_test(test_load_all_sorts_sections_as_numbers),
	    cmocka_unit_test(test_workspace_is_copied_once),
	    cmocka_unit_test(test_workspace_reset_restores_starter),
	    cmocka_unit_test(test_run_fixture_starter_and_solution),
	    cmocka_unit_test(test_run_logs_statements_in_order),
	    cmocka_unit_test(test_run_reports_learner_error_and_still_checks),
	    cmocka_unit_test(test_run_compares_rows_ordered_or_not),
	    cmocka_unit_test(test_run_explains_odd_check_results),
	    cmocka_unit_test(test_run_starts_afresh_in_file_order),
	    cmocka_unit_test(test_run_output_is_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
