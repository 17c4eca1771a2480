/* aiken: the Aiken importer (see aiken.h).
 *
 * A line-by-line state machine. A question that goes wrong is reported
 * once and the rest of its lines, up to the next blank line, are passed
 * over, so one slip does not cascade into an error per line. */
#include "bank/aiken.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank/gift.h"
#include "core/buf.h"
#include "core/xalloc.h"

enum S_state {
	S_IDLE,    /* between questions */
	S_STEM,    /* reading the question text */
	S_OPTIONS, /* reading options */
	S_DONE,    /* after ANSWER: a new text line starts a new question */
	S_BROKEN,  /* an error was reported: skip to the next blank line */
};

struct S_aiken {
	struct bank *out;
	struct bank_report *rep;
	enum S_state state;
	int start_line;      /* where the current question began */
	struct buf stem;     /* its text lines, joined by newlines */
	struct buf *options; /* its option texts */
	size_t n_options, cap_options;
};

__attribute__((format(printf, 4, 5))) static void S_error(struct S_aiken *A, int line, int col,
                                                          const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* Messages quote at most a title (bank_gift_title_words keeps it
	 * short), so they are never cut inside a character. */
	bank_report_add(A->rep, BANK_ERROR, line, col, "%s", msg);
	A->state = S_BROKEN;
}

static void S_reset(struct S_aiken *A)
{
	buf_reset(&A->stem);
	for (size_t i = 0; i < A->n_options; i++)
		buf_free(&A->options[i]);
	A->n_options = 0;
}

/* The question's first words, for messages. */
static char *S_name(const struct S_aiken *A)
{
	return bank_gift_title_words(buf_cstr(&A->stem), A->stem.len);
}

static void S_begin(struct S_aiken *A, int line, const char *s, size_t n)
{
	S_reset(A);
	A->state = S_STEM;
	A->start_line = line;
	buf_append(&A->stem, s, n);
}

/* The end of a question's lines without its ANSWER line. */
static void S_unfinished(struct S_aiken *A)
{
	if (A->state == S_STEM || A->state == S_OPTIONS) {
		char *name = S_name(A);
		S_error(A, A->start_line, 1, "question '%s' has no ANSWER: line", name);
		free(name);
	}
	S_reset(A);
	A->state = S_IDLE;
}

static void S_option(struct S_aiken *A, int line, int col, const char *s, size_t n)
{
	if (A->state == S_IDLE || A->state == S_DONE) {
		S_error(A, line, col, "option '%c%c' before any question text", s[0], s[1]);
		return;
	}
	if (A->state == S_BROKEN)
		return;
	char expected = (char)('A' + A->n_options);
	if (s[0] != expected) {
		S_error(A, line, col,
		        "option '%c' should be '%c': options are lettered A, B, C, ... in order",
		        s[0], expected);
		return;
	}
	size_t a = 2;
	while (a < n && isspace((unsigned char)s[a]))
		a++;
	if (a == n) {
		S_error(A, line, col, "option '%c' has no text", s[0]);
		return;
	}
	xgrow((void **)&A->options, &A->cap_options, A->n_options + 1, sizeof *A->options);
	struct buf *o = &A->options[A->n_options++];
	memset(o, 0, sizeof *o);
	buf_append(o, s + a, n - a);
	A->state = S_OPTIONS;
}

static void S_answer(struct S_aiken *A, int line, int col, const char *s, size_t n)
{
	if (A->state == S_BROKEN)
		return;
	if (A->state == S_IDLE || A->state == S_DONE) {
		S_error(A, line, col, "ANSWER: line without a question before it");
		return;
	}
	char *name = S_name(A);
	if (A->n_options < 2) {
		S_error(
		    A, line, col,
		    "question '%s' needs at least two options (A. and B.) before its ANSWER: line",
		    name);
		free(name);
		return;
	}
	size_t p = 7;
	while (p < n && isspace((unsigned char)s[p]))
		p++;
	int at = col + (int)p;
	if (p == n || !isalpha((unsigned char)s[p])) {
		S_error(A, line, at, "ANSWER: needs the letter of the right option");
		free(name);
		return;
	}
	char letter = (char)toupper((unsigned char)s[p]);
	size_t q = p + 1;
	if (q < n && (s[q] == '.' || s[q] == ')'))
		q++;
	while (q < n && isspace((unsigned char)s[q]))
		q++;
	if (q != n) {
		S_error(A, line, col + (int)q,
		        "ANSWER: takes one letter; an Aiken question has exactly one right option");
		free(name);
		return;
	}
	size_t right = (size_t)(letter - 'A');
	if (letter < 'A' || right >= A->n_options) {
		S_error(A, line, at, "answer '%c' of '%s' is not among its options A-%c", letter,
		        name, (char)('A' + A->n_options - 1));
		free(name);
		return;
	}
	struct bank_question *q0 = bank_add_question(A->out);
	q0->type = BANK_SINGLE;
	q0->line = A->start_line;
	q0->title = name;
	q0->section = xstrdup("general");
	q0->stem = bank_gift_plain_markdown(buf_cstr(&A->stem), A->stem.len, true);
	for (size_t i = 0; i < A->n_options; i++) {
		struct bank_choice *c = bank_question_add_choice(q0);
		c->text =
		    bank_gift_plain_markdown(buf_cstr(&A->options[i]), A->options[i].len, false);
		c->correct = i == right;
	}
	S_reset(A);
	A->state = S_DONE;
}

static bool S_is_option(const char *s, size_t n)
{
	return n >= 2 && s[0] >= 'A' && s[0] <= 'Z' && (s[1] == '.' || s[1] == ')') &&
	       (n == 2 || s[2] == ' ' || s[2] == '\t');
}

static bool S_is_answer(const char *s, size_t n)
{
	static const char word[] = "ANSWER:";
	if (n < sizeof word - 1)
		return false;
	for (size_t i = 0; i < sizeof word - 1; i++)
		if (toupper((unsigned char)s[i]) != word[i])
			return false;
	return true;
}

size_t bank_aiken_parse(const char *text, size_t len, struct bank *out, struct bank_report *rep)
{
	struct S_aiken A = {.out = out, .rep = rep, .state = S_IDLE};
	size_t errors = rep->n_errors, first = out->n_questions;
	const char *s = text ? text : "";
	len = text ? len : 0;
	size_t i = 0;
	int line = 0;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* a byte order mark is not part of line 1 */
	while (i <= len) {
		size_t e = i;
		while (e < len && s[e] != '\n')
			e++;
		if (line < INT_MAX)
			line++;
		size_t a = i, b = e;
		while (a < b && isspace((unsigned char)s[a]))
			a++;
		while (b > a && isspace((unsigned char)s[b - 1]))
			b--;
		size_t c = a - i + 1;
		int col = c > INT_MAX ? INT_MAX : (int)c;
		if (a == b) {
			S_unfinished(&A);
		} else if (S_is_option(s + a, b - a)) {
			S_option(&A, line, col, s + a, b - a);
		} else if (S_is_answer(s + a, b - a)) {
			S_answer(&A, line, col, s + a, b - a);
		} else if (A.state == S_IDLE || A.state == S_DONE) {
			S_begin(&A, line, s + a, b - a);
		} else if (A.state == S_STEM) {
			buf_putc(&A.stem, '\n');
			buf_append(&A.stem, s + a, b - a);
		} else if (A.state == S_OPTIONS) {
			S_error(
			    &A, line, col,
			    "expected option '%c.' or the ANSWER: line here (a blank line ends a "
			    "question)",
			    (char)('A' + A.n_options));
		}
		if (e >= len)
			break;
		i = e + 1;
	}
	S_unfinished(&A);
	buf_free(&A.stem);
	free(A.options);
	bank_gift_fill_ids(out, first);
	return rep->n_errors - errors;
}
