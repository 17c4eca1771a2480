/* export: writing a bank out as native Markdown, Moodle GIFT or an Anki
 * plain-text (TSV) deck.
 *
 * The native writer is exact: parsing its output with bank_native_parse
 * gives back the same questions (all but feedback on ordering items, which
 * the format cannot hold), so `bank import` uses it to store converted
 * banks and `bank export --format md` can normalise a bank. GIFT
 * and Anki are lossy targets. GIFT cannot express ordering and SQL
 * questions, and Moodle accepts only a fixed set of credit percentages;
 * Anki notes are flash cards with the answer on the back.
 *
 * Everything is appended to a caller-owned struct buf; the exporters own
 * nothing and keep no state between calls. Nothing fails: a question a
 * format cannot hold is left out and reported as BANK_SKIPPED in the
 * caller's bank_report (line = the question's line), and a change forced
 * by the format (a credit rounded to the nearest Moodle grade, a grading
 * rule Moodle lacks) is reported as BANK_WARNING. Nothing is dropped
 * without a diagnostic, so `rep` must not be NULL.
 */
#ifndef STUDYTERM_BANK_EXPORT_H
#define STUDYTERM_BANK_EXPORT_H

#include <stdbool.h>

#include "bank/question.h"
#include "core/buf.h"

enum bank_export_format { BANK_EXPORT_MD, BANK_EXPORT_GIFT, BANK_EXPORT_ANKI_TSV };

/* Accepts the names "md", "gift" and "anki-tsv" (exactly, as typed on the
 * command line); returns false and leaves *out alone for anything else. */
bool bank_export_format_parse(const char *name, enum bank_export_format *out);
/* "md", "gift" or "anki-tsv"; "?" for a value outside the enum. */
const char *bank_export_format_name(enum bank_export_format f);

/* Appends the whole bank b in format f to out. Questions the format cannot
 * express are left out, each reported in rep as BANK_SKIPPED naming the
 * question and the reason; lossy conversions are reported as BANK_WARNING. */
void bank_export(const struct bank *b, enum bank_export_format f, struct buf *out,
                 struct bank_report *rep);

/* Appends one question in the native format, from its "## " heading to the
 * end of its explanation, ending with a single newline. Callers put a blank
 * line between questions. The format has no feedback on ordering items, so
 * any is left out (bank_export reports it). */
void bank_export_md_question(const struct bank_question *q, struct buf *out);

#endif
