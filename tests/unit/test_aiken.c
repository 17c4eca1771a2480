/* Unit tests for bank/aiken: good files, every error with its position,
 * ids and plain-text escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank/aiken.h"
#include "bank/question.h"
#include "core/buf.h"

static size_t S_parse(const char *text, struct bank *b, struct bank_report *r)
{
	memset(b, 0, sizeof *b);
	bank_report_init(r, "t.txt");
	return bank_aiken_parse(text, strlen(text), b, r);
}

static char *S_report(const struct bank_report *r)
{
	struct buf out = {0};
	bank_report_format(r, &out);
	return buf_detach(&out);
}

static void S_done(struct bank *b, struct bank_report *r)
{
	bank_clear(b);
	bank_report_clear(r);
}

static void S_options(const struct bank_question *q, size_t n, const char *const *texts,
                      size_t right)
{
	assert_int_equal(q->n_choices, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(q->choices[i].text, texts[i]);
		assert_int_equal(q->choices[i].correct, i == right);
		assert_false(q->choices[i].has_weight);
		assert_null(q->choices[i].feedback);
	}
}

static void test_aiken_sample_file(void **state)
{
	(void)state;
	FILE *f = fopen("tests/fixtures/banks/sample.txt", "rb");
	assert_non_null(f);
	char text[4096];
	size_t len = fread(text, 1, sizeof text, f);
	fclose(f);
	struct bank b = {0};
	struct bank_report r;
	bank_report_init(&r, "sample.txt");
	assert_int_equal(bank_aiken_parse(text, len, &b, &r), 0);
	assert_int_equal(r.n_diags, 0);
	assert_int_equal(b.n_questions, 3);

	const struct bank_question *q = &b.questions[0];
	assert_int_equal(q->type, BANK_SINGLE);
	assert_int_equal(q->line, 1);
	assert_string_equal(q->section, "general");
	assert_int_equal(q->difficulty, 0);
	assert_null(q->explanation);
	assert_string_equal(q->stem, "Which command applies pending migrations to the database?");
	assert_string_equal(q->title, "Which command applies pending migrations to the database?");
	assert_string_equal(q->id, "which-command-applies-pending-migrations-to-the-d");
	static const char *const first[] = {"flask db migrate", "flask db upgrade",
	                                    "flask db init"};
	S_options(q, 3, first, 1);

	q = &b.questions[1];
	assert_int_equal(q->line, 7);
	assert_string_equal(
	    q->stem, "Which object holds the rows added or changed\\\nbefore they are committed?");
	assert_string_equal(q->title, "Which object holds the rows added or changed");
	static const char *const second[] = {"db.engine", "db.session", "db.Model", "db.metadata"};
	S_options(q, 4, second, 1);

	q = &b.questions[2];
	assert_int_equal(q->line, 15);
	assert_string_equal(q->stem, "What does the \\*args parameter of a view collect?");

	struct bank_report v;
	bank_report_init(&v, "sample.txt");
	assert_int_equal(bank_validate(&b, &v), 0);
	bank_report_clear(&v);
	S_done(&b, &r);
}

static void test_aiken_forms(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	/* Both label forms, tabs, CRLF, lower-case answer keyword and letter,
	 * a letter followed by '.', no blank line after ANSWER, a BOM. */
	const char *text = "\xEF\xBB\xBF  Pick one:  \r\n"
	                   "A)\tfirst_choice\r\n"
	                   "B. second [choice]\r\n"
	                   "answer: b.\r\n"
	                   "Next one\n"
	                   "A. x\n"
	                   "B. y\n"
	                   "ANSWER:A\n";
	assert_int_equal(S_parse(text, &b, &r), 0);
	assert_int_equal(r.n_diags, 0);
	assert_int_equal(b.n_questions, 2);
	static const char *const one[] = {"first\\_choice", "second \\[choice\\]"};
	S_options(&b.questions[0], 2, one, 1);
	assert_string_equal(b.questions[0].stem, "Pick one:");
	static const char *const two[] = {"x", "y"};
	S_options(&b.questions[1], 2, two, 0);
	assert_int_equal(b.questions[1].line, 5);
	S_done(&b, &r);
}

static void test_aiken_unique_ids(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const char *text = "Same question?\nA. a\nB. b\nANSWER: A\n\n"
	                   "Same question?\nA. a\nB. b\nANSWER: B\n\n"
	                   "Same   question?\nA. a\nB. b\nANSWER: B\n";
	assert_int_equal(S_parse(text, &b, &r), 0);
	assert_int_equal(b.n_questions, 3);
	assert_string_equal(b.questions[0].id, "same-question");
	assert_string_equal(b.questions[1].id, "same-question-2");
	assert_string_equal(b.questions[2].id, "same-question-3");
	S_done(&b, &r);
}

static void test_aiken_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text, *report;
		size_t errors, questions;
	} cases[] = {
	    {"No answer line\nA. one\nB. two\n\nFine?\nA. a\nB. b\nANSWER: A\n",
	     "t.txt:1:1: error: question 'No answer line' has no ANSWER: line\n", 1, 1},
	    {"Ends early\nA. one\nB. two",
	     "t.txt:1:1: error: question 'Ends early' has no ANSWER: line\n", 1, 0},
	    {"Only text\n", "t.txt:1:1: error: question 'Only text' has no ANSWER: line\n", 1, 0},
	    {"A. option first\nB. two\nANSWER: A\n",
	     "t.txt:1:1: error: option 'A.' before any question text\n", 1, 0},
	    {"ANSWER: A\n", "t.txt:1:1: error: ANSWER: line without a question before it\n", 1, 0},
	    {"Too few\nA. one\nANSWER: A\n",
	     "t.txt:3:1: error: question 'Too few' needs at least two options (A. and B.) before "
	     "its ANSWER: line\n",
	     1, 0},
	    {"None at all\nANSWER: A\n",
	     "t.txt:2:1: error: question 'None at all' needs at least two options (A. and B.) "
	     "before its ANSWER: line\n",
	     1, 0},
	    {"Out of range\nA. one\nB. two\n  ANSWER:  E\n",
	     "t.txt:4:12: error: answer 'E' of 'Out of range' is not among its options A-B\n", 1,
	     0},
	    {"Out of order\nA. one\nC. two\nANSWER: A\n",
	     "t.txt:3:1: error: option 'C' should be 'B': options are lettered A, B, C, ... in "
	     "order\n",
	     1, 0},
	    {"Stray\nA. one\nB. two\nnot an option\nANSWER: A\n",
	     "t.txt:4:1: error: expected option 'C.' or the ANSWER: line here (a blank line ends "
	     "a question)\n",
	     1, 0},
	    {"Two letters\nA. one\nB. two\nANSWER: A B\n",
	     "t.txt:4:11: error: ANSWER: takes one letter; an Aiken question has exactly one right "
	     "option\n",
	     1, 0},
	    {"No letter\nA. one\nB. two\nANSWER:\n",
	     "t.txt:4:8: error: ANSWER: needs the letter of the right option\n", 1, 0},
	    {"Digit\nA. one\nB. two\nANSWER: 1\n",
	     "t.txt:4:9: error: ANSWER: needs the letter of the right option\n", 1, 0},
	    {"Empty option\nA.\nB. two\nANSWER: B\n", "t.txt:2:1: error: option 'A' has no text\n",
	     1, 0},
	    {"First\nA. a\nB. b\nANSWER: A\nA. late option\n",
	     "t.txt:5:1: error: option 'A.' before any question text\n", 1, 1},
	    /* One error per broken question: the rest of it is passed over. */
	    {"Broken\nA. one\nC. two\nD. three\nANSWER: Z\n\nGood\nA. a\nB. b\nANSWER: B\n",
	     "t.txt:3:1: error: option 'C' should be 'B': options are lettered A, B, C, ... in "
	     "order\n",
	     1, 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bank b;
		struct bank_report r;
		size_t errors = S_parse(cases[i].text, &b, &r);
		char *got = S_report(&r);
		if (strcmp(got, cases[i].report) != 0)
			fprintf(stderr, "case %zu: %s\n", i, cases[i].text);
		assert_string_equal(got, cases[i].report);
		assert_int_equal(errors, cases[i].errors);
		assert_int_equal(b.n_questions, cases[i].questions);
		free(got);
		S_done(&b, &r);
	}
}

static void test_aiken_lines_that_look_like_options(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	/* "A.B" without a space and lower-case labels are question text. */
	const char *text = "A.B. testing or\na) lower case?\nA. yes\nB. no\nANSWER: A\n";
	assert_int_equal(S_parse(text, &b, &r), 0);
	assert_int_equal(b.n_questions, 1);
	assert_string_equal(b.questions[0].stem, "A.B. testing or\\\na) lower case?");
	S_done(&b, &r);
}

static void test_aiken_empty_and_unterminated_input(void **state)
{
	(void)state;
	struct bank b = {0};
	struct bank_report r;
	bank_report_init(&r, "t.txt");
	assert_int_equal(bank_aiken_parse(NULL, 0, &b, &r), 0);
	assert_int_equal(bank_aiken_parse("\n\n  \n", 4, &b, &r), 0);
	/* Only len bytes count: the ANSWER line is cut off here. */
	const char *text = "Cut?\nA. a\nB. b\nANSWER: A";
	assert_int_equal(bank_aiken_parse(text, 14, &b, &r), 1);
	assert_int_equal(b.n_questions, 0);
	char *got = S_report(&r);
	assert_string_equal(got, "t.txt:1:1: error: question 'Cut?' has no ANSWER: line\n");
	free(got);
	S_done(&b, &r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_aiken_sample_file),
	    cmocka_unit_test(test_aiken_forms),
	    cmocka_unit_test(test_aiken_unique_ids),
	    cmocka_unit_test(test_aiken_errors),
	    cmocka_unit_test(test_aiken_lines_that_look_like_options),
	    cmocka_unit_test(test_aiken_empty_and_unterminated_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
