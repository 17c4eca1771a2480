/* libFuzzer target: the harness's records (sandbox/pyrecords) on
 * arbitrary bytes, as a learner's program could write them on its
 * descriptor 3. Checks the parser's promises, not just the absence of
 * crashes:
 * - it never reads past the input: `parsed` is at most the size, and
 *   when the input is not damaged it is all of it;
 * - parsing the whole records (the first `parsed` bytes) again gives the
 *   same records and no damage;
 * - every string is there (no NULL), statements are trimmed of white
 *   space at both ends. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/pyrecords.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void S_same(const struct pyrecords *a, const struct pyrecords *b)
{
	if (a->n_statements != b->n_statements || a->n_answers != b->n_answers ||
	    a->n_errors != b->n_errors || !a->versions != !b->versions)
		abort();
	for (size_t i = 0; i < a->n_statements; i++)
		if (strcmp(a->statements[i].sql, b->statements[i].sql) != 0 ||
		    strcmp(a->statements[i].params, b->statements[i].params) != 0)
			abort();
	for (size_t i = 0; i < a->n_answers; i++)
		if (strcmp(a->answers[i].name, b->answers[i].name) != 0 ||
		    strcmp(a->answers[i].json, b->answers[i].json) != 0)
			abort();
	for (size_t i = 0; i < a->n_errors; i++)
		if (strcmp(a->errors[i].where, b->errors[i].where) != 0 ||
		    strcmp(a->errors[i].text, b->errors[i].text) != 0)
			abort();
	if (a->versions && strcmp(a->versions, b->versions) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes: ASan sees any read past them. */
	char *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	struct pyrecords r, again;
	pyrecords_parse(copy, size, &r);
	if (r.parsed > size || (!r.damaged && r.parsed != size))
		abort();
	for (size_t i = 0; i < r.n_statements; i++) {
		const char *s = r.statements[i].sql;
		size_t n = strlen(s);
		if (!r.statements[i].params ||
		    (n && (strchr(" \t\r\n", s[0]) || strchr(" \t\r\n", s[n - 1]))))
			abort();
	}
	pyrecords_parse(copy, r.parsed, &again);
	if (again.damaged || again.parsed != r.parsed)
		abort();
	S_same(&r, &again);
	pyrecords_free(&again);
	pyrecords_free(&r);
	free(copy);
	return 0;
}
