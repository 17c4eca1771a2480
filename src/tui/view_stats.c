/* view_stats: the statistics screen: the same charts as `studyterm stats`
 * (quiz/stats_chart), laid out for the window and scrolled like the
 * reader. The figures are computed when the screen opens; r computes them
 * again. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/clock.h"
#include "core/xalloc.h"
#include "quiz/stats.h"
#include "quiz/stats_chart.h"
#include "tui/app.h"
#include "tui/draw.h"

struct sview {
	struct stats stats;
	bool ok;
	char error[800];
	struct md_chart chart; /* built for width */
	int width;
	int top;
};

static void S_compute(struct sview *v, struct app *app)
{
	if (v->ok)
		stats_free(&v->stats);
	v->ok = false;
	md_chart_free(&v->chart);
	v->width = 0;
	if (!app->progress) {
		snprintf(v->error, sizeof v->error,
		         "No progress is saved here, so there is nothing to chart.");
		return;
	}
	struct error err = {0};
	if (stats_compute(app->catalog, app->progress, app->course, clock_now(), &v->stats, &err) !=
	    ST_OK) {
		snprintf(v->error, sizeof v->error, "%s: %s", err.where, err.message);
		return;
	}
	v->ok = true;
}

static void S_stats_draw(struct view *view, struct app *app, int rows, int cols)
{
	struct sview *v = view->state;
	draw_fill(0, 0, cols, THEME_TITLE);
	draw_ui_text(0, 2, cols - 4, "Statistics", THEME_TITLE);
	if (!v->ok) {
		draw_ui_text(2, 2, cols - 4, v->error, THEME_ERROR);
		app_draw_status(app, rows - 1, cols, "q back", NULL);
		return;
	}
	int width = cols - 4 > 120 ? 120 : cols - 4;
	if (width != v->width) {
		md_chart_free(&v->chart);
		stats_chart_build(&v->stats, width, &v->chart);
		v->width = width;
	}
	int area = rows - 3;
	int max_top = (int)v->chart.n - area;
	if (v->top > max_top)
		v->top = max_top > 0 ? max_top : 0;
	if (v->top < 0)
		v->top = 0;
	for (int y = 0; y < area && (size_t)(v->top + y) < v->chart.n; y++)
		draw_md_line(2 + y, 2, cols - 3, &v->chart.lines[v->top + y], NULL, 0);
	char right[32];
	snprintf(right, sizeof right, "%d%%", max_top > 0 ? v->top * 100 / max_top : 100);
	app_draw_status(app, rows - 1, cols, "j/k scroll · Space/b page · r recompute · q back",
	                right);
}

static unsigned S_stats_handle(struct view *view, struct app *app, enum request req, int key)
{
	struct sview *v = view->state;
	(void)key;
	switch (req) {
	case REQ_DOWN: v->top++; return VIEW_HANDLED;
	case REQ_UP: v->top--; return VIEW_HANDLED;
	case REQ_PAGE_DOWN: v->top += LINES - 4; return VIEW_HANDLED;
	case REQ_PAGE_UP: v->top -= LINES - 4; return VIEW_HANDLED;
	case REQ_HALF_DOWN: v->top += (LINES - 4) / 2; return VIEW_HANDLED;
	case REQ_HALF_UP: v->top -= (LINES - 4) / 2; return VIEW_HANDLED;
	case REQ_TOP: v->top = 0; return VIEW_HANDLED;
	case REQ_BOTTOM: v->top = 1 << 20; return VIEW_HANDLED;
	case REQ_RECOMPUTE:
		S_compute(v, app);
		app_message(app, 0, "Figures computed again.");
		return VIEW_HANDLED;
	default: return VIEW_IGNORED;
	}
}

static void S_stats_close(struct view *view, struct app *app)
{
	(void)app;
	struct sview *v = view->state;
	if (v->ok)
		stats_free(&v->stats);
	md_chart_free(&v->chart);
	free(v);
	free(view);
}

static const struct view_ops S_stats_ops = {
    .name = "stats",
    .draw = S_stats_draw,
    .handle = S_stats_handle,
    .close = S_stats_close,
};

struct view *view_stats_new(struct app *app)
{
	struct sview *v = xcalloc(1, sizeof *v);
	S_compute(v, app);
	struct view *view = xcalloc(1, sizeof *view);
	view->ops = &S_stats_ops;
	view->ctx = KEYCTX_STATS;
	view->state = v;
	return view;
}
