/* reviews: the learner's practice history in the progress database.
 *
 * Two tables: `card` holds each question's scheduling state (the FSRS
 * memory, written by quiz/ which owns the meaning of the fields) and
 * `answer` every answer ever given. Both are keyed by "bank/id", so
 * rebuilding or editing a bank never loses history. Each answer and its
 * card are committed together the moment the answer is given. */
#ifndef STUDYTERM_STORE_REVIEWS_H
#define STUDYTERM_STORE_REVIEWS_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "store/progress.h"

struct review_card {
	int state, step;
	double stability, difficulty;
	int64_t due, last_review;
	int reps, lapses;
};

struct review_answer {
	const char *qkey;    /* "bank/id" */
	const char *section; /* the question's section when answered */
	int64_t answered_at;
	double score; /* 0..1 */
	int rating;   /* 1..4, 0 when not rated */
	int64_t elapsed_ms;
	const char *response; /* what the learner answered, as text */
	const char *mode;     /* "practice" or "exam" */
};

/* Stores the answer and, when card is not NULL, the question's new card,
 * in one transaction. */
enum status reviews_record(struct progress *p, const struct review_answer *a,
                           const struct review_card *card, struct error *err);

/* Stores a question's card alone, without an answer (an exam's missed
 * questions sent into practice: their answers are already recorded). */
enum status reviews_save_card(struct progress *p, const char *qkey, const struct review_card *card,
                              struct error *err);

/* Calls fn for every card. */
typedef void (*reviews_card_fn)(void *ctx, const char *qkey, const struct review_card *card);
enum status reviews_each_card(struct progress *p, reviews_card_fn fn, void *ctx, struct error *err);

/* Per question: the score of its latest answer and how many answers it has.
 * Used for section mastery (the mean of latest scores of the questions
 * answered in a section). */
typedef void (*reviews_latest_fn)(void *ctx, const char *qkey, const char *section,
                                  double latest_score, int answers);
enum status reviews_each_latest(struct progress *p, reviews_latest_fn fn, void *ctx,
                                struct error *err);

/* Answers given in [from, to), and how many of them earned full credit. */
enum status reviews_count(struct progress *p, int64_t from, int64_t to, size_t *answers,
                          size_t *correct, struct error *err);

/* Answers given in each of n consecutive periods (exam answers included):
 * counts[i] receives the number answered in [bounds[i], bounds[i + 1]).
 * bounds holds n + 1 ascending times; for days in the learner's time zone
 * pass the local midnights (quiz/stats does), so no time zone reaches the
 * database. counts is zeroed first, also on failure. */
enum status reviews_per_day(struct progress *p, const int64_t *bounds, size_t n, size_t *counts,
                            struct error *err);

#endif
