/* draw: clipped, styled text output (see draw.h). */
#include "tui/draw.h"

#include <curses.h>
#include <string.h>

#include "core/utf8.h"

int draw_text(int y, int x, int max_cols, const char *text, size_t len, attr_t attr, short pair)
{
	if (max_cols <= 0 || !len)
		return 0;
	size_t cols;
	size_t n = utf8_prefix_fitting(text, len, (size_t)max_cols, &cols);
	attr_set(attr, pair, NULL);
	mvaddnstr(y, x, text, (int)n);
	attr_set(A_NORMAL, 0, NULL);
	return (int)cols;
}

int draw_ui_text(int y, int x, int max_cols, const char *text, enum theme_ui ui)
{
	short pair;
	attr_t a = theme_ui(ui, &pair);
	return draw_text(y, x, max_cols, text, strlen(text), a, pair);
}

void draw_fill(int y, int x, int cols, enum theme_ui ui)
{
	short pair;
	attr_t a = theme_ui(ui, &pair);
	attr_set(a, pair, NULL);
	for (int i = 0; i < cols; i++)
		mvaddch(y, x + i, ' ');
	attr_set(A_NORMAL, 0, NULL);
}

/* Draws [start, end) of the line in one style; returns columns used. */
static int S_segment(int y, int x, int max_cols, const struct md_line *line, uint32_t start,
                     uint32_t end, enum md_style style, unsigned attrs)
{
	short pair;
	attr_t a = theme_style(style, attrs, &pair);
	return draw_text(y, x, max_cols, line->text + start, end - start, a, pair);
}

void draw_md_line(int y, int x, int max_cols, const struct md_line *line,
                  const struct draw_overlay *overlays, size_t noverlays)
{
	int used = 0;
	uint32_t pos = 0;
	size_t ov = 0;
	size_t sp = 0;
	while (pos < line->len && used < max_cols) {
		while (sp < line->nspans && line->spans[sp].end <= pos)
			sp++;
		while (ov < noverlays && overlays[ov].end <= pos)
			ov++;
		/* The style at pos, and how far it lasts. */
		enum md_style style = MD_STYLE_TEXT;
		unsigned attrs = 0;
		uint32_t end = line->len;
		if (sp < line->nspans) {
			const struct md_span *s = &line->spans[sp];
			if (s->start <= pos) {
				style = (enum md_style)s->style;
				attrs = s->attrs;
				end = s->end;
			} else {
				end = s->start;
			}
		}
		if (ov < noverlays) {
			const struct draw_overlay *o = &overlays[ov];
			if (o->start <= pos) {
				style = o->style;
				if (o->end < end)
					end = o->end;
			} else if (o->start < end) {
				end = o->start;
			}
		}
		used += S_segment(y, x + used, max_cols - used, line, pos, end, style, attrs);
		pos = end;
	}
}
