/* Unit tests for quiz/stats and reviews_per_day: mastery per chapter from
 * latest scores, finished exam attempts in order, answers per local day
 * around midnight in UTC and in New York (across a daylight-saving change),
 * the streak (also past the heatmap), reviews due per day with overdue
 * ones today, and reading progress per course chapter. Each test has its
 * own progress database in a temp dir; the catalog is built in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/xalloc.h"
#include "course/course.h"
#include "quiz/catalog.h"
#include "quiz/stats.h"
#include "store/exams.h"
#include "store/reviews.h"

#define T0  1767225600 /* 2026-01-01 00:00 UTC, a Thursday */
#define DAY 86400
#define EPS 1e-9

struct fixture {
	char dir[64];
	struct progress *p;
	struct catalog cat;
	struct course *course;
};

/* Sections of the in-memory bank "b": q1 q2 in chapter 1, q3 q4 q5 in 2,
 * none in 3, q7 in 4 (no such chapter in the course), q6 without a
 * chapter number. */
static const char *const S_sections[][2] = {
    {"q1", "1.1"}, {"q2", "1.2"},   {"q3", "2.1"}, {"q4", "2.2"},
    {"q5", "2.3"}, {"q6", "Intro"}, {"q7", "4.1"},
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/st-stats-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	setenv("TZ", "UTC", 1);
	tzset();
	clock_set_fixed(T0);
	struct error err;
	if (progress_open(f->dir, &f->p, &err) != ST_OK)
		return -1;
	catalog_init(&f->cat);
	struct bank *b = xcalloc(1, sizeof *b);
	b->id = xstrdup("b");
	for (size_t i = 0; i < sizeof S_sections / sizeof *S_sections; i++) {
		struct bank_question *q = bank_add_question(b);
		q->id = xstrdup(S_sections[i][0]);
		q->title = xstrdup(S_sections[i][0]);
		q->section = xstrdup(S_sections[i][1]);
		q->stem = xstrdup("?");
		q->type = BANK_SINGLE;
	}
	catalog_add_bank(&f->cat, b);
	if (course_load("tests/fixtures/content", &f->course, &err) != ST_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	progress_close(f->p);
	catalog_free(&f->cat);
	course_free(f->course);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	setenv("TZ", "UTC", 1);
	tzset();
	return rc;
}

/* An answer to b/<id> (or any key with a slash) at time at. */
static void S_answer(struct fixture *f, const char *id, int64_t at, double score, const char *mode)
{
	char key[64];
	snprintf(key, sizeof key, strchr(id, '/') ? "%s" : "b/%s", id);
	struct review_answer a = {
	    .qkey = key, .section = "", .answered_at = at, .score = score, .mode = mode};
	struct error err;
	assert_int_equal(reviews_record(f->p, &a, NULL, &err), ST_OK);
}

/* An answer that also stores the question's card, due at due. */
static void S_card(struct fixture *f, const char *id, int64_t due)
{
	char key[64];
	snprintf(key, sizeof key, strchr(id, '/') ? "%s" : "b/%s", id);
	struct review_answer a = {.qkey = key, .answered_at = T0 - 30 * DAY, .score = 1};
	struct review_card card = {.state = 2, .stability = 3, .difficulty = 5, .due = due};
	struct error err;
	assert_int_equal(reviews_record(f->p, &a, &card, &err), ST_OK);
}

static void S_compute(struct fixture *f, int64_t now, struct stats *s)
{
	struct error err;
	assert_int_equal(stats_compute(&f->cat, f->p, f->course, now, s, &err), ST_OK);
}

/* ---------------------------------------------------------------- mastery */

static void test_mastery_per_chapter(void **state)
{
	struct fixture *f = *state;
	S_answer(f, "q1", T0 - 100, 1, "practice");
	S_answer(f, "q1", T0 - 50, 0.5, "practice"); /* the latest counts */
	S_answer(f, "q3", T0 - 90, 0, "practice");
	S_answer(f, "q3", T0 - 10, 1, "practice");
	S_answer(f, "q4", T0 - 20, 0.5, "exam"); /* exam answers count too */
	S_answer(f, "q6", T0 - 30, 0.25, "practice");
	S_answer(f, "gone", T0 - 30, 1, "practice"); /* no longer in the catalog */
	S_answer(f, "other/q1", T0 - 30, 1, "practice");
	struct stats s;
	S_compute(f, T0, &s);
	assert_int_equal(s.n_chapters, 4); /* 1, 2, 4 and "other"; 3 has no question */
	assert_int_equal(s.chapters[0].chapter, 1);
	assert_string_equal(s.chapters[0].title, "Basics");
	assert_int_equal(s.chapters[0].questions, 2);
	assert_int_equal(s.chapters[0].answered, 1);
	assert_true(fabs(s.chapters[0].mastery - 0.25) < EPS);
	assert_int_equal(s.chapters[1].chapter, 2);
	assert_string_equal(s.chapters[1].title, "Data");
	assert_int_equal(s.chapters[1].questions, 3);
	assert_int_equal(s.chapters[1].answered, 2);
	assert_true(fabs(s.chapters[1].mastery - 0.5) < EPS);
	assert_int_equal(s.chapters[2].chapter, 4);
	assert_string_equal(s.chapters[2].title, "");
	assert_int_equal(s.chapters[2].questions, 1);
	assert_int_equal(s.chapters[2].answered, 0);
	assert_true(s.chapters[2].mastery == 0);
	assert_int_equal(s.chapters[3].chapter, 0);
	assert_int_equal(s.chapters[3].questions, 1);
	assert_int_equal(s.chapters[3].answered, 1);
	assert_true(fabs(s.chapters[3].mastery - 0.25) < EPS);
	assert_int_equal(s.total, 7);
	assert_int_equal(s.answered, 4);
	assert_true(fabs(s.mastery - 2.25 / 7) < EPS);
	stats_free(&s);

	/* Without a course, no titles and no reading progress. */
	struct error err;
	assert_int_equal(stats_compute(&f->cat, f->p, NULL, T0, &s, &err), ST_OK);
	assert_string_equal(s.chapters[0].title, "");
	assert_int_equal(s.n_reading, 0);
	stats_free(&s);
}

static void test_empty(void **state)
{
	struct fixture *f = *state;
	struct catalog empty;
	catalog_init(&empty);
	struct stats s;
	struct error err;
	assert_int_equal(stats_compute(&empty, f->p, f->course, T0, &s, &err), ST_OK);
	assert_int_equal(s.n_chapters, 0);
	assert_int_equal(s.total, 0);
	assert_true(s.mastery == 0);
	assert_int_equal(s.n_exams, 0);
	assert_int_equal(s.heat_total, 0);
	assert_int_equal(s.streak, 0);
	assert_int_equal(s.due_total, 0);
	assert_int_equal(s.n_reading, 3);
	stats_free(&s);
	catalog_free(&empty);
}

/* --------------------------------------------------------------- activity */

static void test_heatmap_days_in_utc(void **state)
{
	struct fixture *f = *state;
	S_answer(f, "q1", T0 - 1, 1, "practice");            /* 31 Dec 23:59:59 */
	S_answer(f, "q1", T0, 1, "practice");                /* 1 Jan 00:00:00 */
	S_answer(f, "q2", T0 + 5 * 3600, 1, "exam");         /* later today */
	S_answer(f, "q2", T0 + 20 * 3600, 1, "practice");    /* after now: still today */
	S_answer(f, "q3", T0 - 83 * DAY, 1, "practice");     /* the first day's midnight */
	S_answer(f, "q3", T0 - 83 * DAY - 1, 1, "practice"); /* a second before the map */
	S_answer(f, "q3", T0 + DAY, 1, "practice");          /* tomorrow */
	struct stats s;
	S_compute(f, T0 + 10 * 3600, &s);
	assert_int_equal(s.heat[83].start, T0);
	assert_int_equal(s.heat[83].year, 2026);
	assert_int_equal(s.heat[83].month, 1);
	assert_int_equal(s.heat[83].mday, 1);
	assert_int_equal(s.heat[83].wday, 3); /* Thursday, Monday being 0 */
	assert_int_equal(s.heat[0].start, T0 - 83 * DAY);
	assert_int_equal(s.heat[0].month, 10);
	assert_int_equal(s.heat[0].mday, 10);
	assert_int_equal(s.heat[83].count, 3);
	assert_int_equal(s.heat[82].count, 1);
	assert_int_equal(s.heat[0].count, 1);
	assert_int_equal(s.heat_total, 5);
	assert_int_equal(s.active_days, 3);
	assert_int_equal(s.streak, 2);
	for (int i = 1; i < STATS_HEAT_DAYS; i++)
		assert_int_equal(s.heat[i].start - s.heat[i - 1].start, DAY);
	stats_free(&s);
}

static void test_heatmap_days_in_new_york(void **state)
{
	struct fixture *f = *state;
	setenv("TZ", "America/New_York", 1);
	const int64_t midnight = T0 + 5 * 3600;         /* 1 Jan 00:00 EST */
	S_answer(f, "q1", midnight - 1, 1, "practice"); /* 31 Dec 23:59:59 EST */
	S_answer(f, "q1", T0, 1, "practice");           /* 31 Dec 19:00 EST */
	S_answer(f, "q2", midnight, 1, "practice");     /* 1 Jan 00:00 EST */
	/* 2 Nov 2025, the day clocks went back: 25 hours, 04:00 to 05:00 UTC
	 * the next day. Its last second and the next day's first. */
	const int64_t nov2 = 1762056000; /* 2 Nov 00:00 EDT */
	S_answer(f, "q3", nov2 + 25 * 3600 - 1, 1, "practice");
	S_answer(f, "q3", nov2 + 25 * 3600, 1, "practice");
	struct stats s;
	S_compute(f, T0 + 10 * 3600, &s);
	assert_int_equal(s.heat[83].start, midnight);
	assert_int_equal(s.heat[83].mday, 1);
	assert_int_equal(s.heat[83].count, 1);
	assert_int_equal(s.heat[82].count, 2);
	assert_int_equal(s.heat[82].mday, 31);
	/* 10 Oct, in daylight-saving time (UTC-4). */
	assert_int_equal(s.heat[0].start, T0 - 83 * DAY + 4 * 3600);
	assert_int_equal(s.heat[23].month, 11);
	assert_int_equal(s.heat[23].mday, 2);
	assert_int_equal(s.heat[23].start, nov2);
	assert_int_equal(s.heat[24].start - s.heat[23].start, 25 * 3600);
	assert_int_equal(s.heat[23].count, 1);
	assert_int_equal(s.heat[24].count, 1);
	/* The same answers seen from UTC fall on other days. */
	stats_free(&s);
	setenv("TZ", "UTC", 1);
	S_compute(f, T0 + 10 * 3600, &s);
	assert_int_equal(s.heat[83].count, 3);
	assert_int_equal(s.heat[82].count, 0);
	stats_free(&s);
}

/* Havana skips midnight itself: on 9 March 2025 clocks went from 23:59:59
 * to 01:00, so that day starts at 01:00 CDT (05:00 UTC) and lasts 23 hours. */
static void test_local_day_without_midnight(void **state)
{
	(void)state;
	setenv("TZ", "America/Havana", 1);
	tzset();
	struct stats_day d = stats_local_day(1741539600); /* 9 Mar 13:00 CDT */
	assert_int_equal(d.start, 1741496400);
	assert_int_equal(d.mday, 9);
	assert_int_equal(d.wday, 6); /* Sunday */
	struct stats_day before = stats_day_add(&d, -1);
	assert_int_equal(before.start, 1741410000); /* 8 Mar 00:00 CST */
	assert_int_equal(stats_day_add(&before, 1).start, d.start);
	assert_int_equal(stats_day_add(&d, 1).start - d.start, 23 * 3600);
	assert_int_equal(stats_local_day(d.start - 1).mday, 8);
}

static void test_reviews_per_day_bounds(void **state)
{
	struct fixture *f = *state;
	S_answer(f, "q1", 100, 1, "practice");
	S_answer(f, "q1", 199, 1, "practice");
	S_answer(f, "q1", 200, 1, "practice");
	S_answer(f, "q1", 300, 1, "practice");
	int64_t bounds[] = {100, 200, 300};
	size_t counts[2] = {9, 9};
	struct error err;
	assert_int_equal(reviews_per_day(f->p, bounds, 2, counts, &err), ST_OK);
	assert_int_equal(counts[0], 2);
	assert_int_equal(counts[1], 1); /* [200, 300): 300 is out */
	assert_int_equal(reviews_per_day(f->p, bounds, 0, counts, &err), ST_OK);
}

static void test_streak(void **state)
{
	struct fixture *f = *state;
	struct stats s;
	S_compute(f, T0 + 3600, &s);
	assert_int_equal(s.streak, 0);
	stats_free(&s);

	/* Every day of the 100 before today, none yet today: the streak runs
	 * on to yesterday and reaches back past the heatmap's 84 days. */
	for (int d = 1; d <= 100; d++)
		S_answer(f, "q1", T0 - d * DAY + 12 * 3600, 1, "practice");
	S_compute(f, T0 + 3600, &s);
	assert_int_equal(s.streak, 100);
	assert_int_equal(s.active_days, 83);
	stats_free(&s);

	/* Today counts once answered; two days from now the streak is broken. */
	S_answer(f, "q1", T0 + 2 * 3600, 1, "practice");
	S_compute(f, T0 + 3 * 3600, &s);
	assert_int_equal(s.streak, 101);
	stats_free(&s);
	S_compute(f, T0 + 2 * DAY, &s);
	assert_int_equal(s.streak, 0);
	stats_free(&s);

	/* A gap: an answer today after a day without any. */
	S_answer(f, "q1", T0 + 2 * DAY + 60, 1, "practice");
	S_compute(f, T0 + 2 * DAY + 120, &s);
	assert_int_equal(s.streak, 1);
	stats_free(&s);
}

/* -------------------------------------------------------------------- due */

static void test_due_per_day(void **state)
{
	struct fixture *f = *state;
	int64_t now = T0 + 10 * 3600;
	S_card(f, "q1", T0 - 3 * DAY);      /* overdue: today */
	S_card(f, "q2", now + 3600);        /* later today */
	S_card(f, "q3", T0 + DAY - 1);      /* the last second of today */
	S_card(f, "q4", T0 + DAY);          /* tomorrow's midnight */
	S_card(f, "q5", T0 + 13 * DAY + 5); /* the fourteenth day */
	S_card(f, "q6", T0 + 14 * DAY);     /* past the fourteen days */
	S_card(f, "gone", now);             /* no longer in the catalog */
	struct stats s;
	S_compute(f, now, &s);
	assert_int_equal(s.due[0].start, T0);
	assert_int_equal(s.due[0].count, 3);
	assert_int_equal(s.due[1].start, T0 + DAY);
	assert_int_equal(s.due[1].count, 1);
	assert_int_equal(s.due[1].wday, 4); /* Friday */
	for (int i = 2; i < 13; i++)
		assert_int_equal(s.due[i].count, 0);
	assert_int_equal(s.due[13].count, 1);
	assert_int_equal(s.due[13].mday, 14);
	assert_int_equal(s.due_total, 5);
	stats_free(&s);
}

/* ---------------------------------------------------------------- reading */

static void test_reading_per_chapter(void **state)
{
	struct fixture *f = *state;
	struct error err;
	struct progress_position at30 = {.src_line = 40, .percent = 30};
	struct progress_position at100 = {.src_line = 90, .percent = 100};
	assert_int_equal(progress_set_position(f->p, "01-basics.md", &at30, &err), ST_OK);
	assert_int_equal(progress_set_position(f->p, "03-review.md", &at100, &err), ST_OK);
	struct stats s;
	S_compute(f, T0, &s);
	assert_int_equal(s.n_reading, 3);
	assert_string_equal(s.reading[0].key, "01-basics.md");
	assert_string_equal(s.reading[0].number, "1");
	assert_string_equal(s.reading[0].title, "Basics");
	assert_int_equal(s.reading[0].percent, 30);
	assert_true(s.reading[0].opened);
	assert_string_equal(s.reading[1].key, "02-data.md");
	assert_int_equal(s.reading[1].percent, 0);
	assert_false(s.reading[1].opened);
	assert_string_equal(s.reading[2].title, "Review");
	assert_int_equal(s.reading[2].percent, 100);
	assert_true(s.reading[2].opened);
	stats_free(&s);
}

/* ------------------------------------------------------------------ exams */

/* Starts an attempt of n questions b/q1.. at started, answers each at
 * answered (when not 0) and finishes it as state at finished. */
static void S_attempt(struct fixture *f, const char *title, double pass, int64_t started,
                      int64_t answered, enum exams_state state, int64_t finished,
                      const double *scores, size_t n)
{
	struct exams_item items[8] = {0};
	char keys[8][32], section[] = "1.1";
	for (int i = 0; i < (int)n && i < 8; i++) {
		snprintf(keys[i], sizeof keys[i], "b/q%d", i + 1);
		items[i] = (struct exams_item){.qkey = keys[i], .section = section, .chapter = 1};
	}
	struct exams_attempt a = {
	    .profile = (char *)"mock",
	    .title = (char *)title,
	    .seed = 1,
	    .started_at = started,
	    .pass = pass,
	};
	struct error err;
	assert_int_equal(exams_create(f->p, &a, items, n, &err), ST_OK);
	for (size_t i = 0; answered && i < n; i++)
		assert_int_equal(exams_save_answer(f->p, a.id, (int)i, "1", answered, &err), ST_OK);
	if (state != EXAMS_OPEN)
		assert_int_equal(exams_finish(f->p, a.id, state, finished, scores, n, &err), ST_OK);
}

static void test_exams_finished_and_counted(void **state)
{
	struct fixture *f = *state;
	const double good[] = {1, 1, 1, 0}, poor[] = {0.5, 0, 0, 0}, all[] = {1, 1, 1, 1};
	/* Started first, finished last. */
	S_attempt(f, "Resumed", 60, T0 - 10 * DAY, T0 - DAY, EXAMS_SUBMITTED, T0 - DAY, all, 4);
	S_attempt(f, "Good \"one\"", 75, T0 - 2 * DAY, T0 - 2 * DAY + 60, EXAMS_SUBMITTED,
	          T0 - 2 * DAY + 600, good, 4);
	S_attempt(f, "Poor", 70, T0 - 5 * DAY, 0, EXAMS_TIMED_OUT, T0 - 4 * DAY, poor, 4);
	S_attempt(f, "Given up", 70, T0 - 3 * DAY, 0, EXAMS_ABANDONED, T0 - 3 * DAY, poor, 4);
	S_attempt(f, "Too late", 70, T0 - 3 * DAY, 0, EXAMS_NOT_COUNTED, T0 - 3 * DAY, poor, 4);
	S_attempt(f, "Open", 70, T0 - 3600, 0, EXAMS_OPEN, 0, NULL, 4);
	struct stats s;
	S_compute(f, T0 + 3600, &s);
	assert_int_equal(s.n_exams, 3);
	assert_string_equal(s.exams[0].title, "Poor");
	assert_int_equal(s.exams[0].finished_at, T0 - 4 * DAY);
	assert_true(fabs(s.exams[0].percent - 12.5) < EPS);
	assert_false(s.exams[0].passed);
	assert_true(s.exams[0].timed_out);
	assert_string_equal(s.exams[1].title, "Good \"one\"");
	assert_string_equal(s.exams[1].profile, "mock");
	assert_true(fabs(s.exams[1].percent - 75) < EPS);
	assert_true(fabs(s.exams[1].pass - 75) < EPS);
	assert_true(s.exams[1].passed); /* at the mark passes */
	assert_false(s.exams[1].timed_out);
	assert_string_equal(s.exams[2].title, "Resumed");
	assert_true(fabs(s.exams[2].percent - 100) < EPS);
	/* Answers of finished attempts join the activity on the day given. */
	assert_int_equal(s.heat[83 - 2].count, 4);
	assert_int_equal(s.heat[83 - 1].count, 4);
	assert_int_equal(s.heat_total, 8);
	/* and mastery: the latest of them is the "Resumed" attempt's, all 1. */
	assert_true(fabs(s.chapters[0].mastery - 1) < EPS);
	stats_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_mastery_per_chapter, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_heatmap_days_in_utc, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_heatmap_days_in_new_york, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_local_day_without_midnight, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reviews_per_day_bounds, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_streak, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_due_per_day, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reading_per_chapter, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_exams_finished_and_counted, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
