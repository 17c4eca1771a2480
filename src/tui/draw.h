/* draw: putting styled text on the screen, clipped to a width.
 *
 * All drawing of document text goes through here, so clipping by display
 * width (wide characters never straddle the edge) lives in one place. */
#ifndef STUDYTERM_TUI_DRAW_H
#define STUDYTERM_TUI_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "md/layout.h"
#include "tui/theme.h"

/* A range of a line drawn in another style (search matches, a selected
 * link), on top of the line's own spans. */
struct draw_overlay {
	uint32_t start, end;
	enum md_style style;
};

/* Draws at most max_cols columns of UTF-8 text; returns the columns used. */
int draw_text(int y, int x, int max_cols, const char *text, size_t len, attr_t attr, short pair);
/* Draws text in an interface style. */
int draw_ui_text(int y, int x, int max_cols, const char *text, enum theme_ui ui);
/* Fills cols columns with spaces in an interface style. */
void draw_fill(int y, int x, int cols, enum theme_ui ui);
/* Draws a laid-out line; overlays must be sorted and non-overlapping. */
void draw_md_line(int y, int x, int max_cols, const struct md_line *line,
                  const struct draw_overlay *overlays, size_t noverlays);

#endif
