/* libFuzzer target: the native bank parser on arbitrary bytes.
 *
 * Beyond not crashing, checks the parser's promises: every diagnostic has a
 * message and a line inside the file, and a bank that parses and validates
 * without errors survives the Markdown exporter: its export parses again,
 * without errors, into as many questions with the same ids and types. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bank/export.h"
#include "bank/native.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t S_lines(const uint8_t *data, size_t size)
{
	size_t n = 1;
	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bank b = {0};
	struct bank_report rep;
	bank_report_init(&rep, "fuzz.md");
	struct bank_span *spans;
	size_t errors = bank_native_parse_spans((const char *)data, size, &b, &rep, &spans);
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
