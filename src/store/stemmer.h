/* stemmer: the words of a query as the bank's search index sees them.
 *
 * The index (store/bankdb) holds words as SQLite's "unicode61" tokenizer
 * makes them: lower case, diacritics removed, split at anything that is
 * not a letter or digit. A search for "migrations" should still find
 * "migrate", so bankdb_search turns each typed word into its stem (FTS5's
 * "porter" tokenizer over unicode61) and looks it up as a prefix. Both
 * tokenizers are SQLite's own, so the query and the index agree on what a
 * word is.
 *
 * A stemmer owns a private in-memory SQLite connection (the only way to
 * reach the tokenizers) and is used by one thread at a time. */
#ifndef STUDYTERM_STORE_STEMMER_H
#define STUDYTERM_STORE_STEMMER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/status.h"

struct stemmer;

/* Fails (ST_DB) only when this SQLite has no FTS5. */
enum status stemmer_open(struct stemmer **out, struct error *err);
void stemmer_close(struct stemmer *s);

/* Appends the words of text (len bytes) to out, each followed by one
 * space: folded as the index stores them, or stemmed when stem is true
 * ("Migrations" -> "migrations", or "migrat"). Text without letters or
 * digits appends nothing. */
void stemmer_append(struct stemmer *s, const char *text, size_t len, bool stem, struct buf *out);

#endif
