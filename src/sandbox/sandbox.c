/* sandbox: the hardened SQLite connection for learners' SQL (see sandbox.h). */
#include "sandbox/sandbox.h"

#include <inttypes.h>
#include <math.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/paths.h"
#include "core/utf8.h"
#include "core/xalloc.h"

struct sandbox {
	sqlite3 *db;
	int time_limit_ms;
	uint64_t deadline_ns; /* 0 while nothing runs */
	bool timed_out;       /* set by the progress handler when it stops a statement */
	atomic_int interrupted;
	bool trusted;      /* a dataset script is running: the authorizer stands aside */
	char refusal[200]; /* why the authorizer last said no, for the learner */
};

/* ---- opening and hardening ---- */

#define S_SQL_LENGTH 100000
#define S_VDBE_OP    100000

/* Limits for learner SQL: generous for coursework, small enough that no
 * single statement can build huge values or plans. */
static const struct {
	int id;
	int value;
} S_limits[] = {
    {SQLITE_LIMIT_LENGTH, 1000000},
    {SQLITE_LIMIT_SQL_LENGTH, S_SQL_LENGTH},
    {SQLITE_LIMIT_COLUMN, 200},
    {SQLITE_LIMIT_EXPR_DEPTH, 100},
    {SQLITE_LIMIT_COMPOUND_SELECT, 50},
    {SQLITE_LIMIT_VDBE_OP, S_VDBE_OP},
    {SQLITE_LIMIT_FUNCTION_ARG, 32},
    {SQLITE_LIMIT_ATTACHED, 0},
    {SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000},
    {SQLITE_LIMIT_VARIABLE_NUMBER, 100},
    {SQLITE_LIMIT_TRIGGER_DEPTH, 10},
    {SQLITE_LIMIT_WORKER_THREADS, 0},
};

/* Dataset scripts are written by instructors and may hold one long INSERT;
 * only the limits on statement size are raised while they run. */
#define S_TRUSTED_SQL_LENGTH 10000000
#define S_TRUSTED_VDBE_OP    10000000

static const struct {
	int op;
	int value;
} S_config[] = {
    {SQLITE_DBCONFIG_DEFENSIVE, 1},
    {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0},
    {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0},
    {SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0},
    {SQLITE_DBCONFIG_WRITABLE_SCHEMA, 0},
    {SQLITE_DBCONFIG_ENABLE_FKEY, 1},
};

/* Pragmas that only describe the schema or the connection; foreign_keys
 * may also be set, since exercises about constraints need to toggle it.
 * data_version only reads a counter, and FTS5 asks for it: without it a
 * learner could not create a full-text table. */
static const char *const S_allowed_pragmas[] = {
    "table_info",  "table_xinfo",  "foreign_key_list", "index_list",     "index_info",
    "index_xinfo", "foreign_keys", "database_list",    "collation_list", "function_list",
    "pragma_list", "table_list",   "data_version",
};

static int S_refuse(struct sandbox *sb, const char *what)
{
	snprintf(sb->refusal, sizeof sb->refusal, "%s is not allowed in the sandbox", what);
	return SQLITE_DENY;
}

static int S_authorize(void *arg, int action, const char *a1, const char *a2, const char *db_name,
                       const char *trigger)
{
	struct sandbox *sb = arg;
	(void)db_name;
	(void)trigger;
	if (sb->trusted)
		return SQLITE_OK;
	switch (action) {
	case SQLITE_ATTACH: return S_refuse(sb, "ATTACH");
	case SQLITE_DETACH: return S_refuse(sb, "DETACH");
	case SQLITE_PRAGMA:
		for (size_t i = 0; i < sizeof S_allowed_pragmas / sizeof *S_allowed_pragmas; i++)
			if (a1 && sqlite3_stricmp(a1, S_allowed_pragmas[i]) == 0)
				return SQLITE_OK;
		snprintf(sb->refusal, sizeof sb->refusal,
		         "PRAGMA %.60s is not allowed in the sandbox (only pragmas that describe "
		         "the schema, such as table_info, are)",
		         a1 ? a1 : "?");
		return SQLITE_DENY;
	case SQLITE_FUNCTION:
		/* fts3_tokenizer is compiled in on Debian and takes raw pointers. */
		if (a2 && sqlite3_stricmp(a2, "load_extension") == 0)
			return S_refuse(sb, "load_extension()");
		if (a2 && sqlite3_stricmp(a2, "fts3_tokenizer") == 0)
			return S_refuse(sb, "fts3_tokenizer()");
		return SQLITE_OK;
	default: return SQLITE_OK;
	}
}

static int S_progress(void *arg)
{
	struct sandbox *sb = arg;
	if (atomic_load(&sb->interrupted))
		return 1;
	if (sb->deadline_ns && clock_monotonic_ns() >= sb->deadline_ns) {
		sb->timed_out = true;
		return 1;
	}
	return 0;
}

static void S_set_statement_limits(struct sandbox *sb, bool trusted)
{
	sqlite3_limit(sb->db, SQLITE_LIMIT_SQL_LENGTH,
	              trusted ? S_TRUSTED_SQL_LENGTH : S_SQL_LENGTH);
	sqlite3_limit(sb->db, SQLITE_LIMIT_VDBE_OP, trusted ? S_TRUSTED_VDBE_OP : S_VDBE_OP);
}

static enum status S_harden(struct sandbox *sb, const char *where, struct error *err)
{
	for (size_t i = 0; i < sizeof S_config / sizeof *S_config; i++) {
		int now = -1;
		if (sqlite3_db_config(sb->db, S_config[i].op, S_config[i].value, &now) !=
		        SQLITE_OK ||
		    now != S_config[i].value)
			return error_set(err, ST_DB, where,
			                 "cannot harden the sandbox (SQLite %s lacks option %d)",
			                 sqlite3_libversion(), S_config[i].op);
	}
	for (size_t i = 0; i < sizeof S_limits / sizeof *S_limits; i++)
		sqlite3_limit(sb->db, S_limits[i].id, S_limits[i].value);
	char pages[128];
	snprintf(pages, sizeof pages,
	         "PRAGMA main.max_page_count=%d; PRAGMA temp.max_page_count=%d;", SANDBOX_MAX_PAGES,
	         SANDBOX_MAX_PAGES);
	char *msg = NULL;
	if (sqlite3_exec(sb->db, pages, NULL, NULL, &msg) != SQLITE_OK) {
		error_set(err, ST_DB, where, "cannot limit the sandbox size: %s",
		          msg ? msg : sqlite3_errmsg(sb->db));
		sqlite3_free(msg);
		return ST_DB;
	}
	sqlite3_progress_handler(sb->db, 1000, S_progress, sb);
	sqlite3_set_authorizer(sb->db, S_authorize, sb);
	return ST_OK;
}

static enum status S_open(const char *path, const char *where, struct sandbox **out,
                          struct error *err)
{
	*out = NULL;
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		error_set(err, ST_DB, where, "cannot open database: %s",
		          db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return ST_DB;
	}
	struct sandbox *sb = xcalloc(1, sizeof *sb);
	sb->db = db;
	sb->time_limit_ms = SANDBOX_DEFAULT_TIME_LIMIT_MS;
	atomic_init(&sb->interrupted, 0);
	sqlite3_busy_timeout(db, 1000);
	if (S_harden(sb, where, err) != ST_OK) {
		sandbox_close(sb);
		return ST_DB;
	}
	*out = sb;
	return ST_OK;
}

enum status sandbox_open_memory(struct sandbox **out, struct error *err)
{
	return S_open(":memory:", "", out, err);
}

enum status sandbox_open_file(const char *path, struct sandbox **out, struct error *err)
{
	return S_open(path, path, out, err);
}

void sandbox_close(struct sandbox *sb)
{
	if (!sb)
		return;
	sqlite3_close(sb->db);
	free(sb);
}

void sandbox_set_time_limit_ms(struct sandbox *sb, int ms)
{
	sb->time_limit_ms = ms > 0 ? ms : SANDBOX_DEFAULT_TIME_LIMIT_MS;
}

void sandbox_interrupt(struct sandbox *sb)
{
	if (!sb)
		return;
	atomic_store(&sb->interrupted, 1);
	sqlite3_interrupt(sb->db);
}

/* ---- running statements ---- */

/* Skips blanks, SQL comments and empty statements so a statement's first
 * keyword and first line can be found. SQLite's parser passes over a lone
 * ';' as well, so stopping at one would let ";VACUUM INTO 'f'" hide its
 * keyword from the check in sandbox_query. */
static const char *S_skip_blank(const char *p)
{
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
		       *p == '\v' || *p == ';')
			p++;
		if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			p = end ? end + 2 : p + strlen(p);
		} else {
			return p;
		}
	}
}

static bool S_starts_with_keyword(const char *p, const char *word)
{
	size_t n = strlen(word);
	if (sqlite3_strnicmp(p, word, (int)n) != 0)
		return false;
	unsigned char next = (unsigned char)p[n];
	return !(next == '_' || next >= 0x80 || (next >= '0' && next <= '9') ||
	         ((next | 0x20) >= 'a' && (next | 0x20) <= 'z'));
}

static void S_start_clock(struct sandbox *sb)
{
	sb->timed_out = false;
	sb->deadline_ns = clock_monotonic_ns() + (uint64_t)sb->time_limit_ms * 1000000u;
}

/* "5", "0.2", "1.25": written by hand because printf's %g follows the
 * locale's decimal point, and the TUI sets the locale from the
 * environment. */
static void S_describe_time_out(int ms, char *msg, size_t size)
{
	char frac[8] = "";
	if (ms % 1000) {
		snprintf(frac, sizeof frac, ".%03d", ms % 1000);
		size_t n = strlen(frac);
		while (frac[n - 1] == '0')
			frac[--n] = '\0';
	}
	snprintf(msg, size, "query took longer than %d%s s (stopped)", ms / 1000, frac);
}

/* The learner-facing sentence for a failed prepare or step. */
static void S_describe_failure(struct sandbox *sb, int rc, char *msg, size_t size)
{
	if (sb->refusal[0])
		snprintf(msg, size, "%s", sb->refusal);
	else if ((rc & 0xff) == SQLITE_INTERRUPT && sb->timed_out)
		S_describe_time_out(sb->time_limit_ms, msg, size);
	else if ((rc & 0xff) == SQLITE_INTERRUPT)
		snprintf(msg, size, "query interrupted");
	else
		snprintf(msg, size, "%s", sqlite3_errmsg(sb->db));
}

/* Failures of the database rather than of the SQL written. */
static bool S_is_db_failure(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_IOERR:
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_CANTOPEN:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_READONLY:
	case SQLITE_PERM: return true;
	default: return false;
	}
}

static enum status S_learner_failure(struct sandbox *sb, int rc, struct error *err)
{
	char msg[sizeof err->message];
	S_describe_failure(sb, rc, msg, sizeof msg);
	return error_set(err, S_is_db_failure(rc) ? ST_DB : ST_INVALID, "", "%s", msg);
}

static size_t S_line_at(const char *text, const char *at)
{
	size_t line = 1;
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

enum status sandbox_load_script(struct sandbox *sb, const char *sql, const char *where,
                                struct error *err)
{
	enum status st = ST_OK;
	const char *p = sql ? sql : "";
	const char *counted = p;
	size_t line = 1;
	sb->trusted = true;
	S_set_statement_limits(sb, true);
	atomic_store(&sb->interrupted, 0);
	for (;;) {
		const char *start = S_skip_blank(p);
		if (!*start)
			break;
		line += S_line_at(counted, start) - 1;
		counted = start;
		char at[sizeof err->where];
		snprintf(at, sizeof at, "%s:%zu", where ? where : "-", line);
		sqlite3_stmt *stmt = NULL;
		const char *tail = NULL;
		sb->refusal[0] = '\0';
		S_start_clock(sb);
		int rc = sqlite3_prepare_v2(sb->db, start, -1, &stmt, &tail);
		if (rc == SQLITE_OK && stmt) {
			while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
				;
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
		if (rc != SQLITE_OK) {
			char msg[sizeof err->message];
			S_describe_failure(sb, rc, msg, sizeof msg);
			st = error_set(err, ST_DB, at, "%s", msg);
			sqlite3_finalize(stmt);
			break;
		}
		sqlite3_finalize(stmt);
		if (!tail || tail == start)
			break;
		p = tail;
	}
	sb->deadline_ns = 0;
	S_set_statement_limits(sb, false);
	sb->trusted = false;
	return st;
}

static bool S_dataset_name_ok(const char *name)
{
	if (!name || !*name || name[0] == '.' || strstr(name, ".."))
		return false;
	for (const char *p = name; *p; p++) {
		char c = *p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		          (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
		if (!ok)
			return false;
	}
	return true;
}

enum status sandbox_load_dataset(struct sandbox *sb, const char *dataset_dir, const char *name,
                                 struct error *err)
{
	if (!S_dataset_name_ok(name))
		return error_set(err, ST_INVALID, "",
		                 "dataset name '%.100s' is not a plain file name (letters, digits, "
		                 "'.', '_' and '-')",
		                 name ? name : "");
	if (!dataset_dir || !*dataset_dir)
		return error_set(err, ST_INVALID, "", "no dataset directory to load '%s' from",
		                 name);
	struct buf file = {0};
	buf_printf(&file, "%s.sql", name);
	char *path = paths_join(dataset_dir, buf_cstr(&file));
	buf_free(&file);
	char *text = NULL;
	enum status st = paths_read_file(path, &text, NULL, err);
	if (st == ST_NOT_FOUND)
		error_set(err, ST_NOT_FOUND, path, "no dataset named '%s'", name);
	if (st == ST_OK)
		st = sandbox_load_script(sb, text, path, err);
	free(text);
	free(path);
	return st;
}

/* ---- collecting results ---- */

static void S_copy_value(sqlite3_stmt *stmt, int col, struct sandbox_value *v)
{
	memset(v, 0, sizeof *v);
	switch (sqlite3_column_type(stmt, col)) {
	case SQLITE_INTEGER:
		v->type = SANDBOX_INT;
		v->i = sqlite3_column_int64(stmt, col);
		break;
	case SQLITE_FLOAT:
		v->type = SANDBOX_REAL;
		v->r = sqlite3_column_double(stmt, col);
		break;
	case SQLITE_TEXT:
	case SQLITE_BLOB: {
		bool is_text = sqlite3_column_type(stmt, col) == SQLITE_TEXT;
		const void *bytes = is_text ? (const void *)sqlite3_column_text(stmt, col)
		                            : sqlite3_column_blob(stmt, col);
		size_t len = bytes ? (size_t)sqlite3_column_bytes(stmt, col) : 0;
		v->type = is_text ? SANDBOX_TEXT : SANDBOX_BLOB;
		v->text = xmalloc(len + 1);
		if (len)
			memcpy(v->text, bytes, len);
		v->text[len] = '\0';
		v->len = len;
		break;
	}
	default: v->type = SANDBOX_NULL; break;
	}
}

/* Not an SQLite code: the result reached SANDBOX_MAX_ROWS or _BYTES. */
#define S_RESULT_TOO_BIG (-1)

/* Steps stmt to the end, keeping its rows in *rows when rows is not NULL.
 * Returns an SQLite code or S_RESULT_TOO_BIG. */
static int S_collect(sqlite3_stmt *stmt, struct sandbox_result *rows)
{
	size_t cap = 0, bytes = 0;
	int rc;
	if (rows) {
		rows->n_cols = (size_t)sqlite3_column_count(stmt);
		rows->names = xcalloc(rows->n_cols, sizeof *rows->names);
		for (size_t c = 0; c < rows->n_cols; c++) {
			const char *name = sqlite3_column_name(stmt, (int)c);
			rows->names[c] = xstrdup(name ? name : "?");
		}
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (!rows)
			continue;
		if (rows->n_rows >= SANDBOX_MAX_ROWS)
			return S_RESULT_TOO_BIG;
		size_t need = (rows->n_rows + 1) * rows->n_cols;
		xgrow((void **)&rows->cells, &cap, need, sizeof *rows->cells);
		for (size_t c = 0; c < rows->n_cols; c++) {
			struct sandbox_value *v = &rows->cells[rows->n_rows * rows->n_cols + c];
			S_copy_value(stmt, (int)c, v);
			bytes += v->len + sizeof *v;
		}
		rows->n_rows++;
		if (bytes > SANDBOX_MAX_BYTES)
			return S_RESULT_TOO_BIG;
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

void sandbox_result_free(struct sandbox_result *r)
{
	if (!r)
		return;
	for (size_t c = 0; c < r->n_cols; c++)
		free(r->names ? r->names[c] : NULL);
	free(r->names);
	for (size_t i = 0; i < r->n_rows * r->n_cols; i++)
		free(r->cells[i].text);
	free(r->cells);
	memset(r, 0, sizeof *r);
}

enum status sandbox_query(struct sandbox *sb, const char *sql, struct sandbox_result *out,
                          struct error *err)
{
	enum status st = ST_OK;
	const char *p = sql ? sql : "";
	memset(out, 0, sizeof *out);
	atomic_store(&sb->interrupted, 0);
	S_start_clock(sb);
	for (;;) {
		const char *start = S_skip_blank(p);
		if (!*start)
			break;
		if (atomic_load(&sb->interrupted)) {
			st = error_set(err, ST_INVALID, "", "query interrupted");
			break;
		}
		/* VACUUM has no authorizer action; VACUUM INTO would write any file. */
		if (S_starts_with_keyword(start, "VACUUM")) {
			st = error_set(err, ST_INVALID, "", "VACUUM is not allowed in the sandbox");
			break;
		}
		sqlite3_stmt *stmt = NULL;
		const char *tail = NULL;
		sb->refusal[0] = '\0';
		int rc = sqlite3_prepare_v2(sb->db, start, -1, &stmt, &tail);
		if ((rc & 0xff) == SQLITE_TOOBIG) {
			/* SQLite says "string or blob too big" for a long statement. */
			st = error_set(err, ST_INVALID, "",
			               "statement too long (the sandbox takes at most %d bytes)",
			               sqlite3_limit(sb->db, SQLITE_LIMIT_SQL_LENGTH, -1));
			break;
		}
		if (rc != SQLITE_OK) {
			st = S_learner_failure(sb, rc, err);
			break;
		}
		if (stmt) {
			bool has_rows = sqlite3_column_count(stmt) > 0;
			struct sandbox_result rows = {0};
			rc = S_collect(stmt, has_rows ? &rows : NULL);
			if (rc == S_RESULT_TOO_BIG) {
				st = error_set(
				    err, ST_INVALID, "",
				    "query returned more than %d rows or %u MB (stopped)",
				    SANDBOX_MAX_ROWS, SANDBOX_MAX_BYTES / (1024u * 1024u));
			} else if (rc != SQLITE_OK) {
				st = S_learner_failure(sb, rc, err);
			}
			sqlite3_finalize(stmt);
			if (st != ST_OK) {
				sandbox_result_free(&rows);
				break;
			}
			if (has_rows) {
				sandbox_result_free(out);
				*out = rows;
			}
		}
		if (!tail || tail == start)
			break;
		p = tail;
	}
	sb->deadline_ns = 0;
	if (st != ST_OK)
		sandbox_result_free(out);
	return st;
}

/* ---- showing values ---- */

/* Appends len bytes of s with control characters made visible and
 * malformed UTF-8 replaced, stopping before max_cols columns would be
 * passed (then "…" ends the text). */
static void S_put_visible(struct buf *out, const char *s, size_t len, size_t max_cols)
{
	struct buf clean = {0};
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		if (cp == '\n')
			buf_puts(&clean, "↵");
		else if (cp == '\t')
			buf_putc(&clean, ' ');
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			buf_puts(&clean, "\xef\xbf\xbd");
		else {
			char enc[4];
			buf_append(&clean, enc, utf8_encode(cp, enc));
		}
	}
	if (utf8_width(buf_cstr(&clean), clean.len) <= max_cols) {
		buf_append(out, buf_cstr(&clean), clean.len);
	} else {
		size_t keep = utf8_prefix_fitting(buf_cstr(&clean), clean.len, max_cols - 1, NULL);
		buf_append(out, buf_cstr(&clean), keep);
		buf_puts(out, "…");
	}
	buf_free(&clean);
}

static void S_put_value(struct buf *out, const struct sandbox_value *v, size_t max_cols)
{
	char num[64];
	switch (v->type) {
	case SANDBOX_NULL: buf_puts(out, "NULL"); break;
	case SANDBOX_INT: buf_printf(out, "%" PRId64, v->i); break;
	case SANDBOX_REAL:
		/* "%!.15g" keeps a ".0" on whole reals, so 2.0 and 2 look different. */
		sqlite3_snprintf(sizeof num, num, "%!.15g", v->r);
		buf_puts(out, num);
		break;
	case SANDBOX_TEXT:
		if (v->len == 4 && memcmp(v->text, "NULL", 4) == 0)
			buf_puts(out, "'NULL'");
		else
			S_put_visible(out, v->text, v->len, max_cols);
		break;
	case SANDBOX_BLOB: {
		size_t shown = v->len < 16 ? v->len : 16;
		buf_puts(out, "x'");
		for (size_t i = 0; i < shown; i++)
			buf_printf(out, "%02x", (unsigned char)v->text[i]);
		buf_puts(out, shown < v->len ? "…'" : "'");
		break;
	}
	}
}

#define S_MAX_CELL_COLS 40

static void S_rule(struct buf *out, const size_t *widths, size_t n, const char *left,
                   const char *mid, const char *right)
{
	buf_puts(out, left);
	for (size_t c = 0; c < n; c++) {
		if (c)
			buf_puts(out, mid);
		buf_repeat(out, "─", widths[c] + 2);
	}
	buf_puts(out, right);
	buf_putc(out, '\n');
}

static void S_row(struct buf *out, char *const *texts, const bool *right_align,
                  const size_t *widths, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		size_t w = utf8_width(texts[c], strlen(texts[c]));
		size_t pad = widths[c] > w ? widths[c] - w : 0;
		buf_puts(out, "│ ");
		if (right_align && right_align[c])
			buf_repeat(out, " ", pad);
		buf_puts(out, texts[c]);
		if (!(right_align && right_align[c]))
			buf_repeat(out, " ", pad);
		buf_putc(out, ' ');
	}
	buf_puts(out, "│\n");
}

void sandbox_result_format(const struct sandbox_result *r, size_t max_rows, struct buf *out)
{
	size_t shown = r->n_rows < max_rows ? r->n_rows : max_rows;
	if (r->n_cols > 0) {
		size_t nc = r->n_cols;
		char **texts = xcalloc((shown + 1) * nc, sizeof *texts);
		bool *right = xcalloc(shown * nc + 1, sizeof *right);
		size_t *widths = xcalloc(nc, sizeof *widths);
		for (size_t c = 0; c < nc; c++) {
			struct buf b = {0};
			S_put_visible(&b, r->names[c], strlen(r->names[c]), S_MAX_CELL_COLS);
			texts[c] = buf_detach(&b);
		}
		for (size_t i = 0; i < shown; i++) {
			for (size_t c = 0; c < nc; c++) {
				const struct sandbox_value *v = &r->cells[i * nc + c];
				struct buf b = {0};
				S_put_value(&b, v, S_MAX_CELL_COLS);
				texts[(i + 1) * nc + c] = buf_detach(&b);
				right[i * nc + c] =
				    v->type == SANDBOX_INT || v->type == SANDBOX_REAL;
			}
		}
		for (size_t k = 0; k < (shown + 1) * nc; k++) {
			size_t w = utf8_width(texts[k], strlen(texts[k]));
			if (w > widths[k % nc])
				widths[k % nc] = w;
		}
		S_rule(out, widths, nc, "┌", "┬", "┐");
		S_row(out, texts, NULL, widths, nc);
		if (shown > 0)
			S_rule(out, widths, nc, "├", "┼", "┤");
		for (size_t i = 0; i < shown; i++)
			S_row(out, texts + (i + 1) * nc, right + i * nc, widths, nc);
		S_rule(out, widths, nc, "└", "┴", "┘");
		for (size_t k = 0; k < (shown + 1) * nc; k++)
			free(texts[k]);
		free(texts);
		free(right);
		free(widths);
	}
	if (r->n_rows == 0)
		buf_puts(out, "(no rows)\n");
	else if (shown < r->n_rows)
		buf_printf(out, "… %zu more row%s\n", r->n_rows - shown,
		           r->n_rows - shown == 1 ? "" : "s");
}

/* ---- comparing results ---- */

static int S_class(enum sandbox_type t)
{
	switch (t) {
	case SANDBOX_NULL: return 0;
	case SANDBOX_INT:
	case SANDBOX_REAL: return 1;
	case SANDBOX_TEXT: return 2;
	case SANDBOX_BLOB: return 3;
	}
	return 4;
}

/* Exact comparison of an integer with a real, without the rounding that
 * converting a large integer to double would bring. */
static int S_cmp_int_real(int64_t i, double r)
{
	if (r >= 9223372036854775808.0)
		return -1;
	if (r < -9223372036854775808.0)
		return 1;
	double floor_r = floor(r);
	int64_t f = (int64_t)floor_r;
	if (i != f)
		return i < f ? -1 : 1;
	return r > floor_r ? -1 : 0;
}

/* A total order (as SQLite sorts: NULL, numbers, text, blobs) used to
 * line up the rows of both results. */
static int S_value_cmp(const struct sandbox_value *a, const struct sandbox_value *b)
{
	int ca = S_class(a->type), cb = S_class(b->type);
	if (ca != cb)
		return ca < cb ? -1 : 1;
	if (ca == 0)
		return 0;
	if (ca == 1) {
		if (a->type == SANDBOX_INT && b->type == SANDBOX_INT)
			return (a->i > b->i) - (a->i < b->i);
		if (a->type == SANDBOX_INT)
			return S_cmp_int_real(a->i, b->r);
		if (b->type == SANDBOX_INT)
			return -S_cmp_int_real(b->i, a->r);
		return (a->r > b->r) - (a->r < b->r);
	}
	size_t n = a->len < b->len ? a->len : b->len;
	int c = n ? memcmp(a->text, b->text, n) : 0;
	if (c)
		return c < 0 ? -1 : 1;
	return (a->len > b->len) - (a->len < b->len);
}

static double S_as_double(const struct sandbox_value *v)
{
	return v->type == SANDBOX_INT ? (double)v->i : v->r;
}

/* Equality as graded: exact, except that reals may differ in their last
 * few bits (an average computed two ways). */
static bool S_value_same(const struct sandbox_value *a, const struct sandbox_value *b)
{
	if (S_value_cmp(a, b) == 0)
		return true;
	if (S_class(a->type) != 1 || S_class(b->type) != 1 ||
	    (a->type == SANDBOX_INT && b->type == SANDBOX_INT))
		return false;
	double x = S_as_double(a), y = S_as_double(b);
	double scale = fmax(fabs(x), fabs(y));
	return fabs(x - y) <= 1e-12 * scale;
}

static const struct sandbox_value *S_row_at(const struct sandbox_result *r, size_t row)
{
	return &r->cells[row * r->n_cols];
}

static int S_row_cmp(const struct sandbox_result *ra, size_t a, const struct sandbox_result *rb,
                     size_t b)
{
	const struct sandbox_value *x = S_row_at(ra, a), *y = S_row_at(rb, b);
	for (size_t c = 0; c < ra->n_cols; c++) {
		int d = S_value_cmp(&x[c], &y[c]);
		if (d)
			return d;
	}
	return 0;
}

static bool S_row_same(const struct sandbox_result *ra, size_t a, const struct sandbox_result *rb,
                       size_t b)
{
	const struct sandbox_value *x = S_row_at(ra, a), *y = S_row_at(rb, b);
	for (size_t c = 0; c < ra->n_cols; c++)
		if (!S_value_same(&x[c], &y[c]))
			return false;
	return true;
}

/* Row indices of r in sorted order. A merge sort, because qsort cannot
 * carry the result it compares and the order must be stable. */
static size_t *S_sorted_rows(const struct sandbox_result *r)
{
	size_t n = r->n_rows;
	size_t *idx = xcalloc(n + 1, sizeof *idx);
	size_t *tmp = xcalloc(n + 1, sizeof *tmp);
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] =
				    S_row_cmp(r, idx[j], r, idx[i]) < 0 ? idx[j++] : idx[i++];
			while (i < mid)
				tmp[k++] = idx[i++];
			while (j < hi)
				tmp[k++] = idx[j++];
		}
		size_t *swap = idx;
		idx = tmp;
		tmp = swap;
	}
	free(tmp);
	return idx;
}

static void S_put_row(struct buf *out, const struct sandbox_result *r, size_t row)
{
	const struct sandbox_value *v = S_row_at(r, row);
	for (size_t c = 0; c < r->n_cols; c++) {
		if (c)
			buf_puts(out, ", ");
		S_put_value(out, &v[c], 30);
	}
}

static const char *S_type_words(enum sandbox_type t)
{
	switch (t) {
	case SANDBOX_NULL: return "NULL";
	case SANDBOX_INT:
	case SANDBOX_REAL: return "a number";
	case SANDBOX_TEXT: return "text";
	case SANDBOX_BLOB: return "a blob";
	}
	return "?";
}

/* Appends "expected (...), got (...)" for one row of each result, and
 * the type that differs when the two rows print alike ('2' and 2). */
static void S_explain_pair(struct buf *why, const struct sandbox_result *want, size_t w,
                           const struct sandbox_result *got, size_t g)
{
	struct buf expected = {0}, actual = {0};
	S_put_row(&expected, want, w);
	S_put_row(&actual, got, g);
	buf_printf(why, "expected (%s), got (%s)", buf_cstr(&expected), buf_cstr(&actual));
	if (strcmp(buf_cstr(&expected), buf_cstr(&actual)) == 0) {
		const struct sandbox_value *x = S_row_at(want, w), *y = S_row_at(got, g);
		for (size_t c = 0; c < want->n_cols; c++)
			if (!S_value_same(&x[c], &y[c])) {
				buf_printf(why, " (column %zu is %s, expected %s)", c + 1,
				           S_type_words(y[c].type), S_type_words(x[c].type));
				break;
			}
	}
	buf_free(&expected);
	buf_free(&actual);
}

bool sandbox_result_equal(const struct sandbox_result *got, const struct sandbox_result *want,
                          bool ordered, struct buf *why)
{
	if (got->n_cols != want->n_cols) {
		if (why && got->n_cols == 0)
			buf_printf(
			    why,
			    "your query returns no result; the expected result has %zu column%s",
			    want->n_cols, want->n_cols == 1 ? "" : "s");
		else if (why)
			buf_printf(why,
			           "your query returns %zu column%s; the expected result has %zu",
			           got->n_cols, got->n_cols == 1 ? "" : "s", want->n_cols);
		return false;
	}
	if (got->n_rows != want->n_rows) {
		if (why)
			buf_printf(why,
			           "your query returned %zu row%s; the expected result has %zu",
			           got->n_rows, got->n_rows == 1 ? "" : "s", want->n_rows);
		return false;
	}
	size_t n = got->n_rows;
	if (n == 0 || got->n_cols == 0)
		return true;
	size_t *gs = S_sorted_rows(got), *ws = S_sorted_rows(want);
	bool *got_extra = xcalloc(n, sizeof *got_extra);
	bool *want_missing = xcalloc(n, sizeof *want_missing);
	size_t i = 0, j = 0, n_extra = 0;
	while (i < n && j < n) {
		if (S_row_same(want, ws[i], got, gs[j])) {
			i++;
			j++;
		} else if (S_row_cmp(want, ws[i], got, gs[j]) < 0) {
			want_missing[ws[i++]] = true;
		} else {
			got_extra[gs[j++]] = true;
			n_extra++;
		}
	}
	for (; i < n; i++)
		want_missing[ws[i]] = true;
	for (; j < n; j++, n_extra++)
		got_extra[gs[j]] = true;
	bool equal = n_extra == 0;
	if (ordered) {
		size_t first = n;
		for (size_t k = 0; k < n && first == n; k++)
			if (!S_row_same(want, k, got, k))
				first = k;
		if (first < n && why) {
			if (equal)
				buf_puts(why, "the rows match but are in a different order");
			else {
				buf_printf(why, "row %zu differs: ", first + 1);
				S_explain_pair(why, want, first, got, first);
			}
		}
		equal = first == n;
	} else if (!equal && why) {
		size_t g = 0, w = 0;
		while (!got_extra[g])
			g++;
		while (!want_missing[w])
			w++;
		if (n_extra == 1)
			buf_printf(why, "row %zu differs: ", g + 1);
		else
			buf_printf(why, "%zu rows differ; the first is row %zu: ", n_extra, g + 1);
		S_explain_pair(why, want, w, got, g);
	}
	free(gs);
	free(ws);
	free(got_extra);
	free(want_missing);
	return equal;
}
