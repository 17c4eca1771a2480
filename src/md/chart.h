/* chart: numbers drawn as styled lines.
 *
 * Each builder appends md_lines (md/layout.h: NUL-terminated UTF-8, display
 * width, spans of md styles covering the whole text) to a growable array,
 * so callers stack headings and charts and then draw them like any laid-out
 * text: the TUI through tui/theme, `studyterm stats` as plain or ANSI text
 * (cli/render). Nothing here knows about terminals, dates or the database:
 * callers pass numbers and ready-made labels.
 *
 * Every builder takes the width to fill and never makes a line wider; when
 * the width is too small for the usual look a chart narrows its cells,
 * then cuts labels (with "…"), then drops notes or labels, and at last
 * shows only the part that fits. Sentences wrap instead. Lines carry no
 * trailing spaces. Nothing
 * fails: allocation aborts (core/xalloc). */
#ifndef STUDYTERM_MD_CHART_H
#define STUDYTERM_MD_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "md/layout.h"
#include "md/style.h"

/* Zero-initialise; the lines belong to the chart until md_chart_free. */
struct md_chart {
	struct md_line *lines;
	size_t n;
	size_t cap; /* private */
};

/* Frees every line and leaves the chart empty, ready for reuse. */
void md_chart_free(struct md_chart *c);

/* A paragraph in one style, wrapped at spaces to width (a word wider than
 * the width is broken); "" makes an empty line. */
void md_chart_text(struct md_chart *c, int width, enum md_style style, const char *text);

/* ---- horizontal bars: "label  ████████▍       │   note" */

struct md_chart_bar {
	const char *label; /* left-aligned in a column as wide as the widest */
	double value;      /* 0..max (clamped) */
	const char *note;  /* after the bar, e.g. "72%  18/25"; NULL for none */
};

/* One row per bar. A bar is value / max of the bar area, in eighths of a
 * cell (▏▎▍▌▋▊▉█), rounded to the nearest eighth but never to nothing when
 * the value is above 0. mark >= 0 draws │ (CHART_MARK) in the cell of that
 * value on every row and colours bars at or over it CHART_GOOD, under it
 * CHART_BAD; mark < 0 draws no marker and every bar CHART_BAR. */
void md_chart_bars(struct md_chart *c, int width, const struct md_chart_bar *bars, size_t n,
                   double max, double mark);

/* ---- values over time on a 0..100 scale */

struct md_chart_series {
	const double *values; /* 0..100 (clamped), oldest first */
	const bool *good;     /* per value: ● (CHART_GOOD) when true, else ○ (CHART_BAD) */
	size_t n;
	double mark;              /* a dashed line ╌ at this value, 0..100; < 0 for none */
	const char *first, *last; /* x axis labels under the first and last point */
	const char *empty;        /* the sentence shown instead when n == 0 */
	const char *good_name;    /* legend words: "passed" */
	const char *bad_name;     /* "failed" */
	const char *mark_name;    /* "pass mark" */
};

/* Eleven rows, 100 at the top and 0 at the bottom in steps of 10, labelled
 * 100, 50 and 0 (and the mark's row with its value); points spread evenly
 * over the width, the first at the left edge and (from two points on) the
 * last at the right; then the x axis, the labels and a legend. */
void md_chart_series(struct md_chart *c, int width, const struct md_chart_series *s);

/* ---- activity heatmap: rows Monday..Sunday, one column per week */

struct md_chart_day {
	size_t count;
	int month; /* 1..12, for the month labels */
	int wday;  /* 0 Monday .. 6 Sunday */
};

/* days are consecutive, oldest first. A column is a calendar week (Monday
 * first), so 84 days fill 12 columns when the last day is a Sunday and
 * touch 13 otherwise; cells outside the days stay blank. A day with no
 * count is · (CHART_AXIS); the others are shaded by the quartile of the
 * nonzero counts they fall in (nearest rank: q_k is the ceil(k m / 4)-th
 * smallest of the m nonzero counts): up to q1 ░, q2 ▒, q3 ▓, above █
 * (CHART_HEAT1..4). A line of month labels above, "less ░▒▓█ more" below. */
void md_chart_heatmap(struct md_chart *c, int width, const struct md_chart_day *days, size_t n);

/* ---- columns: n values side by side, each with a label under it */

/* height rows (at least 1; 6 when 0) of columns in eighths (▁▂▃▄▅▆▇█),
 * scaled so the largest value fills them; the y axis shows that value at
 * the top and 0 at the bottom. labels (NULL, or NULL entries, for none) are
 * cut to the column width; columns are two cells wide when that fits,
 * then one, then without gaps, then only the first ones that fit. */
void md_chart_columns(struct md_chart *c, int width, const double *values,
                      const char *const *labels, size_t n, int height);

#endif
