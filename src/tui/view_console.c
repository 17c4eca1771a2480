/* view_console: the SQL console screen.
 *
 * The engine is sandbox/console (the same as `studyterm sql` on a pipe);
 * this screen gives it a scrollback of everything typed and printed, and
 * a one-line editor with history kept across runs in <data>/sql_history.
 * Results are box tables; wide ones scroll sideways (Shift-Left/Right),
 * long ones with PgUp/PgDn. Ctrl-C stops a running statement, or empties
 * the line and drops a pending statement. Esc or .quit leaves the console
 * (the database goes with it: it lives in memory).
 *
 * Editing keys: Left Right Home End (Ctrl-A Ctrl-E), Backspace Delete,
 * Ctrl-U (the whole line), Ctrl-K (to the end), Ctrl-W (a word), Up/Down
 * (history), Enter. */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/paths.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "sandbox/console.h"
#include "tui/app.h"
#include "tui/display.h"
#include "tui/draw.h"

#define S_HISTORY_MAX    1000
#define S_SCROLLBACK_MAX 20000 /* lines kept; the oldest go first */

struct S_line {
	char *text;
	enum theme_ui ui;
};

struct cview {
	struct console console;
	bool ok;
	struct S_line *lines; /* scrollback */
	size_t n_lines, cap_lines;
	int top_from_end; /* lines scrolled up from the bottom */
	int hscroll;      /* columns scrolled right */
	struct buf input;
	size_t cursor; /* byte offset in input */
	char **history;
	size_t n_history, cap_history;
	size_t history_at; /* == n_history while not browsing */
	char *history_path;
	bool more; /* a statement is pending */
	volatile sig_atomic_t interrupted;
};

static void S_add_line(struct cview *v, const char *text, size_t len, enum theme_ui ui)
{
	if (v->n_lines == S_SCROLLBACK_MAX) {
		free(v->lines[0].text);
		memmove(v->lines, v->lines + 1, (v->n_lines - 1) * sizeof *v->lines);
		v->n_lines--;
	}
	xgrow((void **)&v->lines, &v->cap_lines, v->n_lines + 1, sizeof *v->lines);
	char *t = xmalloc(len + 1);
	memcpy(t, text, len);
	t[len] = '\0';
	v->lines[v->n_lines++] = (struct S_line){t, ui};
}

/* Adds text (several lines, each ending in '\n' or not) to the scrollback. */
static void S_add_text(struct cview *v, const char *text, enum theme_ui ui)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		if (len && text[len - 1] == '\r')
			len--;
		S_add_line(v, text, len, ui);
		text = nl ? nl + 1 : text + strlen(text);
	}
}

/* ------------------------------------------------------------ history */

static void S_history_push(struct cview *v, const char *line)
{
	if (!*line || (v->n_history && strcmp(v->history[v->n_history - 1], line) == 0))
		return;
	if (v->n_history == S_HISTORY_MAX) {
		free(v->history[0]);
		memmove(v->history, v->history + 1, (v->n_history - 1) * sizeof *v->history);
		v->n_history--;
	}
	xgrow((void **)&v->history, &v->cap_history, v->n_history + 1, sizeof *v->history);
	v->history[v->n_history++] = xstrdup(line);
}

static void S_history_load(struct cview *v)
{
	char *text;
	size_t len;
	struct error err;
	if (!v->history_path || paths_read_file(v->history_path, &text, &len, &err) != ST_OK)
		return;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		S_history_push(v, line);
	free(text);
}

/* Appends a line to the history file as it is typed, so a crash loses
 * nothing; the file is trimmed to the last S_HISTORY_MAX on close. */
static void S_history_append(struct cview *v, const char *line)
{
	if (!v->history_path || !*line)
		return;
	FILE *f = fopen(v->history_path, "a");
	if (f) {
		fprintf(f, "%s\n", line);
		fclose(f);
	}
}

static void S_history_save(struct cview *v)
{
	if (!v->history_path)
		return;
	struct buf tmp = {0};
	buf_printf(&tmp, "%s.tmp", v->history_path);
	FILE *f = fopen(buf_cstr(&tmp), "w");
	if (f) {
		for (size_t i = 0; i < v->n_history; i++)
			fprintf(f, "%s\n", v->history[i]);
		if (fclose(f) == 0)
			rename(buf_cstr(&tmp), v->history_path);
		else
			remove(buf_cstr(&tmp));
	}
	buf_free(&tmp);
}

/* ------------------------------------------------------------ running */

static void S_on_interrupt(void *ctx)
{
	struct cview *v = ctx;
	v->interrupted = 1;
	console_interrupt(&v->console);
}

/* Runs the line typed; returns true when it was .quit or .exit. */
static bool S_submit(struct cview *v, struct app *app)
{
	const char *line = buf_cstr(&v->input);
	struct buf echo = {0};
	buf_printf(&echo, "%s%s", v->more ? "   ...> " : "sql> ", line);
	S_add_line(v, echo.data, echo.len, THEME_DIM);
	buf_free(&echo);
	S_history_push(v, line);
	S_history_append(v, line);
	struct buf out = {0}, err = {0};
	bool quit = false;
	v->interrupted = 0;
	v->console.width = COLS - 3 > 20 ? COLS - 3 : 20; /* .er fits the window */
	v->more = console_feed(&v->console, line, &out, &err, &quit);
	S_add_text(v, buf_cstr(&out), THEME_SIDEBAR);
	S_add_text(v, buf_cstr(&err), THEME_ERROR);
	buf_free(&out);
	buf_free(&err);
	buf_reset(&v->input);
	v->cursor = 0;
	v->history_at = v->n_history;
	v->top_from_end = 0;
	v->hscroll = 0;
	(void)app;
	return quit;
}

/* ------------------------------------------------------------ editing */

static size_t S_prev_char(const struct buf *b, size_t at)
{
	while (at > 0 && (b->data[--at] & 0xC0) == 0x80)
		;
	return at;
}

static size_t S_next_char(const struct buf *b, size_t at)
{
	if (at >= b->len)
		return b->len;
	at++;
	while (at < b->len && (b->data[at] & 0xC0) == 0x80)
		at++;
	return at;
}

static void S_delete_range(struct cview *v, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(v->input.data + from, v->input.data + to, v->input.len - to + 1);
	v->input.len -= to - from;
	v->cursor = from;
}

static void S_insert(struct cview *v, char ch)
{
	if (v->input.len >= 100000)
		return;
	buf_putc(&v->input, ch); /* grow by one, then open the gap */
	memmove(v->input.data + v->cursor + 1, v->input.data + v->cursor,
	        v->input.len - 1 - v->cursor);
	v->input.data[v->cursor++] = ch;
}

static void S_set_input(struct cview *v, const char *text)
{
	buf_reset(&v->input);
	buf_puts(&v->input, text);
	v->cursor = v->input.len;
}

static unsigned S_console_handle(struct view *view, struct app *app, enum request req, int key)
{
	struct cview *v = view->state;
	(void)req;
	if (!v->ok)
		return key == 27 || key == 'q' ? VIEW_CLOSE : VIEW_HANDLED;
	switch (key) {
	case 27: return VIEW_CLOSE;
	case '\n':
	case KEY_ENTER: return S_submit(v, app) ? VIEW_CLOSE : VIEW_HANDLED;
	case KEY_LEFT: v->cursor = S_prev_char(&v->input, v->cursor); return VIEW_HANDLED;
	case KEY_RIGHT: v->cursor = S_next_char(&v->input, v->cursor); return VIEW_HANDLED;
	case KEY_HOME:
	case 1: /* Ctrl-A */ v->cursor = 0; return VIEW_HANDLED;
	case KEY_END:
	case 5: /* Ctrl-E */ v->cursor = v->input.len; return VIEW_HANDLED;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		S_delete_range(v, S_prev_char(&v->input, v->cursor), v->cursor);
		return VIEW_HANDLED;
	case KEY_DC:
		S_delete_range(v, v->cursor, S_next_char(&v->input, v->cursor));
		return VIEW_HANDLED;
	case 21: /* Ctrl-U */ S_delete_range(v, 0, v->input.len); return VIEW_HANDLED;
	case 11: /* Ctrl-K */ S_delete_range(v, v->cursor, v->input.len); return VIEW_HANDLED;
	case 23: { /* Ctrl-W: the word before the cursor */
		size_t at = v->cursor;
		while (at > 0 && v->input.data[at - 1] == ' ')
			at--;
		while (at > 0 && v->input.data[at - 1] != ' ')
			at--;
		S_delete_range(v, at, v->cursor);
		return VIEW_HANDLED;
	}
	case KEY_UP:
		if (v->history_at > 0)
			S_set_input(v, v->history[--v->history_at]);
		return VIEW_HANDLED;
	case KEY_DOWN:
		if (v->history_at < v->n_history) {
			v->history_at++;
			S_set_input(v,
			            v->history_at < v->n_history ? v->history[v->history_at] : "");
		}
		return VIEW_HANDLED;
	case KEY_PPAGE: v->top_from_end += LINES - 4; return VIEW_HANDLED;
	case KEY_NPAGE: v->top_from_end -= LINES - 4; return VIEW_HANDLED;
	case KEY_SLEFT: v->hscroll -= 8; return VIEW_HANDLED;
	case KEY_SRIGHT: v->hscroll += 8; return VIEW_HANDLED;
	default:
		if (key >= 32 && key < 256 && key != 127)
			S_insert(v, (char)key);
		return VIEW_HANDLED;
	}
}

static unsigned S_console_tick(struct view *view, struct app *app)
{
	struct cview *v = view->state;
	(void)app;
	if (v->interrupted) {
		/* Ctrl-C while nothing ran: drop the line and a pending statement. */
		v->interrupted = 0;
		S_add_line(v, "^C", 2, THEME_DIM);
		buf_reset(&v->input);
		v->cursor = 0;
		if (v->more) {
			buf_reset(&v->console.pending);
			v->more = false;
		}
	}
	return VIEW_HANDLED;
}

/* ------------------------------------------------------------ drawing */

/* Draws text from display column `from` on, at most cols columns. */
static void S_draw_from(int y, int x, int cols, const char *text, int from, enum theme_ui ui)
{
	const char *p = text;
	int col = 0;
	size_t len = strlen(text);
	while (*p && col < from) {
		uint32_t cp;
		size_t n = utf8_decode(p, len - (size_t)(p - text), &cp);
		col += (int)utf8_width(p, n);
		p += n;
	}
	draw_ui_text(y, x, cols, p, ui);
}

static void S_console_draw(struct view *view, struct app *app, int rows, int cols)
{
	struct cview *v = view->state;
	char title[160];
	snprintf(title, sizeof title, "SQL console · %s · .help for commands · Esc leaves",
	         v->ok && v->console.dataset ? v->console.dataset : "empty database");
	draw_fill(0, 0, cols, THEME_TITLE);
	draw_ui_text(0, 2, cols - 4, title, THEME_TITLE);
	int area = rows - 3; /* title, input, status */
	if (v->top_from_end > (int)v->n_lines - area)
		v->top_from_end = (int)v->n_lines - area;
	if (v->top_from_end < 0)
		v->top_from_end = 0;
	if (v->hscroll < 0)
		v->hscroll = 0;
	long first = (long)v->n_lines - area - v->top_from_end;
	if (first < 0)
		first = 0;
	for (int y = 0; y < area && (size_t)(first + y) < v->n_lines; y++) {
		const struct S_line *l = &v->lines[first + y];
		S_draw_from(1 + y, 1, cols - 2, l->text, v->hscroll, l->ui);
	}
	/* The input line, scrolled so the cursor shows. */
	const char *prompt = v->more ? "   ...> " : "sql> ";
	int pw = (int)strlen(prompt);
	int before = (int)utf8_width(v->input.data ? v->input.data : "", v->cursor);
	int room = cols - pw - 2;
	int from = before >= room ? before - room + 1 : 0;
	draw_ui_text(rows - 2, 1, pw, prompt, THEME_TITLE);
	S_draw_from(rows - 2, 1 + pw, room, buf_cstr(&v->input), from, THEME_SIDEBAR);
	draw_ui_text(rows - 2, 1 + pw + before - from, 1, "█", THEME_SELECTED);
	char right[64];
	snprintf(right, sizeof right, "%s%s", v->hscroll ? "← scrolled  " : "",
	         v->top_from_end ? "PgDn newer" : "");
	app_draw_status(
	    app, rows - 1, cols,
	    "Enter run · ↑↓ history · PgUp/PgDn · Shift-←→ wide · Ctrl-C stop · Esc leave", right);
}

static void S_console_close(struct view *view, struct app *app)
{
	(void)app;
	struct cview *v = view->state;
	display_on_interrupt(NULL, NULL);
	S_history_save(v);
	for (size_t i = 0; i < v->n_lines; i++)
		free(v->lines[i].text);
	free(v->lines);
	for (size_t i = 0; i < v->n_history; i++)
		free(v->history[i]);
	free(v->history);
	free(v->history_path);
	buf_free(&v->input);
	if (v->ok)
		console_close(&v->console);
	free(v);
	free(view);
}

static const struct view_ops S_console_ops = {
    .name = "console",
    .draw = S_console_draw,
    .handle = S_console_handle,
    .close = S_console_close,
    .tick = S_console_tick,
};

struct view *view_console_new(struct app *app, const char *dataset)
{
	struct cview *v = xcalloc(1, sizeof *v);
	struct error err = {0};
	v->ok = console_open(&v->console, app->dataset_dir, dataset, CONSOLE_BOX, &err) == ST_OK;
	if (!v->ok) {
		struct buf m = {0};
		buf_printf(&m, "%s%s%s", err.where, err.where[0] ? ": " : "", err.message);
		S_add_text(v, buf_cstr(&m), THEME_ERROR);
		buf_free(&m);
	} else {
		struct buf m = {0};
		buf_printf(&m,
		           "%s, in memory: .tables lists the tables, .er draws them, .reset "
		           "starts again.",
		           dataset ? dataset : "An empty database");
		S_add_text(v, buf_cstr(&m), THEME_DIM);
		buf_free(&m);
	}
	char *home = paths_data_dir();
	if (home) {
		struct error e2;
		if (paths_mkdir_p(home, &e2) == ST_OK)
			v->history_path = paths_join(home, "sql_history");
		free(home);
	}
	S_history_load(v);
	v->history_at = v->n_history;
	display_on_interrupt(S_on_interrupt, v);
	struct view *view = xcalloc(1, sizeof *view);
	view->ops = &S_console_ops;
	view->ctx = KEYCTX_CONSOLE;
	view->state = v;
	return view;
}
