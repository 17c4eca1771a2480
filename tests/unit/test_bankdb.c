/* Unit tests for store/bankdb and store/stemmer: the compiled bank file,
 * its search index, and how a typed query becomes an FTS5 expression. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "store/bankdb.h"
#include "store/stemmer.h"

static char S_path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(S_path, sizeof S_path, "/tmp/studyterm-bankdb-XXXXXX");
	int fd = mkstemp(S_path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(S_path);
	return 0;
}

static void S_expect_expr(const char *query, const char *want)
{
	char *got = NULL;
	struct error err;
	assert_int_equal(bankdb_match_expr(query, &got, &err), ST_OK);
	assert_string_equal(got, want);
	free(got);
}

static void test_words_become_stem_prefixes(void **state)
{
	(void)state;
	S_expect_expr("migrations", "\"migrat\" *");
	S_expect_expr("Migrate", "\"migrat\" *");
	S_expect_expr("query", "\"quer\" *"); /* the stem "queri" is no prefix of "query" */
	S_expect_expr("db", "\"db\"");        /* too short to be a prefix */
	S_expect_expr("migr*", "\"migr\" *"); /* typed as a prefix: kept as typed */
	S_expect_expr("Éclair", "\"eclair\" *");
}

static void test_phrases_exclusions_and_several_words(void **state)
{
	(void)state;
	S_expect_expr("\"flask db upgrade\"", "\"flask db upgrade\"");
	S_expect_expr("db.session", "\"db.session\""); /* split by the tokenizer: a phrase */
	S_expect_expr("cascade  delete", "\"cascad\" * \"delet\" *");
	S_expect_expr("upgrade -revision", "(\"upgrad\" *) NOT \"revis\" *");
	S_expect_expr("say \"it\"\"s\"", "\"say\" \"it\" \"s\""); /* stem "sai": too short */
	S_expect_expr("a-b", "\"a-b\"");
	S_expect_expr("x ... y", "\"x\" \"y\""); /* punctuation alone is dropped */
	S_expect_expr("cascade -...", "\"cascad\" *");
	S_expect_expr("cascade ...", "\"cascad\" *");
}

static void test_queries_without_words_are_refused(void **state)
{
	(void)state;
	char *got = (char *)"untouched";
	struct error err;
	assert_int_equal(bankdb_match_expr("...", &got, &err), ST_INVALID);
	assert_null(got);
	assert_non_null(strstr(err.message, "no word to look for"));
	assert_int_equal(bankdb_match_expr("-only", &got, &err), ST_INVALID);
	assert_int_equal(bankdb_match_expr("", &got, &err), ST_INVALID);
	assert_int_equal(bankdb_match_expr("\"\"", &got, &err), ST_INVALID);
}

static void test_stemmer_folds_and_stems(void **state)
{
	(void)state;
	struct stemmer *st;
	struct error err;
	assert_int_equal(stemmer_open(&st, &err), ST_OK);
	struct buf out = {0};
	stemmer_append(st, "Running the Migrations, naïvely!", 32, false, &out);
	assert_string_equal(buf_cstr(&out), "running the migrations naively ");
	out.len = 0;
	stemmer_append(st, "Running the Migrations", 22, true, &out);
	assert_string_equal(buf_cstr(&out), "run the migrat ");
	out.len = 0;
	stemmer_append(st, "--- ***", 7, true, &out);
	assert_int_equal(out.len, 0);
	buf_free(&out);
	stemmer_close(st);
}

/* A small bank written through the writer, then searched. */
struct S_hits {
	char ids[8][32];
	size_t n;
};

static void S_collect(void *ctx, const struct bankdb_row *row)
{
	struct S_hits *h = ctx;
	if (h->n < 8)
		snprintf(h->ids[h->n++], sizeof h->ids[0], "%s/%s", row->bank, row->id);
}

static void S_add(struct bankdb_writer *w, const char *id, const char *title, const char *body)
{
	char source[512];
	snprintf(source, sizeof source, "## %s\nid: %s · section: 1.1\n\n%s\n", title, id, body);
	struct bankdb_row row = {.bank = "b",
	                         .id = id,
	                         .section = "1.1",
	                         .type = "single",
	                         .title = title,
	                         .chapter = 1,
	                         .difficulty = 1,
	                         .source = source,
	                         .source_len = strlen(source),
	                         .text = strstr(source, "\n\n") + 2};
	row.text_len = strlen(row.text);
	struct error err;
	assert_int_equal(bankdb_writer_add(w, &row, &err), ST_OK);
}

static void S_search(const char *query, struct S_hits *h)
{
	struct error err;
	memset(h, 0, sizeof *h);
	assert_int_equal(bankdb_search(S_path, query, 8, S_collect, h, &err), ST_OK);
}

static void test_search_ranks_titles_first_and_indexes_no_metadata(void **state)
{
	(void)state;
	struct bankdb_writer *w;
	struct error err;
	assert_int_equal(bankdb_writer_open(S_path, &w, &err), ST_OK);
	assert_int_equal(bankdb_writer_add_bank(w, "b", "Bank", NULL, &err), ST_OK);
	S_add(w, "body-only", "Something else", "You migrate the database with a command.");
	S_add(w, "in-title", "Applying migrations", "Which command applies them?");
	S_add(w, "unrelated", "Sessions", "A session holds pending objects.");
	assert_int_equal(bankdb_writer_finish(w, &err), ST_OK);

	struct S_hits h;
	S_search("migration", &h);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.ids[0], "b/in-title");
	assert_string_equal(h.ids[1], "b/body-only");
	S_search("\"pending objects\"", &h);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.ids[0], "b/unrelated");
	S_search("\"objects pending\"", &h);
	assert_int_equal(h.n, 0);
	S_search("section", &h); /* the metadata line is not indexed */
	assert_int_equal(h.n, 0);
	S_search("command -database", &h);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.ids[0], "b/in-title");

	/* The file says (bank, id) is unique even though the builder checks first. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(S_path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db,
	                                  "INSERT INTO question (bank, id, section, chapter,"
	                                  " difficulty, type, title, source) VALUES ('b',"
	                                  " 'unrelated', '1.1', 1, 1, 'single', 't', 's')",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
	sqlite3_close(db);
}

static void test_search_refuses_an_old_bank_file(void **state)
{
	(void)state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(S_path, &db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(db,
	                 "PRAGMA user_version=1; CREATE TABLE question (seq INTEGER"
	                 " PRIMARY KEY, bank, id, section, chapter, difficulty, type,"
	                 " title, source); CREATE VIRTUAL TABLE question_text USING"
	                 " fts5(title, body, content='', tokenize='porter unicode61');",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	struct S_hits h = {0};
	struct error err;
	assert_int_equal(bankdb_search(S_path, "migration", 8, S_collect, &h, &err), ST_INVALID);
	assert_non_null(strstr(err.message, "rebuild it"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_words_become_stem_prefixes),
	    cmocka_unit_test(test_phrases_exclusions_and_several_words),
	    cmocka_unit_test(test_queries_without_words_are_refused),
	    cmocka_unit_test(test_stemmer_folds_and_stems),
	    cmocka_unit_test_setup_teardown(test_search_ranks_titles_first_and_indexes_no_metadata,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_search_refuses_an_old_bank_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
