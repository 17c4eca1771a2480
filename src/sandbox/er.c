/* er: the ER diagram as text (see er.h).
 *
 * How it is drawn: the tables are put in columns (parents left of their
 * children), the boxes painted on a grid of cells, and each relationship
 * routed through the free cells by a shortest-path search that charges
 * for length, bends and crossings. A few arrangements are tried (with and
 * without the association tables between their two ends, with fewer
 * columns, with wider or narrower gaps, with boxes shifted so that lines
 * run straight) and the cheapest that fits the width wins.
 */
#include "sandbox/er.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

/* Widest a column name, type or table name may be in a box before it is
 * cut with "…"; a box that still does not fit cuts them down to
 * S_MIN_FIELD. */
#define S_NAME_MAX  24
#define S_TYPE_MAX  16
#define S_TITLE_MAX 40
#define S_MIN_FIELD 4

/* More tables than this are not laid out (the search would get slow and
 * the drawing unreadable): they are stacked. */
#define S_MAX_LAID_OUT 16

/* Free rows above and below the boxes for lines that go around them;
 * unused rows are trimmed from the output. */
#define S_MARGIN 3
/* Rows between boxes stacked in one column. */
#define S_VGAP 1
/* How far a box may be moved up or down to line up a relationship. */
#define S_SHIFT 16

/* Costs of a route and of a layout, in steps of half a cell: a crossing
 * is the hardest thing to read, a bend costs as much as three cells of
 * line, and a row of height more than a cell of length because a terminal
 * has far fewer rows than columns. */
#define S_STEP        2
#define S_BEND        6
#define S_CROSS       24
#define S_NEAR        1
#define S_ROW         6
#define S_UNDRAWN     10000
#define S_ASSOC_APART 40
#define S_TIGHT       30

/* ---- text ---- */

static size_t S_width(const char *s)
{
	return utf8_width(s, strlen(s));
}

/* A copy of s that draws safely in a grid of cells: control characters
 * become U+FFFD and zero-width ones are dropped, so every character takes
 * one or two cells. */
static char *S_clean(const char *s)
{
	struct buf b = {0};
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			cp = UTF8_REPLACEMENT;
		if (utf8_cp_width(cp) == 0)
			continue;
		char enc[4];
		buf_append(&b, enc, utf8_encode(cp, enc));
	}
	return buf_detach(&b);
}

/* Appends s cut (with "…") or padded to exactly cols columns. */
static void S_put_field(struct buf *b, const char *s, size_t cols)
{
	size_t w = S_width(s);
	if (w <= cols) {
		buf_puts(b, s);
		buf_repeat(b, " ", cols - w);
		return;
	}
	if (cols == 0)
		return;
	size_t used = 0;
	size_t keep = utf8_prefix_fitting(s, strlen(s), cols - 1, &used);
	buf_append(b, s, keep);
	buf_puts(b, "…");
	buf_repeat(b, " ", cols - 1 - used);
}

/* Appends one output line, cut to width with "…" if it is wider. */
static void S_emit(struct buf *out, const char *line, int width)
{
	size_t len = strlen(line);
	if (utf8_width(line, len) <= (size_t)width) {
		buf_append(out, line, len);
	} else {
		size_t used = 0;
		size_t keep = utf8_prefix_fitting(line, len, (size_t)width - 1, &used);
		buf_append(out, line, keep);
		buf_puts(out, "…");
	}
	buf_putc(out, '\n');
}

/* ---- boxes ---- */

struct S_box {
	const struct schema_table *t;
	char **lines; /* h lines of exactly w columns */
	int w, h;
};

static bool S_is_fk(const struct schema_table *t, const char *col)
{
	for (size_t k = 0; k < t->n_fks; k++)
		if (schema_column_index(t, t->fks[k].from_col) == schema_column_index(t, col))
			return true;
	return false;
}

static const char *S_marker(const struct schema_table *t, size_t c)
{
	bool fk = S_is_fk(t, t->cols[c].name);
	if (t->cols[c].pk)
		return fk ? "PK FK" : "PK";
	return fk ? "FK" : "";
}

/* Lays out t's box no wider than max_w if cutting names down to
 * S_MIN_FIELD columns allows it. */
static void S_box_build(struct S_box *b, const struct schema_table *t, int max_w)
{
	size_t n = t->n_cols;
	char *title = S_clean(t->name);
	char **names = xcalloc(n + 1, sizeof *names);
	char **types = xcalloc(n + 1, sizeof *types);
	size_t mark_w = 0, name_w = 0, type_w = 0, title_w = S_width(title);
	for (size_t c = 0; c < n; c++) {
		names[c] = S_clean(t->cols[c].name);
		types[c] = S_clean(t->cols[c].type);
		size_t m = strlen(S_marker(t, c)), nw = S_width(names[c]), tw = S_width(types[c]);
		mark_w = m > mark_w ? m : mark_w;
		name_w = nw > name_w ? nw : name_w;
		type_w = tw > type_w ? tw : type_w;
	}
	name_w = name_w < S_NAME_MAX ? name_w : S_NAME_MAX;
	type_w = type_w < S_TYPE_MAX ? type_w : S_TYPE_MAX;
	title_w = title_w < S_TITLE_MAX ? title_w : S_TITLE_MAX;
	size_t inner, w;
	for (;;) {
		inner = (mark_w ? mark_w + 1 : 0) + name_w + (type_w ? type_w + 1 : 0);
		w = inner + 4 > title_w + 6 ? inner + 4 : title_w + 6;
		if ((int)w <= max_w)
			break;
		/* Shrink whatever makes the box this wide: the title, else the
		 * type before the name (the name says more). */
		if (title_w + 6 > inner + 4 && title_w > S_MIN_FIELD)
			title_w--;
		else if (type_w > S_MIN_FIELD)
			type_w--;
		else if (name_w > S_MIN_FIELD)
			name_w--;
		else if (title_w > S_MIN_FIELD)
			title_w--;
		else
			break;
	}
	b->t = t;
	b->w = (int)w;
	b->h = (int)n + 2;
	b->lines = xcalloc(n + 2, sizeof *b->lines);
	struct buf line = {0};
	buf_puts(&line, "┌─ ");
	S_put_field(&line, title, title_w);
	buf_putc(&line, ' ');
	buf_repeat(&line, "─", w - title_w - 5);
	buf_puts(&line, "┐");
	b->lines[0] = buf_detach(&line);
	for (size_t c = 0; c < n; c++) {
		buf_puts(&line, "│ ");
		if (mark_w) {
			S_put_field(&line, S_marker(t, c), mark_w);
			buf_putc(&line, ' ');
		}
		S_put_field(&line, names[c], name_w);
		if (type_w) {
			buf_putc(&line, ' ');
			S_put_field(&line, types[c], type_w);
		}
		buf_repeat(&line, " ", w - 4 - inner);
		buf_puts(&line, " │");
		b->lines[c + 1] = buf_detach(&line);
	}
	buf_puts(&line, "└");
	buf_repeat(&line, "─", w - 2);
	buf_puts(&line, "┘");
	b->lines[n + 1] = buf_detach(&line);
	for (size_t c = 0; c < n; c++) {
		free(names[c]);
		free(types[c]);
	}
	free(names);
	free(types);
	free(title);
}

static void S_box_free(struct S_box *b)
{
	for (int i = 0; i < b->h; i++)
		free(b->lines[i]);
	free(b->lines);
}

/* ---- the grid of cells ---- */

enum { S_EMPTY, S_BOXCELL, S_LINE, S_LABEL };
enum { S_N, S_E, S_S, S_W }; /* directions of movement, clockwise */
#define S_BIT(d) (1u << (d))
#define S_REV(d) (((d) + 2) & 3)

static const int S_dx[4] = {0, 1, 0, -1};
static const int S_dy[4] = {-1, 0, 1, 0};

/* Line characters by the directions a line leaves a cell in (S_BIT). */
static const char *const S_line_char[16] = {
    " ", "│", "─", "└", "│", "│", "┌", "├", "─", "┘", "─", "┴", "┐", "┤", "┬", "┼",
};

struct S_cell {
	char text[5]; /* S_BOXCELL, S_LABEL: one character; "" right of a wide one */
	unsigned char kind;
	unsigned char mask; /* S_LINE */
	bool blocked;       /* next to a box: lines may not run here */
	bool crossing;      /* two lines cross here: nothing more may */
	bool lane;          /* two cells beside a box's column rows: only a line
	                     * straight out of a port may run here, so that
	                     * labels never sit against a bend or a branch */
	int group;          /* S_LINE: the parent column the line starts from */
};

static int S_line_ends(unsigned mask)
{
	return (int)(mask & 1) + (int)(mask >> 1 & 1) + (int)(mask >> 2 & 1) + (int)(mask >> 3 & 1);
}

struct S_canvas {
	int w, h;
	struct S_cell *cells;
};

static struct S_cell *S_at(struct S_canvas *cv, int x, int y)
{
	return &cv->cells[(size_t)y * (size_t)cv->w + (size_t)x];
}

static bool S_inside(const struct S_canvas *cv, int x, int y)
{
	return x >= 0 && y >= 0 && x < cv->w && y < cv->h;
}

/* Writes s into the cells from (x, y) on, one character a cell (a wide
 * one takes two); characters that would pass the right edge are dropped. */
static void S_canvas_text(struct S_canvas *cv, int x, int y, const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		int cw = utf8_cp_width(cp);
		if (cw < 1)
			cw = 1;
		if (!S_inside(cv, x + cw - 1, y))
			return;
		struct S_cell *c = S_at(cv, x, y);
		c->kind = S_BOXCELL;
		memcpy(c->text, s + i, n);
		c->text[n] = '\0';
		if (cw == 2) {
			S_at(cv, x + 1, y)->kind = S_BOXCELL;
			S_at(cv, x + 1, y)->text[0] = '\0';
		}
		x += cw;
		i += n;
	}
}

/* Row y as text, trailing blanks dropped. */
static void S_canvas_row(struct S_canvas *cv, int y, struct buf *line)
{
	buf_reset(line);
	size_t kept = 0;
	for (int x = 0; x < cv->w; x++) {
		const struct S_cell *c = S_at(cv, x, y);
		switch (c->kind) {
		case S_EMPTY: buf_putc(line, ' '); break;
		case S_LINE: buf_puts(line, S_line_char[c->mask & 15]); break;
		default: buf_puts(line, c->text); break;
		}
		if (c->kind != S_EMPTY)
			kept = line->len;
	}
	buf_truncate(line, kept);
}

static bool S_row_empty(struct S_canvas *cv, int y)
{
	for (int x = 0; x < cv->w; x++)
		if (S_at(cv, x, y)->kind != S_EMPTY)
			return false;
	return true;
}

/* ---- the relationships ---- */

struct S_edge {
	int child, parent;         /* box (= table) indices */
	int child_row, parent_row; /* column indices in those tables */
	int group;                 /* edges from one parent column share their "1" */
};

struct S_ctx {
	const struct schema *s;
	int width;
	struct S_box *boxes;
	int n;
	struct S_edge *edges;
	int n_edges;
	bool *drawn; /* per edge, for the chosen layout */
};

static int S_table_index(const struct schema *s, const char *name)
{
	const struct schema_table *t = schema_table_named(s, name);
	return t ? (int)(t - s->tables) : -1;
}

/* The row a relationship attaches to in the parent: the referenced
 * column, else the first primary key column, else the first column. */
static int S_parent_row(const struct schema_table *p, const char *col)
{
	int r = schema_column_index(p, col);
	for (size_t c = 0; r < 0 && c < p->n_cols; c++)
		if (p->cols[c].pk_order == 1)
			r = (int)c;
	return r < 0 ? 0 : r;
}

static void S_collect_edges(struct S_ctx *cx)
{
	const struct schema *s = cx->s;
	size_t cap = 0;
	for (size_t i = 0; i < s->n_tables; i++) {
		const struct schema_table *t = &s->tables[i];
		for (size_t k = 0; k < t->n_fks; k++) {
			int p = S_table_index(s, t->fks[k].to_table);
			int r = schema_column_index(t, t->fks[k].from_col);
			if (p < 0 || r < 0)
				continue;
			xgrow((void **)&cx->edges, &cap, (size_t)cx->n_edges + 1,
			      sizeof *cx->edges);
			struct S_edge *e = &cx->edges[cx->n_edges];
			e->child = (int)i;
			e->child_row = r;
			e->parent = p;
			e->parent_row = S_parent_row(&s->tables[p], t->fks[k].to_col);
			e->group = cx->n_edges;
			for (int j = 0; j < cx->n_edges; j++)
				if (cx->edges[j].parent == p &&
				    cx->edges[j].parent_row == e->parent_row) {
					e->group = cx->edges[j].group;
					break;
				}
			cx->n_edges++;
		}
	}
}

/* ---- columns ---- */

/* Longest-path layers: each table one layer right of its furthest parent.
 * flip[e] turns edge e round (an association's second end goes to its
 * right). A cycle stops growing at n; the layers are then numbered
 * 0, 1, ... without holes. Returns the number of layers. */
static int S_layers(const struct S_ctx *cx, const bool *flip, int *layer)
{
	for (int i = 0; i < cx->n; i++)
		layer[i] = 0;
	for (int round = 0; round < cx->n; round++) {
		bool changed = false;
		for (int k = 0; k < cx->n_edges; k++) {
			const struct S_edge *e = &cx->edges[k];
			if (e->child == e->parent)
				continue;
			int from = flip && flip[k] ? e->child : e->parent;
			int to = flip && flip[k] ? e->parent : e->child;
			if (layer[to] < layer[from] + 1 && layer[from] + 1 < cx->n) {
				layer[to] = layer[from] + 1;
				changed = true;
			}
		}
		if (!changed)
			break;
	}
	int used = 0;
	for (int l = 0; l < cx->n; l++) {
		bool any = false;
		for (int i = 0; i < cx->n; i++)
			if (layer[i] == l) {
				layer[i] = -1 - used;
				any = true;
			}
		used += any;
	}
	for (int i = 0; i < cx->n; i++)
		layer[i] = -1 - layer[i];
	return used;
}

/* The edges to turn round so that each association table stands between
 * its two ends: the end further right (by the plain layers) stays its
 * parent, the other goes to its right. Returns false when there is none. */
static bool S_association_flips(const struct S_ctx *cx, const int *plain, bool *flip)
{
	bool any = false;
	for (int k = 0; k < cx->n_edges; k++)
		flip[k] = false;
	for (int a = 0; a < cx->n; a++) {
		const char *ends[2];
		if (!schema_association_ends(cx->boxes[a].t, ends))
			continue;
		int x = S_table_index(cx->s, ends[0]), y = S_table_index(cx->s, ends[1]);
		if (x < 0 || y < 0)
			continue;
		int right = plain[y] > plain[x] ? x : y;
		for (int k = 0; k < cx->n_edges; k++)
			if (cx->edges[k].child == a && cx->edges[k].parent == right) {
				flip[k] = true;
				any = true;
			}
	}
	return any;
}

/* ---- one candidate layout ---- */

struct S_cand {
	int n_cols;
	int *col, *pos; /* per box: its column and its place in it */
	int *x, *y;     /* per box: top-left cell */
	struct S_canvas cv;
	bool *drawn; /* per edge */
	long score;
};

static void S_cand_free(struct S_cand *cd)
{
	free(cd->col);
	free(cd->pos);
	free(cd->x);
	free(cd->y);
	free(cd->cv.cells);
	free(cd->drawn);
	memset(cd, 0, sizeof *cd);
}

/* Orders the boxes of each column by where their neighbours in the next
 * column over stand (the barycentre rule), sweeping right then left, so
 * that lines cross less. Starts from name order. */
static void S_order(const struct S_ctx *cx, struct S_cand *cd)
{
	int *key = xcalloc((size_t)cx->n + 1, sizeof *key);
	int *members = xcalloc((size_t)cx->n + 1, sizeof *members);
	for (int c = 0; c < cd->n_cols; c++) {
		int p = 0;
		for (int i = 0; i < cx->n; i++)
			if (cd->col[i] == c)
				cd->pos[i] = p++;
	}
	for (int sweep = 0; sweep < 4; sweep++) {
		bool rightward = sweep % 2 == 0;
		for (int step = 1; step < cd->n_cols; step++) {
			int c = rightward ? step : cd->n_cols - 1 - step;
			int nb = rightward ? c - 1 : c + 1;
			int m = 0;
			for (int i = 0; i < cx->n; i++) {
				if (cd->col[i] != c)
					continue;
				int sum = 0, count = 0;
				for (int k = 0; k < cx->n_edges; k++) {
					const struct S_edge *e = &cx->edges[k];
					int other = e->child == i
					                ? e->parent
					                : (e->parent == i ? e->child : -1);
					if (other >= 0 && other != i && cd->col[other] == nb) {
						sum += cd->pos[other];
						count++;
					}
				}
				key[i] = count ? sum * 1000 / count : cd->pos[i] * 1000;
				members[m++] = i;
			}
			/* Insertion sort: stable, and columns are short. */
			for (int a = 1; a < m; a++)
				for (int b = a; b > 0; b--) {
					int l = members[b - 1], r = members[b];
					if (key[l] < key[r] ||
					    (key[l] == key[r] && cd->pos[l] <= cd->pos[r]))
						break;
					members[b - 1] = r;
					members[b] = l;
				}
			for (int a = 0; a < m; a++)
				cd->pos[members[a]] = a;
		}
	}
	free(key);
	free(members);
}

/* Relationships between box i, placed at row yy, and column other_col
 * that would run straight. */
static int S_aligned(const struct S_ctx *cx, const struct S_cand *cd, int i, int yy, int other_col)
{
	int n = 0;
	for (int k = 0; k < cx->n_edges; k++) {
		const struct S_edge *e = &cx->edges[k];
		if (e->child == i && e->parent != i && cd->col[e->parent] == other_col &&
		    yy + e->child_row == cd->y[e->parent] + e->parent_row)
			n++;
		if (e->parent == i && e->child != i && cd->col[e->child] == other_col &&
		    yy + e->parent_row == cd->y[e->child] + e->child_row)
			n++;
	}
	return n;
}

/* The boxes of column c in their order. */
static int S_column(const struct S_ctx *cx, const struct S_cand *cd, int c, int *members)
{
	int m = 0;
	for (int p = 0; p < cx->n; p++)
		for (int i = 0; i < cx->n; i++)
			if (cd->col[i] == c && cd->pos[i] == p)
				members[m++] = i;
	return m;
}

/* Moves boxes up or down (keeping their order in the column) so that as
 * many relationships as possible to the column on the left run straight. */
static void S_align(const struct S_ctx *cx, struct S_cand *cd)
{
	int *members = xcalloc((size_t)cx->n + 1, sizeof *members);
	for (int c = 1; c < cd->n_cols; c++) {
		int m = S_column(cx, cd, c, members);
		int prev_end = 0;
		for (int a = 0; a < m; a++) {
			int i = members[a];
			int natural = a == 0 ? cd->y[i] : prev_end + S_VGAP;
			int lo = a == 0 ? natural - S_SHIFT : natural;
			int best = natural, best_n = 0;
			for (int yy = lo; yy <= natural + S_SHIFT; yy++) {
				int got = S_aligned(cx, cd, i, yy, c - 1);
				if (got > best_n || (got == best_n && got > 0 &&
				                     abs(yy - natural) < abs(best - natural))) {
					best = yy;
					best_n = got;
				}
			}
			cd->y[i] = best;
			prev_end = best + cx->boxes[i].h;
		}
	}
	free(members);
}

/* Places the boxes of a candidate whose columns and order are set: column
 * gaps wide enough for the lines expected in them (tight: one cell per
 * line; otherwise one blank between lines). Returns false when it is
 * wider than the width. */
static bool S_place(const struct S_ctx *cx, struct S_cand *cd, bool tight, bool align)
{
	int nc = cd->n_cols;
	int *colw = xcalloc((size_t)nc + 1, sizeof *colw);
	int *tracks = xcalloc((size_t)nc + 1, sizeof *tracks);
	int *members = xcalloc((size_t)cx->n + 1, sizeof *members);
	for (int i = 0; i < cx->n; i++)
		if (cx->boxes[i].w > colw[cd->col[i]])
			colw[cd->col[i]] = cx->boxes[i].w;
	for (int k = 0; k < cx->n_edges; k++) {
		int a = cd->col[cx->edges[k].child], b = cd->col[cx->edges[k].parent];
		if (a == b)
			tracks[a]++;
		for (int g = a < b ? a : b; g < (a < b ? b : a); g++)
			tracks[g]++;
	}
	int x = 0, total = 0;
	for (int c = 0; c < nc; c++) {
		int gap = tracks[c] == 0 ? 3 : (tight ? 2 + tracks[c] : 3 + 2 * tracks[c]);
		for (int i = 0; i < cx->n; i++)
			if (cd->col[i] == c)
				cd->x[i] = x;
		total = x + colw[c] + (c == nc - 1 && tracks[c] ? gap : 0);
		x += colw[c] + gap;
	}
	bool fits = total <= cx->width;
	if (fits) {
		for (int c = 0; c < nc; c++) {
			int m = S_column(cx, cd, c, members), y = 0;
			for (int a = 0; a < m; a++) {
				cd->y[members[a]] = y;
				y += cx->boxes[members[a]].h + S_VGAP;
			}
		}
		if (align)
			S_align(cx, cd);
		int top = INT_MAX, bottom = 0;
		for (int i = 0; i < cx->n; i++) {
			top = cd->y[i] < top ? cd->y[i] : top;
			bottom =
			    cd->y[i] + cx->boxes[i].h > bottom ? cd->y[i] + cx->boxes[i].h : bottom;
		}
		for (int i = 0; i < cx->n; i++)
			cd->y[i] += S_MARGIN - top;
		cd->cv.w = total + 4 < cx->width ? total + 4 : cx->width;
		cd->cv.h = bottom - top + 2 * S_MARGIN;
	}
	free(colw);
	free(tracks);
	free(members);
	return fits;
}

static void S_paint_boxes(const struct S_ctx *cx, struct S_cand *cd)
{
	struct S_canvas *cv = &cd->cv;
	cv->cells = xcalloc((size_t)cv->w * (size_t)cv->h, sizeof *cv->cells);
	for (int i = 0; i < cx->n; i++) {
		const struct S_box *b = &cx->boxes[i];
		for (int r = 0; r < b->h; r++)
			S_canvas_text(cv, cd->x[i], cd->y[i] + r, b->lines[r]);
		for (int yy = cd->y[i] - 1; yy <= cd->y[i] + b->h; yy++)
			for (int xx = cd->x[i] - 1; xx <= cd->x[i] + b->w; xx++)
				if (S_inside(cv, xx, yy))
					S_at(cv, xx, yy)->blocked = true;
		for (int yy = cd->y[i] + 1; yy < cd->y[i] + b->h - 1; yy++) {
			if (S_inside(cv, cd->x[i] - 2, yy))
				S_at(cv, cd->x[i] - 2, yy)->lane = true;
			if (S_inside(cv, cd->x[i] + b->w + 1, yy))
				S_at(cv, cd->x[i] + b->w + 1, yy)->lane = true;
		}
	}
}

/* ---- routing ---- */

struct S_heap {
	long *cost;
	int *state;
	size_t n, cap;
};

static void S_heap_push(struct S_heap *h, long cost, int state)
{
	if (h->n == h->cap) {
		size_t cap = h->cap;
		xgrow((void **)&h->cost, &cap, h->n + 1, sizeof *h->cost);
		xgrow((void **)&h->state, &h->cap, h->n + 1, sizeof *h->state);
	}
	size_t i = h->n++;
	while (i > 0) {
		size_t up = (i - 1) / 2;
		if (h->cost[up] <= cost)
			break;
		h->cost[i] = h->cost[up];
		h->state[i] = h->state[up];
		i = up;
	}
	h->cost[i] = cost;
	h->state[i] = state;
}

static void S_heap_pop(struct S_heap *h, long *cost, int *state)
{
	*cost = h->cost[0];
	*state = h->state[0];
	long last_cost = h->cost[--h->n];
	int last_state = h->state[h->n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->cost[c + 1] < h->cost[c])
			c++;
		if (h->cost[c] >= last_cost)
			break;
		h->cost[i] = h->cost[c];
		h->state[i] = h->state[c];
		i = c;
	}
	h->cost[i] = last_cost;
	h->state[i] = last_state;
}

/* The cell just outside box i at column row r, on the right (side 0) or
 * the left (side 1), and the direction leading away from the box. */
static void S_port(const struct S_ctx *cx, const struct S_cand *cd, int i, int r, int side, int *px,
                   int *py, int *dir)
{
	*py = cd->y[i] + 1 + r;
	*px = side == 0 ? cd->x[i] + cx->boxes[i].w : cd->x[i] - 1;
	*dir = side == 0 ? S_E : S_W;
}

/* One route's shortest-path search. A state is a cell and the direction
 * the line moves in as it enters it: (y * w + x) * 4 + direction. */
struct S_search {
	struct S_canvas *cv;
	const struct S_edge *e;
	long *dist;
	int *prev;
	struct S_heap heap;
	int goal_cell[2], goal_dir[2]; /* the "*" cells beside the child column */
};

static void S_seed(struct S_search *q, int cell, int dir)
{
	int s = cell * 4 + dir;
	q->dist[s] = 0;
	S_heap_push(&q->heap, 0, s);
}

/* Where the search starts (the parent's free ports, and the cells of lines
 * from the same parent column, which may branch wherever they run straight
 * or bend) and where it may end (the child's free ports). */
static void S_search_ends(const struct S_ctx *cx, const struct S_cand *cd, struct S_search *q)
{
	struct S_canvas *cv = q->cv;
	const struct S_edge *e = q->e;
	for (int side = 0; side < 2; side++) {
		int px, py, dir;
		S_port(cx, cd, e->parent, e->parent_row, side, &px, &py, &dir);
		if (S_inside(cv, px, py) && S_at(cv, px, py)->kind == S_EMPTY)
			S_seed(q, py * cv->w + px, dir);
		q->goal_cell[side] = -1;
		S_port(cx, cd, e->child, e->child_row, side, &px, &py, &dir);
		if (S_inside(cv, px, py) && S_at(cv, px, py)->kind == S_EMPTY) {
			q->goal_cell[side] = py * cv->w + px;
			q->goal_dir[side] = S_REV(dir);
		}
	}
	for (int cell = 0; cell < cv->w * cv->h; cell++) {
		const struct S_cell *c = &cv->cells[cell];
		if (c->kind != S_LINE || c->group != e->group || c->crossing || c->lane ||
		    S_line_ends(c->mask) != 2)
			continue;
		for (int d = 0; d < 4; d++)
			if (!(c->mask & S_BIT(d)))
				S_seed(q, cell, d);
	}
}

static bool S_is_goal(const struct S_search *q, int cell, int dir)
{
	return (cell == q->goal_cell[0] && dir == q->goal_dir[0]) ||
	       (cell == q->goal_cell[1] && dir == q->goal_dir[1]);
}

/* The extra cost of moving into cell (x, y) in direction dir, or -1 when a
 * line may not go there: into a box or next to one (but for the goal), up
 * or down a port's lane, along or over a crossing, or along another line. */
static long S_enter_cost(const struct S_search *q, int x, int y, int dir)
{
	const struct S_canvas *cv = q->cv;
	const struct S_cell *next = &cv->cells[y * cv->w + x];
	bool across = dir == S_E || dir == S_W;
	if (S_is_goal(q, y * cv->w + x, dir))
		return 0;
	if (next->lane && !across)
		return -1;
	if (next->kind == S_LINE) {
		unsigned other = across ? S_BIT(S_N) | S_BIT(S_S) : S_BIT(S_E) | S_BIT(S_W);
		if (next->crossing || next->group == q->e->group || next->mask != other)
			return -1;
		return S_CROSS;
	}
	if (next->kind != S_EMPTY || next->blocked)
		return -1;
	/* Keep a blank between parallel lines where there is room. */
	long extra = 0;
	for (int side = 1; side <= 3; side += 2) {
		int sx = x + S_dx[(dir + side) & 3], sy = y + S_dy[(dir + side) & 3];
		if (!S_inside(cv, sx, sy))
			continue;
		const struct S_cell *beside = &cv->cells[sy * cv->w + sx];
		if (beside->kind == S_LINE && beside->group != q->e->group)
			extra += S_NEAR;
	}
	return extra;
}

/* Dijkstra from the seeds; returns the goal state reached, or -1. */
static int S_search_run(struct S_search *q)
{
	struct S_canvas *cv = q->cv;
	while (q->heap.n > 0) {
		long cost;
		int s;
		S_heap_pop(&q->heap, &cost, &s);
		if (cost > q->dist[s])
			continue;
		int cell = s / 4, d = s % 4;
		if (S_is_goal(q, cell, d))
			return s;
		const struct S_cell *here = &cv->cells[cell];
		/* Out of a port, a branch point, a lane or a crossing a line
		 * goes straight on. */
		bool straight_only = here->kind != S_EMPTY || here->blocked || here->lane;
		static const int turns[3] = {0, 1, 3};
		for (int t = 0; t < 3; t++) {
			int nd = (d + turns[t]) & 3;
			if (straight_only && nd != d)
				continue;
			int nx = cell % cv->w + S_dx[nd], ny = cell / cv->w + S_dy[nd];
			if (!S_inside(cv, nx, ny))
				continue;
			long extra = S_enter_cost(q, nx, ny, nd);
			if (extra < 0)
				continue;
			long step = cost + S_STEP + (nd != d ? S_BEND : 0) + extra;
			int ns = (ny * cv->w + nx) * 4 + nd;
			if (step < q->dist[ns]) {
				q->dist[ns] = step;
				q->prev[ns] = s;
				S_heap_push(&q->heap, step, ns);
			}
		}
	}
	return -1;
}

/* Sets a port: the label beside the box and a tee in its border. */
static void S_paint_port(struct S_canvas *cv, int cell, int toward_box, const char *label)
{
	struct S_cell *c = &cv->cells[cell];
	c->kind = S_LABEL;
	strcpy(c->text, label);
	struct S_cell *border = S_at(cv, cell % cv->w + S_dx[toward_box], cell / cv->w);
	strcpy(border->text, toward_box == S_W ? "├" : "┤");
}

/* Paints the route ending in state reached, walking back to its start. */
static void S_paint_route(struct S_search *q, int reached)
{
	struct S_canvas *cv = q->cv;
	int s = reached, goal = reached / 4;
	S_paint_port(cv, goal, reached % 4, "*");
	while (q->prev[s] >= 0) {
		int p = q->prev[s];
		int d = s % 4, cell = s / 4;
		struct S_cell *c = &cv->cells[cell], *pc = &cv->cells[p / 4];
		if (cell != goal) {
			if (c->kind == S_LINE && c->group != q->e->group)
				c->crossing = true;
			else
				c->group = q->e->group;
			c->kind = S_LINE;
			c->mask |= (unsigned char)S_BIT(S_REV(d));
		}
		/* The start is a port (no line in it) or a branch point. */
		if (q->prev[p] >= 0 || pc->kind == S_LINE)
			pc->mask |= (unsigned char)S_BIT(d);
		s = p;
	}
	if (cv->cells[s / 4].kind == S_EMPTY)
		S_paint_port(cv, s / 4, S_REV(s % 4), "1");
}

/* Routes edge k on the canvas (from the parent's "1" to the child's "*")
 * and paints it. Returns the route's cost, or -1 when there is no way. */
static long S_route(const struct S_ctx *cx, struct S_cand *cd, int k, long *dist, int *prev)
{
	struct S_search q = {.cv = &cd->cv, .e = &cx->edges[k], .dist = dist, .prev = prev};
	int n_states = q.cv->w * q.cv->h * 4;
	for (int s = 0; s < n_states; s++) {
		dist[s] = LONG_MAX;
		prev[s] = -1;
	}
	S_search_ends(cx, cd, &q);
	int reached = S_search_run(&q);
	free(q.heap.cost);
	free(q.heap.state);
	if (reached < 0)
		return -1;
	long total = dist[reached];
	S_paint_route(&q, reached);
	return total;
}

/* Routes every edge (short ones first), adding to the score. Gives up
 * (returning false) once the score reaches bound: the candidate has lost. */
static bool S_route_all(const struct S_ctx *cx, struct S_cand *cd, long bound)
{
	size_t n_states = (size_t)cd->cv.w * (size_t)cd->cv.h * 4;
	long *dist = xcalloc(n_states, sizeof *dist);
	int *prev = xcalloc(n_states, sizeof *prev);
	cd->drawn = xcalloc((size_t)cx->n_edges + 1, sizeof *cd->drawn);
	for (int span = 0; span <= cd->n_cols && cd->score < bound; span++)
		for (int k = 0; k < cx->n_edges && cd->score < bound; k++) {
			const struct S_edge *e = &cx->edges[k];
			int d = abs(cd->col[e->child] - cd->col[e->parent]);
			/* Neighbouring columns first, then within a column, then
			 * across several columns. */
			int rank = d == 1 ? 0 : (d == 0 ? 1 : d);
			if (rank != span)
				continue;
			long cost = S_route(cx, cd, k, dist, prev);
			cd->drawn[k] = cost >= 0;
			cd->score += cost >= 0 ? cost : S_UNDRAWN;
		}
	free(dist);
	free(prev);
	if (cd->score >= bound)
		return false;
	for (int y = 0; y < cd->cv.h; y++)
		if (!S_row_empty(&cd->cv, y))
			cd->score += S_ROW;
	for (int a = 0; a < cx->n; a++) {
		const char *ends[2];
		if (!schema_association_ends(cx->boxes[a].t, ends))
			continue;
		int x = S_table_index(cx->s, ends[0]), y = S_table_index(cx->s, ends[1]);
		if (x < 0 || y < 0)
			continue;
		int lo = cd->col[x] < cd->col[y] ? cd->col[x] : cd->col[y];
		int hi = cd->col[x] < cd->col[y] ? cd->col[y] : cd->col[x];
		/* The link reads best in a column of its own between its ends. */
		if (cd->col[a] <= lo || cd->col[a] >= hi)
			cd->score += S_ASSOC_APART;
	}
	return cd->score < bound;
}

/* Builds, places and routes one candidate from per-table columns; keeps
 * it in *best when it beats what is there. Returns whether it fits the
 * width. */
static bool S_try(const struct S_ctx *cx, const int *col, int n_cols, bool tight, bool align,
                  struct S_cand *best)
{
	struct S_cand cd = {0};
	cd.n_cols = n_cols;
	cd.col = xcalloc((size_t)cx->n, sizeof *cd.col);
	cd.pos = xcalloc((size_t)cx->n, sizeof *cd.pos);
	cd.x = xcalloc((size_t)cx->n, sizeof *cd.x);
	cd.y = xcalloc((size_t)cx->n, sizeof *cd.y);
	memcpy(cd.col, col, (size_t)cx->n * sizeof *col);
	S_order(cx, &cd);
	bool fits = S_place(cx, &cd, tight, align);
	if (fits) {
		S_paint_boxes(cx, &cd);
		/* Lines a cell long are hard to follow: narrow gaps only when
		 * they buy something. */
		cd.score = tight ? S_TIGHT : 0;
		if (S_route_all(cx, &cd, best->col ? best->score : LONG_MAX)) {
			S_cand_free(best);
			*best = cd;
			return true;
		}
	}
	S_cand_free(&cd);
	return fits;
}

/* Tries the arrangements of the file comment; false when none fits. */
static bool S_layout(const struct S_ctx *cx, struct S_cand *best)
{
	int n = cx->n;
	int *plain = xcalloc((size_t)n, sizeof *plain);
	int *between = xcalloc((size_t)n, sizeof *between);
	int *col = xcalloc((size_t)n, sizeof *col);
	bool *flip = xcalloc((size_t)cx->n_edges + 1, sizeof *flip);
	int n_plain = S_layers(cx, NULL, plain);
	int n_between = 0;
	if (S_association_flips(cx, plain, flip))
		n_between = S_layers(cx, flip, between);
	for (int variant = 0; variant < 2; variant++) {
		const int *layer = variant == 0 ? between : plain;
		int n_layers = variant == 0 ? n_between : n_plain;
		/* Unrelated tables all sit in layer 0: share them out instead. */
		bool spread = n_layers == 1;
		int most = spread ? (n < 4 ? n : 4) : n_layers;
		for (int k = most; k >= 2; k--) {
			for (int i = 0; i < n; i++)
				col[i] = spread ? i % k : (layer[i] < k - 1 ? layer[i] : k - 1);
			/* Narrow gaps only when the comfortable ones do not fit. */
			bool fits = false;
			for (int tight = 0; tight < 2 && !fits; tight++)
				for (int align = 0; align < 2; align++)
					fits |= S_try(cx, col, k, tight, align, best);
		}
	}
	free(plain);
	free(between);
	free(col);
	free(flip);
	return best->col != NULL;
}

/* ---- the words under the drawing ---- */

static void S_put_name(struct buf *b, const char *s)
{
	char *clean = S_clean(s);
	buf_puts(b, clean);
	free(clean);
}

/* Appends "left right" as one line, or, when that is too wide, left and
 * then right indented under it. */
static void S_emit_pair(struct buf *out, const char *left, const char *right, int width)
{
	struct buf line = {0};
	buf_puts(&line, left);
	buf_putc(&line, ' ');
	buf_puts(&line, right);
	if (S_width(buf_cstr(&line)) <= (size_t)width) {
		S_emit(out, buf_cstr(&line), width);
	} else {
		S_emit(out, left, width);
		buf_reset(&line);
		buf_puts(&line, "  ");
		buf_puts(&line, right);
		S_emit(out, buf_cstr(&line), width);
	}
	buf_free(&line);
}

/* "ponies.owner_id *──1 owners.id", with what happens on delete and
 * update when it is not the default. */
static void S_relationship_line(const struct S_ctx *cx, const struct schema_table *t,
                                const struct schema_fk *fk, struct buf *out)
{
	struct buf left = {0}, right = {0};
	S_put_name(&left, t->name);
	buf_putc(&left, '.');
	S_put_name(&left, fk->from_col);
	buf_puts(&left, " *──1");
	S_put_name(&right, fk->to_table);
	buf_putc(&right, '.');
	S_put_name(&right, fk->to_col);
	if (!schema_table_named(cx->s, fk->to_table))
		buf_puts(&right, " (no such table)");
	if (strcmp(fk->on_delete, "NO ACTION") != 0) {
		buf_puts(&right, ", on delete ");
		S_put_name(&right, fk->on_delete);
	}
	if (strcmp(fk->on_update, "NO ACTION") != 0) {
		buf_puts(&right, ", on update ");
		S_put_name(&right, fk->on_update);
	}
	S_emit_pair(out, buf_cstr(&left), buf_cstr(&right), cx->width);
	buf_free(&left);
	buf_free(&right);
}

/* Whether t's k-th foreign key is drawn in the chosen layout. */
static bool S_fk_drawn(const struct S_ctx *cx, const struct schema_table *t, size_t k)
{
	if (!cx->drawn)
		return false;
	int i = (int)(t - cx->s->tables);
	int p = S_table_index(cx->s, t->fks[k].to_table);
	int r = schema_column_index(t, t->fks[k].from_col);
	for (int e = 0; e < cx->n_edges; e++)
		if (cx->edges[e].child == i && cx->edges[e].parent == p &&
		    cx->edges[e].child_row == r)
			return cx->drawn[e];
	return false;
}

/* Words are joined with " · " and wrapped to the width. */
static void S_put_wrapped(struct buf *out, const char *const *items, size_t n, int width)
{
	struct buf line = {0};
	for (size_t i = 0; i < n; i++) {
		if (line.len && S_width(buf_cstr(&line)) + 3 + S_width(items[i]) > (size_t)width) {
			S_emit(out, buf_cstr(&line), width);
			buf_reset(&line);
		}
		if (line.len)
			buf_puts(&line, " · ");
		buf_puts(&line, items[i]);
	}
	if (line.len)
		S_emit(out, buf_cstr(&line), width);
	buf_free(&line);
}

static void S_notes(const struct S_ctx *cx, struct buf *out)
{
	const struct schema *s = cx->s;
	for (size_t i = 0; i < s->n_tables; i++)
		for (size_t k = 0; k < s->tables[i].n_fks; k++)
			if (!S_fk_drawn(cx, &s->tables[i], k))
				S_relationship_line(cx, &s->tables[i], &s->tables[i].fks[k], out);
	for (size_t i = 0; i < s->n_tables; i++) {
		const char *ends[2];
		if (!schema_association_ends(&s->tables[i], ends))
			continue;
		struct buf left = {0}, right = {0};
		S_put_name(&left, ends[0]);
		buf_puts(&left, " *──* ");
		S_put_name(&left, ends[1]);
		buf_puts(&right, "through ");
		S_put_name(&right, s->tables[i].name);
		S_emit_pair(out, buf_cstr(&left), buf_cstr(&right), cx->width);
		buf_free(&left);
		buf_free(&right);
	}
	if (s->n_views) {
		struct buf line = {0};
		buf_puts(&line, s->n_views == 1 ? "View: " : "Views: ");
		for (size_t v = 0; v < s->n_views; v++) {
			if (v)
				buf_puts(&line, ", ");
			S_put_name(&line, s->views[v]);
		}
		S_emit(out, buf_cstr(&line), cx->width);
		buf_free(&line);
	}
	static const char *const legend[] = {"PK primary key", "FK foreign key",
	                                     "1──* one-to-many"};
	S_put_wrapped(out, legend, sizeof legend / sizeof *legend, cx->width);
}

/* ---- drawing ---- */

static void S_draw_layout(const struct S_ctx *cx, struct S_cand *cd, struct buf *out)
{
	struct S_canvas *cv = &cd->cv;
	int top = 0, bottom = cv->h - 1;
	while (top < bottom && S_row_empty(cv, top))
		top++;
	while (bottom > top && S_row_empty(cv, bottom))
		bottom--;
	struct buf line = {0};
	for (int y = top; y <= bottom; y++) {
		S_canvas_row(cv, y, &line);
		S_emit(out, buf_cstr(&line), cx->width);
	}
	buf_free(&line);
}

/* Parents before children (by the plain layers), then by name. */
static void S_draw_stacked(const struct S_ctx *cx, struct buf *out)
{
	int *layer = xcalloc((size_t)cx->n + 1, sizeof *layer);
	S_layers(cx, NULL, layer);
	bool first = true;
	for (int l = 0; l < cx->n; l++)
		for (int i = 0; i < cx->n; i++) {
			if (layer[i] != l)
				continue;
			if (!first)
				S_emit(out, "", cx->width);
			first = false;
			for (int r = 0; r < cx->boxes[i].h; r++)
				S_emit(out, cx->boxes[i].lines[r], cx->width);
		}
	free(layer);
}

void er_draw(const struct schema *s, int width, struct buf *out)
{
	if (width < 1)
		return;
	struct S_ctx cx = {.s = s, .width = width, .n = (int)s->n_tables};
	cx.boxes = xcalloc(s->n_tables + 1, sizeof *cx.boxes);
	for (size_t i = 0; i < s->n_tables; i++)
		S_box_build(&cx.boxes[i], &s->tables[i], width);
	S_collect_edges(&cx);
	struct S_cand best = {0};
	if (cx.n == 0)
		S_emit(out, "(no tables)", width);
	else if (cx.n <= S_MAX_LAID_OUT && S_layout(&cx, &best)) {
		cx.drawn = best.drawn;
		S_draw_layout(&cx, &best, out);
	} else {
		S_draw_stacked(&cx, out);
	}
	S_emit(out, "", width);
	S_notes(&cx, out);
	S_cand_free(&best);
	for (int i = 0; i < cx.n; i++)
		S_box_free(&cx.boxes[i]);
	free(cx.boxes);
	free(cx.edges);
}
