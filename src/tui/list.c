/* list: selection movement and scrolling (see list.h). */
#include "tui/list.h"

int list_cursor_move(struct list_cursor *c, size_t count, enum request req, size_t page)
{
	size_t last = count ? count - 1 : 0;
	if (page == 0)
		page = 1;
	switch (req) {
	case REQ_DOWN:
		if (c->selected < last)
			c->selected++;
		return 1;
	case REQ_UP:
		if (c->selected > 0)
			c->selected--;
		return 1;
	case REQ_PAGE_DOWN:
		c->selected = c->selected + page < last ? c->selected + page : last;
		return 1;
	case REQ_PAGE_UP: c->selected = c->selected > page ? c->selected - page : 0; return 1;
	case REQ_TOP: c->selected = 0; return 1;
	case REQ_BOTTOM: c->selected = last; return 1;
	default: return 0;
	}
}

void list_cursor_scroll(struct list_cursor *c, size_t rows)
{
	if (c->selected < c->top)
		c->top = c->selected;
	if (rows > 0 && c->selected >= c->top + rows)
		c->top = c->selected - rows + 1;
}
