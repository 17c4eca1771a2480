/* libFuzzer target: the GIFT importer on arbitrary bytes.
 *
 * Checks the importer's promises, not just the absence of crashes: the
 * count it returns is the number of errors it added, every diagnostic
 * points at a line of the input, every string it stores is valid UTF-8
 * without control characters (one-line fields without newlines), and
 * every question it appends passes bank_validate, except that two
 * studyterm comments may name the same id. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bank/gift.h"
#include "bank/question.h"
#include "core/buf.h"
#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void S_check_text(const char *s, bool one_line)
{
	if (!s)
		return;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			abort();
		if (cp < 0x20 && !(cp == '\t' || (cp == '\n' && !one_line)))
			abort();
		i += k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';

	struct bank b = {0};
	struct bank_report r;
	bank_report_init(&r, "fuzz.gift");
	size_t errors = bank_gift_parse(text, size, &b, &r);
	if (errors != r.n_errors)
		abort();
	for (size_t i = 0; i < r.n_diags; i++) {
		const struct bank_diag *d = &r.diags[i];
		if (d->line < 1 || (size_t)d->line > lines || d->col < 1)
			abort();
		S_check_text(d->message, false);
	}
	for (size_t i = 0; i < b.n_questions; i++) {
		const struct bank_question *q = &b.questions[i];
		if (!q->id || !q->title || !q->section || !q->stem || q->line < 1)
			abort();
		S_check_text(q->title, true);
		S_check_text(q->section, true);
		S_check_text(q->stem, false);
		S_check_text(q->explanation, false);
		for (size_t j = 0; j < q->n_choices; j++) {
			S_check_text(q->choices[j].text, true);
			S_check_text(q->choices[j].feedback, false);
		}
		for (size_t j = 0; j < q->n_numbers; j++)
			S_check_text(q->numbers[j].feedback, false);
		for (size_t j = 0; j < q->n_pairs; j++) {
			S_check_text(q->pairs[j].left, true);
			S_check_text(q->pairs[j].right, true);
		}
	}

	/* bank_validate compares every pair of ids and of options and warns
	 * once per repeated pair, so a bank with thousands of either costs
	 * seconds and gigabytes outside the importer: such banks are only
	 * parsed. */
	bool small = b.n_questions <= 500;
	for (size_t i = 0; i < b.n_questions; i++)
		small &= b.questions[i].n_choices <= 64 && b.questions[i].n_pairs <= 64;
	struct bank_report v;
	bank_report_init(&v, "fuzz.gift");
	if (small)
		bank_validate(&b, &v);
	for (size_t i = 0; i < v.n_diags; i++)
		if (v.diags[i].severity == BANK_ERROR &&
		    !strstr(v.diags[i].message, "already used"))
			abort();
	struct buf out = {0};
	bank_report_format(&r, &out);
	bank_report_format(&v, &out);
	buf_free(&out);
	bank_report_clear(&v);
	bank_report_clear(&r);
	bank_clear(&b);
	return 0;
}
