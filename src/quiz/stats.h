/* stats: the learner's figures, for `studyterm stats` and the stats screen.
 *
 * Everything is computed once, at a given time, from the progress database
 * (answers, cards, exam attempts, reading positions), the catalog and the
 * course, into plain data the front ends draw or print. Days are local days
 * in the process's time zone (TZ): a day starts at local midnight, so a day
 * may last 23 or 25 hours around a daylight-saving change.
 *
 * Mastery follows practice's notion: a question's mastery is the score of
 * its latest answer (practice or exam), an unanswered question counts 0,
 * and a chapter's mastery is the mean over all its questions. Only
 * questions still in the catalog count; history of deleted questions is
 * kept in the database but left out here. */
#ifndef STUDYTERM_QUIZ_STATS_H
#define STUDYTERM_QUIZ_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "quiz/catalog.h"
#include "store/progress.h"

struct course; /* course/course.h: the one layer beside quiz that stats reads */

#define STATS_HEAT_DAYS 84 /* twelve weeks, the last one ending today */
#define STATS_DUE_DAYS  14

struct stats_chapter {
	int chapter;      /* 1..N; 0 collects questions whose section has no number */
	char *title;      /* the course's title for the chapter, "" when unknown */
	size_t questions; /* in the catalog */
	size_t answered;  /* answered at least once */
	double mastery;   /* 0..1 */
};

struct stats_exam {
	int64_t finished_at;
	char *profile, *title;
	double percent; /* 100 * score / questions */
	double pass;    /* the attempt's pass mark, percent */
	bool passed;    /* percent >= pass */
	bool timed_out; /* submitted by the clock rather than the learner */
};

/* One local day. */
struct stats_day {
	int64_t start;         /* epoch seconds of its local midnight */
	int year, month, mday; /* month 1..12 */
	int wday;              /* 0 Monday .. 6 Sunday */
	size_t count;          /* answers given (heatmap) or reviews due (due) */
};

struct stats_reading {
	char *key;    /* the chapter's file name, as the reader saves it */
	char *number; /* "5" */
	char *title;
	int percent; /* 0..100; 0 when never opened */
	bool opened;
};

struct stats {
	int64_t now;

	/* Mastery: every chapter that has questions, ascending, chapter 0 last. */
	struct stats_chapter *chapters;
	size_t n_chapters;
	size_t answered, total;
	double mastery;

	/* Finished and counted mock exams (submitted or timed out), by
	 * finished_at, oldest first. */
	struct stats_exam *exams;
	size_t n_exams;

	/* Answers per day, oldest first; the last day is today. */
	struct stats_day heat[STATS_HEAT_DAYS];
	size_t heat_total;  /* answers in those days */
	size_t active_days; /* days among them with an answer */
	/* Consecutive days with an answer ending today, or yesterday when
	 * nothing was answered yet today; it may reach back past the heatmap. */
	int streak;

	/* Reviews due per day, today first; overdue ones count today. */
	struct stats_day due[STATS_DUE_DAYS];
	size_t due_total;

	/* Each course chapter in course order (none without a course). */
	struct stats_reading *reading;
	size_t n_reading;
};

/* Computes every figure at time now (from core/clock) into *out, which the
 * caller frees with stats_free, also after a failure. course may be NULL
 * (then there is no reading progress and no chapter titles). Fails with
 * ST_DB, err set, when the database cannot be read. */
enum status stats_compute(struct catalog *cat, struct progress *p, const struct course *course,
                          int64_t now, struct stats *out, struct error *err);
void stats_free(struct stats *s);

/* The local midnight that starts the day holding t, and the day's date. */
struct stats_day stats_local_day(int64_t t);
/* The local midnight days after (or before, when negative) the one of day. */
struct stats_day stats_day_add(const struct stats_day *day, int days);

#endif
