/* pyrecords: the harness's records (see pyrecords.h). */
#include "sandbox/pyrecords.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define S_MAX_FIELDS 2
/* A field longer than this is not a record a harness writes. */
#define S_MAX_FIELD ((size_t)64 * 1024 * 1024)

static bool S_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The text up to its first NUL (the string it becomes ends there), without
 * white space at either end. */
static char *S_trimmed(const char *p, size_t n)
{
	const char *nul = memchr(p, '\0', n);
	if (nul)
		n = (size_t)(nul - p);
	while (n > 0 && S_blank(*p)) {
		p++;
		n--;
	}
	while (n > 0 && S_blank(p[n - 1]))
		n--;
	return xstrndup(p, n);
}

/* Reads "LEN:" at *pos; false when it is not there. */
static bool S_field(const char *data, size_t len, size_t *pos, const char **start, size_t *flen)
{
	size_t n = 0, digits = 0, at = *pos;
	while (at < len && data[at] >= '0' && data[at] <= '9' && digits < 12) {
		n = n * 10 + (size_t)(data[at] - '0');
		at++;
		digits++;
	}
	if (digits == 0 || at >= len || data[at] != ':' || n > S_MAX_FIELD)
		return false;
	at++;
	if (n > len - at)
		return false;
	*start = data + at;
	*flen = n;
	*pos = at + n;
	return true;
}

void pyrecords_parse(const char *data, size_t len, struct pyrecords *r)
{
	memset(r, 0, sizeof *r);
	size_t pos = 0;
	while (pos < len) {
		char type = data[pos];
		int want = type == 'S' || type == 'A' || type == 'E' ? 2 : type == 'V' ? 1 : -1;
		if (want < 0) {
			r->damaged = true;
			return;
		}
		size_t at = pos + 1;
		const char *f[S_MAX_FIELDS];
		size_t fl[S_MAX_FIELDS];
		for (int i = 0; i < want; i++)
			if (!S_field(data, len, &at, &f[i], &fl[i])) {
				r->damaged = true;
				return;
			}
		if (at >= len || data[at] != '\n') {
			r->damaged = true;
			return;
		}
		switch (type) {
		case 'S':
			xgrow((void **)&r->statements, &r->cap_statements, r->n_statements + 1,
			      sizeof *r->statements);
			r->statements[r->n_statements++] = (struct pyrecord_statement){
			    S_trimmed(f[0], fl[0]), xstrndup(f[1], fl[1])};
			break;
		case 'A':
			xgrow((void **)&r->answers, &r->cap_answers, r->n_answers + 1,
			      sizeof *r->answers);
			r->answers[r->n_answers++] =
			    (struct pyrecord_answer){xstrndup(f[0], fl[0]), xstrndup(f[1], fl[1])};
			break;
		case 'E':
			xgrow((void **)&r->errors, &r->cap_errors, r->n_errors + 1,
			      sizeof *r->errors);
			r->errors[r->n_errors++] =
			    (struct pyrecord_error){xstrndup(f[0], fl[0]), S_trimmed(f[1], fl[1])};
			break;
		default:
			free(r->versions);
			r->versions = xstrndup(f[0], fl[0]);
			break;
		}
		pos = at + 1;
		r->parsed = pos;
	}
}

void pyrecords_free(struct pyrecords *r)
{
	for (size_t i = 0; i < r->n_statements; i++) {
		free(r->statements[i].sql);
		free(r->statements[i].params);
	}
	free(r->statements);
	for (size_t i = 0; i < r->n_answers; i++) {
		free(r->answers[i].name);
		free(r->answers[i].json);
	}
	free(r->answers);
	for (size_t i = 0; i < r->n_errors; i++) {
		free(r->errors[i].where);
		free(r->errors[i].text);
	}
	free(r->errors);
	free(r->versions);
	memset(r, 0, sizeof *r);
}
