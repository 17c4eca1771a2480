/* layout_table: GFM tables that always fit the width.
 *
 * Column widths are shared out by content: every column gets its natural
 * width when the table fits; otherwise each first gets room for its
 * longest word and the rest is shared in proportion to what each column
 * still wants. Cells wrap at words (long words break). When even a
 * six-column-wide cell per column cannot fit, the grid is abandoned and
 * each row becomes a record of "Header: value" lines, so text is never
 * cut and the width never overflows. */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "md/layout_internal.h"

struct S_slice {
	size_t start, end;
};

struct S_cell {
	struct md_flat flat;
	struct S_slice *slices;
	size_t nslices, cap;
};

struct S_table {
	size_t nrows, ncols;
	struct S_cell *cells; /* nrows * ncols */
	uint32_t *row_lines;  /* source line of each row */
	uint8_t *align;       /* 'l', 'c', 'r' or 0 per column */
	size_t *widths;
};

static void S_collect_slice(void *ctx, size_t start, size_t end)
{
	struct S_cell *cell = ctx;
	void *p = cell->slices;
	xgrow(&p, &cell->cap, cell->nslices + 1, sizeof *cell->slices);
	cell->slices = p;
	cell->slices[cell->nslices++] = (struct S_slice){start, end};
}

static void S_measure(const struct md_flat *flat, size_t *natural, size_t *longest_word)
{
	const char *s = buf_cstr(&flat->text);
	size_t len = flat->text.len, line = 0, word = 0;
	*natural = *longest_word = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		size_t w = (size_t)utf8_cp_width(cp);
		if (cp == '\n') {
			line = word = 0;
		} else if (cp == ' ') {
			line += w;
			word = 0;
		} else {
			line += w;
			word += w;
		}
		if (line > *natural)
			*natural = line;
		if (word > *longest_word)
			*longest_word = word;
		i += n;
	}
}

/* Shares `room` columns among the columns as described at the top. */
static void S_share_widths(struct S_table *t, const size_t *natural, const size_t *minw,
                           size_t room)
{
	size_t n = t->ncols, sum_nat = 0, sum = 0;
	for (size_t c = 0; c < n; c++)
		sum_nat += natural[c] ? natural[c] : 1;
	if (sum_nat <= room) {
		for (size_t c = 0; c < n; c++)
			t->widths[c] = natural[c] ? natural[c] : 1;
		return;
	}
	for (size_t c = 0; c < n; c++) {
		size_t w = minw[c] < natural[c] ? minw[c] : natural[c];
		t->widths[c] = w ? w : 1;
		sum += t->widths[c];
	}
	if (sum > room) {
		size_t total = 0;
		for (size_t c = 0; c < n; c++) {
			size_t w = t->widths[c] * room / sum;
			t->widths[c] = w < 3 ? 3 : w;
			total += t->widths[c];
		}
		while (total > room) { /* rounding up to 3 can overshoot: trim the widest */
			size_t widest = 0;
			for (size_t c = 1; c < n; c++)
				if (t->widths[c] > t->widths[widest])
					widest = c;
			t->widths[widest]--;
			total--;
		}
		return;
	}
	size_t rest = room - sum, want_total = 0, given = 0;
	for (size_t c = 0; c < n; c++)
		want_total += natural[c] > t->widths[c] ? natural[c] - t->widths[c] : 0;
	for (size_t c = 0; c < n && want_total; c++) {
		size_t want = natural[c] > t->widths[c] ? natural[c] - t->widths[c] : 0;
		size_t add = want * rest / want_total;
		t->widths[c] += add;
		given += add;
	}
	while (given < rest) { /* hand out what rounding left, one column at a time */
		size_t before = given;
		for (size_t c = 0; c < n && given < rest; c++)
			if (natural[c] > t->widths[c]) {
				t->widths[c]++;
				given++;
			}
		if (given == before)
			break;
	}
}

static void S_border(struct md_builder *b, const struct S_table *t, const char *left,
                     const char *mid, const char *right, struct md_pos pos)
{
	md_builder_line_begin(b);
	struct buf line = {0};
	size_t cols = 1 + t->ncols;
	buf_puts(&line, left);
	for (size_t c = 0; c < t->ncols; c++) {
		buf_repeat(&line, "─", t->widths[c] + 2);
		buf_puts(&line, c + 1 < t->ncols ? mid : right);
		cols += t->widths[c] + 2;
	}
	md_builder_append_cols(b, line.data, line.len, cols, MD_STYLE_TABLE_BORDER, 0, -1);
	buf_free(&line);
	md_builder_line_end(b, pos, -1);
}

static void S_pad(struct md_builder *b, size_t n)
{
	static const char spaces[] = "                                ";
	while (n) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		md_builder_append_cols(b, spaces, k, k, MD_STYLE_TEXT, 0, -1);
		n -= k;
	}
}

static void S_grid_row(struct md_builder *b, struct S_table *t, size_t r)
{
	size_t height = 1;
	for (size_t c = 0; c < t->ncols; c++) {
		struct S_cell *cell = &t->cells[r * t->ncols + c];
		md_wrap_slices(buf_cstr(&cell->flat.text), cell->flat.text.len, t->widths[c],
		               S_collect_slice, cell);
		if (cell->nslices > height)
			height = cell->nslices;
	}
	for (size_t k = 0; k < height; k++) {
		md_builder_line_begin(b);
		md_builder_append_cols(b, "│", strlen("│"), 1, MD_STYLE_TABLE_BORDER, 0, -1);
		for (size_t c = 0; c < t->ncols; c++) {
			struct S_cell *cell = &t->cells[r * t->ncols + c];
			size_t used = 0;
			const struct S_slice *s = k < cell->nslices ? &cell->slices[k] : NULL;
			if (s)
				used = utf8_width(buf_cstr(&cell->flat.text) + s->start,
				                  s->end - s->start);
			size_t space = t->widths[c] > used ? t->widths[c] - used : 0;
			size_t before = t->align[c] == 'r'   ? space
			                : t->align[c] == 'c' ? space / 2
			                                     : 0;
			S_pad(b, 1 + before);
			if (s)
				md_flat_append_range(b, &cell->flat, s->start, s->end, 0);
			S_pad(b, space - before + 1);
			md_builder_append_cols(b, "│", strlen("│"), 1, MD_STYLE_TABLE_BORDER, 0,
			                       -1);
		}
		md_builder_line_end(b, (struct md_pos){t->row_lines[r], (uint32_t)k}, -1);
	}
}

/* The narrow fallback: "Header: value" per cell, a blank line between rows. */
static void S_records(struct md_builder *b, struct S_table *t)
{
	size_t first_body = t->nrows > 1 ? 1 : 0;
	for (size_t r = first_body; r < t->nrows; r++) {
		if (r > first_body) {
			md_builder_line_begin(b);
			md_builder_line_end(b, (struct md_pos){t->row_lines[r], 0}, -1);
		}
		for (size_t c = 0; c < t->ncols; c++) {
			struct md_flat rec = {0};
			const struct md_flat *head = &t->cells[c].flat;
			const struct md_flat *cell = &t->cells[r * t->ncols + c].flat;
			buf_append(&rec.text, buf_cstr(&head->text), head->text.len);
			if (r != 0) {
				buf_puts(&rec.text, ": ");
				buf_append(&rec.text, buf_cstr(&cell->text), cell->text.len);
			}
			/* Header in the header style; the value keeps its own runs. */
			rec.runs = xmalloc((cell->nruns + 1) * sizeof *rec.runs);
			rec.cap = cell->nruns + 1;
			rec.runs[rec.nruns++] = (struct md_run){0, (uint32_t)head->text.len,
			                                        MD_STYLE_TABLE_HEADER, 0, -1};
			size_t shift = head->text.len + 2;
			for (size_t i = 0; r != 0 && i < cell->nruns; i++) {
				struct md_run run = cell->runs[i];
				run.start += (uint32_t)shift;
				run.end += (uint32_t)shift;
				rec.runs[rec.nruns++] = run;
			}
			md_builder_wrap(b, &rec, t->row_lines[r], -1);
			md_flat_free(&rec);
		}
	}
}

void md_layout_table(struct md_builder *b, cmark_node *table)
{
	struct S_table t = {0};
	t.ncols = cmark_gfm_extensions_get_table_columns(table);
	for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row))
		t.nrows++;
	if (t.ncols == 0 || t.nrows == 0)
		return;
	t.cells = xcalloc(t.nrows * t.ncols, sizeof *t.cells);
	t.row_lines = xcalloc(t.nrows, sizeof *t.row_lines);
	t.align = xcalloc(t.ncols, 1);
	t.widths = xcalloc(t.ncols, sizeof *t.widths);
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	for (size_t c = 0; align && c < t.ncols; c++)
		t.align[c] = align[c];

	size_t r = 0;
	for (cmark_node *row = cmark_node_first_child(table); row;
	     row = cmark_node_next(row), r++) {
		t.row_lines[r] = (uint32_t)cmark_node_get_start_line(row);
		int header = cmark_gfm_extensions_get_table_row_is_header(row);
		size_t c = 0;
		for (cmark_node *cell = cmark_node_first_child(row); cell && c < t.ncols;
		     cell = cmark_node_next(cell), c++)
			md_flatten_inlines(b, cell, header ? MD_STYLE_TABLE_HEADER : MD_STYLE_TEXT,
			                   &t.cells[r * t.ncols + c].flat);
	}

	size_t *natural = xcalloc(t.ncols, sizeof *natural);
	size_t *minw = xcalloc(t.ncols, sizeof *minw);
	for (r = 0; r < t.nrows; r++)
		for (size_t c = 0; c < t.ncols; c++) {
			size_t nat, word;
			S_measure(&t.cells[r * t.ncols + c].flat, &nat, &word);
			if (nat > natural[c])
				natural[c] = nat;
			if (word > minw[c])
				minw[c] = word;
		}

	size_t avail = (size_t)b->width - md_builder_prefix_width(b);
	size_t overhead = 3 * t.ncols + 1;
	if (avail < overhead || avail - overhead < 6 * t.ncols) {
		S_records(b, &t);
	} else {
		S_share_widths(&t, natural, minw, avail - overhead);
		struct md_pos top = {t.row_lines[0], 0};
		S_border(b, &t, "┌", "┬", "┐", top);
		for (r = 0; r < t.nrows; r++) {
			S_grid_row(b, &t, r);
			if (r == 0 && t.nrows > 1)
				S_border(b, &t, "├", "┼", "┤",
				         (struct md_pos){t.row_lines[0], UINT32_MAX});
		}
		S_border(b, &t, "└", "┴", "┘",
		         (struct md_pos){t.row_lines[t.nrows - 1], UINT32_MAX});
	}

	for (size_t i = 0; i < t.nrows * t.ncols; i++) {
		md_flat_free(&t.cells[i].flat);
		free(t.cells[i].slices);
	}
	free(t.cells);
	free(t.row_lines);
	free(t.align);
	free(t.widths);
	free(natural);
	free(minw);
}
