/* native: the studyterm bank format, a Markdown file (studyterm-bank(5)).
 *
 * Parsed with the same cmark-gfm setup as the course (md/doc). Each "## "
 * heading starts a question; its first paragraph is the metadata line, the
 * last list, table or ```sql block is the answer block, blockquotes after
 * it are the explanation and everything between is the stem. Text fields
 * keep the author's Markdown exactly as written (sliced from the source by
 * cmark's source positions), so a bank re-exported as Markdown reads the
 * same.
 *
 * Problems are reported in a bank_report with file:line:col, never by
 * stopping early: a caller sees every error of a file at once. */
#ifndef STUDYTERM_BANK_NATIVE_H
#define STUDYTERM_BANK_NATIVE_H

#include <stddef.h>

#include "bank/question.h"

/* Parses len bytes of text (need not be NUL-terminated) and appends every
 * question found to out; sets out->title from the "# " heading when out has
 * none. Structural errors (no answer block, bad metadata, a type that does
 * not fit its answers) go to rep; questions with such errors are still
 * appended so line numbers of later checks stay right, but the caller must
 * treat a report with errors as a broken file. Does not call bank_validate.
 * Returns the number of errors added. */
size_t bank_native_parse(const char *text, size_t len, struct bank *out, struct bank_report *rep);

/* Each question's source as [start, end) byte offsets into the parsed text,
 * in the order questions were appended: used by the bank builder to store
 * every question's own Markdown. Filled when spans is not NULL; the caller
 * frees *spans. Meaningful only when the parse reported no errors (text
 * with NUL bytes or invalid UTF-8 is an error, and is parsed from a
 * repaired copy whose offsets differ). */
struct bank_span {
	size_t start, end;
};
size_t bank_native_parse_spans(const char *text, size_t len, struct bank *out,
                               struct bank_report *rep, struct bank_span **spans);

/* The reference the tests hold bank_native_parse_spans to: the file parsed
 * as one Markdown document, where bank_native_parse_spans parses it one
 * question at a time (twice as fast, and never one huge syntax tree). Both
 * must give the same questions, spans and diagnostics for every input. */
size_t bank_native_parse_whole(const char *text, size_t len, struct bank *out,
                               struct bank_report *rep, struct bank_span **spans);

#endif
