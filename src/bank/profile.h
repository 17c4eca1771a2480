/* profile: exam profiles, the small Markdown files that say what a mock
 * exam asks and under which rules (quizzes/exams/<id>.md, or an
 * instructor's banks folder).
 *
 *     # Full mock exam
 *
 *     questions: 60 · time: 90 min · pass: 70%
 *     navigation: free · timeout: grace 2 min · review: yes · shuffle: yes
 *
 *     Sixty questions across the whole course.
 *
 *     ## Draw
 *
 *     | from | weight |
 *     | --- | ---: |
 *     | chapter 5 | 8 |
 *     | section 5.6 | 1 |
 *
 * The file is read line by line (no cmark): it is small, and every
 * diagnostic must point at the line and column the author wrote.
 *
 * - The id is the file name without ".md".
 * - The first non-blank line is the title, "# Title" (required).
 * - The first paragraph after it holds the settings: "key: value" items
 *   separated by " · " (U+00B7) or line breaks. Later paragraphs are
 *   settings too while their first line starts with a known key and a
 *   colon; the first paragraph that does not is the description.
 *   Keys are case-insensitive; an unknown key or a key given twice is an
 *   error.
 *     questions: N          required, 1..500
 *     time: DURATION|none   required; "90 min", "1 h 30 min", "45 s",
 *                           "90m", "1h30m" (h, min, s: hours, minutes and
 *                           seconds, in that order, whole numbers), at
 *                           most 24 h; none = untimed (stored as 0)
 *     pass: P%              required, 0..100, decimals allowed
 *     navigation: free|sequential            default free
 *     timeout: submit|grace DURATION|not counted   default submit: what
 *                           happens when time runs out (Moodle's three:
 *                           submitted as it stands; a grace period in
 *                           which the learner may only submit; or the
 *                           attempt counts only if submitted in time)
 *     review: yes|no        default yes: answers, keys and explanations
 *                           can be reviewed afterwards
 *     shuffle: yes|no       default yes; no keeps the Draw rows' order
 *                           and, within a row, the catalog's order
 *     bank: ID              optional: draw only from that bank
 * - The description is the Markdown source between the settings and
 *   "## Draw" (or the end), blank lines trimmed at both ends; it may be
 *   empty. A "# " heading in it is an error.
 * - "## Draw" (case-insensitive) is optional and holds a GFM table with
 *   the header cells "from" and "weight", then the separator row; each
 *   row is "all", "chapter N" or "section S" (S like 5.6 or 5.6.2) and a
 *   positive weight (integer or decimal, optionally with %: percent
 *   weights are just weights and need not add up to 100). Without the
 *   section the profile draws from one row "all" of weight 1 (line 0).
 *   A section outside the course (when the caller passes the course's
 *   section numbers) is a warning, as in banks.
 * - Any other "##" heading, or text after the table, is an error.
 * - The text is UTF-8 without control characters other than tab; lines
 *   end in LF or CRLF; a leading byte order mark is ignored.
 *
 * Every problem is reported (not only the first) as a diagnostic with its
 * 1-based line and byte column. A profile owns all its strings; the
 * caller releases it with bank_profile_clear. */
#ifndef STUDYTERM_BANK_PROFILE_H
#define STUDYTERM_BANK_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "bank/question.h"
#include "core/buf.h"

#define BANK_PROFILE_MAX_QUESTIONS 500
#define BANK_PROFILE_MAX_SECONDS   (24 * 60 * 60)

enum bank_profile_nav { BANK_PROFILE_FREE, BANK_PROFILE_SEQUENTIAL };
enum bank_profile_timeout { BANK_PROFILE_SUBMIT, BANK_PROFILE_GRACE, BANK_PROFILE_NOT_COUNTED };
enum bank_profile_from { BANK_PROFILE_ALL, BANK_PROFILE_CHAPTER, BANK_PROFILE_SECTION };

/* One row of the Draw table. */
struct bank_profile_row {
	enum bank_profile_from from;
	int chapter;   /* CHAPTER: its number; SECTION: the section's leading number */
	char *section; /* SECTION: "5.6" (owned), else NULL */
	double weight; /* > 0 */
	int line;      /* source line, for messages; 0 for the implicit "all" row */
};

struct bank_profile {
	char *id, *title, *description, *bank; /* owned; bank NULL = every bank */
	char *path;                            /* owned */
	int questions;                         /* 1..BANK_PROFILE_MAX_QUESTIONS */
	int time_limit;                        /* seconds, 0 = untimed */
	double pass;                           /* percent 0..100 */
	enum bank_profile_nav navigation;
	enum bank_profile_timeout timeout;
	int grace; /* seconds, GRACE only (else 0) */
	bool review, shuffle;
	struct bank_profile_row *rows; /* at least one when parsed without errors */
	size_t n_rows;
};

/* Parses text (len bytes, need not be NUL-terminated) read from path into
 * p, which is overwritten. sections (n_sections of them, may be NULL and
 * 0) are the course's section numbers ("5.6"); when given, a Draw row
 * naming a section or chapter outside them is a warning. Diagnostics go to
 * r, which the caller initialised (bank_report_init) with the path.
 * Returns the number of errors added; p is usable only when it is 0, and
 * is left zeroed otherwise. */
size_t bank_profile_parse(const char *path, const char *text, size_t len,
                          const char *const *sections, size_t n_sections, struct bank_profile *p,
                          struct bank_report *r);

/* Reads and parses the file at path. r is initialised here with path (as
 * bank_load_file does); a file that cannot be read is one error in r
 * (line 0) carrying the reason. Returns the number of errors. */
size_t bank_profile_load(const char *path, const char *const *sections, size_t n_sections,
                         struct bank_profile *p, struct bank_report *r);

/* Releases what p owns and zeroes it; safe on a zeroed profile. */
void bank_profile_clear(struct bank_profile *p);

/* Appends seconds for display: "90 min", "1 h", "1 h 30 min", "45 s",
 * "2 min 5 s", and "none" for 0 (untimed). */
void bank_profile_format_duration(int seconds, struct buf *out);

/* The settings in words, parts joined by sep: "60 questions, 1 h 30 min,
 * pass 70%, then 2 min to submit" (with ", "); "untimed", "forward only"
 * and "not counted unless submitted in time" where they apply. */
void bank_profile_describe(const struct bank_profile *p, const char *sep, struct buf *out);

/* The row as written in messages: "all", "chapter 5", "section 5.6". */
void bank_profile_row_name(const struct bank_profile_row *row, struct buf *out);

#endif
