/* Unit tests for quiz/pycheck (outcomes and keys) and quiz/coverage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "bank/native.h"
#include "quiz/coverage.h"
#include "quiz/pycheck.h"

static void test_outcome_of_output_and_tracebacks(void **state)
{
	(void)state;
	char *o = pycheck_outcome("  ['a', 'b']  \n\n200\n", "", true);
	assert_string_equal(o, "['a', 'b'] 200");
	free(o);
	o = pycheck_outcome("partial\n",
	                    "Traceback (most recent call last):\n  File \"q.py\", line 2\n"
	                    "sqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError) UNIQUE\n\n",
	                    false);
	assert_string_equal(o, "sqlalchemy.exc.IntegrityError");
	free(o);
	o = pycheck_outcome("", "Traceback (most recent call last):\nKeyError: 'Maple'\n", false);
	assert_string_equal(o, "KeyError");
	free(o);
	/* A message over several lines, after a chained exception. */
	o = pycheck_outcome("",
	                    "Traceback (most recent call last):\n  File \"a\", line 1\n"
	                    "ValueError: first\n\nDuring handling of the above exception, another "
	                    "exception occurred:\n\nTraceback (most recent call last):\n"
	                    "  File \"q.py\", line 9, in <module>\n    db.session.commit()\n"
	                    "    ^^^^^^^^^^^^^^^^^^\nsqlalchemy.exc.IntegrityError: (sqlite3."
	                    "IntegrityError) NOT NULL\n[SQL: INSERT INTO pony]\n"
	                    "(Background on this error at: https://sqlalche.me/e/14/gkpj)\n",
	                    false);
	assert_string_equal(o, "sqlalchemy.exc.IntegrityError");
	free(o);
	/* No traceback at all (exit(3) after a message): the last line. */
	o = pycheck_outcome("", "something odd\nfatal: giving up\n", false);
	assert_string_equal(o, "fatal");
	free(o);
	o = pycheck_outcome("", "", true);
	assert_string_equal(o, "");
	free(o);
}

static struct bank S_parse(const char *text)
{
	struct bank b = {0};
	struct bank_report rep;
	bank_report_init(&rep, "t.md");
	assert_int_equal(bank_native_parse(text, strlen(text), &b, &rep), 0);
	bank_report_clear(&rep);
	return b;
}

static void test_keys_match_outcomes(void **state)
{
	(void)state;
	struct bank b = S_parse("## S\nid: s · section: 1.1 · python-output\n\nQ\n\n- [ ] "
	                        "`None`\n- [x] `IntegrityError`\n"
	                        "\n## T\nid: t · section: 1.1\n\nQ\n\n- [x] True\n- [ ] False\n"
	                        "\n## N\nid: n · section: 1.1\n\nQ\n\n- 3.5 ± 0.5\n"
	                        "\n## W\nid: w · section: 1.1\n\nQ\n\n- `pony`\n- stable\n");
	char *want;
	assert_true(pycheck_matches(&b.questions[0], "sqlalchemy.exc.IntegrityError", &want));
	assert_true(pycheck_matches(&b.questions[0], "IntegrityError", &want));
	assert_false(pycheck_matches(&b.questions[0], "sqlalchemy.exc.OperationalError", &want));
	assert_string_equal(want, "IntegrityError");
	free(want);
	/* Only exception-like names match by their last part. */
	assert_false(pycheck_matches(&b.questions[0], "x IntegrityError", &want));
	free(want);
	assert_true(pycheck_matches(&b.questions[1], "True", &want));
	assert_false(pycheck_matches(&b.questions[1], "False", &want));
	free(want);
	assert_true(pycheck_matches(&b.questions[2], "3.9", &want));
	assert_false(pycheck_matches(&b.questions[2], "4.5", &want));
	assert_string_equal(want, "3..4");
	free(want);
	assert_false(pycheck_matches(&b.questions[2], "3.5 apples", &want));
	free(want);
	assert_true(pycheck_matches(&b.questions[3], "pony", &want));
	assert_true(pycheck_matches(&b.questions[3], "stable", &want));
	assert_false(pycheck_matches(&b.questions[3], "Pony", &want));
	assert_string_equal(want, "pony' or 'stable");
	free(want);
	bank_clear(&b);
}

static void test_run_refuses_types_it_cannot_check(void **state)
{
	(void)state;
	struct bank b =
	    S_parse("## O\nid: o · section: 1.1 · python-output\n\n```python\nprint(1)\n"
	            "```\n\n1. a\n2. b\n\n## P\nid: p · section: 1.1 · python-output\n\n"
	            "No code here.\n\n- [x] `1`\n- [ ] `2`\n");
	struct pycheck_result r;
	pycheck_run(&b.questions[0], "/usr/bin/python3", 5, &r);
	assert_false(r.ok);
	assert_string_equal(r.message,
	                    "python-output fits single, truefalse, short and numeric questions, "
	                    "not order");
	pycheck_run(&b.questions[1], "/usr/bin/python3", 5, &r);
	assert_false(r.ok);
	assert_string_equal(r.message, "python-output, but the stem has no ```python block");
	bank_clear(&b);
}

static void test_coverage_orders_sections_and_sums_chapters(void **state)
{
	(void)state;
	struct bank b =
	    S_parse("## A\nid: a · section: 1.10 · difficulty: 1\n\nQ\n\n- [x] y\n- [ ] n\n"
	            "\n## B\nid: b · section: 1.2 · difficulty: 3\n\nQ\n\n1. x\n2. y\n"
	            "\n## C\nid: c · section: 2.1 · difficulty: 2\n\nQ\n\n- 4\n"
	            "\n## D\nid: d · section: 1.2 · difficulty: 2\n\nQ\n\n- [x] y\n- [ ] n\n");
	struct coverage c = {0};
	for (size_t i = 0; i < b.n_questions; i++)
		coverage_add(&c, &b.questions[i]);
	struct buf out = {0};
	coverage_format(&c, &out);
	const char *t = buf_cstr(&out);
	const char *s12 = strstr(t, "\n1.2 "), *s110 = strstr(t, "\n1.10 "),
	           *ch1 = strstr(t, "\nch 1 ");
	const char *s21 = strstr(t, "\n2.1 ");
	assert_non_null(s12);
	assert_non_null(s110);
	assert_true(s12 < s110 && s110 < ch1 && ch1 < s21);
	assert_non_null(
	    strstr(t, "\nch 1        2      0      0      0      0      1      0      0     3"
	              "   1   1   1\n"));
	assert_non_null(strstr(t, "not single-answer: 50%; difficulty 1/2/3: 25% / 50% / 25%\n"));
	buf_free(&out);
	coverage_free(&c);
	bank_clear(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_outcome_of_output_and_tracebacks),
	    cmocka_unit_test(test_keys_match_outcomes),
	    cmocka_unit_test(test_run_refuses_types_it_cannot_check),
	    cmocka_unit_test(test_coverage_orders_sections_and_sums_chapters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
