/* Unit tests for md/layout: wrapping, widths, positions, headings, tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "md/doc.h"
#include "md/layout.h"

static struct md_layout *S_lay(const char *md, int width)
{
	struct md_doc *doc = md_doc_parse(md, strlen(md));
	struct md_layout *l = md_layout_build(doc, width);
	md_doc_free(doc);
	return l;
}

/* All lines joined with '\n', for comparisons. */
static char *S_text(const struct md_layout *l)
{
	struct buf b = {0};
	for (size_t i = 0; i < l->nlines; i++) {
		buf_append(&b, l->lines[i].text, l->lines[i].len);
		buf_putc(&b, '\n');
	}
	return buf_detach(&b);
}

static void S_assert_fits(const struct md_layout *l, int width)
{
	for (size_t i = 0; i < l->nlines; i++) {
		assert_true(l->lines[i].width <= (uint32_t)width);
		assert_int_equal(l->lines[i].width, utf8_width(l->lines[i].text, l->lines[i].len));
	}
}

static void test_paragraph_wraps_on_words(void **state)
{
	(void)state;
	struct md_layout *l = S_lay("one two three four five six seven", 10);
	char *t = S_text(l);
	assert_string_equal(t, "one two\nthree four\nfive six\nseven\n");
	S_assert_fits(l, 10);
	free(t);
	md_layout_free(l);
}

static void test_long_word_is_broken_not_cut(void **state)
{
	(void)state;
	struct md_layout *l = S_lay("abcdefghijklmnopqrstuvwxyz", 10);
	char *t = S_text(l);
	assert_string_equal(t, "abcdefghij\nklmnopqrst\nuvwxyz\n");
	free(t);
	md_layout_free(l);
}

static void test_wide_characters_measured_as_two(void **state)
{
	(void)state;
	struct md_layout *l = S_lay("日本語日本語日本語", 8);
	char *t = S_text(l);
	assert_string_equal(t, "日本語日\n本語日本\n語\n");
	S_assert_fits(l, 8);
	free(t);
	md_layout_free(l);
}

static void test_combining_marks_take_no_column(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("e\xcc\x81", 3), 1);
	struct md_layout *l = S_lay("cafe\xcc\x81 cafe\xcc\x81", 9);
	assert_int_equal(l->nlines, 1);
	assert_int_equal(l->lines[0].width, 9);
	md_layout_free(l);
}

static void test_spans_cover_styles(void **state)
{
	(void)state;
	struct md_layout *l = S_lay("a *b* **c** `d` [e](#x)", 80);
	const struct md_line *line = &l->lines[0];
	assert_string_equal(line->text, "a b c d e");
	int seen_emph = 0, seen_strong = 0, seen_code = 0, seen_link = 0;
	for (uint32_t i = 0; i < line->nspans; i++) {
		const struct md_span *s = &line->spans[i];
		char c = line->text[s->start];
		if (c == 'b')
			seen_emph = (s->attrs & MD_ATTR_EMPH) != 0;
		if (c == 'c')
			seen_strong = (s->attrs & MD_ATTR_STRONG) != 0;
		if (c == 'd')
			seen_code = s->style == MD_STYLE_CODE;
		if (c == 'e') {
			seen_link = s->style == MD_STYLE_LINK && s->link >= 0;
			assert_string_equal(l->links[s->link], "#x");
		}
	}
	assert_true(seen_emph && seen_strong && seen_code && seen_link);
	md_layout_free(l);
}

static void test_headings_keep_numbers_and_anchor(void **state)
{
	(void)state;
	struct md_layout *l =
	    S_lay("# 5 Databases\n\ntext\n\n## 5.6 Migrations with Flask-Migrate\n\n"
	          "### Batch mode\n",
	          80);
	assert_int_equal(l->nheadings, 3);
	assert_string_equal(l->headings[0].number, "5");
	assert_string_equal(l->headings[1].number, "5.6");
	assert_string_equal(l->headings[1].title, "Migrations with Flask-Migrate");
	assert_string_equal(l->headings[1].anchor, "56-migrations-with-flask-migrate");
	assert_null(l->headings[2].number);
	assert_string_equal(l->lines[l->headings[1].line].text,
	                    "5.6 Migrations with Flask-Migrate");
	assert_int_equal(md_layout_find_heading(l, "#5.6"), 1);
	assert_int_equal(md_layout_find_heading(l, "#5-6"), 1);
	assert_int_equal(md_layout_find_heading(l, "5"), 0);
	assert_int_equal(md_layout_find_heading(l, "#batch-mode"), 2);
	assert_int_equal(md_layout_find_heading(l, "#5.7"), -1);
	assert_int_equal(md_layout_heading_for_line(l, l->nlines - 1, 2), 1);
	md_layout_free(l);
}

static void test_positions_survive_width_change(void **state)
{
	(void)state;
	const char *md =
	    "# T\n\nalpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu\n\n"
	    "second paragraph here\n";
	struct md_layout *wide = S_lay(md, 80), *narrow = S_lay(md, 12);
	for (size_t i = 1; i < narrow->nlines; i++)
		assert_true(md_pos_compare(narrow->lines[i - 1].pos, narrow->lines[i].pos) <= 0);
	/* The narrow line that starts with "kappa" is found again from its position. */
	size_t k = 0;
	while (k < narrow->nlines && strncmp(narrow->lines[k].text, "iota", 4) != 0)
		k++;
	assert_true(k < narrow->nlines);
	struct md_pos p = narrow->lines[k].pos;
	size_t w = md_layout_line_at(wide, p);
	assert_non_null(strstr(wide->lines[w].text, "iota"));
	size_t back = md_layout_line_at(narrow, p);
	assert_int_equal(back, k);
	md_layout_free(wide);
	md_layout_free(narrow);
}

static void test_table_fits_and_keeps_text(void **state)
{
	(void)state;
	const char *md = "| Command | What it does |\n|--|--|\n"
	                 "| flask db upgrade | applies every pending revision up to head |\n";
	for (int w = 8; w <= 120; w++) {
		struct md_layout *l = S_lay(md, w);
		S_assert_fits(l, w);
		char *t = S_text(l);
		/* No text is cut: every letter of the cells is somewhere in the output. */
		size_t letters = 0;
		for (const char *p = t; *p; p++)
			letters += (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
		assert_int_equal(
		    letters,
		    strlen("CommandWhatitdoesflaskdbupgradeapplieseverypendingrevisionuptohead"));
		free(t);
		md_layout_free(l);
	}
}

static void test_table_alignment(void **state)
{
	(void)state;
	struct md_layout *l =
	    S_lay("| l | c | r |\n|:--|:-:|--:|\n| a | b | c |\n| long | long | long |\n", 80);
	char *t = S_text(l);
	assert_non_null(strstr(t, "│ a    │  b   │    c │"));
	free(t);
	md_layout_free(l);
}

static void test_narrow_table_becomes_records(void **state)
{
	(void)state;
	struct md_layout *l =
	    S_lay("| Name | Owner | Colour |\n|--|--|--|\n| Bella | Ann | grey |\n", 20);
	char *t = S_text(l);
	assert_non_null(strstr(t, "Name: Bella"));
	assert_non_null(strstr(t, "Colour: grey"));
	free(t);
	md_layout_free(l);
}

static void test_code_block_lines_and_label(void **state)
{
	(void)state;
	struct md_layout *l = S_lay("```python fragment\nx = 1\n\ty = 2\n```\n", 40);
	char *t = S_text(l);
	assert_string_equal(t, "python\n  x = 1\n      y = 2\n");
	free(t);
	md_layout_free(l);
}

static void test_deep_nesting_never_overflows(void **state)
{
	(void)state;
	struct buf b = {0};
	for (int i = 0; i < 3000; i++)
		buf_puts(&b, "> ");
	buf_puts(&b, "deep text that goes on and on");
	for (int w = 8; w <= 40; w += 8) {
		struct md_layout *l = S_lay(buf_cstr(&b), w);
		S_assert_fits(l, w);
		char *t = S_text(l);
		assert_non_null(strstr(t, "deep"));
		free(t);
		md_layout_free(l);
	}
	buf_free(&b);
}

static void test_lists_markers(void **state)
{
	(void)state;
	struct md_layout *l = S_lay("- a\n  - b\n\n8. x\n9. y\n10. z\n\n- [x] done\n", 40);
	char *t = S_text(l);
	assert_string_equal(t, "• a\n  ◦ b\n\n 8. x\n 9. y\n10. z\n\n☑ done\n");
	free(t);
	md_layout_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_paragraph_wraps_on_words),
	    cmocka_unit_test(test_long_word_is_broken_not_cut),
	    cmocka_unit_test(test_wide_characters_measured_as_two),
	    cmocka_unit_test(test_combining_marks_take_no_column),
	    cmocka_unit_test(test_spans_cover_styles),
	    cmocka_unit_test(test_headings_keep_numbers_and_anchor),
	    cmocka_unit_test(test_positions_survive_width_change),
	    cmocka_unit_test(test_table_fits_and_keeps_text),
	    cmocka_unit_test(test_table_alignment),
	    cmocka_unit_test(test_narrow_table_becomes_records),
	    cmocka_unit_test(test_code_block_lines_and_label),
	    cmocka_unit_test(test_deep_nesting_never_overflows),
	    cmocka_unit_test(test_lists_markers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
