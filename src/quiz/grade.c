/* grade: scoring a learner's answer per question type (see grade.h). */
#include "quiz/grade.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "sandbox/sandbox.h"

/* Rows of the learner's result shown under an SQL question. */
#define S_SQL_ROWS_SHOWN 20

static double S_clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

static bool S_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static enum status S_misfit(const struct bank_question *q, const char *what, size_t want,
                            size_t got, struct error *err)
{
	return error_set(err, ST_INVALID, "", "question '%s' has %zu %s but the answer gives %zu",
	                 q->id ? q->id : "?", want, what, got);
}

/* ---- single, truefalse, multi ---- */

static enum status S_check_picks(const struct bank_question *q, const struct quiz_answer *a,
                                 struct error *err)
{
	if (a->n_picked != q->n_choices || (q->n_choices > 0 && !a->picked))
		return S_misfit(q, "options", q->n_choices, a->picked ? a->n_picked : 0, err);
	return ST_OK;
}

static double S_choice_credit(const struct bank_choice *c)
{
	if (c->has_weight)
		return S_clamp01(c->weight);
	return c->correct ? 1 : 0;
}

static enum status S_grade_single(const struct bank_question *q, const struct quiz_answer *a,
                                  struct quiz_grade *out, struct error *err)
{
	enum status st = S_check_picks(q, a, err);
	if (st != ST_OK)
		return st;
	size_t n_picked = 0, pick = QUIZ_NONE;
	for (size_t i = 0; i < q->n_choices; i++)
		if (a->picked[i]) {
			n_picked++;
			pick = i;
		}
	if (n_picked > 1)
		return error_set(err, ST_INVALID, "",
		                 "question '%s' takes one option but the answer picks %zu",
		                 q->id ? q->id : "?", n_picked);
	if (n_picked == 0) {
		out->message = xstrdup("no option picked");
		return ST_OK;
	}
	out->score = S_choice_credit(&q->choices[pick]);
	return ST_OK;
}

/* An option belongs to the right set when it is marked [x], or, when it
 * carries a credit, when that credit is positive. */
static bool S_is_right(const struct bank_choice *c)
{
	return c->has_weight ? c->weight > 0 : c->correct;
}

static enum status S_grade_multi(const struct bank_question *q, const struct quiz_answer *a,
                                 struct quiz_grade *out, struct error *err)
{
	enum status st = S_check_picks(q, a, err);
	if (st != ST_OK)
		return st;
	size_t num_right = 0, num_wrong = 0, n_picked = 0;
	bool exact = true;
	for (size_t i = 0; i < q->n_choices; i++) {
		bool right = S_is_right(&q->choices[i]);
		num_right += right;
		num_wrong += !right;
		n_picked += a->picked[i];
		exact &= a->picked[i] == right;
	}
	if (n_picked == 0) {
		out->message = xstrdup("no option picked");
		return ST_OK;
	}
	if (q->flags & BANK_ALL_OR_NOTHING) {
		out->score = exact ? 1 : 0;
		return ST_OK;
	}
	/* Once any credit is written, only written credits count (an option
	 * without one adds nothing, as studyterm-bank(5) says); otherwise each
	 * right pick earns 1/num_right and each wrong one costs 1/num_wrong. */
	bool weighted = false;
	for (size_t i = 0; i < q->n_choices; i++)
		weighted |= q->choices[i].has_weight;
	double sum = 0;
	for (size_t i = 0; i < q->n_choices; i++) {
		const struct bank_choice *c = &q->choices[i];
		if (!a->picked[i])
			continue;
		if (weighted)
			sum += c->has_weight ? c->weight : 0;
		else if (c->correct)
			sum += 1.0 / (double)num_right;
		else
			sum -= 1.0 / (double)num_wrong;
	}
	/* Credits written as rounded percentages (3 x 33.333%) must still add
	 * up to full marks. */
	if (sum > 1 - 1e-4 && exact)
		sum = 1;
	out->score = S_clamp01(sum);
	return ST_OK;
}

/* ---- short ---- */

char *quiz_normalize_reply(const char *text, bool case_sensitive)
{
	struct buf out = {0};
	bool pending_space = false;
	for (const char *p = text ? text : ""; *p; p++) {
		if (S_space(*p)) {
			pending_space = out.len > 0;
			continue;
		}
		if (pending_space)
			buf_putc(&out, ' ');
		pending_space = false;
		char c = *p;
		if (!case_sensitive && c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		buf_putc(&out, c);
	}
	return buf_detach(&out);
}

static size_t S_backtick_run(const char *s, size_t i, size_t end)
{
	size_t n = 0;
	while (i + n < end && s[i + n] == '`')
		n++;
	return n;
}

/* The literal text an accepted answer stands for: the inside of an answer
 * written as one code span (`flask db upgrade`), otherwise the Markdown
 * with backslash escapes of punctuation resolved. */
static char *S_answer_literal(const char *text)
{
	size_t start = 0, end = strlen(text);
	while (start < end && S_space(text[start]))
		start++;
	while (end > start && S_space(text[end - 1]))
		end--;
	size_t open = S_backtick_run(text, start, end);
	if (open > 0 && end - start > 2 * open) {
		size_t close = 0;
		while (close < end - start && text[end - 1 - close] == '`')
			close++;
		bool one_span = close == open;
		for (size_t i = start + open; one_span && i < end - close;) {
			size_t run = S_backtick_run(text, i, end - close);
			if (run == open)
				one_span = false;
			i += run ? run : 1;
		}
		if (one_span) {
			size_t from = start + open, to = end - close;
			/* CommonMark drops one space on each side when both are there. */
			if (to - from >= 2 && text[from] == ' ' && text[to - 1] == ' ') {
				from++;
				to--;
			}
			return xstrndup(text + from, to - from);
		}
	}
	struct buf out = {0};
	for (size_t i = start; i < end; i++) {
		/* i + 1 < end keeps the NUL, which strchr would find, out. */
		if (text[i] == '\\' && i + 1 < end &&
		    strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", text[i + 1]))
			i++;
		buf_putc(&out, text[i]);
	}
	return buf_detach(&out);
}

static enum status S_grade_short(const struct bank_question *q, const struct quiz_answer *a,
                                 struct quiz_grade *out)
{
	bool case_sensitive = (q->flags & BANK_CASE_SENSITIVE) != 0;
	char *reply = quiz_normalize_reply(a->text, case_sensitive);
	if (!*reply) {
		out->message = xstrdup("no answer given");
		free(reply);
		return ST_OK;
	}
	for (size_t i = 0; i < q->n_choices; i++) {
		char *literal = S_answer_literal(q->choices[i].text ? q->choices[i].text : "");
		char *accepted = quiz_normalize_reply(literal, case_sensitive);
		double credit = q->choices[i].has_weight ? S_clamp01(q->choices[i].weight) : 1;
		if (strcmp(accepted, reply) == 0 &&
		    (out->matched == QUIZ_NONE || credit > out->score)) {
			out->matched = i;
			out->score = credit;
		}
		free(accepted);
		free(literal);
	}
	free(reply);
	return ST_OK;
}

/* ---- numeric ---- */

/* Parses a plain decimal number ("3", "-2.5", "1e3", ".5") with blanks
 * around it. Hex, inf and nan, which strtod would take, are refused; the
 * point is swapped for the locale's so that strtod reads it whatever
 * LC_NUMERIC the TUI set. */
bool quiz_parse_number(const char *text, double *out)
{
	const char *s = text ? text : "";
	while (S_space(*s))
		s++;
	size_t len = strlen(s);
	while (len > 0 && S_space(s[len - 1]))
		len--;
	size_t i = 0, digits = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t exp_digits = 0;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			exp_digits++;
		if (exp_digits == 0)
			return false;
	}
	if (i != len)
		return false;
	const char *point = localeconv()->decimal_point;
	struct buf copy = {0};
	for (size_t k = 0; k < len; k++) {
		if (s[k] == '.')
			buf_puts(&copy, point && *point ? point : ".");
		else
			buf_putc(&copy, s[k]);
	}
	char *end = NULL;
	double v = strtod(buf_cstr(&copy), &end);
	bool ok = end && *end == '\0' && isfinite(v);
	buf_free(&copy);
	if (ok)
		*out = v;
	return ok;
}

static enum status S_grade_numeric(const struct bank_question *q, const struct quiz_answer *a,
                                   struct quiz_grade *out)
{
	char *reply = quiz_normalize_reply(a->text, true);
	bool empty = !*reply;
	free(reply);
	if (empty) {
		out->message = xstrdup("no answer given");
		return ST_OK;
	}
	double v;
	if (!quiz_parse_number(a->text, &v)) {
		out->message = xstrdup("not a number");
		return ST_OK;
	}
	for (size_t i = 0; i < q->n_numbers; i++) {
		const struct bank_number *n = &q->numbers[i];
		/* Ends are inclusive; a hair of slack lets 1.1 ± 0.1 accept 1.0
		 * although 1.1 - 0.1 rounds to 1.0000000000000002. */
		double slack = 1e-9 * fmax(fabs(n->lo), fabs(n->hi));
		double credit = S_clamp01(n->weight);
		if (v >= n->lo - slack && v <= n->hi + slack &&
		    (out->matched == QUIZ_NONE || credit > out->score)) {
			out->matched = i;
			out->score = credit;
		}
	}
	return ST_OK;
}

/* ---- order, match ---- */

static enum status S_grade_order(const struct bank_question *q, const struct quiz_answer *a,
                                 struct quiz_grade *out, struct error *err)
{
	size_t n = q->n_choices;
	if (n == 0)
		return error_set(err, ST_INVALID, "", "ordering question '%s' has no items",
		                 q->id ? q->id : "?");
	if (a->n_order != n || !a->order)
		return S_misfit(q, "items", n, a->order ? a->n_order : 0, err);
	bool *seen = xcalloc(n, sizeof *seen);
	for (size_t k = 0; k < n; k++) {
		size_t item = a->order[k];
		if (item >= n || seen[item]) {
			free(seen);
			return error_set(
			    err, ST_INVALID, "",
			    "the answer to ordering question '%s' is not an arrangement of "
			    "its %zu items (position %zu)",
			    q->id ? q->id : "?", n, k + 1);
		}
		seen[item] = true;
	}
	free(seen);
	if (n == 1) {
		out->score = 1;
		return ST_OK;
	}
	size_t in_place = 0;
	for (size_t k = 0; k + 1 < n; k++)
		in_place += a->order[k + 1] == a->order[k] + 1;
	out->score = (double)in_place / (double)(n - 1);
	return ST_OK;
}

static enum status S_grade_match(const struct bank_question *q, const struct quiz_answer *a,
                                 struct quiz_grade *out, struct error *err)
{
	size_t n = q->n_pairs;
	if (n == 0)
		return error_set(err, ST_INVALID, "", "matching question '%s' has no pairs",
		                 q->id ? q->id : "?");
	if (a->n_match != n || !a->match)
		return S_misfit(q, "pairs", n, a->match ? a->n_match : 0, err);
	size_t right = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = a->match[i];
		if (j == QUIZ_NONE)
			continue;
		if (j >= n)
			return error_set(
			    err, ST_INVALID, "",
			    "the answer to matching question '%s' names pair %zu of %zu",
			    q->id ? q->id : "?", j + 1, n);
		/* Two pairs may share a right side; giving either is right. */
		right += j == i || strcmp(q->pairs[j].right, q->pairs[i].right) == 0;
	}
	out->score = (double)right / (double)n;
	return ST_OK;
}

/* ---- sql ---- */

static enum status S_fresh_sandbox(const struct bank_question *q, const struct quiz_grade_env *env,
                                   struct sandbox **out, struct error *err)
{
	enum status st = sandbox_open_memory(out, err);
	if (st != ST_OK)
		return st;
	sandbox_set_time_limit_ms(*out, env->sql_time_limit_ms);
	st = sandbox_load_dataset(*out, env->dataset_dir, q->dataset, err);
	if (st != ST_OK) {
		sandbox_close(*out);
		*out = NULL;
		/* grade.h promises ST_IO for a dataset that cannot be read. */
		if (st == ST_NOT_FOUND) {
			st = ST_IO;
			if (err)
				err->status = st;
		}
	}
	return st;
}

static enum status S_grade_sql(const struct bank_question *q, const struct quiz_answer *a,
                               const struct quiz_grade_env *env, struct quiz_grade *out,
                               struct error *err)
{
	const char *id = q->id ? q->id : "?";
	if (!q->sql || !q->dataset)
		return error_set(err, ST_INVALID, "", "SQL question '%s' has no %s", id,
		                 q->sql ? "dataset" : "reference query");
	if (!env || !env->dataset_dir)
		return error_set(err, ST_INVALID, "", "no dataset directory to grade '%s' with",
		                 id);
	char *reply = quiz_normalize_reply(a->text, true);
	bool empty = !*reply;
	free(reply);
	if (empty) {
		out->message = xstrdup("no query given");
		return ST_OK;
	}

	/* Two fresh databases, so that a query that changes data cannot change
	 * what the other one sees. */
	struct sandbox *ref = NULL, *mine = NULL;
	struct sandbox_result want = {0}, got = {0};
	struct error qerr = {0};
	enum status st = S_fresh_sandbox(q, env, &ref, err);
	if (st != ST_OK)
		goto done;
	if (sandbox_query(ref, q->sql, &want, &qerr) != ST_OK) {
		st = error_set(err, ST_INVALID, "", "reference query for '%s' fails: %s", id,
		               qerr.message);
		goto done;
	}
	st = S_fresh_sandbox(q, env, &mine, err);
	if (st != ST_OK)
		goto done;
	if (sandbox_query(mine, a->text, &got, &qerr) != ST_OK) {
		out->message = xstrdup(qerr.message);
		goto done;
	}
	struct buf why = {0};
	if (sandbox_result_equal(&got, &want, (q->flags & BANK_ORDERED) != 0, &why))
		out->score = 1;
	else
		out->message = buf_detach(&why);
	buf_free(&why);
	struct buf table = {0};
	sandbox_result_format(&got, S_SQL_ROWS_SHOWN, &table);
	out->result = buf_detach(&table);
done:
	sandbox_result_free(&want);
	sandbox_result_free(&got);
	sandbox_close(ref);
	sandbox_close(mine);
	return st;
}

/* ---- entry points ---- */

enum status quiz_grade(const struct bank_question *q, const struct quiz_answer *a,
                       const struct quiz_grade_env *env, struct quiz_grade *out, struct error *err)
{
	static const struct quiz_answer no_answer = {0};
	memset(out, 0, sizeof *out);
	out->matched = QUIZ_NONE;
	if (!a)
		a = &no_answer;
	enum status st;
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_TRUEFALSE: st = S_grade_single(q, a, out, err); break;
	case BANK_MULTI: st = S_grade_multi(q, a, out, err); break;
	case BANK_SHORT: st = S_grade_short(q, a, out); break;
	case BANK_NUMERIC: st = S_grade_numeric(q, a, out); break;
	case BANK_ORDER: st = S_grade_order(q, a, out, err); break;
	case BANK_MATCH: st = S_grade_match(q, a, out, err); break;
	case BANK_SQL: st = S_grade_sql(q, a, env, out, err); break;
	case BANK_QTYPE_COUNT:
	default:
		st = error_set(err, ST_INVALID, "", "question '%s' has no known type",
		               q->id ? q->id : "?");
		break;
	}
	if (st != ST_OK) {
		quiz_grade_clear(out);
		return st;
	}
	out->score = S_clamp01(out->score);
	out->correct = out->score >= 1 - 1e-9;
	return ST_OK;
}

void quiz_grade_clear(struct quiz_grade *g)
{
	if (!g)
		return;
	free(g->message);
	free(g->result);
	memset(g, 0, sizeof *g);
	g->matched = QUIZ_NONE;
}
