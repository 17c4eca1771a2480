/* app: the screen loop and the stack of views.
 *
 * A view is a table of operations plus private state (tig's pattern). The
 * loop owns redrawing: it reads a key, maps it to a request through the
 * keymap for the top view's context, lets the view handle it, and acts on
 * the flags the view returns (redraw, close, quit). Views never redraw or
 * exit on their own. The help overlay, the "terminal too small" screen and
 * the message line are the loop's, so every view gets them for free. */
#ifndef STUDYTERM_TUI_APP_H
#define STUDYTERM_TUI_APP_H

#include <stdint.h>

#include "core/buf.h"
#include "course/course.h"
#include "quiz/catalog.h"
#include "quiz/practice.h"
#include "quiz/profiles.h"
#include "store/progress.h"
#include "tui/keymap.h"

struct app;
struct view;

enum view_result {
	VIEW_IGNORED = 0, /* not handled: the loop applies the global meaning */
	VIEW_HANDLED = 1 << 0,
	VIEW_CLOSE = 1 << 1, /* pop this view */
	VIEW_QUIT = 1 << 2,  /* leave the app */
};

struct view_ops {
	const char *name;
	/* Draws the whole screen (rows x cols) but for the status line the view
	 * draws too; called after every handled key and on resize. */
	void (*draw)(struct view *view, struct app *app, int rows, int cols);
	/* key is the raw key, req what the keymap made of it (views with a text
	 * prompt read raw keys). Returns enum view_result flags. */
	unsigned (*handle)(struct view *view, struct app *app, enum request req, int key);
	/* Saves what must persist and frees the view. */
	void (*close)(struct view *view, struct app *app);
	/* Optional, for views that change with time (the exam's countdown) or
	 * poll for outside changes without waiting (an exercise's watch):
	 * called before every draw, and the loop then wakes each time the clock
	 * turns a second instead of only on keys (in a terminal, at least every
	 * quarter second anyway). Returns view_result flags. */
	unsigned (*tick)(struct view *view, struct app *app);
	/* Optional, with tick: how long the loop may wait for a key before it
	 * ticks again, in ms, when sooner than the clock's next second (-1:
	 * no sooner). */
	int (*wait_ms)(struct view *view);
};

struct view {
	const struct view_ops *ops;
	enum keyctx ctx; /* may change while the view runs (reader: text or contents) */
	void *state;
};

#define APP_MAX_VIEWS 8

struct app {
	struct course *course;
	struct progress *progress; /* NULL when progress cannot be saved (message shown) */
	struct view *views[APP_MAX_VIEWS];
	int nviews;
	int help_visible, help_top;
	char message[512];
	int message_is_error;
	uint64_t started_ns;       /* for the startup trace */
	struct catalog *catalog;   /* the questions; never NULL (may be empty) */
	struct profiles *profiles; /* the exam profiles; never NULL (may be empty) */
	const char *dataset_dir;   /* data/sandbox: datasets of SQL questions */
	const char *exercises_dir; /* <content>/exercises; NULL: no exercises */
	const char *harness;       /* data/harness/studyterm_harness.py */
	struct buf *exit_notes;    /* problems printed on stderr at exit, one per
	                            * line (broken banks, broken exercises); NULL:
	                            * none are kept */
	uint64_t seed;             /* practice draws; 0: from the clock */
	double retention;          /* FSRS desired retention (0: the default 0.9) */
	int no_fuzz;               /* FSRS intervals without fuzz */
};

/* Takes ownership of view; when the stack is full the view is closed. */
void app_push(struct app *app, struct view *view);
__attribute__((format(printf, 3, 4))) void app_message(struct app *app, int is_error,
                                                       const char *fmt, ...);
/* Runs until the user quits; closes every view. Returns 0. */
int app_run(struct app *app);

/* Draws the bottom status line: left text, right text, or the message. */
void app_draw_status(struct app *app, int row, int cols, const char *left, const char *right);

/* Views */
struct view *view_home_new(struct app *app);
/* Opens chapter at section (-1: where the reader left off, or the top). */
struct view *view_reader_new(struct app *app, size_t chapter, long section);
/* Opens chapter at a saved source position. */
struct view *view_reader_new_at(struct app *app, size_t chapter, uint32_t src_line,
                                uint32_t offset);
struct view *view_bookmarks_new(struct app *app);
/* A practice session of count questions chosen by filter (copied; its
 * strings must outlive the view). */
struct view *view_practice_new(struct app *app, const struct practice_filter *filter, int count);
/* The SQL console on dataset (NULL: an empty database). */
struct view *view_console_new(struct app *app, const char *dataset);
/* The statistics screen (the charts of `studyterm stats`). */
struct view *view_stats_new(struct app *app);
/* The mock exams: an open attempt first (to resume), then every profile. */
struct view *view_exams_new(struct app *app);
/* The same, opened at profile id ("" or unknown: the list, with a message). */
struct view *view_exams_new_at(struct app *app, const char *id);
/* Pushes the screen of the open exam attempt; false when none is open. */
bool view_exam_resume(struct app *app);
/* The hands-on exercises of app->exercises_dir by chapter, with each one's
 * status; broken ones are counted on screen and their problems added to
 * app->exit_notes. */
struct view *view_exercises_new(struct app *app);
/* Exercise id: its instructions and the results of its checks, its
 * workspace opened (made from the starter files on first use). NULL, with
 * a message, when there is no such exercise or it cannot be loaded. */
struct view *view_exercise_new(struct app *app, const char *id);

#endif
