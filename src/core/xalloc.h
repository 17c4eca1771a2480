/* xalloc: allocation that never returns NULL.
 *
 * studyterm treats running out of memory as fatal: every allocation below
 * prints a one-line message to stderr and aborts instead of returning NULL,
 * so callers never carry an out-of-memory error path. The terminal is
 * restored by the crash-signal handler that tui/display installs.
 */
#ifndef STUDYTERM_CORE_XALLOC_H
#define STUDYTERM_CORE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
/* Resizes ptr to count * size bytes; aborts on overflow of the product. */
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
/* Copies at most len bytes of s and terminates the copy. */
char *xstrndup(const char *s, size_t len);

/* Grows *items (each item_size bytes) so that it can hold at least `need`
 * items; *cap is updated. Doubling keeps appends amortised O(1). */
void xgrow(void **items, size_t *cap, size_t need, size_t item_size);

#endif
