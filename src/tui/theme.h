/* theme: how each semantic style looks in this terminal.
 *
 * The only place styles become curses attributes. Three palettes: 256
 * colours, the 8 basic colours for older terminals, and none at all when
 * NO_COLOR is set (https://no-color.org) or the terminal has no colour,
 * which keeps bold, underline and reverse so structure stays visible. */
#ifndef STUDYTERM_TUI_THEME_H
#define STUDYTERM_TUI_THEME_H

#include <curses.h>

#include "md/style.h"

/* Interface styles that are not document styles. */
enum theme_ui {
	THEME_STATUS,   /* the status line */
	THEME_TITLE,    /* screen titles */
	THEME_SELECTED, /* the selected entry of a list */
	THEME_DIM,      /* hints, secondary text */
	THEME_ERROR,    /* error messages */
	THEME_PROGRESS, /* progress bars */
	THEME_SIDEBAR,  /* the table of contents */
	THEME_UI_COUNT
};

/* Call after initscr/newterm. Reads NO_COLOR. */
void theme_init(void);
attr_t theme_style(enum md_style style, unsigned md_attrs, short *pair);
attr_t theme_ui(enum theme_ui which, short *pair);
/* "256", "8" or "none": what theme_init chose (for tests and --version). */
const char *theme_palette_name(void);

#endif
