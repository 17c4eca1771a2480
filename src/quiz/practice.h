/* practice: which question to ask next, and what an answer does.
 *
 * Order: reviews that are due come first (the most overdue first), then new
 * questions, drawn at random with more weight on weak sections; when
 * neither is left, the card due soonest is practised ahead of time. Weakness
 * of a section is 1 - mastery, mastery being the mean latest score of the
 * section's answered questions (0.5 weakness while none is answered).
 *
 * Scheduling state lives in an item per catalog entry, loaded from the
 * progress database and written back by practice_answer together with the
 * answer, in one transaction. Time is passed in (core/clock). */
#ifndef STUDYTERM_QUIZ_PRACTICE_H
#define STUDYTERM_QUIZ_PRACTICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "quiz/catalog.h"
#include "quiz/fsrs.h"
#include "store/progress.h"

struct practice_filter {
	int chapter;         /* 0: every chapter */
	const char *section; /* NULL: every section; "5.6" matches 5.6 and 5.6.x */
	const char *bank;    /* NULL: every bank */
	bool due_only;       /* only reviews that are due */
	bool weak_only;      /* only questions missed last time or in weak sections */
	/* When n_keys > 0: only these questions ("bank/id", borrowed), as after
	 * an exam's "practise my mistakes". */
	const char *const *keys;
	size_t n_keys;
};

enum practice_kind { PRACTICE_DUE, PRACTICE_NEW, PRACTICE_AHEAD };

struct practice_item {
	struct fsrs_card card;
	bool has_card;
	bool eligible; /* passes the filter */
	int section;   /* index into practice.sections */
	double latest; /* latest score, or -1 when never answered */
};

struct practice {
	struct catalog *cat; /* borrowed */
	struct practice_filter filter;
	struct fsrs_params params;
	struct practice_item *items; /* one per catalog entry */
	char **sections;             /* distinct section names (borrowed from entries) */
	size_t n_sections;
	double *section_sum; /* sum of latest scores of answered questions */
	int *section_answered;
	double *weights; /* scratch: new-question weight per section */
	uint64_t rng;
	long last; /* the question asked last, not asked twice in a row */
	/* Dense copies of what selection reads, for the eligible items only, so
	 * a pick is one pass over a few bytes per question (12 bytes instead of
	 * a 64-byte item): due time (INT64_MAX while new) and section. */
	size_t *elig; /* catalog indexes */
	int64_t *elig_due;
	int *elig_section;
	size_t n_elig;
	long *slot; /* per catalog entry: its index in elig, or -1 */
};

/* Prepares selection over cat with filter f (copied; strings borrowed);
 * seed drives the random draw of new questions and interval fuzz. */
void practice_init(struct practice *p, struct catalog *cat, const struct practice_filter *f,
                   uint64_t seed);
void practice_free(struct practice *p);

/* Loads cards and latest scores from the progress database. Keys of
 * questions no longer in the catalog are ignored (and kept in the store). */
enum status practice_load(struct practice *p, struct progress *store, struct error *err);

/* Index of the next question, or -1 when the filter leaves none. */
long practice_next(struct practice *p, int64_t now, enum practice_kind *kind);

/* Records an answer to entry i: updates its card with rating r (FSRS) and
 * saves answer and card at once. store may be NULL (nothing saved). */
enum status practice_answer(struct practice *p, struct progress *store, size_t i, double score,
                            enum fsrs_rating r, int64_t now, int64_t elapsed_ms,
                            const char *response, struct error *err);

/* Rates entry i with r for FSRS and saves its card alone: no answer is
 * recorded (the exam that missed it has recorded that). */
enum status practice_rate(struct practice *p, struct progress *store, size_t i, enum fsrs_rating r,
                          int64_t now, struct error *err);

/* The rating offered by default after an answer: Good for full credit,
 * Hard for at least half, Again otherwise. */
enum fsrs_rating practice_default_rating(double score);

/* Mastery 0..1 of a section (mean latest score), -1 when none answered. */
double practice_mastery(const struct practice *p, const char *section);
/* Eligible cards due at or before `when`. */
size_t practice_due_count(const struct practice *p, int64_t when);
/* Eligible questions never answered. */
size_t practice_new_count(const struct practice *p);
/* Earliest due time after now among eligible cards, or 0 when none. */
int64_t practice_next_due(const struct practice *p, int64_t now);

/* Shuffles perm[0..n) into a random order (Fisher-Yates) after filling it
 * with 0..n-1. */
void practice_shuffle(size_t *perm, size_t n, uint64_t *rng);
/* A 64-bit random number (splitmix64). */
uint64_t practice_random(uint64_t *rng);

#endif
