/* highlight_lexers: what the per-language lexers share (private to
 * src/md/highlight*.c and the unit tests; nothing else includes this).
 *
 * Every lexer works on absolute byte offsets into the code block and
 * appends spans in order through md_hl_emit, which keeps the list sorted,
 * non-overlapping and merged. Lexers only ever start or end a span next to
 * an ASCII byte (or at the ends of the block) and treat bytes >= 0x80 as
 * word characters, so no span boundary can fall inside a UTF-8 sequence,
 * valid or not. Every scanner is bounded by an explicit end offset: the
 * code is not NUL-terminated. */
#ifndef STUDYTERM_MD_HIGHLIGHT_LEXERS_H
#define STUDYTERM_MD_HIGHLIGHT_LEXERS_H

#include <stdbool.h>
#include <stddef.h>

#include "md/highlight.h"

/* ---- span list -------------------------------------------------------- */

struct md_hl_spans {
	struct md_hl_span *items;
	size_t count;
	size_t cap;
};

/* Appends [start, end) with style; empty ranges are dropped and a range
 * that continues the previous span in the same style extends it. Ranges
 * must come in order: one starting before the previous end is a lexer bug
 * (asserted; clipped in release builds so the output contract holds). */
void md_hl_emit(struct md_hl_spans *out, size_t start, size_t end, enum md_style style);

/* ---- character classes ------------------------------------------------ */

/* Bytes >= 0x80 count as letters so that identifiers swallow whole UTF-8
 * sequences (and invalid bytes) rather than ending inside one. */
static inline bool md_hl_is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static inline bool md_hl_is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline bool md_hl_is_ident_char(unsigned char c)
{
	return md_hl_is_ident_start(c) || md_hl_is_digit(c);
}

static inline bool md_hl_is_hex_digit(unsigned char c)
{
	return md_hl_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Horizontal white space: a newline is always significant to someone. */
static inline bool md_hl_is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Whether c is one of the bytes of set; NUL never is (strchr would say
 * yes, and code blocks may contain NUL bytes). */
static inline bool md_hl_in_set(unsigned char c, const char *set)
{
	for (; *set; set++) {
		if ((unsigned char)*set == c)
			return true;
	}
	return false;
}

static inline unsigned char md_hl_at(const char *s, size_t i)
{
	return (unsigned char)s[i];
}

/* ---- scanning helpers (all return offsets in [i, end]) ----------------- */

/* End of the identifier run starting at i. */
size_t md_hl_skip_ident(const char *s, size_t i, size_t end);

/* End of the run of blanks starting at i. */
size_t md_hl_skip_blanks(const char *s, size_t i, size_t end);

/* Offset of the next '\n' at or after i, or end. */
size_t md_hl_line_end(const char *s, size_t i, size_t end);

/* Offset of the first occurrence of needle (nlen >= 1) at or after i that
 * fits before end, or end. Linear for the short needles lexers use. */
size_t md_hl_find(const char *s, size_t i, size_t end, const char *needle, size_t nlen);

/* Like md_hl_find, but returns the offset just past the needle, or end. */
size_t md_hl_find_past(const char *s, size_t i, size_t end, const char *needle, size_t nlen);

/* Whether s[i..] starts with the ASCII word w, compared ignoring case. */
bool md_hl_starts_with_fold(const char *s, size_t i, size_t end, const char *w);

/* ---- word lists ------------------------------------------------------- */

/* A sorted table of words, searched by binary search. With fold_case the
 * words are stored in lower case and looked-up words are lowered while
 * comparing, so the table must be sorted in byte order of its lower-case
 * spelling. */
struct md_hl_words {
	const char *const *words;
	size_t count;
	bool fold_case;
};

bool md_hl_words_has(const struct md_hl_words *list, const char *w, size_t n);

#define MD_HL_WORDS(array, fold)                                                                   \
	{                                                                                          \
		.words = (array), .count = sizeof(array) / sizeof((array)[0]), .fold_case = (fold) \
	}

/* The tables, visible so that the unit tests can check they are sorted
 * (an unsorted table would silently miss words). */
extern const struct md_hl_words md_hl_python_keywords;
extern const struct md_hl_words md_hl_python_builtins;
extern const struct md_hl_words md_hl_sql_keywords;
extern const struct md_hl_words md_hl_sql_types;
extern const struct md_hl_words md_hl_sql_functions;
extern const struct md_hl_words md_hl_shell_keywords;
extern const struct md_hl_words md_hl_shell_builtins;
extern const struct md_hl_words md_hl_jinja_keywords;

/* ---- lexers ----------------------------------------------------------- */

void md_hl_lex_python(const char *s, size_t len, struct md_hl_spans *out);
void md_hl_lex_sql(const char *s, size_t len, struct md_hl_spans *out);
/* Lexes s[start, end) as bash; console blocks lex each command this way. */
void md_hl_lex_bash(const char *s, size_t start, size_t end, struct md_hl_spans *out);
void md_hl_lex_console(const char *s, size_t len, struct md_hl_spans *out);
void md_hl_lex_html(const char *s, size_t len, struct md_hl_spans *out);
void md_hl_lex_jinja(const char *s, size_t len, struct md_hl_spans *out);

#endif
