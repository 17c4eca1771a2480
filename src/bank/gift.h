/* gift: importing Moodle GIFT files into the question model.
 *
 * Reads GIFT the way Moodle's own importer does: questions are separated
 * by blank lines, "//" lines are comments, "$CATEGORY: path" switches the
 * category, "::title::" names a question, and the answer block in braces
 * decides the type (single/multi choice, true/false, short answer,
 * numerical, matching; text after the braces makes a missing-word stem).
 * Texts become Markdown: "[markdown]" text is kept as written, "[html]"
 * text has <b>, <i>, <code>, <pre>, <br> and <p> turned into Markdown, and
 * "[plain]", "[moodle]" and unmarked text is escaped so that it shows
 * literally. A "// studyterm: id: x · section: 5.6 · ..." comment right
 * before a question (what bank/export writes) gives its id, section,
 * difficulty and flags, so GIFT round-trips through studyterm.
 *
 * The parsers own nothing after they return: every string is copied into
 * the bank, which the caller owns and frees with bank_clear. Problems go to
 * the caller's bank_report with 1-based line:col positions in the input;
 * parsing never stops at the first problem and never fails otherwise.
 */
#ifndef STUDYTERM_BANK_GIFT_H
#define STUDYTERM_BANK_GIFT_H

#include <stdbool.h>
#include <stddef.h>

#include "bank/question.h"

/* Parses GIFT text (len bytes, need not be NUL-terminated) and appends
 * every convertible question to out (out->id etc. are set by the caller).
 * Syntax errors are BANK_ERROR diagnostics and their question is not
 * appended; items that are valid GIFT but cannot become studyterm questions
 * (essays "{}", descriptions without braces) and parts studyterm cannot
 * keep (a numerical catch-all feedback, a matching distractor) are
 * BANK_SKIPPED diagnostics naming the item and why; conversions that change
 * meaning slightly are BANK_WARNING. Nothing is dropped without a
 * diagnostic. Ids come from the studyterm comment, else from the title
 * (bank_slug) made unique in out with -2, -3, ...; sections from the
 * comment, else the last $CATEGORY, else "general". Does not call
 * bank_validate. Returns the number of errors added to rep. */
size_t bank_gift_parse(const char *text, size_t len, struct bank *out, struct bank_report *rep);

/* ---- helpers shared with bank/aiken (plain text follows the same rules) ---- */

/* Markdown that shows len bytes of plain text literally: characters that
 * Markdown would read as syntax are backslash-escaped, whitespace runs
 * become one space, invalid UTF-8 and control characters become U+FFFD.
 * With block, a newline becomes a hard line break and an empty line a new
 * paragraph; without, newlines are spaces. Newly allocated; never NULL. */
char *bank_gift_plain_markdown(const char *text, size_t len, bool block);

/* The first words (at most eight) of len bytes of text, whitespace
 * collapsed, as a question title; "Question" when the text has no words.
 * Newly allocated. */
char *bank_gift_title_words(const char *text, size_t len);

/* Gives every question of b from index first on whose id is NULL the slug
 * of its title, made unique among all ids in b by appending -2, -3, ... */
void bank_gift_fill_ids(struct bank *b, size_t first);

#endif
