/* Unit tests for md/chart: exact lines for small cases (bar lengths in
 * eighths, the marker, heatmap shading by quartile and week columns, the
 * pass line and points of a series, column heights), and for every chart
 * at 40, 80 and 120 columns and at every width from 1 to 130: no line wider
 * than asked, widths measured right, spans covering the text on UTF-8
 * boundaries, no trailing spaces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "md/chart.h"

/* Every line of c is well formed and at most width columns wide. */
static void S_check(const struct md_chart *c, int width)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct md_line *l = &c->lines[i];
		assert_non_null(l->text);
		assert_int_equal(l->len, strlen(l->text));
		assert_int_equal(l->width, utf8_width(l->text, l->len));
		if ((int)l->width > width)
			fail_msg("line %zu is %u columns, more than %d: '%s'", i, l->width, width,
			         l->text);
		if (l->len)
			assert_true(l->text[l->len - 1] != ' ');
		uint32_t at = 0;
		for (uint32_t k = 0; k < l->nspans; k++) {
			const struct md_span *s = &l->spans[k];
			assert_int_equal(s->start, at); /* contiguous, from 0 */
			assert_true(s->end > s->start);
			assert_true(s->end <= l->len);
			assert_true(s->style < MD_STYLE_COUNT);
			assert_int_equal(s->link, -1);
			/* on UTF-8 boundaries: no span starts or ends inside a character */
			assert_true(((unsigned char)l->text[s->start] & 0xC0) != 0x80);
			assert_true(s->end == l->len ||
			            ((unsigned char)l->text[s->end] & 0xC0) != 0x80);
			at = s->end;
		}
		assert_int_equal(at, l->len);
	}
}

/* The style of the span holding byte `at` of line i. */
static int S_style_at(const struct md_chart *c, size_t i, uint32_t at)
{
	for (uint32_t k = 0; k < c->lines[i].nspans; k++)
		if (c->lines[i].spans[k].start <= at && at < c->lines[i].spans[k].end)
			return c->lines[i].spans[k].style;
	return -1;
}

static void S_line_is(const struct md_chart *c, size_t i, const char *expected)
{
	assert_true(i < c->n);
	assert_string_equal(c->lines[i].text, expected);
}

/* ------------------------------------------------------------------- bars */

static void test_bars_in_eighths(void **state)
{
	(void)state;
	struct md_chart c = {0};
	/* Width 40: label 1 + 1, note 3 + 1, so the bar area is 34 cells. */
	const struct md_chart_bar bars[] = {
	    {"a", 0.5, "50%"},     /* 136 eighths: 17 cells */
	    {"b", 1.0 / 16, "6%"}, /* 17 eighths: 2 cells and ▏ */
	    {"c", 0.001, "0%"},    /* rounds to nothing, shown as ▏ */
	    {"d", 0, "0%"},        /* nothing */
	    {"e", 0.7, "70%"},     /* 190.4: 190 eighths = 23 cells and ▊ */
	    {"f", 2, "max"},       /* clamped to the whole area */
	};
	md_chart_bars(&c, 40, bars, 6, 1.0, -1);
	S_check(&c, 40);
	assert_int_equal(c.n, 6);
	struct buf want = {0};
	buf_puts(&want, "a ");
	buf_repeat(&want, "█", 17);
	buf_repeat(&want, " ", 17);
	buf_puts(&want, " 50%");
	S_line_is(&c, 0, buf_cstr(&want));
	buf_reset(&want);
	buf_puts(&want, "b ██▏");
	buf_repeat(&want, " ", 31);
	buf_puts(&want, " 6%");
	S_line_is(&c, 1, buf_cstr(&want));
	buf_reset(&want);
	buf_puts(&want, "c ▏");
	buf_repeat(&want, " ", 33);
	buf_puts(&want, " 0%");
	S_line_is(&c, 2, buf_cstr(&want));
	buf_reset(&want);
	buf_puts(&want, "d ");
	buf_repeat(&want, " ", 34);
	buf_puts(&want, " 0%");
	S_line_is(&c, 3, buf_cstr(&want));
	buf_reset(&want);
	buf_puts(&want, "e ");
	buf_repeat(&want, "█", 23);
	buf_puts(&want, "▊");
	buf_repeat(&want, " ", 10);
	buf_puts(&want, " 70%");
	S_line_is(&c, 4, buf_cstr(&want));
	buf_reset(&want);
	buf_puts(&want, "f ");
	buf_repeat(&want, "█", 34);
	buf_puts(&want, " max");
	S_line_is(&c, 5, buf_cstr(&want));
	assert_int_equal(S_style_at(&c, 0, 2), MD_STYLE_CHART_BAR);
	assert_int_equal(S_style_at(&c, 0, 0), MD_STYLE_TEXT);
	buf_free(&want);
	md_chart_free(&c);
	assert_int_equal(c.n, 0);
}

static void test_bars_with_a_mark(void **state)
{
	(void)state;
	struct md_chart c = {0};
	/* 34 cells again; the mark at 50 of 100 is cell 17 on every row. */
	const struct md_chart_bar bars[] = {{"a", 75, "75%"}, {"b", 25, "25%"}, {"c", 50, "50%"}};
	md_chart_bars(&c, 40, bars, 3, 100, 50);
	S_check(&c, 40);
	struct buf want = {0};
	buf_puts(&want, "a ");
	buf_repeat(&want, "█", 17);
	buf_puts(&want, "│");
	buf_repeat(&want, "█", 7); /* 204 eighths: 25 cells and ▌, one of them the mark */
	buf_puts(&want, "▌");
	buf_repeat(&want, " ", 8);
	buf_puts(&want, " 75%");
	S_line_is(&c, 0, buf_cstr(&want));
	buf_reset(&want);
	buf_puts(&want, "b ");
	buf_repeat(&want, "█", 8); /* 68 eighths: 8 cells and ▌ */
	buf_puts(&want, "▌");
	buf_repeat(&want, " ", 8);
	buf_puts(&want, "│");
	buf_repeat(&want, " ", 16);
	buf_puts(&want, " 25%");
	S_line_is(&c, 1, buf_cstr(&want));
	buf_reset(&want);
	buf_puts(&want, "c ");
	buf_repeat(&want, "█", 17);
	buf_puts(&want, "│");
	buf_repeat(&want, " ", 16);
	buf_puts(&want, " 50%");
	S_line_is(&c, 2, buf_cstr(&want));
	/* At or over the mark is good, under it bad; the marker has its own style. */
	assert_int_equal(S_style_at(&c, 0, 2), MD_STYLE_CHART_GOOD);
	assert_int_equal(S_style_at(&c, 1, 2), MD_STYLE_CHART_BAD);
	assert_int_equal(S_style_at(&c, 2, 2), MD_STYLE_CHART_GOOD);
	assert_int_equal(S_style_at(&c, 2, 2 + 17 * 3), MD_STYLE_CHART_MARK);
	buf_free(&want);
	md_chart_free(&c);
}

static void test_bars_narrow(void **state)
{
	(void)state;
	struct md_chart c = {0};
	const struct md_chart_bar bars[] = {
	    {"1 Relationships between models", 0.5, "50%  3/10 answered"},
	    {"2 Migrations", 1, "100%  10/10 answered"},
	};
	/* 80: labels cut to two fifths of the width, with "…". */
	md_chart_bars(&c, 80, bars, 2, 1, -1);
	S_check(&c, 80);
	assert_int_equal(strncmp(c.lines[0].text, "1 Relationships between models ", 31), 0);
	md_chart_free(&c);
	md_chart_bars(&c, 40, bars, 2, 1, -1);
	S_check(&c, 40);
	/* 40: labels cut further so that the notes keep a bar of 10 cells. */
	assert_int_equal(
	    strncmp(c.lines[0].text, "1 Relat… █████      50%", strlen("1 Relat… █████      50%")),
	    0);
	md_chart_free(&c);
	/* 24: the notes go; the labels stay, cut. */
	md_chart_bars(&c, 24, bars, 2, 1, -1);
	S_check(&c, 24);
	assert_null(strstr(c.lines[1].text, "10/10"));
	assert_non_null(strstr(c.lines[1].text, "2 Mig"));
	md_chart_free(&c);
	/* 12: bars alone. */
	md_chart_bars(&c, 12, bars, 2, 1, -1);
	S_check(&c, 12);
	S_line_is(&c, 1, "████████████");
	md_chart_free(&c);
}

/* ----------------------------------------------------------------- series */

static void test_series_pass_line_and_points(void **state)
{
	(void)state;
	struct md_chart c = {0};
	const double values[] = {40, 90};
	const bool good[] = {false, true};
	struct md_chart_series s = {
	    .values = values,
	    .good = good,
	    .n = 2,
	    .mark = 70,
	    .first = "2025-11-02",
	    .last = "2026-01-01",
	    .good_name = "passed",
	    .bad_name = "failed",
	    .mark_name = "pass mark",
	};
	md_chart_series(&c, 40, &s);
	S_check(&c, 40);
	assert_int_equal(c.n, 14); /* 11 rows, axis, dates, legend */
	struct buf want = {0};
	S_line_is(&c, 0, "100 ┤");
	buf_puts(&want, "    │");
	buf_repeat(&want, " ", 34); /* 90: the last point, at the right edge of 35 */
	buf_puts(&want, "●");
	S_line_is(&c, 1, buf_cstr(&want));
	S_line_is(&c, 2, "    │");
	buf_reset(&want);
	buf_puts(&want, " 70 ┤");
	buf_repeat(&want, "╌", 35);
	S_line_is(&c, 3, buf_cstr(&want)); /* the pass line, labelled with its value */
	assert_int_equal(S_style_at(&c, 3, 0), MD_STYLE_CHART_MARK);
	S_line_is(&c, 5, " 50 ┤");
	S_line_is(&c, 6, "    │○"); /* 40: the first point, at the left edge */
	S_line_is(&c, 10, "  0 ┤");
	buf_reset(&want);
	buf_puts(&want, "    └");
	buf_repeat(&want, "─", 35);
	S_line_is(&c, 11, buf_cstr(&want));
	S_line_is(&c, 12, "     2025-11-02               2026-01-01");
	S_line_is(&c, 13, "     ● passed  ○ failed  ╌ pass mark 70%");
	/* ● is good, ○ bad */
	assert_int_equal(S_style_at(&c, 1, (uint32_t)c.lines[1].len - 1), MD_STYLE_CHART_GOOD);
	assert_int_equal(S_style_at(&c, 6, (uint32_t)c.lines[6].len - 1), MD_STYLE_CHART_BAD);
	buf_free(&want);
	md_chart_free(&c);
}

static void test_series_one_point_and_none(void **state)
{
	(void)state;
	struct md_chart c = {0};
	const double one[] = {100};
	const bool good[] = {true};
	struct md_chart_series s = {.values = one,
	                            .good = good,
	                            .n = 1,
	                            .mark = 100,
	                            .first = "2026-01-01",
	                            .last = "2026-01-01"};
	md_chart_series(&c, 40, &s);
	S_check(&c, 40);
	struct buf want = {0};
	buf_puts(&want, "100 ┤●"); /* the point sits on the pass line */
	buf_repeat(&want, "╌", 34);
	S_line_is(&c, 0, buf_cstr(&want));
	buf_free(&want);
	S_line_is(&c, 12, "     2026-01-01");
	md_chart_free(&c);
	s.n = 0;
	s.empty = "No mock exam finished yet.";
	md_chart_series(&c, 40, &s);
	assert_int_equal(c.n, 1);
	S_line_is(&c, 0, "No mock exam finished yet.");
	md_chart_free(&c);
	md_chart_series(&c, 12, &s);
	S_check(&c, 12);
	assert_int_equal(c.n, 3);
	S_line_is(&c, 0, "No mock exam");
	S_line_is(&c, 1, "finished");
	S_line_is(&c, 2, "yet.");
	md_chart_free(&c);
}

static void test_text_wraps(void **state)
{
	(void)state;
	struct md_chart c = {0};
	md_chart_text(&c, 10, MD_STYLE_HEADING2, "Reviews  due, next 14 days");
	md_chart_text(&c, 4, MD_STYLE_TEXT, "abcdefghij x");
	md_chart_text(&c, 40, MD_STYLE_TEXT, "");
	S_check(&c, 10);
	assert_int_equal(c.n, 7);
	S_line_is(&c, 0, "Reviews");
	S_line_is(&c, 1, "due, next");
	S_line_is(&c, 2, "14 days");
	assert_int_equal(S_style_at(&c, 2, 0), MD_STYLE_HEADING2);
	S_line_is(&c, 3, "abcd"); /* a long word is broken, not lost */
	S_line_is(&c, 4, "efgh");
	S_line_is(&c, 5, "ij x");
	S_line_is(&c, 6, "");
	assert_int_equal(c.lines[6].nspans, 0);
	md_chart_free(&c);
}

/* ---------------------------------------------------------------- heatmap */

static void test_heatmap_quartiles(void **state)
{
	(void)state;
	struct md_chart c = {0};
	/* One week from a Monday. Nonzero counts 1 2 3 4 8 100 (m = 6):
	 * q1 = the 2nd smallest (2), q2 the 3rd (3), q3 the 5th (8). */
	const size_t counts[7] = {0, 1, 2, 3, 4, 8, 100};
	struct md_chart_day days[7];
	for (int i = 0; i < 7; i++)
		days[i] = (struct md_chart_day){.count = counts[i], .month = 1, .wday = i};
	md_chart_heatmap(&c, 40, days, 7);
	S_check(&c, 40);
	assert_int_equal(c.n, 9);
	S_line_is(&c, 0, "    Jan");
	S_line_is(&c, 1, "Mon ·");
	S_line_is(&c, 2, "Tue ░");
	S_line_is(&c, 3, "Wed ░");
	S_line_is(&c, 4, "Thu ▒");
	S_line_is(&c, 5, "Fri ▓");
	S_line_is(&c, 6, "Sat ▓");
	S_line_is(&c, 7, "Sun █");
	S_line_is(&c, 8, "    less ░▒▓█ more");
	assert_int_equal(S_style_at(&c, 1, 4), MD_STYLE_CHART_AXIS);
	assert_int_equal(S_style_at(&c, 2, 4), MD_STYLE_CHART_HEAT1);
	assert_int_equal(S_style_at(&c, 4, 4), MD_STYLE_CHART_HEAT2);
	assert_int_equal(S_style_at(&c, 5, 4), MD_STYLE_CHART_HEAT3);
	assert_int_equal(S_style_at(&c, 7, 4), MD_STYLE_CHART_HEAT4);
	md_chart_free(&c);
}

static void test_heatmap_weeks_and_months(void **state)
{
	(void)state;
	struct md_chart c = {0};
	/* Thursday 29 Jan to Monday 2 Feb: two week columns, cells outside the
	 * days blank. Equal counts are all the lightest shade. The month label
	 * goes over the week a month starts in: February's. */
	struct md_chart_day days[42];
	for (int i = 0; i < 5; i++)
		days[i] =
		    (struct md_chart_day){.count = 5, .month = i < 3 ? 1 : 2, .wday = (3 + i) % 7};
	md_chart_heatmap(&c, 40, days, 5);
	S_check(&c, 40);
	S_line_is(&c, 0, "    Feb");
	S_line_is(&c, 1, "Mon   ░");
	S_line_is(&c, 4, "Thu ░");
	S_line_is(&c, 7, "Sun ░");
	md_chart_free(&c);
	/* Three weeks from Monday 19 Jan: "Jan" would crowd "Feb", which wins. */
	for (int i = 0; i < 21; i++)
		days[i] = (struct md_chart_day){.count = 1, .month = i < 13 ? 1 : 2, .wday = i % 7};
	md_chart_heatmap(&c, 40, days, 21);
	S_line_is(&c, 0, "      Feb");
	md_chart_free(&c);
	/* Six weeks from Monday 5 Jan: room for both. */
	for (int i = 0; i < 42; i++)
		days[i] = (struct md_chart_day){.count = 1, .month = i < 27 ? 1 : 2, .wday = i % 7};
	md_chart_heatmap(&c, 40, days, 42);
	S_line_is(&c, 0, "    Jan   Feb");
	md_chart_free(&c);

	/* Twelve weeks ending on a Sunday fill 12 columns; ending on a
	 * Wednesday they touch 13. */
	struct md_chart_day year[84];
	for (int end = 6; end >= 2; end -= 4) {
		for (int i = 0; i < 84; i++)
			year[i] = (struct md_chart_day){.count = (size_t)(i % 5),
			                                .month = 1 + i / 31,
			                                .wday = (end + 1 + i) % 7};
		md_chart_heatmap(&c, 40, year, 84);
		S_check(&c, 40);
		size_t cols = end == 6 ? 12 : 13;
		assert_int_equal(c.lines[1].width, 4 + 2 * cols - 1); /* Monday's row */
		md_chart_free(&c);
	}
}

/* ---------------------------------------------------------------- columns */

static void test_columns_heights(void **state)
{
	(void)state;
	struct md_chart c = {0};
	const double values[] = {0, 4, 8, 1};
	const char *const labels[] = {"Mo", "Tu", "We", "Th"};
	/* Two rows of 16 eighths: 4 of 8 is 8 eighths, 1 of 8 is 2. */
	md_chart_columns(&c, 40, values, labels, 4, 2);
	S_check(&c, 40);
	assert_int_equal(c.n, 4);
	S_line_is(&c, 0, "8 ┤       ██");
	S_line_is(&c, 1, "  │    ██ ██ ▂▂");
	S_line_is(&c, 2, "0 └────────────");
	S_line_is(&c, 3, "    Mo Tu We Th");
	assert_int_equal(S_style_at(&c, 1, (uint32_t)strlen("  │    ")), MD_STYLE_CHART_BAR);
	md_chart_free(&c);
	/* Narrow: one-cell columns, labels cut to one letter. */
	md_chart_columns(&c, 12, values, labels, 4, 2);
	S_check(&c, 12);
	S_line_is(&c, 3, "    M T W T");
	md_chart_free(&c);
	/* Nothing to show: an empty chart on a 0..1 scale. */
	const double zeros[] = {0, 0};
	md_chart_columns(&c, 40, zeros, NULL, 2, 0);
	S_check(&c, 40);
	assert_int_equal(c.n, 7); /* six rows and the axis; no labels */
	S_line_is(&c, 0, "1 ┤");
	md_chart_free(&c);
}

/* ------------------------------------------------------------ all widths */

static void S_all(struct md_chart *c, int width)
{
	const struct md_chart_bar bars[] = {
	    {"1 Basics", 0.52, "52%  13/25 answered"},
	    {"10 Relationships and migrations in Flask-SQLAlchemy", 0.8, "80%  4/5 answered"},
	    {"Other", 0, "0%  0/1 answered"},
	};
	md_chart_text(c, width, MD_STYLE_HEADING2, "Mastery by chapter");
	md_chart_bars(c, width, bars, 3, 1, -1);
	md_chart_bars(c, width, bars, 3, 1, 0.7);
	double values[30];
	bool good[30];
	for (int i = 0; i < 30; i++) {
		values[i] = (i * 37) % 101;
		good[i] = values[i] >= 70;
	}
	struct md_chart_series s = {values,       good,   30,       70,       "2025-10-01",
	                            "2026-01-01", "none", "passed", "failed", "pass mark"};
	md_chart_series(c, width, &s);
	s.n = 1;
	md_chart_series(c, width, &s);
	struct md_chart_day days[84];
	for (int i = 0; i < 84; i++)
		days[i] = (struct md_chart_day){(size_t)((i * 7) % 11), 10 + i / 31, (i + 4) % 7};
	md_chart_heatmap(c, width, days, 84);
	double due[14] = {12, 0, 3, 1, 0, 0, 7, 2, 0, 0, 0, 1, 0, 140};
	const char *labels[14] = {"Th", "Fr", "Sa", "Su", "Mo", "Tu", "We",
	                          "Th", "Fr", "Sa", "Su", "Mo", "Tu", "We"};
	md_chart_columns(c, width, due, labels, 14, 6);
}

static void test_every_chart_fits_every_width(void **state)
{
	(void)state;
	const int usual[] = {40, 80, 120};
	for (size_t k = 0; k < 3; k++) {
		struct md_chart c = {0};
		S_all(&c, usual[k]);
		S_check(&c, usual[k]);
		/* At the usual widths nothing is cut short: every label is there. */
		bool sunday = false;
		for (size_t i = 0; i < c.n; i++)
			sunday |= strncmp(c.lines[i].text, "Sun ", 4) == 0;
		assert_true(sunday);
		md_chart_free(&c);
	}
	for (int w = 0; w <= 130; w++) {
		struct md_chart c = {0};
		S_all(&c, w);
		S_check(&c, w < 0 ? 0 : w);
		md_chart_free(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bars_in_eighths),
	    cmocka_unit_test(test_bars_with_a_mark),
	    cmocka_unit_test(test_bars_narrow),
	    cmocka_unit_test(test_series_pass_line_and_points),
	    cmocka_unit_test(test_series_one_point_and_none),
	    cmocka_unit_test(test_text_wraps),
	    cmocka_unit_test(test_heatmap_quartiles),
	    cmocka_unit_test(test_heatmap_weeks_and_months),
	    cmocka_unit_test(test_columns_heights),
	    cmocka_unit_test(test_every_chart_fits_every_width),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
