/* coverage: how many questions a bank has per section, type and difficulty.
 *
 * `studyterm bank check --coverage` prints it so an author sees at a glance
 * which sections are thin and whether the mix of types and difficulties is
 * right. Rows are sections in course order (1.2 before 1.10), with a
 * subtotal after each chapter (the part before the first dot) and a total. */
#ifndef STUDYTERM_QUIZ_COVERAGE_H
#define STUDYTERM_QUIZ_COVERAGE_H

#include <stddef.h>

#include "bank/question.h"
#include "core/buf.h"

struct coverage_row {
	char *label; /* a section ("5.6"), "ch 5" or "all" */
	size_t by_type[BANK_QTYPE_COUNT];
	size_t by_difficulty[4]; /* [0]: not given */
	size_t total;
};

struct coverage {
	struct coverage_row *rows; /* one per section, in the order first seen */
	size_t n, cap;
};

/* Counts q under its section (questions without answers are not counted). */
void coverage_add(struct coverage *c, const struct bank_question *q);

/* Appends the table to out: a header, the sections with chapter subtotals,
 * the total, then the share of questions that are not single-answer and
 * the share of each difficulty. Fits 80 columns. Sorts c's rows. */
void coverage_format(struct coverage *c, struct buf *out);

void coverage_free(struct coverage *c);

#endif
