/* bankdb: the compiled question bank (see bankdb.h). */
#include "store/bankdb.h"

#include <errno.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "store/db.h"
#include "store/stemmer.h"

struct bankdb_writer {
	sqlite3 *db;
	char *path, *tmp;
	sqlite3_stmt *add_bank, *add_question, *add_text;
};

/* Version 2: the search index covers each question's title and whole
 * Markdown source (markup is not letters, so the tokenizer drops it), and
 * words are indexed as written: stemming at build time was a quarter of
 * the build, so queries stem instead (bankdb_match_expr). The (bank, id)
 * index is built once at the end instead of row by row. */
#define S_VERSION 2
static const char S_schema[] = "PRAGMA user_version=2;"
                               "CREATE TABLE bank (id TEXT PRIMARY KEY, title TEXT, path TEXT);"
                               "CREATE TABLE question ("
                               "  seq INTEGER PRIMARY KEY,"
                               "  bank TEXT NOT NULL REFERENCES bank(id),"
                               "  id TEXT NOT NULL,"
                               "  section TEXT NOT NULL,"
                               "  chapter INTEGER NOT NULL,"
                               "  difficulty INTEGER NOT NULL,"
                               "  type TEXT NOT NULL,"
                               "  title TEXT NOT NULL,"
                               "  source TEXT NOT NULL);"
                               "CREATE VIRTUAL TABLE question_text USING fts5(title, body, "
                               "content='', tokenize='unicode61 remove_diacritics 2');";

static enum status S_fail(sqlite3 *db, const char *where, const char *what, struct error *err)
{
	return error_set(err, ST_DB, where, "%s: %s", what, db ? sqlite3_errmsg(db) : "no memory");
}

enum status bankdb_writer_open(const char *path, struct bankdb_writer **out, struct error *err)
{
	*out = NULL;
	struct bankdb_writer *w = xcalloc(1, sizeof *w);
	w->path = xstrdup(path);
	size_t n = strlen(path) + 5;
	w->tmp = xmalloc(n);
	snprintf(w->tmp, n, "%s.tmp", path);
	unlink(w->tmp);
	/* NOMUTEX: one thread writes; SQLite's locks were 1% of the build. */
	if (sqlite3_open_v2(w->tmp, &w->db,
	                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK) {
		S_fail(w->db, w->tmp, "cannot create the bank database", err);
		bankdb_writer_abort(w);
		return ST_DB;
	}
	/* A fresh file written in one transaction: no journal needed; a crash
	 * leaves only the .tmp file, which the next build removes. Pages of
	 * 16 KB hold a dozen questions each: a tenth faster to fill than 4 KB
	 * ones, and the file is smaller. */
	if (db_exec(w->db,
	            "PRAGMA page_size=16384; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
	            " BEGIN;",
	            "cannot start the bank build", err) != ST_OK ||
	    db_exec(w->db, S_schema, "cannot create the bank schema", err) != ST_OK) {
		bankdb_writer_abort(w);
		return ST_DB;
	}
	/* FTS5 keeps new terms in memory and writes a segment each time they
	 * pass its hash size (1 MB by default), merging segments as it goes:
	 * for a build that replaces the whole index, one large batch written
	 * once is a third faster, and the final optimize has nothing to merge. */
	sqlite3_exec(
	    w->db, "INSERT INTO question_text(question_text, rank) VALUES('hashsize', 134217728);",
	    NULL, NULL, NULL); /* only a speed-up: ignored where unknown */
	if (sqlite3_prepare_v2(w->db, "INSERT INTO bank VALUES (?, ?, ?)", -1, &w->add_bank,
	                       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(w->db,
	                       "INSERT INTO question (bank, id, section, chapter, difficulty, type,"
	                       " title, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	                       -1, &w->add_question, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(w->db,
	                       "INSERT INTO question_text (rowid, title, body) VALUES (?, ?, ?)",
	                       -1, &w->add_text, NULL) != SQLITE_OK) {
		S_fail(w->db, w->tmp, "cannot prepare the bank build", err);
		bankdb_writer_abort(w);
		return ST_DB;
	}
	*out = w;
	return ST_OK;
}

static enum status S_run(struct bankdb_writer *w, sqlite3_stmt *st, const char *what,
                         struct error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return S_fail(w->db, w->tmp, what, err);
	return ST_OK;
}

enum status bankdb_writer_add_bank(struct bankdb_writer *w, const char *id, const char *title,
                                   const char *path, struct error *err)
{
	sqlite3_bind_text(w->add_bank, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->add_bank, 2, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->add_bank, 3, path, -1, SQLITE_STATIC);
	return S_run(w, w->add_bank, "cannot add the bank", err);
}

enum status bankdb_writer_add(struct bankdb_writer *w, const struct bankdb_row *row,
                              struct error *err)
{
	sqlite3_stmt *q = w->add_question;
	sqlite3_bind_text(q, 1, row->bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, row->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, row->section, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 4, row->chapter);
	sqlite3_bind_int(q, 5, row->difficulty);
	sqlite3_bind_text(q, 6, row->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, row->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 8, row->source, (int)row->source_len, SQLITE_STATIC);
	if (S_run(w, q, "cannot add a question", err) != ST_OK)
		return ST_DB;
	sqlite3_bind_int64(w->add_text, 1, sqlite3_last_insert_rowid(w->db));
	sqlite3_bind_text(w->add_text, 2, row->title, -1, SQLITE_STATIC);
	if (row->text)
		sqlite3_bind_text(w->add_text, 3, row->text, (int)row->text_len, SQLITE_STATIC);
	else
		sqlite3_bind_text(w->add_text, 3, row->source, (int)row->source_len, SQLITE_STATIC);
	return S_run(w, w->add_text, "cannot index a question", err);
}

static void S_writer_free(struct bankdb_writer *w)
{
	sqlite3_finalize(w->add_bank);
	sqlite3_finalize(w->add_question);
	sqlite3_finalize(w->add_text);
	sqlite3_close(w->db);
	free(w->path);
	free(w->tmp);
	free(w);
}

enum status bankdb_writer_finish(struct bankdb_writer *w, struct error *err)
{
	/* Sorting 100,000 keys once costs a few milliseconds; keeping the index
	 * up to date row by row cost a sixth of the whole build. The builder has
	 * already refused duplicate ids; the index makes the file say so too. */
	if (db_exec(w->db,
	            "CREATE UNIQUE INDEX question_key ON question (bank, id);"
	            " INSERT INTO question_text(question_text) VALUES('optimize'); COMMIT;",
	            "cannot finish the bank build", err) != ST_OK) {
		bankdb_writer_abort(w);
		return ST_DB;
	}
	sqlite3_finalize(w->add_bank);
	sqlite3_finalize(w->add_question);
	sqlite3_finalize(w->add_text);
	w->add_bank = w->add_question = w->add_text = NULL;
	if (sqlite3_close(w->db) != SQLITE_OK) {
		w->db = NULL;
		error_set(err, ST_DB, w->tmp, "cannot close the new bank database");
		unlink(w->tmp);
		S_writer_free(w);
		return ST_DB;
	}
	w->db = NULL;
	enum status st = ST_OK;
	if (rename(w->tmp, w->path) != 0) {
		st = error_set(err, ST_IO, w->path, "cannot replace the bank database: %s",
		               strerror(errno));
		unlink(w->tmp);
	}
	S_writer_free(w);
	return st;
}

void bankdb_writer_abort(struct bankdb_writer *w)
{
	if (!w)
		return;
	if (w->db)
		sqlite3_exec(w->db, "ROLLBACK;", NULL, NULL, NULL);
	char *tmp = xstrdup(w->tmp);
	S_writer_free(w);
	unlink(tmp);
	free(tmp);
}

/* A row from the columns bank, id, section, chapter, difficulty, type,
 * title and, with source, source; strings borrowed from st. */
static struct bankdb_row S_row_of(sqlite3_stmt *st, bool source)
{
	return (struct bankdb_row){
	    .bank = (const char *)sqlite3_column_text(st, 0),
	    .id = (const char *)sqlite3_column_text(st, 1),
	    .section = (const char *)sqlite3_column_text(st, 2),
	    .chapter = sqlite3_column_int(st, 3),
	    .difficulty = sqlite3_column_int(st, 4),
	    .type = (const char *)sqlite3_column_text(st, 5),
	    .title = (const char *)sqlite3_column_text(st, 6),
	    .source = source ? (const char *)sqlite3_column_text(st, 7) : NULL,
	    .source_len = source ? (size_t)sqlite3_column_bytes(st, 7) : 0,
	};
}

static int S_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = 0;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return v;
}

static enum status S_open_read(const char *path, sqlite3 **db, struct error *err)
{
	if (access(path, R_OK) != 0)
		return error_set(err, ST_NOT_FOUND, path,
		                 "no bank database (run 'make' or 'studyterm bank build')");
	if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		enum status st = S_fail(*db, path, "cannot open the bank database", err);
		sqlite3_close(*db);
		*db = NULL;
		return st;
	}
	return ST_OK;
}

enum status bankdb_read(const char *path, bankdb_row_fn fn, void *ctx, struct error *err)
{
	sqlite3 *db;
	if (S_open_read(path, &db, err) != ST_OK)
		return err->status;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
	                       "SELECT bank, id, section, chapter, difficulty, type, title, source"
	                       " FROM question ORDER BY seq",
	                       -1, &st, NULL) != SQLITE_OK) {
		enum status s = S_fail(db, path, "not a studyterm bank database", err);
		sqlite3_close(db);
		return s;
	}
	enum status result = ST_OK;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bankdb_row row = S_row_of(st, true);
		if (!row.bank || !row.id || !row.section || !row.type || !row.title || !row.source)
			continue;
		result = fn(ctx, &row);
		if (result != ST_OK)
			break;
	}
	if (result == ST_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		result = S_fail(db, path, "cannot read the bank database", err);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return result;
}

/* Appends text as an FTS5 string, which FTS5 splits into words with the
 * index's tokenizer and matches as a phrase. */
static void S_fts_string(const char *text, size_t len, bool prefix, struct buf *out)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '"')
			buf_putc(out, '"'); /* FTS5 quotes a quote by doubling it */
		buf_putc(out, text[i]);
	}
	buf_puts(out, prefix ? "\" *" : "\"");
}

/* Appends the FTS5 term for one typed word (prefix: the learner typed a
 * '*' after it), or for the words of a quoted phrase (exact: looked up as
 * written, in that order). A single word is looked up by the part it
 * shares with its stem, as a prefix: "migrations" and "migrate" both
 * become "migrat*", "query" becomes "quer*". Below three letters that
 * would find too much, so the word itself is looked up. A word the
 * tokenizer splits ("db.session") is a phrase. Returns false when it has
 * no letters or digits. */
static bool S_word(struct stemmer *st, const char *text, size_t len, bool prefix, bool exact,
                   struct buf *out)
{
	struct buf folded = {0}, stems = {0};
	stemmer_append(st, text, len, false, &folded);
	stemmer_append(st, text, len, true, &stems);
	bool any = folded.len > 0;
	const char *space = any ? memchr(folded.data, ' ', folded.len) : NULL;
	if (!any) {
		/* nothing to look for */
	} else if (exact || (space && (size_t)(space - folded.data) + 1 < folded.len)) {
		S_fts_string(text, len, prefix, out); /* as written */
	} else {
		size_t word = folded.len - 1, shared = 0;
		while (shared < word && shared < stems.len &&
		       folded.data[shared] == stems.data[shared])
			shared++;
		if (shared >= 3 && !prefix)
			S_fts_string(folded.data, shared, true, out);
		else
			S_fts_string(folded.data, word, prefix, out);
	}
	buf_free(&folded);
	buf_free(&stems);
	return any;
}

enum status bankdb_match_expr(const char *query, char **out, struct error *err)
{
	*out = NULL;
	struct stemmer *st;
	if (stemmer_open(&st, err) != ST_OK)
		return err->status;
	struct buf want = {0}, exclude = {0};
	size_t n_want = 0;
	for (const char *p = query; *p;) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		bool negative = *p == '-' && p[1] && p[1] != ' ' && p[1] != '\t';
		if (negative)
			p++;
		const char *start = p, *end;
		bool quoted = *p == '"';
		if (quoted) {
			start = ++p;
			while (*p && *p != '"')
				p++;
			end = p;
			if (*p)
				p++;
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '"')
				p++;
			end = p;
		}
		bool prefix = !quoted && end > start && end[-1] == '*';
		if (prefix)
			end--;
		struct buf *to = negative ? &exclude : &want;
		size_t mark = to->len;
		if (negative)
			buf_puts(to, " NOT ");
		else if (to->len)
			buf_putc(to, ' ');
		if (!S_word(st, start, (size_t)(end - start), prefix, quoted, to))
			buf_truncate(to, mark); /* punctuation only: nothing to look for */
		else if (!negative)
			n_want++;
	}
	stemmer_close(st);
	enum status result = ST_OK;
	if (!n_want) {
		result = error_set(err, ST_INVALID, "", "search '%s': no word to look for", query);
		buf_free(&want);
	} else if (exclude.len) {
		/* NOT binds tighter than AND in FTS5: bracket the wanted words. */
		struct buf both = {0};
		buf_printf(&both, "(%s)%s", buf_cstr(&want), buf_cstr(&exclude));
		buf_free(&want);
		*out = buf_detach(&both);
	} else {
		*out = buf_detach(&want);
	}
	buf_free(&exclude);
	return result;
}

enum status bankdb_search(const char *path, const char *query, size_t limit, bankdb_hit_fn fn,
                          void *ctx, struct error *err)
{
	char *expr;
	if (bankdb_match_expr(query, &expr, err) != ST_OK)
		return err->status;
	sqlite3 *db;
	if (S_open_read(path, &db, err) != ST_OK) {
		free(expr);
		return err->status;
	}
	if (S_version(db) < S_VERSION) {
		free(expr);
		sqlite3_close(db);
		return error_set(err, ST_INVALID, path,
		                 "this bank was built by an older studyterm: rebuild it ('make' or "
		                 "'studyterm bank build')");
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
	                       "SELECT q.bank, q.id, q.section, q.chapter, q.difficulty, q.type,"
	                       " q.title FROM question_text t JOIN question q ON q.seq = t.rowid"
	                       " WHERE question_text MATCH ?"
	                       " ORDER BY bm25(question_text, 4.0, 1.0), q.seq LIMIT ?",
	                       -1, &st, NULL) != SQLITE_OK) {
		enum status s = S_fail(db, path, "cannot search the bank", err);
		free(expr);
		sqlite3_close(db);
		return s;
	}
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bankdb_row row = S_row_of(st, false);
		if (row.bank && row.id && row.section && row.type && row.title)
			fn(ctx, &row);
	}
	enum status result = ST_OK;
	if (rc != SQLITE_DONE)
		result =
		    error_set(err, ST_INVALID, path, "search '%s': %s", query, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(expr);
	return result;
}
