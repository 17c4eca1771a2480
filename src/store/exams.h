/* exams: mock exam attempts in the progress database.
 *
 * An attempt keeps everything needed to carry on or judge it without its
 * profile file, which may change or vanish: the profile's settings at the
 * start, the seed of the draw, the absolute deadline, and one item per
 * question (its "bank/id" key, never a bank row, so rebuilding a bank never
 * loses an attempt). Every change is committed when made, so a crash, a
 * kill -9 or a closed terminal loses nothing that was answered; creating
 * and finishing an attempt are single transactions, so no attempt is ever
 * half made or half marked.
 *
 * The meaning of answers (their encoding, quiz/reply codec) and of states
 * belongs to quiz/exam; this module stores them. */
#ifndef STUDYTERM_STORE_EXAMS_H
#define STUDYTERM_STORE_EXAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "store/progress.h"

enum exams_state {
	EXAMS_OPEN,        /* under way (possibly in its grace period) */
	EXAMS_SUBMITTED,   /* submitted by the learner */
	EXAMS_TIMED_OUT,   /* submitted automatically when time ran out */
	EXAMS_NOT_COUNTED, /* time ran out (or the grace period ended) unsubmitted */
	EXAMS_ABANDONED,   /* given up by the learner */
};

/* "open", "submitted", "timed out", "not counted", "abandoned". */
const char *exams_state_name(enum exams_state s);

enum exams_timeout { EXAMS_TIMEOUT_SUBMIT, EXAMS_TIMEOUT_GRACE, EXAMS_TIMEOUT_NOT_COUNTED };

struct exams_attempt {
	int64_t id; /* set by exams_create */
	char *profile, *title;
	uint64_t seed;
	int64_t started_at;
	int64_t deadline; /* absolute, seconds since the epoch; 0 when untimed */
	int time_limit;   /* seconds, 0 when untimed */
	enum exams_timeout timeout;
	int grace;   /* seconds after the deadline in which only submitting is allowed */
	double pass; /* pass mark, percent */
	bool sequential, reviewable;
	enum exams_state state;
	int64_t finished_at; /* 0 while open */
	double score;        /* sum of the questions' scores (0..n_questions) once finished */
	int n_questions;
	int answered; /* questions with an answer (exams_each and exams_load fill it) */
	int current;  /* the question shown last, 0-based */
};

struct exams_item {
	char *qkey, *section;
	int chapter;
	char *answer; /* encoded reply, NULL while unanswered */
	int64_t answered_at;
	bool flagged;
	double score; /* 0..1 once the attempt is finished, else -1 */
};

/* Stores a new open attempt and its n items (in exam order) in one
 * transaction; sets a->id. Only the fields up to n_questions are read. */
enum status exams_create(struct progress *p, struct exams_attempt *a,
                         const struct exams_item *items, size_t n, struct error *err);

/* Saves the answer to question pos (0-based); answer NULL clears it. */
enum status exams_save_answer(struct progress *p, int64_t id, int pos, const char *answer,
                              int64_t at, struct error *err);
enum status exams_set_flag(struct progress *p, int64_t id, int pos, bool flagged,
                           struct error *err);
enum status exams_set_current(struct progress *p, int64_t id, int pos, struct error *err);

/* Closes an open attempt in one transaction: its state, when, each
 * question's score (scores has one entry per item, in order) and their sum.
 * ST_INVALID when the attempt is not open any more (it was finished by
 * another studyterm, say): nothing is changed. */
enum status exams_finish(struct progress *p, int64_t id, enum exams_state state,
                         int64_t finished_at, const double *scores, size_t n, struct error *err);

/* Loads attempt id and its items (newly allocated; free with
 * exams_attempt_clear and exams_items_free). ST_NOT_FOUND when absent. */
enum status exams_load(struct progress *p, int64_t id, struct exams_attempt *a,
                       struct exams_item **items, size_t *n, struct error *err);

/* Calls fn for every attempt, oldest first, without items. The attempt's
 * strings are valid only during the call. */
typedef void (*exams_attempt_fn)(void *ctx, const struct exams_attempt *a);
enum status exams_each(struct progress *p, exams_attempt_fn fn, void *ctx, struct error *err);

/* The id of the newest open attempt, or 0 when none is open. */
enum status exams_find_open(struct progress *p, int64_t *id, struct error *err);

void exams_attempt_clear(struct exams_attempt *a);
void exams_items_free(struct exams_item *items, size_t n);

#endif
