/* text: what the line-by-line parsers of authors' files share (exam
 * profiles in bank/profile, exercises in sandbox/exercise): lines with
 * their numbers, blanks and trimming, ASCII case, byte columns for
 * messages, ATX headings, section numbers, and quoting an author's text
 * safely in a message. Plain functions of their arguments; text_quote
 * returns a new string the caller frees. */
#ifndef STUDYTERM_CORE_TEXT_H
#define STUDYTERM_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define TEXT_QUOTE_BYTES       48 /* how much of the author's text a message quotes */
#define TEXT_MAX_SECTION_PARTS 6  /* components of a section number: "5.6.2" has 3 */

struct text_line {
	const char *s; /* start of the line (without the line end) */
	size_t n;      /* its length without "\n" or "\r\n" */
	int no;        /* 1-based line number */
};

/* A blank inside a line: space or tab. */
bool text_space(char c);
/* Moves *s and shrinks *n past leading and trailing blanks. */
void text_trim(const char **s, size_t *n);
/* ASCII letters lowered; everything else as is. */
char text_lower(char c);
/* Whether s (n bytes) is word (lower case) in any ASCII case. */
bool text_is_word(const char *s, size_t n, const char *word);
bool text_digit(char c);
bool text_alpha(char c);
/* The 1-based byte column of s in line l. */
int text_col(const struct text_line *l, const char *s);
/* Whether l holds only blanks. */
bool text_blank(const struct text_line *l);
/* A cleaned copy of the author's text for a message, cut at
 * TEXT_QUOTE_BYTES with an ellipsis; bad bytes and control characters
 * become U+FFFD. Newly allocated. */
char *text_quote(const char *s, size_t n);
/* An ATX heading: its level (1..6) and text without the closing hashes,
 * or 0 when l is not one. */
int text_heading(const struct text_line *l, const char **text, size_t *tn);
/* "5.6", "5.6.2": two to TEXT_MAX_SECTION_PARTS parts of 1 to 5 digits. */
bool text_section_number(const char *s, size_t n);

#endif
