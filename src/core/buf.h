/* buf: a growable, always NUL-terminated byte string.
 *
 * A zero-initialised struct buf is an empty buffer; buf_free releases it and
 * leaves it empty again. Appends never fail (allocation aborts, xalloc.h).
 */
#ifndef STUDYTERM_CORE_BUF_H
#define STUDYTERM_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated once anything was appended; may be NULL when empty */
	size_t len;
	size_t cap;
};

void buf_append(struct buf *b, const char *s, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_repeat(struct buf *b, const char *s, size_t times);
__attribute__((format(printf, 2, 3))) void buf_printf(struct buf *b, const char *fmt, ...);
/* Empties the buffer but keeps its memory for reuse. */
void buf_reset(struct buf *b);
/* Drops everything after the first len bytes (nothing when len >= b->len). */
void buf_truncate(struct buf *b, size_t len);
/* Returns the contents (never NULL) and hands ownership to the caller; the
 * buffer is left empty. The caller frees the result. */
char *buf_detach(struct buf *b);
/* Returns the contents as a C string, "" when empty; valid until the next change. */
const char *buf_cstr(const struct buf *b);
void buf_free(struct buf *b);

#endif
