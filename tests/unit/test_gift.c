/* Unit tests for bank/gift: every GIFT feature, its Markdown conversion,
 * the studyterm comment, ids, categories, skipped items and the exact
 * positions of syntax errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank/gift.h"
#include "bank/question.h"
#include "core/buf.h"
#include "core/xalloc.h"

/* ---- helpers ---- */

static size_t S_parse(const char *text, struct bank *b, struct bank_report *r)
{
	memset(b, 0, sizeof *b);
	bank_report_init(r, "t.gift");
	return bank_gift_parse(text, strlen(text), b, r);
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

/* Parses text that must convert cleanly into exactly one question that
 * bank_validate accepts without errors; returns it. */
static const struct bank_question *S_one(const char *text, struct bank *b, struct bank_report *r)
{
	assert_int_equal(S_parse(text, b, r), 0);
	if (r->n_diags) {
		char *s = S_report(r);
		fprintf(stderr, "unexpected diagnostics:\n%s", s);
		free(s);
	}
	assert_int_equal(r->n_diags, 0);
	assert_int_equal(b->n_questions, 1);
	struct bank_report v;
	bank_report_init(&v, "t.gift");
	assert_int_equal(bank_validate(b, &v), 0);
	bank_report_clear(&v);
	return &b->questions[0];
}

/* Parses text and compares the whole formatted report. */
static void S_expect_report(const char *text, size_t errors, size_t questions, const char *expected)
{
	struct bank b;
	struct bank_report r;
	assert_int_equal(S_parse(text, &b, &r), errors);
	char *got = S_report(&r);
	assert_string_equal(got, expected);
	assert_int_equal(b.n_questions, questions);
	free(got);
	S_done(&b, &r);
}

static void S_choice(const struct bank_question *q, size_t i, const char *text, bool correct,
                     bool has_weight, double weight, const char *feedback)
{
	assert_true(i < q->n_choices);
	const struct bank_choice *c = &q->choices[i];
	assert_string_equal(c->text, text);
	assert_int_equal(c->correct, correct);
	assert_int_equal(c->has_weight, has_weight);
	if (has_weight)
		assert_true(c->weight == weight);
	if (feedback)
		assert_string_equal(c->feedback, feedback);
	else
		assert_null(c->feedback);
}

static void S_number(const struct bank_question *q, size_t i, double value, double tolerance,
                     bool is_range, double lo, double hi, double weight, const char *feedback)
{
	assert_true(i < q->n_numbers);
	const struct bank_number *n = &q->numbers[i];
	assert_true(n->value == value);
	assert_true(n->tolerance == tolerance);
	assert_int_equal(n->is_range, is_range);
	assert_true(n->lo == lo);
	assert_true(n->hi == hi);
	assert_true(n->weight == weight);
	if (feedback)
		assert_string_equal(n->feedback, feedback);
	else
		assert_null(n->feedback);
}

/* ---- question types ---- */

static void test_gift_single_choice(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const struct bank_question *q =
	    S_one("\n\n::Applying migrations::Which command applies migrations?{\n"
	          "\t~flask db migrate\n"
	          "\t=flask db upgrade\n"
	          "\t~flask db init\n"
	          "}\n",
	          &b, &r);
	assert_int_equal(q->type, BANK_SINGLE);
	assert_string_equal(q->id, "applying-migrations");
	assert_string_equal(q->title, "Applying migrations");
	assert_string_equal(q->section, "general");
	assert_int_equal(q->difficulty, 0);
	assert_int_equal(q->flags, 0);
	assert_int_equal(q->line, 3);
	assert_string_equal(q->stem, "Which command applies migrations?");
	assert_null(q->explanation);
	assert_int_equal(q->n_choices, 3);
	S_choice(q, 0, "flask db migrate", false, false, 0, NULL);
	S_choice(q, 1, "flask db upgrade", true, false, 0, NULL);
	S_choice(q, 2, "flask db init", false, false, 0, NULL);
	S_done(&b, &r);
}

static void test_gift_feedback_and_general_feedback(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const struct bank_question *q =
	    S_one("Where do revisions live?{=migrations/versions#Right.\n~instance/#No: config.\n"
	          "~static/\n####Alembic keeps one script per revision.}",
	          &b, &r);
	assert_string_equal(q->explanation, "Alembic keeps one script per revision.");
	S_choice(q, 0, "migrations/versions", true, false, 0, "Right.");
	S_choice(q, 1, "instance/", false, false, 0, "No: config.");
	S_choice(q, 2, "static/", false, false, 0, NULL);
	S_done(&b, &r);
}

static void test_gift_partial_credit_in_single_choice(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const struct bank_question *q = S_one(
	    "Which argument makes a primary key?{=primary key ~%50%unique#Close. ~%-25%nullable}",
	    &b, &r);
	assert_int_equal(q->type, BANK_SINGLE);
	S_choice(q, 0, "primary key", true, false, 0, NULL);
	S_choice(q, 1, "unique", false, true, 0.5, "Close.");
	S_choice(q, 2, "nullable", false, true, -0.25, NULL);
	S_done(&b, &r);
}

static void test_gift_multiple_response(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const struct bank_question *q =
	    S_one("Which two does db.relationship() accept?{\n~%50%backref\n~%50%lazy#Yes.\n"
	          "~%-100%primary_key\n~nullable\n}",
	          &b, &r);
	assert_int_equal(q->type, BANK_MULTI);
	assert_int_equal(q->n_choices, 4);
	S_choice(q, 0, "backref", true, true, 0.5, NULL);
	S_choice(q, 1, "lazy", true, true, 0.5, "Yes.");
	S_choice(q, 2, "primary\\_key", false, true, -1.0, NULL);
	S_choice(q, 3, "nullable", false, true, 0.0, NULL);
	S_done(&b, &r);

	/* Fractional weights: Moodle rounds their sum to whole percents. */
	assert_int_equal(S_parse("Pick three.{~%33.333%a ~%33.333%b ~%33.333%c ~d}", &b, &r), 0);
	assert_int_equal(b.n_questions, 1);
	assert_true(fabs(b.questions[0].choices[0].weight - 0.33333) < 1e-12);
	S_done(&b, &r);
}

static void test_gift_several_full_credit_answers(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	/* Moodle gives full credit to each '=' answer of a single-choice
	 * question; studyterm keeps one right option and weights the others. */
	assert_int_equal(S_parse("Which starts the server?{=flask run =python -m flask run "
	                         "~flask serve ~%100%flask start}",
	                         &b, &r),
	                 0);
	char *rep = S_report(&r);
	assert_string_equal(rep,
	                    "t.gift:1:25: warning: question 'Which starts the server?' has 3 "
	                    "answers worth full credit; studyterm shows the first as the answer "
	                    "and gives the others full credit too\n");
	free(rep);
	const struct bank_question *q = &b.questions[0];
	assert_int_equal(q->type, BANK_SINGLE);
	S_choice(q, 0, "flask run", true, true, 1.0, NULL);
	S_choice(q, 1, "python -m flask run", false, true, 1.0, NULL);
	S_choice(q, 2, "flask serve", false, false, 0, NULL);
	S_choice(q, 3, "flask start", false, true, 1.0, NULL);
	struct bank_report v;
	bank_report_init(&v, "t.gift");
	assert_int_equal(bank_validate(&b, &v), 0);
	bank_report_clear(&v);
	S_done(&b, &r);
}

static void test_gift_truefalse(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		bool is_true;
	} forms[] = {
	    {"Flask is a micro-framework.{T}", true},
	    {"Flask is a micro-framework.{TRUE}", true},
	    {"Flask is a micro-framework.{F}", false},
	    {"Flask is a micro-framework.{ FALSE }", false},
	};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		struct bank b;
		struct bank_report r;
		const struct bank_question *q = S_one(forms[i].text, &b, &r);
		assert_int_equal(q->type, BANK_TRUEFALSE);
		assert_string_equal(q->stem, "Flask is a micro-framework.");
		S_choice(q, 0, "True", forms[i].is_true, false, 0, NULL);
		S_choice(q, 1, "False", !forms[i].is_true, false, 0, NULL);
		S_done(&b, &r);
	}
	/* {F#shown when wrong#shown when right}: picking True is wrong, so
	 * the first feedback belongs to True. */
	struct bank b;
	struct bank_report r;
	const struct bank_question *q =
	    S_one("Debug mode may stay on in production.{FALSE#No: anyone could run code."
	          "#Right.####The debugger executes code.}",
	          &b, &r);
	S_choice(q, 0, "True", false, false, 0, "No: anyone could run code.");
	S_choice(q, 1, "False", true, false, 0, "Right.");
	assert_string_equal(q->explanation, "The debugger executes code.");
	S_done(&b, &r);
	q = S_one("Flask signs its session cookie.{T##Right: it is signed.}", &b, &r);
	S_choice(q, 0, "True", true, false, 0, "Right: it is signed.");
	S_choice(q, 1, "False", false, false, 0, NULL);
	S_done(&b, &r);
}

static void test_gift_short_answer(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const struct bank_question *q =
	    S_one("Which group manages migrations?{=db =flask  db\n=%50%migrate#Almost. "
	          "=%0%upgrade#That is one command.}",
	          &b, &r);
	assert_int_equal(q->type, BANK_SHORT);
	assert_int_equal(q->n_choices, 4);
	S_choice(q, 0, "db", true, false, 0, NULL);
	S_choice(q, 1, "flask db", true, false, 0, NULL);
	S_choice(q, 2, "migrate", true, true, 0.5, "Almost.");
	S_choice(q, 3, "upgrade", true, true, 0.0, "That is one command.");
	S_done(&b, &r);

	/* Answers Markdown would misread become one code span, which the
	 * grader compares without its backticks; [markdown] ones stay. */
	q = S_one("Name the key.{=SQLALCHEMY_DATABASE_URI =a`b =[markdown]`x_y` =T}", &b, &r);
	S_choice(q, 0, "`SQLALCHEMY_DATABASE_URI`", true, false, 0, NULL);
	S_choice(q, 1, "``a`b``", true, false, 0, NULL);
	S_choice(q, 2, "`x_y`", true, false, 0, NULL);
	S_choice(q, 3, "T", true, false, 0, NULL);
	S_done(&b, &r);

	/* An answer without '=' is accepted too, as Moodle reads it. */
	q = S_one("Capital of France?{Paris}", &b, &r);
	assert_int_equal(q->type, BANK_SHORT);
	S_choice(q, 0, "Paris", true, false, 0, NULL);
	S_done(&b, &r);

	/* Moodle's '*' wildcard is kept literally, with a warning. */
	assert_int_equal(S_parse("Any word?{=flask*}", &b, &r), 0);
	char *rep = S_report(&r);
	assert_string_equal(rep,
	                    "t.gift:1:12: warning: question 'Any word?': Moodle reads '*' in a "
	                    "short answer as a wildcard; studyterm compares it literally\n");
	free(rep);
	assert_string_equal(b.questions[0].choices[0].text, "`flask*`");
	S_done(&b, &r);
}

static void test_gift_numeric(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const struct bank_question *q = S_one("Default port?{#5000:0}", &b, &r);
	assert_int_equal(q->type, BANK_NUMERIC);
	assert_int_equal(q->n_numbers, 1);
	S_number(q, 0, 5000, 0, false, 5000, 5000, 1.0, NULL);
	S_done(&b, &r);

	q = S_one("Roughly pi?{#3.14:0.01}", &b, &r);
	S_number(q, 0, 3.14, 0.01, false, 3.14 - 0.01, 3.14 + 0.01, 1.0, NULL);
	S_done(&b, &r);

	q = S_one("A prime from 2 to 5?{#2..5}", &b, &r);
	S_number(q, 0, 3.5, 0, true, 2, 5, 1.0, NULL);
	S_done(&b, &r);

	q = S_one("Exactly?{#42}", &b, &r);
	S_number(q, 0, 42, 0, false, 42, 42, 1.0, NULL);
	S_done(&b, &r);

	q = S_one("Released?{#\n\t=2010:0#Yes.\n\t=%50%2010:1#Close.\n\t=%25%-1..1e1\n"
	          "####Flask 0.1 came out in 2010.}",
	          &b, &r);
	assert_int_equal(q->n_numbers, 3);
	S_number(q, 0, 2010, 0, false, 2010, 2010, 1.0, "Yes.");
	S_number(q, 1, 2010, 1, false, 2009, 2011, 0.5, "Close.");
	S_number(q, 2, 4.5, 0, true, -1, 10, 0.25, NULL);
	assert_string_equal(q->explanation, "Flask 0.1 came out in 2010.");
	S_done(&b, &r);

	/* The catch-all for other numbers has no place: reported, not lost. */
	assert_int_equal(S_parse("Workers?{#1:0 ~#Check --workers.}", &b, &r), 0);
	char *rep = S_report(&r);
	assert_string_equal(rep, "t.gift:1:15: skipped: question 'Workers?': the feedback for any "
	                         "other number ('~' part) has no place in studyterm and is left "
	                         "out\n");
	free(rep);
	assert_int_equal(b.n_questions, 1);
	assert_int_equal(b.questions[0].n_numbers, 1);
	S_done(&b, &r);
}

static void test_gift_matching(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const struct bank_question *q =
	    S_one("Match the methods.{\n=GET -> read\n=POST->create_one\n=[markdown]**DELETE** -> "
	          "remove\n####Verbs.}",
	          &b, &r);
	assert_int_equal(q->type, BANK_MATCH);
	assert_int_equal(q->n_pairs, 3);
	assert_int_equal(q->n_choices, 0);
	assert_string_equal(q->pairs[0].left, "GET");
	assert_string_equal(q->pairs[0].right, "read");
	assert_string_equal(q->pairs[1].left, "POST");
	assert_string_equal(q->pairs[1].right, "`create_one`");
	assert_string_equal(q->pairs[2].left, "**DELETE**");
	assert_string_equal(q->pairs[2].right, "remove");
	assert_string_equal(q->explanation, "Verbs.");
	S_done(&b, &r);

	/* Moodle's extra right-hand answers: reported, the pairs kept. */
	assert_int_equal(S_parse("Codes.{=200 -> OK =404 -> Not Found = -> Teapot}", &b, &r), 0);
	char *rep = S_report(&r);
	assert_string_equal(rep,
	                    "t.gift:1:37: skipped: question 'Codes.': the extra answer 'Teapot' "
	                    "(nothing on its left) has no place in studyterm and is left out\n");
	free(rep);
	assert_int_equal(b.questions[0].n_pairs, 2);
	S_done(&b, &r);
}

static void test_gift_missing_word(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const struct bank_question *q =
	    S_one("The {~render =route ~view} decorator maps a URL.", &b, &r);
	assert_int_equal(q->type, BANK_SINGLE);
	assert_string_equal(q->stem, "The _____ decorator maps a URL.");
	assert_string_equal(q->title, "The _____ decorator maps a URL.");
	assert_string_equal(q->id, "the-decorator-maps-a-url");
	S_choice(q, 1, "route", true, false, 0, NULL);
	S_done(&b, &r);

	q = S_one("Undo it with flask db {=downgrade} and a revision.", &b, &r);
	assert_int_equal(q->type, BANK_SHORT);
	assert_string_equal(q->stem, "Undo it with flask db _____ and a revision.");
	S_done(&b, &r);

	q = S_one("{=Jinja ~Mako} renders Flask templates.", &b, &r);
	assert_string_equal(q->stem, "_____ renders Flask templates.");
	S_done(&b, &r);

	/* Only whitespace after the braces is not a missing word. */
	q = S_one("Which engine?{=Jinja ~Mako}   ", &b, &r);
	assert_string_equal(q->stem, "Which engine?");
	S_done(&b, &r);

	q = S_one("[html]Bind with <code>--bind</code> or {=-b ~-l} for short.", &b, &r);
	assert_string_equal(q->stem, "Bind with `--bind` or _____ for short.");
	S_done(&b, &r);
}

/* ---- text ---- */

static void test_gift_escapes(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const struct bank_question *q =
	    S_one("::Escapes\\: all::A \\{brace\\}, \\~tilde, \\#hash, \\=equals, \\\\ and\\nnext "
	          "line.{=a \\= b\\#1 #fb \\~ x\\:y ~c \\{d\\}}",
	          &b, &r);
	assert_string_equal(q->title, "Escapes: all");
	assert_string_equal(q->stem, "A {brace}, \\~tilde, #hash, =equals, \\\\ and\\\nnext line.");
	S_choice(q, 0, "a = b#1", true, false, 0, "fb \\~ x:y");
	S_choice(q, 1, "c {d}", false, false, 0, NULL);
	S_done(&b, &r);

	/* A backslash before anything else is text, and the next character
	 * keeps its meaning. */
	q = S_one("[markdown]Use \\*stars\\* and C:\\\\path.{=a\\b ~c}", &b, &r);
	assert_string_equal(q->stem, "Use \\*stars\\* and C:\\path.");
	S_choice(q, 0, "a\\b", true, false, 0, NULL);
	S_done(&b, &r);
}

static void test_gift_formats(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const struct bank_question *q =
	    S_one("::Commit::[markdown]What does `commit()` do?\\n\\n```python\\ndb.session."
	          "commit()\\n```{=Writes **pending** changes ~Closes it}",
	          &b, &r);
	assert_string_equal(q->stem,
	                    "What does `commit()` do?\n\n```python\ndb.session.commit()\n```");
	S_choice(q, 0, "Writes **pending** changes", true, false, 0, NULL);
	S_done(&b, &r);

	q = S_one("[plain]Which is *not* a <SQL> operator?{~<> =** ~>\\= ~\\# x}", &b, &r);
	assert_string_equal(q->stem, "Which is \\*not\\* a \\<SQL> operator?");
	S_choice(q, 0, "\\<>", false, false, 0, NULL);
	S_choice(q, 1, "\\*\\*", true, false, 0, NULL);
	S_choice(q, 2, "\\>=", false, false, 0, NULL);
	S_choice(q, 3, "\\# x", false, false, 0, NULL);
	S_done(&b, &r);

	/* [moodle] and unmarked text are plain; markers per answer and per
	 * feedback override the question's. */
	q = S_one("[moodle]Which is _Markdown_?{=[markdown]the **bold** one#[html]<b>yes</b> "
	          "~[html]the <i>italic</i> one ~[plain]the _plain_ one ~[other]x}",
	          &b, &r);
	assert_string_equal(q->stem, "Which is \\_Markdown\\_?");
	S_choice(q, 0, "the **bold** one", true, false, 0, "**yes**");
	S_choice(q, 1, "the *italic* one", false, false, 0, NULL);
	S_choice(q, 2, "the \\_plain\\_ one", false, false, 0, NULL);
	S_choice(q, 3, "\\[other\\]x", false, false, 0, NULL);
	S_done(&b, &r);

	/* A [markdown] question's answers inherit its format. */
	q = S_one("[markdown]Pick.{=*a* ~_b_}", &b, &r);
	S_choice(q, 0, "*a*", true, false, 0, NULL);
	S_choice(q, 1, "_b_", false, false, 0, NULL);
	S_done(&b, &r);
}

static void test_gift_html_to_markdown(void **state)
{
	(void)state;
	static const struct {
		const char *html, *md;
	} cases[] = {
	    {"a<b> bold </b>c", "a **bold** c"},
	    {"<strong><em>both</em></strong>.", "***both***."},
	    {"x <i></i>y", "x y"},
	    {"<B>upper</B> case", "**upper** case"},
	    {"<p dir\\=\"ltr\">one</p><p>two<br>three</p>", "one\n\ntwo\\\nthree"},
	    {"<code>a &lt; b</code> and <tt>`t`</tt>", "`a < b` and `` `t` ``"},
	    {"<pre>def f():\\n    return 1</pre>after",
	     "```\ndef f():\n    return 1\n```\n\nafter"},
	    {"<img src\\=\"x.png\"> &amp; &lt;b&gt;", "<img src=\"x.png\"> &amp; &lt;b&gt;"},
	    {"<span class\\=\"k\">plain</span> *star* 1 < 2", "plain \\*star\\* 1 \\< 2"},
	    {"<b>never closed", "**never closed**"},
	    {"x</b>y", "xy"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[256];
		snprintf(text, sizeof text, "[html]%s{T}", cases[i].html);
		struct bank b;
		struct bank_report r;
		const struct bank_question *q = S_one(text, &b, &r);
		assert_string_equal(q->stem, cases[i].md);
		S_done(&b, &r);
	}
}

static void test_gift_plain_markdown(void **state)
{
	(void)state;
	static const struct {
		const char *plain;
		bool block;
		const char *md;
	} cases[] = {
	    {"  a   b  ", false, "a b"},
	    {"1. not a list", false, "1\\. not a list"},
	    {"12) not either", false, "12\\) not either"},
	    {"3.14 is pi", false, "3.14 is pi"},
	    {"# not a heading", false, "\\# not a heading"},
	    {"- not a bullet", false, "\\- not a bullet"},
	    {"-1 and a-b", false, "-1 and a-b"},
	    {"+ not a bullet", false, "\\+ not a bullet"},
	    {"> not a quote, a > b", false, "\\> not a quote, a > b"},
	    {"=== x", false, "\\=== x"},
	    {"a_b *c* `d` [e](f) <g> h|i ~j~ k\\l", false,
	     "a\\_b \\*c\\* \\`d\\` \\[e\\](f) \\<g> h\\|i \\~j\\~ k\\\\l"},
	    {"&amp; and AT & T", false, "\\&amp; and AT & T"},
	    {"one\ntwo", false, "one two"},
	    {"one\ntwo", true, "one\\\ntwo"},
	    {"one\n\n\n two\n- three", true, "one\n\ntwo\\\n\\- three"},
	    {"bad \xff byte \x01", false, "bad \xEF\xBF\xBD byte \xEF\xBF\xBD"},
	    {"caf\xc3\xa9", false, "caf\xc3\xa9"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *md = bank_gift_plain_markdown(cases[i].plain, strlen(cases[i].plain),
		                                    cases[i].block);
		assert_string_equal(md, cases[i].md);
		free(md);
	}
	char *md = bank_gift_plain_markdown(NULL, 3, true);
	assert_string_equal(md, "");
	free(md);
}

static void test_gift_title_words(void **state)
{
	(void)state;
	char *t =
	    bank_gift_title_words("  What does\turl_for build from the name of an endpoint?", 55);
	assert_string_equal(t, "What does url_for build from the name of");
	free(t);
	t = bank_gift_title_words(" \n ", 3);
	assert_string_equal(t, "Question");
	free(t);
	t = bank_gift_title_words("short", 3);
	assert_string_equal(t, "sho");
	free(t);
}

/* ---- comments, categories, metadata, ids ---- */

static void test_gift_comments_and_categories(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const char *text = "// a comment block on its own\n"
	                   "\n"
	                   "$CATEGORY: $course$/top/Databases/5.6\n"
	                   "\n"
	                   "// comment before the question\n"
	                   "First?{T}\n"
	                   "\n"
	                   "$CATEGORY: $course$/top/Jinja templates\n"
	                   "Second,\n"
	                   "  // a comment line inside is dropped\n"
	                   "  on two lines?{T}\n"
	                   "\n"
	                   "$CATEGORY: Deployment//Hosting/7.2 Gunicorn\n"
	                   "\n"
	                   "Third?{T}\n"
	                   "\n"
	                   "$CATEGORY: a//b\n"
	                   "\n"
	                   "Fourth?{T}\n"
	                   "\n"
	                   "$CATEGORY: $course$/top\n"
	                   "\n"
	                   "Fifth?{T}\n"
	                   "\n"
	                   "$CATEGORY: 12\n"
	                   "\n"
	                   "Sixth?{T}\n";
	assert_int_equal(S_parse(text, &b, &r), 0);
	assert_int_equal(r.n_diags, 0);
	assert_int_equal(b.n_questions, 6);
	assert_string_equal(b.questions[0].section, "5.6");
	assert_int_equal(b.questions[0].line, 6);
	assert_string_equal(b.questions[1].section, "Jinja templates");
	assert_string_equal(b.questions[1].stem, "Second,\\\non two lines?");
	assert_int_equal(b.questions[1].line, 9);
	assert_string_equal(b.questions[2].section, "7.2");
	assert_string_equal(b.questions[3].section, "a/b");
	assert_string_equal(b.questions[4].section, "general");
	assert_string_equal(b.questions[5].section, "12");
	S_done(&b, &r);
}

static void test_gift_studyterm_comment(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const char *text =
	    "$CATEGORY: 5.6\n"
	    "\n"
	    "// exported by studyterm\n"
	    "// studyterm: id: mig-upgrade \xc2\xb7 section: 5.7 \xc2\xb7 difficulty: 2 "
	    "\xc2\xb7 case-sensitive\n"
	    "::Upgrade::Type the command.{=flask db upgrade}\n"
	    "\n"
	    "//studyterm: id: rel-pick | difficulty: 3 | no-shuffle | all-or-nothing "
	    "| ordered | type: multi\n"
	    "Which?{~%50%a ~%50%b ~c}\n"
	    "\n"
	    "// studyterm: section: 9.1 | dataset: ponies\n"
	    "Untitled with section?{T}\n";
	assert_int_equal(S_parse(text, &b, &r), 0);
	assert_int_equal(r.n_diags, 0);
	assert_int_equal(b.n_questions, 3);
	const struct bank_question *q = &b.questions[0];
	assert_string_equal(q->id, "mig-upgrade");
	assert_string_equal(q->section, "5.7");
	assert_int_equal(q->difficulty, 2);
	assert_int_equal(q->flags, BANK_CASE_SENSITIVE);
	assert_int_equal(q->line, 5);
	q = &b.questions[1];
	assert_string_equal(q->id, "rel-pick");
	assert_string_equal(q->section, "5.6");
	assert_int_equal(q->difficulty, 3);
	assert_int_equal(q->flags, BANK_NO_SHUFFLE | BANK_ALL_OR_NOTHING | BANK_ORDERED);
	assert_int_equal(q->type, BANK_MULTI);
	q = &b.questions[2];
	assert_string_equal(q->id, "untitled-with-section");
	assert_string_equal(q->section, "9.1");
	assert_string_equal(q->dataset, "ponies");
	S_done(&b, &r);

	/* Misplaced or broken comments are reported where they are. */
	S_expect_report(
	    "// studyterm: id: lonely\n"
	    "\n"
	    "Question?\n"
	    "// studyterm: id: late\n"
	    "{T}\n"
	    "\n"
	    "// studyterm: id: Bad_ID \xc2\xb7 difficulty: 5 \xc2\xb7 shiny \xc2\xb7 "
	    "colour: red \xc2\xb7 section:\n"
	    "Still imported?{T}\n"
	    "\n"
	    "// studyterm: type: short\n"
	    "Type clash?{T}\n"
	    "\n"
	    "// studyterm: type: essay\n"
	    "Unknown type?{T}\n",
	    7, 3,
	    "t.gift:1:1: warning: studyterm comment ignored: no question follows it "
	    "before the blank line\n"
	    "t.gift:4:1: warning: studyterm comment ignored: it must come right before "
	    "its question\n"
	    "t.gift:7:15: error: id 'Bad_ID' may use only a-z, 0-9, '.', '_' and '-' and "
	    "must start with a letter or digit\n"
	    "t.gift:7:29: error: difficulty must be 1, 2 or 3, not '5'\n"
	    "t.gift:7:46: error: unknown flag 'shiny' (known: no-shuffle, all-or-nothing, "
	    "case-sensitive, ordered, python-output)\n"
	    "t.gift:7:55: error: unknown field 'colour' (known: id, section, difficulty, "
	    "type, dataset)\n"
	    "t.gift:7:70: error: 'section:' has no value\n"
	    "t.gift:10:15: error: type: short does not fit the answers of 'Type clash?', "
	    "which make a truefalse question\n"
	    "t.gift:13:15: error: unknown type 'essay' (single, multi, truefalse, short, "
	    "numeric, order, match, sql)\n");
}

static void test_gift_unique_ids(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	memset(&b, 0, sizeof b);
	bank_report_init(&r, "t.gift");
	/* A question already in the bank takes part in uniqueness. */
	struct bank_question *old = bank_add_question(&b);
	old->id = xstrdup("loops");
	const char *text = "::Loops::One?{T}\n\n"
	                   "::Loops::Two?{T}\n\n"
	                   "// studyterm: id: loops-3\n"
	                   "::Loops::Three?{T}\n\n"
	                   "::Loops::Four?{T}\n\n"
	                   "::!!!::Five?{T}\n\n"
	                   "::   ::Six words in this text only?{T}\n";
	assert_int_equal(bank_gift_parse(text, strlen(text), &b, &r), 0);
	assert_int_equal(b.n_questions, 7);
	assert_string_equal(b.questions[1].id, "loops-2");
	assert_string_equal(b.questions[2].id, "loops-4");
	assert_string_equal(b.questions[3].id, "loops-3");
	assert_string_equal(b.questions[4].id, "loops-5");
	assert_string_equal(b.questions[5].id, "q");
	assert_string_equal(b.questions[5].title, "!!!");
	assert_string_equal(b.questions[6].id, "six-words-in-this-text-only");
	assert_string_equal(b.questions[6].title, "Six words in this text only?");
	S_done(&b, &r);
}

/* ---- skipped items and errors ---- */

static void test_gift_skipped_items(void **state)
{
	(void)state;
	S_expect_report(
	    "::Explain WSGI::Explain WSGI in your own words.{}\n"
	    "\n"
	    "Describe it.{####General feedback only.}\n"
	    "\n"
	    "::Intro::The next questions are about templates.\n"
	    "\n"
	    "Just some words without braces\n"
	    "on two lines.\n",
	    0, 0,
	    "t.gift:1:1: skipped: essay question 'Explain WSGI' left out: studyterm has "
	    "no questions answered in free text\n"
	    "t.gift:3:1: skipped: essay question 'Describe it.' left out: studyterm has "
	    "no questions answered in free text\n"
	    "t.gift:5:1: skipped: description 'Intro' left out: text without an answer "
	    "block {...} is not a question\n"
	    "t.gift:7:1: skipped: description 'Just some words without braces on two "
	    "lines.' left out: text without an answer block {...} is not a question\n");
}

static void test_gift_syntax_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text, *report;
	} cases[] = {
	    {"Unclosed {=a ~b\n\n~c}",
	     "t.gift:1:10: error: '{' is not closed by '}' before the blank line that ends the "
	     "question\n"
	     "t.gift:3:3: error: '}' without a '{' before it (write \\} for a literal brace)\n"},
	    {"Stray } here {T}",
	     "t.gift:1:7: error: '}' without a '{' before it (write \\} for a literal brace)\n"},
	    {"One {=a ~b}\nTwo {=c ~d}",
	     "t.gift:2:5: error: a question has one answer block; is a blank line missing before "
	     "the next question?\n"},
	    {"Nested {=a {~b}",
	     "t.gift:1:12: error: '{' inside an answer block (write \\{ for a literal brace)\n"},
	    {"::No end {=a ~b}",
	     "t.gift:1:1: error: '::' starts a question title but no '::' ends it (write \\: for a "
	     "literal colon)\n"},
	    {"Number?{#abc}",
	     "t.gift:1:10: error: numerical answer 'abc' is not a number, value:tolerance or "
	     "min..max\n"},
	    {"Number?{#\n  =1..2\n  =%50%3:x}",
	     "t.gift:3:8: error: numerical answer '3:x' is not a number, value:tolerance or "
	     "min..max\n"},
	    {"Range?{#5..2}",
	     "t.gift:1:9: error: numerical answer '5..2' is an empty range (write the smaller "
	     "number first)\n"},
	    {"Tolerance?{#3:-1}",
	     "t.gift:1:13: error: numerical answer '3:-1' has a negative tolerance\n"},
	    {"Huge?{#1e999}",
	     "t.gift:1:8: error: numerical answer '1e999' is not a number, value:tolerance or "
	     "min..max\n"},
	    {"Nothing?{#}", "t.gift:1:9: error: numerical question 'Nothing?' has no number\n"},
	    {"Credit?{#=%-10%3}",
	     "t.gift:1:11: error: a numerical answer's credit must be 0%..100%\n"},
	    {"Mixed {=a -> 1 =b -> 2 ~c -> 3}",
	     "t.gift:1:24: error: '~' in a matching question: its answers are '=left -> right' "
	     "pairs (write \\~ for a literal '~')\n"},
	    {"Pairs {=a -> 1 =b}",
	     "t.gift:1:16: error: matching answer 2 of 'Pairs' needs the form 'left -> right'\n"},
	    {"Right side {=a -> =b -> 2}",
	     "t.gift:1:16: error: matching answer 1 of 'Right side' has nothing after '->'\n"},
	    {"One pair {=a -> 1}",
	     "t.gift:1:10: error: matching question 'One pair' needs at least two pairs\n"},
	    {"Big {~%150%a =b}", "t.gift:1:7: error: credit 150% is outside -100%..100%\n"},
	    {"No credit {~a ~b}",
	     "t.gift:1:11: error: no answer of 'No credit' earns credit: mark the right one with "
	     "'=' or give the right ones credits such as ~%50%\n"},
	    {"Ninety {~%40%a ~%50%b ~c}",
	     "t.gift:1:8: error: the positive credits of 'Ninety' add up to 90%, not 100%\n"},
	    {"Weighted eq {=%50%a ~b}",
	     "t.gift:1:15: error: '=' marks the right answer with full credit; write ~%50% for "
	     "partial credit\n"},
	    {"Lonely {~=a}", "t.gift:1:9: error: answer 1 of 'Lonely' has no text\n"},
	    {"Alone {~%100%a}",
	     "t.gift:1:7: error: multiple-choice question 'Alone' needs at least two answers\n"},
	    {"Empty {=a ~}", "t.gift:1:11: error: answer 2 of 'Empty' has no text\n"},
	    {"Short {=%-50%a}", "t.gift:1:9: error: a short answer's credit must be 0%..100%\n"},
	    {"{=a ~b}", "t.gift:1:1: error: a question needs text before its answers\n"},
	    {"::Titled::{=a ~b}", "t.gift:1:11: error: a question needs text before its answers\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bank b;
		struct bank_report r;
		size_t errors = S_parse(cases[i].text, &b, &r);
		char *got = S_report(&r);
		if (strcmp(got, cases[i].report) != 0)
			fprintf(stderr, "case %zu: %s\n", i, cases[i].text);
		assert_string_equal(got, cases[i].report);
		assert_int_equal(errors, r.n_errors);
		assert_true(errors >= 1);
		assert_int_equal(b.n_questions, 0);
		free(got);
		S_done(&b, &r);
	}
}

static void test_gift_errors_do_not_stop_parsing(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	assert_int_equal(S_parse("Good one?{T}\n\nBroken {=a\n\nGood two?{F}\n", &b, &r), 1);
	assert_int_equal(b.n_questions, 2);
	assert_string_equal(b.questions[0].id, "good-one");
	assert_string_equal(b.questions[1].id, "good-two");
	assert_int_equal(b.questions[1].line, 5);
	S_done(&b, &r);
}

/* ---- input edge cases ---- */

static void test_gift_line_endings_and_encoding(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	/* Byte order mark, CRLF line ends, blank lines of spaces. */
	const char *text = "\xEF\xBB\xBF::A::First?{\r\n=x\r\n~y}\r\n  \t\r\n"
	                   "Second?\r\n{T}\r\n\r\nBad {\r\n";
	assert_int_equal(S_parse(text, &b, &r), 1);
	assert_int_equal(b.n_questions, 2);
	assert_int_equal(b.questions[0].line, 1);
	assert_string_equal(b.questions[0].choices[1].text, "y");
	assert_int_equal(b.questions[1].line, 5);
	assert_string_equal(b.questions[1].stem, "Second?");
	char *rep = S_report(&r);
	assert_string_equal(rep,
	                    "t.gift:8:5: error: '{' is not closed by '}' before the blank line "
	                    "that ends the question\n");
	free(rep);
	S_done(&b, &r);

	/* Invalid UTF-8 and control bytes never reach the bank. */
	static const char raw[] = "Caf\xc3\xa9 \xff\x01?{=\xe2\x82 ~b}";
	memset(&b, 0, sizeof b);
	bank_report_init(&r, "t.gift");
	assert_int_equal(bank_gift_parse(raw, sizeof raw - 1, &b, &r), 0);
	assert_int_equal(b.n_questions, 1);
	assert_string_equal(b.questions[0].stem, "Caf\xc3\xa9 \xEF\xBF\xBD\xEF\xBF\xBD?");
	assert_string_equal(b.questions[0].choices[0].text, "\xEF\xBF\xBD\xEF\xBF\xBD");
	S_done(&b, &r);

	/* Text need not be NUL-terminated: only len bytes are read. */
	memset(&b, 0, sizeof b);
	bank_report_init(&r, "t.gift");
	assert_int_equal(bank_gift_parse("Cut?{T}{{{{", 7, &b, &r), 0);
	assert_int_equal(b.n_questions, 1);
	S_done(&b, &r);

	memset(&b, 0, sizeof b);
	bank_report_init(&r, "t.gift");
	assert_int_equal(bank_gift_parse(NULL, 0, &b, &r), 0);
	assert_int_equal(bank_gift_parse("", 0, &b, &r), 0);
	assert_int_equal(b.n_questions, 0);
	assert_int_equal(r.n_diags, 0);
	S_done(&b, &r);
}

/* What bank/export writes for a bank: it must come back field by field. */
static void test_gift_reads_studyterm_exports(void **state)
{
	(void)state;
	struct bank b;
	struct bank_report r;
	const char *text =
	    "$CATEGORY: 5.6\n"
	    "\n"
	    "// studyterm: id: commit-step \xc2\xb7 section: 5.6 \xc2\xb7 difficulty: 1\n"
	    "::Committing a session::[markdown]Which call writes the changes?\\n\\n```python\\n"
	    "db.session.add(u)\\n```{\n"
	    "\t=`db.session.commit()`#Right\\: it flushes and commits.\n"
	    "\t~%-50%`db.session.flush()`\n"
	    "\t####A flush sends SQL; a commit ends the transaction.\n"
	    "}\n"
	    "\n"
	    "// studyterm: id: url-key \xc2\xb7 section: 5.6 \xc2\xb7 case-sensitive\n"
	    "::Database URL::[markdown]Which key holds the database URL?{\n"
	    "\t=`SQLALCHEMY_DATABASE_URI`\n"
	    "\t=%50%DATABASE_URL#Close.\n"
	    "}\n"
	    "\n"
	    "// studyterm: id: pool \xc2\xb7 section: 5.6\n"
	    "::Pool size::[markdown]Default pool size?{#\n"
	    "\t=%50%1..5#In range.\n"
	    "\t=5:0.5\n"
	    "}\n";
	assert_int_equal(S_parse(text, &b, &r), 0);
	assert_int_equal(r.n_diags, 0);
	assert_int_equal(b.n_questions, 3);
	const struct bank_question *q = &b.questions[0];
	assert_string_equal(q->id, "commit-step");
	assert_int_equal(q->difficulty, 1);
	assert_string_equal(q->title, "Committing a session");
	assert_string_equal(q->stem,
	                    "Which call writes the changes?\n\n```python\ndb.session.add(u)\n```");
	S_choice(q, 0, "`db.session.commit()`", true, false, 0, "Right: it flushes and commits.");
	S_choice(q, 1, "`db.session.flush()`", false, true, -0.5, NULL);
	assert_string_equal(q->explanation, "A flush sends SQL; a commit ends the transaction.");
	q = &b.questions[1];
	assert_int_equal(q->flags, BANK_CASE_SENSITIVE);
	S_choice(q, 0, "`SQLALCHEMY_DATABASE_URI`", true, false, 0, NULL);
	S_choice(q, 1, "DATABASE_URL", true, true, 0.5, "Close.");
	q = &b.questions[2];
	S_number(q, 0, 3, 0, true, 1, 5, 0.5, "In range.");
	S_number(q, 1, 5, 0.5, false, 4.5, 5.5, 1.0, NULL);
	S_done(&b, &r);
}

static char *S_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

static void test_gift_conformance_file(void **state)
{
	(void)state;
	size_t len;
	char *text = S_read("tests/fixtures/banks/conformance.gift", &len);
	struct bank b = {0};
	struct bank_report r;
	bank_report_init(&r, "conformance.gift");
	assert_int_equal(bank_gift_parse(text, len, &b, &r), 0);
	assert_int_equal(r.n_errors, 0);
	assert_int_equal(b.n_questions, 35);
	assert_int_equal(r.n_skipped, 4);
	assert_int_equal(r.n_warnings, 1);
	struct bank_report v;
	bank_report_init(&v, "conformance.gift");
	assert_int_equal(bank_validate(&b, &v), 0);
	bank_report_clear(&v);

	static const struct {
		const char *id;
		enum bank_qtype type;
		const char *section;
	} expect[] = {
	    {"applying-migrations", BANK_SINGLE, "5.6"},
	    {"revision-files", BANK_SINGLE, "5.6"},
	    {"primary-keys", BANK_SINGLE, "5.6"},
	    {"relationship-arguments", BANK_MULTI, "5.6"},
	    {"run-commands", BANK_SINGLE, "5.6"},
	    {"flask-is-a-micro-framework", BANK_TRUEFALSE, "5.6"},
	    {"flask-ships-with-its-own-orm", BANK_TRUEFALSE, "5.6"},
	    {"debugger-in-production", BANK_TRUEFALSE, "5.6"},
	    {"sessions", BANK_TRUEFALSE, "5.6"},
	    {"migration-group", BANK_SHORT, "5.6"},
	    {"database-url-key", BANK_SHORT, "5.6"},
	    {"default-port", BANK_NUMERIC, "5.6"},
	    {"small-prime", BANK_NUMERIC, "5.6"},
	    {"first-release", BANK_NUMERIC, "5.6"},
	    {"http-methods", BANK_MATCH, "5.6"},
	    {"the-decorator-maps-a-url-to-a", BANK_SINGLE, "5.6"},
	    {"a-migration-is-undone-with-flask-db", BANK_SHORT, "5.6"},
	    {"committing", BANK_SINGLE, "5.6"},
	    {"creating-tables", BANK_SINGLE, "5.6"},
	    {"comparison-operators", BANK_SINGLE, "5.6"},
	    {"per-answer-formats", BANK_SINGLE, "5.6"},
	    {"escapes-all-of-them", BANK_SINGLE, "5.6"},
	    {"mig-upgrade", BANK_SHORT, "5.7"},
	    {"rel-pick", BANK_MULTI, "5.8"},
	    {"jinja-loops", BANK_SINGLE, "Jinja templates"},
	    {"jinja-loops-2", BANK_SINGLE, "Jinja templates"},
	    {"what-does-url-for-build-from-the-name-of", BANK_SINGLE, "Jinja templates"},
	    {"blueprints", BANK_SINGLE, "Jinja templates"},
	    {"worker-count", BANK_NUMERIC, "Jinja templates"},
	    {"status-codes", BANK_MATCH, "Jinja templates"},
	    {"gunicorn-bind", BANK_SINGLE, "7.2"},
	    {"negative-range", BANK_NUMERIC, "7.2"},
	    {"tiny-tolerance", BANK_NUMERIC, "7.2"},
	    {"letter-t", BANK_SHORT, "7.2"},
	    {"is-the-template-engine-flask-uses", BANK_SINGLE, "7.2"},
	};
	assert_int_equal(sizeof expect / sizeof expect[0], b.n_questions);
	for (size_t i = 0; i < b.n_questions; i++) {
		assert_string_equal(b.questions[i].id, expect[i].id);
		assert_int_equal(b.questions[i].type, expect[i].type);
		assert_string_equal(b.questions[i].section, expect[i].section);
	}
	const struct bank_question *q = &b.questions[18];
	assert_string_equal(
	    q->stem, "Which call **creates** every table\\\nfor the *models* &amp; their keys?");
	S_choice(q, 0, "`db.create_all()`", true, false, 0, NULL);
	q = &b.questions[21];
	assert_string_equal(q->title, "Escapes: all of them");
	assert_string_equal(q->stem, "Which text shows a {brace}, a \\~tilde, a #hash and a "
	                             "backslash \\\\?\\\nSecond line.");
	q = &b.questions[23];
	assert_int_equal(q->difficulty, 3);
	assert_int_equal(q->flags, BANK_NO_SHUFFLE | BANK_ALL_OR_NOTHING);
	bank_clear(&b);
	bank_report_clear(&r);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_gift_single_choice),
	    cmocka_unit_test(test_gift_feedback_and_general_feedback),
	    cmocka_unit_test(test_gift_partial_credit_in_single_choice),
	    cmocka_unit_test(test_gift_multiple_response),
	    cmocka_unit_test(test_gift_several_full_credit_answers),
	    cmocka_unit_test(test_gift_truefalse),
	    cmocka_unit_test(test_gift_short_answer),
	    cmocka_unit_test(test_gift_numeric),
	    cmocka_unit_test(test_gift_matching),
	    cmocka_unit_test(test_gift_missing_word),
	    cmocka_unit_test(test_gift_escapes),
	    cmocka_unit_test(test_gift_formats),
	    cmocka_unit_test(test_gift_html_to_markdown),
	    cmocka_unit_test(test_gift_plain_markdown),
	    cmocka_unit_test(test_gift_title_words),
	    cmocka_unit_test(test_gift_comments_and_categories),
	    cmocka_unit_test(test_gift_studyterm_comment),
	    cmocka_unit_test(test_gift_unique_ids),
	    cmocka_unit_test(test_gift_skipped_items),
	    cmocka_unit_test(test_gift_syntax_errors),
	    cmocka_unit_test(test_gift_errors_do_not_stop_parsing),
	    cmocka_unit_test(test_gift_line_endings_and_encoding),
	    cmocka_unit_test(test_gift_reads_studyterm_exports),
	    cmocka_unit_test(test_gift_conformance_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
