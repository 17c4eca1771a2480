/* Unit tests for quiz/grade: every question type with full, partial and
 * zero credit, the edge cases of each rule, and answers that do not fit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank/question.h"
#include "core/xalloc.h"
#include "quiz/grade.h"

#define EPS 1e-9

/* Tests run from the repository root; STUDYTERM_DATASET_DIR overrides. */
static const char *S_dataset_dir(void)
{
	const char *dir = getenv("STUDYTERM_DATASET_DIR");
	return dir && *dir ? dir : "data/sandbox";
}

static struct bank_question S_question(enum bank_qtype type, const char *id)
{
	struct bank_question q = {0};
	q.id = xstrdup(id);
	q.title = xstrdup("A question");
	q.section = xstrdup("5.6");
	q.stem = xstrdup("Which one?");
	q.type = type;
	return q;
}

static void S_option(struct bank_question *q, const char *text, bool correct)
{
	struct bank_choice *c = bank_question_add_choice(q);
	c->text = xstrdup(text);
	c->correct = correct;
}

static void S_weighted(struct bank_question *q, const char *text, bool correct, double weight)
{
	S_option(q, text, correct);
	q->choices[q->n_choices - 1].has_weight = true;
	q->choices[q->n_choices - 1].weight = weight;
}

static void S_number(struct bank_question *q, double lo, double hi, double weight)
{
	struct bank_number *n = bank_question_add_number(q);
	n->lo = lo;
	n->hi = hi;
	n->value = (lo + hi) / 2;
	n->tolerance = (hi - lo) / 2;
	n->weight = weight;
}

static void S_pair(struct bank_question *q, const char *left, const char *right)
{
	struct bank_pair *p = bank_question_add_pair(q);
	p->left = xstrdup(left);
	p->right = xstrdup(right);
}

/* Grades and returns the score; the grade is left in *g for more checks. */
static double S_grade(const struct bank_question *q, const struct quiz_answer *a,
                      struct quiz_grade *g)
{
	struct quiz_grade_env env = {.dataset_dir = S_dataset_dir()};
	struct error err = {0};
	enum status st = quiz_grade(q, a, &env, g, &err);
	if (st != ST_OK)
		print_message("%s: %s\n", err.where, err.message);
	assert_int_equal(st, ST_OK);
	assert_true(g->score >= 0 && g->score <= 1);
	assert_true(g->correct == (g->score >= 1 - EPS));
	return g->score;
}

static double S_picks(const struct bank_question *q, const bool *picked)
{
	struct quiz_answer a = {.picked = picked, .n_picked = q->n_choices};
	struct quiz_grade g;
	double score = S_grade(q, &a, &g);
	quiz_grade_clear(&g);
	return score;
}

static double S_text(const struct bank_question *q, const char *text, size_t *matched)
{
	struct quiz_answer a = {.text = text};
	struct quiz_grade g;
	double score = S_grade(q, &a, &g);
	if (matched)
		*matched = g.matched;
	quiz_grade_clear(&g);
	return score;
}

/* Grades a reply expected to earn nothing, and checks the message. */
static void S_text_zero(const struct bank_question *q, const char *text, const char *message)
{
	struct quiz_answer a = {.text = text};
	struct quiz_grade g;
	assert_true(S_grade(q, &a, &g) == 0);
	assert_false(g.correct);
	if (message) {
		assert_non_null(g.message);
		assert_string_equal(g.message, message);
	} else {
		assert_null(g.message);
	}
	assert_int_equal(g.matched, QUIZ_NONE);
	quiz_grade_clear(&g);
}

static void S_fails(const struct bank_question *q, const struct quiz_answer *a, enum status want,
                    const char *message)
{
	struct quiz_grade_env env = {.dataset_dir = S_dataset_dir()};
	struct quiz_grade g;
	struct error err = {0};
	assert_int_equal(quiz_grade(q, a, &env, &g, &err), want);
	assert_string_equal(err.message, message);
	assert_null(g.message);
	assert_null(g.result);
	assert_true(g.score == 0);
	assert_false(g.correct);
	assert_int_equal(g.matched, QUIZ_NONE);
}

/* ---- single, truefalse ---- */

static void test_single_scores_the_picked_option(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_SINGLE, "q-single");
	S_option(&q, "`flask db upgrade`", true);
	S_option(&q, "`flask db migrate`", false);
	S_weighted(&q, "`flask db stamp head`", false, 0.5);
	S_weighted(&q, "`rm -rf migrations`", false, -1.0);
	assert_true(S_picks(&q, (bool[]){true, false, false, false}) == 1);
	assert_true(S_picks(&q, (bool[]){false, true, false, false}) == 0);
	assert_float_equal(S_picks(&q, (bool[]){false, false, true, false}), 0.5, EPS);
	/* A negative credit is clamped to 0 for a single pick. */
	assert_true(S_picks(&q, (bool[]){false, false, false, true}) == 0);

	struct quiz_answer none = {.picked = (bool[]){false, false, false, false}, .n_picked = 4};
	struct quiz_grade g;
	assert_true(S_grade(&q, &none, &g) == 0);
	assert_string_equal(g.message, "no option picked");
	quiz_grade_clear(&g);

	struct quiz_answer two = {.picked = (bool[]){true, true, false, false}, .n_picked = 4};
	S_fails(&q, &two, ST_INVALID,
	        "question 'q-single' takes one option but the answer picks 2");
	struct quiz_answer short_picks = {.picked = (bool[]){true, false, false}, .n_picked = 3};
	S_fails(&q, &short_picks, ST_INVALID,
	        "question 'q-single' has 4 options but the answer gives 3");
	struct quiz_answer no_array = {.n_picked = 4};
	S_fails(&q, &no_array, ST_INVALID,
	        "question 'q-single' has 4 options but the answer gives 0");
	S_fails(&q, NULL, ST_INVALID, "question 'q-single' has 4 options but the answer gives 0");
	bank_question_clear(&q);
}

static void test_truefalse_scores_like_single(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_TRUEFALSE, "q-tf");
	S_option(&q, "True", false);
	S_option(&q, "False", true);
	assert_true(S_picks(&q, (bool[]){false, true}) == 1);
	assert_true(S_picks(&q, (bool[]){true, false}) == 0);
	assert_true(S_picks(&q, (bool[]){false, false}) == 0);
	struct quiz_answer one = {.picked = (bool[]){true}, .n_picked = 1};
	S_fails(&q, &one, ST_INVALID, "question 'q-tf' has 2 options but the answer gives 1");
	bank_question_clear(&q);
}

/* ---- multi ---- */

static void test_multi_partial_credit_and_penalty(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_MULTI, "q-multi");
	S_option(&q, "db.Integer", true);
	S_option(&q, "db.String", true);
	S_option(&q, "db.Text", true);
	S_option(&q, "db.Banana", false);
	S_option(&q, "db.Pony", false);
	assert_true(S_picks(&q, (bool[]){true, true, true, false, false}) == 1);
	assert_float_equal(S_picks(&q, (bool[]){true, true, false, false, false}), 2.0 / 3, EPS);
	assert_float_equal(S_picks(&q, (bool[]){true, false, false, false, false}), 1.0 / 3, EPS);
	/* Each wrong pick costs 1 / number of wrong options. */
	assert_float_equal(S_picks(&q, (bool[]){true, true, true, true, false}), 0.5, EPS);
	assert_float_equal(S_picks(&q, (bool[]){true, true, false, true, false}), 2.0 / 3 - 0.5,
	                   EPS);
	/* Floored at 0, never negative. */
	assert_true(S_picks(&q, (bool[]){true, false, false, true, true}) == 0);
	assert_true(S_picks(&q, (bool[]){false, false, false, false, true}) == 0);
	/* Picking everything is not full credit. */
	assert_true(S_picks(&q, (bool[]){true, true, true, true, true}) == 0);

	struct quiz_answer none = {.picked = (bool[]){false, false, false, false, false},
	                           .n_picked = 5};
	struct quiz_grade g;
	assert_true(S_grade(&q, &none, &g) == 0);
	assert_string_equal(g.message, "no option picked");
	quiz_grade_clear(&g);
	struct quiz_answer too_many = {.picked = (bool[]){true, true, true, true, true, true},
	                               .n_picked = 6};
	S_fails(&q, &too_many, ST_INVALID,
	        "question 'q-multi' has 5 options but the answer gives 6");
	bank_question_clear(&q);
}

static void test_multi_with_weights(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_MULTI, "q-weights");
	S_weighted(&q, "Flask-Migrate", true, 0.5);
	S_weighted(&q, "Alembic", true, 0.5);
	S_weighted(&q, "Django", false, -1.0);
	S_option(&q, "Jinja", false);
	assert_float_equal(S_picks(&q, (bool[]){true, false, false, false}), 0.5, EPS);
	assert_true(S_picks(&q, (bool[]){true, true, false, false}) == 1);
	assert_true(S_picks(&q, (bool[]){true, true, true, false}) == 0);
	assert_true(S_picks(&q, (bool[]){false, false, true, false}) == 0);
	/* Once credits are written, an option without one adds nothing. */
	assert_true(S_picks(&q, (bool[]){true, true, false, true}) == 1);
	assert_true(S_picks(&q, (bool[]){false, false, false, true}) == 0);
	bank_question_clear(&q);

	/* Credits written as rounded percentages still make full marks. */
	q = S_question(BANK_MULTI, "q-thirds");
	S_weighted(&q, "a", true, 0.33333);
	S_weighted(&q, "b", true, 0.33333);
	S_weighted(&q, "c", true, 0.33333);
	S_weighted(&q, "d", false, -0.5);
	assert_true(S_picks(&q, (bool[]){true, true, true, false}) == 1);
	assert_float_equal(S_picks(&q, (bool[]){true, true, false, false}), 0.66666, EPS);
	assert_float_equal(S_picks(&q, (bool[]){true, true, true, true}), 0.49999, EPS);
	bank_question_clear(&q);

	/* Mixed with a written credit, a plain [x] option adds nothing either
	 * (and the credits of this question never reach full marks). */
	q = S_question(BANK_MULTI, "q-mixed");
	S_weighted(&q, "a", true, 0.5);
	S_option(&q, "b", true);
	S_option(&q, "c", false);
	assert_float_equal(S_picks(&q, (bool[]){true, true, false}), 0.5, EPS);
	assert_true(S_picks(&q, (bool[]){false, true, false}) == 0);
	assert_float_equal(S_picks(&q, (bool[]){true, false, true}), 0.5, EPS);
	bank_question_clear(&q);
}

static void test_multi_all_or_nothing(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_MULTI, "q-aon");
	q.flags = BANK_ALL_OR_NOTHING;
	S_option(&q, "GET", true);
	S_option(&q, "POST", true);
	S_option(&q, "FETCH", false);
	assert_true(S_picks(&q, (bool[]){true, true, false}) == 1);
	assert_true(S_picks(&q, (bool[]){true, false, false}) == 0);
	assert_true(S_picks(&q, (bool[]){true, true, true}) == 0);
	assert_true(S_picks(&q, (bool[]){false, false, true}) == 0);
	bank_question_clear(&q);
}

/* ---- short ---- */

static void test_normalize_reply(void **state)
{
	(void)state;
	char *s = quiz_normalize_reply("  Flask \t DB\n upgrade  ", false);
	assert_string_equal(s, "flask db upgrade");
	free(s);
	s = quiz_normalize_reply("  Flask \t DB\n upgrade  ", true);
	assert_string_equal(s, "Flask DB upgrade");
	free(s);
	s = quiz_normalize_reply("ÉCOLE École", false); /* only ASCII folds */
	assert_string_equal(s, "École École");
	free(s);
	s = quiz_normalize_reply(NULL, false);
	assert_string_equal(s, "");
	free(s);
	s = quiz_normalize_reply(" \t\n", false);
	assert_string_equal(s, "");
	free(s);
}

static void test_short_answers(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_SHORT, "q-short");
	S_option(&q, "`flask db upgrade`", true);
	S_option(&q, "python -m flask db upgrade", true);
	S_weighted(&q, "flask db migrate", true, 0.25);
	S_weighted(&q, "`` a`b ``", true, 0.5);
	S_option(&q, "2\\*3", true);
	size_t matched;
	assert_true(S_text(&q, "flask db upgrade", &matched) == 1);
	assert_int_equal(matched, 0);
	assert_true(S_text(&q, "  Flask   DB\tUPGRADE ", &matched) == 1);
	assert_int_equal(matched, 0);
	assert_true(S_text(&q, "python -m flask db upgrade", &matched) == 1);
	assert_int_equal(matched, 1);
	assert_float_equal(S_text(&q, "flask db migrate", &matched), 0.25, EPS);
	assert_int_equal(matched, 2);
	/* Double backticks around a span holding one; one space each side goes. */
	assert_float_equal(S_text(&q, "a`b", &matched), 0.5, EPS);
	assert_int_equal(matched, 3);
	/* A backslash escape in the Markdown stands for the character. */
	assert_true(S_text(&q, "2*3", &matched) == 1);
	assert_int_equal(matched, 4);
	/* Backticks typed by the learner are part of the reply. */
	S_text_zero(&q, "`flask db upgrade`", NULL);
	S_text_zero(&q, "flask db upgrades", NULL);
	S_text_zero(&q, "", "no answer given");
	S_text_zero(&q, "   ", "no answer given");
	S_text_zero(&q, NULL, "no answer given");
	bank_question_clear(&q);
}

static void test_short_best_weight_and_case(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_SHORT, "q-case");
	S_weighted(&q, "Select", true, 0.5);
	S_weighted(&q, "SELECT", true, 1.0);
	S_weighted(&q, "SELECTS", true, 0.0);
	size_t matched;
	/* Folded, both match: the better credit wins. */
	assert_true(S_text(&q, "select", &matched) == 1);
	assert_int_equal(matched, 1);
	/* A zero-credit answer still says which one matched (for its feedback). */
	assert_true(S_text(&q, "selects", &matched) == 0);
	assert_int_equal(matched, 2);
	q.flags = BANK_CASE_SENSITIVE;
	assert_float_equal(S_text(&q, "Select", &matched), 0.5, EPS);
	assert_int_equal(matched, 0);
	assert_true(S_text(&q, " SELECT ", &matched) == 1);
	assert_int_equal(matched, 1);
	S_text_zero(&q, "select", NULL);
	bank_question_clear(&q);
}

/* ---- numeric ---- */

static void test_numeric_intervals(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_NUMERIC, "q-num");
	S_number(&q, 41.5, 42.5, 1.0); /* 42 ± 0.5 */
	S_number(&q, 1, 5, 0.5);       /* 1..5 (50%) */
	S_number(&q, 1000, 1000, 1.0);
	S_number(&q, -2.5, -2.5, 1.0);
	size_t matched;
	assert_true(S_text(&q, "42", &matched) == 1);
	assert_int_equal(matched, 0);
	assert_true(S_text(&q, "42.5", NULL) == 1);
	assert_true(S_text(&q, "41.5", NULL) == 1);
	assert_true(S_text(&q, " +42 ", NULL) == 1);
	assert_true(S_text(&q, "4.2e1", NULL) == 1);
	S_text_zero(&q, "42.51", NULL);
	S_text_zero(&q, "41.49", NULL);
	assert_float_equal(S_text(&q, "3", &matched), 0.5, EPS);
	assert_int_equal(matched, 1);
	assert_float_equal(S_text(&q, "1", NULL), 0.5, EPS);
	assert_float_equal(S_text(&q, "5.0", NULL), 0.5, EPS);
	S_text_zero(&q, "0.99", NULL);
	assert_true(S_text(&q, "1e3", &matched) == 1);
	assert_int_equal(matched, 2);
	assert_true(S_text(&q, "\t1000\n", NULL) == 1);
	assert_true(S_text(&q, "-2.5", &matched) == 1);
	assert_int_equal(matched, 3);
	assert_true(S_text(&q, "-2.50", NULL) == 1);
	bank_question_clear(&q);
}

static void test_numeric_tolerance_ends_are_inclusive(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_NUMERIC, "q-tol");
	/* 1.1 ± 0.1 as a parser computes it: 1.1 - 0.1 is 1.0000000000000002. */
	S_number(&q, 1.1 - 0.1, 1.1 + 0.1, 1.0);
	assert_true(S_text(&q, "1", NULL) == 1);
	assert_true(S_text(&q, "1.2", NULL) == 1);
	S_text_zero(&q, "0.999", NULL);
	S_text_zero(&q, "1.201", NULL);
	bank_question_clear(&q);
}

static void test_numeric_rejects_what_is_not_a_number(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_NUMERIC, "q-nan");
	S_number(&q, 0, 100, 1.0);
	const char *bad[] = {"abc", "42abc", "4 2", "0x2A", "inf", "nan",   "1e",
	                     "1e+", "--1",   ".",   "+",    "1,5", "1e999", "42 %"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		S_text_zero(&q, bad[i], "not a number");
	S_text_zero(&q, "", "no answer given");
	S_text_zero(&q, NULL, "no answer given");
	assert_true(S_text(&q, ".5", NULL) == 1);
	assert_true(S_text(&q, "7.", NULL) == 1);
	S_text_zero(&q, "-0.5", NULL);
	bank_question_clear(&q);
}

/* ---- order ---- */

static double S_order(const struct bank_question *q, const size_t *order)
{
	struct quiz_answer a = {.order = order, .n_order = q->n_choices};
	struct quiz_grade g;
	double score = S_grade(q, &a, &g);
	quiz_grade_clear(&g);
	return score;
}

static void test_order_credits_right_successors(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_ORDER, "q-order");
	S_option(&q, "flask db init", true);
	S_option(&q, "edit the models", true);
	S_option(&q, "flask db migrate", true);
	S_option(&q, "flask db upgrade", true);
	assert_true(S_order(&q, (size_t[]){0, 1, 2, 3}) == 1);
	/* 1→2 and 2→3 are in place: 2 of 3 successor pairs. */
	assert_float_equal(S_order(&q, (size_t[]){1, 2, 3, 0}), 2.0 / 3, EPS);
	assert_float_equal(S_order(&q, (size_t[]){2, 3, 0, 1}), 2.0 / 3, EPS);
	assert_float_equal(S_order(&q, (size_t[]){0, 1, 3, 2}), 1.0 / 3, EPS);
	assert_true(S_order(&q, (size_t[]){3, 2, 1, 0}) == 0);
	assert_true(S_order(&q, (size_t[]){0, 2, 1, 3}) == 0);

	struct quiz_answer three = {.order = (size_t[]){0, 1, 2}, .n_order = 3};
	S_fails(&q, &three, ST_INVALID, "question 'q-order' has 4 items but the answer gives 3");
	struct quiz_answer twice = {.order = (size_t[]){0, 0, 1, 2}, .n_order = 4};
	S_fails(&q, &twice, ST_INVALID,
	        "the answer to ordering question 'q-order' is not an arrangement of its 4 items "
	        "(position 2)");
	struct quiz_answer outside = {.order = (size_t[]){0, 1, 2, 7}, .n_order = 4};
	S_fails(&q, &outside, ST_INVALID,
	        "the answer to ordering question 'q-order' is not an arrangement of its 4 items "
	        "(position 4)");
	bank_question_clear(&q);
}

/* ---- match ---- */

static double S_match(const struct bank_question *q, const size_t *match)
{
	struct quiz_answer a = {.match = match, .n_match = q->n_pairs};
	struct quiz_grade g;
	double score = S_grade(q, &a, &g);
	quiz_grade_clear(&g);
	return score;
}

static void test_match_credits_each_pair(void **state)
{
	(void)state;
	struct bank_question q = S_question(BANK_MATCH, "q-match");
	S_pair(&q, "`flask db init`", "creates the migrations folder");
	S_pair(&q, "`flask db migrate`", "writes a revision script");
	S_pair(&q, "`flask db upgrade`", "applies revisions");
	S_pair(&q, "`flask db downgrade`", "reverts a revision");
	assert_true(S_match(&q, (size_t[]){0, 1, 2, 3}) == 1);
	assert_float_equal(S_match(&q, (size_t[]){1, 0, 2, 3}), 0.5, EPS);
	assert_float_equal(S_match(&q, (size_t[]){QUIZ_NONE, 1, 2, 3}), 0.75, EPS);
	assert_float_equal(S_match(&q, (size_t[]){2, 2, 2, 2}), 0.25, EPS);
	assert_true(S_match(&q, (size_t[]){QUIZ_NONE, QUIZ_NONE, QUIZ_NONE, QUIZ_NONE}) == 0);
	assert_true(S_match(&q, (size_t[]){3, 2, 1, 0}) == 0);

	struct quiz_answer short_match = {.match = (size_t[]){0, 1}, .n_match = 2};
	S_fails(&q, &short_match, ST_INVALID,
	        "question 'q-match' has 4 pairs but the answer gives 2");
	struct quiz_answer outside = {.match = (size_t[]){0, 1, 2, 4}, .n_match = 4};
	S_fails(&q, &outside, ST_INVALID,
	        "the answer to matching question 'q-match' names pair 5 of 4");
	bank_question_clear(&q);

	/* Two lefts may share a right side: either copy of it is right. */
	q = S_question(BANK_MATCH, "q-shared");
	S_pair(&q, "SQLite", "embedded");
	S_pair(&q, "DuckDB", "embedded");
	S_pair(&q, "PostgreSQL", "client/server");
	assert_true(S_match(&q, (size_t[]){1, 0, 2}) == 1);
	assert_float_equal(S_match(&q, (size_t[]){2, 0, 2}), 2.0 / 3, EPS);
	bank_question_clear(&q);
}

/* ---- sql ---- */

static struct bank_question S_sql_question(const char *reference)
{
	struct bank_question q = S_question(BANK_SQL, "q-sql");
	q.sql = xstrdup(reference);
	q.dataset = xstrdup("ponies");
	return q;
}

static void test_sql_right_answer(void **state)
{
	(void)state;
	struct bank_question q = S_sql_question("SELECT name FROM ponies WHERE owner_id IS NULL");
	struct quiz_answer a = {.text = "select name from ponies\nwhere owner_id is null\n"
	                                "order by name desc;"};
	struct quiz_grade g;
	assert_true(S_grade(&q, &a, &g) == 1);
	assert_true(g.correct);
	assert_null(g.message);
	assert_string_equal(g.result, "┌─────────┐\n"
	                              "│ name    │\n"
	                              "├─────────┤\n"
	                              "│ Shadow  │\n"
	                              "│ Juniper │\n"
	                              "│ Hazel   │\n"
	                              "└─────────┘\n");
	quiz_grade_clear(&g);
	/* Column names are not compared. */
	a.text =
	    "SELECT p.name AS pony FROM ponies AS p LEFT JOIN owners AS o ON o.id = p.owner_id "
	    "WHERE o.id IS NULL";
	assert_true(S_grade(&q, &a, &g) == 1);
	quiz_grade_clear(&g);
	bank_question_clear(&q);
}

static void test_sql_wrong_answers_say_why(void **state)
{
	(void)state;
	struct bank_question q = S_sql_question("SELECT name FROM ponies WHERE owner_id IS NULL");
	struct quiz_answer a = {.text = "SELECT name FROM ponies WHERE owner_id = NULL"};
	struct quiz_grade g;
	assert_true(S_grade(&q, &a, &g) == 0);
	assert_string_equal(g.message, "your query returned 0 rows; the expected result has 3");
	assert_string_equal(g.result, "┌──────┐\n"
	                              "│ name │\n"
	                              "└──────┘\n"
	                              "(no rows)\n");
	quiz_grade_clear(&g);
	a.text = "SELECT name, colour FROM ponies WHERE owner_id IS NULL";
	assert_true(S_grade(&q, &a, &g) == 0);
	assert_string_equal(g.message, "your query returns 2 columns; the expected result has 1");
	quiz_grade_clear(&g);
	bank_question_clear(&q);

	/* count(*) after a LEFT JOIN counts the owners who have no pony as 1. */
	q = S_sql_question("SELECT o.name, count(p.id) FROM owners o LEFT JOIN ponies p "
	                   "ON p.owner_id = o.id GROUP BY o.id");
	a.text = "SELECT o.name, count(*) FROM owners o LEFT JOIN ponies p ON p.owner_id = o.id "
	         "GROUP BY o.id";
	assert_true(S_grade(&q, &a, &g) == 0);
	assert_string_equal(g.message,
	                    "2 rows differ; the first is row 5: expected (Erin Walsh, 0), "
	                    "got (Erin Walsh, 1)");
	assert_non_null(strstr(g.result, "│ Erin Walsh   │        1 │\n"));
	quiz_grade_clear(&g);
	bank_question_clear(&q);
}

static void test_sql_learner_errors_score_zero(void **state)
{
	(void)state;
	struct bank_question q = S_sql_question("SELECT name FROM ponies");
	S_text_zero(&q, "SELECT nmae FROM ponies", "no such column: nmae");
	S_text_zero(&q, "SELECT name FROM pony", "no such table: pony");
	S_text_zero(&q, "ATTACH 'x.db' AS x; SELECT name FROM ponies",
	            "ATTACH is not allowed in the sandbox");
	S_text_zero(&q, "  ", "no query given");
	S_text_zero(&q, NULL, "no query given");
	struct quiz_answer a = {.text = "SELECT nmae FROM ponies"};
	struct quiz_grade g;
	S_grade(&q, &a, &g);
	assert_null(g.result);
	quiz_grade_clear(&g);
	bank_question_clear(&q);
}

static void test_sql_time_limit_applies(void **state)
{
	(void)state;
	struct bank_question q = S_sql_question("SELECT count(*) FROM ponies");
	struct quiz_grade_env env = {.dataset_dir = S_dataset_dir(), .sql_time_limit_ms = 200};
	struct quiz_answer a = {.text =
	                            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM "
	                            "c) SELECT count(*) FROM c"};
	struct quiz_grade g;
	struct error err = {0};
	assert_int_equal(quiz_grade(&q, &a, &env, &g, &err), ST_OK);
	assert_true(g.score == 0);
	assert_string_equal(g.message, "query took longer than 0.2 s (stopped)");
	quiz_grade_clear(&g);
	bank_question_clear(&q);
}

static void test_sql_ordered_or_multiset(void **state)
{
	(void)state;
	struct bank_question q =
	    S_sql_question("SELECT name, age FROM ponies WHERE age > 10 ORDER BY age DESC");
	struct quiz_answer a = {.text = "SELECT name, age FROM ponies WHERE age > 10 ORDER BY age"};
	struct quiz_grade g;
	assert_true(S_grade(&q, &a, &g) == 1);
	quiz_grade_clear(&g);
	q.flags = BANK_ORDERED;
	assert_true(S_grade(&q, &a, &g) == 0);
	assert_string_equal(g.message, "the rows match but are in a different order");
	quiz_grade_clear(&g);
	a.text = "SELECT name, age FROM ponies WHERE age >= 11 ORDER BY 2 DESC";
	assert_true(S_grade(&q, &a, &g) == 1);
	quiz_grade_clear(&g);
	a.text = "SELECT name, age + 1 FROM ponies WHERE age > 10 ORDER BY age DESC";
	assert_true(S_grade(&q, &a, &g) == 0);
	assert_string_equal(g.message, "row 1 differs: expected (Duke, 15), got (Duke, 16)");
	quiz_grade_clear(&g);
	bank_question_clear(&q);
}

static void test_sql_learner_cannot_touch_the_reference(void **state)
{
	(void)state;
	struct bank_question q = S_sql_question("SELECT count(*) FROM ponies");
	/* The reference ran on its own copy: deleting here changes nothing there. */
	S_text_zero(&q,
	            "DELETE FROM pony_handlers; DELETE FROM ponies; SELECT count(*) FROM ponies",
	            "row 1 differs: expected (16), got (0)");
	/* Foreign keys are on for the learner too. */
	S_text_zero(&q, "DELETE FROM ponies; SELECT count(*) FROM ponies",
	            "FOREIGN KEY constraint failed");
	bank_question_clear(&q);
}

static void test_sql_grader_failures(void **state)
{
	(void)state;
	struct bank_question q = S_sql_question("SELECT nope FROM ponies");
	struct quiz_answer a = {.text = "SELECT name FROM ponies"};
	S_fails(&q, &a, ST_INVALID, "reference query for 'q-sql' fails: no such column: nope");
	bank_question_clear(&q);

	q = S_sql_question("SELECT 1");
	free(q.dataset);
	q.dataset = xstrdup("unicorns");
	struct quiz_grade_env env = {.dataset_dir = S_dataset_dir()};
	struct quiz_grade g;
	struct error err = {0};
	assert_int_equal(quiz_grade(&q, &a, &env, &g, &err), ST_IO);
	assert_string_equal(err.message, "no dataset named 'unicorns'");
	assert_non_null(strstr(err.where, "/unicorns.sql"));
	assert_null(g.result);

	free(q.dataset);
	q.dataset = xstrdup("../ponies");
	S_fails(&q, &a, ST_INVALID,
	        "dataset name '../ponies' is not a plain file name (letters, digits, '.', '_' and "
	        "'-')");

	free(q.dataset);
	q.dataset = xstrdup("ponies");
	assert_int_equal(quiz_grade(&q, &a, NULL, &g, &err), ST_INVALID);
	assert_string_equal(err.message, "no dataset directory to grade 'q-sql' with");
	free(q.sql);
	q.sql = NULL;
	S_fails(&q, &a, ST_INVALID, "SQL question 'q-sql' has no reference query");
	bank_question_clear(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_single_scores_the_picked_option),
	    cmocka_unit_test(test_truefalse_scores_like_single),
	    cmocka_unit_test(test_multi_partial_credit_and_penalty),
	    cmocka_unit_test(test_multi_with_weights),
	    cmocka_unit_test(test_multi_all_or_nothing),
	    cmocka_unit_test(test_normalize_reply),
	    cmocka_unit_test(test_short_answers),
	    cmocka_unit_test(test_short_best_weight_and_case),
	    cmocka_unit_test(test_numeric_intervals),
	    cmocka_unit_test(test_numeric_tolerance_ends_are_inclusive),
	    cmocka_unit_test(test_numeric_rejects_what_is_not_a_number),
	    cmocka_unit_test(test_order_credits_right_successors),
	    cmocka_unit_test(test_match_credits_each_pair),
	    cmocka_unit_test(test_sql_right_answer),
	    cmocka_unit_test(test_sql_wrong_answers_say_why),
	    cmocka_unit_test(test_sql_learner_errors_score_zero),
	    cmocka_unit_test(test_sql_time_limit_applies),
	    cmocka_unit_test(test_sql_ordered_or_multiset),
	    cmocka_unit_test(test_sql_learner_cannot_touch_the_reference),
	    cmocka_unit_test(test_sql_grader_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
