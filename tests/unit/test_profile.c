/* Unit tests for bank/profile: every setting and its default, every
 * duration spelling, the Draw table, and each error with its position. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bank/profile.h"
#include "bank/question.h"
#include "core/buf.h"

static const char S_example[] =
    "# Full mock exam\n"
    "\n"
    "questions: 60 \xC2\xB7 time: 90 min \xC2\xB7 pass: 70%\n"
    "navigation: free \xC2\xB7 timeout: submit \xC2\xB7 review: yes \xC2\xB7 shuffle: yes\n"
    "\n"
    "Sixty questions across the whole course, weighted the way the real exam is.\n"
    "Sit it in one go: the clock keeps running if you leave.\n"
    "\n"
    "## Draw\n"
    "\n"
    "| from | weight |\n"
    "| --- | ---: |\n"
    "| chapter 1 | 2 |\n"
    "| chapter 5 | 8 |\n"
    "| section 5.6 | 1 |\n";

/* The settings every test that is not about them uses. */
#define S_HEAD "# T\nquestions: 10 \xC2\xB7 time: 15 min \xC2\xB7 pass: 70%\n"

static size_t S_parse_with(const char *text, const char *const *sections, size_t n,
                           struct bank_profile *p, struct bank_report *r)
{
	bank_report_init(r, "t.md");
	size_t errors =
	    bank_profile_parse("quizzes/exams/t.md", text, strlen(text), sections, n, p, r);
	assert_int_equal(errors, r->n_errors);
	return errors;
}

static size_t S_parse(const char *text, struct bank_profile *p, struct bank_report *r)
{
	return S_parse_with(text, NULL, 0, p, r);
}

/* The diagnostics as "t.md:line:col: error: message" lines. */
static char *S_report(const struct bank_report *r)
{
	struct buf out = {0};
	bank_report_format(r, &out);
	return buf_detach(&out);
}

/* Parses text, expects it to fail with exactly the report want. */
static void S_expect(const char *text, const char *want)
{
	struct bank_profile p;
	struct bank_report r;
	assert_true(S_parse(text, &p, &r) > 0);
	char *got = S_report(&r);
	assert_string_equal(got, want);
	free(got);
	assert_null(p.title); /* left zeroed */
	assert_null(p.rows);
	bank_report_clear(&r);
	bank_profile_clear(&p);
}

static void S_done(struct bank_profile *p, struct bank_report *r)
{
	bank_profile_clear(p);
	bank_report_clear(r);
}

static void test_profile_example(void **state)
{
	(void)state;
	struct bank_profile p;
	struct bank_report r;
	assert_int_equal(S_parse(S_example, &p, &r), 0);
	assert_int_equal(r.n_diags, 0);
	assert_string_equal(p.id, "t");
	assert_string_equal(p.path, "quizzes/exams/t.md");
	assert_string_equal(p.title, "Full mock exam");
	assert_string_equal(p.description,
	                    "Sixty questions across the whole course, weighted the way the real "
	                    "exam is.\nSit it in one go: the clock keeps running if you leave.");
	assert_int_equal(p.questions, 60);
	assert_int_equal(p.time_limit, 5400);
	assert_true(p.pass == 70.0);
	assert_int_equal(p.navigation, BANK_PROFILE_FREE);
	assert_int_equal(p.timeout, BANK_PROFILE_SUBMIT);
	assert_int_equal(p.grace, 0);
	assert_true(p.review);
	assert_true(p.shuffle);
	assert_null(p.bank);
	assert_int_equal(p.n_rows, 3);
	assert_int_equal(p.rows[0].from, BANK_PROFILE_CHAPTER);
	assert_int_equal(p.rows[0].chapter, 1);
	assert_null(p.rows[0].section);
	assert_true(p.rows[0].weight == 2.0);
	assert_int_equal(p.rows[0].line, 13);
	assert_int_equal(p.rows[1].chapter, 5);
	assert_true(p.rows[1].weight == 8.0);
	assert_int_equal(p.rows[1].line, 14);
	assert_int_equal(p.rows[2].from, BANK_PROFILE_SECTION);
	assert_string_equal(p.rows[2].section, "5.6");
	assert_int_equal(p.rows[2].chapter, 5);
	assert_true(p.rows[2].weight == 1.0);
	assert_int_equal(p.rows[2].line, 15);
	S_done(&p, &r);
}

static void test_profile_defaults(void **state)
{
	(void)state;
	struct bank_profile p;
	struct bank_report r;
	assert_int_equal(
	    S_parse("# Quick\nquestions: 1 \xC2\xB7 time: none \xC2\xB7 pass: 0%", &p, &r), 0);
	assert_int_equal(r.n_diags, 0);
	assert_string_equal(p.title, "Quick");
	assert_int_equal(p.questions, 1);
	assert_int_equal(p.time_limit, 0);
	assert_true(p.pass == 0.0);
	assert_int_equal(p.navigation, BANK_PROFILE_FREE);
	assert_int_equal(p.timeout, BANK_PROFILE_SUBMIT);
	assert_int_equal(p.grace, 0);
	assert_true(p.review);
	assert_true(p.shuffle);
	assert_null(p.bank);
	assert_string_equal(p.description, "");
	/* No Draw section: one row "all" of weight 1. */
	assert_int_equal(p.n_rows, 1);
	assert_int_equal(p.rows[0].from, BANK_PROFILE_ALL);
	assert_true(p.rows[0].weight == 1.0);
	assert_int_equal(p.rows[0].line, 0);
	assert_null(p.rows[0].section);
	S_done(&p, &r);
}

static void test_profile_every_key(void **state)
{
	(void)state;
	struct bank_profile p;
	struct bank_report r;
	/* Keys in any case, one per line or several per line, and a second
	 * paragraph of settings (it starts with a known key). */
	const char *text = "\n\n# Sequential drill #\n"
	                   "QUESTIONS: 500\n"
	                   "Time: 24 h \xC2\xB7 Pass: 66.5 %\n"
	                   "\n"
	                   "navigation: Sequential \xC2\xB7 timeout: grace 2 min\n"
	                   "review: no \xC2\xB7 shuffle: NO \xC2\xB7 bank: orm-quiz \xC2\xB7\n"
	                   "\n"
	                   "Note: this line is prose, not a setting.\n";
	assert_int_equal(S_parse(text, &p, &r), 0);
	assert_int_equal(r.n_diags, 0);
	assert_string_equal(p.title, "Sequential drill");
	assert_int_equal(p.questions, 500);
	assert_int_equal(p.time_limit, 24 * 3600);
	assert_true(p.pass == 66.5);
	assert_int_equal(p.navigation, BANK_PROFILE_SEQUENTIAL);
	assert_int_equal(p.timeout, BANK_PROFILE_GRACE);
	assert_int_equal(p.grace, 120);
	assert_false(p.review);
	assert_false(p.shuffle);
	assert_string_equal(p.bank, "orm-quiz");
	assert_string_equal(p.description, "Note: this line is prose, not a setting.");
	S_done(&p, &r);
}

static int S_time_of(const char *spelling)
{
	char text[200];
	snprintf(text, sizeof text, "# T\nquestions: 1 \xC2\xB7 pass: 50%%\ntime: %s\n", spelling);
	struct bank_profile p;
	struct bank_report r;
	size_t errors = S_parse(text, &p, &r);
	int t = errors ? -1 : p.time_limit;
	S_done(&p, &r);
	return t;
}

static void test_profile_durations(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int seconds;
	} good[] = {
	    {"90 min", 5400},
	    {"1 h", 3600},
	    {"1 h 30 min", 5400},
	    {"45 s", 45},
	    {"90m", 5400},
	    {"1h30m", 5400},
	    {"none", 0},
	    {"None", 0},
	    {"2 hours", 7200},
	    {"1 hour", 3600},
	    {"15 minutes", 900},
	    {"1 minute 30 seconds", 90},
	    {"1h 0m 5s", 3605},
	    {"3 hrs 5 mins", 11100},
	    {"10 sec", 10},
	    {"24 h", 86400},
	    {"1440 min", 86400},
	    {"1 H 1 MIN 1 S", 3661},
	    {"2  h   15   min", 8100},
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		int t = S_time_of(good[i].text);
		if (t != good[i].seconds)
			fail_msg("time: %s gave %d, not %d", good[i].text, t, good[i].seconds);
	}
	static const char *const bad[] = {
	    "90",    "min",      "1 h 90 min", "30 min 1 h",   "1.5 h", "25 h",
	    "0 min", "1 h 1 h",  "-5 min",     "24 h 1 s",     "1 day", "90 minutes!",
	    "h 30",  "1 h 60 s", "forever",    "1000000000 s", "1 h30",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (S_time_of(bad[i]) != -1)
			fail_msg("time: %s was accepted", bad[i]);
}

static void test_profile_duration_messages(void **state)
{
	(void)state;
	S_expect("# T\nquestions: 5 \xC2\xB7 pass: 5%\ntime: 90\n",
	         "t.md:3:7: error: time must be a duration such as '90 min', '1 h 30 min' or "
	         "'45 s' (or 'none'), not '90'\n");
	S_expect("# T\nquestions: 5 \xC2\xB7 pass: 5%\ntime: 25 h\n",
	         "t.md:3:7: error: time may be at most 24 h, not '25 h'\n");
	S_expect("# T\nquestions: 5 \xC2\xB7 pass: 5%\ntime:  0 min\n",
	         "t.md:3:8: error: time must be more than 0; write 'none' for an untimed exam\n");
}

static void test_profile_format_duration(void **state)
{
	(void)state;
	static const struct {
		int seconds;
		const char *text;
	} cases[] = {
	    {0, "none"},       {-5, "none"},    {45, "45 s"},         {60, "1 min"},
	    {900, "15 min"},   {3600, "1 h"},   {5400, "1 h 30 min"}, {5405, "1 h 30 min 5 s"},
	    {7201, "2 h 1 s"}, {86400, "24 h"}, {125, "2 min 5 s"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf b = {0};
		bank_profile_format_duration(cases[i].seconds, &b);
		assert_string_equal(buf_cstr(&b), cases[i].text);
		buf_free(&b);
	}
	/* Every display reads back as the same duration. */
	for (int s = 1; s <= 86400; s += 397) {
		struct buf b = {0};
		bank_profile_format_duration(s, &b);
		assert_int_equal(S_time_of(buf_cstr(&b)), s);
		buf_free(&b);
	}
}

static void test_profile_timeouts(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum bank_profile_timeout kind;
		int grace;
	} good[] = {
	    {"submit", BANK_PROFILE_SUBMIT, 0},
	    {"Submit", BANK_PROFILE_SUBMIT, 0},
	    {"grace 2 min", BANK_PROFILE_GRACE, 120},
	    {"grace 90s", BANK_PROFILE_GRACE, 90},
	    {"GRACE   1 h", BANK_PROFILE_GRACE, 3600},
	    {"not counted", BANK_PROFILE_NOT_COUNTED, 0},
	    {"Not   Counted", BANK_PROFILE_NOT_COUNTED, 0},
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		char text[200];
		snprintf(text, sizeof text, "%stimeout: %s\n", S_HEAD, good[i].text);
		struct bank_profile p;
		struct bank_report r;
		assert_int_equal(S_parse(text, &p, &r), 0);
		assert_int_equal(p.timeout, good[i].kind);
		assert_int_equal(p.grace, good[i].grace);
		S_done(&p, &r);
	}
	S_expect(S_HEAD "timeout: grace\n",
	         "t.md:3:10: error: grace needs its duration: 'grace 2 min'\n");
	S_expect(S_HEAD "timeout: grace 0 s\n",
	         "t.md:3:16: error: the grace period must be more than 0\n");
	S_expect(S_HEAD "timeout: grace none\n",
	         "t.md:3:16: error: the grace period must be a duration such as '90 min', "
	         "'1 h 30 min' or '45 s', not 'none'\n");
	S_expect(S_HEAD "timeout: later\n",
	         "t.md:3:10: error: timeout must be submit, grace DURATION or not counted, not "
	         "'later'\n");
	S_expect(S_HEAD "timeout: not counted at all\n",
	         "t.md:3:10: error: timeout must be submit, grace DURATION or not counted, not "
	         "'not counted at all'\n");

	/* A timeout on an untimed exam does nothing: a warning. */
	struct bank_profile p;
	struct bank_report r;
	assert_int_equal(S_parse("# T\nquestions: 1 \xC2\xB7 time: none \xC2\xB7 pass: 1%\n"
	                         "review: no \xC2\xB7 timeout: not counted\n",
	                         &p, &r),
	                 0);
	char *got = S_report(&r);
	assert_string_equal(
	    got, "t.md:3:15: warning: timeout has no effect: the exam is untimed (time: none)\n");
	free(got);
	assert_int_equal(p.timeout, BANK_PROFILE_NOT_COUNTED);
	S_done(&p, &r);
}

static void test_profile_numbers(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		double pass;
	} passes[] = {{"70%", 70}, {"70 %", 70},  {"66.67%", 66.67},
	              {"0%", 0},   {"100%", 100}, {"100.0%", 100}};
	for (size_t i = 0; i < sizeof passes / sizeof *passes; i++) {
		char text[200];
		snprintf(text, sizeof text, "# T\nquestions: 3 \xC2\xB7 time: 1 h\npass: %s\n",
		         passes[i].text);
		struct bank_profile p;
		struct bank_report r;
		assert_int_equal(S_parse(text, &p, &r), 0);
		assert_true(p.pass > passes[i].pass - 1e-9 && p.pass < passes[i].pass + 1e-9);
		S_done(&p, &r);
	}
	S_expect("# T\nquestions: 3 \xC2\xB7 time: 1 h\npass: 70\n",
	         "t.md:3:7: error: pass must be a percentage from 0% to 100% such as '70%', not "
	         "'70'\n");
	S_expect("# T\nquestions: 3 \xC2\xB7 time: 1 h \xC2\xB7 pass: 100.5%\n",
	         "t.md:2:36: error: pass must be a percentage from 0% to 100% such as '70%', not "
	         "'100.5%'\n");
	S_expect("# T\ntime: 1 h \xC2\xB7 pass: -5% \xC2\xB7 questions: 3\n",
	         "t.md:2:20: error: pass must be a percentage from 0% to 100% such as '70%', not "
	         "'-5%'\n");
	S_expect("# T\ntime: 1 h \xC2\xB7 pass: 5 \xC2\xB7 questions: 0\n",
	         "t.md:2:20: error: pass must be a percentage from 0% to 100% such as '70%', not "
	         "'5'\n"
	         "t.md:2:36: error: questions must be a whole number from 1 to 500, not '0'\n");
	S_expect("# T\ntime: 1 h \xC2\xB7 pass: 5% \xC2\xB7 questions: 501\n",
	         "t.md:2:37: error: questions must be a whole number from 1 to 500, not '501'\n");
	S_expect("# T\ntime: 1 h \xC2\xB7 pass: 5%\nquestions: ten\n",
	         "t.md:3:12: error: questions must be a whole number from 1 to 500, not 'ten'\n");
	S_expect("# T\ntime: 1 h \xC2\xB7 pass: 5%\nquestions: 2.5\n",
	         "t.md:3:12: error: questions must be a whole number from 1 to 500, not '2.5'\n");
	S_expect("# T\ntime: 1 h \xC2\xB7 pass: 5%\nquestions:\n",
	         "t.md:3:1: error: 'questions:' has no value\n");
}

static void test_profile_other_values(void **state)
{
	(void)state;
	S_expect(S_HEAD "navigation: back \xC2\xB7 review: maybe \xC2\xB7 shuffle: 1\n",
	         "t.md:3:13: error: navigation must be free or sequential, not 'back'\n"
	         "t.md:3:29: error: review must be yes or no, not 'maybe'\n"
	         "t.md:3:47: error: shuffle must be yes or no, not '1'\n");
	S_expect(S_HEAD "bank: Flask Course\n",
	         "t.md:3:7: error: bank must be a bank id such as 'flask' (a-z, 0-9, '.', '_' "
	         "and '-'), not 'Flask Course'\n");
}

static void test_profile_setting_errors(void **state)
{
	(void)state;
	/* Unknown key, a key given twice, an item without a colon. */
	S_expect("# T\nquestions: 10 \xC2\xB7 time: 15 min \xC2\xB7 pass: 70%\n"
	         "colour: red \xC2\xB7 time: 20 min\n"
	         "just words\n",
	         "t.md:3:1: error: unknown setting 'colour' (known: questions, time, pass, "
	         "navigation, timeout, review, shuffle, bank)\n"
	         "t.md:3:16: error: 'time' is given twice (first at line 2)\n"
	         "t.md:4:1: error: 'just words' is not a setting: write 'key: value' (and leave a "
	         "blank line before the description)\n");
	/* Missing required settings are reported at the title. */
	S_expect("\n# T\n\nreview: no\n",
	         "t.md:2:1: error: the profile has no 'questions:' setting (questions: 1 to 500)\n"
	         "t.md:2:1: error: the profile has no 'time:' setting (time: 90 min, or time: "
	         "none)\n"
	         "t.md:2:1: error: the profile has no 'pass:' setting (pass: 70%)\n");
	/* A title straight followed by prose has no settings at all. */
	S_expect("# T\nSome words.\n",
	         "t.md:1:1: error: the profile has no 'questions:' setting (questions: 1 to 500)\n"
	         "t.md:1:1: error: the profile has no 'time:' setting (time: 90 min, or time: "
	         "none)\n"
	         "t.md:1:1: error: the profile has no 'pass:' setting (pass: 70%)\n");
}

static void test_profile_title_errors(void **state)
{
	(void)state;
	S_expect("questions: 10 \xC2\xB7 time: 15 min \xC2\xB7 pass: 70%\n",
	         "t.md:1:1: error: a profile starts with its title: '# Full mock exam'\n");
	S_expect("\n  Mock\n" S_HEAD,
	         "t.md:2:3: error: a profile starts with its title: '# Full mock exam'\n"
	         "t.md:3:1: error: a profile has one '# ' title, at the top\n");
	S_expect("#\nquestions: 10 \xC2\xB7 time: 15 min \xC2\xB7 pass: 70%\n",
	         "t.md:1:1: error: the title is empty: '# Full mock exam'\n");
	S_expect("#Title\nquestions: 10 \xC2\xB7 time: 15 min \xC2\xB7 pass: 70%\n",
	         "t.md:1:1: error: a profile starts with its title: '# Full mock exam'\n");
	S_expect("",
	         "t.md:1:1: error: a profile starts with its title: '# Full mock exam'\n"
	         "t.md:1:1: error: the profile has no 'questions:' setting (questions: 1 to 500)\n"
	         "t.md:1:1: error: the profile has no 'time:' setting (time: 90 min, or time: "
	         "none)\n"
	         "t.md:1:1: error: the profile has no 'pass:' setting (pass: 70%)\n");
	S_expect(S_HEAD "\nWords.\n\n# Another title\n",
	         "t.md:6:1: error: a profile has one '# ' title, at the top\n");
}

static void test_profile_sections_errors(void **state)
{
	(void)state;
	S_expect(S_HEAD "\n## Rules\n\nNo peeking.\n",
	         "t.md:4:1: error: unknown section '## Rules': a profile has only a '## Draw' "
	         "section\n");
	S_expect(S_HEAD "## Draw\n| from | weight |\n|---|---|\n| all | 1 |\n## draw\n",
	         "t.md:7:1: error: '## Draw' is given twice (first at line 3)\n");
	S_expect(S_HEAD "## Draw\n| from | weight |\n|---|---|\n| all | 1 |\n\nThe end.\n\nMore.\n",
	         "t.md:8:1: error: text after the Draw table: the table ends the profile\n");
	S_expect(S_HEAD "## Draw\n\n  Chapters 1 and 2.\n",
	         "t.md:5:3: error: the Draw section needs a table: '| from | weight |', '| --- | "
	         "---: |', then one row per line\n");
	S_expect(S_HEAD "\n## Draw\n\n",
	         "t.md:4:1: error: the Draw section needs a table: '| from | weight |', '| --- | "
	         "---: |', then one row per line\n");
}

static void test_profile_table_errors(void **state)
{
	(void)state;
	S_expect(S_HEAD "## Draw\n| from | share |\n|---|---|\n| all | 1 |\n",
	         "t.md:4:1: error: the Draw table's header is '| from | weight |' (then '| --- | "
	         "---: |')\n");
	S_expect(S_HEAD "## Draw\n| from | weight |\n| all | 1 |\n",
	         "t.md:5:1: error: the Draw table needs its separator row '| --- | ---: |' right "
	         "under the header\n");
	S_expect(S_HEAD "## Draw\n| from | weight |\n",
	         "t.md:4:1: error: the Draw table needs its separator row '| --- | ---: |' right "
	         "under the header\n");
	S_expect(S_HEAD "## Draw\n| from | weight |\n| --- | ---: |\n\n",
	         "t.md:4:1: error: the Draw table has no rows\n");
	S_expect(S_HEAD "## Draw\n"
	                "| from | weight |\n"
	                "| :-- | --: |\n"
	                "| all | 1 | 2 |\n"
	                "| chapter |  3 |\n"
	                "| chapter 0 | 3 |\n"
	                "| section 5 | 1 |\n"
	                "| section 5..6 | 1 |\n"
	                "| part 2 | 1 |\n"
	                "| chapter 2 | two |\n"
	                "| chapter 3 | 0 |\n"
	                "| chapter 4 | -1 |\n"
	                "| chapter 5 | 1e3 |\n"
	                "| chapter 6 | 5000000 |\n"
	                "| chapter 7 | 10%% |\n"
	                "| chapter 8 | 2 |\n"
	                "| Chapter   8 | 3 |\n"
	                "| section 5.6 | 1 |\n"
	                "| section 5.6 | 2 |\n"
	                "chapter 9\n",
	         "t.md:6:1: error: a Draw row has two cells, from and weight; this one has 3\n"
	         "t.md:7:3: error: 'chapter' is not a Draw row: write 'all', 'chapter N' or "
	         "'section N.M'\n"
	         "t.md:8:3: error: 'chapter 0' is not a Draw row: write 'all', 'chapter N' or "
	         "'section N.M'\n"
	         "t.md:9:3: error: 'section 5' names a whole chapter: write 'chapter 5', or a "
	         "section such as 'section 5.1'\n"
	         "t.md:10:3: error: 'section 5..6' is not a Draw row: write 'all', 'chapter N' or "
	         "'section N.M'\n"
	         "t.md:11:3: error: 'part 2' is not a Draw row: write 'all', 'chapter N' or "
	         "'section N.M'\n"
	         "t.md:12:15: error: weight must be a positive number such as 2, 0.5 or 25%, not "
	         "'two'\n"
	         "t.md:13:15: error: weight must be more than 0, not '0'\n"
	         "t.md:14:15: error: weight must be a positive number such as 2, 0.5 or 25%, not "
	         "'-1'\n"
	         "t.md:15:15: error: weight must be a positive number such as 2, 0.5 or 25%, not "
	         "'1e3'\n"
	         "t.md:16:15: error: weight may be at most 1000000, not '5000000'\n"
	         "t.md:17:15: error: weight must be a positive number such as 2, 0.5 or 25%, not "
	         "'10%%'\n"
	         "t.md:19:3: error: 'chapter 8' is given twice (first at line 18)\n"
	         "t.md:21:3: error: 'section 5.6' is given twice (first at line 20)\n"
	         "t.md:22:1: error: a Draw row has two cells, from and weight; this one has 1\n");
}

static void test_profile_table_forms(void **state)
{
	(void)state;
	struct bank_profile p;
	struct bank_report r;
	/* No outer pipes, alignment colons, percent and decimal weights,
	 * "## DRAW ##", and blank lines before the table and after it. */
	const char *text = S_HEAD "\n## DRAW ##\n\n"
	                          "From | Weight\n"
	                          ":---:|:--\n"
	                          "all | 25%\n"
	                          "chapter 12 | 0.5\n"
	                          "  section 3.2.1   |  12.25 %  \n"
	                          "| section 10.1 | 3 |\n"
	                          "\n\n";
	assert_int_equal(S_parse(text, &p, &r), 0);
	assert_int_equal(r.n_diags, 0);
	assert_int_equal(p.n_rows, 4);
	assert_int_equal(p.rows[0].from, BANK_PROFILE_ALL);
	assert_true(p.rows[0].weight == 25.0);
	assert_int_equal(p.rows[0].line, 8);
	assert_int_equal(p.rows[1].from, BANK_PROFILE_CHAPTER);
	assert_int_equal(p.rows[1].chapter, 12);
	assert_true(p.rows[1].weight == 0.5);
	assert_int_equal(p.rows[2].from, BANK_PROFILE_SECTION);
	assert_string_equal(p.rows[2].section, "3.2.1");
	assert_int_equal(p.rows[2].chapter, 3);
	assert_true(p.rows[2].weight == 12.25);
	assert_string_equal(p.rows[3].section, "10.1");
	assert_int_equal(p.rows[3].chapter, 10);
	struct buf name = {0};
	for (size_t i = 0; i < p.n_rows; i++) {
		bank_profile_row_name(&p.rows[i], &name);
		buf_putc(&name, ';');
	}
	assert_string_equal(buf_cstr(&name), "all;chapter 12;section 3.2.1;section 10.1;");
	buf_free(&name);
	S_done(&p, &r);
}

static void test_profile_course_sections(void **state)
{
	(void)state;
	static const char *const sections[] = {"1.1", "1.2", "5.6", "5.6.2", "10.1"};
	const char *text = S_HEAD "## Draw\n| from | weight |\n|---|---|\n"
	                          "| section 5.6 | 1 |\n"
	                          "| section 5.60 | 1 |\n"
	                          "| section 5.6.2 | 1 |\n"
	                          "| section 1.3 | 1 |\n"
	                          "| chapter 1 | 1 |\n"
	                          "| chapter 12 | 1 |\n"
	                          "| section 10 .1 | 1 |\n"
	                          "| all | 1 |\n";
	struct bank_profile p;
	struct bank_report r;
	/* "section 10 .1" is the one error; not knowing a section is only a
	 * warning, as in banks. */
	assert_int_equal(S_parse_with(text, sections, 5, &p, &r), 1);
	char *got = S_report(&r);
	assert_string_equal(got, "t.md:7:3: warning: section 5.60 is not in the course\n"
	                         "t.md:9:3: warning: section 1.3 is not in the course\n"
	                         "t.md:11:3: warning: chapter 12 is not in the course\n"
	                         "t.md:12:3: error: 'section 10 .1' is not a Draw row: write "
	                         "'all', 'chapter N' or 'section N.M'\n");
	free(got);
	bank_report_clear(&r);
	bank_profile_clear(&p);

	/* Without the error the profile loads despite the warnings. */
	const char *fine = S_HEAD "## Draw\n| from | weight |\n|---|---|\n| section 9.9 | 1 |\n";
	assert_int_equal(S_parse_with(fine, sections, 5, &p, &r), 0);
	assert_int_equal(r.n_warnings, 1);
	assert_int_equal(p.n_rows, 1);
	S_done(&p, &r);
	/* Without a course nothing is checked. */
	assert_int_equal(S_parse_with(fine, NULL, 0, &p, &r), 0);
	assert_int_equal(r.n_diags, 0);
	S_done(&p, &r);
}

static void test_profile_description(void **state)
{
	(void)state;
	struct bank_profile p;
	struct bank_report r;
	const char *text = S_HEAD "\n\n\n"
	                          "First paragraph,\n"
	                          "two lines.  \n"
	                          "\n"
	                          "### A smaller heading\n"
	                          "\n"
	                          "```markdown\n"
	                          "## Not a section\n"
	                          "# Not a title\n"
	                          "```\n"
	                          "\n"
	                          "~~~~\n"
	                          "```\n"
	                          "## still code\n"
	                          "~~~~\n"
	                          "Last line.\n"
	                          "\n\n"
	                          "## Draw\n"
	                          "| from | weight |\n|---|---|\n| all | 1 |\n";
	assert_int_equal(S_parse(text, &p, &r), 0);
	assert_string_equal(p.description, "First paragraph,\ntwo lines.  \n\n### A smaller "
	                                   "heading\n\n```markdown\n## Not a section\n# Not a "
	                                   "title\n```\n\n~~~~\n```\n## still code\n~~~~\nLast "
	                                   "line.");
	assert_int_equal(p.n_rows, 1);
	assert_int_equal(p.rows[0].line, 26);
	S_done(&p, &r);

	/* A description that opens with a code fence. */
	assert_int_equal(S_parse(S_HEAD "\n```\n## code\n```\n", &p, &r), 0);
	assert_string_equal(p.description, "```\n## code\n```");
	assert_int_equal(p.rows[0].from, BANK_PROFILE_ALL);
	S_done(&p, &r);
}

static void test_profile_text_errors(void **state)
{
	(void)state;
	/* Control characters (a tab is fine), bad UTF-8, a lone CR: one
	 * error per line, at the byte. */
	S_expect(S_HEAD "\nA\tbell\x07 here.\nBad \xFF byte, \xC3\x28 too.\nCR\rin the middle\n",
	         "t.md:4:7: error: control character U+0007 is not allowed\n"
	         "t.md:5:5: error: invalid UTF-8 (byte 0xFF): save the file as UTF-8\n"
	         "t.md:6:3: error: control character U+000D is not allowed\n");
	/* A NUL byte in a value, a C1 control in the title. */
	const char text[] = "# T\xC2\x85\nquestions: 1\0 \xC2\xB7 time: none \xC2\xB7 pass: 1%\n";
	struct bank_profile p;
	struct bank_report r;
	bank_report_init(&r, "t.md");
	assert_int_equal(bank_profile_parse("t.md", text, sizeof text - 1, NULL, 0, &p, &r), 3);
	char *got = S_report(&r);
	assert_string_equal(got, "t.md:1:4: error: control character U+0085 is not allowed\n"
	                         "t.md:2:13: error: control character U+0000 is not allowed\n"
	                         "t.md:2:12: error: questions must be a whole number from 1 to "
	                         "500, not '1\xEF\xBF\xBD'\n");
	free(got);
	S_done(&p, &r);
}

static void test_profile_crlf_and_bom(void **state)
{
	(void)state;
	/* The example with CRLF line ends and a byte order mark gives the
	 * same profile, description included. */
	struct buf crlf = {0};
	buf_puts(&crlf, "\xEF\xBB\xBF");
	for (const char *c = S_example; *c; c++) {
		if (*c == '\n')
			buf_putc(&crlf, '\r');
		buf_putc(&crlf, *c);
	}
	struct bank_profile a, b;
	struct bank_report ra, rb;
	assert_int_equal(S_parse(S_example, &a, &ra), 0);
	assert_int_equal(S_parse(buf_cstr(&crlf), &b, &rb), 0);
	assert_int_equal(rb.n_diags, 0);
	assert_string_equal(a.title, b.title);
	assert_string_equal(a.description, b.description);
	assert_null(strchr(b.description, '\r'));
	assert_int_equal(a.n_rows, b.n_rows);
	for (size_t i = 0; i < a.n_rows; i++) {
		assert_int_equal(a.rows[i].line, b.rows[i].line);
		assert_true(a.rows[i].weight == b.rows[i].weight);
	}
	assert_int_equal(a.time_limit, b.time_limit);
	S_done(&a, &ra);
	S_done(&b, &rb);
	buf_free(&crlf);

	/* Errors in a CRLF file point at the same columns as in an LF one. */
	S_expect("# T\r\nquestions: 10 \xC2\xB7 time: 15 min \xC2\xB7 pass: 70%\r\nsize: 3\r\n",
	         "t.md:3:1: error: unknown setting 'size' (known: questions, time, pass, "
	         "navigation, timeout, review, shuffle, bank)\n");
}

static void test_profile_load(void **state)
{
	(void)state;
	struct bank_profile p;
	struct bank_report r;
	assert_int_equal(bank_profile_load("/tmp/h6-no-such-dir/x.md", NULL, 0, &p, &r), 1);
	assert_int_equal(r.n_errors, 1);
	assert_int_equal(r.diags[0].line, 0);
	assert_string_equal(r.path, "/tmp/h6-no-such-dir/x.md");
	assert_non_null(strstr(r.diags[0].message, "No such file"));
	assert_null(p.title);
	S_done(&p, &r);

	char dir[] = "/tmp/st-profile-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/mock-full.md", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(S_example, f);
	fclose(f);
	assert_int_equal(bank_profile_load(path, NULL, 0, &p, &r), 0);
	assert_string_equal(p.id, "mock-full");
	assert_string_equal(p.path, path);
	assert_string_equal(r.path, path);
	assert_int_equal(p.questions, 60);
	S_done(&p, &r);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_profile_example),
	    cmocka_unit_test(test_profile_defaults),
	    cmocka_unit_test(test_profile_every_key),
	    cmocka_unit_test(test_profile_durations),
	    cmocka_unit_test(test_profile_duration_messages),
	    cmocka_unit_test(test_profile_format_duration),
	    cmocka_unit_test(test_profile_timeouts),
	    cmocka_unit_test(test_profile_numbers),
	    cmocka_unit_test(test_profile_other_values),
	    cmocka_unit_test(test_profile_setting_errors),
	    cmocka_unit_test(test_profile_title_errors),
	    cmocka_unit_test(test_profile_sections_errors),
	    cmocka_unit_test(test_profile_table_errors),
	    cmocka_unit_test(test_profile_table_forms),
	    cmocka_unit_test(test_profile_course_sections),
	    cmocka_unit_test(test_profile_description),
	    cmocka_unit_test(test_profile_text_errors),
	    cmocka_unit_test(test_profile_crlf_and_bom),
	    cmocka_unit_test(test_profile_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
