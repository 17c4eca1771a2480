/* load: reading one bank file of any supported format.
 *
 * The format follows the file name: ".md" is the native format
 * (bank/native), ".gift" Moodle GIFT (bank/gift), ".txt" Aiken
 * (bank/aiken). The bank id is the file name without its extension unless
 * the caller gives one. Every problem goes to the report, with the file's
 * own lines; the bank is validated (bank_validate) after parsing. */
#ifndef STUDYTERM_BANK_LOAD_H
#define STUDYTERM_BANK_LOAD_H

#include <stdbool.h>

#include "bank/question.h"

enum bank_format { BANK_FORMAT_NATIVE, BANK_FORMAT_GIFT, BANK_FORMAT_AIKEN };

/* The format a file name implies; false for other extensions. */
bool bank_format_of(const char *path, enum bank_format *out);
/* Whether a file name is a bank's (.md, .gift or .txt), for paths_list. */
bool bank_is_bank_file(const char *name);
/* The bank id a file name implies: its base name without extension,
 * lower-cased, anything outside [a-z0-9._-] replaced by '-'. Newly allocated. */
char *bank_id_of(const char *path);

/* Parses len bytes of text in format fmt into out (which must be zeroed or
 * hold questions of the same bank) and validates it. Returns the number of
 * errors in rep. */
size_t bank_parse(enum bank_format fmt, const char *text, size_t len, struct bank *out,
                  struct bank_report *rep);

/* Reads and parses path into out (zeroed by the caller); out->id is id, or
 * bank_id_of(path) when id is NULL, and out->path is path. A file that
 * cannot be read or has an unknown extension is one error in rep. Returns
 * the number of errors; a caller must not use a bank with errors. rep is
 * initialised here with path. */
size_t bank_load_file(const char *path, const char *id, struct bank *out, struct bank_report *rep);

#endif
