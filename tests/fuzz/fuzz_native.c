/* libFuzzer target: the native bank parser on arbitrary bytes.
 *
 * Beyond not crashing, checks the parser's promises: every diagnostic has a
 * message and a line inside the file, and a bank that parses and validates
 * without errors survives the Markdown exporter: its export parses again,
 * without errors, into as many questions with the same ids and types; and
 * the file read one question at a time (as the parser does) gives exactly
 * what it gives read as one Markdown document. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bank/export.h"
#include "bank/native.h"
#include "core/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t S_lines(const uint8_t *data, size_t size)
{
	size_t n = 1;
	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	return n;
}

/* Diagnostics, spans and each question's Markdown: equal for equal parses. */
static void S_describe(const struct bank *b, const struct bank_report *rep,
                       const struct bank_span *spans, size_t errors, struct buf *out)
{
	buf_printf(out, "%zu %s\n", errors, b->title ? b->title : "-");
	bank_report_format(rep, out);
	for (size_t i = 0; i < b->n_questions; i++) {
		buf_printf(out, "[%zu %zu %d %d]\n", errors ? 0 : spans[i].start,
		           errors ? 0 : spans[i].end, b->questions[i].line,
		           (int)b->questions[i].type);
		if (b->questions[i].type != BANK_QTYPE_COUNT)
			bank_export_md_question(&b->questions[i], out);
	}
}

static void S_check_against_whole(const uint8_t *data, size_t size, const struct bank *b,
                                  const struct bank_report *rep, const struct bank_span *spans,
                                  size_t errors)
{
	struct bank whole = {0};
	struct bank_report wrep;
	bank_report_init(&wrep, "fuzz.md");
	struct bank_span *wspans;
	size_t werrors = bank_native_parse_whole((const char *)data, size, &whole, &wrep, &wspans);
	struct buf a = {0}, w = {0};
	S_describe(b, rep, spans, errors, &a);
	S_describe(&whole, &wrep, wspans, werrors, &w);
	if (a.len != w.len || memcmp(a.data, w.data, a.len) != 0)
		abort();
	buf_free(&a);
	buf_free(&w);
	free(wspans);
	bank_clear(&whole);
	bank_report_clear(&wrep);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bank b = {0};
	struct bank_report rep;
	bank_report_init(&rep, "fuzz.md");
	struct bank_span *spans;
	size_t errors = bank_native_parse_spans((const char *)data, size, &b, &rep, &spans);
	S_check_against_whole(data, size, &b, &rep, spans, errors);
	errors += bank_validate(&b, &rep);
	size_t lines = S_lines(data, size);
	for (size_t i = 0; i < rep.n_diags; i++)
		if (!rep.diags[i].message[0] || rep.diags[i].line < 0 ||
		    (size_t)rep.diags[i].line > lines)
			abort();
	for (size_t i = 0; errors == 0 && i < b.n_questions; i++)
		if (spans[i].start > spans[i].end || spans[i].end > size)
			abort();
	struct buf text = {0};
	bank_report_format(&rep, &text);
	buf_free(&text);
	if (errors == 0 && b.n_questions) {
		struct buf md = {0};
		struct bank_report erep;
		bank_report_init(&erep, "export");
		bank_export(&b, BANK_EXPORT_MD, &md, &erep);
		struct bank again = {0};
		struct bank_report rep2;
		bank_report_init(&rep2, "again.md");
		size_t errors2 = bank_native_parse(md.data ? md.data : "", md.len, &again, &rep2);
		errors2 += bank_validate(&again, &rep2);
		if (errors2 || again.n_questions != b.n_questions)
			abort();
		for (size_t i = 0; i < b.n_questions; i++)
			if (strcmp(again.questions[i].id, b.questions[i].id) != 0 ||
			    again.questions[i].type != b.questions[i].type)
				abort();
		bank_clear(&again);
		bank_report_clear(&rep2);
		bank_report_clear(&erep);
		buf_free(&md);
	}
	free(spans);
	bank_clear(&b);
	bank_report_clear(&rep);
	return 0;
}
