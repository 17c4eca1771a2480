/* view_bookmarks: the learner's bookmarks across the course; Enter opens
 * the reader at one, x deletes it (at once, in the database). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/list.h"

struct bookmarks {
	struct progress_bookmark *marks;
	size_t count;
	struct list_cursor cursor;
	int loaded;
};

static void S_load(struct bookmarks *b, struct app *app)
{
	progress_bookmarks_free(b->marks, b->count);
	b->marks = NULL;
	b->count = 0;
	struct error err;
	if (app->progress &&
	    progress_list_bookmarks(app->progress, &b->marks, &b->count, &err) != ST_OK)
		app_message(app, 1, "Cannot read bookmarks: %s", err.message);
	if (b->cursor.selected >= b->count)
		b->cursor.selected = b->count ? b->count - 1 : 0;
	b->loaded = 1;
}

static void S_bookmarks_draw(struct view *view, struct app *app, int rows, int cols)
{
	struct bookmarks *b = view->state;
	if (!b->loaded)
		S_load(b, app);
	draw_ui_text(0, 2, cols - 4, "Bookmarks", THEME_TITLE);
	int list_rows = rows - 3;
	if (!b->count)
		draw_ui_text(2, 2, cols - 4, "No bookmarks yet: press m while reading to add one.",
		             THEME_DIM);
	list_cursor_scroll(&b->cursor, list_rows > 0 ? (size_t)list_rows : 1);
	for (size_t i = b->cursor.top; i < b->count && (int)(i - b->cursor.top) < list_rows; i++) {
		int y = 2 + (int)(i - b->cursor.top);
		long ch = course_chapter_by_key(app->course, b->marks[i].chapter);
		char text[400];
		snprintf(text, sizeof text, "%s  %s",
		         ch >= 0 ? app->course->chapters[ch].title : b->marks[i].chapter,
		         b->marks[i].label);
		int sel = i == b->cursor.selected;
		if (sel)
			draw_fill(y, 1, cols - 2, THEME_SELECTED);
		draw_ui_text(y, 2, cols - 4, text, sel ? THEME_SELECTED : THEME_SIDEBAR);
	}
	app_draw_status(app, rows - 1, cols, "Enter open · x delete · q back", NULL);
}

static unsigned S_bookmarks_handle(struct view *view, struct app *app, enum request req, int key)
{
	struct bookmarks *b = view->state;
	(void)key;
	if (list_cursor_move(&b->cursor, b->count, req, 10))
		return VIEW_HANDLED;
	switch (req) {
	case REQ_DELETE:
		if (b->count && app->progress) {
			struct error err;
			if (progress_delete_bookmark(app->progress, b->marks[b->cursor.selected].id,
			                             &err) != ST_OK)
				app_message(app, 1, "Cannot delete: %s", err.message);
			else
				app_message(app, 0, "Deleted the bookmark %s",
				            b->marks[b->cursor.selected].label);
			S_load(b, app);
		}
		return VIEW_HANDLED;
	case REQ_OPEN: {
		if (!b->count)
			return VIEW_HANDLED;
		const struct progress_bookmark *m = &b->marks[b->cursor.selected];
		long ch = course_chapter_by_key(app->course, m->chapter);
		if (ch < 0) {
			app_message(app, 1, "The chapter %s is no longer in the course.",
			            m->chapter);
			return VIEW_HANDLED;
		}
		app_push(app, view_reader_new_at(app, (size_t)ch, m->src_line, m->offset));
		return VIEW_HANDLED | VIEW_CLOSE;
	}
	default: return VIEW_IGNORED;
	}
}

static void S_bookmarks_close(struct view *view, struct app *app)
{
	(void)app;
	struct bookmarks *b = view->state;
	progress_bookmarks_free(b->marks, b->count);
	free(b);
	free(view);
}

static const struct view_ops S_bookmarks_ops = {
    .name = "bookmarks",
    .draw = S_bookmarks_draw,
    .handle = S_bookmarks_handle,
    .close = S_bookmarks_close,
};

struct view *view_bookmarks_new(struct app *app)
{
	(void)app;
	struct view *v = xcalloc(1, sizeof *v);
	v->ops = &S_bookmarks_ops;
	v->ctx = KEYCTX_LIST;
	v->state = xcalloc(1, sizeof(struct bookmarks));
	return v;
}
