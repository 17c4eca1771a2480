/* view_practice: the practice screen.
 *
 * One question at a time, chosen by quiz/practice (due reviews, then new
 * questions weighted to weak sections). The stem and options are laid out
 * by md, so code is highlighted as in the reader. Answering:
 *   single/truefalse  1-9 picks (or j/k and Space), Enter submits
 *   multi             1-9 / Space toggle, Enter submits
 *   order             j/k choose an item, J/K move it, Enter submits
 *   match             j/k choose a left item, a-z gives it a right side
 *   short/numeric/sql type, Enter submits (Esc ends the session)
 * After the feedback (right/wrong marks, the key, per-option feedback, the
 * explanation) 1-4 rate recall and Enter takes the suggested rating; r
 * opens the question's section in the reader (q there comes back). Every
 * answer is saved at once with its card. q ends the session with a
 * summary. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/xalloc.h"
#include "quiz/grade.h"
#include "quiz/practice.h"
#include "quiz/shown.h"
#include "quiz/summary.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/form.h"

enum pstate { P_ASK, P_FEEDBACK, P_DONE };

struct pview {
	struct practice sel;
	struct summary sum;
	int count, asked;
	enum pstate state;
	long entry;
	const struct bank_question *q;
	struct quiz_shown shown;
	enum practice_kind kind;
	int64_t shown_at;
	struct form form; /* the answer being given (tui/form) */
	bool has_form;
	struct quiz_reply reply;
	struct quiz_grade grade;
	bool graded;
	enum fsrs_rating suggested;
	int scroll;
	/* Scrolling follows the learner: a new question starts at its top; a
	 * key that moves the cursor or types brings the focused rows into view
	 * once (PgUp and PgDn stay where they put it); feedback opens at the
	 * verdict. */
	bool follow_focus;
	bool to_verdict;
	char done_text[1024];
	char *section;         /* the filter's section, owned */
	const char **keys;     /* the filter's key list (strings are the catalog's), owned */
	struct form_rows rows; /* of the last draw */
};

/* ------------------------------------------------------------ questions */

static void S_reset_answer(struct pview *v)
{
	if (v->has_form)
		form_free(&v->form);
	v->has_form = false;
	quiz_reply_free(&v->reply);
	quiz_grade_clear(&v->grade);
	memset(&v->grade, 0, sizeof v->grade);
	v->graded = false;
	quiz_shown_free(&v->shown);
	v->scroll = 0;
	v->follow_focus = v->to_verdict = false;
}

static void S_finish(struct pview *v, struct app *app, const char *why)
{
	v->state = P_DONE;
	struct buf out = {0};
	if (why)
		buf_printf(&out, "%s\n", why);
	summary_format(&v->sum, &v->sel, clock_now(), &out);
	snprintf(v->done_text, sizeof v->done_text, "%s", buf_cstr(&out));
	buf_free(&out);
	(void)app;
}

static void S_next_question(struct pview *v, struct app *app)
{
	S_reset_answer(v);
	if (v->asked >= v->count) {
		S_finish(v, app, "Session complete.");
		return;
	}
	int64_t now = clock_now();
	long i = practice_next(&v->sel, now, &v->kind);
	if (i < 0) {
		S_finish(v, app,
		         v->asked                       ? "No more questions here."
		         : app->catalog->n_entries == 0 ? "No question bank is installed: run make "
		                                          "(or studyterm bank build)."
		         : v->sel.filter.due_only       ? "Nothing is due for review."
		         : v->sel.filter.weak_only ? "No weak questions: nothing was missed yet."
		                                   : "No questions to practise here.");
		return;
	}
	struct error err = {0};
	const struct bank_question *q = catalog_question(app->catalog, (size_t)i, &err);
	if (!q) {
		app_message(app, 1, "%s: %s", err.where, err.message);
		S_finish(v, app, "A question could not be read.");
		return;
	}
	v->entry = i;
	v->q = q;
	v->state = P_ASK;
	v->asked++;
	v->shown_at = now;
	quiz_shown_init(&v->shown, q, &v->sel.rng);
	form_init(&v->form, &v->shown);
	v->has_form = true;
}

static void S_submit(struct pview *v, struct app *app)
{
	const struct bank_question *q = v->q;
	struct buf why = {0};
	if (!form_ready(&v->form, &why)) {
		app_message(app, 0, "%s", buf_cstr(&why));
		buf_free(&why);
		return;
	}
	buf_free(&why);
	form_reply(&v->form, &v->reply);
	struct quiz_grade_env env = {.dataset_dir = app->dataset_dir};
	struct error err = {0};
	if (quiz_grade(q, &v->reply.answer, &env, &v->grade, &err) != ST_OK) {
		app_message(app, 1, "Cannot grade: %s: %s", err.where, err.message);
		quiz_reply_free(&v->reply);
		return;
	}
	v->graded = true;
	v->suggested = practice_default_rating(v->grade.score);
	v->state = P_FEEDBACK;
	v->to_verdict = true;
}

/* Saves the graded answer with rating r (answer and card together). */
static void S_record(struct pview *v, struct app *app, enum fsrs_rating r)
{
	struct buf said = {0};
	quiz_reply_describe(&v->shown, &v->reply, &said);
	int64_t now = clock_now();
	struct error err = {0};
	if (practice_answer(&v->sel, app->progress, (size_t)v->entry, v->grade.score, r, now,
	                    (now - v->shown_at) * 1000, buf_cstr(&said), &err) != ST_OK)
		app_message(app, 1, "Answer not saved: %s", err.message);
	buf_free(&said);
	summary_add(&v->sum, app->catalog->entries[v->entry].section, v->grade.score);
}

static void S_rate(struct pview *v, struct app *app, enum fsrs_rating r)
{
	S_record(v, app, r);
	S_next_question(v, app);
}

/* ------------------------------------------------------------ drawing */

static const char *S_kind_name(enum practice_kind k)
{
	return k == PRACTICE_DUE ? "review" : k == PRACTICE_NEW ? "new" : "ahead of schedule";
}

static void S_build(struct pview *v, struct app *app, int width)
{
	form_rows_clear(&v->rows);
	if (v->state == P_DONE) {
		char *copy = xstrdup(v->done_text);
		char *save = NULL;
		for (char *line = strtok_r(copy, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			form_text_row(&v->rows, line, THEME_SIDEBAR);
		free(copy);
		return;
	}
	(void)app;
	form_build(&v->form, &v->rows, width, v->state == P_FEEDBACK, v->state == P_ASK);
	if (v->state == P_FEEDBACK) {
		form_build_feedback(&v->form, &v->grade, &v->rows, width);
		form_blank(&v->rows);
		char rate[200];
		snprintf(
		    rate, sizeof rate,
		    "How well did you know it?  1 Again · 2 Hard · 3 Good · 4 Easy   (Enter: %s)",
		    fsrs_rating_name(v->suggested));
		form_text_row(&v->rows, rate, THEME_TITLE);
	}
}

static void S_practice_draw(struct view *view, struct app *app, int rows, int cols)
{
	struct pview *v = view->state;
	int width = cols - 2 > 100 ? 100 : cols - 2;
	S_build(v, app, width);
	char title[256];
	if (v->state == P_DONE) {
		snprintf(title, sizeof title, "Practice · session summary");
	} else {
		const struct catalog_entry *e = &app->catalog->entries[v->entry];
		snprintf(title, sizeof title, "Practice · %d of %d · %s %s · %s", v->asked,
		         v->count, e->section, e->title, S_kind_name(v->kind));
	}
	draw_ui_text(0, 2, cols - 4, title, THEME_TITLE);
	int area = rows - 3;
	if (area < 1)
		area = 1;
	/* The focused rows: the cursor's option or the answer being typed,
	 * or the verdict. */
	long focus = form_first_focus(&v->rows);
	if (focus >= 0 && v->state == P_ASK && v->follow_focus) {
		long last = focus;
		while ((size_t)(last + 1) < v->rows.n && v->rows.rows[last + 1].focus)
			last++;
		if (last >= v->scroll + area)
			v->scroll = (int)(last - area + 1);
		if (focus < v->scroll)
			v->scroll = (int)focus;
	}
	if (focus >= 0 && v->state == P_FEEDBACK && v->to_verdict)
		v->scroll = (int)focus - 1; /* the verdict and as much after it as fits */
	v->follow_focus = v->to_verdict = false;
	int max_scroll = (int)v->rows.n - area;
	if (v->scroll > max_scroll)
		v->scroll = max_scroll > 0 ? max_scroll : 0;
	if (v->scroll < 0)
		v->scroll = 0;
	for (int y = 0; y < area && (size_t)(v->scroll + y) < v->rows.n; y++)
		form_draw_row(&v->rows.rows[v->scroll + y], 2 + y, cols);
	char hint[128];
	char right[64] = "";
	if (v->state == P_DONE)
		snprintf(hint, sizeof hint, "Enter or q: back");
	else if (v->state == P_FEEDBACK)
		snprintf(hint, sizeof hint, "1-4 rate · Enter accept · r read the section · q end");
	else
		snprintf(hint, sizeof hint, "%s · Enter submit · %s", form_hint(&v->form),
		         form_is_text(v->q->type) ? "Esc end" : "q end");
	if (v->state != P_DONE) {
		const char *more = v->scroll < max_scroll ? "PgDn more  "
		                   : v->scroll > 0        ? "PgUp back  "
		                                          : "";
		snprintf(right, sizeof right, "%s%zu/%zu right", more, v->sum.right,
		         v->sum.answered);
	}
	app_draw_status(app, rows - 1, cols, hint, right);
}

/* ------------------------------------------------------------ keys */

static unsigned S_handle_ask(struct pview *v, struct app *app, int key)
{
	bool text = form_is_text(v->q->type);
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		S_submit(v, app);
		return VIEW_HANDLED;
	}
	if (key == 27 || (key == 'q' && !text)) {
		S_finish(v, app, "Session ended.");
		return VIEW_HANDLED;
	}
	form_key(&v->form, key);
	return VIEW_HANDLED;
}

static void S_open_section(struct pview *v, struct app *app)
{
	const char *section = app->catalog->entries[v->entry].section;
	size_t chapter;
	long sec;
	if (course_find(app->course, section, &chapter, &sec) != 0) {
		app_message(app, 0, "Section %s is not in this course.", section);
		return;
	}
	app_push(app, view_reader_new(app, chapter, sec));
}

static unsigned S_practice_handle(struct view *view, struct app *app, enum request req, int key)
{
	struct pview *v = view->state;
	if (key == KEY_NPAGE || key == KEY_PPAGE) {
		v->scroll += key == KEY_NPAGE ? 10 : -10;
		return VIEW_HANDLED;
	}
	switch (v->state) {
	case P_DONE:
		if (key == '\n' || key == '\r' || key == KEY_ENTER || key == 'q' || key == 27)
			return VIEW_CLOSE;
		return req == REQ_HELP || req == REQ_QUIT_ALL ? VIEW_IGNORED : VIEW_HANDLED;
	case P_ASK:
		if (req == REQ_HELP && !form_is_text(v->q->type))
			return VIEW_IGNORED;
		if (req == REQ_QUIT_ALL && !form_is_text(v->q->type))
			return VIEW_IGNORED;
		v->follow_focus = true;
		return S_handle_ask(v, app, key);
	case P_FEEDBACK:
		if (key >= '1' && key <= '4') {
			S_rate(v, app, (enum fsrs_rating)(key - '0'));
			return VIEW_HANDLED;
		}
		if (key == '\n' || key == '\r' || key == KEY_ENTER) {
			S_rate(v, app, v->suggested);
			return VIEW_HANDLED;
		}
		if (key == 'r') {
			S_open_section(v, app);
			return VIEW_HANDLED;
		}
		if (key == 'j' || key == KEY_DOWN) {
			v->scroll++;
			return VIEW_HANDLED;
		}
		if (key == 'k' || key == KEY_UP) {
			v->scroll--;
			return VIEW_HANDLED;
		}
		if (key == 'q' || key == 27) {
			/* The answer counts: it is saved with the suggested rating. */
			S_record(v, app, v->suggested);
			S_reset_answer(v);
			S_finish(v, app, "Session ended.");
			return VIEW_HANDLED;
		}
		return req == REQ_HELP || req == REQ_QUIT_ALL ? VIEW_IGNORED : VIEW_HANDLED;
	}
	return VIEW_HANDLED;
}

static void S_practice_close(struct view *view, struct app *app)
{
	(void)app;
	struct pview *v = view->state;
	S_reset_answer(v);
	form_rows_free(&v->rows);
	summary_free(&v->sum);
	practice_free(&v->sel);
	free(v->section);
	free(v->keys);
	free(v);
	free(view);
}

static const struct view_ops S_practice_ops = {
    .name = "practice",
    .draw = S_practice_draw,
    .handle = S_practice_handle,
    .close = S_practice_close,
};

struct view *view_practice_new(struct app *app, const struct practice_filter *filter, int count)
{
	struct pview *v = xcalloc(1, sizeof *v);
	int64_t now = clock_now();
	struct practice_filter f = *filter;
	if (f.section) /* the caller's string may not outlive the view */
		f.section = v->section = xstrdup(f.section);
	if (f.n_keys) { /* nor the caller's list */
		v->keys = xcalloc(f.n_keys, sizeof *v->keys);
		memcpy(v->keys, f.keys, f.n_keys * sizeof *v->keys);
		f.keys = v->keys;
	}
	practice_init(&v->sel, app->catalog, &f, app->seed ? app->seed : (uint64_t)now);
	if (app->retention > 0)
		v->sel.params.desired_retention = app->retention;
	v->sel.params.enable_fuzz = !app->no_fuzz;
	struct error err = {0};
	if (app->progress && practice_load(&v->sel, app->progress, &err) != ST_OK)
		app_message(app, 1, "Cannot read your practice history: %s", err.message);
	v->count = count > 0 ? count : 20;
	summary_init(&v->sum, now);
	S_next_question(v, app);
	struct view *view = xcalloc(1, sizeof *view);
	view->ops = &S_practice_ops;
	view->ctx = KEYCTX_PRACTICE;
	view->state = v;
	return view;
}
