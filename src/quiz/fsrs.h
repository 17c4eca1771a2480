/* fsrs: the FSRS-6 spaced-repetition scheduler.
 *
 * Decides when a card is next due from the learner's rating of each review,
 * following the reference implementation py-fsrs 6.x (fsrs/scheduler.py,
 * the scheduler Anki uses) so that the same reviews give the same
 * stability, difficulty and intervals. A card is new, then goes through the
 * short learning steps (1 and 10 minutes by default) into review; a lapse
 * (Again in review) sends it through the relearning steps (10 minutes) back
 * to review.
 *
 * Pure functions: no I/O, no allocation, no clock. The caller owns every
 * struct and passes "now" in (from core/clock) and, for the interval fuzz, a
 * seed, so the same inputs always give the same card.
 *
 * Units: times are int64 seconds since the Unix epoch, learning steps are
 * seconds, stability and intervals are days, difficulty runs 1..10,
 * retention and retrievability are probabilities 0..1. Elapsed time is
 * counted in whole days (floor), as py-fsrs does with timedelta.days. */
#ifndef STUDYTERM_QUIZ_FSRS_H
#define STUDYTERM_QUIZ_FSRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FSRS_N_WEIGHTS   21
#define FSRS_MAX_STEPS   4
#define FSRS_DAY_SECONDS 86400
/* The lower bound py-fsrs puts on every stability (STABILITY_MIN). */
#define FSRS_STABILITY_MIN  0.001
#define FSRS_DIFFICULTY_MIN 1.0
#define FSRS_DIFFICULTY_MAX 10.0

enum fsrs_rating {
	FSRS_RATING_NONE = 0, /* what fsrs_rating_parse returns for a non-rating */
	FSRS_AGAIN = 1,
	FSRS_HARD = 2,
	FSRS_GOOD = 3,
	FSRS_EASY = 4,
};

enum fsrs_state {
	FSRS_NEW = 0, /* never reviewed; py-fsrs calls this Learning with no memory state */
	FSRS_LEARNING = 1,
	FSRS_REVIEW = 2,
	FSRS_RELEARNING = 3,
};

struct fsrs_params {
	double w[FSRS_N_WEIGHTS];                 /* model weights w0..w20 */
	double desired_retention;                 /* default 0.9 */
	int maximum_interval;                     /* days, default 36500 */
	bool enable_fuzz;                         /* default true */
	int64_t learning_steps[FSRS_MAX_STEPS];   /* seconds; default 60, 600 */
	size_t n_learning_steps;                  /* 0..FSRS_MAX_STEPS */
	int64_t relearning_steps[FSRS_MAX_STEPS]; /* seconds; default 600 */
	size_t n_relearning_steps;                /* 0..FSRS_MAX_STEPS */
};

/* FSRS-6 default weights, 90% retention, 36500-day cap, fuzz on, learning
 * steps 1 min and 10 min, relearning step 10 min. */
void fsrs_params_default(struct fsrs_params *p);
/* Whether p is usable: every weight within py-fsrs's bounds
 * (LOWER/UPPER_BOUNDS_PARAMETERS), 0 < desired_retention < 1,
 * maximum_interval >= 1, step counts <= FSRS_MAX_STEPS and steps > 0. */
bool fsrs_params_valid(const struct fsrs_params *p);

struct fsrs_card {
	enum fsrs_state state;
	int step;            /* index into the (re)learning steps while learning/relearning;
	                      * 0 otherwise (py-fsrs's None) */
	double stability;    /* days; 0 while new */
	double difficulty;   /* 1..10; 0 while new */
	int64_t due;         /* epoch seconds */
	int64_t last_review; /* epoch seconds, 0 = never */
	int reps;            /* reviews so far */
	int lapses;          /* times Again was pressed on a card in review */
};

/* A card never reviewed, due now. */
void fsrs_card_init(struct fsrs_card *c, int64_t now);

/* Applies a review with rating r at time now: updates stability,
 * difficulty, state, step, due, last_review, reps and lapses. fuzz_seed
 * drives the interval fuzz (only used when p->enable_fuzz); the result is
 * deterministic for a given seed. A rating outside 1..4 or an unknown state
 * leaves c unchanged. */
void fsrs_review(const struct fsrs_params *p, struct fsrs_card *c, enum fsrs_rating r, int64_t now,
                 uint64_t fuzz_seed);

/* Probability of recall at time now, from the whole days elapsed since the
 * last review (1.0 for a new card or before last_review). */
double fsrs_retrievability(const struct fsrs_params *p, const struct fsrs_card *c, int64_t now);

/* The card after each of the four ratings (out[r - 1] for rating r),
 * without changing c (for showing "Good: 2d" hints). Each equals what
 * fsrs_review would give with the same now and fuzz_seed. */
void fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *c, int64_t now,
                  uint64_t fuzz_seed, struct fsrs_card out[4]);

/* The unfuzzed interval in days for a card of this stability to fall to the
 * desired retention: rounded, at least 1, at most p->maximum_interval. */
int fsrs_next_interval(const struct fsrs_params *p, double stability);

/* The range [*lo, *hi] py-fsrs draws a fuzzed interval from for an interval
 * of interval_days (>= 2.5 days; shorter intervals are not fuzzed and get
 * lo == hi == interval_days). Note py-fsrs rounds the draw, so the result
 * can be hi + 1 when that is within p->maximum_interval. */
void fsrs_fuzz_range(const struct fsrs_params *p, int interval_days, int *lo, int *hi);

/* "new", "learning", "review", "relearning"; "unknown" otherwise. */
const char *fsrs_state_name(enum fsrs_state s);
/* "again", "hard", "good", "easy"; "unknown" otherwise. */
const char *fsrs_rating_name(enum fsrs_rating r);
/* Parses "again"/"hard"/"good"/"easy" (any case) or "1".."4";
 * FSRS_RATING_NONE (0) when word is not a rating or is NULL. */
enum fsrs_rating fsrs_rating_parse(const char *word);

#endif
