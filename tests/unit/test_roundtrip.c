/* Round trips between the bank formats: importing an export gives back the
 * same questions. Native -> GIFT -> native for every question GIFT can hold,
 * GIFT -> native -> GIFT for the conformance file, and native -> native for
 * the built-in bank. Questions are compared field by field; a failure names
 * the question and the first field that differs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank/export.h"
#include "bank/gift.h"
#include "bank/native.h"
#include "core/buf.h"
#include "core/paths.h"

static int S_str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The credit option i earns when picked, as the grader sees it. Written
 * credits and the default rules can express the same grading: a multi
 * without credits exported to GIFT comes back with explicit shares
 * (right options 1/right, wrong ones -1/wrong), which grade identically. */
static double S_credit(const struct bank_question *q, size_t i)
{
	const struct bank_choice *c = &q->choices[i];
	if (c->has_weight)
		return c->weight;
	bool any = false;
	size_t right = 0;
	for (size_t k = 0; k < q->n_choices; k++) {
		any |= q->choices[k].has_weight;
		right += q->choices[k].correct;
	}
	if (any)
		return 0; /* with written credits, an option without one adds nothing */
	if (q->type != BANK_MULTI)
		return c->correct ? 1 : 0;
	size_t wrong = q->n_choices - right;
	return c->correct ? 1.0 / (double)right : wrong ? -1.0 / (double)wrong : 0;
}

/* The first field where a and b differ, or NULL. */
static const char *S_diff(const struct bank_question *a, const struct bank_question *b)
{
	if (!S_str_eq(a->id, b->id))
		return "id";
	if (!S_str_eq(a->title, b->title))
		return "title";
	if (!S_str_eq(a->section, b->section))
		return "section";
	if (a->difficulty != b->difficulty)
		return "difficulty";
	if (a->type != b->type)
		return "type";
	if (a->flags != b->flags)
		return "flags";
	if (!S_str_eq(a->stem, b->stem))
		return "stem";
	if (!S_str_eq(a->explanation, b->explanation))
		return "explanation";
	if (a->n_choices != b->n_choices)
		return "number of choices";
	for (size_t i = 0; i < a->n_choices; i++) {
		const struct bank_choice *x = &a->choices[i], *y = &b->choices[i];
		if (!S_str_eq(x->text, y->text))
			return "choice text";
		if (x->correct != y->correct)
			return "choice correct";
		if (fabs(S_credit(a, i) - S_credit(b, i)) > 1e-4) /* Moodle rounds to 5 digits */
			return "choice credit";
		if (!S_str_eq(x->feedback, y->feedback))
			return "choice feedback";
	}
	if (a->n_numbers != b->n_numbers)
		return "number of numbers";
	for (size_t i = 0; i < a->n_numbers; i++) {
		const struct bank_number *x = &a->numbers[i], *y = &b->numbers[i];
		if (x->lo != y->lo || x->hi != y->hi || x->is_range != y->is_range ||
		    fabs(x->weight - y->weight) > 1e-9 || !S_str_eq(x->feedback, y->feedback))
			return "number";
	}
	if (a->n_pairs != b->n_pairs)
		return "number of pairs";
	for (size_t i = 0; i < a->n_pairs; i++)
		if (!S_str_eq(a->pairs[i].left, b->pairs[i].left) ||
		    !S_str_eq(a->pairs[i].right, b->pairs[i].right))
			return "pair";
	if (!S_str_eq(a->sql, b->sql))
		return "sql";
	if (!S_str_eq(a->dataset, b->dataset))
		return "dataset";
	return NULL;
}

static void S_load_native(const char *path, struct bank *b)
{
	char *text;
	size_t len;
	struct error err;
	assert_int_equal(paths_read_file(path, &text, &len, &err), ST_OK);
	struct bank_report rep;
	bank_report_init(&rep, path);
	assert_int_equal(bank_native_parse(text, len, b, &rep), 0);
	assert_int_equal(bank_validate(b, &rep), 0);
	bank_report_clear(&rep);
	free(text);
}

static size_t S_reparse(enum bank_export_format fmt, const struct bank *in, struct bank *out,
                        struct bank_report *skipped)
{
	struct buf text = {0};
	bank_export(in, fmt, &text, skipped);
	struct bank_report rep;
	bank_report_init(&rep, "export");
	size_t errors = fmt == BANK_EXPORT_GIFT
	                    ? bank_gift_parse(text.data ? text.data : "", text.len, out, &rep)
	                    : bank_native_parse(text.data ? text.data : "", text.len, out, &rep);
	errors += bank_validate(out, &rep);
	if (errors) {
		struct buf r = {0};
		bank_report_format(&rep, &r);
		print_error("%s\n--- export ---\n%s\n", buf_cstr(&r), buf_cstr(&text));
		buf_free(&r);
	}
	bank_report_clear(&rep);
	buf_free(&text);
	return errors;
}

/* Every question of a that is in b (by id) is equal to it. */
static void S_assert_same(const struct bank *a, const struct bank *b, size_t expect_missing)
{
	size_t missing = 0;
	for (size_t i = 0; i < a->n_questions; i++) {
		long j = bank_find(b, a->questions[i].id);
		if (j < 0) {
			missing++;
			continue;
		}
		const char *field = S_diff(&a->questions[i], &b->questions[j]);
		if (field)
			print_error("question '%s' differs in %s\n", a->questions[i].id, field);
		assert_null(field);
	}
	assert_int_equal(missing, expect_missing);
}

static void test_native_to_gift_and_back(void **state)
{
	(void)state;
	struct bank a = {0}, b = {0};
	S_load_native("tests/fixtures/banks/sample.md", &a);
	struct bank_report skipped;
	bank_report_init(&skipped, "sample");
	assert_int_equal(S_reparse(BANK_EXPORT_GIFT, &a, &b, &skipped), 0);
	/* GIFT holds neither ordering nor SQL questions: both reported, not lost silently. */
	assert_int_equal(skipped.n_skipped, 2);
	S_assert_same(&a, &b, 2);
	bank_report_clear(&skipped);
	bank_clear(&a);
	bank_clear(&b);
}

static void test_gift_conformance_to_native_and_back(void **state)
{
	(void)state;
	char *text;
	size_t len;
	struct error err;
	assert_int_equal(
	    paths_read_file("tests/fixtures/banks/conformance.gift", &text, &len, &err), ST_OK);
	struct bank a = {0}, b = {0}, c = {0};
	struct bank_report rep;
	bank_report_init(&rep, "conformance.gift");
	assert_int_equal(bank_gift_parse(text, len, &a, &rep), 0);
	assert_int_equal(bank_validate(&a, &rep), 0);
	assert_true(a.n_questions > 10);
	free(text);
	struct bank_report skipped;
	bank_report_init(&skipped, "x");
	assert_int_equal(S_reparse(BANK_EXPORT_MD, &a, &b, &skipped), 0);
	assert_int_equal(b.n_questions, a.n_questions);
	S_assert_same(&a, &b, 0);
	/* And out to GIFT again: the same questions once more. */
	assert_int_equal(S_reparse(BANK_EXPORT_GIFT, &b, &c, &skipped), 0);
	S_assert_same(&b, &c, 0);
	bank_report_clear(&skipped);
	bank_report_clear(&rep);
	bank_clear(&a);
	bank_clear(&b);
	bank_clear(&c);
}

static void test_builtin_bank_native_round_trip(void **state)
{
	(void)state;
	DIR *d = opendir("quizzes");
	assert_non_null(d);
	struct dirent *e;
	size_t files = 0;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 4 || strcmp(e->d_name + n - 3, ".md") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof path, "quizzes/%s", e->d_name);
		struct bank a = {0}, b = {0};
		S_load_native(path, &a);
		struct bank_report skipped;
		bank_report_init(&skipped, path);
		assert_int_equal(S_reparse(BANK_EXPORT_MD, &a, &b, &skipped), 0);
		assert_int_equal(skipped.n_skipped, 0);
		assert_int_equal(b.n_questions, a.n_questions);
		S_assert_same(&a, &b, 0);
		bank_report_clear(&skipped);
		bank_clear(&a);
		bank_clear(&b);
		files++;
	}
	closedir(d);
	assert_true(files >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_native_to_gift_and_back),
	    cmocka_unit_test(test_gift_conformance_to_native_and_back),
	    cmocka_unit_test(test_builtin_bank_native_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
