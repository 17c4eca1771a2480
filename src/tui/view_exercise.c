/* view_exercise: the hands-on exercises: the list by chapter with each
 * one's status, and one exercise with its instructions beside (or above)
 * the results of its checks.
 *
 * The work is sandbox/'s: the exercise is loaded (exercise), its
 * workspace opened (workspace), the checks run (checks) and their outcome
 * given as lines (checks_outcome_lines, as `studyterm exercise check`
 * prints it); every run and every hint is recorded (store/exprogress).
 * This file lays those out and passes keys on.
 *
 * The learner edits in an editor of their own: e runs it in the terminal
 * (display_run steps curses aside) and the checks run when it returns.
 * With w on, a watch on the workspace (sandbox/watch) is polled by the
 * view's tick, so saving from an editor in another window runs them too.
 *
 * A Python or migration exercise runs the learner's code in a child
 * process (checks_start): the view polls it from its tick, every
 * S_RUNNING_WAIT_MS while it runs, shows its output as it comes, and
 * Ctrl-C (display_on_interrupt) stops it; the checks run when it ends.
 * The Python is found on the first such run (sandbox/pyfind); when there
 * is none, the results say what to install. Headless, the run is waited
 * for, so screens stay deterministic.
 *
 * Layout: at S_WIDE_COLS columns or more the two panes stand side by
 * side, below that one above the other; each scrolls on its own and Tab
 * chooses which one the scrolling keys move. */
#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/paths.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "course/course.h"
#include "sandbox/checks.h"
#include "sandbox/exercise.h"
#include "sandbox/pyfind.h"
#include "sandbox/watch.h"
#include "sandbox/workspace.h"
#include "store/exprogress.h"
#include "tui/app.h"
#include "tui/display.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/list.h"

/* From this width on the instructions and the results stand side by side. */
#define S_WIDE_COLS 100
/* How often a running Python's output is read. */
#define S_RUNNING_WAIT_MS 50

/* Adds the lines of diag (exercise_report_format's) that app->exit_notes
 * lacks: a list opened twice reports its broken exercises once. */
static void S_note(struct app *app, const char *diag)
{
	if (!app->exit_notes)
		return;
	struct buf line = {0};
	while (*diag) {
		size_t len = strcspn(diag, "\n");
		buf_reset(&line);
		buf_append(&line, diag, len);
		buf_putc(&line, '\n');
		if (!strstr(buf_cstr(app->exit_notes), buf_cstr(&line)))
			buf_puts(app->exit_notes, buf_cstr(&line));
		diag += len + (diag[len] == '\n');
	}
	buf_free(&line);
}

static enum theme_ui S_state_ui(enum exprogress_state s)
{
	return s == EXPROGRESS_PASSED   ? THEME_PROGRESS
	       : s == EXPROGRESS_FAILED ? THEME_ERROR
	                                : THEME_DIM;
}

/* ============================================================ exercise */

enum pane { P_TEXT, P_RESULTS, P_COUNT };
enum xmode { X_NORMAL, X_ASK_SOLUTION, X_ASK_RESET };

struct exview {
	struct exercise ex;
	char *home;         /* the learner's data folder, or NULL */
	char *workspace;    /* NULL when it could not be opened: problem says why */
	char problem[1024]; /* why nothing can run */
	struct exprogress_status status;
	int hints; /* shown so far, listed under the instructions */
	struct run_outcome outcome;
	bool has_outcome;
	struct checks_job *job;          /* the learner's Python while it runs */
	volatile sig_atomic_t interrupt; /* Ctrl-C while it runs */
	size_t job_output;               /* bytes of its output laid out */
	char *python;                    /* found on the first Python run */
	char run_error[1600];            /* why the last run could not happen, or "" */
	int runs;                        /* runs in this view */
	struct buf solution;
	bool solution_shown;
	enum xmode mode;
	enum pane focus;
	struct watch *watch; /* NULL when not watching */
	struct form_rows rows[P_COUNT];
	int built_width[P_COUNT]; /* the rows' layout width; 0: lay them out again */
	int scroll[P_COUNT];
	int page[P_COUNT];  /* rows the pane showed last */
	bool show_hint;     /* scroll the instructions to the newest hint */
	bool show_solution; /* scroll the results to the solution */
	long mark_start[P_COUNT], mark_end[P_COUNT]; /* rows to show, -1 none */
};

static void S_load_status(struct exview *v, struct app *app)
{
	struct error err = {0};
	enum exprogress_state was = v->status.state;
	int runs = v->status.runs, hints = v->status.hints;
	if (app->progress && exprogress_get(app->progress, v->ex.id, &v->status, &err) == ST_OK)
		return;
	if (app->progress)
		app_message(app, 1, "Your status cannot be read: %s", err.message);
	/* Without a progress database the view keeps count itself. */
	memset(&v->status, 0, sizeof v->status);
	v->status.id = v->ex.id;
	v->status.state = was;
	v->status.runs = runs;
	v->status.hints = hints;
}

static void S_exview_free(struct exview *v)
{
	if (!v)
		return;
	exercise_free(&v->ex);
	free(v->home);
	free(v->workspace);
	if (v->has_outcome)
		checks_run_free(&v->outcome);
	if (v->job)
		display_on_interrupt(NULL, NULL);
	checks_job_free(v->job);
	free(v->python);
	buf_free(&v->solution);
	watch_close(v->watch);
	for (int p = 0; p < P_COUNT; p++)
		form_rows_free(&v->rows[p]);
	free(v);
}

/* Loads exercise id and opens its workspace; NULL with a message when
 * there is no such exercise or it is broken. A workspace that cannot be
 * opened still gives a view, which says why. */
static struct exview *S_exview_open(struct app *app, const char *id)
{
	if (!app->exercises_dir || !exercise_id_valid(id)) {
		app_message(app, 1, "No exercise '%s' in this course.", id);
		return NULL;
	}
	struct exview *v = xcalloc(1, sizeof *v);
	char *dir = paths_join(app->exercises_dir, id);
	struct buf diag = {0};
	struct error err = {0};
	enum status st = exercise_load(dir, NULL, 0, &v->ex, &diag, &err);
	free(dir);
	if (st != ST_OK) {
		if (st == ST_NOT_FOUND) {
			app_message(app, 1, "No exercise '%s' in this course.", id);
		} else {
			S_note(app, buf_cstr(&diag));
			app_message(app, 1,
			            "Exercise %s cannot be used: %s (the problems are printed when "
			            "studyterm exits).",
			            id, err.message);
		}
		buf_free(&diag);
		free(v);
		return NULL;
	}
	buf_free(&diag);
	v->home = paths_data_dir();
	if (!v->home)
		snprintf(v->problem, sizeof v->problem,
		         "A workspace needs a data folder: set HOME or STUDYTERM_HOME.");
	else if (workspace_open(v->home, &v->ex, &v->workspace, &err) != ST_OK)
		snprintf(v->problem, sizeof v->problem, "Your workspace cannot be opened: %s: %s",
		         err.where, err.message);
	v->status.state = EXPROGRESS_NEW;
	S_load_status(v, app);
	v->hints = v->status.hints < (int)v->ex.n_hints ? v->status.hints : (int)v->ex.n_hints;
	if (v->hints < 0)
		v->hints = 0;
	for (int p = 0; p < P_COUNT; p++)
		v->mark_start[p] = v->mark_end[p] = -1;
	return v;
}

/* ------------------------------------------------------------ running */

static void S_changed(struct exview *v, enum pane p)
{
	v->built_width[p] = 0;
}

static void S_on_interrupt(void *ctx)
{
	struct exview *v = ctx;
	v->interrupt = 1;
}

/* Records the outcome of the job that has ended. */
static void S_finish(struct exview *v, struct app *app)
{
	struct checks_job *job = v->job;
	v->job = NULL;
	display_on_interrupt(NULL, NULL);
	bool stopped = v->interrupt;
	v->interrupt = 0;
	S_changed(v, P_RESULTS);
	v->scroll[P_RESULTS] = 0;
	struct error err = {0};
	if (checks_finish(job, &v->outcome, &err) != ST_OK) {
		snprintf(v->run_error, sizeof v->run_error, "%s%s%s", err.where,
		         err.where[0] ? ": " : "", err.message);
		return;
	}
	v->has_outcome = true;
	bool passed = checks_outcome_passed(&v->outcome);
	v->status.state = passed ? EXPROGRESS_PASSED : EXPROGRESS_FAILED;
	v->status.runs++;
	if (app->progress && exprogress_record_run(app->progress, v->ex.id, passed, &err) != ST_OK)
		app_message(app, 1, "The run is not recorded: %s", err.message);
	S_load_status(v, app);
	if (stopped)
		app_message(app, 0, "Stopped: the checks ran on what your code had done.");
}

/* The Python for this exercise; false, with run_error saying what to
 * install, when there is none. */
static bool S_find_python(struct exview *v)
{
	if (!v->ex.needs_python || v->python)
		return true;
	struct buf why = {0};
	struct error err = {0};
	bool ok = pyfind(v->home, !v->ex.stdlib_only, &v->python, &why, &err) == ST_OK;
	if (!ok)
		snprintf(v->run_error, sizeof v->run_error, "%s", buf_cstr(&why));
	buf_free(&why);
	return ok;
}

/* Runs the learner's work and the checks once, and records the outcome;
 * a run still going is stopped first. Python work runs on while the view
 * ticks. */
static void S_run(struct exview *v, struct app *app)
{
	if (!v->workspace) {
		app_message(app, 1, "%s", v->problem);
		return;
	}
	if (v->job) {
		checks_job_free(v->job);
		v->job = NULL;
		display_on_interrupt(NULL, NULL);
		app_message(app, 0, "The run before was stopped: checking again.");
	}
	/* Whatever changed until now is in this run. */
	if (v->watch)
		watch_changed(v->watch);
	if (v->has_outcome)
		checks_run_free(&v->outcome);
	v->has_outcome = false;
	v->run_error[0] = '\0';
	v->runs++;
	v->scroll[P_RESULTS] = 0;
	v->job_output = 0;
	v->interrupt = 0;
	S_changed(v, P_RESULTS);
	if (!S_find_python(v))
		return;
	struct checks_env env = {
	    .dataset_dir = app->dataset_dir, .harness = app->harness, .python = v->python};
	struct error err = {0};
	if (checks_start(&v->ex, v->workspace, &env, &v->job, &err) != ST_OK) {
		v->job = NULL;
		snprintf(v->run_error, sizeof v->run_error, "%s%s%s%s%s", err.where,
		         err.where[0] ? ": " : "", err.message,
		         err.status == ST_NOT_FOUND && v->ex.dataset ? " · the datasets are in "
		                                                     : "",
		         err.status == ST_NOT_FOUND && v->ex.dataset && app->dataset_dir
		             ? app->dataset_dir
		             : "");
		return;
	}
	if (!v->ex.needs_python || display_is_headless()) {
		while (!checks_poll(v->job, -1))
			;
		S_finish(v, app);
		return;
	}
	display_on_interrupt(S_on_interrupt, v);
}

/* e: the learner's editor on the starter files that say TODO, in the
 * workspace. */
static void S_edit(struct exview *v, struct app *app)
{
	if (!v->workspace) {
		app_message(app, 1, "%s", v->problem);
		return;
	}
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	/* "emacs -nw" or "code --wait": the words are the command. */
	char *words = xstrdup(editor);
	size_t n = 0, cap = 0;
	char **argv = NULL;
	char *save = NULL;
	for (char *w = strtok_r(words, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		xgrow((void **)&argv, &cap, n + 1, sizeof *argv);
		argv[n++] = w;
	}
	if (!n) {
		free(words);
		free(argv);
		app_message(app, 1, "$VISUAL or $EDITOR names no editor.");
		return;
	}
	/* The files that say TODO: a Python exercise may also hand over an
	 * app or migrations to read, which the learner opens when they wish. */
	size_t todo = 0;
	for (size_t i = 0; i < v->ex.n_starter; i++)
		todo += v->ex.starter_todo && v->ex.starter_todo[i];
	for (size_t i = 0; i < v->ex.n_starter; i++) {
		if (todo && !v->ex.starter_todo[i])
			continue;
		xgrow((void **)&argv, &cap, n + 1, sizeof *argv);
		argv[n++] = v->ex.starter_files[i];
	}
	xgrow((void **)&argv, &cap, n + 1, sizeof *argv);
	argv[n] = NULL;
	int rc = display_run(argv, v->workspace);
	int why = errno;
	if (rc < 0) {
		app_message(app, 1, "The editor '%s' could not be run: %s. Set $VISUAL or $EDITOR.",
		            editor, strerror(why));
	} else {
		S_run(v, app);
		if (rc != 0)
			app_message(
			    app, 1,
			    "The editor '%s' exited with status %d; your files were checked "
			    "all the same.",
			    editor, rc);
	}
	free(words);
	free(argv);
}

static void S_hint(struct exview *v, struct app *app)
{
	if (v->hints >= (int)v->ex.n_hints) {
		app_message(app, 0, "Every hint is shown, under the instructions.");
		v->show_hint = true;
		return;
	}
	v->hints++;
	struct error err = {0};
	if (app->progress &&
	    exprogress_record_hints(app->progress, v->ex.id, v->hints, &err) != ST_OK)
		app_message(app, 1, "The hint is not counted: %s", err.message);
	else
		app_message(app, 0, "Hint %d of %zu, under the instructions.", v->hints,
		            v->ex.n_hints);
	v->status.hints = v->hints;
	v->show_hint = true;
	S_changed(v, P_TEXT);
}

static void S_ask_solution(struct exview *v, struct app *app)
{
	/* Having tried is the point; a learner who passed has tried too, and
	 * may compare (as `studyterm exercise solution` rules). */
	if (v->status.runs == 0) {
		app_message(app, 1,
		            "Try it first: r runs the checks; the solution opens after that.");
		return;
	}
	if (v->solution_shown) {
		v->focus = P_RESULTS;
		v->show_solution = true;
		return;
	}
	v->mode = X_ASK_SOLUTION;
}

static void S_show_solution(struct exview *v, struct app *app)
{
	struct error err = {0};
	buf_reset(&v->solution);
	if (exercise_solution_text(&v->ex, &v->solution, &err) != ST_OK)
		app_message(app, 1, "%s: %s", err.where, err.message);
	v->solution_shown = true;
	v->focus = P_RESULTS;
	v->show_solution = true;
	S_changed(v, P_RESULTS);
}

static void S_reset(struct exview *v, struct app *app)
{
	struct error err = {0};
	if (workspace_reset(v->home, &v->ex, &err) != ST_OK) {
		app_message(app, 1, "Not reset: %s: %s", err.where, err.message);
		return;
	}
	if (!v->workspace && workspace_open(v->home, &v->ex, &v->workspace, &err) != ST_OK) {
		app_message(app, 1, "Your workspace cannot be opened: %s: %s", err.where,
		            err.message);
		return;
	}
	S_run(v, app);
	app_message(app, 0, "Reset: your files hold the starter again.");
}

static void S_watch(struct exview *v, struct app *app)
{
	if (v->watch) {
		watch_close(v->watch);
		v->watch = NULL;
		app_message(app, 0, "Stopped watching your files.");
		return;
	}
	if (!v->workspace) {
		app_message(app, 1, "%s", v->problem);
		return;
	}
	struct error err = {0};
	if (watch_open(v->workspace, &v->watch, &err) != ST_OK) {
		app_message(app, 1, "Cannot watch your files: %s", err.message);
		return;
	}
	app_message(app, 0, "Watching your files: saving one runs the checks.");
}

/* c: the course section the exercise practises, in the reader (q comes
 * back here). */
static void S_read_section(struct exview *v, struct app *app)
{
	size_t chapter = 0;
	long section = -1;
	if (!app->course || course_find(app->course, v->ex.section, &chapter, &section) != 0) {
		app_message(app, 1, "Section %s is not in this course.", v->ex.section);
		return;
	}
	app_push(app, view_reader_new(app, chapter, section));
}

/* n: the exercise after this one in the list's order, in this view. */
static void S_next(struct view *view, struct app *app)
{
	struct exview *v = view->state;
	struct exercise *list = NULL;
	size_t n =
	    app->exercises_dir ? exercise_load_all(app->exercises_dir, NULL, 0, &list, NULL) : 0;
	char *next = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].id, v->ex.id) == 0) {
			if (i + 1 < n)
				next = xstrdup(list[i + 1].id);
			break;
		}
	exercise_free_all(list, n);
	if (!next) {
		app_message(app, 0, "This is the last exercise.");
		return;
	}
	struct exview *nv = S_exview_open(app, next);
	free(next);
	if (!nv)
		return;
	nv->focus = v->focus;
	if (v->watch) { /* watching carries over to the next workspace */
		struct error err = {0};
		if (nv->workspace && watch_open(nv->workspace, &nv->watch, &err) != ST_OK)
			app_message(app, 1, "Cannot watch your files: %s", err.message);
	}
	S_exview_free(v);
	view->state = nv;
}

/* ------------------------------------------------------------ rows */

/* Adds a plain line as rows of at most width columns, broken at a space
 * where there is one; further rows keep the line's indentation and hang
 * columns more ("✓ " lines hang 2). Tabs become spaces and control
 * characters '?', so a learner's output cannot move the cursor. */
static void S_wrapped_hang(struct form_rows *r, const char *text, int width, int hang,
                           enum theme_ui ui)
{
	struct buf clean = {0};
	for (const char *p = text; *p; p++) {
		if (*p == '\t')
			buf_repeat(&clean, " ", 4 - clean.len % 4);
		else
			buf_putc(&clean, (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p);
	}
	const char *p = buf_cstr(&clean);
	size_t left = clean.len;
	size_t lead = strspn(p, " ") + (size_t)hang;
	if (width < 10)
		width = 10;
	if (lead > (size_t)width / 2)
		lead = 0;
	struct buf row = {0};
	bool first = true;
	do {
		size_t avail = (size_t)width - (first ? 0 : lead), cols;
		size_t n = utf8_prefix_fitting(p, left, avail, &cols);
		if (n < left) {
			size_t k = n;
			while (k > 0 && p[k - 1] != ' ')
				k--;
			if (k > (first ? lead : 0))
				n = k;
		}
		if (n == 0 && left) {
			uint32_t cp;
			n = utf8_decode(p, left, &cp);
			if (n == 0)
				n = 1;
		}
		buf_reset(&row);
		if (!first)
			buf_repeat(&row, " ", lead);
		buf_append(&row, p, n);
		form_text_row(r, buf_cstr(&row), ui);
		p += n;
		left -= n;
		first = false;
	} while (left > 0);
	buf_free(&row);
	buf_free(&clean);
}

static void S_wrapped(struct form_rows *r, const char *text, int width, enum theme_ui ui)
{
	S_wrapped_hang(r, text, width, 0, ui);
}

static void S_build_text(struct exview *v, int width)
{
	struct form_rows *r = &v->rows[P_TEXT];
	form_rows_clear(r);
	form_md_rows(r, v->ex.instructions, width, 0, NULL, THEME_DIM, false, false);
	v->mark_start[P_TEXT] = v->mark_end[P_TEXT] = -1;
	for (int i = 0; i < v->hints; i++) {
		form_blank(r);
		char title[64];
		snprintf(title, sizeof title, "Hint %d of %zu", i + 1, v->ex.n_hints);
		v->mark_start[P_TEXT] = (long)r->n;
		form_text_row(r, title, THEME_TITLE);
		form_md_rows(r, v->ex.hints[i], width, 0, NULL, THEME_DIM, false, false);
		v->mark_end[P_TEXT] = (long)r->n - 1;
	}
	form_blank(r);
	char more[128];
	int left = (int)v->ex.n_hints - v->hints;
	if (left == 0)
		snprintf(more, sizeof more, "Every hint is shown.");
	else if (v->hints == 0)
		snprintf(more, sizeof more, "Stuck? h gives a hint (%d in all).", left);
	else
		snprintf(more, sizeof more, "h gives the next hint (%d more).", left);
	form_text_row(r, more, THEME_DIM);
}

struct S_lines_ctx {
	struct form_rows *rows;
	int width;
};

static void S_outcome_line(void *ctx, enum checks_line kind, const char *text)
{
	struct S_lines_ctx *c = ctx;
	enum theme_ui ui = THEME_SIDEBAR;
	switch (kind) {
	case CHECKS_LINE_PASS: ui = THEME_PROGRESS; break;
	case CHECKS_LINE_FAIL: ui = THEME_ERROR; break;
	case CHECKS_LINE_HEADING: ui = THEME_TITLE; break;
	case CHECKS_LINE_DETAIL:
	case CHECKS_LINE_TEXT:
	case CHECKS_LINE_OUTPUT:
	case CHECKS_LINE_BLANK: ui = THEME_SIDEBAR; break;
	}
	bool mark = kind == CHECKS_LINE_PASS || kind == CHECKS_LINE_FAIL;
	S_wrapped_hang(c->rows, text, c->width, mark ? 2 : 0, ui);
}

static void S_build_results(struct exview *v, int width)
{
	struct form_rows *r = &v->rows[P_RESULTS];
	form_rows_clear(r);
	v->mark_start[P_RESULTS] = v->mark_end[P_RESULTS] = -1;
	if (!v->workspace) {
		S_wrapped(r, v->problem, width, THEME_ERROR);
	} else if (v->job) {
		S_wrapped(r, "Your code is running: its output shows here as it comes.", width,
		          THEME_TITLE);
		S_wrapped(r, "Ctrl-C stops it; the checks run when it ends.", width, THEME_DIM);
		const char *out = checks_job_output(v->job);
		v->job_output = strlen(out);
		if (*out)
			form_blank(r);
		struct buf line = {0};
		while (*out) {
			size_t len = strcspn(out, "\n");
			buf_reset(&line);
			buf_append(&line, out, len);
			S_wrapped(r, buf_cstr(&line), width, THEME_SIDEBAR);
			out += len + (out[len] == '\n');
		}
		buf_free(&line);
	} else if (v->run_error[0]) {
		S_wrapped(r, "The checks could not run:", width, THEME_ERROR);
		S_wrapped(r, v->run_error, width, THEME_ERROR);
	} else if (!v->has_outcome) {
		S_wrapped(r, "Not run yet: r runs the checks.", width, THEME_TITLE);
		form_blank(r);
		S_wrapped(r,
		          "e edits your files in your editor and checks them when you are back; "
		          "w checks them whenever you save one.",
		          width, THEME_DIM);
	} else {
		struct buf summary = {0};
		checks_outcome_summary(&v->outcome, &summary);
		S_wrapped(r, buf_cstr(&summary), width,
		          checks_outcome_passed(&v->outcome) ? THEME_PROGRESS : THEME_ERROR);
		buf_free(&summary);
		form_blank(r);
		struct S_lines_ctx c = {r, width};
		checks_outcome_lines(&v->ex, &v->outcome, S_outcome_line, &c);
	}
	if (v->solution_shown) {
		form_blank(r);
		v->mark_start[P_RESULTS] = (long)r->n;
		S_wrapped(r, "Solution", width, THEME_TITLE);
		const char *p = buf_cstr(&v->solution);
		struct buf line = {0};
		while (*p) {
			size_t len = strcspn(p, "\n");
			buf_reset(&line);
			buf_append(&line, p, len);
			S_wrapped(r, buf_cstr(&line), width, THEME_SIDEBAR);
			p += len + (p[len] == '\n');
		}
		buf_free(&line);
		v->mark_end[P_RESULTS] = (long)r->n - 1;
	}
}

/* ------------------------------------------------------------ drawing */

/* Draws pane p: a heading row, then its rows from its scroll position. */
static void S_draw_pane(struct exview *v, enum pane p, int y, int x, int h, int w)
{
	int cw = w - 3; /* two columns of margin on the left, one on the right */
	if (cw < MD_LAYOUT_MIN_WIDTH)
		cw = MD_LAYOUT_MIN_WIDTH;
	if (v->built_width[p] != cw) {
		if (p == P_TEXT)
			S_build_text(v, cw);
		else
			S_build_results(v, cw);
		v->built_width[p] = cw;
	}
	const struct form_rows *r = &v->rows[p];
	int area = h - 1;
	v->page[p] = area > 1 ? area : 1;
	bool *show = p == P_TEXT ? &v->show_hint : &v->show_solution;
	if (*show && v->mark_start[p] >= 0) {
		/* All of it if it fits, and its first row in any case. */
		if (v->mark_end[p] >= v->scroll[p] + area)
			v->scroll[p] = (int)(v->mark_end[p] - area + 1);
		if (v->mark_start[p] < v->scroll[p])
			v->scroll[p] = (int)v->mark_start[p];
	}
	*show = false;
	int max_scroll = (int)r->n - area;
	if (v->scroll[p] > max_scroll)
		v->scroll[p] = max_scroll > 0 ? max_scroll : 0;
	if (v->scroll[p] < 0)
		v->scroll[p] = 0;

	bool focused = v->focus == p;
	char title[160];
	if (p == P_TEXT)
		snprintf(title, sizeof title, "%s Instructions", focused ? "▸" : " ");
	else if (v->job)
		snprintf(title, sizeof title, "%s Results · run %d · running %llu s",
		         focused ? "▸" : " ", v->runs,
		         (unsigned long long)(checks_job_elapsed_ms(v->job) / 1000));
	else if (v->runs)
		snprintf(title, sizeof title, "%s Results · run %d%s", focused ? "▸" : " ", v->runs,
		         v->watch ? " · watching" : "");
	else
		snprintf(title, sizeof title, "%s Results%s", focused ? "▸" : " ",
		         v->watch ? " · watching" : "");
	draw_ui_text(y, x, w - 1, title, focused ? THEME_TITLE : THEME_DIM);
	if (max_scroll > 0) {
		char where[16];
		snprintf(where, sizeof where, "%d%%", v->scroll[p] * 100 / max_scroll);
		int ww = (int)strlen(where);
		draw_ui_text(y, x + w - ww - 1, ww, where, THEME_DIM);
	}
	for (int i = 0; i < area && (size_t)(v->scroll[p] + i) < r->n; i++) {
		const struct form_row *row = &r->rows[v->scroll[p] + i];
		if (row->line)
			draw_md_line(y + 1 + i, x + 2, cw, row->line, NULL, 0);
		else if (row->text)
			draw_ui_text(y + 1 + i, x + 2, cw, row->text, row->text_ui);
	}
}

static const char *S_keys(int cols)
{
	return cols >= S_WIDE_COLS
	           ? "e edit · r run · h hint · s solution · R reset · n next · w watch · c "
	             "section · Tab pane · q back"
	           : "e edit · r run · h hint · s solution · R reset · n next · w watch";
}

static void S_exercise_draw(struct view *view, struct app *app, int rows, int cols)
{
	struct exview *v = view->state;
	/* Header: the exercise, its section and status. */
	char left[300], right[96];
	snprintf(left, sizeof left, "Exercise · %s", v->ex.title);
	snprintf(right, sizeof right, "section %s · %s", v->ex.section,
	         exprogress_state_name(v->status.state));
	draw_fill(0, 0, cols, THEME_TITLE);
	int rw = (int)utf8_width(right, strlen(right));
	draw_ui_text(0, 2, cols - rw - 6, left, THEME_TITLE);
	int sw = (int)strlen(exprogress_state_name(v->status.state));
	draw_ui_text(0, cols - rw - 2, rw - sw, right, THEME_TITLE);
	draw_ui_text(0, cols - sw - 2, sw, exprogress_state_name(v->status.state),
	             v->status.state == EXPROGRESS_NEW ? THEME_TITLE : S_state_ui(v->status.state));
	char where[1600];
	if (v->workspace)
		snprintf(where, sizeof where, "%s · your files: %s", v->ex.id, v->workspace);
	else
		snprintf(where, sizeof where, "%s · %s", v->ex.id, v->problem);
	draw_ui_text(1, 2, cols - 4, where, v->workspace ? THEME_DIM : THEME_ERROR);

	int top = 2, area = rows - top - 1;
	if (cols >= S_WIDE_COLS) {
		int lw = (cols - 1) / 2;
		S_draw_pane(v, P_TEXT, top, 0, area, lw);
		for (int y = top; y < top + area; y++)
			draw_ui_text(y, lw, 1, "│", THEME_DIM);
		S_draw_pane(v, P_RESULTS, top, lw + 1, area, cols - lw - 1);
	} else {
		int th = area / 2;
		S_draw_pane(v, P_TEXT, top, 0, th, cols);
		S_draw_pane(v, P_RESULTS, top + th, 0, area - th, cols);
	}

	const char *status = S_keys(cols);
	if (v->job)
		status = "Your code is running · Ctrl-C stops it · Tab pane · h hint · q back";
	if (v->mode == X_ASK_SOLUTION)
		status = "Show the solution? y shows it · n keeps it hidden";
	else if (v->mode == X_ASK_RESET)
		status = "Reset your files to the starter? y resets · n keeps them";
	app_draw_status(app, rows - 1, cols, status,
	                v->watch && v->mode == X_NORMAL ? "watching" : NULL);
}

/* ------------------------------------------------------------ keys */

static unsigned S_answer(struct exview *v, struct app *app, int key)
{
	enum xmode mode = v->mode;
	if (key == 'y' || key == 'Y') {
		v->mode = X_NORMAL;
		if (mode == X_ASK_SOLUTION)
			S_show_solution(v, app);
		else
			S_reset(v, app);
	} else if (key == 'n' || key == 'N' || key == 27 || key == 'q') {
		v->mode = X_NORMAL;
		app_message(app, 0, "%s",
		            mode == X_ASK_SOLUTION ? "Not shown."
		                                   : "Not reset: your files are as they were.");
	}
	return VIEW_HANDLED; /* other keys: the question stays */
}

static unsigned S_exercise_handle(struct view *view, struct app *app, enum request req, int key)
{
	struct exview *v = view->state;
	if (v->mode != X_NORMAL)
		return S_answer(v, app, key);
	int *scroll = &v->scroll[v->focus], page = v->page[v->focus];
	switch (req) {
	case REQ_DOWN: (*scroll)++; return VIEW_HANDLED;
	case REQ_UP: (*scroll)--; return VIEW_HANDLED;
	case REQ_PAGE_DOWN: *scroll += page; return VIEW_HANDLED;
	case REQ_PAGE_UP: *scroll -= page; return VIEW_HANDLED;
	case REQ_TOP: *scroll = 0; return VIEW_HANDLED;
	case REQ_BOTTOM: *scroll = 1 << 20; return VIEW_HANDLED;
	case REQ_PANE: v->focus = v->focus == P_TEXT ? P_RESULTS : P_TEXT; return VIEW_HANDLED;
	case REQ_EX_EDIT: S_edit(v, app); return VIEW_HANDLED;
	case REQ_EX_RUN: S_run(v, app); return VIEW_HANDLED;
	case REQ_EX_HINT: S_hint(v, app); return VIEW_HANDLED;
	case REQ_EX_SOLUTION: S_ask_solution(v, app); return VIEW_HANDLED;
	case REQ_EX_RESET:
		if (!v->home)
			app_message(app, 1, "%s", v->problem);
		else
			v->mode = X_ASK_RESET;
		return VIEW_HANDLED;
	case REQ_EX_NEXT: S_next(view, app); return VIEW_HANDLED;
	case REQ_EX_WATCH: S_watch(v, app); return VIEW_HANDLED;
	case REQ_EX_SECTION: S_read_section(v, app); return VIEW_HANDLED;
	default: return VIEW_IGNORED;
	}
}

/* With watching on: a change to the workspace runs the checks. Polled
 * without waiting: in a terminal the loop wakes at least every quarter
 * second (tui/input), so a save is noticed that soon. */
static unsigned S_exercise_tick(struct view *view, struct app *app)
{
	struct exview *v = view->state;
	if (v->job) {
		if (v->interrupt)
			checks_stop(v->job);
		if (checks_poll(v->job, 0)) {
			S_finish(v, app);
		} else if (strlen(checks_job_output(v->job)) != v->job_output) {
			S_changed(v, P_RESULTS);
			v->scroll[P_RESULTS] = 1 << 20; /* follow the output's end */
		}
		return 0;
	}
	if (!v->watch)
		return 0;
	struct pollfd p = {.fd = watch_fd(v->watch), .events = POLLIN};
	if (poll(&p, 1, 0) <= 0 || !watch_changed(v->watch))
		return 0;
	watch_settle(v->watch);
	app->message[0] = '\0'; /* "Watching ..." and the like are old news */
	S_run(v, app);
	if (!app->message[0])
		app_message(app, 0, "A file changed: checked again.");
	return VIEW_HANDLED;
}

/* While the learner's code runs, its output is read this often. */
static int S_exercise_wait_ms(struct view *view)
{
	struct exview *v = view->state;
	return v->job ? S_RUNNING_WAIT_MS : -1;
}

static void S_exercise_close(struct view *view, struct app *app)
{
	(void)app;
	S_exview_free(view->state);
	free(view);
}

static const struct view_ops S_exercise_ops = {
    .name = "exercise",
    .draw = S_exercise_draw,
    .handle = S_exercise_handle,
    .close = S_exercise_close,
    .tick = S_exercise_tick,
    .wait_ms = S_exercise_wait_ms,
};

struct view *view_exercise_new(struct app *app, const char *id)
{
	struct exview *v = S_exview_open(app, id);
	if (!v)
		return NULL;
	struct view *view = xcalloc(1, sizeof *view);
	view->ops = &S_exercise_ops;
	view->ctx = KEYCTX_EXERCISE;
	view->state = v;
	return view;
}

/* ============================================================ the list */

struct exlist {
	struct exercise *list;
	size_t n, skipped;
	enum exprogress_state *state; /* per exercise */
	struct list_cursor cursor;    /* selected: an exercise; top: a screen row */
	bool stale;                   /* the states must be read again */
	int section_w;
};

/* The chapter number of a section: "5" of "5.4". */
static size_t S_chapter_len(const char *section)
{
	return strcspn(section, ".");
}

static bool S_new_chapter(const struct exlist *l, size_t i)
{
	if (i == 0)
		return true;
	const char *a = l->list[i - 1].section, *b = l->list[i].section;
	size_t la = S_chapter_len(a), lb = S_chapter_len(b);
	return la != lb || strncmp(a, b, la) != 0;
}

/* Screen rows: a heading before each chapter's first exercise. */
static size_t S_row_of(const struct exlist *l, size_t i)
{
	size_t row = 0;
	for (size_t k = 0; k <= i && k < l->n; k++)
		row += S_new_chapter(l, k) ? 2 : 1;
	return row - 1;
}

static void S_refresh_states(struct exlist *l, struct app *app)
{
	for (size_t i = 0; i < l->n; i++) {
		struct exprogress_status s = {.state = EXPROGRESS_NEW};
		struct error err = {0};
		if (app->progress &&
		    exprogress_get(app->progress, l->list[i].id, &s, &err) != ST_OK)
			app_message(app, 1, "Your status cannot be read: %s", err.message);
		l->state[i] = s.state;
	}
	l->stale = false;
}

static void S_list_draw(struct view *view, struct app *app, int rows, int cols)
{
	struct exlist *l = view->state;
	if (l->stale)
		S_refresh_states(l, app);
	draw_ui_text(0, 2, cols - 4, "Exercises", THEME_TITLE);
	char line[400];
	if (!l->n) {
		snprintf(line, sizeof line, "No exercises in %s.",
		         app->exercises_dir ? app->exercises_dir : "this course");
		draw_ui_text(2, 2, cols - 4, line, THEME_DIM);
		if (l->skipped) {
			snprintf(line, sizeof line,
			         "%zu left out: broken (the problems are printed at exit).",
			         l->skipped);
			draw_ui_text(3, 2, cols - 4, line, THEME_ERROR);
		}
		app_draw_status(app, rows - 1, cols, "q back", NULL);
		return;
	}
	size_t passed = 0;
	for (size_t i = 0; i < l->n; i++)
		passed += l->state[i] == EXPROGRESS_PASSED;
	int len = snprintf(line, sizeof line, "%zu exercise%s, %zu passed", l->n,
	                   l->n == 1 ? "" : "s", passed);
	if (l->skipped)
		snprintf(line + len, sizeof line - (size_t)len, " · %zu skipped (broken)",
		         l->skipped);
	draw_ui_text(1, 2, cols - 4, line, THEME_DIM);

	int list_y = 3, list_rows = rows - list_y - 1;
	if (list_rows < 1)
		list_rows = 1;
	/* Keep the selection on screen, with its chapter's heading when it is
	 * the chapter's first. */
	size_t sel_row = S_row_of(l, l->cursor.selected);
	size_t want_top = S_new_chapter(l, l->cursor.selected) ? sel_row - 1 : sel_row;
	if (want_top < l->cursor.top)
		l->cursor.top = want_top;
	if (sel_row >= l->cursor.top + (size_t)list_rows)
		l->cursor.top = sel_row - (size_t)list_rows + 1;
	size_t row = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct exercise *ex = &l->list[i];
		if (S_new_chapter(l, i)) {
			if (row >= l->cursor.top && row < l->cursor.top + (size_t)list_rows) {
				char number[32];
				size_t cl = S_chapter_len(ex->section);
				snprintf(number, sizeof number, "%.*s", (int)(cl < 31 ? cl : 31),
				         ex->section);
				size_t ch;
				long sec;
				if (course_find(app->course, number, &ch, &sec) == 0)
					snprintf(line, sizeof line, "Chapter %s · %s", number,
					         app->course->chapters[ch].title);
				else
					snprintf(line, sizeof line, "Chapter %s", number);
				draw_ui_text(list_y + (int)(row - l->cursor.top), 2, cols - 4, line,
				             THEME_TITLE);
			}
			row++;
		}
		if (row >= l->cursor.top && row < l->cursor.top + (size_t)list_rows) {
			int y = list_y + (int)(row - l->cursor.top);
			bool sel = i == l->cursor.selected;
			if (sel)
				draw_fill(y, 1, cols - 2, THEME_SELECTED);
			enum theme_ui ui = sel ? THEME_SELECTED : THEME_SIDEBAR;
			int x = 4;
			draw_ui_text(y, x, l->section_w, ex->section, ui);
			x += l->section_w + 2;
			draw_ui_text(y, x, 6, exprogress_state_name(l->state[i]),
			             sel ? THEME_SELECTED : S_state_ui(l->state[i]));
			x += 8;
			/* What the learner writes: SQL, Python, or flask db commands. */
			draw_ui_text(y, x, 9, exercise_kind_name(ex->kind),
			             sel ? THEME_SELECTED : THEME_DIM);
			x += 11;
			draw_ui_text(y, x, cols - x - 2, ex->title, ui);
		}
		row++;
	}
	app_draw_status(app, rows - 1, cols, "Enter open · j/k move · q back", NULL);
}

static unsigned S_list_handle(struct view *view, struct app *app, enum request req, int key)
{
	struct exlist *l = view->state;
	(void)key;
	if (list_cursor_move(&l->cursor, l->n, req, 10))
		return VIEW_HANDLED;
	if (req == REQ_OPEN && l->n) {
		struct view *v = view_exercise_new(app, l->list[l->cursor.selected].id);
		if (v)
			app_push(app, v);
		l->stale = true; /* the exercise's runs change its status */
		return VIEW_HANDLED;
	}
	return VIEW_IGNORED;
}

static void S_list_close(struct view *view, struct app *app)
{
	(void)app;
	struct exlist *l = view->state;
	exercise_free_all(l->list, l->n);
	free(l->state);
	free(l);
	free(view);
}

static const struct view_ops S_list_ops = {
    .name = "exercises",
    .draw = S_list_draw,
    .handle = S_list_handle,
    .close = S_list_close,
};

struct view *view_exercises_new(struct app *app)
{
	struct exlist *l = xcalloc(1, sizeof *l);
	if (app->exercises_dir) {
		/* With the course's sections, an exercise about a section the
		 * course lacks is reported too (a warning), as the CLI's list does. */
		size_t n_sections = 0;
		for (size_t i = 0; i < app->course->nchapters; i++)
			n_sections += app->course->chapters[i].nsections;
		const char **sections = xcalloc(n_sections ? n_sections : 1, sizeof *sections);
		n_sections = 0;
		for (size_t i = 0; i < app->course->nchapters; i++)
			for (size_t k = 0; k < app->course->chapters[i].nsections; k++)
				sections[n_sections++] =
				    app->course->chapters[i].sections[k].number;
		struct buf diag = {0};
		l->n = exercise_load_all(app->exercises_dir, sections, n_sections, &l->list, &diag);
		size_t folders = exercise_count_folders(app->exercises_dir);
		l->skipped = folders > l->n ? folders - l->n : 0;
		S_note(app, buf_cstr(&diag));
		buf_free(&diag);
		free(sections);
	}
	if (l->skipped)
		app_message(app, 1,
		            "%zu exercise%s left out: broken (the problems are printed at exit).",
		            l->skipped, l->skipped == 1 ? "" : "s");
	l->state = xcalloc(l->n ? l->n : 1, sizeof *l->state);
	for (size_t i = 0; i < l->n; i++) {
		int w = (int)utf8_width(l->list[i].section, strlen(l->list[i].section));
		l->section_w = w > l->section_w ? w : l->section_w;
	}
	l->stale = true;
	struct view *view = xcalloc(1, sizeof *view);
	view->ops = &S_list_ops;
	view->ctx = KEYCTX_EXERCISES;
	view->state = l;
	return view;
}
