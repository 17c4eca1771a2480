/* Unit tests for the Python side of the check runner (sandbox/checks with
 * the harness, src/harness/studyterm_harness.py), on /usr/bin/python3 and
 * the real Flask-SQLAlchemy: statements and their parameters reach
 * sql_log, the driver's answers reach `answers` with their types, a crash
 * is reported with the learner's file and line first, the time limit
 * stops an endless loop, the run happens in a fresh copy of the
 * workspace and nothing outside the workspace changes; plus the records
 * parser and finding a Python (sandbox/pyfind). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
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
#include "sandbox/pyfind.h"
#include "sandbox/pyrecords.h"
#include "sandbox/workspace.h"

#define S_HARNESS "src/harness/studyterm_harness.py"

static char S_dir[64];
static char *S_python;

static int setup(void **state)
{
	(void)state;
	snprintf(S_dir, sizeof S_dir, "/tmp/studyterm-pyrun-XXXXXX");
	if (!mkdtemp(S_dir))
		return -1;
	struct buf why = {0};
	struct error err;
	if (pyfind(NULL, true, &S_python, &why, &err) != ST_OK)
		fprintf(stderr, "%s\n", buf_cstr(&why));
	buf_free(&why);
	return S_python ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
	free(S_python);
	return system(cmd);
}

static void S_write(const char *dir, const char *rel, const char *text)
{
	char *path = paths_join(dir, rel);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	struct error err;
	assert_int_equal(paths_mkdir_p(path, &err), ST_OK);
	*slash = '/';
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* An exercise folder <S_dir>/<id> with the given driver, one starter file
 * (queries.py, also the solution) and checks; loaded into ex. */
static void S_exercise(const char *id, const char *settings, const char *driver,
                       const char *queries, const char *checks, struct exercise *ex)
{
	char *dir = paths_join(S_dir, id);
	struct buf md = {0};
	buf_printf(&md, "# %s\n\n%s\n\nDo it.\n\n## Hints\n\n- Think.\n", id, settings);
	S_write(dir, "exercise.md", buf_cstr(&md));
	S_write(dir, "driver.py", driver);
	S_write(dir, "starter/queries.py", queries);
	S_write(dir, "solution/queries.py", queries);
	S_write(dir, "check.sql", checks);
	buf_free(&md);
	struct buf diag = {0};
	struct error err = {0};
	enum status st = exercise_load(dir, NULL, 0, ex, &diag, &err);
	if (st != ST_OK)
		print_message("%s\n", buf_cstr(&diag));
	assert_int_equal(st, ST_OK);
	buf_free(&diag);
	free(dir);
}

static void S_run(const struct exercise *ex, int time_limit_ms, struct run_outcome *o,
                  char **workspace)
{
	char *home = paths_join(S_dir, "home");
	char *ws = NULL;
	struct error err = {0};
	assert_int_equal(workspace_open(home, ex, &ws, &err), ST_OK);
	struct checks_env env = {.dataset_dir = "data/sandbox",
	                         .harness = S_HARNESS,
	                         .python = S_python,
	                         .time_limit_ms = time_limit_ms};
	enum status st = checks_run(ex, ws, &env, o, &err);
	if (st != ST_OK)
		print_message("%s: %s\n", err.where, err.message);
	assert_int_equal(st, ST_OK);
	free(home);
	if (workspace)
		*workspace = ws;
	else
		free(ws);
}

static const char *const S_app =
    "from flask import Flask\n"
    "from flask_sqlalchemy import SQLAlchemy\n"
    "db = SQLAlchemy()\n"
    "class Pony(db.Model):\n"
    "    __tablename__ = 'ponies'\n"
    "    id = db.Column(db.Integer, primary_key=True)\n"
    "    name = db.Column(db.String, nullable=False)\n"
    "    colour = db.Column(db.String, nullable=False)\n"
    "def create_app():  # TODO nothing: a test\n"
    "    app = Flask(__name__)\n"
    "    app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///other.db'\n"
    "    db.init_app(app)\n"
    "    return app\n";

static void test_statements_parameters_and_answers_reach_the_checks(void **state)
{
	(void)state;
	struct exercise ex;
	const char *driver =
	    "import studyterm_harness as st\n"
	    "from queries import create_app, db, Pony\n"
	    "app = create_app()\n"
	    "with app.app_context():\n"
	    "    db.session.add(Pony(name=\"Nova's\", colour='grey'))\n"
	    "    db.session.commit()\n"
	    "    names = db.session.scalars(db.select(Pony.name).where(Pony.colour == 'grey')"
	    ".order_by(Pony.name)).all()\n"
	    "    st.answer('greys', names)\n"
	    "    st.answer('count', len(names))\n"
	    "    st.answer('none', None)\n"
	    "    st.answer('yes', True)\n"
	    "    st.answer('text', 'a \"quoted\" \\'word\\'')\n";
	const char *checks =
	    "-- check: the insert is logged with its parameters\n"
	    "SELECT count(*) = 1 FROM sql_log WHERE sql LIKE 'INSERT INTO ponies%' AND params = "
	    "'[\"Nova''s\", \"grey\"]';\n"
	    "-- check: the uri was the sandbox's\n"
	    "SELECT count(*) = 1 FROM ponies WHERE name = 'Nova''s';\n"
	    "-- check: a list answer is JSON\n"
	    "SELECT json_array_length(value) = 4 AND value ->> '$[0]' = 'Bluebell' FROM answers "
	    "WHERE "
	    "name = 'greys';\n"
	    "-- check: numbers, NULL, booleans and text keep their types\n"
	    "SELECT (SELECT typeof(value) || value FROM answers WHERE name = 'count') = "
	    "'integer4' AND (SELECT value IS NULL FROM answers WHERE name = 'none') AND (SELECT "
	    "value FROM answers WHERE name = 'yes') = 1 AND (SELECT value FROM answers WHERE name "
	    "= 'text') = 'a \"quoted\" ''word''';\n"
	    "-- check: the select is counted among the queries\n"
	    "SELECT count(*) >= 1 FROM sql_log WHERE sql LIKE 'SELECT ponies.name%';\n";
	S_exercise("orm-log", "section: 5.4 · kind: python · dataset: ponies", driver, S_app,
	           checks, &ex);
	struct run_outcome o;
	S_run(&ex, 0, &o, NULL);
	for (size_t i = 0; i < o.n_checks; i++)
		if (!o.checks[i].passed)
			print_message("failed: %s %s\n", o.checks[i].message,
			              o.checks[i].detail ? o.checks[i].detail : "");
	assert_null(o.error);
	assert_int_equal(o.passed, o.n_checks);
	assert_true(o.python);
	assert_non_null(o.versions);
	assert_non_null(strstr(o.versions, "Flask-SQLAlchemy"));
	assert_true(o.n_selects >= 1 && o.n_selects < o.n_statements);
	checks_run_free(&o);
	exercise_free(&ex);
}

static void test_crash_shows_the_learners_file_and_line_first(void **state)
{
	(void)state;
	struct exercise ex;
	const char *queries = "def helper(n):\n"
	                      "    return 10 // n\n"
	                      "\n"
	                      "def average(values):\n"
	                      "    # TODO: guard against an empty list\n"
	                      "    return helper(len(values))\n";
	const char *driver = "import studyterm_harness as st\n"
	                     "import queries\n"
	                     "st.call('avg', queries.average, [])\n"
	                     "st.answer('after', 'the driver went on')\n";
	S_exercise("crash", "section: 5.1 · kind: python · requires: stdlib", driver, queries,
	           "-- check: the driver went on after the error\n"
	           "SELECT value = 'the driver went on' FROM answers WHERE name = 'after';\n"
	           "-- check: the failed call answered NULL\n"
	           "SELECT value IS NULL FROM answers WHERE name = 'avg';\n"
	           "-- check: rows compared\n"
	           "-- expect:\nSELECT 1 UNION ALL SELECT 2;\n-- got:\nSELECT 1;\n",
	           &ex);
	struct run_outcome o;
	S_run(&ex, 0, &o, NULL);
	assert_non_null(o.error);
	assert_string_equal(o.error, "queries.py:2: average(): ZeroDivisionError: integer division "
	                             "or modulo by zero");
	/* The traceback: the learner's frames, none of the harness's. */
	assert_non_null(strstr(o.output, "Traceback"));
	assert_non_null(strstr(o.output, "File \"queries.py\", line 6, in average"));
	assert_non_null(strstr(o.output, "File \"queries.py\", line 2, in helper"));
	assert_null(strstr(o.output, "studyterm_harness"));
	assert_int_equal(o.passed, 2);
	/* A Python learner wrote no query: the check did. */
	assert_string_equal(o.checks[2].detail, "the check found 1 row; the expected result has 2");
	checks_run_free(&o);
	exercise_free(&ex);

	/* A syntax error points at its line too. */
	S_exercise("syntax", "section: 5.1 · kind: python · requires: stdlib", "import queries\n",
	           "x = 1\ndef f(:\n    pass  # TODO\n", "-- check: never\nSELECT 0;\n", &ex);
	S_run(&ex, 0, &o, NULL);
	assert_non_null(o.error);
	assert_memory_equal(o.error, "queries.py:2: SyntaxError: ", 27);
	checks_run_free(&o);
	exercise_free(&ex);
}

static void test_stdlib_sqlite3_statements_are_recorded(void **state)
{
	(void)state;
	struct exercise ex;
	const char *queries = "def names(conn, colour):\n"
	                      "    # TODO\n"
	                      "    cur = conn.cursor()\n"
	                      "    cur.execute('SELECT name FROM ponies WHERE colour = ? ORDER BY "
	                      "id', (colour,))\n"
	                      "    return [r[0] for r in cur.fetchall()]\n"
	                      "def add(conn):\n"
	                      "    with conn:\n"
	                      "        conn.executemany('INSERT INTO owners (name, email, city) "
	                      "VALUES (?, ?, ?)', [('A', 'a@x', 'X'), ('B', 'b@x', None)])\n";
	const char *driver = "import sqlite3, studyterm_harness as st, queries\n"
	                     "conn = sqlite3.connect('sandbox.db')\n"
	                     "st.call('greys', queries.names, conn, 'grey')\n"
	                     "st.call('add', queries.add, conn)\n";
	S_exercise("dbapi", "section: 5.1 · kind: python · requires: stdlib · dataset: ponies",
	           driver, queries,
	           "-- check: the query used a placeholder\n"
	           "SELECT count(*) = 1 FROM sql_log WHERE sql LIKE '%colour = ?%' AND params = "
	           "'[\"grey\"]';\n"
	           "-- check: executemany is one logged statement with every row\n"
	           "SELECT params = '[[\"A\", \"a@x\", \"X\"], [\"B\", \"b@x\", null]]' FROM "
	           "sql_log WHERE sql LIKE "
	           "'INSERT%';\n"
	           "-- check: the with block committed\n"
	           "SELECT count(*) = 2 FROM owners WHERE name IN ('A', 'B');\n",
	           &ex);
	struct run_outcome o;
	S_run(&ex, 0, &o, NULL);
	for (size_t i = 0; i < o.n_checks; i++)
		if (!o.checks[i].passed)
			print_message("failed: %s\n", o.checks[i].message);
	if (o.error)
		print_message("%s\n%s\n", o.error, o.output);
	assert_null(o.error);
	assert_int_equal(o.passed, 3);
	assert_int_equal(o.n_statements, 2);
	checks_run_free(&o);
	exercise_free(&ex);
}

/* Every path under dir, with its size, one per line, sorted. */
static void S_tree(const char *dir, const char *skip, struct buf *out)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && find . -path './%s' -prune -o -printf '%%p %%s\\n' | sort", dir, skip);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char line[1024];
	while (fgets(line, sizeof line, p))
		buf_puts(out, line);
	pclose(p);
}

static void test_hostile_runs_stop_and_stay_in_the_workspace(void **state)
{
	(void)state;
	struct exercise ex;
	const char *queries = "import os, sys, tempfile\n"
	                      "def run(kind):\n"
	                      "    # TODO\n"
	                      "    open('made-here.txt', 'w').write('x')\n"
	                      "    tempfile.mkstemp()\n"
	                      "    open(os.path.expanduser('~/in-home.txt'), 'w').write('x')\n"
	                      "    if kind == 'loop':\n"
	                      "        while True: pass\n"
	                      "    if kind == 'fork':\n"
	                      "        while True: os.fork()\n"
	                      "    if kind == 'flood':\n"
	                      "        while True: sys.stdout.write('y' * 65536)\n";
	char *driver_dir = paths_join(S_dir, "hostile");
	S_exercise("hostile", "section: 5.1 · kind: python · requires: stdlib",
	           "import studyterm_harness as st, queries, os\n"
	           "st.call('r', queries.run, os.environ.get('KIND', open('kind.txt').read()))\n",
	           queries, "-- check: never\nSELECT 0;\n", &ex);
	char *home = paths_join(S_dir, "home");
	struct buf before = {0}, after = {0};
	S_tree(S_dir, "home/workspace", &before);
	static const struct {
		const char *kind, *error;
	} runs[] = {
	    {"loop", "your code ran longer than 1 s and was stopped"},
	    {"fork", "queries.py:10: run(): BlockingIOError: [Errno 11] Resource temporarily "
	             "unavailable"},
	    {"flood", "your code printed more than 8 MiB and was stopped"},
	};
	for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
		char *ws = workspace_path(home, "hostile");
		mkdir(home, 0700);
		struct error err;
		char *wsp = NULL;
		assert_int_equal(workspace_open(home, &ex, &wsp, &err), ST_OK);
		S_write(wsp, "kind.txt", runs[i].kind);
		free(wsp);
		struct run_outcome o;
		char *used = NULL;
		S_run(&ex, 1500, &o, &used);
		assert_non_null(o.error);
		if (!strstr(o.error, runs[i].error))
			print_message("%s: %s\n", runs[i].kind, o.error);
		assert_non_null(strstr(o.error, runs[i].error));
		if (strcmp(runs[i].kind, "flood") == 0) {
			/* What is shown is cut, and says so. */
			assert_true(strlen(o.output) < 300 * 1024);
			assert_non_null(strstr(o.output, "\n(output cut: "));
			assert_non_null(
			    strstr(o.output, " bytes in all, the first 256 KiB are shown)\n"));
		}
		/* What it made is in the run's copy, and only there. */
		char *run = paths_join(used, ".run");
		char *made = paths_join(run, "made-here.txt");
		char *in_home = paths_join(run, "in-home.txt");
		assert_int_equal(access(made, F_OK), 0);
		assert_int_equal(access(in_home, F_OK), 0);
		char *not_ws = paths_join(used, "made-here.txt");
		assert_int_not_equal(access(not_ws, F_OK), 0);
		free(not_ws);
		free(made);
		free(in_home);
		free(run);
		free(used);
		free(ws);
		checks_run_free(&o);
	}
	S_tree(S_dir, "home/workspace", &after);
	/* Outside the workspace: the same files, the same sizes. */
	assert_string_equal(buf_cstr(&after), buf_cstr(&before));
	buf_free(&before);
	buf_free(&after);
	free(home);
	free(driver_dir);
	exercise_free(&ex);
}

static void test_flask_commands_run_and_fail_with_their_reason(void **state)
{
	(void)state;
	struct exercise ex;
	const char *app = "# TODO: nothing, a test\n"
	                  "from flask import Flask\n"
	                  "from flask_sqlalchemy import SQLAlchemy\n"
	                  "from flask_migrate import Migrate\n"
	                  "db = SQLAlchemy()\n"
	                  "migrate = Migrate()\n"
	                  "class Owner(db.Model):\n"
	                  "    id = db.Column(db.Integer, primary_key=True)\n"
	                  "def create_app():\n"
	                  "    app = Flask(__name__)\n"
	                  "    db.init_app(app)\n"
	                  "    migrate.init_app(app, db)\n"
	                  "    return app\n";
	/* queries.py is the app here; FLASK_APP names it. */
	S_exercise("cmds", "section: 5.6 · kind: migration",
	           "import os, studyterm_harness as st\n"
	           "os.environ['FLASK_APP'] = 'queries'\n"
	           "st.answer('ran', st.run_commands('commands.sh'))\n",
	           app,
	           "-- check: the table exists\nSELECT count(*) = 1 FROM sqlite_master WHERE name "
	           "= 'owner';\n",
	           &ex);
	char *home = paths_join(S_dir, "home");
	char *ws = NULL;
	struct error err;
	assert_int_equal(workspace_open(home, &ex, &ws, &err), ST_OK);
	static const struct {
		const char *commands, *error;
		size_t passed;
	} runs[] = {
	    {"# TODO\n", "commands.sh: it holds no command yet (only comments)", 0},
	    {"# upgrade with no migrations folder\nflask db upgrade\n",
	     "commands.sh:2: flask db upgrade failed: Path doesn't exist: ", 0},
	    {"rm -rf /\n", "commands.sh:1: only flask commands run here, not 'rm'", 0},
	    {"flask db init\nflask db migrate -m 'first'\nflask db upgrade\n", NULL, 1},
	};
	for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
		S_write(ws, "commands.sh", runs[i].commands);
		struct run_outcome o;
		S_run(&ex, 0, &o, NULL);
		if (runs[i].error) {
			assert_non_null(o.error);
			if (strncmp(o.error, runs[i].error, strlen(runs[i].error)) != 0)
				print_message("got: %s\n", o.error);
			assert_memory_equal(o.error, runs[i].error, strlen(runs[i].error));
		} else {
			if (o.error)
				print_message("%s\n%s\n", o.error, o.output);
			assert_null(o.error);
			/* The migration's DDL is in the log. */
			bool created = false;
			for (size_t k = 0; k < o.n_statements; k++)
				created |= strncmp(o.statements[k], "CREATE TABLE owner", 18) == 0;
			assert_true(created);
			assert_non_null(strstr(o.output, "$ flask db upgrade"));
		}
		assert_int_equal(o.passed, runs[i].passed);
		checks_run_free(&o);
	}
	free(ws);
	free(home);
	exercise_free(&ex);
}

static void test_forged_records_are_noted_not_trusted(void **state)
{
	(void)state;
	struct exercise ex;
	/* The learner's module writes on the harness's descriptor itself. */
	S_exercise("forged", "section: 5.1 · kind: python · requires: stdlib",
	           "import studyterm_harness as st\n"
	           "st.answer('before', 1)\n"
	           "import queries\n"
	           "st.answer('after', 2)\n",
	           "import os  # TODO\nos.write(3, b'Xgarbage')\n",
	           "-- check: the answer before the garbage arrived\n"
	           "SELECT value = 1 FROM answers WHERE name = 'before';\n"
	           "-- check: the answer after it is lost\n"
	           "SELECT count(*) = 0 FROM answers WHERE name = 'after';\n",
	           &ex);
	struct run_outcome o;
	S_run(&ex, 0, &o, NULL);
	assert_int_equal(o.passed, 2);
	assert_non_null(strstr(o.output, "(studyterm could not read all the harness reported"));
	checks_run_free(&o);
	exercise_free(&ex);
}

static void test_records_parse_defensively(void **state)
{
	(void)state;
	struct pyrecords r;
	const char *good = "V6:Py 3.1\nS10:  SELECT 13:[1]\nA1:n1:4\nE6:q.py:34:oops\n";
	pyrecords_parse(good, strlen(good), &r);
	assert_false(r.damaged);
	assert_string_equal(r.versions, "Py 3.1");
	assert_int_equal(r.n_statements, 1);
	assert_string_equal(r.statements[0].sql, "SELECT 1");
	assert_string_equal(r.statements[0].params, "[1]");
	assert_int_equal(r.n_answers, 1);
	assert_string_equal(r.answers[0].json, "4");
	assert_string_equal(r.errors[0].where, "q.py:3");
	assert_string_equal(r.errors[0].text, "oops");
	pyrecords_free(&r);
	/* Cut short, an unknown type, a length past the end, no newline. */
	static const char *const bad[] = {"S5:SEL", "X1:a\n", "A99:x0:\n", "V1:ab",
	                                  "S3:abc", "V-1:\n", "V1:a\nV"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		pyrecords_parse(bad[i], strlen(bad[i]), &r);
		if (!r.damaged)
			print_message("not damaged: %s\n", bad[i]);
		assert_true(r.damaged);
		pyrecords_free(&r);
	}
	pyrecords_parse("V1:a\nV", 6, &r);
	assert_string_equal(r.versions, "a");
	assert_int_equal(r.parsed, 5);
	pyrecords_free(&r);
}

static void test_no_python_says_what_to_install(void **state)
{
	(void)state;
	char *fake = paths_join(S_dir, "fake-python");
	S_write(S_dir, "fake-python",
	        "#!/bin/sh\necho /opt/fake/python3\necho \"ModuleNotFoundError: No module named "
	        "'flask_sqlalchemy'\" >&2\nexit 1\n");
	chmod(fake, 0755);
	const struct pyfind_candidate cands[] = {
	    {fake, "$STUDYTERM_PYTHON"},
	    {"/nonexistent/python3", "/nonexistent/python3"},
	};
	char *py = NULL;
	struct buf why = {0};
	struct error err;
	char *data = paths_join(S_dir, "finddata");
	mkdir(data, 0700);
	assert_int_equal(pyfind_among(data, cands, 2, true, &py, &why, &err), ST_NOT_FOUND);
	assert_null(py);
	const char *w = buf_cstr(&why);
	assert_non_null(strstr(w, "No module named 'flask_sqlalchemy'"));
	assert_non_null(strstr(w, "/nonexistent/python3: not found"));
	assert_non_null(
	    strstr(w, "sudo apt-get install python3-flask-sqlalchemy python3-flask-migrate"));
	assert_non_null(strstr(w, "pip install flask-sqlalchemy flask-migrate"));
	assert_non_null(strstr(w, "STUDYTERM_PYTHON"));
	/* The standard-library exercises take a Python that runs. */
	buf_reset(&why);
	assert_int_equal(pyfind_among(data, cands, 2, false, &py, &why, &err), ST_OK);
	assert_string_equal(py, "/opt/fake/python3");
	free(py);
	/* The real one is found, and remembered. */
	const struct pyfind_candidate real[] = {{fake, "fake"}, {"/usr/bin/python3", "it"}};
	assert_int_equal(pyfind_among(data, real, 2, true, &py, &why, &err), ST_OK);
	assert_string_equal(py, "/usr/bin/python3");
	free(py);
	const struct pyfind_candidate none[] = {{"/nonexistent/x", "x"}};
	assert_int_equal(pyfind_among(data, none, 1, true, &py, &why, &err), ST_OK);
	assert_string_equal(py, "/usr/bin/python3");
	free(py);
	buf_free(&why);
	free(data);
	free(fake);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_statements_parameters_and_answers_reach_the_checks),
	    cmocka_unit_test(test_crash_shows_the_learners_file_and_line_first),
	    cmocka_unit_test(test_stdlib_sqlite3_statements_are_recorded),
	    cmocka_unit_test(test_hostile_runs_stop_and_stay_in_the_workspace),
	    cmocka_unit_test(test_flask_commands_run_and_fail_with_their_reason),
	    cmocka_unit_test(test_forged_records_are_noted_not_trusted),
	    cmocka_unit_test(test_records_parse_defensively),
	    cmocka_unit_test(test_no_python_says_what_to_install),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
