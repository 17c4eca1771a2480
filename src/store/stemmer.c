/* stemmer: FTS5's tokenizers outside an index (see stemmer.h). */
#include "store/stemmer.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "core/xalloc.h"

/* One FTS5 tokenizer: its module's functions and an instance. */
struct S_tokenizer {
	fts5_tokenizer module;
	Fts5Tokenizer *instance;
};

struct stemmer {
	sqlite3 *db;
	struct S_tokenizer fold, stem;
};

/* The FTS5 API of a connection: SQLite hands it out through the fts5()
 * SQL function with a typed pointer binding. */
static fts5_api *S_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

static bool S_create(fts5_api *api, const char *name, const char **args, int n_args,
                     struct S_tokenizer *t)
{
	void *module_ctx = NULL;
	return api->xFindTokenizer(api, name, &module_ctx, &t->module) == SQLITE_OK &&
	       t->module.xCreate(module_ctx, args, n_args, &t->instance) == SQLITE_OK;
}

enum status stemmer_open(struct stemmer **out, struct error *err)
{
	*out = NULL;
	struct stemmer *s = xcalloc(1, sizeof *s);
	/* The same options as the index's tokenizer (store/bankdb.c). */
	const char *fold_args[] = {"remove_diacritics", "2"};
	const char *stem_args[] = {"unicode61", "remove_diacritics", "2"};
	fts5_api *api = NULL;
	if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    !(api = S_fts5_api(s->db)) || !S_create(api, "unicode61", fold_args, 2, &s->fold) ||
	    !S_create(api, "porter", stem_args, 3, &s->stem)) {
		error_set(err, ST_DB, "",
		          "this SQLite has no FTS5 unicode61 and porter tokenizers");
		stemmer_close(s);
		return ST_DB;
	}
	*out = s;
	return ST_OK;
}

void stemmer_close(struct stemmer *s)
{
	if (!s)
		return;
	if (s->fold.instance)
		s->fold.module.xDelete(s->fold.instance);
	if (s->stem.instance)
		s->stem.module.xDelete(s->stem.instance);
	sqlite3_close(s->db);
	free(s);
}

static int S_on_token(void *ctx, int flags, const char *token, int len, int start, int end)
{
	(void)flags, (void)start, (void)end;
	struct buf *out = ctx;
	buf_append(out, token, (size_t)len);
	buf_putc(out, ' ');
	return SQLITE_OK;
}

void stemmer_append(struct stemmer *s, const char *text, size_t len, bool stem, struct buf *out)
{
	const struct S_tokenizer *t = stem ? &s->stem : &s->fold;
	/* A query is a line of typing: past the tokenizer's int length, cut. */
	if (len > INT_MAX / 2)
		len = INT_MAX / 2;
	t->module.xTokenize(t->instance, out, FTS5_TOKENIZE_QUERY, text, (int)len, S_on_token);
}
