/* checks: the check runner (see checks.h). */
#include "sandbox/checks.h"

#include <errno.h>
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
#include "sandbox/sandbox.h"

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

/* Writes what the work sent into the TEMP table sql_log. */
static enum status S_write_log(struct sandbox *sb, const struct run_outcome *o, struct error *err)
{
	struct error ignored;
	/* Whatever the learner called sql_log in temp goes; one of the two
	 * fails, harmlessly. */
	sandbox_load_script(sb, "DROP TABLE IF EXISTS temp.sql_log", "sql_log", &ignored);
	sandbox_load_script(sb, "DROP VIEW IF EXISTS temp.sql_log", "sql_log", &ignored);
	struct buf script = {0};
	buf_puts(&script, "CREATE TEMP TABLE sql_log (seq INTEGER PRIMARY KEY, sql TEXT NOT NULL, "
	                  "params TEXT NOT NULL);\n");
	for (size_t i = 0; i < o->n_statements; i++) {
		buf_printf(&script, "INSERT INTO temp.sql_log (seq, sql, params) VALUES (%zu, '",
		           i + 1);
		for (const char *c = o->statements[i]; *c; c++) {
			if (*c == '\'')
				buf_putc(&script, '\'');
			buf_putc(&script, *c);
		}
		buf_puts(&script, "', '');\n");
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

static void S_run_compare(struct sandbox *sb, const struct exercise_check *k, bool ordered,
                          struct check_outcome *c)
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
			c->detail = buf_detach(&why);
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
			S_run_compare(sb, k, ex->ordered, c);
		/* Fails only when the check's own SQL ended the transaction. */
		sandbox_load_script(sb, "ROLLBACK TO studyterm_check; RELEASE studyterm_check",
		                    "check", &err);
		o->passed += c->passed;
	}
}

/* ---- the run ---- */

enum status checks_run(const struct exercise *ex, const char *workspace, const char *dataset_dir,
                       struct run_outcome *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	if (ex->needs_python)
		return error_set(err, ST_INVALID, ex->dir ? ex->dir : "",
		                 "exercise %s (kind: %s) needs the Python runner", ex->id,
		                 exercise_kind_name(ex->kind));
	struct sandbox *sb = NULL;
	enum status st = S_prepare_db(ex, workspace, dataset_dir, &sb, err);
	if (st != ST_OK)
		return st;
	S_run_work(sb, workspace, out);
	st = S_write_log(sb, out, err);
	if (st == ST_OK)
		S_run_checks(sb, ex, out);
	sandbox_close(sb);
	if (st != ST_OK)
		checks_run_free(out);
	return st;
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
	for (size_t i = 0; i < o->n_statements; i++)
		free(o->statements[i]);
	free(o->statements);
	free(o->error);
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
		fn(ctx, CHECKS_LINE_HEADING, "Your SQL stopped with an error:");
		S_lines(o->error, CHECKS_LINE_DETAIL, "    ", "    ", fn, ctx);
	}
	if (o->n_statements) {
		fn(ctx, CHECKS_LINE_BLANK, "");
		fn(ctx, CHECKS_LINE_HEADING, "Statements sent:");
		for (size_t i = 0; i < o->n_statements; i++) {
			char number[32];
			snprintf(number, sizeof number, "%3zu. ", i + 1);
			S_lines(o->statements[i], CHECKS_LINE_TEXT, number, "     ", fn, ctx);
		}
	} else if (!o->error) {
		fn(ctx, CHECKS_LINE_BLANK, "");
		buf_reset(&line);
		buf_printf(&line, "No statements were sent: %s's files hold only comments.",
		           ex->id);
		fn(ctx, CHECKS_LINE_TEXT, buf_cstr(&line));
	}
	if (o->output && *o->output) {
		fn(ctx, CHECKS_LINE_BLANK, "");
		fn(ctx, CHECKS_LINE_HEADING, "Output:");
		S_lines(o->output, CHECKS_LINE_OUTPUT, "", "", fn, ctx);
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
		           "All %zu checks pass, but your SQL stopped with an error: fix it too.",
		           o->n_checks);
	else
		buf_printf(out, "%zu of %zu checks pass.", o->passed, o->n_checks);
}
