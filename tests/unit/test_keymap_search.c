/* Unit tests for the keymap table and for search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md/doc.h"
#include "md/layout.h"
#include "md/search.h"
#include "tui/keymap.h"

static void test_lookup_by_context_then_global(void **state)
{
	(void)state;
	assert_int_equal(keymap_lookup(KEYCTX_READER, 'j'), REQ_DOWN);
	assert_int_equal(keymap_lookup(KEYCTX_READER, KEY_NPAGE), REQ_PAGE_DOWN);
	assert_int_equal(keymap_lookup(KEYCTX_READER, '/'), REQ_SEARCH);
	assert_int_equal(keymap_lookup(KEYCTX_READER, '?'), REQ_HELP);
	assert_int_equal(keymap_lookup(KEYCTX_HOME, 'q'), REQ_QUIT);
	assert_int_equal(keymap_lookup(KEYCTX_LIST, 27), REQ_QUIT);
	assert_int_equal(keymap_lookup(KEYCTX_HOME, 'z'), REQ_NONE);
}

struct seen {
	int count;
	int has_help_text;
};

static void S_count(void *ctx, enum request req, const char *keys, const char *help)
{
	struct seen *s = ctx;
	(void)req;
	s->count++;
	if (help[0] && keys[0])
		s->has_help_text++;
}

static void test_every_binding_documented(void **state)
{
	(void)state;
	for (int c = 0; c < KEYCTX_COUNT; c++) {
		struct seen s = {0, 0};
		keymap_each((enum keyctx)c, S_count, &s);
		assert_true(s.count > 0);
		assert_int_equal(s.count, s.has_help_text);
	}
}

static void test_man_output_lists_keys(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	keymap_write_man(f);
	fclose(f);
	assert_non_null(strstr(text, ".SS Reader"));
	assert_non_null(strstr(text, ".B j, Down, Ctrl\\-E"));
	assert_non_null(strstr(text, "Search this chapter"));
	free(text);
}

static void test_search_smart_case(void **state)
{
	(void)state;
	const char *md = "Flask and flask and FLASK.\n\nAnother flask line.\n";
	struct md_doc *doc = md_doc_parse(md, strlen(md));
	struct md_layout *l = md_layout_build(doc, 80);
	struct md_match *m;
	assert_int_equal(md_search(l, "flask", &m), 4);
	assert_int_equal(m[0].start, 0);
	assert_int_equal(m[3].line, 2);
	free(m);
	assert_int_equal(md_search(l, "Flask", &m), 1);
	free(m);
	assert_int_equal(md_search(l, "nothing", &m), 0);
	assert_null(m);
	assert_int_equal(md_search(l, "", &m), 0);
	md_layout_free(l);
	md_doc_free(doc);
}

static void test_search_next_wraps(void **state)
{
	(void)state;
	struct md_match m[] = {{2, 0, 1}, {5, 0, 1}, {9, 0, 1}};
	assert_int_equal(md_search_next(m, 3, 0, 1), 0);
	assert_int_equal(md_search_next(m, 3, 6, 1), 2);
	assert_int_equal(md_search_next(m, 3, 10, 1), 0);
	assert_int_equal(md_search_next(m, 3, 6, 0), 1);
	assert_int_equal(md_search_next(m, 3, 1, 0), 2);
	assert_int_equal(md_search_next(m, 0, 1, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lookup_by_context_then_global),
	    cmocka_unit_test(test_every_binding_documented),
	    cmocka_unit_test(test_man_output_lists_keys),
	    cmocka_unit_test(test_search_smart_case),
	    cmocka_unit_test(test_search_next_wraps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
