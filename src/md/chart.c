/* chart: numbers drawn as styled lines (see chart.h). */
#include "md/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define S_MIN_BAR     10 /* bar cells worth cutting labels and notes for */
#define S_SERIES_ROWS 11 /* 100, 90, ..., 0 */

static const char *const S_eighths[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
static const char *const S_lower[8] = {"", "▁", "▂", "▃", "▄", "▅", "▆", "▇"};
static const char *const S_months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const S_wdays[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const S_shades[5] = {"·", "░", "▒", "▓", "█"};
static const enum md_style S_shade_styles[5] = {MD_STYLE_CHART_AXIS, MD_STYLE_CHART_HEAT1,
                                                MD_STYLE_CHART_HEAT2, MD_STYLE_CHART_HEAT3,
                                                MD_STYLE_CHART_HEAT4};

/* ------------------------------------------------------- building a line */

/* A line under construction: text and spans that never pass limit
 * columns, whatever is put into it. */
struct S_line {
	struct buf text;
	struct md_span *spans;
	size_t nspans, cap;
	size_t width, limit;
};

static void S_start(struct S_line *l, int width)
{
	memset(l, 0, sizeof *l);
	l->limit = width > 0 ? (size_t)width : 0;
}

static size_t S_width(const char *s)
{
	return s ? utf8_width(s, strlen(s)) : 0;
}

/* Appends as much of s as fits; returns true when all of it did. */
static bool S_put(struct S_line *l, enum md_style style, const char *s)
{
	size_t len = strlen(s), cols;
	size_t fits = utf8_prefix_fitting(s, len, l->limit - l->width, &cols);
	if (fits == 0)
		return len == 0;
	uint32_t start = (uint32_t)l->text.len;
	buf_append(&l->text, s, fits);
	l->width += cols;
	struct md_span *last = l->nspans ? &l->spans[l->nspans - 1] : NULL;
	if (last && last->style == style && last->end == start) {
		last->end = (uint32_t)l->text.len;
	} else {
		xgrow((void **)&l->spans, &l->cap, l->nspans + 1, sizeof *l->spans);
		l->spans[l->nspans++] = (struct md_span){.start = start,
		                                         .end = (uint32_t)l->text.len,
		                                         .style = (uint8_t)style,
		                                         .link = -1};
	}
	return fits == len;
}

static void S_repeat(struct S_line *l, enum md_style style, const char *s, size_t times)
{
	for (size_t i = 0; i < times; i++)
		S_put(l, style, s);
}

/* Spaces up to column col. */
static void S_pad(struct S_line *l, size_t col)
{
	while (l->width < col && l->width < l->limit)
		S_put(l, MD_STYLE_TEXT, " ");
}

/* s in at most cols columns: cut with "…" when longer (plainly when
 * ellipsis is false: in cells too narrow for it to say anything). */
static void S_put_cut(struct S_line *l, enum md_style style, const char *s, size_t cols,
                      bool ellipsis)
{
	size_t len = strlen(s), used;
	if (S_width(s) <= cols) {
		S_put(l, style, s);
		return;
	}
	if (ellipsis && cols == 0)
		return;
	size_t keep = utf8_prefix_fitting(s, len, ellipsis ? cols - 1 : cols, &used);
	char *cut = xstrndup(s, keep);
	S_put(l, style, cut);
	free(cut);
	if (ellipsis)
		S_put(l, style, "…");
}

/* Ends the line (without trailing spaces) and appends it to c. */
static void S_emit(struct md_chart *c, struct S_line *l)
{
	size_t len = l->text.len;
	while (len > 0 && l->text.data[len - 1] == ' ') {
		len--;
		l->width--;
	}
	buf_truncate(&l->text, len);
	while (l->nspans && l->spans[l->nspans - 1].start >= len)
		l->nspans--;
	if (l->nspans && l->spans[l->nspans - 1].end > len)
		l->spans[l->nspans - 1].end = (uint32_t)len;
	xgrow((void **)&c->lines, &c->cap, c->n + 1, sizeof *c->lines);
	struct md_line *out = &c->lines[c->n++];
	memset(out, 0, sizeof *out);
	out->text = buf_detach(&l->text);
	out->len = (uint32_t)len;
	out->width = (uint32_t)l->width;
	out->heading = -1;
	if (l->nspans) {
		out->spans = l->spans;
		out->nspans = (uint32_t)l->nspans;
	} else {
		free(l->spans);
	}
	l->spans = NULL;
}

void md_chart_free(struct md_chart *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->lines[i].text);
		free(c->lines[i].spans);
	}
	free(c->lines);
	memset(c, 0, sizeof *c);
}

void md_chart_text(struct md_chart *c, int width, enum md_style style, const char *text)
{
	struct S_line l;
	S_start(&l, width);
	const char *p = text ? text : "";
	while (*p && l.limit > 0) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, " "), cols;
		if (len == 0)
			break;
		size_t word = utf8_width(p, len);
		if (l.width > 0 && l.width + 1 + word > l.limit) {
			S_emit(c, &l);
			S_start(&l, width);
		}
		if (l.width > 0)
			S_put(&l, style, " ");
		/* A word wider than a line is broken, never lost. */
		size_t fits = utf8_prefix_fitting(p, len, l.limit - l.width, &cols);
		if (fits == 0) /* a wide character in a narrower width */
			fits = len;
		char *piece = xstrndup(p, fits);
		S_put(&l, style, piece);
		free(piece);
		p += fits;
		if (fits < len) {
			S_emit(c, &l);
			S_start(&l, width);
		}
	}
	S_emit(c, &l);
}

/* ------------------------------------------------------------------ bars */

static long S_gap(long cols)
{
	return cols > 0 ? cols + 1 : 0;
}

/* Eighths of a cell for value out of max over cells: rounded, but a value
 * above 0 always shows. */
static long S_eighths_of(double value, double max, long cells)
{
	if (!(value > 0) || !(max > 0) || cells <= 0)
		return 0;
	double f = value >= max ? 1.0 : value / max;
	long e = lround(f * (double)cells * 8);
	if (e < 1)
		e = 1;
	return e > cells * 8 ? cells * 8 : e;
}

void md_chart_bars(struct md_chart *c, int width, const struct md_chart_bar *bars, size_t n,
                   double max, double mark)
{
	long w = width > 0 ? width : 0, lw = 0, nw = 0;
	for (size_t i = 0; i < n; i++) {
		if ((long)S_width(bars[i].label) > lw)
			lw = (long)S_width(bars[i].label);
		if ((long)S_width(bars[i].note) > nw)
			nw = (long)S_width(bars[i].note);
	}
	if (lw > w * 2 / 5)
		lw = w * 2 / 5;
	long bar = w - S_gap(lw) - S_gap(nw);
	if (bar < S_MIN_BAR && lw > 6) {
		lw -= S_MIN_BAR - bar;
		if (lw < 6)
			lw = 6;
		bar = w - S_gap(lw) - S_gap(nw);
	}
	if (bar < S_MIN_BAR && nw > 0) {
		nw = 0; /* the notes go before the bars do */
		bar = w - S_gap(lw);
	}
	if (bar < S_MIN_BAR) {
		lw = w - 1 - S_MIN_BAR;
		if (lw < 3)
			lw = 0;
		bar = w - S_gap(lw);
	}
	if (bar < 1)
		bar = 1;
	long mark_cell = -1;
	if (mark >= 0 && max > 0) {
		mark_cell = (long)floor((mark >= max ? 1.0 : mark / max) * (double)bar);
		if (mark_cell >= bar)
			mark_cell = bar - 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct S_line l;
		S_start(&l, width);
		if (lw > 0) {
			S_put_cut(&l, MD_STYLE_TEXT, bars[i].label ? bars[i].label : "", (size_t)lw,
			          true);
			S_pad(&l, (size_t)lw + 1);
		}
		enum md_style style = mark_cell < 0           ? MD_STYLE_CHART_BAR
		                      : bars[i].value >= mark ? MD_STYLE_CHART_GOOD
		                                              : MD_STYLE_CHART_BAD;
		long e = S_eighths_of(bars[i].value, max, bar);
		for (long k = 0; k < bar; k++) {
			if (k == mark_cell)
				S_put(&l, MD_STYLE_CHART_MARK, "│");
			else if (k < e / 8)
				S_put(&l, style, "█");
			else if (k == e / 8 && e % 8)
				S_put(&l, style, S_eighths[e % 8]);
			else
				S_put(&l, MD_STYLE_TEXT, " ");
		}
		if (nw > 0 && bars[i].note) {
			S_put(&l, MD_STYLE_TEXT, " ");
			S_put_cut(&l, MD_STYLE_TEXT, bars[i].note, (size_t)nw, true);
		}
		S_emit(c, &l);
	}
}

/* ---------------------------------------------------------------- series */

static int S_row_of(double value)
{
	double v = value < 0 ? 0 : value > 100 ? 100 : value;
	return (int)lround((100 - v) / 10);
}

void md_chart_series(struct md_chart *c, int width, const struct md_chart_series *s)
{
	if (s->n == 0) {
		md_chart_text(c, width, MD_STYLE_TEXT, s->empty ? s->empty : "");
		return;
	}
	const size_t prefix = 5; /* "100 ┤" */
	size_t w = width > 0 ? (size_t)width : 0;
	size_t plot = w > prefix + 1 ? w - prefix : 1;
	int mark_row = s->mark >= 0 ? S_row_of(s->mark) : -1;
	/* The grid: for each cell the index of the point drawn there, or -1. */
	long *grid = xmalloc(S_SERIES_ROWS * plot * sizeof *grid);
	for (size_t k = 0; k < S_SERIES_ROWS * plot; k++)
		grid[k] = -1;
	for (size_t i = 0; i < s->n; i++) {
		size_t x = s->n > 1
		               ? (size_t)lround((double)i * (double)(plot - 1) / (double)(s->n - 1))
		               : 0;
		grid[(size_t)S_row_of(s->values[i]) * plot + x] = (long)i; /* later ones win */
	}
	for (int r = 0; r < S_SERIES_ROWS; r++) {
		struct S_line l;
		S_start(&l, width);
		char label[16] = "";
		enum md_style label_style = MD_STYLE_CHART_AXIS;
		if (r == 0 || r == 5 || r == 10) {
			snprintf(label, sizeof label, "%3d", 100 - r * 10);
		} else if (r == mark_row) {
			snprintf(label, sizeof label, "%3.0f", s->mark);
			label_style = MD_STYLE_CHART_MARK;
		}
		S_put(&l, label_style, label);
		S_pad(&l, prefix - 2);
		S_put(&l, MD_STYLE_TEXT, " ");
		S_put(&l, MD_STYLE_CHART_AXIS, label[0] ? "┤" : "│");
		for (size_t x = 0; x < plot; x++) {
			long i = grid[(size_t)r * plot + x];
			if (i >= 0) {
				bool good = s->good && s->good[i];
				S_put(&l, good ? MD_STYLE_CHART_GOOD : MD_STYLE_CHART_BAD,
				      good ? "●" : "○");
			} else if (r == mark_row) {
				S_put(&l, MD_STYLE_CHART_MARK, "╌");
			} else {
				S_put(&l, MD_STYLE_TEXT, " ");
			}
		}
		S_emit(c, &l);
	}
	free(grid);

	struct S_line l;
	S_start(&l, width);
	S_pad(&l, prefix - 1);
	S_put(&l, MD_STYLE_CHART_AXIS, "└");
	S_repeat(&l, MD_STYLE_CHART_AXIS, "─", plot);
	S_emit(c, &l);

	/* Dates: both ends when they fit apart, else the latest alone. */
	const char *first = s->first ? s->first : "", *last = s->last ? s->last : "";
	size_t fw = S_width(first), lw = S_width(last);
	S_start(&l, width);
	S_pad(&l, prefix);
	if (s->n == 1 || strcmp(first, last) == 0) {
		S_put(&l, MD_STYLE_CHART_AXIS, first);
	} else if (fw + 1 + lw <= plot) {
		S_put(&l, MD_STYLE_CHART_AXIS, first);
		S_pad(&l, prefix + plot - lw);
		S_put(&l, MD_STYLE_CHART_AXIS, last);
	} else {
		S_pad(&l, lw < plot ? prefix + plot - lw : prefix);
		S_put(&l, MD_STYLE_CHART_AXIS, last);
	}
	S_emit(c, &l);

	/* The legend, under the plot when it fits there, else from the left. */
	const char *good = s->good_name ? s->good_name : "good";
	const char *bad = s->bad_name ? s->bad_name : "bad";
	char mark[64] = "";
	if (mark_row >= 0)
		snprintf(mark, sizeof mark, " %s %.0f%%", s->mark_name ? s->mark_name : "mark",
		         s->mark);
	size_t legend = 2 + S_width(good) + 4 + S_width(bad) + (mark[0] ? 3 + S_width(mark) : 0);
	S_start(&l, width);
	S_pad(&l, prefix + legend <= w ? prefix : 0);
	S_put(&l, MD_STYLE_CHART_GOOD, "●");
	S_put(&l, MD_STYLE_TEXT, " ");
	S_put(&l, MD_STYLE_TEXT, good);
	S_put(&l, MD_STYLE_TEXT, "  ");
	S_put(&l, MD_STYLE_CHART_BAD, "○");
	S_put(&l, MD_STYLE_TEXT, " ");
	S_put(&l, MD_STYLE_TEXT, bad);
	if (mark[0]) {
		S_put(&l, MD_STYLE_TEXT, "  ");
		S_put(&l, MD_STYLE_CHART_MARK, "╌");
		S_put(&l, MD_STYLE_TEXT, mark);
	}
	S_emit(c, &l);
}

/* --------------------------------------------------------------- heatmap */

static int S_cmp_size(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	return (a > b) - (a < b);
}

/* The index of the last of the days in week column col. */
static size_t S_last_of_week(size_t col, size_t w0, size_t n)
{
	size_t last = col * 7 + 6 - w0;
	return last < n ? last : n - 1;
}

void md_chart_heatmap(struct md_chart *c, int width, const struct md_chart_day *days, size_t n)
{
	if (n == 0)
		return;
	/* Quartile thresholds of the nonzero counts, by nearest rank. */
	size_t *nz = xmalloc(n * sizeof *nz), m = 0;
	for (size_t i = 0; i < n; i++)
		if (days[i].count > 0)
			nz[m++] = days[i].count;
	qsort(nz, m, sizeof *nz, S_cmp_size);
	size_t q[3] = {0, 0, 0};
	for (size_t k = 1; m > 0 && k <= 3; k++)
		q[k - 1] = nz[(k * m + 3) / 4 - 1];
	free(nz);

	size_t w = width > 0 ? (size_t)width : 0;
	size_t w0 = (size_t)(days[0].wday < 0 ? 0 : days[0].wday % 7);
	size_t ncols = (n - 1 + w0) / 7 + 1;
	size_t labelw = 4, cw = 2; /* "Mon " and "▓ " (no space after the last) */
	if (labelw + ncols * 2 - 1 > w)
		cw = 1;
	if (cw == 1 && labelw + ncols > w)
		labelw = 0;
	size_t shown = ncols <= w ? ncols : w;
	size_t first = ncols - shown;

	/* Month labels over the week each month starts in (the first column
	 * is labelled with its own month), placed right to left so the latest
	 * months win where they crowd. */
	size_t *label_x = xcalloc(shown ? shown : 1, sizeof *label_x);
	int *label_month = xcalloc(shown ? shown : 1, sizeof *label_month);
	size_t nlabels = 0, limit = w;
	for (size_t col = ncols; col-- > first;) {
		size_t day = S_last_of_week(col, w0, n);
		if (col > first && days[day].month == days[S_last_of_week(col - 1, w0, n)].month)
			continue;
		size_t x = labelw + (col - first) * cw;
		if (x + 3 > limit)
			continue;
		label_x[nlabels] = x;
		label_month[nlabels++] = days[day].month;
		limit = x > 0 ? x - 1 : 0;
	}
	struct S_line l;
	S_start(&l, width);
	for (size_t k = nlabels; k-- > 0;) {
		S_pad(&l, label_x[k]);
		int mo = label_month[k];
		S_put(&l, MD_STYLE_CHART_AXIS, mo >= 1 && mo <= 12 ? S_months[mo - 1] : "?");
	}
	S_emit(c, &l);
	free(label_x);
	free(label_month);

	for (size_t row = 0; row < 7; row++) {
		S_start(&l, width);
		if (labelw) {
			S_put(&l, MD_STYLE_CHART_AXIS, S_wdays[row]);
			S_pad(&l, labelw);
		}
		for (size_t col = first; col < ncols; col++) {
			if (cw == 2 && col > first)
				S_put(&l, MD_STYLE_TEXT, " ");
			size_t slot = col * 7 + row;
			if (slot < w0 || slot - w0 >= n) {
				S_put(&l, MD_STYLE_TEXT, " ");
				continue;
			}
			size_t count = days[slot - w0].count;
			int level =
			    count == 0 ? 0 : 1 + (count > q[0]) + (count > q[1]) + (count > q[2]);
			S_put(&l, S_shade_styles[level], S_shades[level]);
		}
		S_emit(c, &l);
	}

	S_start(&l, width);
	S_pad(&l, labelw);
	S_put(&l, MD_STYLE_CHART_AXIS, "less ");
	for (int level = 1; level <= 4; level++)
		S_put(&l, S_shade_styles[level], S_shades[level]);
	S_put(&l, MD_STYLE_CHART_AXIS, " more");
	S_emit(c, &l);
}

/* --------------------------------------------------------------- columns */

void md_chart_columns(struct md_chart *c, int width, const double *values,
                      const char *const *labels, size_t n, int height)
{
	size_t rows = height > 0 ? (size_t)height : 6;
	size_t w = width > 0 ? (size_t)width : 0;
	double max = 0;
	size_t lw = 0;
	for (size_t i = 0; i < n; i++) {
		if (values[i] > max)
			max = values[i];
		if (labels && S_width(labels[i]) > lw)
			lw = S_width(labels[i]);
	}
	char top[32];
	snprintf(top, sizeof top, max == floor(max) ? "%.0f" : "%.1f", max > 0 ? max : 1);
	size_t yw = strlen(top);
	size_t axis = yw + 2; /* "12 ┤" */
	/* Two-cell columns with a gap, wider for longer labels (up to 5). */
	size_t cw = lw < 2 ? 2 : lw > 5 ? 5 : lw, gap = 1;
	if (axis + n * (cw + gap) > w)
		cw = 2;
	if (axis + n * (cw + gap) > w)
		cw = 1;
	if (axis + n * (cw + gap) > w)
		gap = 0;
	size_t shown = n;
	if (axis + n * (cw + gap) > w)
		shown = w > axis ? w - axis : 0;

	long *e = xcalloc(n ? n : 1, sizeof *e);
	for (size_t i = 0; i < shown; i++)
		e[i] = S_eighths_of(values[i], max, (long)rows);
	struct S_line l;
	for (size_t r = 0; r < rows; r++) {
		S_start(&l, width);
		if (r == 0) {
			S_put(&l, MD_STYLE_CHART_AXIS, top);
		}
		S_pad(&l, yw + 1);
		S_put(&l, MD_STYLE_CHART_AXIS, r == 0 ? "┤" : "│");
		long base = (long)(rows - 1 - r) * 8;
		for (size_t i = 0; i < shown; i++) {
			S_repeat(&l, MD_STYLE_TEXT, " ", gap);
			long f = e[i] - base;
			f = f < 0 ? 0 : f > 8 ? 8 : f;
			const char *glyph = f == 8 ? "█" : f > 0 ? S_lower[f] : " ";
			S_repeat(&l, f > 0 ? MD_STYLE_CHART_BAR : MD_STYLE_TEXT, glyph, cw);
		}
		S_emit(c, &l);
	}
	free(e);

	S_start(&l, width);
	S_pad(&l, yw - 1);
	S_put(&l, MD_STYLE_CHART_AXIS, "0 └");
	S_repeat(&l, MD_STYLE_CHART_AXIS, "─", shown * (cw + gap));
	S_emit(c, &l);

	if (lw == 0)
		return;
	S_start(&l, width);
	for (size_t i = 0; i < shown; i++) {
		S_pad(&l, axis + i * (cw + gap) + gap);
		if (labels[i])
			S_put_cut(&l, MD_STYLE_CHART_AXIS, labels[i], cw, false);
	}
	S_emit(c, &l);
}
