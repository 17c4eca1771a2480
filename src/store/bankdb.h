/* bankdb: the compiled question bank file (data/bank.sqlite).
 *
 * The builder writes every question of the built-in banks as one row: its
 * bank and id, the fields practice selection needs without parsing
 * (section, chapter, difficulty, type, title) and the question's own
 * native Markdown source, from which the full question is parsed when it is
 * shown. An FTS5 index covers titles and question text. The file is
 * rebuildable at any time: learner data never lives here.
 *
 * Writing goes to "<path>.tmp" which replaces <path> by rename() only once
 * complete, so a failed or interrupted build leaves the previous file. */
#ifndef STUDYTERM_STORE_BANKDB_H
#define STUDYTERM_STORE_BANKDB_H

#include <stddef.h>

#include "core/status.h"

struct bankdb_row {
	const char *bank, *id, *section, *type, *title;
	int chapter; /* leading number of the section ("5" of "5.6"), 0 if none */
	int difficulty;
	const char *text;   /* stem, options and explanation as plain words, for search */
	const char *source; /* the question's native Markdown */
	size_t source_len;
};

struct bankdb_writer;

/* Starts writing a bank database that will replace path. */
enum status bankdb_writer_open(const char *path, struct bankdb_writer **out, struct error *err);
enum status bankdb_writer_add_bank(struct bankdb_writer *w, const char *id, const char *title,
                                   const char *path, struct error *err);
enum status bankdb_writer_add(struct bankdb_writer *w, const struct bankdb_row *row,
                              struct error *err);
/* Builds the search index, commits and renames into place. Frees w either way. */
enum status bankdb_writer_finish(struct bankdb_writer *w, struct error *err);
/* Discards everything written; the previous file stays. Frees w. */
void bankdb_writer_abort(struct bankdb_writer *w);

/* Calls fn for every question row, in the order they were added. Row
 * strings are valid only during the call. Stops early and returns the
 * callback's status when it is not ST_OK. */
typedef enum status (*bankdb_row_fn)(void *ctx, const struct bankdb_row *row);
enum status bankdb_read(const char *path, bankdb_row_fn fn, void *ctx, struct error *err);

/* Full-text search: calls fn with the bank and id of each question matching
 * the FTS5 query, best match first, at most limit. */
typedef void (*bankdb_hit_fn)(void *ctx, const char *bank, const char *id);
enum status bankdb_search(const char *path, const char *query, size_t limit, bankdb_hit_fn fn,
                          void *ctx, struct error *err);

#endif
