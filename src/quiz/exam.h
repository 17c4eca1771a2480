/* exam: a timed mock exam attempt, from the draw to the results.
 *
 * The attempt lives in the progress database (store/exams) from its first
 * second: the draw, the absolute deadline and every answer, saved the
 * moment it is given. Nothing here keeps state the store does not have, so
 * an attempt interrupted by a crash, kill -9 or a closed terminal resumes
 * exactly (exam_resume), its clock having run on meanwhile as in a real
 * exam room.
 *
 * Time is always passed in (core/clock). Phases follow the profile's
 * timeout rule, Moodle's three:
 *   submit        at the deadline the attempt is submitted as it stands
 *                 (state "timed out");
 *   grace         after the deadline the learner may only submit, until
 *                 deadline + grace; unsubmitted then, it does not count;
 *   not counted   unsubmitted at the deadline, it does not count.
 * A counted attempt is graded when it finishes; one that does not count is
 * graded too (the learner may still review it) but is never passed.
 *
 * Options of each question are shuffled from the attempt's seed and the
 * question's position, so a resumed attempt shows them in the same order.
 * No feedback is given while the attempt is open. */
#ifndef STUDYTERM_QUIZ_EXAM_H
#define STUDYTERM_QUIZ_EXAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bank/profile.h"
#include "core/status.h"
#include "quiz/catalog.h"
#include "quiz/grade.h"
#include "quiz/shown.h"
#include "store/exams.h"

enum exam_phase {
	EXAM_RUNNING,  /* answering allowed */
	EXAM_GRACE,    /* time is up: submitting is all that is left */
	EXAM_FINISHED, /* submitted, timed out, not counted or abandoned */
};

struct exam_question {
	long entry;                    /* catalog index, -1 when gone from the bank */
	const struct bank_question *q; /* borrowed from the catalog; NULL when gone */
	struct quiz_shown shown;       /* options in the order this attempt shows them */
	struct quiz_reply reply;       /* the answer, when answered */
	bool answered, flagged;
	double score;  /* 0..1 once finished, -1 before */
	char *message; /* owned: why an answer earned nothing, when not obvious */
};

struct exam {
	struct exams_attempt attempt; /* as stored */
	struct exam_question *questions;
	size_t n;
	struct catalog *cat;    /* borrowed */
	struct progress *store; /* borrowed */
	struct quiz_grade_env env;
	int warned; /* the last time warning given, in minutes (0: none yet) */
};

/* Draws a new attempt from profile p with seed (exam_draw) and stores it
 * open with its deadline now + the time limit. Fails with the draw's
 * message when the bank cannot fill the profile. env is copied (its
 * strings must outlive e). */
enum status exam_start(struct exam *e, struct catalog *cat, struct progress *store,
                       const struct quiz_grade_env *env, const struct bank_profile *p,
                       uint64_t seed, int64_t now, struct error *err);

/* Loads attempt id with every answer given, then applies the clock: an
 * attempt whose time ran out meanwhile is finished as its rule says
 * (exam_tick). Questions no longer in the bank stay in the attempt, empty. */
enum status exam_resume(struct exam *e, struct catalog *cat, struct progress *store,
                        const struct quiz_grade_env *env, int64_t id, int64_t now,
                        struct error *err);

void exam_free(struct exam *e);

enum exam_phase exam_phase(const struct exam *e, int64_t now);
/* Seconds left before the deadline (in grace: before the grace ends), 0
 * once over, -1 when untimed. */
int64_t exam_remaining(const struct exam *e, int64_t now);

/* Applies the clock. Finishes the attempt when its time rules say so;
 * returns true when it finished in this call. Errors are in err (and the
 * attempt stays open) only when saving failed. */
bool exam_tick(struct exam *e, int64_t now, struct error *err);

/* 10, 5 or 1 the first time the time left falls to or below that many
 * minutes (the smallest crossed when several were), else 0. Untimed: 0. */
int exam_warning(struct exam *e, int64_t now);

/* Can question pos be shown now? Free navigation: any; sequential: the
 * current one and the next (never back). */
bool exam_can_visit(const struct exam *e, size_t pos);
/* Moves to question pos (saved for resuming). ST_INVALID when not allowed. */
enum status exam_visit(struct exam *e, size_t pos, struct error *err);

/* Saves reply (taken over, even on failure) as the answer to question pos.
 * ST_INVALID when answering is not allowed: time is up, the attempt is
 * over, or (sequential) pos is not the current question. */
enum status exam_answer(struct exam *e, size_t pos, struct quiz_reply *reply, int64_t now,
                        struct error *err);
enum status exam_clear(struct exam *e, size_t pos, int64_t now, struct error *err);
enum status exam_flag(struct exam *e, size_t pos, bool flagged, struct error *err);

/* Counts for the navigator and the submit confirmation. */
size_t exam_count_answered(const struct exam *e);
size_t exam_count_flagged(const struct exam *e);

/* Submits (running or in grace): grades every question and stores the
 * result. ST_INVALID once finished. */
enum status exam_submit(struct exam *e, int64_t now, struct error *err);
/* Gives up an open attempt: graded, stored as abandoned, never counted. */
enum status exam_abandon(struct exam *e, int64_t now, struct error *err);

/* Results of a finished attempt, by chapter or by section. */
struct exam_group {
	char *name; /* "Chapter 5" or "5.6"; owned */
	int chapter;
	double score; /* sum of its questions' scores */
	size_t n;
};

struct exam_results {
	double score, percent; /* sum of scores; 100 * score / n */
	size_t n, answered, correct;
	bool counted, passed;
	int64_t used; /* seconds from start to finish */
	struct exam_group *groups;
	size_t n_groups;
};

/* Groups by chapter, or by section when by_section (in course order). */
void exam_results(const struct exam *e, bool by_section, struct exam_results *out);
void exam_results_free(struct exam_results *r);

#endif
