/* exam_draw: which questions a mock exam asks, drawn from the catalog by a
 * profile's Draw rows (bank/profile) and a seed.
 *
 * The draw is a pure function of the catalog (its entries in order), the
 * profile and the seed: the same three give the same exam on every
 * machine, so an attempt stores only its seed and can be rebuilt. The
 * random numbers come from xoshiro256** seeded through splitmix64, with an
 * unbiased bounded draw; never rand().
 *
 * How many questions each row gets is fixed by largest remainder
 * (Hamilton): row i's quota is N * w_i / sum(w); it gets floor(quota) and
 * the questions left over go one each to the rows with the largest
 * fractional parts (ties: the earlier row). Rows may overlap ("chapter 5"
 * and "section 5.6"): the most specific rows draw first (deeper sections,
 * then sections, chapters, "all"), and a later row draws from what they
 * left. A section row "5.6" takes entries of section "5.6" and "5.6.x",
 * not "5.60". No question is ever asked twice. */
#ifndef STUDYTERM_QUIZ_EXAM_DRAW_H
#define STUDYTERM_QUIZ_EXAM_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "bank/profile.h"
#include "core/status.h"
#include "quiz/catalog.h"

struct exam_draw {
	size_t *entries; /* catalog indexes, in exam order; owned */
	size_t n;        /* = the profile's questions */
	size_t *row;     /* per question: the profile row it was drawn for; owned */
};

/* Draws p->questions questions from c for profile p with seed into out
 * (overwritten). Only entries of bank p->bank when it is set. With
 * shuffle off the questions come in row order (rows as written), each
 * row's in catalog order; with shuffle on the whole exam is shuffled with
 * the same generator.
 *
 * Fails with ST_INVALID when a row's pool is too small, naming every
 * short row in one message ("chapter 5 needs 9 questions but the bank has
 * only 7 left for it (bank flask)"), with "path:line" of the first in
 * err->where; or when p itself is unusable (no rows, questions outside
 * 1..500, a weight that is not positive, a row given twice). On failure
 * out is left empty. Does not parse questions: only the catalog's entry
 * fields are read. */
enum status exam_draw(const struct catalog *c, const struct bank_profile *p, uint64_t seed,
                      struct exam_draw *out, struct error *err);

/* Releases what d owns and zeroes it; safe on a zeroed draw. */
void exam_draw_free(struct exam_draw *d);

/* The number of questions each row gets, by largest remainder: counts has
 * p->n_rows slots and sums to p->questions (all zero when p has no rows or
 * no positive total weight). For tests and the exam list's "60 questions:
 * ch1 3, ch2 6 ..." line. */
void exam_draw_apportion(const struct bank_profile *p, int *counts);

#endif
