/* Unit tests for sandbox/console: statements fed line by line, the output
 * modes, dot-commands, errors with their lines, the end of input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "sandbox/console.h"

struct S_run {
	struct buf out, err;
	bool more, quit;
};

/* Feeds every line of script (lines separated by '\n'), then the end. */
static void S_feed(struct console *c, const char *script, struct S_run *r)
{
	memset(r, 0, sizeof *r);
	char *copy = strdup(script);
	/* Line by line, empty lines too (they count for error lines). */
	for (char *line = copy; line && !r->quit;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		r->more = console_feed(c, line, &r->out, &r->err, &r->quit);
		line = nl ? nl + 1 : NULL;
	}
	free(copy);
}

static void S_free(struct S_run *r)
{
	buf_free(&r->out);
	buf_free(&r->err);
}

static void S_open(struct console *c, enum console_mode mode)
{
	struct error err;
	assert_int_equal(console_open(c, "data/sandbox", "ponies", mode, &err), ST_OK);
}

static void test_list_mode_prints_like_the_shell(void **state)
{
	(void)state;
	struct console c;
	S_open(&c, CONSOLE_LIST);
	struct S_run r;
	S_feed(&c, "select id, name, owner_id from ponies where id in (5, 9) order by id;", &r);
	assert_string_equal(buf_cstr(&r.out), "5|Hazel|\n9|Maple|7\n");
	assert_string_equal(buf_cstr(&r.err), "");
	S_free(&r);
	S_feed(&c, "select 2.0, 1e20, -0.0, 1/4.0, 7;", &r);
	assert_string_equal(buf_cstr(&r.out), "2.0|1.0e+20|0.0|0.25|7\n");
	S_free(&r);
	S_feed(&c, ".headers on\nselect 1 as a, 'x|y' as b;", &r);
	assert_string_equal(buf_cstr(&r.out), "a|b\n1|x|y\n");
	S_free(&r);
	console_close(&c);
}

static void test_statements_span_lines_and_share_them(void **state)
{
	(void)state;
	struct console c;
	S_open(&c, CONSOLE_LIST);
	struct S_run r;
	S_feed(&c, "select\n  count(*)\nfrom owners", &r);
	assert_true(r.more); /* waiting for its ';' */
	assert_string_equal(buf_cstr(&r.out), "");
	r.more = console_feed(&c, "where city is null;", &r.out, &r.err, NULL);
	assert_false(r.more);
	assert_string_equal(buf_cstr(&r.out), "2\n");
	S_free(&r);
	/* Two statements on a line, a ';' inside a string, a comment. */
	S_feed(&c, "select 'a;b'; select 2; -- done", &r);
	assert_string_equal(buf_cstr(&r.out), "a;b\n2\n");
	S_free(&r);
	console_close(&c);
}

static void test_errors_name_their_line_and_count(void **state)
{
	(void)state;
	struct console c;
	S_open(&c, CONSOLE_LIST);
	struct S_run r;
	S_feed(&c, "select 1;\n\nselect *\n from nope;\nselect 3;", &r);
	assert_string_equal(buf_cstr(&r.out), "1\n3\n");
	assert_string_equal(buf_cstr(&r.err), "Error near line 3: no such table: nope\n");
	assert_int_equal(c.errors, 1);
	S_free(&r);
	/* Refused by the sandbox: the message says so. */
	S_feed(&c, "attach 'x.db' as x;", &r);
	assert_non_null(strstr(buf_cstr(&r.err), "Error near line 6: "));
	assert_int_equal(c.errors, 2);
	S_free(&r);
	S_feed(&c, ".nosuch", &r);
	assert_string_equal(buf_cstr(&r.err),
	                    "Error near line 7: unknown command or invalid arguments: \"nosuch\" "
	                    "(.help lists them)\n");
	S_free(&r);
	console_close(&c);
}

static void test_modes(void **state)
{
	(void)state;
	struct console c;
	S_open(&c, CONSOLE_LIST);
	struct S_run r;
	S_feed(&c, ".mode csv\nselect 'he said \"hi\"', 'a,b', null, 3;", &r);
	assert_string_equal(buf_cstr(&r.out), "\"he said \"\"hi\"\"\",\"a,b\",,3\r\n");
	S_free(&r);
	S_feed(&c, ".mode line\nselect 1 as a, null as longname union all select 2, 'x';", &r);
	assert_string_equal(buf_cstr(&r.out),
	                    "       a = 1\nlongname = \n\n       a = 2\nlongname = x\n");
	S_free(&r);
	S_feed(&c, ".mode box\nselect name, city from owners where id = 4;", &r);
	assert_string_equal(buf_cstr(&r.out), "┌───────────┬──────┐\n"
	                                      "│ name      │ city │\n"
	                                      "├───────────┼──────┤\n"
	                                      "│ Dev Patel │ NULL │\n"
	                                      "└───────────┴──────┘\n");
	S_free(&r);
	S_feed(&c, ".mode tree", &r);
	assert_non_null(strstr(buf_cstr(&r.err), "modes are box, csv, line and list"));
	S_free(&r);
	/* A statement without rows prints nothing in any mode. */
	S_feed(&c, "create table t (x);", &r);
	assert_string_equal(buf_cstr(&r.out), "");
	S_free(&r);
	S_feed(&c, ".timer on\nselect 1;", &r);
	assert_non_null(strstr(buf_cstr(&r.out), "Run Time: real 0."));
	S_free(&r);
	console_close(&c);
}

static void test_dot_commands(void **state)
{
	(void)state;
	struct console c;
	S_open(&c, CONSOLE_LIST);
	struct S_run r;
	S_feed(&c, ".tables", &r);
	assert_string_equal(buf_cstr(&r.out),
	                    "handlers       owners         ponies         pony_handlers\n");
	S_free(&r);
	S_feed(&c, ".schema OWNERS", &r);
	assert_true(strncmp(buf_cstr(&r.out), "CREATE TABLE owners (", 21) == 0);
	assert_null(strstr(buf_cstr(&r.out), "ponies"));
	S_free(&r);
	S_feed(&c, ".schema nope", &r);
	assert_non_null(strstr(buf_cstr(&r.err), "no table named nope"));
	S_free(&r);
	S_feed(&c, ".datasets", &r);
	assert_non_null(strstr(buf_cstr(&r.out), "ponies  (loaded)\n"));
	S_free(&r);
	/* Changes are the learner's until .reset starts again. */
	S_feed(&c, "delete from pony_handlers;\nselect count(*) from pony_handlers;", &r);
	assert_string_equal(buf_cstr(&r.out), "0\n");
	S_free(&r);
	S_feed(&c, ".reset\nselect count(*) from pony_handlers;", &r);
	assert_string_equal(buf_cstr(&r.out), "started again on ponies\n20\n");
	S_free(&r);
	S_feed(&c, ".load nosuch", &r);
	assert_non_null(strstr(buf_cstr(&r.err), "Error near line"));
	assert_string_equal(c.dataset, "ponies"); /* still on the old one */
	S_free(&r);
	S_feed(&c, ".help", &r);
	assert_non_null(strstr(buf_cstr(&r.out), ".mode MODE"));
	S_free(&r);
	S_feed(&c, ".quit\nselect 1;", &r);
	assert_true(r.quit);
	assert_string_equal(buf_cstr(&r.out), "");
	S_free(&r);
	console_close(&c);
}

static void test_er_and_plan(void **state)
{
	(void)state;
	struct console c;
	S_open(&c, CONSOLE_LIST);
	struct S_run r;
	S_feed(&c, ".er", &r);
	assert_non_null(strstr(buf_cstr(&r.out), "┌─ owners "));
	assert_non_null(strstr(buf_cstr(&r.out), "ponies *──* handlers through pony_handlers"));
	S_free(&r);
	S_feed(&c, ".plan select name from ponies where id = 3", &r);
	assert_string_equal(buf_cstr(&r.out),
	                    "QUERY PLAN\n└── SEARCH ponies USING INTEGER PRIMARY KEY (rowid=?)\n");
	S_free(&r);
	S_feed(&c, ".plan\n.plan select * from nope", &r);
	assert_non_null(strstr(buf_cstr(&r.err), "which query?"));
	assert_non_null(strstr(buf_cstr(&r.err), "no such table: nope"));
	S_free(&r);
	console_close(&c);
	struct error err;
	assert_int_equal(console_open(&c, "data/sandbox", NULL, CONSOLE_LIST, &err), ST_OK);
	S_feed(&c, ".er", &r);
	assert_non_null(strstr(buf_cstr(&r.out), "no tables yet"));
	S_free(&r);
	console_close(&c);
}

static void test_full_text_tables_work(void **state)
{
	(void)state;
	struct console c;
	S_open(&c, CONSOLE_LIST);
	struct S_run r;
	/* FTS5 reads PRAGMA data_version: the sandbox lets that through. */
	S_feed(&c,
	       "create virtual table notes using fts5(body);\n"
	       "insert into notes values ('the stable is full'), ('a quiet day');\n"
	       "select body from notes where notes match 'stable';",
	       &r);
	assert_string_equal(buf_cstr(&r.err), "");
	assert_string_equal(buf_cstr(&r.out), "the stable is full\n");
	S_free(&r);
	console_close(&c);
}

static void test_end_of_input_runs_what_is_left(void **state)
{
	(void)state;
	struct console c;
	S_open(&c, CONSOLE_LIST);
	struct S_run r;
	S_feed(&c, "select 40 + 2", &r);
	assert_true(r.more);
	console_finish(&c, &r.out, &r.err);
	assert_string_equal(buf_cstr(&r.out), "42\n");
	S_free(&r);
	S_feed(&c, "select 'open string", &r);
	console_finish(&c, &r.out, &r.err);
	assert_non_null(strstr(buf_cstr(&r.err), "incomplete SQL"));
	S_free(&r);
	console_close(&c);
}

static void test_open_refuses_a_bad_dataset(void **state)
{
	(void)state;
	struct console c;
	struct error err;
	assert_int_not_equal(console_open(&c, "data/sandbox", "../etc", CONSOLE_LIST, &err), ST_OK);
	assert_int_equal(console_open(&c, "data/sandbox", NULL, CONSOLE_LIST, &err), ST_OK);
	struct S_run r;
	S_feed(&c, ".tables\nselect 1;", &r);
	assert_string_equal(buf_cstr(&r.out), "1\n"); /* an empty database */
	S_free(&r);
	console_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_list_mode_prints_like_the_shell),
	    cmocka_unit_test(test_statements_span_lines_and_share_them),
	    cmocka_unit_test(test_errors_name_their_line_and_count),
	    cmocka_unit_test(test_modes),
	    cmocka_unit_test(test_dot_commands),
	    cmocka_unit_test(test_er_and_plan),
	    cmocka_unit_test(test_full_text_tables_work),
	    cmocka_unit_test(test_end_of_input_runs_what_is_left),
	    cmocka_unit_test(test_open_refuses_a_bad_dataset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
