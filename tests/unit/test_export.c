/* Unit tests for bank/export: the native, GIFT and Anki TSV writers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cmark-gfm.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank/export.h"
#include "bank/question.h"
#include "core/buf.h"
#include "core/xalloc.h"

/* ---- building banks by hand ---- */

static struct bank_question *S_q(struct bank *b, const char *id, const char *title,
                                 const char *section, int difficulty, enum bank_qtype type,
                                 const char *stem, const char *explanation, int line)
{
	struct bank_question *q = bank_add_question(b);
	q->id = xstrdup(id);
	q->title = xstrdup(title);
	q->section = section ? xstrdup(section) : NULL;
	q->difficulty = difficulty;
	q->type = type;
	q->stem = xstrdup(stem);
	q->explanation = explanation ? xstrdup(explanation) : NULL;
	q->line = line;
	return q;
}

static void S_choice(struct bank_question *q, const char *text, bool correct, const char *feedback)
{
	struct bank_choice *c = bank_question_add_choice(q);
	c->text = xstrdup(text);
	c->correct = correct;
	c->feedback = feedback ? xstrdup(feedback) : NULL;
}

static void S_weighted(struct bank_question *q, const char *text, bool correct, double weight,
                       const char *feedback)
{
	S_choice(q, text, correct, feedback);
	q->choices[q->n_choices - 1].has_weight = true;
	q->choices[q->n_choices - 1].weight = weight;
}

static void S_number(struct bank_question *q, double value, double tolerance, double weight,
                     const char *feedback)
{
	struct bank_number *n = bank_question_add_number(q);
	n->value = value;
	n->tolerance = tolerance;
	n->lo = value - tolerance;
	n->hi = value + tolerance;
	n->weight = weight;
	n->feedback = feedback ? xstrdup(feedback) : NULL;
}

static void S_range(struct bank_question *q, double lo, double hi, double weight,
                    const char *feedback)
{
	struct bank_number *n = bank_question_add_number(q);
	n->is_range = true;
	n->lo = lo;
	n->hi = hi;
	n->value = (lo + hi) / 2;
	n->tolerance = (hi - lo) / 2;
	n->weight = weight;
	n->feedback = feedback ? xstrdup(feedback) : NULL;
}

static void S_pair(struct bank_question *q, const char *left, const char *right)
{
	struct bank_pair *p = bank_question_add_pair(q);
	p->left = xstrdup(left);
	p->right = xstrdup(right);
}

/* The documented example question, as the native parser would model it. */
static void S_add_example(struct bank *b)
{
	struct bank_question *q = S_q(
	    b, "mig-upgrade", "Applying migrations", "5.6", 1, BANK_SINGLE,
	    "Which command applies pending migrations to the database?",
	    "`migrate` only writes a revision script; `upgrade` runs it against the database.", 3);
	S_choice(q, "`flask db migrate`", false, "Only writes the revision script.");
	S_choice(q, "`flask db upgrade`", true, NULL);
	S_choice(q, "`flask db init`", false, NULL);
}

/* One question of every type, with credits, feedback, flags, a multi-line
 * stem holding a code block, a multi-line option, GIFT specials and pipes
 * inside match pairs. */
static void S_flask_bank(struct bank *b)
{
	b->id = xstrdup("flask");
	b->title = xstrdup("Databases with Flask");
	S_add_example(b);
	struct bank_question *q =
	    S_q(b, "orm-parts", "Model parts", "5.2", 2, BANK_MULTI,
	        "Given this model:\n\n```python\nclass Pony(db.Model):\n\tid = "
	        "db.Column(db.Integer, primary_key=True)\n```\n\nWhich statements hold?\n",
	        "Para one.\n\nPara two.", 20);
	q->flags = BANK_NO_SHUFFLE;
	S_weighted(q, "`id` is the primary key", true, 0.5, NULL);
	S_weighted(q, "the table is named\n`pony`", true, 0.45, NULL);
	S_weighted(q, "the model has no columns", false, -1, "It has one column.\n\nSee `id`.");
	q = S_q(b, "tf-1", "Sessions", "5.1", 3, BANK_TRUEFALSE,
	        "`db.session.commit()` writes pending changes: {yes}?", NULL, 40);
	S_choice(q, "True", true, "Right.");
	S_choice(q, "False", false, "No: it does.");
	q = S_q(b, "kw", "Keyword", "5.1", 0, BANK_SHORT, "Which keyword reads rows?",
	        "Any case works in SQL.", 50);
	q->flags = BANK_CASE_SENSITIVE;
	S_choice(q, "`SELECT`", true, NULL);
	S_weighted(q, "select", true, 0.5, "Write it in capitals.");
	q = S_q(b, "answer", "The answer", "5.3", 1, BANK_NUMERIC, "What is six times seven?", NULL,
	        60);
	S_number(q, 42, 0, 1, NULL);
	S_number(q, 42, 0.5, 0.5, NULL);
	S_range(q, 1, 5, 0.25, "Close: #1 {try} again.");
	S_number(q, 1.0 / 3, 0, 0.1, NULL);
	q = S_q(b, "steps", "Migration steps", "5.6", 2, BANK_ORDER, "Put the steps in order.",
	        NULL, 70);
	S_choice(q, "`flask db init`", true, NULL);
	S_choice(q, "`flask db migrate`", true, "Writes the script.");
	S_choice(q, "`flask db upgrade`", true, NULL);
	q = S_q(b, "pairs", "Operators", "5.4", 1, BANK_MATCH, "Match the operator with its use.",
	        "See 5.4.", 80);
	S_pair(q, "`a | b`", "union of sets");
	S_pair(q, "`==`", "equality: left|right");
	q = S_q(b, "names", "Pony names", "5.7", 2, BANK_SQL, "List every pony's name in order.",
	        NULL, 90);
	q->flags = BANK_ORDERED;
	q->sql = xstrdup("SELECT name\nFROM pony\nORDER BY name;\n");
	q->dataset = xstrdup("ponies");
}

/* Exports b and returns the text (caller frees); *report gets the report
 * formatted as `studyterm bank check` prints it (caller frees). */
static char *S_export(const struct bank *b, enum bank_export_format f, char **report,
                      size_t *n_skipped)
{
	struct buf out = {0}, rep_text = {0};
	struct bank_report rep;
	bank_report_init(&rep, "flask.md");
	bank_export(b, f, &out, &rep);
	bank_report_format(&rep, &rep_text);
	if (n_skipped)
		*n_skipped = rep.n_skipped;
	bank_report_clear(&rep);
	*report = buf_detach(&rep_text);
	return buf_detach(&out);
}

/* ---- expected output for S_flask_bank ---- */

static const char S_expected_md[] =
    "# Databases with Flask\n"
    "\n"
    "## Applying migrations\n"
    "id: mig-upgrade · section: 5.6 · difficulty: 1 · type: single\n"
    "\n"
    "Which command applies pending migrations to the database?\n"
    "\n"
    "- [ ] `flask db migrate`\n"
    "  > Only writes the revision script.\n"
    "- [x] `flask db upgrade`\n"
    "- [ ] `flask db init`\n"
    "\n"
    "> `migrate` only writes a revision script; `upgrade` runs it against the database.\n"
    "\n"
    "## Model parts\n"
    "id: orm-parts · section: 5.2 · difficulty: 2 · type: multi · no-shuffle\n"
    "\n"
    "Given this model:\n"
    "\n"
    "```python\n"
    "class Pony(db.Model):\n"
    "\tid = db.Column(db.Integer, primary_key=True)\n"
    "```\n"
    "\n"
    "Which statements hold?\n"
    "\n"
    "- [x] (50%) `id` is the primary key\n"
    "- [x] (45%) the table is named\n"
    "  `pony`\n"
    "- [ ] (-100%) the model has no columns\n"
    "  > It has one column.\n"
    "  >\n"
    "  > See `id`.\n"
    "\n"
    "> Para one.\n"
    ">\n"
    "> Para two.\n"
    "\n"
    "## Sessions\n"
    "id: tf-1 · section: 5.1 · difficulty: 3 · type: truefalse\n"
    "\n"
    "`db.session.commit()` writes pending changes: {yes}?\n"
    "\n"
    "- [x] True\n"
    "  > Right.\n"
    "- [ ] False\n"
    "  > No: it does.\n"
    "\n"
    "## Keyword\n"
    "id: kw · section: 5.1 · type: short · case-sensitive\n"
    "\n"
    "Which keyword reads rows?\n"
    "\n"
    "- `SELECT`\n"
    "- (50%) select\n"
    "  > Write it in capitals.\n"
    "\n"
    "> Any case works in SQL.\n"
    "\n"
    "## The answer\n"
    "id: answer · section: 5.3 · difficulty: 1 · type: numeric\n"
    "\n"
    "What is six times seven?\n"
    "\n"
    "- 42\n"
    "- (50%) 42 ± 0.5\n"
    "- (25%) 1..5\n"
    "  > Close: #1 {try} again.\n"
    "- (10%) 0.3333333333333333\n"
    "\n"
    "## Migration steps\n"
    "id: steps · section: 5.6 · difficulty: 2 · type: order\n"
    "\n"
    "Put the steps in order.\n"
    "\n"
    "1. `flask db init`\n"
    "2. `flask db migrate`\n"
    "3. `flask db upgrade`\n"
    "\n"
    "## Operators\n"
    "id: pairs · section: 5.4 · difficulty: 1 · type: match\n"
    "\n"
    "Match the operator with its use.\n"
    "\n"
    "| Left | Right |\n"
    "| --- | --- |\n"
    "| `a \\| b` | union of sets |\n"
    "| `==` | equality: left\\|right |\n"
    "\n"
    "> See 5.4.\n"
    "\n"
    "## Pony names\n"
    "id: names · section: 5.7 · difficulty: 2 · type: sql · ordered · dataset: ponies\n"
    "\n"
    "List every pony's name in order.\n"
    "\n"
    "```sql\n"
    "SELECT name\n"
    "FROM pony\n"
    "ORDER BY name;\n"
    "```\n";

static const char S_expected_gift[] =
    "$CATEGORY: 5.6\n"
    "\n"
    "// studyterm: id: mig-upgrade · section: 5.6 · difficulty: 1\n"
    "::Applying migrations::[markdown]Which command applies pending migrations to the database?{\n"
    "\t~`flask db migrate`#Only writes the revision script.\n"
    "\t=`flask db upgrade`\n"
    "\t~`flask db init`\n"
    "\t####`migrate` only writes a revision script; `upgrade` runs it against the database.\n"
    "}\n"
    "\n"
    "$CATEGORY: 5.2\n"
    "\n"
    "// studyterm: id: orm-parts · section: 5.2 · difficulty: 2 · no-shuffle\n"
    "::Model parts::[markdown]Given this model\\:\\n\\n```python\\nclass Pony(db.Model)\\:\\n\tid "
    "\\= db.Column(db.Integer, primary_key\\=True)\\n```\\n\\nWhich statements hold?{\n"
    "\t~%50%`id` is the primary key\n"
    "\t~%50%the table is named\\n`pony`\n"
    "\t~%-100%the model has no columns#It has one column.\\n\\nSee `id`.\n"
    "\t####Para one.\\n\\nPara two.\n"
    "}\n"
    "\n"
    "$CATEGORY: 5.1\n"
    "\n"
    "// studyterm: id: tf-1 · section: 5.1 · difficulty: 3\n"
    "::Sessions::[markdown]`db.session.commit()` writes pending changes\\: \\{yes\\}?{T#No\\: it "
    "does.#Right.}\n"
    "\n"
    "// studyterm: id: kw · section: 5.1 · case-sensitive\n"
    "::Keyword::[markdown]Which keyword reads rows?{\n"
    "\t=`SELECT`\n"
    "\t=%50%select#Write it in capitals.\n"
    "\t####Any case works in SQL.\n"
    "}\n"
    "\n"
    "$CATEGORY: 5.3\n"
    "\n"
    "// studyterm: id: answer · section: 5.3 · difficulty: 1\n"
    "::The answer::[markdown]What is six times seven?{#\n"
    "\t=42\n"
    "\t=%50%42:0.5\n"
    "\t=%25%1..5#Close\\: \\#1 \\{try\\} again.\n"
    "\t=%10%0.3333333333333333\n"
    "}\n"
    "\n"
    "$CATEGORY: 5.4\n"
    "\n"
    "// studyterm: id: pairs · section: 5.4 · difficulty: 1\n"
    "::Operators::[markdown]Match the operator with its use.{\n"
    "\t=`a | b` -> union of sets\n"
    "\t=`\\=\\=` -> equality\\: left|right\n"
    "\t####See 5.4.\n"
    "}\n";

static const char S_expected_gift_report[] =
    "flask.md:20:1: warning: question 'orm-parts': Moodle has no 45% grade; option 2 is written as "
    "50%\n"
    "flask.md:50:1: warning: question 'kw': GIFT cannot mark a short answer case-sensitive; Moodle "
    "will ignore case (studyterm keeps the flag in its comment line)\n"
    "flask.md:70:1: skipped: question 'steps' left out: GIFT has no ordering questions\n"
    "flask.md:90:1: skipped: question 'names' left out: GIFT has no SQL questions\n";

static const char S_expected_anki[] =
    "#separator:tab\n"
    "#html:true\n"
    "#tags column:3\n"
    "<p>Which command applies pending migrations to the database?</p><ul><li><code>flask db "
    "migrate</code></li><li><code>flask db upgrade</code></li><li><code>flask db "
    "init</code></li></ul>\t<ul><li><code>flask db upgrade</code></li></ul><p><code>migrate</code> "
    "only writes a revision script; <code>upgrade</code> runs it against the "
    "database.</p>\tstudyterm bank::flask section::5.6 single\n"
    "<p>Given this model:</p><pre><code class=\"language-python\">class Pony(db.Model):<br>    id "
    "= db.Column(db.Integer, primary_key=True)</code></pre><p>Which statements "
    "hold?</p><p><em>Several options may be correct.</em></p><ul><li><code>id</code> is the "
    "primary key</li><li>the table is named <code>pony</code></li><li>the model has no "
    "columns</li></ul>\t<ul><li>(50%) <code>id</code> is the primary key</li><li>(45%) the table "
    "is named <code>pony</code></li></ul><p>Para one.</p><p>Para two.</p>\tstudyterm bank::flask "
    "section::5.2 multi\n"
    "<p><code>db.session.commit()</code> writes pending changes: "
    "{yes}?</p><ul><li>True</li><li>False</li></ul>\t<ul><li>True</li></ul>\tstudyterm bank::flask "
    "section::5.1 truefalse\n"
    "<p>Which keyword reads rows?</p>\t<ul><li><code>SELECT</code></li><li>(50%) "
    "select</li></ul><p>Any case works in SQL.</p>\tstudyterm bank::flask section::5.1 short\n"
    "<p>What is six times seven?</p>\t<ul><li>42</li><li>(50%) 42 ± 0.5</li><li>(25%) "
    "1..5</li><li>(10%) 0.3333333333333333</li></ul>\tstudyterm bank::flask section::5.3 numeric\n"
    "<p>Put the steps in order.</p><p><em>Put these in order:</em></p><ul><li><code>flask db "
    "upgrade</code></li><li><code>flask db init</code></li><li><code>flask db "
    "migrate</code></li></ul>\t<ol><li><code>flask db init</code></li><li><code>flask db "
    "migrate</code></li><li><code>flask db upgrade</code></li></ol>\tstudyterm bank::flask "
    "section::5.6 order\n"
    "<p>Match the operator with its use.</p><p><em>Match each item on the left with one on the "
    "right:</em></p><table><tr><td><code>a | b</code></td><td>equality: "
    "left|right</td></tr><tr><td><code>==</code></td><td>union of "
    "sets</td></tr></table>\t<table><tr><td><code>a | b</code></td><td>union of "
    "sets</td></tr><tr><td><code>==</code></td><td>equality: left|right</td></tr></table><p>See "
    "5.4.</p>\tstudyterm bank::flask section::5.4 match\n"
    "<p>List every pony's name in order.</p><p><em>Write a query on the dataset "
    "<code>ponies</code>.</em></p>\t<pre><code class=\"language-sql\">SELECT name<br>FROM "
    "pony<br>ORDER BY name;</code></pre>\tstudyterm bank::flask section::5.7 sql\n";

/* ---- format names ---- */

static void test_format_names_parse_and_print(void **state)
{
	(void)state;
	enum bank_export_format f = BANK_EXPORT_GIFT;
	assert_true(bank_export_format_parse("md", &f));
	assert_int_equal(f, BANK_EXPORT_MD);
	assert_true(bank_export_format_parse("anki-tsv", &f));
	assert_int_equal(f, BANK_EXPORT_ANKI_TSV);
	assert_true(bank_export_format_parse("gift", &f));
	assert_int_equal(f, BANK_EXPORT_GIFT);
	const char *bad[] = {"GIFT", "markdown", "anki", "tsv", "", "md "};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		f = BANK_EXPORT_ANKI_TSV;
		assert_false(bank_export_format_parse(bad[i], &f));
		assert_int_equal(f, BANK_EXPORT_ANKI_TSV);
	}
	assert_string_equal(bank_export_format_name(BANK_EXPORT_MD), "md");
	assert_string_equal(bank_export_format_name(BANK_EXPORT_GIFT), "gift");
	assert_string_equal(bank_export_format_name(BANK_EXPORT_ANKI_TSV), "anki-tsv");
	assert_string_equal(bank_export_format_name((enum bank_export_format)7), "?");
}

/* ---- native Markdown ---- */

static void test_md_writes_the_documented_example(void **state)
{
	(void)state;
	struct bank b = {0};
	b.title = xstrdup("Databases with Flask");
	S_add_example(&b);
	char *report;
	char *out = S_export(&b, BANK_EXPORT_MD, &report, NULL);
	assert_string_equal(out, "# Databases with Flask\n"
	                         "\n"
	                         "## Applying migrations\n"
	                         "id: mig-upgrade · section: 5.6 · difficulty: 1 · type: single\n"
	                         "\n"
	                         "Which command applies pending migrations to the database?\n"
	                         "\n"
	                         "- [ ] `flask db migrate`\n"
	                         "  > Only writes the revision script.\n"
	                         "- [x] `flask db upgrade`\n"
	                         "- [ ] `flask db init`\n"
	                         "\n"
	                         "> `migrate` only writes a revision script; `upgrade` runs it "
	                         "against the database.\n");
	assert_string_equal(report, "");
	free(out);
	free(report);
	bank_clear(&b);
}

static void test_md_every_type(void **state)
{
	(void)state;
	struct bank b = {0};
	S_flask_bank(&b);
	char *report;
	char *out = S_export(&b, BANK_EXPORT_MD, &report, NULL);
	assert_string_equal(out, S_expected_md);
	assert_string_equal(report, "flask.md:70:1: warning: question 'steps': ordering items "
	                            "cannot carry feedback; the feedback of item 2 is left out\n");
	free(out);
	free(report);
	bank_clear(&b);
}

static void test_md_question_alone_and_bank_without_title(void **state)
{
	(void)state;
	struct bank b = {0};
	struct bank_question *q = S_q(&b, "a", "", NULL, 0, BANK_SHORT, "", NULL, 1);
	S_choice(q, "yes", true, NULL);
	q = S_q(&b, "b", "Second", "1.2", 0, BANK_SHORT, "Say no.", NULL, 2);
	S_choice(q, "no", true, NULL);
	struct buf one = {0};
	bank_export_md_question(&b.questions[0], &one);
	/* No title, section, stem or explanation: only what exists is written. */
	assert_string_equal(buf_cstr(&one), "##\nid: a · type: short\n\n- yes\n");
	buf_free(&one);
	char *report;
	char *out = S_export(&b, BANK_EXPORT_MD, &report, NULL);
	assert_string_equal(out,
	                    "##\nid: a · type: short\n\n- yes\n"
	                    "\n"
	                    "## Second\nid: b · section: 1.2 · type: short\n\nSay no.\n\n- no\n");
	free(out);
	free(report);
	bank_clear(&b);
}

static void test_md_sql_fence_outlasts_backticks_in_the_query(void **state)
{
	(void)state;
	struct bank b = {0};
	struct bank_question *q = S_q(&b, "fence", "Fence", "9", 0, BANK_SQL, "Quote it.", NULL, 1);
	q->sql = xstrdup("SELECT '```' AS fence;");
	q->dataset = xstrdup("ponies");
	struct buf out = {0};
	bank_export_md_question(q, &out);
	assert_string_equal(buf_cstr(&out),
	                    "## Fence\nid: fence · section: 9 · type: sql · dataset: ponies\n\n"
	                    "Quote it.\n\n````sql\nSELECT '```' AS fence;\n````\n");
	buf_free(&out);
	bank_clear(&b);
}

/* Counts the top-level lists CommonMark sees in text. */
static int S_count_lists(const char *text)
{
	cmark_node *root = cmark_parse_document(text, strlen(text), CMARK_OPT_DEFAULT);
	int n = 0;
	for (cmark_node *c = cmark_node_first_child(root); c; c = cmark_node_next(c))
		n += cmark_node_get_type(c) == CMARK_NODE_LIST;
	cmark_node_free(root);
	return n;
}

static void test_md_answer_list_stays_apart_from_a_stem_list(void **state)
{
	(void)state;
	struct bank b = {0};
	struct bank_question *q =
	    S_q(&b, "pick", "Pick", "1.1", 0, BANK_SINGLE, "Given:\n\n- `a`\n- `b`\n", NULL, 1);
	S_choice(q, "one", true, NULL);
	S_choice(q, "two", false, NULL);
	q = S_q(&b, "seq", "Seq", "1.1", 0, BANK_ORDER, "Steps:\n\n1. x\n2. y", NULL, 2);
	S_choice(q, "first", true, NULL);
	S_choice(q, "second", true, NULL);
	q = S_q(&b, "star", "Star", "1.1", 0, BANK_SHORT, "Choose:\n\n* p\n* q", NULL, 3);
	S_choice(q, "p", true, NULL);
	const char *expected[] = {
	    "## Pick\nid: pick · section: 1.1 · type: single\n\nGiven:\n\n- `a`\n- `b`\n\n"
	    "* [x] one\n* [ ] two\n",
	    "## Seq\nid: seq · section: 1.1 · type: order\n\nSteps:\n\n1. x\n2. y\n\n"
	    "1) first\n2) second\n",
	    "## Star\nid: star · section: 1.1 · type: short\n\nChoose:\n\n* p\n* q\n\n- p\n",
	};
	for (size_t i = 0; i < b.n_questions; i++) {
		struct buf out = {0};
		bank_export_md_question(&b.questions[i], &out);
		assert_string_equal(buf_cstr(&out), expected[i]);
		/* With the same marker CommonMark would merge both into one list. */
		assert_int_equal(S_count_lists(buf_cstr(&out)), 2);
		buf_free(&out);
	}
	bank_clear(&b);
}

static void test_md_numbers_and_credits_read_back_exactly(void **state)
{
	(void)state;
	struct bank b = {0};
	struct bank_question *q = S_q(&b, "n", "N", "1", 0, BANK_NUMERIC, "How much?", NULL, 1);
	S_number(q, 0.1 + 0.2, 0, 1, NULL);
	S_number(q, 1e-7, 3e-9, strtod("12.34", NULL) / 100.0, NULL);
	S_range(q, -2.5, 1e21, 0.07, NULL);
	q = S_q(&b, "c", "C", "1", 0, BANK_MULTI, "Which?", NULL, 2);
	S_weighted(q, "x", true, 1.0 / 3, NULL);
	S_weighted(q, "y", true, 0.2, NULL);
	S_choice(q, "z", false, NULL);
	struct buf out = {0};
	bank_export_md_question(&b.questions[0], &out);
	assert_string_equal(buf_cstr(&out), "## N\nid: n · section: 1 · type: numeric\n\n"
	                                    "How much?\n\n"
	                                    "- 0.30000000000000004\n"
	                                    "- (12.34%) 1e-07 ± 3e-09\n"
	                                    "- (7%) -2.5..1e+21\n");
	assert_true(strtod("0.30000000000000004", NULL) == 0.1 + 0.2);
	assert_true(strtod("12.34", NULL) / 100.0 == b.questions[0].numbers[1].weight);
	assert_true(strtod("7", NULL) / 100.0 == 0.07);
	buf_reset(&out);
	bank_export_md_question(&b.questions[1], &out);
	/* No percentage divided by 100 gives exactly 1/3: the nearest is written. */
	assert_string_equal(buf_cstr(&out), "## C\nid: c · section: 1 · type: multi\n\nWhich?\n\n"
	                                    "- [x] (33.333333333333329%) x\n"
	                                    "- [x] (20%) y\n"
	                                    "- [ ] z\n");
	assert_true(fabs(strtod("33.333333333333329", NULL) / 100.0 - 1.0 / 3) < 1e-16);
	buf_free(&out);
	bank_clear(&b);
}

/* ---- GIFT ---- */

static void test_gift_every_expressible_type(void **state)
{
	(void)state;
	struct bank b = {0};
	S_flask_bank(&b);
	char *report;
	size_t skipped;
	char *out = S_export(&b, BANK_EXPORT_GIFT, &report, &skipped);
	assert_string_equal(out, S_expected_gift);
	assert_string_equal(report, S_expected_gift_report);
	assert_int_equal(skipped, 2);
	free(out);
	free(report);
	bank_clear(&b);
}

static void test_gift_escapes_every_special(void **state)
{
	(void)state;
	struct bank b = {0};
	struct bank_question *q =
	    S_q(&b, "esc", "Maps: {a} = b", "2.1", 2, BANK_SINGLE,
	        "Use `~/x` #1 and \\ {k: v}\r\nsecond = line\n\n", "x:y\\z", 1);
	S_choice(q, "a~b", true, "#yes");
	S_choice(q, "c=d", false, "{no}");
	/* GIFT cannot escape '%': a leading one gets an explicit credit before it. */
	S_choice(q, "%done", false, NULL);
	q = S_q(&b, "fmt", "Format", "2.1", 0, BANK_SHORT, "Which directive prints a string?", NULL,
	        2);
	S_choice(q, "%s", true, NULL);
	S_weighted(q, "%r", true, 0.5, NULL);
	char *report;
	char *out = S_export(&b, BANK_EXPORT_GIFT, &report, NULL);
	assert_string_equal(out, "$CATEGORY: 2.1\n"
	                         "\n"
	                         "// studyterm: id: esc · section: 2.1 · difficulty: 2\n"
	                         "::Maps\\: \\{a\\} \\= b::[markdown]Use `\\~/x` \\#1 and \\\\ "
	                         "\\{k\\: v\\}\\nsecond \\= line{\n"
	                         "\t=a\\~b#\\#yes\n"
	                         "\t~c\\=d#\\{no\\}\n"
	                         "\t~%0%%done\n"
	                         "\t####x\\:y\\\\z\n"
	                         "}\n"
	                         "\n"
	                         "// studyterm: id: fmt · section: 2.1\n"
	                         "::Format::[markdown]Which directive prints a string?{\n"
	                         "\t=%100%%s\n"
	                         "\t=%50%%r\n"
	                         "}\n");
	assert_string_equal(report, "");
	free(out);
	free(report);
	bank_clear(&b);
}

static void test_gift_order_and_sql_are_skipped_with_reasons(void **state)
{
	(void)state;
	struct bank b = {0};
	struct bank_question *q =
	    S_q(&b, "steps", "Steps", "3.1", 0, BANK_ORDER, "Order.", NULL, 12);
	S_choice(q, "a", true, NULL);
	S_choice(q, "b", true, NULL);
	q = S_q(&b, "names", "Names", "3.1", 0, BANK_SQL, "Query.", NULL, 30);
	q->sql = xstrdup("SELECT 1;");
	q->dataset = xstrdup("ponies");
	q = S_q(&b, "ok", "Fine", "3.1", 0, BANK_SINGLE, "Pick.", NULL, 40);
	S_choice(q, "a", true, NULL);
	S_choice(q, "b", false, NULL);
	char *report;
	size_t skipped;
	char *out = S_export(&b, BANK_EXPORT_GIFT, &report, &skipped);
	assert_string_equal(out, "$CATEGORY: 3.1\n\n"
	                         "// studyterm: id: ok · section: 3.1\n"
	                         "::Fine::[markdown]Pick.{\n\t=a\n\t~b\n}\n");
	assert_string_equal(report,
	                    "flask.md:12:1: skipped: question 'steps' left out: GIFT has no "
	                    "ordering questions\n"
	                    "flask.md:30:1: skipped: question 'names' left out: GIFT has no SQL "
	                    "questions\n");
	assert_int_equal(skipped, 2);
	free(out);
	free(report);
	bank_clear(&b);
}

static void test_gift_shares_and_moodle_grades(void **state)
{
	(void)state;
	struct bank b = {0};
	struct bank_question *q =
	    S_q(&b, "shares", "Shares", "4.1", 0, BANK_MULTI, "Which?", NULL, 1);
	q->flags = BANK_ALL_OR_NOTHING;
	S_choice(q, "a", true, NULL);
	S_choice(q, "b", true, NULL);
	S_choice(q, "c", true, NULL);
	S_choice(q, "d", false, NULL);
	S_choice(q, "e", false, NULL);
	q = S_q(&b, "weights", "Weights", "4.1", 0, BANK_MULTI, "Which?", NULL, 10);
	S_weighted(q, "f", true, 0.45, NULL);
	S_weighted(q, "g", true, 1.5, NULL);
	S_weighted(q, "h", false, -1.0 / 3, NULL);
	S_choice(q, "i", false, NULL);
	q = S_q(&b, "partial", "Partial", "4.1", 0, BANK_SINGLE, "Which?", NULL, 20);
	S_weighted(q, "j", true, 1.0, NULL);
	S_weighted(q, "k", false, 0.5, NULL);
	S_choice(q, "l", false, NULL);
	q = S_q(&b, "words", "Words", "4.1", 0, BANK_SHORT, "Say it.", NULL, 30);
	S_choice(q, "full", true, NULL);
	S_weighted(q, "most", true, 0.8, NULL);
	S_weighted(q, "some", true, 0.15, NULL);
	char *report;
	char *out = S_export(&b, BANK_EXPORT_GIFT, &report, NULL);
	assert_string_equal(out, "$CATEGORY: 4.1\n\n"
	                         "// studyterm: id: shares · section: 4.1 · all-or-nothing\n"
	                         "::Shares::[markdown]Which?{\n"
	                         "\t~%33.33333%a\n\t~%33.33333%b\n\t~%33.33333%c\n"
	                         "\t~%-50%d\n\t~%-50%e\n}\n"
	                         "\n"
	                         "// studyterm: id: weights · section: 4.1\n"
	                         "::Weights::[markdown]Which?{\n"
	                         "\t~%50%f\n\t~%100%g\n\t~%-33.33333%h\n\t~i\n}\n"
	                         "\n"
	                         "// studyterm: id: partial · section: 4.1\n"
	                         "::Partial::[markdown]Which?{\n\t=j\n\t~%50%k\n\t~l\n}\n"
	                         "\n"
	                         "// studyterm: id: words · section: 4.1\n"
	                         "::Words::[markdown]Say it.{\n"
	                         "\t=full\n\t=%80%most\n\t=%14.28571%some\n}\n");
	assert_string_equal(
	    report, "flask.md:1:1: warning: question 'shares': Moodle has no all-or-nothing "
	            "grading and will give partial credit (studyterm keeps the flag in its "
	            "comment line)\n"
	            "flask.md:10:1: warning: question 'weights': Moodle has no 45% grade; "
	            "option 1 is written as 50%\n"
	            "flask.md:10:1: warning: question 'weights': Moodle has no 150% grade; "
	            "option 2 is written as 100%\n"
	            "flask.md:30:1: warning: question 'words': Moodle has no 15% grade; "
	            "answer 3 is written as 14.28571%\n");
	free(out);
	free(report);
	bank_clear(&b);
}

static void test_gift_truefalse_feedback_follows_moodle(void **state)
{
	(void)state;
	struct bank b = {0};
	/* False is right: the True option's feedback is the "wrong" one. */
	struct bank_question *q =
	    S_q(&b, "tf-false", "F", "6.1", 0, BANK_TRUEFALSE, "Is it?", "Because.", 1);
	S_choice(q, "True", false, "It is not.");
	S_choice(q, "False", true, NULL);
	/* Only feedback for the right answer: the wrong slot stays empty. */
	q = S_q(&b, "tf-true", "T", "6.1", 0, BANK_TRUEFALSE, "Is it?", NULL, 2);
	S_choice(q, "False", false, NULL);
	S_choice(q, "true", true, "Yes.");
	q = S_q(&b, "yn", "YN", "6.1", 0, BANK_TRUEFALSE, "Is it?", NULL, 3);
	S_choice(q, "Yes", true, NULL);
	S_weighted(q, "No", false, 0.5, NULL);
	char *report;
	char *out = S_export(&b, BANK_EXPORT_GIFT, &report, NULL);
	assert_string_equal(out, "$CATEGORY: 6.1\n\n"
	                         "// studyterm: id: tf-false · section: 6.1\n"
	                         "::F::[markdown]Is it?{F#It is not.####Because.}\n"
	                         "\n"
	                         "// studyterm: id: tf-true · section: 6.1\n"
	                         "::T::[markdown]Is it?{T##Yes.}\n"
	                         "\n"
	                         "// studyterm: id: yn · section: 6.1\n"
	                         "::YN::[markdown]Is it?{T}\n");
	assert_string_equal(report,
	                    "flask.md:3:1: warning: question 'yn': GIFT true/false options are "
	                    "always True and False; the option texts are not kept\n"
	                    "flask.md:3:1: warning: question 'yn': GIFT true/false has no partial "
	                    "credit; the credit of option 2 is dropped\n");
	free(out);
	free(report);
	bank_clear(&b);
}

static void test_gift_refuses_what_moodle_cannot_read(void **state)
{
	(void)state;
	struct bank b = {0};
	struct bank_question *q = S_q(&b, "lone", "Lone", "7", 0, BANK_SINGLE, "Pick.", NULL, 4);
	S_choice(q, "only", true, NULL);
	q = S_q(&b, "arrow", "Arrow", "7", 0, BANK_MATCH, "Match.", NULL, 9);
	S_pair(q, "a -> b", "c");
	S_pair(q, "d", "e");
	char *report;
	size_t skipped;
	char *out = S_export(&b, BANK_EXPORT_GIFT, &report, &skipped);
	assert_string_equal(out, "");
	assert_string_equal(report,
	                    "flask.md:4:1: skipped: question 'lone' left out: a GIFT "
	                    "multiple-choice question needs at least two options\n"
	                    "flask.md:9:1: skipped: question 'arrow' left out: GIFT cannot write "
	                    "'->' inside the left side of a pair\n");
	assert_int_equal(skipped, 2);
	free(out);
	free(report);
	bank_clear(&b);
}

/* ---- Anki TSV ---- */

static void test_anki_every_type(void **state)
{
	(void)state;
	struct bank b = {0};
	S_flask_bank(&b);
	char *report;
	char *out = S_export(&b, BANK_EXPORT_ANKI_TSV, &report, NULL);
	assert_string_equal(out, S_expected_anki);
	assert_string_equal(report, "");
	free(out);
	free(report);
	bank_clear(&b);
}

static void test_anki_fields_stay_on_one_line(void **state)
{
	(void)state;
	struct bank b = {0};
	struct bank_question *q =
	    S_q(&b, "run", "Run", "5 bis", 0, BANK_SHORT,
	        "Run:\n\n```\nif x:\n\tpass\n```\n\nThen  \nsay \"hi\" & 1 < 2",
	        "Line one\nline two", 1);
	S_choice(q, "ok", true, NULL);
	char *report;
	char *out = S_export(&b, BANK_EXPORT_ANKI_TSV, &report, NULL);
	assert_string_equal(out, "#separator:tab\n#html:true\n#tags column:3\n"
	                         "<p>Run:</p><pre><code>if x:<br>    pass</code></pre>"
	                         "<p>Then<br />say &quot;hi&quot; &amp; 1 &lt; 2</p>"
	                         "\t<ul><li>ok</li></ul><p>Line one line two</p>"
	                         "\tstudyterm section::5_bis short\n");
	/* Three header lines, one note, and exactly two tabs in the note. */
	const char *note = strstr(out, "<p>Run");
	assert_non_null(note);
	int tabs = 0, newlines = 0;
	for (const char *p = note; *p; p++) {
		tabs += *p == '\t';
		newlines += *p == '\n';
	}
	assert_int_equal(tabs, 2);
	assert_int_equal(newlines, 1);
	free(out);
	free(report);
	bank_clear(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format_names_parse_and_print),
	    cmocka_unit_test(test_md_writes_the_documented_example),
	    cmocka_unit_test(test_md_every_type),
	    cmocka_unit_test(test_md_question_alone_and_bank_without_title),
	    cmocka_unit_test(test_md_sql_fence_outlasts_backticks_in_the_query),
	    cmocka_unit_test(test_md_answer_list_stays_apart_from_a_stem_list),
	    cmocka_unit_test(test_md_numbers_and_credits_read_back_exactly),
	    cmocka_unit_test(test_gift_every_expressible_type),
	    cmocka_unit_test(test_gift_escapes_every_special),
	    cmocka_unit_test(test_gift_order_and_sql_are_skipped_with_reasons),
	    cmocka_unit_test(test_gift_shares_and_moodle_grades),
	    cmocka_unit_test(test_gift_truefalse_feedback_follows_moodle),
	    cmocka_unit_test(test_gift_refuses_what_moodle_cannot_read),
	    cmocka_unit_test(test_anki_every_type),
	    cmocka_unit_test(test_anki_fields_stay_on_one_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
