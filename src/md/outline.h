/* outline: section numbers in heading text.
 *
 * The course numbers its headings in the text itself ("## 5.6 Migrations
 * with Flask-Migrate"); the reader, the course index and the question bank
 * all key on those numbers, so they are recognised in exactly one place. */
#ifndef STUDYTERM_MD_OUTLINE_H
#define STUDYTERM_MD_OUTLINE_H

#include <stddef.h>

/* If text starts with a section number ("5", "5.6", "10.2.1", optionally
 * followed by a dot) and then a space, returns the length of the number
 * without the trailing dot and sets *title_offset to where the title
 * starts. Otherwise returns 0 and *title_offset = 0. */
size_t md_outline_number(const char *text, size_t *title_offset);

/* True if a section number is well formed ("5", "5.6"; no dashes). */
int md_outline_is_number(const char *s);

#endif
