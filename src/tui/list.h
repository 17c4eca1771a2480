/* list: the selection and scroll offset of a vertical list.
 *
 * Home, bookmarks and the table of contents all move a selection with the
 * same keys and keep it on screen the same way; this is that logic, once. */
#ifndef STUDYTERM_TUI_LIST_H
#define STUDYTERM_TUI_LIST_H

#include <stddef.h>

#include "tui/keymap.h"

struct list_cursor {
	size_t selected;
	size_t top; /* first entry on screen */
};

/* Applies a movement request (up, down, pages, top, bottom) to a list of
 * count entries, page entries per page. Returns 1 if req was a movement. */
int list_cursor_move(struct list_cursor *c, size_t count, enum request req, size_t page);

/* Scrolls so that the selection is among the rows entries on screen. */
void list_cursor_scroll(struct list_cursor *c, size_t rows);

#endif
