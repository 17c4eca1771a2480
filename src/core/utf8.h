/* utf8: decoding UTF-8 and measuring display width in terminal columns.
 *
 * Width follows the usual terminal convention (as wcwidth does in a UTF-8
 * locale) but from our own tables, so layout is the same whatever locale the
 * process runs in: combining marks and zero-width characters take 0
 * columns, East Asian wide and fullwidth characters and most emoji take 2,
 * everything else printable takes 1. Control characters take 0; callers
 * that keep them must replace them first.
 */
#ifndef STUDYTERM_CORE_UTF8_H
#define STUDYTERM_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes one code point from s (len bytes available, len > 0) into *cp and
 * returns the number of bytes used (1-4). Malformed or truncated input
 * yields UTF8_REPLACEMENT and consumes one byte, so a loop always advances. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Writes cp as UTF-8 into out (at least 4 bytes); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);

/* Display width of one code point: 0, 1 or 2. */
int utf8_cp_width(uint32_t cp);

/* Display width of len bytes of UTF-8 text. */
size_t utf8_width(const char *s, size_t len);

/* Returns how many bytes of s (len bytes) fit in max_cols columns without
 * splitting a character; zero-width characters after the last fitting one
 * are kept with it. *cols_out (may be NULL) receives the columns used. */
size_t utf8_prefix_fitting(const char *s, size_t len, size_t max_cols, size_t *cols_out);

#endif
