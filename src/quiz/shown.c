/* shown: shuffled presentation and typed replies (see shown.h). */
#include "quiz/shown.h"

#include "quiz/grade.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "quiz/practice.h"

static bool S_has_choices(enum bank_qtype t)
{
	return t == BANK_SINGLE || t == BANK_MULTI || t == BANK_TRUEFALSE || t == BANK_ORDER;
}

void quiz_shown_init(struct quiz_shown *s, const struct bank_question *q, uint64_t *rng)
{
	memset(s, 0, sizeof *s);
	s->q = q;
	bool shuffle = !(q->flags & BANK_NO_SHUFFLE) && q->type != BANK_TRUEFALSE;
	if (S_has_choices(q->type) && q->n_choices) {
		s->n_order = q->n_choices;
		s->order = xcalloc(s->n_order, sizeof *s->order);
		if (shuffle || q->type == BANK_ORDER)
			practice_shuffle(s->order, s->n_order, rng);
		else
			for (size_t i = 0; i < s->n_order; i++)
				s->order[i] = i;
		/* An ordering question shown already in order asks nothing. */
		if (q->type == BANK_ORDER && s->n_order > 1) {
			bool sorted = true;
			for (size_t i = 0; i < s->n_order; i++)
				sorted &= s->order[i] == i;
			if (sorted) {
				size_t t = s->order[0];
				s->order[0] = s->order[1];
				s->order[1] = t;
			}
		}
	}
	if (q->type == BANK_MATCH && q->n_pairs) {
		s->n_right = q->n_pairs;
		s->right = xcalloc(s->n_right, sizeof *s->right);
		if (shuffle)
			practice_shuffle(s->right, s->n_right, rng);
		else
			for (size_t i = 0; i < s->n_right; i++)
				s->right[i] = i;
	}
}

void quiz_shown_free(struct quiz_shown *s)
{
	free(s->order);
	free(s->right);
	memset(s, 0, sizeof *s);
}

static void S_reply_alloc(const struct quiz_shown *s, struct quiz_reply *r)
{
	memset(r, 0, sizeof *r);
	const struct bank_question *q = s->q;
	size_t nc = q->n_choices ? q->n_choices : 1, np = q->n_pairs ? q->n_pairs : 1;
	r->picked = xcalloc(nc, sizeof *r->picked);
	r->order = xcalloc(nc, sizeof *r->order);
	r->match = xcalloc(np, sizeof *r->match);
	for (size_t i = 0; i < q->n_pairs; i++)
		r->match[i] = QUIZ_NONE;
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE:
		r->answer.picked = r->picked;
		r->answer.n_picked = q->n_choices;
		break;
	case BANK_ORDER:
		r->answer.order = r->order;
		r->answer.n_order = q->n_choices;
		break;
	case BANK_MATCH:
		r->answer.match = r->match;
		r->answer.n_match = q->n_pairs;
		break;
	default: break;
	}
}

void quiz_reply_free(struct quiz_reply *r)
{
	free(r->picked);
	free(r->order);
	free(r->match);
	free(r->text);
	memset(r, 0, sizeof *r);
}

/* Reads the next number label (1-based) from *p; 0 when there is none. */
static size_t S_next_number(const char **p)
{
	while (**p && !isalnum((unsigned char)**p))
		(*p)++;
	if (!isdigit((unsigned char)**p))
		return 0;
	size_t n = 0;
	while (isdigit((unsigned char)**p) && n < 100000)
		n = n * 10 + (size_t)(*(*p)++ - '0');
	return n;
}

static bool S_parse_choices(const struct quiz_shown *s, const char *line, struct quiz_reply *r,
                            struct buf *why)
{
	const struct bank_question *q = s->q;
	size_t count = 0;
	const char *p = line;
	for (;;) {
		while (*p && (isspace((unsigned char)*p) || *p == ',' || *p == ';'))
			p++;
		if (!*p)
			break;
		if (!isdigit((unsigned char)*p)) {
			buf_printf(why, "Type option numbers (1-%zu)%s.", s->n_order,
			           q->type == BANK_MULTI ? ", separated by spaces" : "");
			return false;
		}
		size_t n = S_next_number(&p);
		if (n < 1 || n > s->n_order) {
			buf_printf(why, "There is no option %zu: pick 1-%zu.", n, s->n_order);
			return false;
		}
		r->picked[s->order[n - 1]] = true;
		count++;
	}
	if (count == 0) {
		buf_printf(why, "Pick an option (1-%zu).", s->n_order);
		return false;
	}
	if (q->type != BANK_MULTI && count > 1) {
		buf_puts(why, "Pick one option only.");
		return false;
	}
	return true;
}

static bool S_parse_order(const struct quiz_shown *s, const char *line, struct quiz_reply *r,
                          struct buf *why)
{
	size_t n = s->n_order, k = 0;
	bool *used = xcalloc(n, sizeof *used);
	const char *p = line;
	bool ok = true;
	for (;;) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		if (!*p)
			break;
		size_t label = S_next_number(&p);
		if (label < 1 || label > n || k >= n || used[label - 1]) {
			ok = false;
			break;
		}
		used[label - 1] = true;
		r->order[k++] = s->order[label - 1];
	}
	free(used);
	if (!ok || k != n) {
		buf_printf(why, "Type all %zu item numbers once each, in the right order (e.g. ",
		           n);
		for (size_t i = n; i > 0; i--)
			buf_printf(why, "%zu%s", i, i > 1 ? " " : ").");
		return false;
	}
	return true;
}

static bool S_parse_match(const struct quiz_shown *s, const char *line, struct quiz_reply *r,
                          struct buf *why)
{
	size_t n = s->q->n_pairs, next_left = 0, given = 0;
	const char *p = line;
	for (;;) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		if (!*p)
			break;
		size_t left = next_left;
		if (isdigit((unsigned char)*p)) {
			size_t label = S_next_number(&p);
			if (label < 1 || label > n)
				goto bad;
			left = label - 1;
			while (*p && !isalpha((unsigned char)*p) && !isdigit((unsigned char)*p))
				p++;
		}
		if (left >= n || !isalpha((unsigned char)*p))
			goto bad;
		size_t letter = (size_t)(tolower((unsigned char)*p) - 'a');
		p++;
		if (letter >= s->n_right || (*p && isalpha((unsigned char)*p)))
			goto bad;
		if (r->match[left] == QUIZ_NONE)
			given++;
		r->match[left] = s->right[letter];
		next_left = left + 1;
	}
	if (given == n)
		return true;
bad:
	buf_printf(why,
	           "Give a letter (a-%c) for each of the %zu items, e.g. \"1b 2a\" or \"b a\".",
	           (char)('a' + s->n_right - 1), n);
	return false;
}

bool quiz_reply_parse(const struct quiz_shown *s, const char *line, struct quiz_reply *r,
                      struct buf *why)
{
	S_reply_alloc(s, r);
	switch (s->q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE: return S_parse_choices(s, line, r, why);
	case BANK_ORDER: return S_parse_order(s, line, r, why);
	case BANK_MATCH: return S_parse_match(s, line, r, why);
	default: {
		double number;
		if (s->q->type == BANK_NUMERIC && !quiz_parse_number(line, &number)) {
			buf_printf(why, "'%s' is not a number: type digits only, like 42 or 3.5.",
			           line);
			return false;
		}
		r->text = xstrdup(line);
		r->answer.text = r->text;
		return true;
	}
	}
}

void quiz_reply_from_shown(const struct quiz_shown *s, const bool *picked_shown,
                           const size_t *order_shown, const size_t *match_shown, const char *text,
                           struct quiz_reply *r)
{
	S_reply_alloc(s, r);
	if (picked_shown)
		for (size_t i = 0; i < s->n_order; i++)
			if (picked_shown[i])
				r->picked[s->order[i]] = true;
	if (order_shown)
		for (size_t k = 0; k < s->n_order; k++)
			r->order[k] = s->order[order_shown[k]];
	if (match_shown)
		for (size_t i = 0; i < s->q->n_pairs; i++)
			r->match[i] =
			    match_shown[i] < s->n_right ? s->right[match_shown[i]] : QUIZ_NONE;
	if (text) {
		r->text = xstrdup(text);
		r->answer.text = r->text;
	}
}

/* The shown label of choice index c. */
static size_t S_label_of(const struct quiz_shown *s, size_t c)
{
	for (size_t i = 0; i < s->n_order; i++)
		if (s->order[i] == c)
			return i + 1;
	return 0;
}

static char S_letter_of(const struct quiz_shown *s, size_t pair)
{
	for (size_t i = 0; i < s->n_right; i++)
		if (s->right[i] == pair)
			return (char)('a' + i);
	return '?';
}

void quiz_reply_describe(const struct quiz_shown *s, const struct quiz_reply *r, struct buf *out)
{
	const struct bank_question *q = s->q;
	const char *sep = "";
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE:
		for (size_t i = 0; i < s->n_order; i++)
			if (r->picked[s->order[i]]) {
				buf_printf(out, "%s%zu", sep, i + 1);
				sep = " ";
			}
		break;
	case BANK_ORDER:
		for (size_t k = 0; k < s->n_order; k++) {
			buf_printf(out, "%s%zu", sep, S_label_of(s, r->order[k]));
			sep = " ";
		}
		break;
	case BANK_MATCH:
		for (size_t i = 0; i < q->n_pairs; i++) {
			buf_printf(out, "%s%zu%c", sep, i + 1,
			           r->match[i] == QUIZ_NONE ? '-' : S_letter_of(s, r->match[i]));
			sep = " ";
		}
		break;
	default: buf_puts(out, r->text ? r->text : ""); break;
	}
}

void quiz_key_describe(const struct quiz_shown *s, struct buf *out)
{
	const struct bank_question *q = s->q;
	const char *sep = "";
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE:
		for (size_t i = 0; i < s->n_order; i++)
			if (q->choices[s->order[i]].correct) {
				buf_printf(out, "%s%zu", sep, i + 1);
				sep = " ";
			}
		break;
	case BANK_ORDER:
		for (size_t c = 0; c < q->n_choices; c++) {
			buf_printf(out, "%s%zu", sep, S_label_of(s, c));
			sep = " ";
		}
		break;
	case BANK_MATCH:
		for (size_t i = 0; i < q->n_pairs; i++) {
			buf_printf(out, "%s%zu%c", sep, i + 1, S_letter_of(s, i));
			sep = " ";
		}
		break;
	case BANK_SHORT: buf_puts(out, q->n_choices ? q->choices[0].text : ""); break;
	case BANK_NUMERIC:
		if (q->n_numbers && q->numbers[0].is_range)
			buf_printf(out, "%g..%g", q->numbers[0].lo, q->numbers[0].hi);
		else if (q->n_numbers && q->numbers[0].tolerance > 0)
			buf_printf(out, "%g ± %g", q->numbers[0].value, q->numbers[0].tolerance);
		else if (q->n_numbers)
			buf_printf(out, "%g", q->numbers[0].value);
		break;
	case BANK_SQL: buf_puts(out, q->sql ? q->sql : ""); break;
	case BANK_QTYPE_COUNT: break;
	}
}

void quiz_reply_encode(const struct bank_question *q, const struct quiz_reply *r, struct buf *out)
{
	const char *sep = "";
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE:
		buf_puts(out, "p:");
		for (size_t i = 0; i < q->n_choices; i++)
			if (r->picked && r->picked[i]) {
				buf_printf(out, "%s%zu", sep, i);
				sep = ",";
			}
		break;
	case BANK_ORDER:
		buf_puts(out, "o:");
		for (size_t k = 0; k < q->n_choices; k++) {
			buf_printf(out, "%s%zu", sep, r->order ? r->order[k] : k);
			sep = ",";
		}
		break;
	case BANK_MATCH:
		buf_puts(out, "m:");
		for (size_t i = 0; i < q->n_pairs; i++) {
			size_t m = r->match ? r->match[i] : QUIZ_NONE;
			if (m == QUIZ_NONE)
				buf_printf(out, "%s-", sep);
			else
				buf_printf(out, "%s%zu", sep, m);
			sep = ",";
		}
		break;
	default:
		buf_puts(out, "t:");
		buf_puts(out, r->text ? r->text : "");
		break;
	}
}

/* Reads the comma-separated list after a code's prefix into values (n
 * expected, each < limit; '-' gives QUIZ_NONE when dash is allowed). An
 * empty list is zero values. */
static bool S_decode_list(const char *p, size_t *values, size_t n, size_t limit, bool dash,
                          size_t *count)
{
	*count = 0;
	while (*p) {
		size_t v;
		if (*p == '-' && dash) {
			v = QUIZ_NONE;
			p++;
		} else {
			if (*p < '0' || *p > '9')
				return false;
			v = 0;
			while (*p >= '0' && *p <= '9') {
				v = v * 10 + (size_t)(*p++ - '0');
				if (v >= limit)
					return false;
			}
		}
		if (*count >= n)
			return false;
		values[(*count)++] = v;
		if (*p == ',' && p[1])
			p++;
		else if (*p)
			return false;
	}
	return true;
}

bool quiz_reply_decode(const struct bank_question *q, const char *code, struct quiz_reply *r)
{
	struct quiz_shown s = {.q = q};
	S_reply_alloc(&s, r);
	bool ok = false;
	size_t n = 0;
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE: {
		size_t *picked = xcalloc(q->n_choices ? q->n_choices : 1, sizeof *picked);
		ok = strncmp(code, "p:", 2) == 0 &&
		     S_decode_list(code + 2, picked, q->n_choices, q->n_choices, false, &n);
		for (size_t i = 0; ok && i < n; i++)
			r->picked[picked[i]] = true;
		free(picked);
		break;
	}
	case BANK_ORDER: {
		ok = strncmp(code, "o:", 2) == 0 &&
		     S_decode_list(code + 2, r->order, q->n_choices, q->n_choices, false, &n) &&
		     n == q->n_choices;
		/* a permutation: every item placed once */
		bool *seen = xcalloc(q->n_choices ? q->n_choices : 1, sizeof *seen);
		for (size_t k = 0; ok && k < n; k++) {
			ok = !seen[r->order[k]];
			seen[r->order[k]] = true;
		}
		free(seen);
		break;
	}
	case BANK_MATCH:
		ok = strncmp(code, "m:", 2) == 0 &&
		     S_decode_list(code + 2, r->match, q->n_pairs, q->n_pairs, true, &n) &&
		     n == q->n_pairs;
		break;
	default:
		ok = strncmp(code, "t:", 2) == 0;
		if (ok) {
			r->text = xstrdup(code + 2);
			r->answer.text = r->text;
		}
		break;
	}
	if (!ok)
		quiz_reply_free(r);
	return ok;
}
