/* aiken: importing Aiken files (Moodle's simplest quiz format).
 *
 *     Which command applies pending migrations?
 *     A. flask db migrate
 *     B) flask db upgrade
 *     ANSWER: B
 *
 * A question is one or more lines of text, then its options lettered A, B,
 * C, ... in order ("A." or "A)" and a space), then "ANSWER: X"; a blank
 * line ends it. Every question becomes a single-choice question whose id
 * is the slug of its first words (made unique in the bank), in section
 * "general". Text is plain: anything Markdown would read as syntax is
 * escaped (bank_gift_plain_markdown).
 *
 * The parser owns nothing after it returns: the bank holds copies, and the
 * caller frees it with bank_clear. Problems are BANK_ERROR diagnostics in
 * the caller's report with 1-based line:col; a question with an error is
 * not appended, and parsing goes on with the next one.
 */
#ifndef STUDYTERM_BANK_AIKEN_H
#define STUDYTERM_BANK_AIKEN_H

#include <stddef.h>

#include "bank/question.h"

/* Parses Aiken text (len bytes, need not be NUL-terminated) and appends
 * every complete question to out. Errors: a question without an ANSWER
 * line, an answer letter that names no option, fewer than two options,
 * options out of order, text where an option or ANSWER was expected.
 * Does not call bank_validate. Returns the number of errors added to rep. */
size_t bank_aiken_parse(const char *text, size_t len, struct bank *out, struct bank_report *rep);

#endif
