/* catalog: every question practice and exams can draw from.
 *
 * The built-in bank comes from the compiled bank database (store/bankdb):
 * its rows carry the fields selection needs, and a question is parsed from
 * its stored Markdown only when it is shown. Instructor banks (.md, .gift,
 * .txt files) are parsed whole when loaded; a file with any error is
 * skipped whole and its report kept, so nothing is ever half imported.
 *
 * Entries are addressed by index (stable for the catalog's life) or by key
 * "bank/id" through a hash index. The catalog owns everything it holds. */
#ifndef STUDYTERM_QUIZ_CATALOG_H
#define STUDYTERM_QUIZ_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "bank/question.h"
#include "core/status.h"

struct catalog_entry {
	char *key;     /* "bank/id" */
	char *bank;    /* bank id */
	char *id;      /* question id */
	char *section; /* "5.6" */
	char *title;
	int chapter; /* leading number of the section, 0 when it has none */
	int difficulty;
	enum bank_qtype type;
	char *source; /* built-in: the question's native Markdown; else NULL */
	size_t source_len;
	struct bank_question *question; /* parsed; NULL until needed */
	bool owns_question;             /* parsed from source, not borrowed from a bank */
};

struct catalog {
	struct catalog_entry *entries;
	size_t n_entries;
	struct bank **banks; /* instructor banks loaded whole */
	size_t n_banks;
	struct bank_report *reports; /* instructor files with errors or warnings */
	size_t n_reports;
	/* private: key index */
	size_t *slots;
	size_t n_slots;
	size_t cap_entries;
};

void catalog_init(struct catalog *c);
void catalog_free(struct catalog *c);

/* Adds every question of the compiled bank database at path. */
enum status catalog_load_db(struct catalog *c, const char *path, struct error *err);

/* Loads one instructor bank file under its own bank id. Returns true when
 * it was added; false when it was skipped (its errors are in the report
 * kept in c->reports; so are warnings of a file that loaded). A bank id
 * that is already loaded is an error too. */
bool catalog_load_file(struct catalog *c, const char *path);

/* Loads every .md, .gift and .txt file directly in dir (sorted by name);
 * a missing dir is not an error. Returns the number of files skipped. */
size_t catalog_load_dir(struct catalog *c, const char *dir);

/* Takes ownership of a parsed, valid bank. */
void catalog_add_bank(struct catalog *c, struct bank *b);

/* Index of the entry with key "bank/id", or -1. O(1). */
long catalog_find(const struct catalog *c, const char *key);

/* The full question of entry i, parsed on first use; NULL (and err set) if
 * its stored source no longer parses. */
const struct bank_question *catalog_question(struct catalog *c, size_t i, struct error *err);

/* The leading chapter number of a section ("5.6" -> 5), 0 when none. */
int catalog_chapter_of(const char *section);

#endif
