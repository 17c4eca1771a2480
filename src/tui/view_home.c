/* view_home: the first screen: the course's chapters with how far the
 * learner has read each, and a way back into where they left off.
 * Later features (practice, exams, sandbox, statistics) join the list. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xalloc.h"
#include "store/exams.h"
#include "store/reviews.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/list.h"

struct home {
	struct list_cursor cursor; /* entry 0: continue reading, 1..n: chapters */
	long last_chapter;         /* chapter to continue, or -1 */
	int *percent;              /* per chapter, -1 never opened */
	int stale;                 /* progress must be read again: the reader may have changed it */
	size_t due;                /* practice reviews due now */
	int64_t exam_id;           /* an exam attempt under way, 0 when none */
	int64_t exam_deadline;     /* its deadline, 0 when untimed */
	char exam_title[160];
};

struct S_due_count {
	const struct catalog *catalog;
	int64_t now;
	size_t due;
};

static void S_count_due(void *ctx, const char *qkey, const struct review_card *card)
{
	struct S_due_count *d = ctx;
	if (card->due <= d->now && catalog_find(d->catalog, qkey) >= 0)
		d->due++;
}

static void S_refresh_progress(struct home *h, struct app *app)
{
	h->last_chapter = -1;
	h->due = 0;
	h->exam_id = 0;
	if (!app->progress)
		return;
	/* An exam left open (a crash, a closed terminal, q): offered first. */
	if (exams_find_open(app->progress, &h->exam_id, NULL) == ST_OK && h->exam_id) {
		struct exams_attempt a;
		struct exams_item *items;
		size_t n;
		if (exams_load(app->progress, h->exam_id, &a, &items, &n, NULL) == ST_OK) {
			snprintf(h->exam_title, sizeof h->exam_title, "%s", a.title);
			h->exam_deadline = a.deadline;
			exams_items_free(items, n);
			exams_attempt_clear(&a);
		} else {
			h->exam_id = 0;
		}
	}
	struct S_due_count d = {app->catalog, clock_now(), 0};
	if (reviews_each_card(app->progress, S_count_due, &d, NULL) == ST_OK)
		h->due = d.due;
	char *key = NULL;
	if (progress_last_chapter(app->progress, &key, NULL) == ST_OK) {
		h->last_chapter = course_chapter_by_key(app->course, key);
		free(key);
	}
	for (size_t i = 0; i < app->course->nchapters; i++) {
		struct progress_position pos;
		h->percent[i] = progress_get_position(app->progress, app->course->chapters[i].key,
		                                      &pos, NULL) == ST_OK
		                    ? pos.percent
		                    : -1;
	}
}

static void S_draw_bar(int y, int x, int width, int percent)
{
	int filled = percent <= 0 ? 0 : (width * percent + 99) / 100;
	for (int i = 0; i < width; i++)
		draw_ui_text(y, x + i, 1, i < filled ? "█" : "░",
		             i < filled ? THEME_PROGRESS : THEME_DIM);
}

static void S_home_draw(struct view *view, struct app *app, int rows, int cols)
{
	struct home *h = view->state;
	if (h->stale) {
		S_refresh_progress(h, app);
		h->stale = 0;
	}
	const struct course *c = app->course;
	draw_ui_text(0, 2, cols - 4, "studyterm", THEME_TITLE);
	char sub[160];
	size_t nsections = 0;
	for (size_t i = 0; i < c->nchapters; i++)
		nsections += c->chapters[i].nsections;
	if (app->catalog->n_entries)
		snprintf(sub, sizeof sub,
		         "%zu chapters, %zu sections · %zu questions, %zu due: p to "
		         "practise",
		         c->nchapters, nsections, app->catalog->n_entries, h->due);
	else
		snprintf(sub, sizeof sub, "%zu chapters, %zu sections", c->nchapters, nsections);
	draw_ui_text(1, 2, cols - 4, sub, THEME_DIM);
	if (h->exam_id) {
		char line[256], left[32] = "";
		if (h->exam_deadline) {
			int64_t s = h->exam_deadline - clock_now();
			if (s < 0)
				s = 0;
			snprintf(left, sizeof left, " · %02d:%02d left", (int)(s / 60),
			         (int)(s % 60));
		}
		snprintf(line, sizeof line, "An exam is under way: %s%s · e resumes it",
		         h->exam_title, left);
		draw_ui_text(2, 2, cols - 4, line, THEME_ERROR);
	}

	int list_y = 3, list_rows = rows - list_y - 2;
	size_t nentries = c->nchapters + 1;
	list_cursor_scroll(&h->cursor, list_rows > 0 ? (size_t)list_rows : 1);
	int bar_w = cols >= 70 ? 20 : cols >= 50 ? 10 : 0;
	for (size_t e = h->cursor.top; e < nentries && (int)(e - h->cursor.top) < list_rows; e++) {
		int y = list_y + (int)(e - h->cursor.top);
		char text[300];
		if (e == 0) {
			if (h->last_chapter >= 0)
				snprintf(text, sizeof text, "Continue reading: %s %s",
				         c->chapters[h->last_chapter].number,
				         c->chapters[h->last_chapter].title);
			else
				snprintf(text, sizeof text, "Start reading: %s %s",
				         c->chapters[0].number, c->chapters[0].title);
		} else {
			const struct course_chapter *ch = &c->chapters[e - 1];
			snprintf(text, sizeof text, "%3s  %s", ch->number, ch->title);
		}
		int selected = e == h->cursor.selected;
		if (selected)
			draw_fill(y, 1, cols - 2, THEME_SELECTED);
		draw_ui_text(y, 2, cols - 4 - (bar_w ? bar_w + 6 : 0), text,
		             selected ? THEME_SELECTED : THEME_SIDEBAR);
		if (e > 0 && bar_w) {
			int pct = h->percent[e - 1];
			S_draw_bar(y, cols - bar_w - 7, bar_w, pct < 0 ? 0 : pct);
			char p[16];
			snprintf(p, sizeof p, "%3d%%", pct < 0 ? 0 : pct);
			draw_ui_text(y, cols - 6, 5, p, selected ? THEME_SELECTED : THEME_DIM);
		}
	}
	app_draw_status(app, rows - 1, cols,
	                "c continue · p practise · x exercises · e exams · s stats · C sql · "
	                "? keys",
	                NULL);
}

static void S_open_entry(struct home *h, struct app *app)
{
	h->stale = 1;
	if (h->cursor.selected == 0) {
		size_t ch = h->last_chapter >= 0 ? (size_t)h->last_chapter : 0;
		app_push(app, view_reader_new(app, ch, -1));
	} else {
		app_push(app, view_reader_new(app, h->cursor.selected - 1, -1));
	}
}

static unsigned S_home_handle(struct view *view, struct app *app, enum request req, int key)
{
	struct home *h = view->state;
	size_t last = app->course->nchapters;
	(void)key;
	if (list_cursor_move(&h->cursor, last + 1, req, 10))
		return VIEW_HANDLED;
	switch (req) {
	case REQ_OPEN: S_open_entry(h, app); return VIEW_HANDLED;
	case REQ_CONTINUE:
		h->cursor.selected = 0;
		S_open_entry(h, app);
		return VIEW_HANDLED;
	case REQ_PRACTICE: {
		struct practice_filter f = {0};
		h->stale = 1;
		app_push(app, view_practice_new(app, &f, 20));
		return VIEW_HANDLED;
	}
	case REQ_EXAMS:
		h->stale = 1;
		if (!h->exam_id || !view_exam_resume(app))
			app_push(app, view_exams_new(app));
		return VIEW_HANDLED;
	case REQ_CONSOLE: app_push(app, view_console_new(app, "ponies")); return VIEW_HANDLED;
	case REQ_STATS: app_push(app, view_stats_new(app)); return VIEW_HANDLED;
	case REQ_EXERCISES: app_push(app, view_exercises_new(app)); return VIEW_HANDLED;
	case REQ_BOOKMARKS:
		h->stale = 1; /* a bookmark can open the reader */
		app_push(app, view_bookmarks_new(app));
		return VIEW_HANDLED;
	default: return VIEW_IGNORED;
	}
}

static void S_home_close(struct view *view, struct app *app)
{
	(void)app;
	struct home *h = view->state;
	free(h->percent);
	free(h);
	free(view);
}

static const struct view_ops S_home_ops = {
    .name = "home",
    .draw = S_home_draw,
    .handle = S_home_handle,
    .close = S_home_close,
};

struct view *view_home_new(struct app *app)
{
	struct home *h = xcalloc(1, sizeof *h);
	h->percent = xcalloc(app->course->nchapters, sizeof *h->percent);
	h->last_chapter = -1;
	h->stale = 1;
	struct view *v = xcalloc(1, sizeof *v);
	v->ops = &S_home_ops;
	v->ctx = KEYCTX_HOME;
	v->state = h;
	return v;
}
