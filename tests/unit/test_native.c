/* Unit tests for the native bank format parser (bank/native). */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "bank/export.h"
#include "bank/native.h"
#include "core/buf.h"
#include "core/paths.h"

struct parsed {
	struct bank bank;
	struct bank_report rep;
	size_t errors;
};

static void parse(struct parsed *p, const char *text)
{
	memset(p, 0, sizeof *p);
	bank_report_init(&p->rep, "t.md");
	p->errors = bank_native_parse(text, strlen(text), &p->bank, &p->rep);
}

static void done(struct parsed *p)
{
	bank_clear(&p->bank);
	bank_report_clear(&p->rep);
}

/* The report as text, for exact comparisons of messages and positions. */
static char *report(const struct parsed *p)
{
	struct buf b = {0};
	bank_report_format(&p->rep, &b);
	return buf_detach(&b);
}

static void test_sample_bank_every_type(void **state)
{
	(void)state;
	char *text;
	size_t len;
	struct error err;
	assert_int_equal(paths_read_file("tests/fixtures/banks/sample.md", &text, &len, &err),
	                 ST_OK);
	struct parsed p;
	parse(&p, text);
	free(text);
	char *r = report(&p);
	assert_string_equal(r, "");
	free(r);
	assert_int_equal(bank_validate(&p.bank, &p.rep), 0);
	assert_int_equal(p.rep.n_warnings, 0);
	assert_string_equal(p.bank.title, "Sample bank");
	assert_int_equal(p.bank.n_questions, 8);

	const struct bank_question *q = &p.bank.questions[0];
	assert_string_equal(q->id, "mig-upgrade");
	assert_string_equal(q->title, "Applying migrations");
	assert_string_equal(q->section, "1.1");
	assert_int_equal(q->difficulty, 1);
	assert_int_equal(q->type, BANK_SINGLE);
	assert_int_equal(q->line, 5);
	assert_string_equal(q->stem, "Which command applies pending migrations to the database?");
	assert_int_equal(q->n_choices, 3);
	assert_string_equal(q->choices[0].text, "`flask db migrate`");
	assert_string_equal(q->choices[0].feedback, "This one only writes a revision script.");
	assert_false(q->choices[0].correct);
	assert_true(q->choices[1].correct);
	assert_null(q->choices[1].feedback);
	assert_string_equal(q->explanation,
	                    "`migrate` only writes a revision script; `upgrade` runs it against "
	                    "the\ndatabase. Re-read 1.1.");

	q = &p.bank.questions[1];
	assert_int_equal(q->type, BANK_MULTI);
	assert_string_equal(q->stem, "Which loader options load a relationship **eagerly**?");

	q = &p.bank.questions[2];
	assert_int_equal(q->type, BANK_TRUEFALSE);
	assert_false(q->choices[0].correct);
	assert_true(q->choices[1].correct);

	q = &p.bank.questions[3];
	assert_int_equal(q->type, BANK_SHORT);
	assert_int_equal(q->n_choices, 2);
	assert_string_equal(q->choices[0].text, "upgrade");
	assert_false(q->choices[0].has_weight);
	assert_string_equal(q->choices[1].text, "`flask db upgrade`");
	assert_true(q->choices[1].has_weight);
	assert_true(q->choices[1].weight == 0.5);
	assert_string_equal(q->choices[1].feedback, "Only the subcommand was asked for.");

	q = &p.bank.questions[4];
	assert_int_equal(q->type, BANK_NUMERIC);
	assert_int_equal(q->n_numbers, 2);
	assert_true(q->numbers[0].lo == 5000 && q->numbers[0].hi == 5000);
	assert_true(q->numbers[0].weight == 1.0);
	assert_true(q->numbers[1].is_range);
	assert_true(q->numbers[1].lo == 4990 && q->numbers[1].hi == 5010);
	assert_true(q->numbers[1].weight == 0.5);

	q = &p.bank.questions[5];
	assert_int_equal(q->type, BANK_ORDER);
	assert_int_equal(q->n_choices, 4);
	assert_string_equal(q->choices[3].text, "`teardown_request` functions");
	assert_string_equal(q->stem, "Put the steps in the order Flask runs them:");

	q = &p.bank.questions[6];
	assert_int_equal(q->type, BANK_MATCH);
	assert_int_equal(q->n_pairs, 3);
	assert_string_equal(q->pairs[0].left, "`selectinload`");
	assert_string_equal(q->pairs[2].right, "one `SELECT` per access | on demand");

	q = &p.bank.questions[7];
	assert_int_equal(q->type, BANK_SQL);
	assert_string_equal(q->dataset, "ponies");
	assert_true(q->flags & BANK_ORDERED);
	assert_string_equal(q->sql, "SELECT o.name, count(p.id) AS n\n"
	                            "FROM owners o LEFT JOIN ponies p ON p.owner_id = o.id\n"
	                            "GROUP BY o.id ORDER BY n DESC, o.name;");
	done(&p);
}

static void test_stem_keeps_code_blocks_and_lists(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "## Q\nid: q1 · section: 1.1 · difficulty: 2\n\nWhat does this print?\n\n"
	          "```python\nprint(1 + 1)\n```\n\n* a list in the stem\n* second\n\n"
	          "- [x] 2\n- [ ] 11\n\n> It adds.\n> Twice.\n\n> Second quote.\n");
	assert_int_equal(p.errors, 0);
	const struct bank_question *q = &p.bank.questions[0];
	assert_string_equal(q->stem, "What does this print?\n\n```python\nprint(1 + 1)\n```\n\n"
	                             "* a list in the stem\n* second");
	assert_string_equal(q->explanation, "It adds.\nTwice.\n\nSecond quote.");
	assert_int_equal(q->n_choices, 2);
	done(&p);
}

static void test_metadata_flags_pipes_and_lines(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "## Q\nid: q1 | section: 4.2\ndifficulty: 3 · no-shuffle · all-or-nothing · "
	          "case-sensitive\n\nPick.\n\n- [x] a\n- [x] b\n- [ ] c\n\n> Why.\n");
	assert_int_equal(p.errors, 0);
	const struct bank_question *q = &p.bank.questions[0];
	assert_string_equal(q->id, "q1");
	assert_string_equal(q->section, "4.2");
	assert_int_equal(q->difficulty, 3);
	assert_int_equal(q->flags, BANK_NO_SHUFFLE | BANK_ALL_OR_NOTHING | BANK_CASE_SENSITIVE);
	assert_int_equal(q->type, BANK_MULTI);
	done(&p);
}

static void test_errors_have_positions(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "# Bank\n\n## No meta\n\n- [x] a\n\n## Bad fields\n"
	          "id: b · colour: red · difficulty: 5 · shiny\n\nQ?\n\n- [x] a\n- [ ] b\n\n"
	          "> E.\n\n## No answers\nid: c · section: 1.1\n\nJust text.\n\n> E.\n\n"
	          "# Second title\n");
	char *r = report(&p);
	assert_string_equal(
	    r, "t.md:3:1: error: question 'No meta' needs a metadata line after its heading "
	       "(id: some-id · section: 5.6 · difficulty: 1)\n"
	       "t.md:8:10: error: unknown field 'colour' (known: id, section, difficulty, type, "
	       "dataset)\n"
	       "t.md:8:25: error: difficulty must be 1, 2 or 3, not '5'\n"
	       "t.md:8:42: error: unknown flag 'shiny' (known: no-shuffle, all-or-nothing, "
	       "case-sensitive, ordered, python-output)\n"
	       "t.md:20:1: error: question 'No answers' has no answers: end it with a task list, "
	       "a list, a table or a ```sql block, then the explanation as a > quote\n"
	       "t.md:24:1: error: a bank has one '# ' title at the top; questions use '## '\n");
	free(r);
	assert_int_equal(p.errors, 6);
	done(&p);
}

static void test_type_mismatches(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p,
	      "## A\nid: a · section: 1 · type: match\n\nQ?\n\n- [x] a\n- [ ] b\n\n"
	      "## B\nid: b · section: 1 · type: truefalse\n\nQ?\n\n- [x] Yes\n- [ ] No\n\n"
	      "## C\nid: c · section: 1 · type: order\n\nQ?\n\n- a\n- b\n\n"
	      "## D\nid: d · section: 1\n\nQ?\n\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n\n"
	      "## E\nid: e · section: 1 · type: numeric\n\nQ?\n\n- forty-two\n");
	char *r = report(&p);
	assert_string_equal(
	    r, "t.md:6:1: error: type: match needs a bullet list, numbered list or table as its "
	       "answer block\n"
	       "t.md:14:1: error: a true/false question has exactly the two options True and "
	       "False\n"
	       "t.md:22:1: error: type: order needs a numbered list (1. 2. 3.) as its answer "
	       "block\n"
	       "t.md:30:1: error: a matching table has exactly two columns (left | right), not 3\n"
	       "t.md:39:1: error: 'forty-two' is not a number, 'value ± tolerance' or "
	       "'low..high'\n");
	free(r);
	done(&p);
}

static void test_validate_finds_semantic_errors_and_warnings(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p,
	      "## A\nid: same · section: 1.1\n\nQ?\n\n- [x] a\n- [x] b\n- [ ] c\n\n"
	      "## B\nid: same · section: 1.1 · type: single\n\nQ?\n\n- [x] a\n- [x] b\n\n> E.\n\n"
	      "## C\nid: Bad_ID · section: 1.1\n\nQ?\n\n- [x] only\n\n> E.\n\n"
	      "## D\nid: d · dataset: ponies\n\nQ?\n\n```sql\nSELECT 1;\n```\n\n> E.\n\n"
	      "## E\nid: e · section: 2.1\n\nQ?\n\n- [x] same\n- [ ] same\n\n> E.\n");
	assert_int_equal(p.errors, 0);
	assert_int_equal(bank_validate(&p.bank, &p.rep), 4);
	char *r = report(&p);
	assert_string_equal(
	    r, "t.md:1:1: warning: question 'same' has no explanation (a > blockquote after the "
	       "answers)\n"
	       "t.md:10:1: error: id 'same' is already used by the question at line 1\n"
	       "t.md:10:1: error: single-answer question 'same' needs exactly one [x] option (it "
	       "has 2); use type: multi for several\n"
	       "t.md:20:1: error: id 'Bad_ID' may use only a-z, 0-9, '.', '_' and '-' and must "
	       "start with a letter or digit\n"
	       "t.md:20:1: warning: question 'Bad_ID' has only one option\n"
	       "t.md:29:1: error: question 'd' has no section (section: 5.6)\n"
	       "t.md:40:1: warning: question 'e' repeats the option 'same'\n");
	free(r);
	done(&p);
}

static void test_crlf_and_spans(void **state)
{
	(void)state;
	const char *text =
	    "# T\r\n\r\n## One\r\nid: one · section: 1.1\r\n\r\nQ?\r\n\r\n- [x] a\r\n"
	    "- [ ] b\r\n\r\n> E.\r\n\r\n## Two\r\nid: two · section: 1.2\r\n\r\nQ2?\r\n"
	    "\r\n1. x\r\n2. y\r\n\r\n> E2.\r\n";
	struct bank b = {0};
	struct bank_report rep;
	bank_report_init(&rep, "crlf.md");
	struct bank_span *spans;
	assert_int_equal(bank_native_parse_spans(text, strlen(text), &b, &rep, &spans), 0);
	assert_int_equal(b.n_questions, 2);
	assert_string_equal(b.questions[0].explanation, "E.");
	assert_string_equal(b.questions[1].choices[1].text, "y");
	assert_int_equal(b.questions[1].type, BANK_ORDER);
	assert_int_equal(spans[0].start, strstr(text, "## One") - text);
	assert_int_equal(spans[0].end, strstr(text, "## Two") - text);
	assert_int_equal(spans[1].end, strlen(text));
	/* Each span parses on its own into the same question. */
	struct bank one = {0};
	assert_int_equal(
	    bank_native_parse(text + spans[1].start, spans[1].end - spans[1].start, &one, &rep), 0);
	assert_string_equal(one.questions[0].id, "two");
	bank_clear(&one);
	free(spans);
	bank_clear(&b);
	bank_report_clear(&rep);
}

static void test_credits_and_feedback_on_options(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "## W\nid: w · section: 1.1 · type: multi\n\nPick.\n\n- [x] (50%) a\n"
	          "  > Half of it.\n  > Really.\n- [ ] (-100%) b\n- [x] (50%) c\n- [ ] (150%) d\n\n"
	          "> E.\n");
	char *r = report(&p);
	assert_string_equal(r, "t.md:11:1: error: credit must be between -100% and 100%\n");
	free(r);
	const struct bank_question *q = &p.bank.questions[0];
	assert_true(q->choices[0].has_weight && q->choices[0].weight == 0.5);
	assert_string_equal(q->choices[0].text, "a");
	assert_string_equal(q->choices[0].feedback, "Half of it.\nReally.");
	assert_true(q->choices[1].weight == -1.0);
	done(&p);
}

/* The text as the parser sees each question, diagnostics and spans
 * included: equal for equal parses. */
static char *describe(const char *text, bool whole)
{
	struct bank b = {0};
	struct bank_report rep;
	bank_report_init(&rep, "p.md");
	struct bank_span *spans;
	size_t errors = whole ? bank_native_parse_whole(text, strlen(text), &b, &rep, &spans)
	                      : bank_native_parse_spans(text, strlen(text), &b, &rep, &spans);
	struct buf out = {0};
	buf_printf(&out, "%zu errors, title %s\n", errors, b.title ? b.title : "-");
	bank_report_format(&rep, &out);
	for (size_t i = 0; i < b.n_questions; i++) {
		const struct bank_question *q = &b.questions[i];
		buf_printf(&out, "[%zu-%zu line %d type %d]\n", spans[i].start, spans[i].end,
		           q->line, (int)q->type);
		if (q->type != BANK_QTYPE_COUNT)
			bank_export_md_question(q, &out);
	}
	free(spans);
	bank_clear(&b);
	bank_report_clear(&rep);
	return buf_detach(&out);
}

static void test_pieces_parse_as_the_whole_file(void **state)
{
	(void)state;
	static const char *const cases[] = {
	    /* a fence left open swallows every later question */
	    "# T\n\n## A\nid: a · section: 1.1\n\n```python\nx = 1\n\n## B\nid: b · section: "
	    "1.1\n\n"
	    "- [x] y\n- [ ] n\n\n> E.\n",
	    /* a closed fence just before the next question, and a longer closing fence */
	    "## A\nid: a · section: 1.1 · type: sql · dataset: ponies\n\nQ\n\n````sql\nSELECT 1;\n"
	    "`````\n## B\nid: b · section: 1.1\n\n- [x] y\n- [ ] n\n\n> E.\n",
	    /* an HTML block without a blank line keeps the heading as HTML */
	    "## A\nid: a · section: 1.1\n\n- [x] y\n- [ ] n\n\n<div>\n## B\nid: b\n",
	    /* a comment across headings */
	    "## A\nid: a · section: 1.1\n\n<!-- start\n## B\n-->\n\n- [x] y\n- [ ] n\n\n> E.\n",
	    /* lone CR line ends, a table and a fenced list item right before headings */
	    "## A\rid: a · section: 1.1\r\r| l | r |\r|---|---|\r| 1 | 2 |\r## B\rid: b · "
	    "section: 1.1\r\r- ```\r  code\r## C\rid: c · section: 1.1\r\r1. x\r2. y\r",
	    /* an indented heading inside a piece, a late title, reference definitions */
	    "[r]: /url\n## A\nid: a · section: 1.1\n\nSee [r].\n\n- [x] y\n- [ ] n\n ## B\nid: "
	    "b · section: 1.1\n\n- 42\n# Late\n## C\n\n~~~\n## not a heading\n~~~\n",
	    /* a heading at the very end, "##" alone, "###" never splits */
	    "## A\nid: a · section: 1.1\n\n- [x] y\n- [ ] n\n##\n### x\n##",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *pieces = describe(cases[i], false);
		char *whole = describe(cases[i], true);
		assert_string_equal(pieces, whole);
		free(pieces);
		free(whole);
	}
	/* The first case really has one question, not two. */
	struct parsed p;
	parse(&p, cases[0]);
	assert_int_equal(p.bank.n_questions, 1);
	done(&p);
}

static void test_table_glued_to_a_paragraph_is_an_error(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "## M\nid: m · section: 1.1\n\nPair them:\n| a | b |\n|---|---|\n| x | y |\n\n"
	          "> E.\n");
	char *r = report(&p);
	assert_string_equal(r, "t.md:4:1: error: question 'M': leave a blank line between a "
	                       "paragraph and the table after it\n");
	free(r);
	done(&p);
	parse(&p, "## M\nid: m · section: 1.1\n\nPair them:\n\n| a | b |\n|---|---|\n| x | y |\n"
	          "| z | w |\n\n> E.\n");
	assert_int_equal(p.errors, 0);
	assert_int_equal(p.bank.questions[0].type, BANK_MATCH);
	assert_string_equal(p.bank.questions[0].stem, "Pair them:");
	done(&p);
}

static void test_empty_and_garbage_input(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "");
	assert_int_equal(p.errors, 0);
	assert_int_equal(p.bank.n_questions, 0);
	done(&p);
	parse(&p, "## \n\n##\n- [x]\n\x01\xff\xfe\n| | |\n|-|-|\n");
	assert_true(p.errors > 0);
	done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sample_bank_every_type),
	    cmocka_unit_test(test_stem_keeps_code_blocks_and_lists),
	    cmocka_unit_test(test_metadata_flags_pipes_and_lines),
	    cmocka_unit_test(test_errors_have_positions),
	    cmocka_unit_test(test_type_mismatches),
	    cmocka_unit_test(test_validate_finds_semantic_errors_and_warnings),
	    cmocka_unit_test(test_crlf_and_spans),
	    cmocka_unit_test(test_credits_and_feedback_on_options),
	    cmocka_unit_test(test_pieces_parse_as_the_whole_file),
	    cmocka_unit_test(test_table_glued_to_a_paragraph_is_an_error),
	    cmocka_unit_test(test_empty_and_garbage_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
