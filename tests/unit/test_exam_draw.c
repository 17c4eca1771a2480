/* Unit tests for quiz/exam_draw: apportionment by largest remainder, the
 * seeded draw (no repeats, reproducible, uniform, overlapping rows, bank
 * filter, short pools, row order), a 100,000-question catalog, and every
 * shipped profile in quizzes/exams drawn from the built-in bank (when
 * STUDYTERM_TEST_BANK names the compiled bank database). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bank/profile.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "course/course.h"
#include "quiz/catalog.h"
#include "quiz/exam_draw.h"

/* ---- helpers ---- */

/* Adds bank id with the questions spec lists: "5.1:6 5.6:1" is six
 * questions in section 5.1 and one in 5.6, in that (catalog) order. */
static void S_bank(struct catalog *c, const char *id, const char *spec)
{
	struct bank *b = xcalloc(1, sizeof *b);
	b->id = xstrdup(id);
	char section[32];
	int count, used;
	for (const char *s = spec; sscanf(s, " %31[^:]:%d%n", section, &count, &used) == 2;
	     s += used)
		for (int k = 0; k < count; k++) {
			struct bank_question *q = bank_add_question(b);
			struct buf qid = {0};
			buf_printf(&qid, "q%s-%d", section, k);
			q->id = buf_detach(&qid);
			q->title = xstrdup(q->id);
			q->section = xstrdup(section);
			q->stem = xstrdup("?");
			q->type = BANK_SINGLE;
		}
	catalog_add_bank(c, b);
}

/* A profile from its text; the test fails when it does not parse. */
static void S_profile(const char *text, struct bank_profile *p)
{
	struct bank_report r;
	bank_report_init(&r, "t.md");
	size_t errors =
	    bank_profile_parse("quizzes/exams/t.md", text, strlen(text), NULL, 0, p, &r);
	if (errors) {
		struct buf out = {0};
		bank_report_format(&r, &out);
		fail_msg("%s", buf_cstr(&out));
	}
	bank_report_clear(&r);
}

/* Whether entry e is one row would take. */
static bool S_takes(const struct bank_profile_row *row, const struct catalog_entry *e)
{
	switch (row->from) {
	case BANK_PROFILE_ALL: return true;
	case BANK_PROFILE_CHAPTER: return e->chapter == row->chapter;
	case BANK_PROFILE_SECTION: {
		size_t n = strlen(row->section);
		return strncmp(e->section, row->section, n) == 0 &&
		       (e->section[n] == '\0' || e->section[n] == '.');
	}
	}
	return false;
}

/* Checks everything a successful draw promises. */
static void S_check_draw(const struct catalog *c, const struct bank_profile *p,
                         const struct exam_draw *d)
{
	assert_int_equal(d->n, (size_t)p->questions);
	int *want = xcalloc(p->n_rows, sizeof *want), *got = xcalloc(p->n_rows, sizeof *got);
	exam_draw_apportion(p, want);
	bool *seen = xcalloc(c->n_entries, sizeof *seen);
	for (size_t i = 0; i < d->n; i++) {
		assert_true(d->entries[i] < c->n_entries);
		assert_false(seen[d->entries[i]]); /* never twice */
		seen[d->entries[i]] = true;
		assert_true(d->row[i] < p->n_rows);
		const struct catalog_entry *e = &c->entries[d->entries[i]];
		assert_true(S_takes(&p->rows[d->row[i]], e));
		if (p->bank)
			assert_string_equal(e->bank, p->bank);
		got[d->row[i]]++;
	}
	for (size_t r = 0; r < p->n_rows; r++)
		assert_int_equal(got[r], want[r]);
	free(want);
	free(got);
	free(seen);
}

static void S_apportion(int questions, const double *weights, size_t n, const int *expect)
{
	struct bank_profile_row rows[16] = {{0}};
	struct bank_profile p = {.questions = questions, .rows = rows, .n_rows = n};
	int counts[16];
	for (size_t i = 0; i < n; i++)
		rows[i] = (struct bank_profile_row){.from = BANK_PROFILE_ALL, .weight = weights[i]};
	exam_draw_apportion(&p, counts);
	for (size_t i = 0; i < n; i++)
		if (counts[i] != expect[i])
			fail_msg("%d questions, row %zu of %zu: %d, expected %d", questions, i, n,
			         counts[i], expect[i]);
}

/* ---- apportionment ---- */

static void test_apportion_examples(void **state)
{
	(void)state;
	/* 60 over 1..11: quotas 10i/11; floors give 55, and the five largest
	 * fractions are rows 1..5. */
	static const double w11[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
	static const int c11[] = {1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10};
	S_apportion(60, w11, 11, c11);
	/* Equal thirds of 20: the leftover two go to the earlier rows. */
	static const double w3[] = {1, 1, 1};
	static const int c3[] = {7, 7, 6};
	S_apportion(20, w3, 3, c3);
	/* Weights summing to less than 1, and quotas that float arithmetic
	 * puts a hair off a whole number. */
	static const double wsmall[] = {0.1, 0.2};
	static const int csmall[] = {1, 2};
	S_apportion(3, wsmall, 2, csmall);
	static const double w4[] = {0.1, 0.2, 0.3, 0.4};
	static const int c4a[] = {1, 2, 3, 4}, c4b[] = {1, 1, 2, 3};
	S_apportion(10, w4, 4, c4a);
	S_apportion(7, w4, 4, c4b);
	/* 9 over 0.05, 0.15, 0.1: quotas 1.5, 4.5, 3; the tie of .5 goes to
	 * the earlier row whatever the rounding. */
	static const double wtie[] = {0.05, 0.15, 0.1};
	static const int ctie[] = {2, 4, 3};
	S_apportion(9, wtie, 3, ctie);
	static const double weq[] = {1, 1, 1, 1};
	static const int ceq[] = {1, 1, 0, 0};
	S_apportion(2, weq, 4, ceq);
	/* Percent weights are plain weights. */
	static const double wpct[] = {50, 25, 25};
	static const int cpct[] = {3, 1, 1};
	S_apportion(5, wpct, 3, cpct);
	static const double wone[] = {1, 3};
	static const int cone[] = {0, 1};
	S_apportion(1, wone, 2, cone);
	/* The shipped full mock exam: weights that sum to 60 are counts. */
	static const double wmock[] = {3, 6, 5, 5, 10, 2, 6, 6, 5, 4, 4, 4};
	static const int cmock[] = {3, 6, 5, 5, 10, 2, 6, 6, 5, 4, 4, 4};
	S_apportion(60, wmock, 12, cmock);
}

static void test_apportion_sums(void **state)
{
	(void)state;
	/* Whatever the weights, the counts add up to the questions and each
	 * is its quota rounded down or up. */
	uint64_t x = 12345;
	for (int round = 0; round < 2000; round++) {
		struct bank_profile_row rows[16];
		size_t n = 1 + (size_t)(round % 16);
		double total = 0;
		for (size_t i = 0; i < n; i++) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			double w = (double)(x >> 40 & 0xFFFF) / 100.0 + 0.01;
			rows[i] = (struct bank_profile_row){.from = BANK_PROFILE_ALL, .weight = w};
			total += w;
		}
		struct bank_profile p = {.questions = 1 + round % 500, .rows = rows, .n_rows = n};
		int counts[16], sum = 0;
		exam_draw_apportion(&p, counts);
		for (size_t i = 0; i < n; i++) {
			double quota = p.questions * rows[i].weight / total;
			assert_true(counts[i] >= (int)(quota - 1e-6));
			assert_true(counts[i] <= (int)(quota + 1e-6) + 1);
			sum += counts[i];
		}
		assert_int_equal(sum, p.questions);
	}
	struct bank_profile none = {.questions = 5};
	int dummy = 7;
	exam_draw_apportion(&none, &dummy); /* no rows: nothing written */
	assert_int_equal(dummy, 7);
}

/* ---- the draw ---- */

static const char S_three_chapters[] = "# T\nquestions: 12 \xC2\xB7 time: none \xC2\xB7 pass: 50%\n"
                                       "## Draw\n| from | weight |\n|---|---|\n"
                                       "| chapter 1 | 1 |\n| chapter 2 | 1 |\n| chapter 3 | 1 |\n";

static void test_draw_no_repeats_and_seeds(void **state)
{
	(void)state;
	struct catalog c;
	catalog_init(&c);
	S_bank(&c, "flask", "1.1:5 1.2:5 1.3:5 2.1:5 2.2:5 2.3:5 3.1:5 3.2:5 3.3:5 4.1:9");
	struct bank_profile p;
	S_profile(S_three_chapters, &p);
	struct error err = {0};
	size_t distinct_first = 0;
	bool first_seen[64] = {false};
	struct exam_draw prev = {0};
	size_t same_as_prev = 0;
	for (uint64_t seed = 0; seed < 1000; seed++) {
		struct exam_draw d, again;
		assert_int_equal(exam_draw(&c, &p, seed, &d, &err), ST_OK);
		S_check_draw(&c, &p, &d);
		assert_int_equal(exam_draw(&c, &p, seed, &again, &err), ST_OK);
		assert_memory_equal(d.entries, again.entries, d.n * sizeof *d.entries);
		assert_memory_equal(d.row, again.row, d.n * sizeof *d.row);
		exam_draw_free(&again);
		if (!first_seen[d.entries[0]]) {
			first_seen[d.entries[0]] = true;
			distinct_first++;
		}
		if (prev.n && memcmp(prev.entries, d.entries, d.n * sizeof *d.entries) == 0)
			same_as_prev++;
		exam_draw_free(&prev);
		prev = d;
	}
	exam_draw_free(&prev);
	assert_int_equal(same_as_prev, 0);    /* different seeds, different exams */
	assert_int_equal(distinct_first, 45); /* every chapter 1-3 question opened some exam */

	/* Fixed values: the draw must not change between releases, or stored
	 * attempts would no longer rebuild. */
	struct exam_draw d;
	assert_int_equal(exam_draw(&c, &p, 42, &d, &err), ST_OK);
	struct buf got = {0};
	for (size_t i = 0; i < d.n; i++)
		buf_printf(&got, "%s ", c.entries[d.entries[i]].id);
	assert_string_equal(buf_cstr(&got), "q1.2-1 q1.2-4 q3.1-4 q1.2-3 q3.3-3 q3.2-1 q2.2-1 "
	                                    "q2.1-2 q2.1-1 q1.3-2 q2.2-4 q3.3-2 ");
	exam_draw_free(&d);
	buf_free(&got);
	bank_profile_clear(&p);
	catalog_free(&c);
}

static void test_draw_uniform(void **state)
{
	(void)state;
	/* One question out of ten, 20,000 seeds: each should come ~2,000
	 * times (standard deviation ~42; the bounds are six of them). */
	struct catalog c;
	catalog_init(&c);
	S_bank(&c, "flask", "1.1:10");
	struct bank_profile p;
	S_profile("# T\nquestions: 1 \xC2\xB7 time: none \xC2\xB7 pass: 50%\n", &p);
	int hits[10] = {0};
	struct error err;
	for (uint64_t seed = 0; seed < 20000; seed++) {
		struct exam_draw d;
		assert_int_equal(exam_draw(&c, &p, seed * 7919, &d, &err), ST_OK);
		hits[d.entries[0]]++;
		exam_draw_free(&d);
	}
	for (int i = 0; i < 10; i++)
		if (hits[i] < 1750 || hits[i] > 2250)
			fail_msg("question %d drawn %d times out of 20000", i, hits[i]);
	bank_profile_clear(&p);
	catalog_free(&c);
}

static void test_draw_overlapping_rows(void **state)
{
	(void)state;
	struct catalog c;
	catalog_init(&c);
	/* Chapter 5: 4 in 5.1, 3 in 5.6, 1 in 5.6.1, 2 in 5.60 (not 5.6). */
	S_bank(&c, "flask", "5.1:4 5.6:3 5.6.1:1 5.60:2 6.1:3");
	struct bank_profile p;
	S_profile("# T\nquestions: 10 \xC2\xB7 time: none \xC2\xB7 pass: 50%\n"
	          "## Draw\n| from | weight |\n|---|---|\n"
	          "| chapter 5 | 7 |\n| section 5.6 | 1 |\n| section 5.6.1 | 1 |\n| all | 1 |\n",
	          &p);
	struct error err;
	int section_hits[16] = {0};
	for (uint64_t seed = 0; seed < 500; seed++) {
		struct exam_draw d;
		assert_int_equal(exam_draw(&c, &p, seed, &d, &err), ST_OK);
		S_check_draw(&c, &p, &d);
		for (size_t i = 0; i < d.n; i++) {
			const char *sec = c.entries[d.entries[i]].section;
			if (d.row[i] == 1) /* section 5.6: never 5.6.1 (taken), never 5.60 */
				assert_string_equal(sec, "5.6");
			if (d.row[i] == 2)
				assert_string_equal(sec, "5.6.1");
			if (d.row[i] == 1)
				section_hits[d.entries[i]]++;
		}
		exam_draw_free(&d);
	}
	/* Each of the three 5.6 questions (entries 4..6) was the section's. */
	for (int i = 4; i <= 6; i++)
		assert_true(section_hits[i] > 100);

	/* A later row draws from what more specific rows left: chapter 1 has
	 * two questions, its row takes one and "all" the other. */
	struct catalog c2;
	catalog_init(&c2);
	S_bank(&c2, "flask", "1.1:2");
	struct bank_profile p2;
	S_profile("# T\nquestions: 2 \xC2\xB7 time: none \xC2\xB7 pass: 50%\n"
	          "## Draw\n| from | weight |\n|---|---|\n| all | 1 |\n| chapter 1 | 1 |\n",
	          &p2);
	struct exam_draw d;
	assert_int_equal(exam_draw(&c2, &p2, 7, &d, &err), ST_OK);
	S_check_draw(&c2, &p2, &d);
	exam_draw_free(&d);
	bank_profile_clear(&p2);
	catalog_free(&c2);
	bank_profile_clear(&p);
	catalog_free(&c);
}

static void test_draw_bank_filter(void **state)
{
	(void)state;
	struct catalog c;
	catalog_init(&c);
	S_bank(&c, "flask", "1.1:10 2.1:10");
	S_bank(&c, "orm-quiz", "1.1:6 2.1:4");
	S_bank(&c, "zzz", "1.1:10 2.1:10");
	struct bank_profile p;
	S_profile(
	    "# T\nquestions: 10 \xC2\xB7 time: none \xC2\xB7 pass: 50% \xC2\xB7 bank: orm-quiz\n",
	    &p);
	struct error err;
	for (uint64_t seed = 0; seed < 50; seed++) {
		struct exam_draw d;
		assert_int_equal(exam_draw(&c, &p, seed, &d, &err), ST_OK);
		S_check_draw(&c, &p, &d); /* checks every entry's bank */
		exam_draw_free(&d);
	}
	bank_profile_clear(&p);
	S_profile(
	    "# T\nquestions: 11 \xC2\xB7 time: none \xC2\xB7 pass: 50% \xC2\xB7 bank: orm-quiz\n",
	    &p);
	struct exam_draw d;
	assert_int_equal(exam_draw(&c, &p, 1, &d, &err), ST_INVALID);
	assert_string_equal(err.where, "quizzes/exams/t.md");
	assert_string_equal(err.message,
	                    "all needs 11 questions but the bank has only 10 left for it (bank "
	                    "orm-quiz)");
	assert_null(d.entries);
	assert_int_equal(d.n, 0);
	bank_profile_clear(&p);
	catalog_free(&c);
}

static void test_draw_short_rows(void **state)
{
	(void)state;
	struct catalog c;
	catalog_init(&c);
	S_bank(&c, "flask", "1.1:3 2.1:10 5.1:6 5.6:1");
	struct bank_profile p;
	S_profile("# T\nquestions: 20 \xC2\xB7 time: none \xC2\xB7 pass: 50% \xC2\xB7 bank: flask\n"
	          "\n"
	          "## Draw\n"
	          "| from | weight |\n"
	          "| --- | --- |\n"
	          "| chapter 1 | 5 |\n"
	          "| chapter 2 | 5 |\n"
	          "| chapter 5 | 8 |\n"
	          "| section 5.6 | 2 |\n",
	          &p);
	struct exam_draw d;
	struct error err;
	assert_int_equal(exam_draw(&c, &p, 3, &d, &err), ST_INVALID);
	assert_int_equal(err.status, ST_INVALID);
	assert_string_equal(err.where, "quizzes/exams/t.md:7");
	assert_string_equal(err.message,
	                    "chapter 1 needs 5 questions but the bank has only 3 left for it; "
	                    "line 9: chapter 5 needs 8 questions but the bank has only 6 left for "
	                    "it after more specific rows took 1; line 10: section 5.6 needs 2 "
	                    "questions but the bank has only 1 left for it (bank flask)");
	assert_null(d.entries);
	assert_null(d.row);
	bank_profile_clear(&p);

	S_profile("# T\nquestions: 1 \xC2\xB7 time: none \xC2\xB7 pass: 50%\n"
	          "## Draw\n| from | weight |\n| --- | --- |\n| chapter 3 | 1 |\n",
	          &p);
	assert_int_equal(exam_draw(&c, &p, 3, &d, &err), ST_INVALID);
	assert_string_equal(err.where, "quizzes/exams/t.md:6");
	assert_string_equal(err.message,
	                    "chapter 3 needs 1 question but the bank has only 0 left for it");
	bank_profile_clear(&p);
	catalog_free(&c);
}

static void test_draw_row_order(void **state)
{
	(void)state;
	struct catalog c;
	catalog_init(&c);
	S_bank(&c, "flask", "1.1:8 2.1:8 3.1:8");
	struct bank_profile ordered, shuffled;
	const char *draw = "## Draw\n| from | weight |\n|---|---|\n"
	                   "| chapter 3 | 2 |\n| chapter 1 | 1 |\n| chapter 2 | 1 |\n";
	struct buf text = {0};
	buf_printf(&text,
	           "# T\nquestions: 12 \xC2\xB7 time: none \xC2\xB7 pass: 50%%\nshuffle: no\n%s",
	           draw);
	S_profile(buf_cstr(&text), &ordered);
	buf_reset(&text);
	buf_printf(&text, "# T\nquestions: 12 \xC2\xB7 time: none \xC2\xB7 pass: 50%%\n%s", draw);
	S_profile(buf_cstr(&text), &shuffled);
	buf_free(&text);
	struct error err;
	size_t reordered = 0;
	for (uint64_t seed = 0; seed < 20; seed++) {
		struct exam_draw a, b;
		assert_int_equal(exam_draw(&c, &ordered, seed, &a, &err), ST_OK);
		S_check_draw(&c, &ordered, &a);
		/* Rows as written (3, 1, 2), each in catalog order. */
		for (size_t i = 0; i < a.n; i++) {
			assert_int_equal(a.row[i], i < 6 ? 0 : i < 9 ? 1 : 2);
			if (i && a.row[i] == a.row[i - 1])
				assert_true(a.entries[i] > a.entries[i - 1]);
		}
		assert_int_equal(c.entries[a.entries[0]].chapter, 3);
		/* Shuffled: the same questions, in another order. */
		assert_int_equal(exam_draw(&c, &shuffled, seed, &b, &err), ST_OK);
		S_check_draw(&c, &shuffled, &b);
		size_t sa[12], sb[12];
		memcpy(sa, a.entries, sizeof sa);
		memcpy(sb, b.entries, sizeof sb);
		for (size_t i = 0; i < 12; i++)
			for (size_t j = i + 1; j < 12; j++)
				if (sb[j] < sb[i]) {
					size_t t = sb[i];
					sb[i] = sb[j];
					sb[j] = t;
				}
		for (size_t i = 0; i < 12; i++)
			for (size_t j = i + 1; j < 12; j++)
				if (sa[j] < sa[i]) {
					size_t t = sa[i];
					sa[i] = sa[j];
					sa[j] = t;
				}
		assert_memory_equal(sa, sb, sizeof sa);
		reordered += memcmp(a.entries, b.entries, sizeof sa) != 0;
		exam_draw_free(&a);
		exam_draw_free(&b);
	}
	assert_int_equal(reordered, 20);
	bank_profile_clear(&ordered);
	bank_profile_clear(&shuffled);
	catalog_free(&c);
}

static void test_draw_invalid_profiles(void **state)
{
	(void)state;
	struct catalog c;
	catalog_init(&c);
	S_bank(&c, "flask", "1.1:3");
	struct exam_draw d;
	struct error err;
	struct bank_profile none = {.path = (char *)"x.md", .questions = 1};
	assert_int_equal(exam_draw(&c, &none, 1, &d, &err), ST_INVALID);
	assert_string_equal(err.message, "the profile has no Draw rows");
	struct bank_profile_row twice[] = {
	    {.from = BANK_PROFILE_CHAPTER, .chapter = 1, .weight = 1},
	    {.from = BANK_PROFILE_CHAPTER, .chapter = 1, .weight = 2},
	};
	struct bank_profile dup = {
	    .path = (char *)"x.md", .questions = 1, .rows = twice, .n_rows = 2};
	assert_int_equal(exam_draw(&c, &dup, 1, &d, &err), ST_INVALID);
	assert_string_equal(err.message, "Draw rows 1 and 2 are the same row");
	twice[1].chapter = 2;
	twice[1].weight = 0;
	assert_int_equal(exam_draw(&c, &dup, 1, &d, &err), ST_INVALID);
	assert_string_equal(err.message, "Draw row 2 needs a positive weight and a row name");
	assert_null(d.entries);
	/* An empty catalog: the one row is short. */
	struct catalog empty;
	catalog_init(&empty);
	twice[1].weight = 1;
	assert_int_equal(exam_draw(&empty, &dup, 1, &d, &err), ST_INVALID);
	assert_string_equal(err.message,
	                    "chapter 1 needs 1 question but the bank has only 0 left for it");
	catalog_free(&empty);
	catalog_free(&c);
}

static double S_ms(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static void test_draw_large_catalog(void **state)
{
	(void)state;
	/* 100,000 questions in 11 chapters of 6 sections, some with
	 * subsections; drawn by the shipped mock exam's rows plus one
	 * subsection. */
	struct catalog c;
	catalog_init(&c);
	struct bank *b = xcalloc(1, sizeof *b);
	b->id = xstrdup("big");
	for (int i = 0; i < 100000; i++) {
		struct bank_question *q = bank_add_question(b);
		struct buf s = {0};
		int ch = 1 + i % 11, sec = 1 + i / 11 % 6;
		if (i % 5 == 0)
			buf_printf(&s, "%d.%d.%d", ch, sec, 1 + i / 1000 % 3);
		else
			buf_printf(&s, "%d.%d", ch, sec);
		q->section = buf_detach(&s);
		buf_printf(&s, "q%d", i);
		q->id = buf_detach(&s);
		q->title = xstrdup(q->id);
		q->stem = xstrdup("?");
	}
	catalog_add_bank(&c, b);
	assert_int_equal(c.n_entries, 100000);
	struct bank_profile p;
	S_profile("# T\nquestions: 60 \xC2\xB7 time: 90 min \xC2\xB7 pass: 70%\n"
	          "## Draw\n| from | weight |\n|---|---|\n"
	          "| chapter 1 | 3 |\n| chapter 2 | 6 |\n| chapter 3 | 5 |\n| chapter 4 | 5 |\n"
	          "| chapter 5 | 9 |\n| section 5.6 | 2 |\n| section 5.6.1 | 1 |\n"
	          "| chapter 6 | 6 |\n| chapter 7 | 6 |\n| chapter 8 | 5 |\n| chapter 9 | 4 |\n"
	          "| chapter 10 | 4 |\n| chapter 11 | 4 |\n",
	          &p);
	struct error err;
	double best = 1e9;
	for (uint64_t seed = 0; seed < 20; seed++) {
		struct exam_draw d;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (exam_draw(&c, &p, seed, &d, &err) != ST_OK)
			fail_msg("%s: %s", err.where, err.message);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (S_ms(&t0, &t1) < best)
			best = S_ms(&t0, &t1);
		S_check_draw(&c, &p, &d);
		for (size_t i = 0; i < d.n; i++)
			if (d.row[i] == 6)
				assert_string_equal(c.entries[d.entries[i]].section, "5.6.1");
		exam_draw_free(&d);
	}
	/* A figure, not a limit: sanitizers and busy machines vary. */
	printf("# 60 of 100,000 questions drawn in %.2f ms (best of 20)\n", best);
	bank_profile_clear(&p);
	catalog_free(&c);
}

/* ---- the shipped profiles ---- */

struct S_shipped {
	char **paths;
	size_t n;
	char **sections;
	size_t n_sections;
};

static int S_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void S_shipped_load(struct S_shipped *s)
{
	memset(s, 0, sizeof *s);
	DIR *dir = opendir("quizzes/exams");
	assert_non_null(dir);
	struct dirent *ent;
	size_t cap = 0;
	while ((ent = readdir(dir))) {
		size_t n = strlen(ent->d_name);
		if (ent->d_name[0] == '.' || n < 4 || strcmp(ent->d_name + n - 3, ".md") != 0)
			continue;
		xgrow((void **)&s->paths, &cap, s->n + 1, sizeof *s->paths);
		struct buf path = {0};
		buf_printf(&path, "quizzes/exams/%s", ent->d_name);
		s->paths[s->n++] = buf_detach(&path);
	}
	closedir(dir);
	qsort(s->paths, s->n, sizeof *s->paths, S_cmp_str);
	struct course *course;
	struct error err;
	assert_int_equal(course_load("content", &course, &err), ST_OK);
	cap = 0;
	for (size_t i = 0; i < course->nchapters; i++)
		for (size_t j = 0; j < course->chapters[i].nsections; j++) {
			xgrow((void **)&s->sections, &cap, s->n_sections + 1, sizeof *s->sections);
			s->sections[s->n_sections++] =
			    xstrdup(course->chapters[i].sections[j].number);
		}
	course_free(course);
}

static void S_shipped_free(struct S_shipped *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->paths[i]);
	free(s->paths);
	for (size_t i = 0; i < s->n_sections; i++)
		free(s->sections[i]);
	free(s->sections);
}

static void test_shipped_profiles_parse(void **state)
{
	(void)state;
	struct S_shipped s;
	S_shipped_load(&s);
	assert_int_equal(s.n, 13); /* mock-full, quick-20, chapter-01..11 */
	for (size_t i = 0; i < s.n; i++) {
		struct bank_profile p;
		struct bank_report r;
		size_t errors = bank_profile_load(s.paths[i], (const char *const *)s.sections,
		                                  s.n_sections, &p, &r);
		if (errors || r.n_diags) {
			struct buf out = {0};
			bank_report_format(&r, &out);
			fail_msg("%s", buf_cstr(&out));
		}
		assert_true(strlen(p.description) > 20);
		assert_true(p.review);
		if (strcmp(p.id, "mock-full") == 0) {
			assert_int_equal(p.questions, 60);
			assert_int_equal(p.time_limit, 90 * 60);
			assert_true(p.pass == 70.0);
			assert_int_equal(p.timeout, BANK_PROFILE_GRACE);
			assert_int_equal(p.grace, 120);
			assert_int_equal(p.navigation, BANK_PROFILE_FREE);
			int counts[16], most = 0;
			assert_true(p.n_rows <= 16);
			exam_draw_apportion(&p, counts);
			for (size_t k = 0; k < p.n_rows; k++) {
				int ch = p.rows[k].chapter;
				if (ch != 5 && counts[k] > most)
					most = counts[k];
			}
			int ch5 = 0;
			for (size_t k = 0; k < p.n_rows; k++)
				if (p.rows[k].chapter == 5)
					ch5 += counts[k];
			assert_true(ch5 > most); /* databases weigh most */
		} else if (strcmp(p.id, "quick-20") == 0) {
			assert_int_equal(p.questions, 20);
			assert_int_equal(p.time_limit, 25 * 60);
			assert_int_equal(p.n_rows, 1);
			assert_int_equal(p.rows[0].from, BANK_PROFILE_ALL);
			assert_int_equal(p.timeout, BANK_PROFILE_SUBMIT);
		} else {
			int n;
			assert_int_equal(sscanf(p.id, "chapter-%d", &n), 1);
			assert_int_equal(p.questions, 10);
			assert_int_equal(p.time_limit, 15 * 60);
			assert_true(p.pass == 70.0);
			assert_int_equal(p.timeout, BANK_PROFILE_SUBMIT);
			assert_int_equal(p.n_rows, 1);
			assert_int_equal(p.rows[0].from, BANK_PROFILE_CHAPTER);
			assert_int_equal(p.rows[0].chapter, n);
			char want[64];
			snprintf(want, sizeof want, "Chapter %d: ", n);
			assert_memory_equal(p.title, want, strlen(want));
		}
		bank_profile_clear(&p);
		bank_report_clear(&r);
	}
	S_shipped_free(&s);
}

static void test_shipped_profiles_draw(void **state)
{
	(void)state;
	const char *db = getenv("STUDYTERM_TEST_BANK");
	if (!db || !*db) {
		printf("# STUDYTERM_TEST_BANK is not set: shipped profiles not drawn\n");
		skip();
	}
	struct catalog c;
	catalog_init(&c);
	struct error err = {0};
	if (catalog_load_db(&c, db, &err) != ST_OK)
		fail_msg("%s: %s", err.where, err.message);
	struct S_shipped s;
	S_shipped_load(&s);
	for (size_t i = 0; i < s.n; i++) {
		struct bank_profile p;
		struct bank_report r;
		assert_int_equal(bank_profile_load(s.paths[i], NULL, 0, &p, &r), 0);
		for (uint64_t seed = 1; seed <= 200; seed++) {
			struct exam_draw d;
			if (exam_draw(&c, &p, seed * 2654435761u, &d, &err) != ST_OK)
				fail_msg("%s: %s", err.where, err.message);
			S_check_draw(&c, &p, &d);
			exam_draw_free(&d);
		}
		bank_profile_clear(&p);
		bank_report_clear(&r);
	}
	S_shipped_free(&s);
	catalog_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_apportion_examples),
	    cmocka_unit_test(test_apportion_sums),
	    cmocka_unit_test(test_draw_no_repeats_and_seeds),
	    cmocka_unit_test(test_draw_uniform),
	    cmocka_unit_test(test_draw_overlapping_rows),
	    cmocka_unit_test(test_draw_bank_filter),
	    cmocka_unit_test(test_draw_short_rows),
	    cmocka_unit_test(test_draw_row_order),
	    cmocka_unit_test(test_draw_invalid_profiles),
	    cmocka_unit_test(test_draw_large_catalog),
	    cmocka_unit_test(test_shipped_profiles_parse),
	    cmocka_unit_test(test_shipped_profiles_draw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
