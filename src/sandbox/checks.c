/* checks: the check runner (see checks.h). */
#include "sandbox/checks.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "sandbox/child.h"
#include "sandbox/pyrecords.h"
#include "sandbox/sandbox.h"
#include "sandbox/workspace.h"

/* A learner's .sql file larger than this is not run: it cannot be
 * coursework, and every statement of it is logged. */
#define S_MAX_WORK_BYTES (1024u * 1024u)
/* Results beyond this much shown text are left out of the output. */
#define S_MAX_OUTPUT_BYTES (256u * 1024u)

/* ---- the fresh database ---- */

/* Removes sandbox.db and what SQLite keeps beside it. */
static enum status S_remove_db(const char *db, struct error *err)
{
	static const char *const suffixes[] = {"", "-journal", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		struct buf path = {0};
		buf_printf(&path, "%s%s", db, suffixes[i]);
		int rc = unlink(buf_cstr(&path));
		if (rc != 0 && errno != ENOENT) {
			error_set(err, ST_IO, buf_cstr(&path), "cannot remove the old database: %s",
			          strerror(errno));
			buf_free(&path);
			return ST_IO;
		}
		buf_free(&path);
	}
	return ST_OK;
}

static enum status S_prepare_db(const struct exercise *ex, const char *workspace,
                                const char *dataset_dir, struct sandbox **sb, struct error *err)
{
	*sb = NULL;
	struct stat st_ws;
	if (stat(workspace, &st_ws) != 0 || !S_ISDIR(st_ws.st_mode))
		return error_set(err, ST_NOT_FOUND, workspace,
		                 "no workspace (open the exercise first)");
	char *db = paths_join(workspace, "sandbox.db");
	enum status st = S_remove_db(db, err);
	if (st == ST_OK)
		st = sandbox_open_file(db, sb, err);
	free(db);
	if (st == ST_OK && ex->dataset)
		st = sandbox_load_dataset(*sb, dataset_dir, ex->dataset, err);
	if (st == ST_OK && ex->setup_sql) {
		char *where = paths_join(ex->dir ? ex->dir : ".", "setup.sql");
		st = sandbox_load_script(*sb, ex->setup_sql, where, err);
		free(where);
	}
	if (st != ST_OK) {
		sandbox_close(*sb);
		*sb = NULL;
	}
	return st;
}

/* ---- the learner's work ---- */

static bool S_is_work(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".sql") == 0;
}

static void S_push_statement(struct run_outcome *o, size_t *cap, char *stmt)
{
	xgrow((void **)&o->statements, cap, o->n_statements + 1, sizeof *o->statements);
	o->statements[o->n_statements++] = stmt;
}

__attribute__((format(printf, 2, 3))) static void S_work_error(struct run_outcome *o,
                                                               const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	free(o->error);
	o->error = xstrdup(msg);
}

/* Runs one file's statements; false when one failed (o->error says
 * which). */
static bool S_run_file(struct sandbox *sb, const char *path, uint64_t deadline_ns,
                       struct run_outcome *o, size_t *cap, struct buf *output, bool *truncated)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *text = NULL;
	size_t len = 0;
	struct error err;
	if (paths_read_file(path, &text, &len, &err) != ST_OK) {
		S_work_error(o, "%s: cannot read the file", name);
		return false;
	}
	if (len > S_MAX_WORK_BYTES) {
		S_work_error(o, "%s: the file is larger than %u KiB", name,
		             S_MAX_WORK_BYTES / 1024u);
		free(text);
		return false;
	}
	bool ok = true;
	size_t pos = 0;
	int line = 1;
	struct exercise_sql_stmt s;
	while (ok && exercise_sql_next(text, len, &pos, &line, &s)) {
		uint64_t now = clock_monotonic_ns();
		if (now >= deadline_ns) {
			S_work_error(o, "%s:%d: your work took longer than %d s in all (stopped)",
			             name, s.line, CHECKS_TOTAL_MS / 1000);
			ok = false;
			break;
		}
		uint64_t left_ms = (deadline_ns - now) / 1000000u;
		sandbox_set_time_limit_ms(sb, left_ms < SANDBOX_DEFAULT_TIME_LIMIT_MS
		                                  ? (int)left_ms + 1
		                                  : SANDBOX_DEFAULT_TIME_LIMIT_MS);
		char *stmt = xstrndup(text + s.start, s.end - s.start);
		S_push_statement(o, cap, stmt);
		struct sandbox_result r = {0};
		if (sandbox_query(sb, stmt, &r, &err) != ST_OK) {
			/* Stopped by what was left of the total, not by its own limit. */
			if (left_ms < SANDBOX_DEFAULT_TIME_LIMIT_MS &&
			    clock_monotonic_ns() >= deadline_ns)
				S_work_error(
				    o, "%s:%d: your work took longer than %d s in all (stopped)",
				    name, s.line, CHECKS_TOTAL_MS / 1000);
			else
				S_work_error(o, "%s:%d: %s", name, s.line, err.message);
			ok = false;
		} else if (r.n_cols > 0 && output->len > S_MAX_OUTPUT_BYTES) {
			if (!*truncated)
				buf_puts(output, "\n(more results not shown)\n");
			*truncated = true;
		} else if (r.n_cols > 0) {
			if (output->len)
				buf_putc(output, '\n');
			buf_printf(output, "-- %s:%d\n", name, s.line);
			sandbox_result_format(&r, CHECKS_OUTPUT_ROWS, output);
		}
		sandbox_result_free(&r);
	}
	free(text);
	return ok;
}

static void S_run_work(struct sandbox *sb, const char *workspace, struct run_outcome *o)
{
	size_t n_files = 0, cap = 0;
	char **files = paths_list(workspace, S_is_work, &n_files);
	struct buf output = {0};
	bool truncated = false;
	uint64_t deadline = clock_monotonic_ns() + (uint64_t)CHECKS_TOTAL_MS * 1000000u;
	if (n_files == 0)
		S_work_error(o, "the workspace has no .sql file to run");
	for (size_t i = 0; i < n_files; i++)
		if (!S_run_file(sb, files[i], deadline, o, &cap, &output, &truncated))
			break;
	sandbox_set_time_limit_ms(sb, 0);
	paths_list_free(files, n_files);
	o->output = buf_detach(&output);
}

/* Appends text to b as an SQL string literal's inside ('' for '). */
static void S_sql_quoted(struct buf *b, const char *text)
{
	for (const char *c = text; *c; c++) {
		if (*c == '\'')
			buf_putc(b, '\'');
		buf_putc(b, *c);
	}
}

/* Drops whatever the learner called name in temp, so that the TEMP table
 * made next is the checks' own; one of the two fails, harmlessly. */
static void S_clear_temp(struct sandbox *sb, const char *name)
{
	struct error ignored;
	struct buf sql = {0};
	buf_printf(&sql, "DROP TABLE IF EXISTS temp.%s", name);
	sandbox_load_script(sb, buf_cstr(&sql), name, &ignored);
	buf_reset(&sql);
	buf_printf(&sql, "DROP VIEW IF EXISTS temp.%s", name);
	sandbox_load_script(sb, buf_cstr(&sql), name, &ignored);
	buf_free(&sql);
}

/* Writes what the work sent into the TEMP table sql_log. */
static enum status S_write_log(struct sandbox *sb, const struct run_outcome *o, struct error *err)
{
	S_clear_temp(sb, "sql_log");
	struct buf script = {0};
	buf_puts(&script, "CREATE TEMP TABLE sql_log (seq INTEGER PRIMARY KEY, sql TEXT NOT NULL, "
	                  "params TEXT NOT NULL);\n");
	for (size_t i = 0; i < o->n_statements; i++) {
		buf_printf(&script, "INSERT INTO temp.sql_log (seq, sql, params) VALUES (%zu, '",
		           i + 1);
		S_sql_quoted(&script, o->statements[i]);
		buf_puts(&script, "', '");
		S_sql_quoted(&script, o->params ? o->params[i] : "");
		buf_puts(&script, "');\n");
	}
	enum status st = sandbox_load_script(sb, buf_cstr(&script), "sql_log", err);
	buf_free(&script);
	return st;
}

/* ---- the checks ---- */

static void S_detail(struct check_outcome *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void S_detail(struct check_outcome *c, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	free(c->detail);
	c->detail = xstrdup(msg);
}

static void S_judge_value(const struct sandbox_result *r, struct check_outcome *c)
{
	if (r->n_cols != 1 || r->n_rows != 1) {
		S_detail(c, "the check's query gave %zu row%s of %zu column%s, not one value",
		         r->n_rows, r->n_rows == 1 ? "" : "s", r->n_cols,
		         r->n_cols == 1 ? "" : "s");
		return;
	}
	const struct sandbox_value *v = &r->cells[0];
	switch (v->type) {
	case SANDBOX_INT: c->passed = v->i != 0; break;
	case SANDBOX_REAL: c->passed = v->r != 0; break;
	case SANDBOX_NULL: break; /* a comparison with NULL: not true */
	case SANDBOX_TEXT:
	case SANDBOX_BLOB:
		S_detail(c, "the check's query gave %s, not a true or false number",
		         v->type == SANDBOX_TEXT ? "text" : "a blob");
		break;
	}
}

static void S_run_assert(struct sandbox *sb, const struct exercise_check *k,
                         struct check_outcome *c)
{
	const char *sql = k->sql;
	size_t len = strlen(sql), pos = 0;
	int line = 1;
	struct exercise_sql_stmt s, last = {0};
	while (exercise_sql_next(sql, len, &pos, &line, &s))
		last = s;
	struct error err;
	if (last.start > 0) {
		/* Everything before the last statement runs trusted. */
		char *before = xstrndup(sql, last.start);
		enum status st = sandbox_load_script(sb, before, "check.sql", &err);
		free(before);
		if (st != ST_OK) {
			S_detail(c, "%s", err.message);
			return;
		}
	}
	char *query = xstrndup(sql + last.start, last.end - last.start);
	struct sandbox_result r = {0};
	if (sandbox_query(sb, query, &r, &err) != ST_OK)
		S_detail(c, "%s", err.message);
	else
		S_judge_value(&r, c);
	sandbox_result_free(&r);
	free(query);
}

/* The comparison speaks of "your query" (the learner's SQL, in quizzes
 * and SQL exercises); a Python learner wrote no query: the check's query
 * found the rows. */
static char *S_for_python(char *why)
{
	static const struct {
		const char *from, *to;
	} words[] = {{"your query returned ", "the check found "},
	             {"your query returns ", "the check finds "}};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		size_t n = strlen(words[i].from);
		if (strncmp(why, words[i].from, n) == 0) {
			struct buf b = {0};
			buf_printf(&b, "%s%s", words[i].to, why + n);
			free(why);
			return buf_detach(&b);
		}
	}
	return why;
}

static void S_run_compare(struct sandbox *sb, const struct exercise_check *k, bool ordered,
                          bool python, struct check_outcome *c)
{
	struct sandbox_result want = {0}, got = {0};
	struct error err;
	if (sandbox_query(sb, k->expect, &want, &err) != ST_OK) {
		S_detail(c, "the expected rows could not be computed: %s", err.message);
	} else if (sandbox_query(sb, k->got, &got, &err) != ST_OK) {
		S_detail(c, "%s", err.message);
	} else {
		struct buf why = {0};
		c->passed = sandbox_result_equal(&got, &want, ordered, &why);
		if (!c->passed)
			c->detail = python ? S_for_python(buf_detach(&why)) : buf_detach(&why);
		buf_free(&why);
	}
	sandbox_result_free(&want);
	sandbox_result_free(&got);
}

static void S_run_checks(struct sandbox *sb, const struct exercise *ex, struct run_outcome *o)
{
	o->checks = xcalloc(ex->n_checks + 1, sizeof *o->checks);
	o->n_checks = ex->n_checks;
	for (size_t i = 0; i < ex->n_checks; i++) {
		const struct exercise_check *k = &ex->checks[i];
		struct check_outcome *c = &o->checks[i];
		c->message = xstrdup(k->message);
		struct error err;
		/* Each check sees the database as the learner's work left it. */
		if (sandbox_load_script(sb, "SAVEPOINT studyterm_check", "check", &err) != ST_OK) {
			S_detail(c, "%s", err.message);
			continue;
		}
		if (k->sql)
			S_run_assert(sb, k, c);
		else
			S_run_compare(sb, k, ex->ordered, ex->needs_python, c);
		/* Fails only when the check's own SQL ended the transaction. */
		sandbox_load_script(sb, "ROLLBACK TO studyterm_check; RELEASE studyterm_check",
		                    "check", &err);
		o->passed += c->passed;
	}
}

/* ---- the run ---- */

static void S_count_selects(struct run_outcome *o)
{
	o->n_selects = 0;
	for (size_t i = 0; i < o->n_statements; i++)
		o->n_selects += exercise_sql_is_query(o->statements[i], strlen(o->statements[i]));
}

struct checks_job {
	const struct exercise *ex; /* the caller's, alive until checks_finish */
	struct run_outcome out;    /* complete for SQL work */
	enum status st;            /* SQL work: how the run went */
	struct error err;
	char *run_dir; /* Python work: its copy of the workspace */
	struct child *child;
	int time_limit_ms;
};

static enum status S_start_sql(struct checks_job *job, const char *workspace,
                               const char *dataset_dir)
{
	struct sandbox *sb = NULL;
	struct run_outcome *out = &job->out;
	enum status st = S_prepare_db(job->ex, workspace, dataset_dir, &sb, &job->err);
	if (st != ST_OK)
		return st;
	S_run_work(sb, workspace, out);
	S_count_selects(out);
	st = S_write_log(sb, out, &job->err);
	if (st == ST_OK)
		S_run_checks(sb, job->ex, out);
	sandbox_close(sb);
	return st;
}

/* An absolute path for the child, which works elsewhere; NULL when the
 * file is not there. */
static char *S_absolute(const char *path)
{
	char *real = realpath(path, NULL);
	if (!real)
		return NULL;
	char *copy = xstrdup(real);
	free(real);
	return copy;
}

static enum status S_start_python(struct checks_job *job, const char *workspace,
                                  const struct checks_env *env, struct error *err)
{
	const struct exercise *ex = job->ex;
	if (!env->python)
		return error_set(err, ST_NOT_FOUND, "python",
		                 "no Python can run exercise %s (kind: %s)", ex->id,
		                 exercise_kind_name(ex->kind));
	char *harness = env->harness ? S_absolute(env->harness) : NULL;
	char *driver_rel = paths_join(ex->dir ? ex->dir : ".", "driver.py");
	char *driver = S_absolute(driver_rel);
	enum status st = ST_OK;
	if (!harness)
		st = error_set(err, ST_NOT_FOUND,
		               env->harness ? env->harness : "studyterm_harness.py",
		               "the Python harness is missing (reinstall studyterm)");
	else if (!driver)
		st = error_set(err, ST_NOT_FOUND, driver_rel, "the exercise's driver is missing");
	free(driver_rel);
	struct stat sb_ws;
	if (st == ST_OK && (stat(workspace, &sb_ws) != 0 || !S_ISDIR(sb_ws.st_mode)))
		st = error_set(err, ST_NOT_FOUND, workspace,
		               "no workspace (open the exercise first)");
	if (st == ST_OK) {
		job->run_dir = paths_join(workspace, ".run");
		st = workspace_snapshot(workspace, job->run_dir, err);
	}
	struct sandbox *sb = NULL;
	if (st == ST_OK)
		st = S_prepare_db(ex, job->run_dir, env->dataset_dir, &sb, err);
	sandbox_close(sb); /* the learner's Python takes the file over */
	if (st == ST_OK) {
		struct buf home = {0}, tmp = {0};
		buf_printf(&home, "HOME=%s", job->run_dir);
		buf_printf(&tmp, "TMPDIR=%s", job->run_dir);
		const char *argv[] = {
		    env->python, "-I",         "-B",       harness,
		    "--run-dir", job->run_dir, "--driver", driver,
		    "--records", "3",          "--stack",  ex->stdlib_only ? "stdlib" : "flask",
		    NULL};
		const char *envp[] = {"PATH=/usr/local/bin:/usr/bin:/bin",
		                      buf_cstr(&home),
		                      buf_cstr(&tmp),
		                      "LANG=C.UTF-8",
		                      "LC_ALL=C.UTF-8",
		                      "PYTHONIOENCODING=utf-8",
		                      "PYTHONUNBUFFERED=1",
		                      "PYTHONDONTWRITEBYTECODE=1",
		                      "TERM=dumb",
		                      "NO_COLOR=1",
		                      NULL};
		int ms = env->time_limit_ms > 0 ? env->time_limit_ms : CHECKS_PYTHON_MS;
		job->time_limit_ms = ms;
		struct child_spec spec = {
		    .argv = argv,
		    .env = envp,
		    .dir = job->run_dir,
		    .records = true,
		    .limits = {.time_ms = ms,
		               .cpu_s = ms / 1000 + 2,
		               .memory_bytes = CHECKS_PYTHON_MEMORY,
		               .file_bytes = (size_t)WORKSPACE_SNAPSHOT_BYTES,
		               .output_bytes = CHECKS_OUTPUT_LIMIT,
		               .keep_bytes = CHECKS_OUTPUT_KEEP,
		               .records_bytes = (size_t)64 * 1024 * 1024,
		               .no_processes = true},
		};
		st = child_start(&spec, &job->child, err);
		buf_free(&home);
		buf_free(&tmp);
	}
	free(harness);
	free(driver);
	return st;
}

enum status checks_start(const struct exercise *ex, const char *workspace,
                         const struct checks_env *env, struct checks_job **out, struct error *err)
{
	*out = NULL;
	struct checks_job *job = xcalloc(1, sizeof *job);
	job->ex = ex;
	enum status st;
	if (ex->needs_python) {
		st = S_start_python(job, workspace, env, err);
	} else {
		st = S_start_sql(job, workspace, env->dataset_dir);
		if (st != ST_OK)
			*err = job->err;
	}
	if (st != ST_OK) {
		checks_job_free(job);
		return st;
	}
	*out = job;
	return ST_OK;
}

bool checks_poll(struct checks_job *job, int timeout_ms)
{
	return !job->child || child_poll(job->child, timeout_ms);
}

const char *checks_job_output(const struct checks_job *job)
{
	return job->child ? buf_cstr(child_output(job->child)) : "";
}

uint64_t checks_job_elapsed_ms(const struct checks_job *job)
{
	return job->child ? child_elapsed_ms(job->child) : 0;
}

void checks_stop(struct checks_job *job)
{
	if (job && job->child)
		child_stop(job->child);
}

/* Why the Python ended, when it did not end by itself, as the learner's
 * error; NULL when it did. */
static char *S_end_note(const struct checks_job *job)
{
	struct buf b = {0};
	const struct child *c = job->child;
	switch (child_end(c)) {
	case CHILD_TIMED_OUT:
		buf_printf(&b,
		           "your code ran longer than %d s and was stopped (an endless loop, or "
		           "waiting for input?)",
		           job->time_limit_ms / 1000);
		break;
	case CHILD_OUTPUT_CUT:
		buf_printf(&b, "your code printed more than %zu MiB and was stopped",
		           CHECKS_OUTPUT_LIMIT / (1024 * 1024));
		break;
	case CHILD_RECORDS_CUT:
		buf_puts(&b, "your code sent too many statements and was stopped");
		break;
	case CHILD_STOPPED: buf_puts(&b, "stopped before it finished (Ctrl-C)"); break;
	case CHILD_SIGNALLED:
		if (child_status(c) == SIGXCPU)
			buf_printf(&b, "your code used more than %d s of CPU time and was stopped",
			           job->time_limit_ms / 1000 + 2);
		else
			buf_printf(&b, "Python was killed by signal %d (%s)", child_status(c),
			           strsignal(child_status(c)));
		break;
	case CHILD_EXITED:
	case CHILD_RUNNING: break;
	}
	return b.len ? buf_detach(&b) : NULL;
}

/* Writes what the driver answered into the TEMP table answers. */
static enum status S_write_answers(struct sandbox *sb, const struct pyrecords *r, struct error *err)
{
	S_clear_temp(sb, "answers");
	struct buf script = {0};
	buf_puts(&script, "CREATE TEMP TABLE answers (name TEXT PRIMARY KEY, value);\n");
	for (size_t i = 0; i < r->n_answers; i++) {
		buf_puts(&script, "INSERT OR REPLACE INTO temp.answers (name, value) SELECT '");
		S_sql_quoted(&script, r->answers[i].name);
		buf_puts(&script, "', CASE WHEN json_valid(j) THEN json_extract(j, '$') ELSE j END "
		                  "FROM (SELECT '");
		S_sql_quoted(&script, r->answers[i].json);
		buf_puts(&script, "' AS j);\n");
	}
	enum status st = sandbox_load_script(sb, buf_cstr(&script), "answers", err);
	buf_free(&script);
	return st;
}

static enum status S_finish_python(struct checks_job *job, struct run_outcome *o, struct error *err)
{
	const struct child *c = job->child;
	struct pyrecords r;
	const struct buf *rec = child_records(c);
	pyrecords_parse(rec->data ? rec->data : "", rec->len, &r);
	o->python = true;
	o->versions = r.versions ? xstrdup(r.versions) : NULL;
	o->statements = xcalloc(r.n_statements + 1, sizeof *o->statements);
	o->params = xcalloc(r.n_statements + 1, sizeof *o->params);
	for (size_t i = 0; i < r.n_statements; i++) {
		o->statements[i] = r.statements[i].sql;
		o->params[i] = r.statements[i].params;
		r.statements[i].sql = r.statements[i].params = NULL;
	}
	o->n_statements = r.n_statements;
	S_count_selects(o);

	struct buf error = {0};
	for (size_t i = 0; i < r.n_errors; i++) {
		if (error.len)
			buf_putc(&error, '\n');
		if (r.errors[i].where[0])
			buf_printf(&error, "%s: ", r.errors[i].where);
		buf_puts(&error, r.errors[i].text);
	}
	char *end = S_end_note(job);
	if (end) {
		if (error.len)
			buf_putc(&error, '\n');
		buf_puts(&error, end);
		free(end);
	} else if (!error.len && child_status(c) != 0) {
		/* It failed without saying why: the output tells. */
		buf_printf(&error,
		           "Python exited with status %d before the exercise's driver "
		           "finished (see the output)",
		           child_status(c));
	}
	if (error.len)
		o->error = buf_detach(&error);
	buf_free(&error);

	struct buf output = {0};
	const struct buf *shown = child_output(c);
	buf_append(&output, shown->data ? shown->data : "", shown->len);
	if (child_output_total(c) > shown->len)
		buf_printf(&output,
		           "%s(output cut: %llu bytes in all, the first %zu KiB are shown)\n",
		           output.len && output.data[output.len - 1] != '\n' ? "\n" : "",
		           (unsigned long long)child_output_total(c), CHECKS_OUTPUT_KEEP / 1024);
	if (r.damaged)
		/* Only a process that writes to descriptor 3 itself, or one killed
		 * mid-record, leaves records that cannot be read. */
		buf_printf(&output,
		           "%s(studyterm could not read all the harness reported after %zu bytes: "
		           "the statements and answers after that are missing)\n",
		           output.len && output.data[output.len - 1] != '\n' ? "\n" : "", r.parsed);
	o->output = buf_detach(&output);

	struct sandbox *sb = NULL;
	char *db = paths_join(job->run_dir, "sandbox.db");
	enum status st = sandbox_open_file(db, &sb, err);
	free(db);
	if (st == ST_OK)
		st = S_write_log(sb, o, err);
	if (st == ST_OK)
		st = S_write_answers(sb, &r, err);
	if (st == ST_OK)
		S_run_checks(sb, job->ex, o);
	sandbox_close(sb);
	pyrecords_free(&r);
	return st;
}

enum status checks_finish(struct checks_job *job, struct run_outcome *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	enum status st = ST_OK;
	if (job->child) {
		while (!child_poll(job->child, -1))
			;
		st = S_finish_python(job, out, err);
	} else {
		*out = job->out;
		memset(&job->out, 0, sizeof job->out);
	}
	if (st != ST_OK)
		checks_run_free(out);
	checks_job_free(job);
	return st;
}

void checks_job_free(struct checks_job *job)
{
	if (!job)
		return;
	child_free(job->child);
	checks_run_free(&job->out);
	free(job->run_dir);
	free(job);
}

enum status checks_run(const struct exercise *ex, const char *workspace,
                       const struct checks_env *env, struct run_outcome *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	struct checks_job *job = NULL;
	enum status st = checks_start(ex, workspace, env, &job, err);
	if (st != ST_OK)
		return st;
	while (!checks_poll(job, -1))
		;
	return checks_finish(job, out, err);
}

void checks_run_free(struct run_outcome *o)
{
	if (!o)
		return;
	for (size_t i = 0; i < o->n_checks; i++) {
		free(o->checks[i].message);
		free(o->checks[i].detail);
	}
	free(o->checks);
	free(o->output);
	for (size_t i = 0; i < o->n_statements; i++) {
		free(o->statements[i]);
		if (o->params)
			free(o->params[i]);
	}
	free(o->statements);
	free(o->params);
	free(o->error);
	free(o->versions);
	memset(o, 0, sizeof *o);
}

/* ---- the outcome as text ---- */

/* Gives text's lines, each after indent ("" for none). */
static void S_lines(const char *text, enum checks_line kind, const char *first, const char *rest,
                    checks_line_fn fn, void *ctx)
{
	struct buf line = {0};
	const char *indent = first;
	while (*text) {
		size_t len = strcspn(text, "\n");
		buf_reset(&line);
		buf_puts(&line, indent);
		buf_append(&line, text, len);
		fn(ctx, kind, buf_cstr(&line));
		text += len + (text[len] == '\n');
		indent = rest;
	}
	buf_free(&line);
}

void checks_outcome_lines(const struct exercise *ex, const struct run_outcome *o, checks_line_fn fn,
                          void *ctx)
{
	struct buf line = {0};
	for (size_t i = 0; i < o->n_checks; i++) {
		const struct check_outcome *k = &o->checks[i];
		buf_reset(&line);
		buf_printf(&line, "%s %s", k->passed ? "✓" : "✗", k->message);
		fn(ctx, k->passed ? CHECKS_LINE_PASS : CHECKS_LINE_FAIL, buf_cstr(&line));
		if (k->detail)
			S_lines(k->detail, CHECKS_LINE_DETAIL, "    ", "    ", fn, ctx);
	}
	if (o->error) {
		fn(ctx, CHECKS_LINE_BLANK, "");
		fn(ctx, CHECKS_LINE_HEADING,
		   o->python ? "Your code stopped with an error:"
		             : "Your SQL stopped with an error:");
		S_lines(o->error, CHECKS_LINE_DETAIL, "    ", "    ", fn, ctx);
	}
	if (o->n_statements) {
		fn(ctx, CHECKS_LINE_BLANK, "");
		buf_reset(&line);
		buf_printf(&line, "Statements sent (%zu, %zu quer%s):", o->n_statements,
		           o->n_selects, o->n_selects == 1 ? "y" : "ies");
		fn(ctx, CHECKS_LINE_HEADING, buf_cstr(&line));
		size_t shown = o->n_statements < CHECKS_STATEMENTS_SHOWN ? o->n_statements
		                                                         : CHECKS_STATEMENTS_SHOWN;
		for (size_t i = 0; i < shown; i++) {
			char number[32];
			snprintf(number, sizeof number, "%3zu. ", i + 1);
			S_lines(o->statements[i], CHECKS_LINE_TEXT, number, "     ", fn, ctx);
			if (o->params && o->params[i][0]) {
				buf_reset(&line);
				buf_printf(&line, "     params: %s", o->params[i]);
				fn(ctx, CHECKS_LINE_DETAIL, buf_cstr(&line));
			}
		}
		if (shown < o->n_statements) {
			buf_reset(&line);
			buf_printf(&line, "     ... and %zu more", o->n_statements - shown);
			fn(ctx, CHECKS_LINE_TEXT, buf_cstr(&line));
		}
	} else if (!o->error) {
		fn(ctx, CHECKS_LINE_BLANK, "");
		buf_reset(&line);
		if (o->python)
			buf_puts(&line, "No statements were sent to the database.");
		else
			buf_printf(&line, "No statements were sent: %s's files hold only comments.",
			           ex->id);
		fn(ctx, CHECKS_LINE_TEXT, buf_cstr(&line));
	}
	if (o->output && *o->output) {
		fn(ctx, CHECKS_LINE_BLANK, "");
		fn(ctx, CHECKS_LINE_HEADING, "Output:");
		S_lines(o->output, CHECKS_LINE_OUTPUT, "", "", fn, ctx);
	}
	if (o->versions) {
		fn(ctx, CHECKS_LINE_BLANK, "");
		buf_reset(&line);
		buf_printf(&line, "Ran on %s.", o->versions);
		fn(ctx, CHECKS_LINE_TEXT, buf_cstr(&line));
	}
	buf_free(&line);
}

bool checks_outcome_passed(const struct run_outcome *o)
{
	return o->n_checks > 0 && o->passed == o->n_checks && !o->error;
}

void checks_outcome_summary(const struct run_outcome *o, struct buf *out)
{
	if (checks_outcome_passed(o))
		buf_printf(out, "All %zu checks pass. Well done!", o->n_checks);
	else if (o->passed == o->n_checks)
		buf_printf(out,
		           "All %zu checks pass, but your %s stopped with an error: fix it too.",
		           o->n_checks, o->python ? "code" : "SQL");
	else
		buf_printf(out, "%zu of %zu checks pass.", o->passed, o->n_checks);
}
