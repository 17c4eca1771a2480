/* app: the loop, the view stack, help overlay and status line (see app.h). */
#include "tui/app.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "tui/display.h"
#include "tui/draw.h"
#include "tui/input.h"

void app_push(struct app *app, struct view *view)
{
	if (app->nviews == APP_MAX_VIEWS) {
		view->ops->close(view, app);
		return;
	}
	app->views[app->nviews++] = view;
}

void app_message(struct app *app, int is_error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_is_error = is_error;
}

void app_draw_status(struct app *app, int row, int cols, const char *left, const char *right)
{
	draw_fill(row, 0, cols, THEME_STATUS);
	if (app->message[0]) {
		draw_ui_text(row, 1, cols - 2, app->message,
		             app->message_is_error ? THEME_ERROR : THEME_STATUS);
		return;
	}
	int rw = right ? (int)utf8_width(right, strlen(right)) : 0;
	if (rw > cols - 2)
		rw = 0;
	draw_ui_text(row, 1, cols - rw - 3, left ? left : "", THEME_STATUS);
	if (rw)
		draw_ui_text(row, cols - rw - 1, rw, right, THEME_STATUS);
}

/* ------------------------------------------------------------------ help */

struct help_lines {
	struct buf *lines;
	size_t n, cap;
};

static void S_help_add(struct help_lines *h, const char *text)
{
	void *p = h->lines;
	xgrow(&p, &h->cap, h->n + 1, sizeof *h->lines);
	h->lines = p;
	memset(&h->lines[h->n], 0, sizeof h->lines[h->n]);
	buf_puts(&h->lines[h->n++], text);
}

static void S_help_entry(void *ctx, enum request req, const char *keys, const char *help)
{
	(void)req;
	char line[256];
	snprintf(line, sizeof line, "  %-22s %s", keys, help);
	S_help_add(ctx, line);
}

static void S_help_collect(enum keyctx ctx, struct help_lines *h)
{
	char title[96];
	snprintf(title, sizeof title, "%s", keymap_context_name(ctx));
	S_help_add(h, title);
	keymap_each(ctx, S_help_entry, h);
	S_help_add(h, "");
	S_help_add(h, keymap_context_name(KEYCTX_GLOBAL));
	keymap_each(KEYCTX_GLOBAL, S_help_entry, h);
}

static void S_help_free(struct help_lines *h)
{
	for (size_t i = 0; i < h->n; i++)
		buf_free(&h->lines[i]);
	free(h->lines);
}

static void S_draw_help(struct app *app, int rows, int cols)
{
	struct help_lines h = {0};
	S_help_collect(app->views[app->nviews - 1]->ctx, &h);
	int w = cols - 4 < 84 ? cols - 4 : 84;
	int inner = rows - 4;
	int ht = (int)h.n < inner ? (int)h.n : inner;
	int y0 = (rows - ht - 2) / 2, x0 = (cols - w) / 2;
	if (app->help_top > (int)h.n - ht)
		app->help_top = (int)h.n - ht;
	if (app->help_top < 0)
		app->help_top = 0;
	for (int y = 0; y < ht + 2; y++)
		draw_fill(y0 + y, x0, w, THEME_SIDEBAR);
	draw_ui_text(y0, x0 + 2, w - 4, "Keys — press any key to close, j/k to scroll",
	             THEME_TITLE);
	for (int i = 0; i < ht; i++) {
		const char *text = buf_cstr(&h.lines[(size_t)(app->help_top + i)]);
		int is_title = text[0] && text[0] != ' ';
		draw_ui_text(y0 + 1 + i, x0 + 2, w - 4, text,
		             is_title ? THEME_TITLE : THEME_SIDEBAR);
	}
	S_help_free(&h);
}

/* --------------------------------------------------------------- drawing */

static void S_draw_too_small(int rows, int cols)
{
	char msg[256];
	snprintf(msg, sizeof msg,
	         "The terminal is too small (%dx%d). studyterm needs at least %dx%d: "
	         "enlarge the window, or press q to quit.",
	         cols, rows, DISPLAY_MIN_COLS, DISPLAY_MIN_ROWS);
	/* Word-wrap the message into whatever room there is. */
	int y = 0, width = cols > 1 ? cols : 1;
	const char *p = msg;
	while (*p && y < rows) {
		size_t len = strlen(p), cut = len;
		if ((int)len > width) {
			cut = (size_t)width;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = (size_t)width;
		}
		short pair;
		attr_t a = theme_ui(THEME_ERROR, &pair);
		draw_text(y++, 0, width, p, cut, a, pair);
		p += cut;
		while (*p == ' ')
			p++;
	}
}

static int S_too_small(void)
{
	return LINES < DISPLAY_MIN_ROWS || COLS < DISPLAY_MIN_COLS;
}

static void S_draw(struct app *app)
{
	erase();
	if (S_too_small()) {
		S_draw_too_small(LINES, COLS);
	} else {
		struct view *v = app->views[app->nviews - 1];
		v->ops->draw(v, app, LINES, COLS);
		if (app->help_visible)
			S_draw_help(app, LINES, COLS);
	}
	refresh();
}

/* ------------------------------------------------------------------ loop */

static void S_pop(struct app *app)
{
	struct view *v = app->views[--app->nviews];
	v->ops->close(v, app);
}

/* Mouse wheel: three lines per notch, like most terminals scroll. */
static int S_mouse_request(enum request *req)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return 0;
	if (ev.bstate & BUTTON4_PRESSED)
		*req = REQ_UP;
	else if (ev.bstate & BUTTON5_PRESSED)
		*req = REQ_DOWN;
	else
		return 0;
	return 3;
}

int app_run(struct app *app)
{
	int traced = 0;
	while (app->nviews > 0) {
		struct view *top = app->views[app->nviews - 1];
		if (top->ops->tick) {
			unsigned tf = top->ops->tick(top, app);
			if (tf & VIEW_QUIT)
				break;
			if (tf & VIEW_CLOSE) {
				S_pop(app);
				continue;
			}
		}
		S_draw(app);
		if (!traced && getenv("STUDYTERM_TRACE_STARTUP")) {
			fprintf(
			    stderr, "first-screen-us: %llu\n",
			    (unsigned long long)((clock_monotonic_ns() - app->started_ns) / 1000));
			traced = 1;
		}
		int wait = top->ops->tick ? clock_ms_to_next_second() : -1;
		int sooner = top->ops->wait_ms ? top->ops->wait_ms(top) : -1;
		if (sooner >= 0 && (wait < 0 || sooner < wait))
			wait = sooner;
		int key = input_next_within(wait);
		if (key == INPUT_KEY_QUIT)
			break;
		if (key == ERR || key == KEY_RESIZE)
			continue;
		app->message[0] = '\0';
		if (S_too_small()) {
			if (key == 'q' || key == 'Q')
				break;
			continue;
		}
		if (app->help_visible) {
			enum request r = keymap_lookup(KEYCTX_LIST, key);
			if (r == REQ_DOWN)
				app->help_top++;
			else if (r == REQ_UP)
				app->help_top--;
			else
				app->help_visible = 0;
			continue;
		}
		struct view *v = app->views[app->nviews - 1];
		enum request req = keymap_lookup(v->ctx, key);
		int repeat = 1;
		if (key == KEY_MOUSE && !(repeat = S_mouse_request(&req)))
			continue;
		unsigned flags = 0;
		for (int i = 0; i < repeat; i++)
			flags |= v->ops->handle(v, app, req, key);
		if (!(flags & VIEW_HANDLED)) {
			if (req == REQ_HELP) {
				app->help_visible = 1;
				app->help_top = 0;
			} else if (req == REQ_QUIT) {
				flags |= VIEW_CLOSE;
			} else if (req == REQ_QUIT_ALL) {
				flags |= VIEW_QUIT;
			} else if (req == REQ_REDRAW) {
				clearok(curscr, TRUE);
			}
		}
		if (flags & VIEW_QUIT)
			break;
		if (flags & VIEW_CLOSE) {
			/* The view may have pushed another before asking to close. */
			for (int i = app->nviews - 1; i >= 0; i--)
				if (app->views[i] == v) {
					v->ops->close(v, app);
					memmove(&app->views[i], &app->views[i + 1],
					        (size_t)(app->nviews - i - 1) * sizeof *app->views);
					app->nviews--;
					break;
				}
		}
	}
	while (app->nviews > 0)
		S_pop(app);
	return 0;
}
