/* search: finding text in a laid-out document.
 *
 * Matching is "smart case" as in vim and less -i: a query in lower case
 * matches any case, a query with an upper-case letter matches exactly.
 * Matches are found within lines (a phrase broken across a wrapped line is
 * not found), which is what the reader highlights. */
#ifndef STUDYTERM_MD_SEARCH_H
#define STUDYTERM_MD_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "md/layout.h"

struct md_match {
	size_t line;
	uint32_t start, end; /* byte offsets in the line's text */
};

/* Finds every match of query (non-empty) in layout, in reading order.
 * Returns the count and a new array in *out (caller frees; NULL if 0). */
size_t md_search(const struct md_layout *layout, const char *query, struct md_match **out);

/* Index of the first match at or after line `from` (wrapping to the start
 * when forward), or before it when !forward (wrapping to the end). -1 when
 * there are no matches. */
long md_search_next(const struct md_match *matches, size_t count, size_t from, int forward);

#endif
