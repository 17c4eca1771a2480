/* question: the question model, diagnostics and the checks every format
 * shares (see question.h). */
#include "bank/question.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static const char *const S_type_names[] = {
#define BANK_QTYPE_NAME(name, word) word,
    BANK_QTYPES(BANK_QTYPE_NAME)
#undef BANK_QTYPE_NAME
};

const char *bank_qtype_name(enum bank_qtype type)
{
	return (unsigned)type < BANK_QTYPE_COUNT ? S_type_names[type] : "?";
}

bool bank_qtype_parse(const char *word, enum bank_qtype *out)
{
	for (int i = 0; i < BANK_QTYPE_COUNT; i++) {
		if (strcmp(word, S_type_names[i]) == 0) {
			*out = (enum bank_qtype)i;
			return true;
		}
	}
	return false;
}

static const struct {
	const char *word;
	unsigned flag;
} S_flags[] = {
    {"no-shuffle", BANK_NO_SHUFFLE},         {"all-or-nothing", BANK_ALL_OR_NOTHING},
    {"case-sensitive", BANK_CASE_SENSITIVE}, {"ordered", BANK_ORDERED},
    {"python-output", BANK_PYTHON_OUTPUT},
};

unsigned bank_flag_parse(const char *word, size_t len)
{
	for (size_t i = 0; i < sizeof S_flags / sizeof S_flags[0]; i++)
		if (len == strlen(S_flags[i].word) && memcmp(word, S_flags[i].word, len) == 0)
			return S_flags[i].flag;
	return 0;
}

const char *bank_flag_word(size_t index, unsigned *flag)
{
	if (index >= sizeof S_flags / sizeof S_flags[0])
		return NULL;
	*flag = S_flags[index].flag;
	return S_flags[index].word;
}

void bank_question_clear(struct bank_question *q)
{
	free(q->id);
	free(q->title);
	free(q->section);
	free(q->stem);
	free(q->explanation);
	for (size_t i = 0; i < q->n_choices; i++) {
		free(q->choices[i].text);
		free(q->choices[i].feedback);
	}
	free(q->choices);
	for (size_t i = 0; i < q->n_numbers; i++)
		free(q->numbers[i].feedback);
	free(q->numbers);
	for (size_t i = 0; i < q->n_pairs; i++) {
		free(q->pairs[i].left);
		free(q->pairs[i].right);
	}
	free(q->pairs);
	free(q->sql);
	free(q->dataset);
	memset(q, 0, sizeof *q);
}

/* Arrays grow one element at a time from parsers. xgrow starts at 8 and
 * doubles, so the capacity of a non-empty array is the smallest 8 * 2^k at
 * or above its count: the structs need not store it. */
static size_t S_cap_for(size_t n)
{
	size_t cap = 0;
	if (n == 0)
		return 0;
	cap = 8;
	while (cap < n)
		cap *= 2;
	return cap;
}

static void *S_push(void **items, size_t *count, size_t size)
{
	size_t cap = S_cap_for(*count);
	xgrow(items, &cap, *count + 1, size);
	void *slot = (char *)*items + *count * size;
	memset(slot, 0, size);
	(*count)++;
	return slot;
}

struct bank_question *bank_add_question(struct bank *b)
{
	return S_push((void **)&b->questions, &b->n_questions, sizeof *b->questions);
}

struct bank_choice *bank_question_add_choice(struct bank_question *q)
{
	return S_push((void **)&q->choices, &q->n_choices, sizeof *q->choices);
}

struct bank_number *bank_question_add_number(struct bank_question *q)
{
	struct bank_number *n = S_push((void **)&q->numbers, &q->n_numbers, sizeof *q->numbers);
	n->weight = 1.0;
	return n;
}

struct bank_pair *bank_question_add_pair(struct bank_question *q)
{
	return S_push((void **)&q->pairs, &q->n_pairs, sizeof *q->pairs);
}

void bank_clear(struct bank *b)
{
	for (size_t i = 0; i < b->n_questions; i++)
		bank_question_clear(&b->questions[i]);
	free(b->questions);
	free(b->id);
	free(b->title);
	free(b->path);
	memset(b, 0, sizeof *b);
}

long bank_find(const struct bank *b, const char *id)
{
	for (size_t i = 0; i < b->n_questions; i++)
		if (b->questions[i].id && strcmp(b->questions[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* ---- diagnostics ---- */

void bank_report_init(struct bank_report *r, const char *path)
{
	memset(r, 0, sizeof *r);
	r->path = xstrdup(path ? path : "-");
}

void bank_report_add(struct bank_report *r, enum bank_severity sev, int line, int col,
                     const char *fmt, ...)
{
	struct buf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	char tmp[1024];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	buf_puts(&msg, tmp);
	struct bank_diag *d = S_push((void **)&r->diags, &r->n_diags, sizeof *r->diags);
	d->severity = sev;
	d->line = line;
	d->col = col;
	d->message = buf_detach(&msg);
	if (sev == BANK_ERROR)
		r->n_errors++;
	else if (sev == BANK_WARNING)
		r->n_warnings++;
	else
		r->n_skipped++;
}

void bank_report_format(const struct bank_report *r, struct buf *out)
{
	static const char *const names[] = {"error", "warning", "skipped"};
	for (size_t i = 0; i < r->n_diags; i++) {
		const struct bank_diag *d = &r->diags[i];
		buf_printf(out, "%s:%d:%d: %s: %s\n", r->path, d->line, d->col, names[d->severity],
		           d->message);
	}
}

void bank_report_clear(struct bank_report *r)
{
	for (size_t i = 0; i < r->n_diags; i++)
		free(r->diags[i].message);
	free(r->diags);
	free(r->path);
	memset(r, 0, sizeof *r);
}

/* ---- validation ---- */

bool bank_id_valid(const char *id)
{
	if (!id || !(islower((unsigned char)id[0]) || isdigit((unsigned char)id[0])))
		return false;
	for (const char *p = id; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (!(islower(c) || isdigit(c) || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

static size_t S_count_correct(const struct bank_question *q)
{
	size_t n = 0;
	for (size_t i = 0; i < q->n_choices; i++)
		n += q->choices[i].correct;
	return n;
}

static bool S_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

static void S_check_answers(const struct bank_question *q, struct bank_report *r)
{
	int line = q->line;
	size_t right = S_count_correct(q);
	switch (q->type) {
	case BANK_SINGLE:
		if (q->n_choices == 0)
			bank_report_add(r, BANK_ERROR, line, 1, "question '%s' has no options",
			                q->id);
		else if (right != 1)
			bank_report_add(r, BANK_ERROR, line, 1,
			                "single-answer question '%s' needs exactly one [x] option "
			                "(it has %zu); use type: multi for several",
			                q->id, right);
		break;
	case BANK_MULTI: {
		bool any_weight = false;
		for (size_t i = 0; i < q->n_choices; i++)
			any_weight |= q->choices[i].has_weight && q->choices[i].weight > 0;
		if (right == 0 && !any_weight)
			bank_report_add(r, BANK_ERROR, line, 1,
			                "multiple-answer question '%s' has no [x] option", q->id);
		break;
	}
	case BANK_TRUEFALSE:
		if (q->n_choices != 2 || right != 1)
			bank_report_add(r, BANK_ERROR, line, 1,
			                "true/false question '%s' needs the two options True and "
			                "False with exactly one marked [x]",
			                q->id);
		break;
	case BANK_SHORT:
		if (q->n_choices == 0)
			bank_report_add(r, BANK_ERROR, line, 1,
			                "short-answer question '%s' has no accepted answer", q->id);
		break;
	case BANK_NUMERIC:
		if (q->n_numbers == 0)
			bank_report_add(r, BANK_ERROR, line, 1,
			                "numeric question '%s' has no accepted number", q->id);
		for (size_t i = 0; i < q->n_numbers; i++)
			if (!(q->numbers[i].lo <= q->numbers[i].hi))
				bank_report_add(r, BANK_ERROR, line, 1,
				                "numeric question '%s': range %g..%g is empty",
				                q->id, q->numbers[i].lo, q->numbers[i].hi);
		break;
	case BANK_ORDER:
		if (q->n_choices < 2)
			bank_report_add(r, BANK_ERROR, line, 1,
			                "ordering question '%s' needs at least two items", q->id);
		break;
	case BANK_MATCH:
		if (q->n_pairs < 2)
			bank_report_add(r, BANK_ERROR, line, 1,
			                "matching question '%s' needs at least two pairs", q->id);
		break;
	case BANK_SQL:
		if (S_blank(q->sql))
			bank_report_add(r, BANK_ERROR, line, 1,
			                "SQL question '%s' has no reference query (a ```sql block)",
			                q->id);
		if (S_blank(q->dataset))
			bank_report_add(r, BANK_ERROR, line, 1,
			                "SQL question '%s' names no dataset (dataset: ponies)",
			                q->id);
		break;
	case BANK_QTYPE_COUNT: break;
	}
}

static void S_check_weak(const struct bank_question *q, struct bank_report *r)
{
	if (S_blank(q->explanation))
		bank_report_add(
		    r, BANK_WARNING, q->line, 1,
		    "question '%s' has no explanation (a > blockquote after the answers)", q->id);
	bool has_options = q->type == BANK_SINGLE || q->type == BANK_MULTI;
	if (has_options && q->n_choices == 1)
		bank_report_add(r, BANK_WARNING, q->line, 1, "question '%s' has only one option",
		                q->id);
	if (q->type == BANK_SINGLE || q->type == BANK_MULTI || q->type == BANK_ORDER ||
	    q->type == BANK_TRUEFALSE) {
		/* One warning per repeated text, however often it repeats. */
		for (size_t j = 1; j < q->n_choices; j++) {
			size_t i = 0;
			while (i < j && strcmp(q->choices[i].text, q->choices[j].text) != 0)
				i++;
			size_t k = i + 1;
			while (i < j && k < j &&
			       strcmp(q->choices[k].text, q->choices[j].text) != 0)
				k++;
			if (i < j && k == j) /* j is the first repeat of choice i */
				bank_report_add(r, BANK_WARNING, q->line, 1,
				                "question '%s' repeats the option '%s'", q->id,
				                q->choices[j].text);
		}
	}
	if (q->type == BANK_MATCH)
		for (size_t j = 1; j < q->n_pairs; j++) {
			size_t i = 0;
			while (i < j && strcmp(q->pairs[i].left, q->pairs[j].left) != 0)
				i++;
			size_t k = i + 1;
			while (i < j && k < j && strcmp(q->pairs[k].left, q->pairs[j].left) != 0)
				k++;
			if (i < j && k == j)
				bank_report_add(r, BANK_WARNING, q->line, 1,
				                "question '%s' repeats the left item '%s'", q->id,
				                q->pairs[j].left);
		}
}

static const struct bank *S_sort_bank; /* qsort has no context argument */

static int S_cmp_by_id(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(S_sort_bank->questions[x].id, S_sort_bank->questions[y].id);
	return c ? c : (x > y) - (x < y);
}

/* first_use[i]: the index of the first question with question i's id (i
 * itself when it is the first). Sorting keeps this O(n log n): banks of
 * 100,000 questions are checked in well under a second. */
static size_t *S_first_uses(const struct bank *b)
{
	size_t n = b->n_questions, m = 0;
	size_t *first = xcalloc(n ? n : 1, sizeof *first);
	size_t *order = xcalloc(n ? n : 1, sizeof *order);
	for (size_t i = 0; i < n; i++) {
		first[i] = i;
		if (b->questions[i].id)
			order[m++] = i;
	}
	S_sort_bank = b;
	qsort(order, m, sizeof *order, S_cmp_by_id);
	for (size_t k = 1; k < m; k++)
		if (strcmp(b->questions[order[k]].id, b->questions[order[k - 1]].id) == 0)
			first[order[k]] = first[order[k - 1]];
	free(order);
	return first;
}

size_t bank_validate(const struct bank *b, struct bank_report *r)
{
	size_t before = r->n_errors;
	size_t *first_use = S_first_uses(b);
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct bank_question *q = &b->questions[i];
		if (!q->id || !*q->id) {
			bank_report_add(r, BANK_ERROR, q->line, 1,
			                "question has no id (id: some-name)");
			continue;
		}
		if (!bank_id_valid(q->id))
			bank_report_add(r, BANK_ERROR, q->line, 1,
			                "id '%s' may use only a-z, 0-9, '.', '_' and '-' and must "
			                "start with a letter or digit",
			                q->id);
		if (first_use[i] != i)
			bank_report_add(r, BANK_ERROR, q->line, 1,
			                "id '%s' is already used by the question at line %d", q->id,
			                b->questions[first_use[i]].line);
		if (S_blank(q->section))
			bank_report_add(r, BANK_ERROR, q->line, 1,
			                "question '%s' has no section (section: 5.6)", q->id);
		if (q->difficulty < 0 || q->difficulty > 3)
			bank_report_add(r, BANK_ERROR, q->line, 1,
			                "question '%s': difficulty must be 1, 2 or 3", q->id);
		/* A question whose body was not read (the parser said why) has
		 * no stem to judge. */
		if (S_blank(q->stem) && q->type != BANK_QTYPE_COUNT)
			bank_report_add(r, BANK_ERROR, q->line, 1,
			                "question '%s' asks nothing (no stem)", q->id);
		S_check_answers(q, r);
		S_check_weak(q, r);
	}
	free(first_use);
	return r->n_errors - before;
}

char *bank_slug(const char *text)
{
	struct buf out = {0};
	bool dash = false;
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
		if (isalnum(*p)) {
			if (dash && out.len)
				buf_putc(&out, '-');
			dash = false;
			buf_putc(&out, (char)tolower(*p));
		} else {
			dash = true;
		}
		if (out.len >= 48)
			break;
	}
	if (out.len == 0)
		buf_puts(&out, "q");
	return buf_detach(&out);
}
