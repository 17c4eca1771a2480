/* summary: the tally of one practice session and its closing words: score,
 * time, the weakest sections of the session, and when reviews fall due.
 * Shared by the practice screen and the plain mode. */
#ifndef STUDYTERM_QUIZ_SUMMARY_H
#define STUDYTERM_QUIZ_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "quiz/practice.h"

struct summary_section {
	char *section;
	size_t answered;
	double score; /* sum of scores */
};

struct summary {
	int64_t started;
	size_t answered, right;
	double score; /* sum of scores */
	struct summary_section *sections;
	size_t n_sections;
};

void summary_init(struct summary *s, int64_t started);
void summary_add(struct summary *s, const char *section, double score);
void summary_free(struct summary *s);

/* Writes the summary as lines of text, each ending in '\n':
 *   "7 of 10 right (74% of the credit) in 4 min 10 s."
 *   "Weakest sections: 5.6 (40%), 2.1 (50%)."  (up to three below 100%)
 *   "Reviews due: 3 now, 5 by tomorrow; next one in 10 minutes."        */
void summary_format(const struct summary *s, const struct practice *p, int64_t now,
                    struct buf *out);

#endif
