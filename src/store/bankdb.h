/* bankdb: the compiled question bank file (data/bank.sqlite).
 *
 * The builder writes every question of the built-in banks as one row: its
 * bank and id, the fields practice selection needs without parsing
 * (section, chapter, difficulty, type, title) and the question's own
 * native Markdown source, from which the full question is parsed when it is
 * shown. An FTS5 index covers each question's title and source, word by
 * word as written; queries are stemmed and matched as prefixes instead.
 * The file is rebuildable at any time: learner data never lives here.
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
	const char *source; /* the question's native Markdown */
	size_t source_len;
	/* What the search index covers besides the title: Markdown (its markup
	 * is dropped by the tokenizer). NULL: the whole source. Not filled by
	 * bankdb_read or bankdb_search. */
	const char *text;
	size_t text_len;
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

/* Full-text search for what a learner types: every word must appear, in
 * any form ("migrations" finds "migrate"); "quoted words" must appear
 * together in that order; word* is a prefix; -word must not appear. Calls
 * fn with each matching question (source not filled), best match first, at
 * most limit. ST_INVALID when the query has no word to look for or the
 * file was built by an older studyterm. */
typedef void (*bankdb_hit_fn)(void *ctx, const struct bankdb_row *row);
enum status bankdb_search(const char *path, const char *query, size_t limit, bankdb_hit_fn fn,
                          void *ctx, struct error *err);

/* The FTS5 MATCH expression bankdb_search runs for query, newly allocated
 * (caller frees); exposed for tests. */
enum status bankdb_match_expr(const char *query, char **out, struct error *err);

#endif
