/* libFuzzer target: the exam profile parser on arbitrary bytes.
 *
 * Checks the parser's promises, not just the absence of crashes: the count
 * it returns is the number of errors it added, every diagnostic points at
 * a line and column of the input and is valid UTF-8 without control
 * characters, a course section list only ever adds warnings, and a
 * profile without errors keeps its limits (questions 1..500, time and
 * grace within 24 h, pass 0..100, at least one row, weights > 0, strings
 * valid UTF-8) and is zeroed again by bank_profile_clear. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bank/profile.h"
#include "bank/question.h"
#include "core/buf.h"
#include "core/utf8.h"

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

static void S_check_report(const struct bank_report *r, size_t errors, size_t lines)
{
	if (errors != r->n_errors || r->n_errors + r->n_warnings != r->n_diags || r->n_skipped)
		abort();
	for (size_t i = 0; i < r->n_diags; i++) {
		const struct bank_diag *d = &r->diags[i];
		if (d->line < 1 || (size_t)d->line > lines || d->col < 1)
			abort();
		S_check_text(d->message, true);
	}
}

static void S_check_profile(const struct bank_profile *p)
{
	if (p->questions < 1 || p->questions > BANK_PROFILE_MAX_QUESTIONS)
		abort();
	if (p->time_limit < 0 || p->time_limit > BANK_PROFILE_MAX_SECONDS)
		abort();
	if (!(p->pass >= 0 && p->pass <= 100))
		abort();
	if ((p->timeout == BANK_PROFILE_GRACE) != (p->grace > 0) ||
	    p->grace > BANK_PROFILE_MAX_SECONDS)
		abort();
	if (p->n_rows < 1 || !p->rows)
		abort();
	for (size_t i = 0; i < p->n_rows; i++) {
		const struct bank_profile_row *row = &p->rows[i];
		if (!(row->weight > 0) || !isfinite(row->weight))
			abort();
		if ((row->from == BANK_PROFILE_SECTION) != (row->section != NULL))
			abort();
		if (row->from == BANK_PROFILE_CHAPTER && row->chapter < 1)
			abort();
		if (row->section)
			S_check_text(row->section, true);
		for (size_t j = 0; j < i; j++)
			if (p->rows[j].from == row->from && p->rows[j].chapter == row->chapter &&
			    (!row->section || strcmp(p->rows[j].section, row->section) == 0))
				abort(); /* a row given twice */
	}
	S_check_text(p->title, true);
	if (!*p->title)
		abort();
	S_check_text(p->description, false);
	S_check_text(p->id, true);
	S_check_text(p->path, true);
	if (p->bank && !bank_id_valid(p->bank))
		abort();
	struct buf b = {0};
	bank_profile_format_duration(p->time_limit, &b);
	S_check_text(buf_cstr(&b), true);
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const sections[] = {"1.1", "1.2", "5.6", "5.6.2", "10.1"};
	const char *text = (const char *)data;
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';

	struct bank_profile p, q;
	struct bank_report r, rs;
	bank_report_init(&r, "fuzz.md");
	size_t errors = bank_profile_parse("exams/fuzz.md", text, size, NULL, 0, &p, &r);
	S_check_report(&r, errors, lines);
	if (r.n_warnings > 1)
		abort(); /* without a course, only "timeout has no effect" */
	if (errors == 0)
		S_check_profile(&p);
	else if (p.title || p.rows || p.description || p.path)
		abort(); /* left zeroed */

	/* The course's sections add warnings, never errors. */
	bank_report_init(&rs, "fuzz.md");
	size_t errors_s = bank_profile_parse("exams/fuzz.md", text, size, sections, 5, &q, &rs);
	S_check_report(&rs, errors_s, lines);
	if (errors_s != errors || (errors == 0 && q.n_rows != p.n_rows))
		abort();

	struct buf out = {0};
	bank_report_format(&r, &out);
	bank_report_format(&rs, &out);
	buf_free(&out);
	bank_profile_clear(&p);
	bank_profile_clear(&q);
	if (p.rows || p.title || p.n_rows)
		abort();
	bank_report_clear(&r);
	bank_report_clear(&rs);
	return 0;
}
