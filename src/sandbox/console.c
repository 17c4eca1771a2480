/* console: statements, dot-commands and output modes (see console.h). */
#include "sandbox/console.h"

#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "sandbox/er.h"
#include "sandbox/plan.h"
#include "sandbox/schema.h"

static const char S_help[] =
    ".datasets            the datasets you can load\n"
    ".er                  a diagram of the tables and how they relate\n"
    ".headers on|off      a header line in list and csv modes\n"
    ".help                this list\n"
    ".load NAME           start again on dataset NAME (see .datasets)\n"
    ".mode MODE           how results look: box, csv, line or list\n"
    ".plan QUERY          how SQLite will run QUERY, as a tree\n"
    ".reset               start again on the current dataset\n"
    ".schema [TABLE]      the CREATE statements (of TABLE only)\n"
    ".tables              the tables and views\n"
    ".timer on|off        how long each statement took\n"
    ".quit                leave (also .exit)\n"
    "Statements end with ';' and may span lines. Nothing here touches your files:\n"
    "the database lives in memory and .reset starts it again.\n";

static enum status S_fresh(struct console *c, const char *dataset, struct error *err)
{
	struct sandbox *sb;
	if (sandbox_open_memory(&sb, err) != ST_OK)
		return err->status;
	if (dataset && sandbox_load_dataset(sb, c->dataset_dir, dataset, err) != ST_OK) {
		sandbox_close(sb);
		return err->status;
	}
	sandbox_close(c->sb);
	c->sb = sb;
	char *name = dataset ? xstrdup(dataset) : NULL;
	free(c->dataset);
	c->dataset = name;
	return ST_OK;
}

enum status console_open(struct console *c, const char *dataset_dir, const char *dataset,
                         enum console_mode mode, struct error *err)
{
	memset(c, 0, sizeof *c);
	c->dataset_dir = xstrdup(dataset_dir);
	c->mode = mode;
	c->width = 80;
	if (S_fresh(c, dataset, err) != ST_OK) {
		console_close(c);
		return err->status;
	}
	return ST_OK;
}

void console_close(struct console *c)
{
	sandbox_close(c->sb);
	free(c->dataset_dir);
	free(c->dataset);
	buf_free(&c->pending);
	memset(c, 0, sizeof *c);
}

void console_interrupt(struct console *c)
{
	if (c->sb)
		sandbox_interrupt(c->sb);
}

static bool S_is_sql_name(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".sql") == 0;
}

char **console_datasets(const char *dir, size_t *n)
{
	char **paths = paths_list(dir, S_is_sql_name, n);
	for (size_t i = 0; i < *n; i++) {
		const char *base = strrchr(paths[i], '/');
		base = base ? base + 1 : paths[i];
		char *name = xstrdup(base);
		name[strlen(name) - 4] = '\0';
		free(paths[i]);
		paths[i] = name;
	}
	return paths;
}

/* ---------------------------------------------------------------- output */

/* A real as the sqlite3 shell shows it: 15 significant digits, and a
 * decimal point even when the value is whole (2.0, not 2). */
static void S_put_real(struct buf *out, double r)
{
	char num[64];
	snprintf(num, sizeof num, "%.15g", r == 0 ? 0.0 : r); /* -0.0 shows as 0.0 */
	if (!isfinite(r) || strchr(num, '.')) {
		buf_puts(out, num);
		return;
	}
	char *e = strchr(num, 'e');
	if (!e) {
		buf_printf(out, "%s.0", num);
		return;
	}
	buf_append(out, num, (size_t)(e - num)); /* 1e+20 shows as 1.0e+20 */
	buf_printf(out, ".0%s", e);
}

static void S_put_plain(struct buf *out, const struct sandbox_value *v)
{
	switch (v->type) {
	case SANDBOX_NULL: break;
	case SANDBOX_INT: buf_printf(out, "%lld", (long long)v->i); break;
	case SANDBOX_REAL: S_put_real(out, v->r); break;
	default: buf_append(out, v->text, v->len); break;
	}
}

/* A CSV field quoted when the sqlite3 shell quotes it: empty, or holding
 * a separator, a quote of either kind, a space or control character, DEL
 * or any byte of a multi-byte character. */
static void S_put_csv(struct buf *out, const char *s, size_t len)
{
	bool quote = len == 0;
	for (size_t i = 0; i < len && !quote; i++) {
		unsigned char ch = (unsigned char)s[i];
		quote = ch <= ' ' || ch == '"' || ch == '\'' || ch == ',' || ch >= 0x7f;
	}
	if (!quote) {
		buf_append(out, s, len);
		return;
	}
	buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_putc(out, '"');
		buf_putc(out, s[i]);
	}
	buf_putc(out, '"');
}

static void S_print(const struct console *c, const struct sandbox_result *r, struct buf *out)
{
	if (r->n_cols == 0)
		return; /* a statement without rows prints nothing, as in sqlite3 */
	const char *sep = c->mode == CONSOLE_CSV ? "," : "|";
	const char *eol =
	    c->mode == CONSOLE_CSV ? "\r\n" : "\n"; /* CSV lines end in CRLF (RFC 4180) */
	switch (c->mode) {
	case CONSOLE_BOX: sandbox_result_format(r, SIZE_MAX, out); return;
	case CONSOLE_LINE: {
		int w = 5; /* the shell's narrowest name column */
		for (size_t k = 0; k < r->n_cols; k++)
			if ((int)strlen(r->names[k]) > w)
				w = (int)strlen(r->names[k]);
		for (size_t i = 0; i < r->n_rows; i++) {
			if (i)
				buf_putc(out, '\n');
			for (size_t k = 0; k < r->n_cols; k++) {
				buf_printf(out, "%*s = ", w, r->names[k]);
				S_put_plain(out, &r->cells[i * r->n_cols + k]);
				buf_putc(out, '\n');
			}
		}
		return;
	}
	case CONSOLE_LIST:
	case CONSOLE_CSV:
		if (c->headers) {
			for (size_t k = 0; k < r->n_cols; k++) {
				if (k)
					buf_puts(out, sep);
				if (c->mode == CONSOLE_CSV)
					S_put_csv(out, r->names[k], strlen(r->names[k]));
				else
					buf_puts(out, r->names[k]);
			}
			buf_puts(out, eol);
		}
		for (size_t i = 0; i < r->n_rows; i++) {
			for (size_t k = 0; k < r->n_cols; k++) {
				const struct sandbox_value *v = &r->cells[i * r->n_cols + k];
				if (k)
					buf_puts(out, sep);
				if (c->mode == CONSOLE_CSV &&
				    (v->type == SANDBOX_TEXT || v->type == SANDBOX_BLOB))
					S_put_csv(out, v->text, v->len);
				else
					S_put_plain(out, v);
			}
			buf_puts(out, eol);
		}
		return;
	}
}

/* ---------------------------------------------------------------- statements */

static void S_error(struct console *c, int line, const char *message, struct buf *err)
{
	buf_printf(err, "Error near line %d: %s\n", line, message);
	c->errors++;
}

static void S_run_statement(struct console *c, const char *sql, int line, struct buf *out,
                            struct buf *err)
{
	struct sandbox_result r;
	struct error e = {0};
	uint64_t t0 = clock_monotonic_ns();
	enum status st = sandbox_query(c->sb, sql, &r, &e);
	double secs = (double)(clock_monotonic_ns() - t0) / 1e9;
	if (st != ST_OK) {
		S_error(c, line, e.message, err);
	} else {
		S_print(c, &r, out);
		sandbox_result_free(&r);
	}
	if (c->timer)
		buf_printf(out, "Run Time: real %.3f\n", secs);
}

/* Runs every statement of a complete text, each on its own: a ';' ends a
 * statement where the text up to it is complete (not inside a string, a
 * comment or a trigger body). */
static void S_run_text(struct console *c, const char *text, int first_line, struct buf *out,
                       struct buf *err)
{
	struct buf stmt = {0};
	int line = first_line;
	size_t start = 0, len = strlen(text);
	for (size_t i = 0; i < len; i++) {
		if (text[i] != ';')
			continue;
		buf_reset(&stmt);
		buf_append(&stmt, text + start, i + 1 - start);
		if (!sqlite3_complete(buf_cstr(&stmt)))
			continue;
		/* The statement's own line: past the blank lines before it. */
		const char *s = text + start;
		int at = line;
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (*s == '\n')
				at++;
			s++;
		}
		S_run_statement(c, buf_cstr(&stmt), at, out, err);
		for (size_t k = start; k <= i; k++)
			line += text[k] == '\n';
		start = i + 1;
	}
	buf_free(&stmt);
}

/* ---------------------------------------------------------------- dot-commands */

static bool S_on_off(const char *word, bool *value)
{
	if (word && (strcmp(word, "on") == 0 || strcmp(word, "yes") == 0 || strcmp(word, "1") == 0))
		*value = true;
	else if (word &&
	         (strcmp(word, "off") == 0 || strcmp(word, "no") == 0 || strcmp(word, "0") == 0))
		*value = false;
	else
		return false;
	return true;
}

/* The tables and views, as the sqlite3 shell lists them: in columns. */
static void S_tables(struct console *c, struct buf *out, struct buf *err)
{
	struct sandbox_result r;
	struct error e = {0};
	if (sandbox_query(c->sb,
	                  "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')"
	                  " AND name NOT LIKE 'sqlite_%' ORDER BY name",
	                  &r, &e) != ST_OK) {
		S_error(c, c->line, e.message, err);
		return;
	}
	size_t w = 0;
	for (size_t i = 0; i < r.n_rows; i++)
		if (r.cells[i].len > w)
			w = r.cells[i].len;
	size_t per_line = (size_t)c->width / (w + 2);
	if (per_line < 1)
		per_line = 1;
	for (size_t i = 0; i < r.n_rows; i++) {
		bool last = (i + 1) % per_line == 0 || i + 1 == r.n_rows;
		if (last)
			buf_printf(out, "%s\n", r.cells[i].text);
		else
			buf_printf(out, "%-*s  ", (int)w, r.cells[i].text);
	}
	sandbox_result_free(&r);
}

static void S_schema(struct console *c, const char *table, struct buf *out, struct buf *err)
{
	struct sandbox_result r;
	struct error e = {0};
	struct buf q = {0};
	buf_puts(&q, "SELECT sql || ';' FROM sqlite_schema WHERE sql IS NOT NULL"
	             " AND name NOT LIKE 'sqlite_%'");
	if (table) {
		/* a quoted literal: the name as the learner typed it */
		buf_puts(&q, " AND lower(tbl_name) = lower('");
		for (const char *p = table; *p; p++) {
			if (*p == '\'')
				buf_putc(&q, '\'');
			buf_putc(&q, *p);
		}
		buf_puts(&q, "')");
	}
	buf_puts(&q, " ORDER BY tbl_name, type DESC, name");
	enum status st = sandbox_query(c->sb, buf_cstr(&q), &r, &e);
	buf_free(&q);
	if (st != ST_OK) {
		S_error(c, c->line, e.message, err);
		return;
	}
	for (size_t i = 0; i < r.n_rows; i++)
		buf_printf(out, "%s\n", r.cells[i].text ? r.cells[i].text : "");
	if (table && r.n_rows == 0) {
		struct buf m = {0};
		buf_printf(&m, "no table named %s (.tables lists them)", table);
		S_error(c, c->line, buf_cstr(&m), err);
		buf_free(&m);
	}
	sandbox_result_free(&r);
}

static void S_datasets(struct console *c, struct buf *out)
{
	size_t n;
	char **names = console_datasets(c->dataset_dir, &n);
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "%s%s\n", names[i],
		           c->dataset && strcmp(c->dataset, names[i]) == 0 ? "  (loaded)" : "");
	if (!n)
		buf_printf(out, "no datasets in %s\n", c->dataset_dir);
	paths_list_free(names, n);
}

static void S_dot(struct console *c, const char *line, struct buf *out, struct buf *err, bool *quit)
{
	/* The command word and up to two arguments. */
	char cmd[32] = "", a1[256] = "", a2[256] = "";
	int n = sscanf(line, ".%31s %255s %255s", cmd, a1, a2);
	struct error e = {0};
	bool flag;
	if (strcmp(cmd, "plan") == 0) {
		/* The rest of the line is the query, spaces and all. */
		const char *q = line + 5;
		while (*q == ' ' || *q == '\t')
			q++;
		if (!*q)
			S_error(c, c->line, "which query? .plan SELECT ...", err);
		else if (plan_draw(c->sb, q, out, &e) != ST_OK)
			S_error(c, c->line, e.message, err);
	} else if (strcmp(cmd, "er") == 0 && n == 1) {
		struct schema schema;
		if (schema_read(c->sb, &schema, &e) != ST_OK) {
			S_error(c, c->line, e.message, err);
		} else {
			if (schema.n_tables)
				er_draw(&schema, c->width, out);
			else
				buf_puts(out,
				         "no tables yet: CREATE TABLE one, or .load a dataset\n");
			schema_free(&schema);
		}
	} else if (strcmp(cmd, "help") == 0) {
		buf_puts(out, S_help);
	} else if (strcmp(cmd, "quit") == 0 || strcmp(cmd, "exit") == 0) {
		if (quit)
			*quit = true;
	} else if (strcmp(cmd, "tables") == 0) {
		S_tables(c, out, err);
	} else if (strcmp(cmd, "schema") == 0) {
		S_schema(c, n >= 2 ? a1 : NULL, out, err);
	} else if (strcmp(cmd, "datasets") == 0) {
		S_datasets(c, out);
	} else if (strcmp(cmd, "load") == 0 && n == 2) {
		if (S_fresh(c, a1, &e) != ST_OK)
			S_error(c, c->line, e.message, err);
		else
			buf_printf(out, "loaded %s\n", a1);
	} else if (strcmp(cmd, "reset") == 0 && n == 1) {
		if (S_fresh(c, c->dataset, &e) != ST_OK)
			S_error(c, c->line, e.message, err);
		else
			buf_printf(out, "started again on %s\n",
			           c->dataset ? c->dataset : "an empty database");
	} else if (strcmp(cmd, "mode") == 0 && n == 2) {
		if (strcmp(a1, "box") == 0)
			c->mode = CONSOLE_BOX;
		else if (strcmp(a1, "csv") == 0)
			c->mode = CONSOLE_CSV;
		else if (strcmp(a1, "line") == 0)
			c->mode = CONSOLE_LINE;
		else if (strcmp(a1, "list") == 0)
			c->mode = CONSOLE_LIST;
		else
			S_error(c, c->line, "modes are box, csv, line and list", err);
	} else if (strcmp(cmd, "timer") == 0 && n == 2 && S_on_off(a1, &flag)) {
		c->timer = flag;
	} else if ((strcmp(cmd, "headers") == 0 || strcmp(cmd, "header") == 0) && n == 2 &&
	           S_on_off(a1, &flag)) {
		c->headers = flag;
	} else {
		struct buf m = {0};
		buf_printf(&m, "unknown command or invalid arguments: \"%s\" (.help lists them)",
		           cmd);
		S_error(c, c->line, buf_cstr(&m), err);
		buf_free(&m);
	}
}

/* ---------------------------------------------------------------- input */

bool console_feed(struct console *c, const char *line, struct buf *out, struct buf *err, bool *quit)
{
	c->line++;
	if (c->pending.len == 0) {
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '.') {
			S_dot(c, p, out, err, quit);
			return false;
		}
		if (!*p)
			return false;
		c->pending_line = c->line;
	}
	buf_puts(&c->pending, line);
	buf_putc(&c->pending, '\n');
	if (!sqlite3_complete(buf_cstr(&c->pending)))
		return true;
	S_run_text(c, buf_cstr(&c->pending), c->pending_line, out, err);
	buf_reset(&c->pending);
	return false;
}

void console_finish(struct console *c, struct buf *out, struct buf *err)
{
	if (!c->pending.len)
		return;
	/* What is left lacks its final ';': run it as the shell does. */
	buf_putc(&c->pending, ';');
	if (sqlite3_complete(buf_cstr(&c->pending)))
		S_run_text(c, buf_cstr(&c->pending), c->pending_line, out, err);
	else
		S_error(c, c->pending_line,
		        "incomplete SQL: an unclosed string, comment or trigger", err);
	buf_reset(&c->pending);
}
