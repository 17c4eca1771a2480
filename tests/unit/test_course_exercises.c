/* The course's own exercises (content/exercises), checked the way a
 * learner meets them, rustlings-style:
 * - every exercise loads against the real course's sections with no
 *   error and no warning, and has 2 to 4 hints;
 * - every starter file says TODO, and the untouched starter runs without
 *   an error and fails at least one check (there is work to do);
 * - the solution, copied over the starter, passes every check;
 * - the course links to every exercise from the section it practises;
 * - the traps below, the mistakes each exercise is about, fail the check
 *   that names them (so the checks can fail for the right reason); for the
 *   Python exercises the traps are folders, tests/course-traps/<id>/<trap>/,
 *   holding the files that replace the solution's and fails.txt, whose
 *   first line is the check that must fail.
 * The Python exercises run on the Python sandbox/pyfind finds (Debian's,
 * in CI), with the harness from src/harness.
 * Every problem of every exercise is printed before a test fails, naming
 * the exercise and the check. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "course/course.h"
#include "sandbox/checks.h"
#include "sandbox/exercise.h"
#include "sandbox/pyfind.h"
#include "sandbox/workspace.h"

#define S_CONTENT   "content"
#define S_EXERCISES "content/exercises"
#define S_DATASETS  "data/sandbox"
#define S_HARNESS   "src/harness/studyterm_harness.py"
#define S_TRAPS     "tests/course-traps"
/* The issues ask for at least this many SQL and Python exercises. */
#define S_MIN_EXERCISES 9
#define S_MIN_PYTHON    16

/* Loaded once for all tests (group setup). */
static struct {
	struct course *course;
	const char **sections; /* chapter and section numbers, borrowed from course */
	size_t n_sections;
	struct exercise *list;
	size_t n;
	char *diagnostics;
	char *tmp; /* workspaces live under it */
	unsigned runs;
	char *python;    /* NULL when none can run the Python exercises */
	char *no_python; /* then why, and what to install */
} S_all;

static struct checks_env S_env = {.dataset_dir = S_DATASETS, .harness = S_HARNESS};

/* ---- files ---- */

static int S_rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
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

static void S_write(const char *dir, const char *rel, const char *text)
{
	char *path = paths_join(dir, rel);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static const struct exercise *S_find(const char *id)
{
	for (size_t i = 0; i < S_all.n; i++)
		if (strcmp(S_all.list[i].id, id) == 0)
			return &S_all.list[i];
	return NULL;
}

/* The folders directly in S_EXERCISES (hidden ones passed over). */
static size_t S_count_folders(void)
{
	DIR *d = opendir(S_EXERCISES);
	assert_non_null(d);
	size_t n = 0;
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (ent->d_name[0] == '.')
			continue;
		char *path = paths_join(S_EXERCISES, ent->d_name);
		struct stat sb;
		if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			n++;
		free(path);
	}
	closedir(d);
	return n;
}

/* ---- setup ---- */

static int S_setup(void **state)
{
	(void)state;
	struct error err;
	if (course_load(S_CONTENT, &S_all.course, &err) != ST_OK) {
		fprintf(stderr, "%s: %s\n", err.where, err.message);
		return -1;
	}
	size_t cap = 0;
	for (size_t c = 0; c < S_all.course->nchapters; c++) {
		const struct course_chapter *ch = &S_all.course->chapters[c];
		xgrow((void **)&S_all.sections, &cap, S_all.n_sections + ch->nsections + 1,
		      sizeof *S_all.sections);
		S_all.sections[S_all.n_sections++] = ch->number;
		for (size_t s = 0; s < ch->nsections; s++)
			S_all.sections[S_all.n_sections++] = ch->sections[s].number;
	}
	struct buf diags = {0};
	S_all.n =
	    exercise_load_all(S_EXERCISES, S_all.sections, S_all.n_sections, &S_all.list, &diags);
	S_all.diagnostics = buf_detach(&diags);
	struct buf why = {0};
	if (pyfind(NULL, true, &S_all.python, &why, &err) != ST_OK)
		S_all.no_python = buf_detach(&why);
	buf_free(&why);
	S_env.python = S_all.python;
	S_all.tmp = xstrdup("/tmp/studyterm-course-exercises-XXXXXX");
	if (!mkdtemp(S_all.tmp)) {
		perror("mkdtemp");
		return -1;
	}
	return 0;
}

static int S_teardown(void **state)
{
	(void)state;
	nftw(S_all.tmp, S_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(S_all.tmp);
	free(S_all.diagnostics);
	free(S_all.python);
	free(S_all.no_python);
	exercise_free_all(S_all.list, S_all.n);
	free(S_all.sections);
	course_free(S_all.course);
	memset(&S_all, 0, sizeof S_all);
	return 0;
}

/* ---- running ---- */

/* Runs ex in a fresh workspace made from its starter files. With
 * solution, the solution's files are copied over them first; then, with
 * file and text, that file of the workspace is replaced by text. */
static void S_run(const struct exercise *ex, bool solution, const char *file, const char *text,
                  struct run_outcome *o)
{
	struct buf home = {0};
	buf_printf(&home, "%s/run-%u", S_all.tmp, S_all.runs++);
	char *ws = NULL;
	struct error err = {0};
	if (workspace_open(buf_cstr(&home), ex, &ws, &err) != ST_OK)
		fail_msg("%s: cannot make a workspace: %s: %s", ex->id, err.where, err.message);
	if (solution) {
		char *dir = paths_join(ex->dir, "solution");
		for (size_t i = 0; i < ex->n_starter; i++) {
			char *solved = S_read(dir, ex->starter_files[i]);
			assert_non_null(solved);
			S_write(ws, ex->starter_files[i], solved);
			free(solved);
		}
		free(dir);
	}
	if (file)
		S_write(ws, file, text);
	enum status st = checks_run(ex, ws, &S_env, o, &err);
	if (st != ST_OK)
		fail_msg("%s: the run failed: %s: %s", ex->id, err.where, err.message);
	free(ws);
	buf_free(&home);
}

/* Appends a line for each check of o that failed. */
static void S_describe_failed(const char *id, const char *what, const struct run_outcome *o,
                              struct buf *out)
{
	for (size_t i = 0; i < o->n_checks; i++)
		if (!o->checks[i].passed)
			buf_printf(out, "%s (%s): check %zu fails: %s%s%s\n", id, what, i + 1,
			           o->checks[i].message, o->checks[i].detail ? ": " : "",
			           o->checks[i].detail ? o->checks[i].detail : "");
}

/* Prints every problem, frees them, and fails when there was one. */
static void S_report(struct buf *problems)
{
	char *text = buf_detach(problems);
	bool none = *text == '\0';
	/* One line at a time: print_message cuts long messages short. */
	for (char *line = text, *end; *line; line = end + 1) {
		end = strchr(line, '\n');
		*end = '\0';
		print_message("%s\n", line);
	}
	free(text);
	assert_true(none);
}

/* ---- the tests ---- */

static void test_every_exercise_loads_cleanly(void **state)
{
	(void)state;
	if (*S_all.diagnostics)
		print_message("%s", S_all.diagnostics);
	assert_string_equal(S_all.diagnostics, "");
	assert_int_equal(S_all.n, S_count_folders());
	assert_true(S_all.n >= S_MIN_EXERCISES);
	struct buf problems = {0};
	for (size_t i = 0; i < S_all.n; i++) {
		const struct exercise *ex = &S_all.list[i];
		if (ex->n_hints < 2 || ex->n_hints > 4)
			buf_printf(&problems, "%s: %zu hints, not 2 to 4\n", ex->id, ex->n_hints);
		/* The id says the kind: sql-..., migrate-..., any other for python. */
		bool sql = strncmp(ex->id, "sql-", 4) == 0;
		bool migrate = strncmp(ex->id, "migrate-", 8) == 0;
		if ((ex->kind == EXERCISE_SQL) != sql || (ex->kind == EXERCISE_MIGRATION) != migrate)
			buf_printf(&problems, "%s: kind %s does not go with the id\n", ex->id,
			           exercise_kind_name(ex->kind));
		if (ex->n_starter == 0)
			buf_printf(&problems, "%s: no starter file\n", ex->id);
	}
	S_report(&problems);
}

static void test_starters_say_todo_and_fail(void **state)
{
	(void)state;
	struct buf problems = {0};
	for (size_t i = 0; i < S_all.n; i++) {
		const struct exercise *ex = &S_all.list[i];
		char *dir = paths_join(ex->dir, "starter");
		size_t todo = 0;
		for (size_t f = 0; f < ex->n_starter; f++) {
			char *text = S_read(dir, ex->starter_files[f]);
			bool says = text && strstr(text, "TODO");
			todo += says;
			/* A Python exercise may hand over files to read (an app,
			 * earlier migrations); one says TODO at least. */
			if (!says && !ex->needs_python)
				buf_printf(&problems, "%s: starter/%s does not say TODO\n", ex->id,
				           ex->starter_files[f]);
			free(text);
		}
		if (todo == 0)
			buf_printf(&problems, "%s: no starter file says TODO\n", ex->id);
		free(dir);
		struct run_outcome o;
		S_run(ex, false, NULL, NULL, &o);
		/* Unfinished Python may raise (NotImplementedError): it ran. */
		if (o.error && !ex->needs_python)
			buf_printf(&problems, "%s: the untouched starter does not run: %s\n",
			           ex->id, o.error);
		if (o.passed >= o.n_checks)
			buf_printf(&problems, "%s: the untouched starter passes all %zu checks\n",
			           ex->id, o.n_checks);
		checks_run_free(&o);
	}
	S_report(&problems);
}

static void test_solutions_pass_every_check(void **state)
{
	(void)state;
	struct buf problems = {0};
	for (size_t i = 0; i < S_all.n; i++) {
		const struct exercise *ex = &S_all.list[i];
		struct run_outcome o;
		S_run(ex, true, NULL, NULL, &o);
		if (o.error)
			buf_printf(&problems, "%s: the solution does not run: %s\n", ex->id,
			           o.error);
		if (o.n_checks != ex->n_checks || o.n_checks == 0)
			buf_printf(&problems, "%s: %zu checks ran, not %zu\n", ex->id, o.n_checks,
			           ex->n_checks);
		S_describe_failed(ex->id, "solution", &o, &problems);
		checks_run_free(&o);
	}
	S_report(&problems);
}

/* The section ("5.4") whose "## " heading the line at offset at of text
 * is under, fenced code passed over; "" before the first one. */
static void S_section_at(const char *text, size_t at, char *section, size_t size)
{
	snprintf(section, size, "%s", "");
	const char *fence = NULL;
	for (const char *line = text; line && (size_t)(line - text) < at;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len >= 3 && (strncmp(line, "```", 3) == 0 || strncmp(line, "~~~", 3) == 0)) {
			if (!fence)
				fence = line;
			else if (strncmp(fence, line, 3) == 0)
				fence = NULL;
		} else if (!fence && strncmp(line, "## ", 3) == 0) {
			size_t n = strcspn(line + 3, " \n");
			snprintf(section, size, "%.*s", (int)n, line + 3);
		}
		line = end ? end + 1 : NULL;
	}
}

static void test_every_exercise_is_linked_from_its_section(void **state)
{
	(void)state;
	struct buf problems = {0};
	for (size_t i = 0; i < S_all.n; i++) {
		const struct exercise *ex = &S_all.list[i];
		struct buf link = {0};
		buf_printf(&link, "](exercise:%s)", ex->id);
		size_t found = 0;
		for (size_t c = 0; c < S_all.course->nchapters; c++) {
			char *text = S_read(".", S_all.course->chapters[c].path);
			assert_non_null(text);
			for (const char *at = strstr(text, buf_cstr(&link)); at;
			     at = strstr(at + 1, buf_cstr(&link))) {
				char section[32];
				S_section_at(text, (size_t)(at - text), section, sizeof section);
				found++;
				if (strcmp(section, ex->section) != 0)
					buf_printf(&problems,
					           "%s: linked from section %s of %s, but it "
					           "practises %s\n",
					           ex->id, section, S_all.course->chapters[c].key,
					           ex->section);
			}
			free(text);
		}
		if (found == 0)
			buf_printf(&problems, "%s: no link [Try it](exercise:%s) in %s/*.md\n",
			           ex->id, ex->id, S_CONTENT);
		buf_free(&link);
	}
	S_report(&problems);
}

/* A mistake the exercise is about, written into one workspace file (over
 * the solution's), the check it must fail and how many of the checks
 * still pass. With error set, the work itself must stop with an error
 * containing it. */
struct trap {
	const char *id, *file, *text;
	const char *fails; /* the message of the check that must fail */
	const char *error; /* a part of run_outcome.error, or NULL for none */
	size_t passed;     /* checks that pass all the same */
};

static const struct trap S_traps[] = {
    /* sql-select-basics: precedence, order, a hard-coded answer */
    {"sql-select-basics", "answer.sql",
     "CREATE VIEW grey_black_ponies AS SELECT name, colour, age FROM ponies\n"
     "WHERE colour = 'grey' OR colour = 'black' AND age >= 5 ORDER BY name;\n",
     "no pony younger than 5 is listed (AND binds before OR: put the two colours in brackets "
     "or use IN)",
     NULL, 4},
    {"sql-select-basics", "answer.sql",
     "CREATE VIEW grey_black_ponies AS SELECT name, colour, age FROM ponies\n"
     "WHERE colour IN ('grey', 'black') AND age >= 5;\n",
     "every grey or black pony of 5 or older is there, sorted by name", NULL, 5},
    {"sql-select-basics", "answer.sql",
     "CREATE VIEW grey_black_ponies (name, colour, age) AS\n"
     "VALUES ('Duke', 'black', 15), ('Shadow', 'black', 11), ('Thistle', 'grey', 7);\n",
     "the view follows the data: a new grey pony aged 5 appears in it", NULL, 5},

    /* sql-filter-order: <> and NULL, NULLs sort first, the tie-breaker */
    {"sql-filter-order", "answer.sql",
     "CREATE VIEW not_amelias_ponies AS SELECT name, age FROM ponies WHERE owner_id <> 1\n"
     "ORDER BY age IS NULL, age, name;\n",
     "the ponies without an owner (Hazel, Juniper, Shadow) are listed: owner_id <> 1 is not "
     "true when owner_id is NULL",
     NULL, 2},
    {"sql-filter-order", "answer.sql",
     "CREATE VIEW not_amelias_ponies AS SELECT name, age FROM ponies WHERE owner_id IS NOT 1\n"
     "ORDER BY age, name;\n",
     "the pony of unknown age (Maple) comes last, not first", NULL, 3},
    {"sql-filter-order", "answer.sql",
     "CREATE VIEW not_amelias_ponies AS SELECT name, age FROM ponies WHERE owner_id IS NOT 1\n"
     "ORDER BY age IS NULL, age, name DESC;\n",
     "the ponies come youngest first, ponies of the same age by name", NULL, 4},

    /* sql-aggregate-having: count(age) in HAVING, sum / count(*), no HAVING */
    {"sql-aggregate-having", "answer.sql",
     "CREATE VIEW colour_counts AS SELECT colour, count(*) AS pony_count, count(age) AS "
     "aged_count, avg(age) AS avg_age FROM ponies GROUP BY colour HAVING count(age) >= 3;\n",
     "bay is listed: it has 3 ponies, though only 2 with a known age (count(*) counts rows, "
     "count(age) known ages)",
     NULL, 3},
    {"sql-aggregate-having", "answer.sql",
     "CREATE VIEW colour_counts AS SELECT colour, count(*) AS pony_count, count(age) AS "
     "aged_count, 1.0 * sum(age) / count(*) AS avg_age FROM ponies GROUP BY colour\n"
     "HAVING count(*) >= 3;\n",
     "for bay, pony_count is 3, aged_count 2 and avg_age 8.5 (the average of the known ages)", NULL,
     5},
    {"sql-aggregate-having", "answer.sql",
     "CREATE VIEW colour_counts AS SELECT colour, count(*) AS pony_count, count(age) AS "
     "aged_count, avg(age) AS avg_age FROM ponies GROUP BY colour;\n",
     "colours with fewer than 3 ponies (palomino, dun) are left out", NULL, 5},

    /* sql-blog-top-authors: drafts, raj, a left join, LIMIT 1, the tie-breaker */
    {"sql-blog-top-authors", "answer.sql",
     "CREATE VIEW author_board AS SELECT username, count(*) AS published FROM users\n"
     "JOIN posts ON posts.author_id = users.id GROUP BY users.id ORDER BY 2 DESC, 1;\n"
     "CREATE VIEW top_authors AS SELECT username FROM author_board\n"
     "WHERE published = (SELECT max(published) FROM author_board) ORDER BY username;\n",
     "drafts are not counted: mira has 3 published posts, not 4", NULL, 3},
    {"sql-blog-top-authors", "answer.sql",
     "CREATE VIEW author_board AS SELECT username, count(*) AS published FROM users\n"
     "JOIN posts ON posts.author_id = users.id WHERE published_at IS NOT NULL\n"
     "GROUP BY users.id ORDER BY 2 DESC, 1;\n"
     "CREATE VIEW top_authors AS SELECT username FROM author_board\n"
     "WHERE published = (SELECT max(published) FROM author_board) ORDER BY username;\n",
     "raj is on the board with 0: he wrote a post, but it is a draft", NULL, 7},
    {"sql-blog-top-authors", "answer.sql",
     "CREATE VIEW author_board AS SELECT username, count(published_at) AS published\n"
     "FROM users LEFT JOIN posts ON posts.author_id = users.id GROUP BY users.id\n"
     "ORDER BY 2 DESC, 1;\n"
     "CREATE VIEW top_authors AS SELECT username FROM author_board\n"
     "WHERE published = (SELECT max(published) FROM author_board) ORDER BY username;\n",
     "users who never wrote a post (kwame, yuki, noor) are not on the board", NULL, 7},
    {"sql-blog-top-authors", "answer.sql",
     "CREATE VIEW author_board AS SELECT username, count(published_at) AS published\n"
     "FROM users JOIN posts ON posts.author_id = users.id GROUP BY users.id\n"
     "ORDER BY 2 DESC, 1;\n"
     "CREATE VIEW top_authors AS SELECT username FROM author_board LIMIT 1;\n",
     "a tie lists every top author: when mira publishes a fourth post, top_authors names mira "
     "and tomasz",
     NULL, 8},
    {"sql-blog-top-authors", "answer.sql",
     "CREATE VIEW author_board AS SELECT username, count(published_at) AS published\n"
     "FROM users JOIN posts ON posts.author_id = users.id GROUP BY users.id\n"
     "ORDER BY 2 DESC, 1 DESC;\n"
     "CREATE VIEW top_authors AS SELECT username FROM author_board\n"
     "WHERE published = (SELECT max(published) FROM author_board) ORDER BY username;\n",
     "the board lists most published first, authors with the same number by username", NULL, 8},

    /* sql-join-left: an inner join, the wrong left table, NOT IN over NULLs, hard-coding */
    {"sql-join-left", "answer.sql",
     "CREATE VIEW owner_ponies AS SELECT owners.name AS owner, ponies.name AS pony\n"
     "FROM owners JOIN ponies ON ponies.owner_id = owners.id;\n"
     "CREATE VIEW owners_without_ponies AS SELECT name FROM owners o\n"
     "WHERE NOT EXISTS (SELECT 1 FROM ponies p WHERE p.owner_id = o.id);\n",
     "every owner is in owner_ponies, including Erin Walsh and Gwen Price, who own no pony "
     "(once each, pony NULL)",
     NULL, 4},
    {"sql-join-left", "answer.sql",
     "CREATE VIEW owner_ponies AS SELECT owners.name AS owner, ponies.name AS pony\n"
     "FROM ponies LEFT JOIN owners ON ponies.owner_id = owners.id;\n"
     "CREATE VIEW owners_without_ponies AS SELECT name FROM owners o\n"
     "WHERE NOT EXISTS (SELECT 1 FROM ponies p WHERE p.owner_id = o.id);\n",
     "ponies that belong to nobody (Hazel, Juniper, Shadow) are not in owner_ponies", NULL, 3},
    {"sql-join-left", "answer.sql",
     "CREATE VIEW owner_ponies AS SELECT owners.name AS owner, ponies.name AS pony\n"
     "FROM owners LEFT JOIN ponies ON ponies.owner_id = owners.id;\n"
     "CREATE VIEW owners_without_ponies AS SELECT name FROM owners\n"
     "WHERE id NOT IN (SELECT owner_id FROM ponies);\n",
     "owners_without_ponies lists Erin Walsh and Gwen Price (NOT IN finds nobody when the list "
     "holds a NULL)",
     NULL, 5},
    {"sql-join-left", "answer.sql",
     "CREATE VIEW owner_ponies AS SELECT owners.name AS owner, ponies.name AS pony\n"
     "FROM owners LEFT JOIN ponies ON ponies.owner_id = owners.id;\n"
     "CREATE VIEW owners_without_ponies (name) AS VALUES ('Erin Walsh'), ('Gwen Price');\n",
     "both views follow the data: a new owner without a pony shows up in each", NULL, 6},

    /* sql-schema-one-to-many: the key on the wrong side, no key, NOT NULL owner, no NOT NULL */
    {"sql-schema-one-to-many", "answer.sql",
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL, owner_id INTEGER);\n"
     "CREATE TABLE owner (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
     "                    pony_id INTEGER REFERENCES pony (id));\n",
     "the owner table has no foreign key and no pony column (an owner row cannot list its "
     "ponies)",
     NULL, 6},
    {"sql-schema-one-to-many", "answer.sql",
     "CREATE TABLE owner (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL, owner_id INTEGER);\n"
     "INSERT INTO owner VALUES (1, 'Ann'), (2, 'Bo');\n"
     "INSERT INTO pony (name, owner_id) VALUES ('Bramble', 1), ('Clover', 1), ('Dusty', 2);\n",
     "a pony whose owner_id names no owner is refused by the foreign key", NULL, 8},
    {"sql-schema-one-to-many", "answer.sql",
     "CREATE TABLE owner (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
     "                   owner_id INTEGER NOT NULL REFERENCES owner (id));\n"
     "INSERT INTO owner VALUES (1, 'Ann'), (2, 'Bo');\n"
     "INSERT INTO pony (name, owner_id) VALUES ('Bramble', 1), ('Clover', 1), ('Dusty', 2);\n",
     "a pony may have no owner yet (owner_id NULL is allowed)", NULL, 9},
    {"sql-schema-one-to-many", "answer.sql",
     "CREATE TABLE owner (id INTEGER PRIMARY KEY, name TEXT);\n"
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
     "                   owner_id INTEGER REFERENCES owner (id));\n"
     "INSERT INTO owner VALUES (1, 'Ann'), (2, 'Bo');\n"
     "INSERT INTO pony (name, owner_id) VALUES ('Bramble', 1), ('Clover', 1), ('Dusty', 2);\n",
     "an owner without a name is refused (name NOT NULL)", NULL, 9},

    /* sql-schema-many-to-many: two PRIMARY KEY words, a surrogate id, no foreign keys */
    {"sql-schema-many-to-many", "answer.sql",
     "CREATE TABLE pony_handler (pony_id INTEGER PRIMARY KEY REFERENCES pony (id),\n"
     "                           handler_id INTEGER PRIMARY KEY REFERENCES handler (id));\n",
     "the primary key is the pair (pony_id, handler_id)", "has more than one primary key", 1},
    {"sql-schema-many-to-many", "answer.sql",
     "CREATE TABLE pony_handler (id INTEGER PRIMARY KEY,\n"
     "                           pony_id INTEGER NOT NULL REFERENCES pony (id),\n"
     "                           handler_id INTEGER NOT NULL REFERENCES handler (id));\n"
     "INSERT INTO pony_handler (pony_id, handler_id) VALUES (1, 1), (2, 1), (1, 2), (3, 2);\n",
     "the same link cannot be stored twice", NULL, 5},
    {"sql-schema-many-to-many", "answer.sql",
     "CREATE TABLE pony_handler (pony_id INTEGER NOT NULL, handler_id INTEGER NOT NULL,\n"
     "                           PRIMARY KEY (pony_id, handler_id));\n"
     "INSERT INTO pony_handler (pony_id, handler_id) VALUES (1, 1), (2, 1), (1, 2), (3, 2);\n",
     "a link to a handler or a pony that does not exist is refused", NULL, 5},

    /* sql-cascade-delete: cascading to handlers, a cascade that stops half way, SET NULL */
    {"sql-cascade-delete", "answer.sql",
     "CREATE TABLE owner (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
     "  owner_id INTEGER NOT NULL REFERENCES owner (id) ON DELETE CASCADE);\n"
     "CREATE TABLE handler (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
     "CREATE TABLE pony_handler (\n"
     "  pony_id INTEGER NOT NULL REFERENCES pony (id) ON DELETE CASCADE,\n"
     "  handler_id INTEGER NOT NULL REFERENCES handler (id) ON DELETE CASCADE,\n"
     "  PRIMARY KEY (pony_id, handler_id));\n"
     "INSERT INTO owner VALUES (1, 'Ann'), (2, 'Bo');\n"
     "INSERT INTO pony VALUES (1, 'Bramble', 1), (2, 'Clover', 1), (3, 'Dusty', 1), "
     "(4, 'Ember', 2);\n"
     "INSERT INTO handler VALUES (1, 'Hal'), (2, 'Ivy');\n"
     "INSERT INTO pony_handler VALUES (1, 1), (2, 1), (3, 1), (1, 2), (4, 2);\n",
     "a handler who still looks after ponies cannot be deleted: the links to Hal must not "
     "cascade",
     NULL, 6},
    {"sql-cascade-delete", "answer.sql",
     "CREATE TABLE owner (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
     "  owner_id INTEGER NOT NULL REFERENCES owner (id) ON DELETE CASCADE);\n"
     "CREATE TABLE handler (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
     "CREATE TABLE pony_handler (\n"
     "  pony_id INTEGER NOT NULL REFERENCES pony (id),\n"
     "  handler_id INTEGER NOT NULL REFERENCES handler (id),\n"
     "  PRIMARY KEY (pony_id, handler_id));\n"
     "INSERT INTO owner VALUES (1, 'Ann'), (2, 'Bo');\n"
     "INSERT INTO pony VALUES (1, 'Bramble', 1), (2, 'Clover', 1), (3, 'Dusty', 1), "
     "(4, 'Ember', 2);\n"
     "INSERT INTO handler VALUES (1, 'Hal'), (2, 'Ivy');\n"
     "INSERT INTO pony_handler VALUES (1, 1), (2, 1), (3, 1), (1, 2), (4, 2);\n",
     "deleting Ann deletes her three ponies and leaves Bo's Ember", NULL, 2},
    {"sql-cascade-delete", "answer.sql",
     "CREATE TABLE owner (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
     "  owner_id INTEGER REFERENCES owner (id) ON DELETE SET NULL);\n"
     "CREATE TABLE handler (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
     "CREATE TABLE pony_handler (\n"
     "  pony_id INTEGER NOT NULL REFERENCES pony (id) ON DELETE CASCADE,\n"
     "  handler_id INTEGER NOT NULL REFERENCES handler (id),\n"
     "  PRIMARY KEY (pony_id, handler_id));\n"
     "INSERT INTO owner VALUES (1, 'Ann'), (2, 'Bo');\n"
     "INSERT INTO pony VALUES (1, 'Bramble', 1), (2, 'Clover', 1), (3, 'Dusty', 1), "
     "(4, 'Ember', 2);\n"
     "INSERT INTO handler VALUES (1, 'Hal'), (2, 'Ivy');\n"
     "INSERT INTO pony_handler VALUES (1, 1), (2, 1), (3, 1), (1, 2), (4, 2);\n",
     "deleting Ann also deletes the links of her ponies: only Ember's link to Ivy is left", NULL,
     4},

    /* sql-n-plus-one: count(*) after a LEFT JOIN, a page typed in by hand */
    {"sql-n-plus-one", "answer.sql",
     "INSERT INTO owner_page (owner, pony_count) SELECT owners.name, count(*) FROM owners\n"
     "LEFT JOIN ponies ON ponies.owner_id = owners.id GROUP BY owners.id;\n",
     "owner_page has one row per owner with the number of their ponies, 0 for Erin Walsh and "
     "Gwen Price",
     NULL, 3},
    {"sql-n-plus-one", "answer.sql",
     "INSERT INTO owner_page VALUES ('Amelia Hart', 3), ('Ben Okafor', 2), ('Chloé Martin', 2),"
     " ('Dev Patel', 2), ('Erin Walsh', 0), ('Farah Haddad', 2), ('Ivo Novak', 2),"
     " ('Gwen Price', 0);\n",
     "the ponies table is read by one statement for all owners, not once per owner", NULL, 3},

    /* sql-migration-up: a slug that is not unique, NOT NULL at once, a plain index */
    {"sql-migration-up", "upgrade.sql",
     "ALTER TABLE ponies ADD COLUMN slug TEXT;\n"
     "UPDATE ponies SET slug = lower(replace(name, ' ', '-'));\n"
     "CREATE UNIQUE INDEX uq_ponies_slug ON ponies (slug);\n"
     "UPDATE alembic_version SET version_num = '5e6f7a8b9c0d';\n",
     "the unique index uq_ponies_slug is on ponies (slug)",
     "upgrade.sql:3: UNIQUE constraint failed: ponies.slug", 4},
    {"sql-migration-up", "upgrade.sql",
     "ALTER TABLE ponies ADD COLUMN slug TEXT NOT NULL;\n"
     "UPDATE ponies SET slug = lower(replace(name, ' ', '-')) || '-' || id;\n",
     "ponies has a new column slug", "Cannot add a NOT NULL column with default value NULL", 1},
    {"sql-migration-up", "upgrade.sql",
     "ALTER TABLE ponies ADD COLUMN slug TEXT;\n"
     "UPDATE ponies SET slug = lower(replace(name, ' ', '-')) || '-' || id;\n"
     "CREATE INDEX uq_ponies_slug ON ponies (slug);\n"
     "UPDATE alembic_version SET version_num = '5e6f7a8b9c0d';\n",
     "a second pony with the slug duke-8 is refused", NULL, 5},
    {"sql-migration-up", "upgrade.sql",
     "ALTER TABLE ponies ADD COLUMN slug TEXT;\n"
     "UPDATE ponies SET slug = lower(replace(name, ' ', '-')) || '-' || id;\n"
     "CREATE UNIQUE INDEX uq_ponies_slug ON ponies (slug);\n",
     "alembic_version says 5e6f7a8b9c0d, in its one row", NULL, 6},

    /* sql-migration-down: the steps in the upgrade's order, the revision forgotten */
    {"sql-migration-down", "downgrade.sql",
     "ALTER TABLE ponies DROP COLUMN slug;\n"
     "DROP INDEX uq_ponies_slug;\n"
     "UPDATE alembic_version SET version_num = 'f06e5da5e8ae';\n",
     "the column slug is gone: ponies has its columns from before the upgrade, id, name, "
     "colour, age and owner_id",
     "downgrade.sql:1: error in index uq_ponies_slug after drop column", 2},
    {"sql-migration-down", "downgrade.sql",
     "DROP INDEX uq_ponies_slug;\n"
     "ALTER TABLE ponies DROP COLUMN slug;\n",
     "alembic_version says f06e5da5e8ae, in its one row", NULL, 4},

    /* sql-table-constraints: each constraint left out in turn */
    {"sql-table-constraints", "answer.sql",
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
     "  coat TEXT NOT NULL DEFAULT 'bay', age INTEGER CHECK (age >= 0),\n"
     "  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);\n"
     "INSERT INTO pony (name, coat, age) VALUES ('Bramble', 'grey', 7);\n"
     "INSERT INTO pony (name, age) VALUES ('Clover', 4);\n",
     "two ponies cannot share a name (UNIQUE)", NULL, 8},
    {"sql-table-constraints", "answer.sql",
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,\n"
     "  coat TEXT NOT NULL, age INTEGER CHECK (age >= 0),\n"
     "  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);\n"
     "INSERT INTO pony (name, coat, age) VALUES ('Bramble', 'grey', 7);\n"
     "INSERT INTO pony (name, age) VALUES ('Clover', 4);\n",
     "a pony without a coat is refused, and one whose INSERT leaves the coat out is bay",
     "answer.sql:5: NOT NULL constraint failed: pony.coat", 7},
    {"sql-table-constraints", "answer.sql",
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,\n"
     "  coat TEXT NOT NULL DEFAULT 'bay', age INTEGER,\n"
     "  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);\n"
     "INSERT INTO pony (name, coat, age) VALUES ('Bramble', 'grey', 7);\n"
     "INSERT INTO pony (name, age) VALUES ('Clover', 4);\n",
     "a negative age is refused (CHECK), an unknown age is allowed", NULL, 8},
    {"sql-table-constraints", "answer.sql",
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,\n"
     "  coat TEXT NOT NULL DEFAULT 'bay', age INTEGER NOT NULL CHECK (age >= 0),\n"
     "  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);\n"
     "INSERT INTO pony (name, coat, age) VALUES ('Bramble', 'grey', 7);\n"
     "INSERT INTO pony (name, age) VALUES ('Clover', 4);\n",
     "a negative age is refused (CHECK), an unknown age is allowed", NULL, 8},
    {"sql-table-constraints", "answer.sql",
     "CREATE TABLE pony (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,\n"
     "  coat TEXT NOT NULL DEFAULT 'bay', age INTEGER CHECK (age >= 0), created_at TEXT);\n"
     "INSERT INTO pony (name, coat, age) VALUES ('Bramble', 'grey', 7);\n"
     "INSERT INTO pony (name, age) VALUES ('Clover', 4);\n",
     "the database fills in created_at, the current date and time, when an INSERT leaves it "
     "out",
     NULL, 7},
};

static void test_traps_fail_the_check_that_names_them(void **state)
{
	(void)state;
	struct buf problems = {0};
	for (size_t t = 0; t < sizeof S_traps / sizeof *S_traps; t++) {
		const struct trap *trap = &S_traps[t];
		const struct exercise *ex = S_find(trap->id);
		if (!ex) {
			buf_printf(&problems, "trap %zu: no exercise %s\n", t + 1, trap->id);
			continue;
		}
		struct run_outcome o;
		S_run(ex, true, trap->file, trap->text, &o);
		bool named = false;
		for (size_t i = 0; i < o.n_checks; i++) {
			if (strcmp(o.checks[i].message, trap->fails) != 0)
				continue;
			named = true;
			if (o.checks[i].passed)
				buf_printf(&problems, "%s (trap %zu): check %zu passes: %s\n",
				           ex->id, t + 1, i + 1, trap->fails);
		}
		if (!named)
			buf_printf(&problems, "%s (trap %zu): no check says: %s\n", ex->id, t + 1,
			           trap->fails);
		if (o.passed != trap->passed) {
			buf_printf(&problems, "%s (trap %zu): %zu checks pass, not %zu:\n", ex->id,
			           t + 1, o.passed, trap->passed);
			S_describe_failed(ex->id, "trap", &o, &problems);
		}
		if (trap->error && (!o.error || !strstr(o.error, trap->error)))
			buf_printf(&problems,
			           "%s (trap %zu): the work should stop with '%s', not %s\n",
			           ex->id, t + 1, trap->error, o.error ? o.error : "no error");
		if (!trap->error && o.error)
			buf_printf(&problems, "%s (trap %zu): the work stopped: %s\n", ex->id,
			           t + 1, o.error);
		checks_run_free(&o);
	}
	S_report(&problems);
}

/* The Python traps: each folder of tests/course-traps/<id>/ replaces
 * the solution's files with its own and must fail the check fails.txt
 * names. */
static void S_trap_files(const char *dir, const char *rel, const char *ws, struct buf *problems)
{
	char *here = rel[0] ? paths_join(dir, rel) : xstrdup(dir);
	DIR *d = opendir(here);
	if (!d) {
		buf_printf(problems, "%s: cannot read the folder\n", here);
		free(here);
		return;
	}
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (ent->d_name[0] == '.' || (!rel[0] && strcmp(ent->d_name, "fails.txt") == 0))
			continue;
		struct buf sub = {0};
		buf_printf(&sub, "%s%s%s", rel, rel[0] ? "/" : "", ent->d_name);
		char *path = paths_join(dir, buf_cstr(&sub));
		struct stat sb;
		if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			S_trap_files(dir, buf_cstr(&sub), ws, problems);
		} else {
			char *text = S_read(dir, buf_cstr(&sub));
			if (text)
				S_write(ws, buf_cstr(&sub), text);
			else
				buf_printf(problems, "%s: cannot read it\n", path);
			free(text);
		}
		free(path);
		buf_free(&sub);
	}
	closedir(d);
	free(here);
}

/* Runs one trap folder of ex; its problems go to problems. */
static void S_run_trap(const struct exercise *ex, const char *dir, struct buf *problems)
{
	char *fails = S_read(dir, "fails.txt");
	if (!fails) {
		buf_printf(problems, "%s: no fails.txt\n", dir);
		return;
	}
	fails[strcspn(fails, "\n")] = '\0';
	/* The solution, then the trap's files over it. */
	struct buf home = {0};
	buf_printf(&home, "%s/run-%u", S_all.tmp, S_all.runs++);
	char *ws = NULL;
	struct error err = {0};
	if (workspace_open(buf_cstr(&home), ex, &ws, &err) != ST_OK)
		fail_msg("%s: cannot make a workspace: %s", ex->id, err.message);
	char *sol = paths_join(ex->dir, "solution");
	for (size_t f = 0; f < ex->n_starter; f++) {
		char *solved = S_read(sol, ex->starter_files[f]);
		assert_non_null(solved);
		S_write(ws, ex->starter_files[f], solved);
		free(solved);
	}
	free(sol);
	S_trap_files(dir, "", ws, problems);
	struct run_outcome o;
	if (checks_run(ex, ws, &S_env, &o, &err) != ST_OK) {
		buf_printf(problems, "%s: the run failed: %s\n", dir, err.message);
	} else {
		bool named = false;
		for (size_t k = 0; k < o.n_checks; k++)
			if (strcmp(o.checks[k].message, fails) == 0) {
				named = true;
				if (o.checks[k].passed)
					buf_printf(problems, "%s: check %zu passes: %s\n", dir,
					           k + 1, fails);
			}
		if (!named)
			buf_printf(problems, "%s: no check says: %s\n", dir, fails);
		checks_run_free(&o);
	}
	free(ws);
	buf_free(&home);
	free(fails);
}

static void test_python_traps_fail_the_check_that_names_them(void **state)
{
	(void)state;
	struct buf problems = {0};
	size_t n_traps = 0, n_python = 0;
	if (!S_all.python)
		fail_msg("no Python for the Python exercises: %s", S_all.no_python);
	for (size_t i = 0; i < S_all.n; i++) {
		const struct exercise *ex = &S_all.list[i];
		if (!ex->needs_python)
			continue;
		n_python++;
		char *root = paths_join(S_TRAPS, ex->id);
		DIR *d = opendir(root);
		size_t mine = 0;
		struct dirent *ent;
		while (d && (ent = readdir(d))) {
			if (ent->d_name[0] == '.')
				continue;
			char *dir = paths_join(root, ent->d_name);
			S_run_trap(ex, dir, &problems);
			mine++;
			free(dir);
		}
		if (d)
			closedir(d);
		free(root);
		n_traps += mine;
		if (!mine)
			buf_printf(&problems, "%s: no trap in %s/%s\n", ex->id, S_TRAPS, ex->id);
	}
	if (n_python < S_MIN_PYTHON)
		buf_printf(&problems, "%zu Python exercises, not at least %d\n", n_python,
		           S_MIN_PYTHON);
	print_message("%zu Python exercises, %zu traps\n", n_python, n_traps);
	S_report(&problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_exercise_loads_cleanly),
	    cmocka_unit_test(test_starters_say_todo_and_fail),
	    cmocka_unit_test(test_solutions_pass_every_check),
	    cmocka_unit_test(test_every_exercise_is_linked_from_its_section),
	    cmocka_unit_test(test_traps_fail_the_check_that_names_them),
	    cmocka_unit_test(test_python_traps_fail_the_check_that_names_them),
	};
	return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
