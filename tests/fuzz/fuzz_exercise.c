/* libFuzzer target: the exercise format's parsers on arbitrary bytes.
 *
 * The input is exercise.md, then a NUL byte, then check.sql; without a NUL
 * byte both parsers read the whole input. Checks the parsers' promises,
 * not just the absence of crashes:
 * - the count returned is the number of errors added; every diagnostic
 *   names the file, points at a line of the input and a column >= 1, and
 *   its message is one line of valid UTF-8 without control characters;
 * - a course section list only ever adds warnings (one at most);
 * - an exercise without errors has a title, a section number, the kind
 *   and needs_python agreeing, instructions and at least one hint, all
 *   non-empty valid UTF-8 (newlines and tabs only); with errors it is
 *   left zeroed;
 * - checks without errors are at least one, each with a message and
 *   either SQL ending in a query or an expect and a got query; with
 *   errors there are none;
 * - the statement splitter moves forward, its statements are non-empty,
 *   in order, do not overlap and their line numbers never go back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "sandbox/exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void S_check_text(const char *s, bool one_line)
{
	if (!s)
		abort();
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			abort();
		if ((cp < 0x20 && !(cp == '\t' || (cp == '\n' && !one_line))) || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F))
			abort();
		i += k;
	}
}

static size_t S_lines(const char *s, size_t n)
{
	size_t lines = 1;
	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines;
}

static void S_check_report(const struct exercise_report *r, const char *path, size_t errors,
                           size_t lines)
{
	if (errors != r->n_errors || r->n_errors + r->n_warnings != r->n_diags)
		abort();
	for (size_t i = 0; i < r->n_diags; i++) {
		const struct exercise_diag *d = &r->diags[i];
		if (strcmp(d->path, path) != 0 || d->line < 1 || (size_t)d->line > lines ||
		    d->col < 1)
			abort();
		S_check_text(d->message, true);
		if (!*d->message)
			abort();
	}
	struct buf out = {0};
	exercise_report_format(r, &out);
	buf_free(&out);
}

static void S_check_nonempty(const char *s, bool one_line)
{
	S_check_text(s, one_line);
	if (!*s)
		abort();
}

static void S_check_exercise(const struct exercise *ex)
{
	S_check_nonempty(ex->title, true);
	S_check_nonempty(ex->section, true);
	for (const char *c = ex->section; *c; c++)
		if (!((*c >= '0' && *c <= '9') || *c == '.'))
			abort();
	if (ex->needs_python != (ex->kind != EXERCISE_SQL))
		abort();
	if (ex->dataset)
		S_check_nonempty(ex->dataset, true);
	S_check_nonempty(ex->instructions, false);
	if (ex->n_hints < 1 || !ex->hints)
		abort();
	for (size_t i = 0; i < ex->n_hints; i++)
		S_check_nonempty(ex->hints[i], false);
	if (ex->id || ex->dir || ex->starter_files || ex->checks || ex->setup_sql)
		abort();
}

static bool S_zeroed(const struct exercise *ex)
{
	return !ex->title && !ex->section && !ex->dataset && !ex->instructions && !ex->hints &&
	       !ex->n_hints;
}

static bool S_ends_in_query(const char *sql, bool exactly_one)
{
	size_t pos = 0, n = 0, len = strlen(sql);
	int line = 1;
	struct exercise_sql_stmt st, last = {0};
	while (exercise_sql_next(sql, len, &pos, &line, &st)) {
		last = st;
		n++;
	}
	return n >= 1 && (!exactly_one || n == 1) &&
	       exercise_sql_is_query(sql + last.start, last.end - last.start);
}

static void S_check_checks(const struct exercise_check *c, size_t n)
{
	if (n < 1 || !c)
		abort();
	for (size_t i = 0; i < n; i++) {
		S_check_nonempty(c[i].message, true);
		if (c[i].line < 1)
			abort();
		if (c[i].sql) {
			if (c[i].expect || c[i].got || !S_ends_in_query(c[i].sql, false))
				abort();
			S_check_text(c[i].sql, false);
		} else {
			if (!c[i].expect || !c[i].got || !S_ends_in_query(c[i].expect, true) ||
			    !S_ends_in_query(c[i].got, true))
				abort();
			S_check_text(c[i].expect, false);
			S_check_text(c[i].got, false);
		}
	}
}

static void S_check_split(const char *sql, size_t len)
{
	size_t pos = 0, prev_end = 0, count = 0;
	int line = 1, prev_line = 1;
	struct exercise_sql_stmt st;
	while (exercise_sql_next(sql, len, &pos, &line, &st)) {
		if (st.start >= st.end || st.end > len || st.start < prev_end || pos < st.end ||
		    pos > len || st.line < prev_line || line < st.line)
			abort();
		prev_end = st.end;
		prev_line = st.line;
		if (++count > len)
			abort(); /* no progress */
	}
	if (pos != len)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const sections[] = {"1.1", "5.4", "5.6", "5.6.2", "10.1"};
	const char *text = (const char *)data;
	const uint8_t *nul = memchr(data, 0, size);
	size_t md_len = nul ? (size_t)(nul - data) : size;
	const char *sql = nul ? text + md_len + 1 : text;
	size_t sql_len = nul ? size - md_len - 1 : size;

	struct exercise ex, ex2;
	struct exercise_report r = {0}, r2 = {0};
	size_t lines = S_lines(text, md_len);
	size_t errors = exercise_parse("ex.md", text, md_len, NULL, 0, &ex, &r);
	S_check_report(&r, "ex.md", errors, lines);
	if (r.n_warnings)
		abort(); /* without a course there is nothing to warn about */
	if (errors == 0)
		S_check_exercise(&ex);
	else if (!S_zeroed(&ex))
		abort();
	size_t errors2 = exercise_parse("ex.md", text, md_len, sections, 5, &ex2, &r2);
	S_check_report(&r2, "ex.md", errors2, lines);
	if (errors2 != errors || r2.n_warnings > 1)
		abort();
	exercise_free(&ex);
	exercise_free(&ex2);
	if (!S_zeroed(&ex))
		abort();
	exercise_report_clear(&r);
	exercise_report_clear(&r2);

	struct exercise_check *checks = NULL;
	size_t n_checks = 0;
	errors = exercise_parse_checks("check.sql", sql, sql_len, &checks, &n_checks, &r);
	S_check_report(&r, "check.sql", errors, S_lines(sql, sql_len));
	if (r.n_warnings)
		abort();
	if (errors == 0)
		S_check_checks(checks, n_checks);
	else if (checks || n_checks)
		abort();
	exercise_checks_free(checks, n_checks);
	exercise_report_clear(&r);

	S_check_split(sql, sql_len);
	return 0;
}
