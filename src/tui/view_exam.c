/* view_exam: the mock exam screens: the list of exams, the exam itself
 * with its countdown and navigator, the submit confirmation, the results
 * and the review.
 *
 * The attempt is quiz/exam's; this view only shows it and passes keys on.
 * Every answer is saved the moment it is given: a pick, a toggle, a move of
 * an ordering item or a letter given in a match at once; typed answers on
 * Enter and whenever the learner leaves the question. No feedback is
 * shown until the exam is over.
 *
 * Keys while answering (the table in tui/keymap documents them):
 *   the answering keys of tui/form          Right/Tab/] next, Left/S-Tab/[ previous
 *   F flag   G go to (a number, Enter)      S submit   q leave (the clock runs on)
 * In a typed answer every printable key types: Esc first, then the keys
 * above; Enter saves and moves on. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "quiz/exam.h"
#include "quiz/practice.h"
#include "quiz/profiles.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/list.h"

/* ================================================================ exam */

enum emode {
	E_ASK,     /* answering */
	E_COMMAND, /* a typed answer paused: Esc was pressed, exam keys work */
	E_GOTO,    /* typing a question number */
	E_SUBMIT,  /* confirming the submission */
	E_LEAVE,   /* confirming leaving (the clock keeps running) */
	E_RESULTS,
	E_REVIEW,
};

struct eview {
	struct exam exam;
	enum emode mode;
	size_t pos;       /* the question shown */
	struct form form; /* its answer being given */
	bool has_form;
	bool text_dirty; /* a typed answer changed since it was saved */
	char goto_buf[8];
	int scroll;
	bool follow_focus;
	struct form_rows rows;
	struct exam_results results;
	bool by_section;
	/* review: the question's grade, computed when shown */
	struct quiz_grade grade;
	bool graded;
};

static const char *S_state_text(const struct exam *e)
{
	switch (e->attempt.state) {
	case EXAMS_SUBMITTED: return "submitted";
	case EXAMS_TIMED_OUT: return "submitted when time ran out";
	case EXAMS_NOT_COUNTED: return "not counted: time ran out before it was submitted";
	case EXAMS_ABANDONED: return "given up: not counted";
	default: return "open";
	}
}

static void S_clock(int64_t seconds, char *out, size_t size)
{
	if (seconds >= 3600)
		snprintf(out, size, "%d:%02d:%02d", (int)(seconds / 3600), (int)(seconds / 60 % 60),
		         (int)(seconds % 60));
	else
		snprintf(out, size, "%02d:%02d", (int)(seconds / 60), (int)(seconds % 60));
}

/* ------------------------------------------------------------ answers */

static void S_drop_form(struct eview *v)
{
	if (v->has_form)
		form_free(&v->form);
	v->has_form = false;
	v->text_dirty = false;
	if (v->graded)
		quiz_grade_clear(&v->grade);
	memset(&v->grade, 0, sizeof v->grade);
	v->graded = false;
}

/* Shows question pos: its form holds the answer saved so far. */
static void S_load_form(struct eview *v)
{
	S_drop_form(v);
	struct exam_question *eq = &v->exam.questions[v->pos];
	v->scroll = 0;
	if (!eq->q)
		return;
	form_init(&v->form, &eq->shown);
	if (eq->answered)
		form_load(&v->form, &eq->reply);
	v->has_form = true;
}

/* Saves the form as the answer to the question shown; an empty typed
 * answer or no option picked clears it. */
static void S_save(struct eview *v, struct app *app)
{
	if (!v->has_form)
		return;
	struct exam *e = &v->exam;
	struct error err = {0};
	int64_t now = clock_now();
	struct buf why = {0};
	enum status st;
	if (form_ready(&v->form, &why)) {
		struct quiz_reply r;
		form_reply(&v->form, &r);
		st = exam_answer(e, v->pos, &r, now, &err);
	} else if (e->questions[v->pos].answered) {
		st = exam_clear(e, v->pos, now, &err);
	} else {
		st = ST_OK; /* nothing given, nothing to save */
	}
	buf_free(&why);
	if (st != ST_OK)
		app_message(app, 1, "Not saved: %s", err.message);
	v->text_dirty = false;
}

/* Saves a typed answer that changed, before leaving its question. */
static void S_flush(struct eview *v, struct app *app)
{
	if (v->has_form && form_is_text(v->form.shown->q->type) && v->text_dirty)
		S_save(v, app);
}

static void S_go(struct eview *v, struct app *app, size_t pos)
{
	struct error err = {0};
	if (pos == v->pos)
		return;
	S_flush(v, app);
	if (exam_visit(&v->exam, pos, &err) != ST_OK) {
		app_message(app, 0, "%s", err.message);
		return;
	}
	v->pos = pos;
	S_load_form(v);
	v->mode = E_ASK;
}

static void S_show_results(struct eview *v)
{
	S_drop_form(v);
	exam_results_free(&v->results);
	exam_results(&v->exam, v->by_section, &v->results);
	v->mode = E_RESULTS;
	v->scroll = 0;
}

static void S_submit(struct eview *v, struct app *app)
{
	struct error err = {0};
	S_flush(v, app);
	if (exam_submit(&v->exam, clock_now(), &err) != ST_OK)
		app_message(app, 1, "%s", err.message);
	S_show_results(v);
}

/* ------------------------------------------------------------ drawing */

/* The navigator: one cell per question, as many rows as it takes (at most
 * three; beyond that a window around the current question). */
static int S_draw_navigator(const struct eview *v, int y, int cols)
{
	const struct exam *e = &v->exam;
	int digits = e->n >= 100 ? 3 : e->n >= 10 ? 2 : 1;
	int cell = digits + 2; /* " 12 " less one: number, flag mark, space */
	int per_row = (cols - 4) / cell;
	if (per_row < 1)
		per_row = 1;
	int n_rows = (int)((e->n + (size_t)per_row - 1) / (size_t)per_row);
	int shown_rows = n_rows < 3 ? n_rows : 3;
	size_t first = 0;
	if (n_rows > 3) {
		size_t row_of_pos = v->pos / (size_t)per_row;
		size_t top = row_of_pos >= 1 ? row_of_pos - 1 : 0;
		if (top + 3 > (size_t)n_rows)
			top = (size_t)n_rows - 3;
		first = top * (size_t)per_row;
	}
	for (int r = 0; r < shown_rows; r++)
		for (int c = 0; c < per_row; c++) {
			size_t i = first + (size_t)r * (size_t)per_row + (size_t)c;
			if (i >= e->n)
				break;
			const struct exam_question *eq = &e->questions[i];
			char text[32];
			snprintf(text, sizeof text, "%*zu%s", digits, i + 1,
			         eq->flagged ? "⚑" : " ");
			enum theme_ui ui = i == v->pos    ? THEME_SELECTED
			                   : eq->answered ? THEME_PROGRESS
			                                  : THEME_DIM;
			draw_ui_text(y + r, 2 + c * cell, cell, text, ui);
		}
	return shown_rows;
}

static void S_draw_rows(struct eview *v, int top, int area, int cols)
{
	long focus = form_first_focus(&v->rows);
	if (focus >= 0 && v->follow_focus) {
		long last = focus;
		while ((size_t)(last + 1) < v->rows.n && v->rows.rows[last + 1].focus)
			last++;
		if (last >= v->scroll + area)
			v->scroll = (int)(last - area + 1);
		if (focus < v->scroll)
			v->scroll = (int)focus;
	}
	v->follow_focus = false;
	int max_scroll = (int)v->rows.n - area;
	if (v->scroll > max_scroll)
		v->scroll = max_scroll > 0 ? max_scroll : 0;
	if (v->scroll < 0)
		v->scroll = 0;
	for (int y = 0; y < area && (size_t)(v->scroll + y) < v->rows.n; y++)
		form_draw_row(&v->rows.rows[v->scroll + y], top + y, cols);
}

static void S_draw_exam(struct eview *v, struct app *app, int rows, int cols)
{
	struct exam *e = &v->exam;
	int64_t now = clock_now();
	enum exam_phase phase = exam_phase(e, now);
	int width = cols - 2 > 100 ? 100 : cols - 2;
	/* Header: the exam, the question, the clock. */
	char right[96], left[256];
	int64_t left_s = exam_remaining(e, now);
	char clock[32] = "untimed";
	if (left_s >= 0)
		S_clock(left_s, clock, sizeof clock);
	if (phase == EXAM_GRACE)
		snprintf(right, sizeof right, "TIME IS UP · %s to submit", clock);
	else
		snprintf(right, sizeof right, "Question %zu of %zu · %s%s", v->pos + 1, e->n, clock,
		         left_s >= 0 ? " left" : "");
	snprintf(left, sizeof left, "Exam · %s", e->attempt.title);
	draw_fill(0, 0, cols, THEME_TITLE);
	int rw = (int)utf8_width(right, strlen(right));
	draw_ui_text(0, 2, cols - rw - 6, left, THEME_TITLE);
	bool urgent = phase == EXAM_GRACE || (left_s >= 0 && left_s <= 300);
	draw_ui_text(0, cols - rw - 2, rw, right, urgent ? THEME_ERROR : THEME_TITLE);
	int nav = S_draw_navigator(v, 1, cols);
	int top = 2 + nav;
	form_rows_clear(&v->rows);
	const struct exam_question *eq = &e->questions[v->pos];
	if (!eq->q) {
		form_text_row(&v->rows,
		              "This question is no longer in the bank: it scores nothing.",
		              THEME_ERROR);
	} else {
		bool answering = phase == EXAM_RUNNING && (v->mode == E_ASK || v->mode == E_GOTO);
		form_build(&v->form, &v->rows, width, false, answering);
		if (eq->flagged) {
			form_blank(&v->rows);
			form_text_row(&v->rows, "⚑ Flagged for another look (F removes the flag).",
			              THEME_DIM);
		}
	}
	if (v->mode == E_SUBMIT || v->mode == E_LEAVE) {
		form_rows_clear(&v->rows);
		struct buf line = {0};
		size_t answered = exam_count_answered(e), flagged = exam_count_flagged(e);
		if (v->mode == E_SUBMIT) {
			form_text_row(&v->rows, "Submit the exam?", THEME_TITLE);
			form_blank(&v->rows);
			buf_printf(&line, "Answered %zu of %zu.", answered, e->n);
			form_text_row(&v->rows, buf_cstr(&line), THEME_SIDEBAR);
			buf_reset(&line);
			if (answered < e->n) {
				buf_puts(&line, "Unanswered:");
				for (size_t i = 0; i < e->n; i++)
					if (!e->questions[i].answered)
						buf_printf(&line, " %zu", i + 1);
				form_text_row(&v->rows, buf_cstr(&line), THEME_ERROR);
				buf_reset(&line);
			}
			if (flagged) {
				buf_puts(&line, "Flagged:");
				for (size_t i = 0; i < e->n; i++)
					if (e->questions[i].flagged)
						buf_printf(&line, " %zu", i + 1);
				form_text_row(&v->rows, buf_cstr(&line), THEME_ERROR);
			}
			form_blank(&v->rows);
			form_text_row(&v->rows,
			              "y submits: no more changes after this. n or Esc goes back.",
			              THEME_DIM);
		} else {
			form_text_row(&v->rows, "Leave the exam?", THEME_TITLE);
			form_blank(&v->rows);
			form_text_row(
			    &v->rows,
			    e->attempt.deadline
			        ? "Your answers are saved and the clock keeps running, as in "
			          "an exam room. Come back from the home screen."
			        : "Your answers are saved. Come back from the home screen.",
			    THEME_SIDEBAR);
			form_blank(&v->rows);
			form_text_row(&v->rows, "y leaves. n or Esc goes back.", THEME_DIM);
		}
		buf_free(&line);
	}
	S_draw_rows(v, top, rows - top - 1, cols);
	char hint[200], status[64];
	if (v->mode == E_GOTO)
		snprintf(hint, sizeof hint, "Go to question: %s█  (Enter go · Esc cancel)",
		         v->goto_buf);
	else if (phase == EXAM_GRACE)
		snprintf(hint, sizeof hint, "Time is up: S submits · q leave");
	else if (v->mode == E_SUBMIT || v->mode == E_LEAVE)
		snprintf(hint, sizeof hint, "y yes · n no");
	else if (v->has_form && form_is_text(v->form.shown->q->type) && v->mode == E_ASK)
		snprintf(hint, sizeof hint,
		         "type the answer · Enter save and next · ←/→ question · Esc exam keys");
	else
		snprintf(hint, sizeof hint,
		         "%s · ←/→ question · F flag · G go to · S submit · q leave",
		         v->has_form ? form_hint(&v->form) : "no answer");
	snprintf(status, sizeof status, "%zu/%zu answered", exam_count_answered(e), e->n);
	app_draw_status(app, rows - 1, cols, hint, status);
}

static void S_bar(int y, int x, int width, double fraction, enum theme_ui ui)
{
	/* Eighths of a cell, so 5 of 7 and 6 of 7 look different. */
	static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	int units = (int)(fraction * width * 8 + 0.5);
	for (int i = 0; i < width; i++) {
		int u = units - i * 8;
		const char *cell = u >= 8 ? "█" : u > 0 ? eighths[u] : "·";
		draw_ui_text(y, x + i, 1, cell, u > 0 ? ui : THEME_DIM);
	}
}

static void S_draw_results(struct eview *v, struct app *app, int rows, int cols)
{
	const struct exam *e = &v->exam;
	const struct exam_results *r = &v->results;
	char line[256];
	snprintf(line, sizeof line, "Results · %s", e->attempt.title);
	draw_fill(0, 0, cols, THEME_TITLE);
	draw_ui_text(0, 2, cols - 4, line, THEME_TITLE);
	int y = 2;
	const char *verdict = !r->counted ? "NOT COUNTED" : r->passed ? "PASSED" : "NOT PASSED";
	snprintf(line, sizeof line, "%s   %.0f%%  (%.1f of %zu)   pass mark %g%%", verdict,
	         r->percent, r->score, r->n, e->attempt.pass);
	draw_ui_text(y++, 2, cols - 4, line,
	             r->passed    ? THEME_PROGRESS
	             : r->counted ? THEME_ERROR
	                          : THEME_DIM);
	char used[32];
	S_clock(r->used, used, sizeof used);
	snprintf(line, sizeof line, "%s · time used %s · %zu answered · %zu fully right",
	         S_state_text(e), used, r->answered, r->correct);
	draw_ui_text(y++, 2, cols - 4, line, THEME_DIM);
	y++;
	draw_ui_text(y++, 2, cols - 4, v->by_section ? "By section" : "By chapter", THEME_TITLE);
	int label_w = 12, bar_w = cols - label_w - 24;
	if (bar_w > 40)
		bar_w = 40;
	if (bar_w < 5)
		bar_w = 5;
	int pass_col = (int)(e->attempt.pass / 100.0 * bar_w + 0.5);
	int area = rows - y - 2;
	int max_scroll = (int)r->n_groups - area;
	if (v->scroll > max_scroll)
		v->scroll = max_scroll > 0 ? max_scroll : 0;
	if (v->scroll < 0)
		v->scroll = 0;
	for (int i = 0; i < area && (size_t)(v->scroll + i) < r->n_groups; i++) {
		const struct exam_group *g = &r->groups[v->scroll + i];
		double f = g->n ? g->score / (double)g->n : 0;
		draw_ui_text(y, 2, label_w, g->name, THEME_SIDEBAR);
		S_bar(y, 2 + label_w, bar_w, f,
		      f * 100 + 1e-9 >= e->attempt.pass ? THEME_PROGRESS : THEME_ERROR);
		if (pass_col > 0 && pass_col < bar_w)
			draw_ui_text(y, 2 + label_w + pass_col, 1, "│", THEME_TITLE);
		snprintf(line, sizeof line, "%4.0f%%  %.1f/%zu", f * 100, g->score, g->n);
		draw_ui_text(y, 3 + label_w + bar_w, cols - label_w - bar_w - 5, line, THEME_DIM);
		y++;
	}
	app_draw_status(app, rows - 1, cols,
	                e->attempt.reviewable ? "r review · m practise my mistakes · s by "
	                                        "section/chapter · q close"
	                                      : "m practise my mistakes · s by section/chapter · "
	                                        "q close",
	                "│ pass mark");
}

static void S_draw_review(struct eview *v, struct app *app, int rows, int cols)
{
	struct exam *e = &v->exam;
	struct exam_question *eq = &e->questions[v->pos];
	int width = cols - 2 > 100 ? 100 : cols - 2;
	char title[256];
	snprintf(title, sizeof title, "Review · %s · question %zu of %zu · %.0f%%",
	         e->attempt.title, v->pos + 1, e->n, eq->score > 0 ? eq->score * 100 : 0);
	draw_fill(0, 0, cols, THEME_TITLE);
	draw_ui_text(0, 2, cols - 4, title, THEME_TITLE);
	form_rows_clear(&v->rows);
	if (!eq->q) {
		form_text_row(&v->rows, "This question is no longer in the bank.", THEME_ERROR);
	} else {
		char where[200];
		snprintf(where, sizeof where, "%s · section %s", eq->q->title, eq->q->section);
		form_text_row(&v->rows, where, THEME_DIM);
		form_blank(&v->rows);
		form_build(&v->form, &v->rows, width, true, false);
		if (!eq->answered) {
			form_blank(&v->rows);
			form_text_row(&v->rows, "Not answered.", THEME_ERROR);
		}
		if (!v->graded) {
			/* The stored score is the truth; grading again gives the details
			 * (the key, a SQL result, which answer matched). */
			struct error err = {0};
			if (eq->answered &&
			    quiz_grade(eq->q, &eq->reply.answer, &e->env, &v->grade, &err) != ST_OK)
				memset(&v->grade, 0, sizeof v->grade);
			if (!eq->answered)
				v->grade.matched = QUIZ_NONE;
			v->grade.score = eq->score > 0 ? eq->score : 0;
			v->grade.correct = v->grade.score >= 1.0 - 1e-9;
			v->graded = true;
		}
		form_build_feedback(&v->form, &v->grade, &v->rows, width);
	}
	S_draw_rows(v, 2, rows - 3, cols);
	app_draw_status(app, rows - 1, cols,
	                "←/→ question · j/k scroll · r read the section · q back to the results",
	                NULL);
}

static void S_exam_draw(struct view *view, struct app *app, int rows, int cols)
{
	struct eview *v = view->state;
	if (v->mode == E_RESULTS)
		S_draw_results(v, app, rows, cols);
	else if (v->mode == E_REVIEW)
		S_draw_review(v, app, rows, cols);
	else
		S_draw_exam(v, app, rows, cols);
}

/* ------------------------------------------------------------ keys */

/* "Practise my mistakes": every question not fully right is rated Again
 * (its card only: the exam recorded the answer) and a practice session of
 * just those questions starts. */
static void S_mistakes(struct eview *v, struct app *app)
{
	struct exam *e = &v->exam;
	const char **keys = xcalloc(e->n ? e->n : 1, sizeof *keys);
	size_t n = 0;
	for (size_t i = 0; i < e->n; i++)
		if (e->questions[i].entry >= 0 && e->questions[i].score < 1.0 - 1e-9)
			keys[n++] = app->catalog->entries[e->questions[i].entry].key;
	if (!n) {
		app_message(app, 0, "No mistakes to practise: every question was right.");
		free(keys);
		return;
	}
	struct practice p;
	struct practice_filter all = {0};
	int64_t now = clock_now();
	practice_init(&p, app->catalog, &all, (uint64_t)now);
	struct error err = {0};
	enum status st = app->progress ? practice_load(&p, app->progress, &err) : ST_OK;
	for (size_t i = 0; st == ST_OK && i < e->n; i++)
		if (e->questions[i].entry >= 0 && e->questions[i].score < 1.0 - 1e-9)
			st = practice_rate(&p, app->progress, (size_t)e->questions[i].entry,
			                   FSRS_AGAIN, now, &err);
	practice_free(&p);
	if (st != ST_OK) {
		app_message(app, 1, "Not saved: %s", err.message);
		free(keys);
		return;
	}
	struct practice_filter f = {.keys = keys, .n_keys = n};
	app_push(app, view_practice_new(app, &f, (int)n));
	app_message(app, 0, "%zu missed question%s rated Again: practise them now.", n,
	            n == 1 ? "" : "s");
	free(keys); /* the practice view copied what it needs */
}

static void S_open_section(struct eview *v, struct app *app)
{
	const struct exam_question *eq = &v->exam.questions[v->pos];
	if (!eq->q)
		return;
	size_t chapter;
	long sec;
	if (course_find(app->course, eq->q->section, &chapter, &sec) != 0) {
		app_message(app, 0, "Section %s is not in this course.", eq->q->section);
		return;
	}
	app_push(app, view_reader_new(app, chapter, sec));
}

static bool S_is_next(int key)
{
	return key == KEY_RIGHT || key == '\t' || key == ']';
}

static bool S_is_prev(int key)
{
	return key == KEY_LEFT || key == KEY_BTAB || key == '[';
}

/* The exam keys (not the answering ones); true when key was one. */
static bool S_exam_key(struct eview *v, struct app *app, int key, unsigned *flags)
{
	struct exam *e = &v->exam;
	struct error err = {0};
	if (S_is_next(key)) {
		if (v->pos + 1 < e->n)
			S_go(v, app, v->pos + 1);
		else
			app_message(app, 0, "That was the last question: S submits.");
		return true;
	}
	if (S_is_prev(key)) {
		if (v->pos > 0)
			S_go(v, app, v->pos - 1);
		return true;
	}
	switch (key) {
	case 'F':
		if (exam_flag(e, v->pos, !e->questions[v->pos].flagged, &err) != ST_OK)
			app_message(app, 1, "%s", err.message);
		return true;
	case 'G':
		v->goto_buf[0] = '\0';
		v->mode = E_GOTO;
		return true;
	case 'S':
		S_flush(v, app);
		v->mode = E_SUBMIT;
		return true;
	case 'q':
	case 27:
		S_flush(v, app);
		v->mode = E_LEAVE;
		return true;
	case KEY_NPAGE: v->scroll += 10; return true;
	case KEY_PPAGE: v->scroll -= 10; return true;
	}
	(void)flags;
	return false;
}

static unsigned S_handle_answering(struct eview *v, struct app *app, int key)
{
	struct exam *e = &v->exam;
	unsigned flags = VIEW_HANDLED;
	bool text = v->has_form && form_is_text(v->form.shown->q->type);
	if (v->mode == E_ASK && text) {
		if (key == '\n' || key == '\r' || key == KEY_ENTER) {
			S_save(v, app);
			if (v->pos + 1 < e->n)
				S_go(v, app, v->pos + 1);
			return flags;
		}
		if (key == 27) {
			S_flush(v, app);
			v->mode = E_COMMAND;
			return flags;
		}
		if (S_is_next(key) || S_is_prev(key) || key == KEY_NPAGE || key == KEY_PPAGE) {
			S_exam_key(v, app, key, &flags);
			return flags;
		}
		if (form_key(&v->form, key))
			v->text_dirty = true;
		v->follow_focus = true;
		return flags;
	}
	if (v->mode == E_COMMAND) {
		v->mode = E_ASK;
		if (!S_exam_key(v, app, key, &flags))
			app_message(app, 0, "Back to the answer.");
		return flags;
	}
	if (S_exam_key(v, app, key, &flags))
		return flags;
	if (!v->has_form)
		return flags;
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		/* Enter gives the answer as it stands (an ordering left as shown
		 * is an answer too) and moves on. */
		S_save(v, app);
		if (v->pos + 1 < e->n)
			S_go(v, app, v->pos + 1);
		else
			app_message(app, 0, "That was the last question: S submits.");
		return flags;
	}
	if (form_key(&v->form, key)) {
		v->follow_focus = true;
		enum bank_qtype t = v->form.shown->q->type;
		bool moved_only = (key == 'j' || key == 'k' || key == KEY_DOWN || key == KEY_UP) ||
		                  (t == BANK_ORDER && key >= '1' && key <= '9') ||
		                  (t == BANK_MATCH && key >= '1' && key <= '9');
		if (!moved_only)
			S_save(v, app); /* given the moment it is given */
	}
	return flags;
}

static unsigned S_exam_handle(struct view *view, struct app *app, enum request req, int key)
{
	struct eview *v = view->state;
	struct exam *e = &v->exam;
	int64_t now = clock_now();
	(void)req;
	switch (v->mode) {
	case E_RESULTS:
		if (key == 'q' || key == 27)
			return VIEW_CLOSE;
		if (key == 'r' && e->attempt.reviewable) {
			v->mode = E_REVIEW;
			v->pos = 0;
			S_load_form(v);
		} else if (key == 'm') {
			S_mistakes(v, app);
		} else if (key == 's') {
			v->by_section = !v->by_section;
			S_show_results(v);
		} else if (key == 'j' || key == KEY_DOWN) {
			v->scroll++;
		} else if (key == 'k' || key == KEY_UP) {
			v->scroll--;
		} else if (req == REQ_HELP || req == REQ_QUIT_ALL) {
			return VIEW_IGNORED;
		}
		return VIEW_HANDLED;
	case E_REVIEW:
		if (key == 'q' || key == 27) {
			S_show_results(v);
		} else if (S_is_next(key) && v->pos + 1 < e->n) {
			v->pos++;
			S_load_form(v);
		} else if (S_is_prev(key) && v->pos > 0) {
			v->pos--;
			S_load_form(v);
		} else if (key == 'j' || key == KEY_DOWN) {
			v->scroll++;
		} else if (key == 'k' || key == KEY_UP) {
			v->scroll--;
		} else if (key == KEY_NPAGE || key == KEY_PPAGE) {
			v->scroll += key == KEY_NPAGE ? 10 : -10;
		} else if (key == 'r') {
			S_open_section(v, app);
		} else if (req == REQ_HELP || req == REQ_QUIT_ALL) {
			return VIEW_IGNORED;
		}
		return VIEW_HANDLED;
	case E_SUBMIT:
		if (key == 'y' || key == 'Y')
			S_submit(v, app);
		else if (key == 'n' || key == 'N' || key == 27 || key == 'q')
			v->mode = E_ASK;
		return VIEW_HANDLED;
	case E_LEAVE:
		if (key == 'y' || key == 'Y')
			return VIEW_CLOSE;
		if (key == 'n' || key == 'N' || key == 27 || key == 'q')
			v->mode = E_ASK;
		return VIEW_HANDLED;
	case E_GOTO: {
		size_t len = strlen(v->goto_buf);
		if (key >= '0' && key <= '9' && len + 1 < sizeof v->goto_buf) {
			v->goto_buf[len] = (char)key;
			v->goto_buf[len + 1] = '\0';
		} else if ((key == KEY_BACKSPACE || key == 127 || key == 8) && len) {
			v->goto_buf[len - 1] = '\0';
		} else if (key == 27) {
			v->mode = E_ASK;
		} else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
			long n = strtol(v->goto_buf, NULL, 10);
			v->mode = E_ASK;
			if (n >= 1 && (size_t)n <= e->n)
				S_go(v, app, (size_t)n - 1);
			else
				app_message(app, 0, "Go to which question? 1 to %zu.", e->n);
		}
		return VIEW_HANDLED;
	}
	case E_ASK:
	case E_COMMAND:
		if (exam_phase(e, now) == EXAM_GRACE) {
			if (key == 'S')
				v->mode = E_SUBMIT;
			else if (key == 'q' || key == 27)
				v->mode = E_LEAVE;
			else if (S_is_next(key) || S_is_prev(key))
				S_exam_key(v, app, key, NULL);
			else
				app_message(app, 0,
				            "Time is up: S submits your answers as they are.");
			return VIEW_HANDLED;
		}
		if ((req == REQ_HELP || req == REQ_QUIT_ALL) &&
		    !(v->has_form && form_is_text(v->form.shown->q->type) && v->mode == E_ASK))
			return VIEW_IGNORED;
		return S_handle_answering(v, app, key);
	}
	return VIEW_HANDLED;
}

static unsigned S_exam_tick(struct view *view, struct app *app)
{
	struct eview *v = view->state;
	struct exam *e = &v->exam;
	if (e->attempt.state != EXAMS_OPEN)
		return 0;
	int64_t now = clock_now();
	struct error err = {0};
	if (exam_tick(e, now, &err)) {
		app_message(app, 1,
		            e->attempt.state == EXAMS_TIMED_OUT
		                ? "Time ran out: the exam was submitted as it stood."
		                : "Time ran out: this attempt does not count.");
		S_show_results(v);
		return VIEW_HANDLED;
	}
	if (err.message[0])
		app_message(app, 1, "%s", err.message);
	int warn = exam_warning(e, now);
	if (warn)
		app_message(app, 1, "%d minute%s left.", warn, warn == 1 ? "" : "s");
	if (exam_phase(e, now) == EXAM_GRACE && v->mode == E_ASK && v->text_dirty)
		v->text_dirty = false; /* too late to save it */
	return VIEW_HANDLED;
}

static void S_exam_close(struct view *view, struct app *app)
{
	struct eview *v = view->state;
	if (v->exam.attempt.state == EXAMS_OPEN)
		S_flush(v, app);
	S_drop_form(v);
	form_rows_free(&v->rows);
	exam_results_free(&v->results);
	exam_free(&v->exam);
	free(v);
	free(view);
}

static const struct view_ops S_exam_ops = {
    .name = "exam",
    .draw = S_exam_draw,
    .handle = S_exam_handle,
    .close = S_exam_close,
    .tick = S_exam_tick,
};

/* Takes over e (started or resumed). */
static struct view *S_exam_view(struct app *app, struct exam *e)
{
	struct eview *v = xcalloc(1, sizeof *v);
	v->exam = *e;
	memset(e, 0, sizeof *e);
	(void)app;
	if (v->exam.attempt.state != EXAMS_OPEN) {
		S_show_results(v);
	} else {
		v->pos = (size_t)v->exam.attempt.current < v->exam.n
		             ? (size_t)v->exam.attempt.current
		             : 0;
		S_load_form(v);
	}
	struct view *view = xcalloc(1, sizeof *view);
	view->ops = &S_exam_ops;
	view->ctx = KEYCTX_EXAM;
	view->state = v;
	return view;
}

/* ============================================================ the list */

/* A finished attempt, for the list of past attempts. */
struct S_past {
	int64_t id;
	char title[200], detail[200];
};

struct xlist {
	struct list_cursor cursor;
	int64_t open_id;       /* an open attempt, 0 when none */
	char open_title[200];  /* "Resume: title · n of N answered" */
	int64_t open_deadline; /* 0 when untimed: the time left is drawn from it */
	bool stale;            /* read the attempts again at the next draw */
	bool intro;            /* showing the selected profile before it starts */
	/* Finished attempts, newest first, after the profiles. */
	struct S_past *past;
	size_t n_past, cap_past;
};

static void S_add_past(void *ctx, const struct exams_attempt *a)
{
	struct xlist *l = ctx;
	if (a->state == EXAMS_OPEN) {
		/* The newest open attempt is offered to resume (attempts come
		 * oldest first, so the last seen wins). */
		l->open_id = a->id;
		l->open_deadline = a->deadline;
		snprintf(l->open_title, sizeof l->open_title, "Resume: %s · %d of %d answered",
		         a->title, a->answered, a->n_questions);
		return;
	}
	xgrow((void **)&l->past, &l->cap_past, l->n_past + 1, sizeof *l->past);
	struct S_past *p = &l->past[l->n_past++];
	p->id = a->id;
	double percent = a->n_questions ? 100.0 * a->score / a->n_questions : 0;
	bool counted = a->state == EXAMS_SUBMITTED || a->state == EXAMS_TIMED_OUT;
	time_t t = (time_t)a->started_at;
	struct tm tm;
	char when[32];
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	snprintf(p->title, sizeof p->title, "%s · %s · %.0f%% · %s", when, a->title, percent,
	         !counted                    ? exams_state_name(a->state)
	         : percent + 1e-9 >= a->pass ? "passed"
	                                     : "not passed");
	char used[32];
	S_clock(a->finished_at > a->started_at ? a->finished_at - a->started_at : 0, used,
	        sizeof used);
	snprintf(p->detail, sizeof p->detail, "%s · %d of %d answered · time used %s",
	         exams_state_name(a->state), a->answered, a->n_questions, used);
}

static void S_refresh_open(struct xlist *l, struct app *app)
{
	l->open_id = 0;
	l->open_title[0] = '\0';
	l->n_past = 0;
	l->stale = false;
	if (!app->progress || exams_each(app->progress, S_add_past, l, NULL) != ST_OK)
		return;
	for (size_t i = 0; i < l->n_past / 2; i++) { /* newest first */
		struct S_past t = l->past[i];
		l->past[i] = l->past[l->n_past - 1 - i];
		l->past[l->n_past - 1 - i] = t;
	}
}

static size_t S_list_count(const struct xlist *l, const struct app *app)
{
	return (l->open_id ? 1 : 0) + (app->profiles ? app->profiles->n : 0) + l->n_past;
}

static void S_list_draw(struct view *view, struct app *app, int rows, int cols)
{
	struct xlist *l = view->state;
	draw_ui_text(0, 2, cols - 4, "Mock exams", THEME_TITLE);
	size_t n = S_list_count(l, app);
	size_t off = l->open_id ? 1 : 0;
	if (l->intro && l->cursor.selected >= off &&
	    l->cursor.selected - off < (app->profiles ? app->profiles->n : 0)) {
		const struct bank_profile *p = &app->profiles->items[l->cursor.selected - off];
		struct form_rows fr = {0};
		form_text_row(&fr, p->title, THEME_TITLE);
		struct buf s = {0};
		bank_profile_describe(p, " · ", &s);
		form_text_row(&fr, buf_cstr(&s), THEME_DIM);
		buf_free(&s);
		form_blank(&fr);
		if (p->description && *p->description)
			form_md_rows(&fr, p->description, cols - 6, 2, NULL, THEME_DIM, false,
			             false);
		form_blank(&fr);
		form_md_rows(
		    &fr,
		    "No feedback until the end. Answers are saved as you give them; if you "
		    "leave, the clock keeps running.",
		    cols - 6, 2, NULL, THEME_DIM, false, false);
		form_blank(&fr);
		form_text_row(&fr, "Enter starts the exam and its clock. Esc goes back.",
		              THEME_TITLE);
		for (size_t i = 0; i < fr.n && (int)i < rows - 3; i++)
			form_draw_row(&fr.rows[i], 2 + (int)i, cols);
		form_rows_free(&fr);
		app_draw_status(app, rows - 1, cols, "Enter start · Esc back", NULL);
		return;
	}
	if (!n) {
		draw_ui_text(2, 2, cols - 4,
		             "No exam profiles are installed (make copies quizzes/exams into "
		             "data/exams).",
		             THEME_DIM);
		app_draw_status(app, rows - 1, cols, "q back", NULL);
		return;
	}
	int list_rows = (rows - 4) / 2;
	list_cursor_scroll(&l->cursor, list_rows > 0 ? (size_t)list_rows : 1);
	for (size_t i = l->cursor.top; i < n && (int)(i - l->cursor.top) < list_rows; i++) {
		int y = 2 + 2 * (int)(i - l->cursor.top);
		bool sel = i == l->cursor.selected;
		if (sel) {
			draw_fill(y, 1, cols - 2, THEME_SELECTED);
			draw_fill(y + 1, 1, cols - 2, THEME_SELECTED);
		}
		if (l->open_id && i == 0) {
			char line[260], left[32] = "untimed";
			if (l->open_deadline) {
				int64_t s = l->open_deadline - clock_now();
				S_clock(s > 0 ? s : 0, left, sizeof left);
			}
			snprintf(line, sizeof line, "%s · %s%s", l->open_title, left,
			         l->open_deadline ? " left" : "");
			draw_ui_text(y, 2, cols - 4, line, sel ? THEME_SELECTED : THEME_ERROR);
			draw_ui_text(y + 1, 4, cols - 6, "the clock is running",
			             sel ? THEME_SELECTED : THEME_DIM);
			continue;
		}
		size_t n_profiles = app->profiles ? app->profiles->n : 0;
		if (i - off >= n_profiles) {
			const struct S_past *past = &l->past[i - off - n_profiles];
			draw_ui_text(y, 2, cols - 4, past->title,
			             sel ? THEME_SELECTED : THEME_SIDEBAR);
			draw_ui_text(y + 1, 4, cols - 6, past->detail,
			             sel ? THEME_SELECTED : THEME_DIM);
			continue;
		}
		const struct bank_profile *p = &app->profiles->items[i - off];
		struct buf s = {0};
		bank_profile_describe(p, " · ", &s);
		draw_ui_text(y, 2, cols - 4, p->title, sel ? THEME_SELECTED : THEME_SIDEBAR);
		draw_ui_text(y + 1, 4, cols - 6, buf_cstr(&s), sel ? THEME_SELECTED : THEME_DIM);
		buf_free(&s);
	}
	app_draw_status(app, rows - 1, cols, "Enter open · j/k move · q back", NULL);
}

static void S_start(struct xlist *l, struct app *app, const struct bank_profile *p)
{
	struct exam e;
	struct error err = {0};
	if (!app->progress) {
		app_message(app, 1,
		            "An exam saves every answer, and progress cannot be saved here.");
		return;
	}
	uint64_t seed = app->seed ? app->seed : (uint64_t)clock_monotonic_ns();
	struct quiz_grade_env env = {.dataset_dir = app->dataset_dir};
	if (exam_start(&e, app->catalog, app->progress, &env, p, seed, clock_now(), &err) !=
	    ST_OK) {
		app_message(app, 1, "%s", err.message);
		return;
	}
	l->intro = false;
	l->stale = true;
	app_push(app, S_exam_view(app, &e));
}

static void S_resume(struct xlist *l, struct app *app)
{
	struct exam e;
	struct error err = {0};
	struct quiz_grade_env env = {.dataset_dir = app->dataset_dir};
	if (exam_resume(&e, app->catalog, app->progress, &env, l->open_id, clock_now(), &err) !=
	    ST_OK) {
		app_message(app, 1, "%s", err.message);
		return;
	}
	if (e.attempt.state != EXAMS_OPEN)
		app_message(app, 1, "Time ran out while you were away: %s.",
		            e.attempt.state == EXAMS_TIMED_OUT ? "submitted as it stood"
		                                               : "this attempt does not count");
	l->stale = true;
	app_push(app, S_exam_view(app, &e));
}

static unsigned S_list_handle(struct view *view, struct app *app, enum request req, int key)
{
	struct xlist *l = view->state;
	size_t n = S_list_count(l, app), off = l->open_id ? 1 : 0;
	if (l->intro) {
		if (key == '\n' || key == '\r' || key == KEY_ENTER)
			S_start(l, app, &app->profiles->items[l->cursor.selected - off]);
		else if (key == 27 || key == 'q')
			l->intro = false;
		return VIEW_HANDLED;
	}
	if (list_cursor_move(&l->cursor, n, req, 5))
		return VIEW_HANDLED;
	size_t n_profiles = app->profiles ? app->profiles->n : 0;
	if (req == REQ_OPEN && n && l->cursor.selected >= off + n_profiles) {
		/* A past attempt: its results and review. */
		struct exam e;
		struct error err = {0};
		struct quiz_grade_env env = {.dataset_dir = app->dataset_dir};
		int64_t id = l->past[l->cursor.selected - off - n_profiles].id;
		if (exam_resume(&e, app->catalog, app->progress, &env, id, clock_now(), &err) !=
		    ST_OK)
			app_message(app, 1, "%s", err.message);
		else
			l->stale = true;
		app_push(app, S_exam_view(app, &e));
		return VIEW_HANDLED;
	}
	if (req == REQ_OPEN && n) {
		if (l->open_id && l->cursor.selected == 0)
			S_resume(l, app);
		else if (l->open_id)
			app_message(app, 1,
			            "Another exam is open: resume it (the first entry) and submit "
			            "it or leave it to run out first.");
		else
			l->intro = true;
		return VIEW_HANDLED;
	}
	(void)key;
	return VIEW_IGNORED;
}

static void S_list_draw_refresh(struct view *view, struct app *app, int rows, int cols)
{
	struct xlist *l = view->state;
	/* An attempt may have been started, finished or left in a screen
	 * opened from here: read them again only then, not at every tick. */
	if (l->stale)
		S_refresh_open(l, app);
	size_t n = S_list_count(l, app);
	if (n && l->cursor.selected >= n)
		l->cursor.selected = n - 1;
	S_list_draw(view, app, rows, cols);
}

static void S_list_close(struct view *view, struct app *app)
{
	(void)app;
	struct xlist *l = view->state;
	free(l->past);
	free(view->state);
	free(view);
}

static const struct view_ops S_list_ops = {
    .name = "exams",
    .draw = S_list_draw_refresh,
    .handle = S_list_handle,
    .close = S_list_close,
};

struct view *view_exams_new(struct app *app)
{
	struct xlist *l = xcalloc(1, sizeof *l);
	S_refresh_open(l, app);
	struct view *view = xcalloc(1, sizeof *view);
	view->ops = &S_list_ops;
	view->ctx = KEYCTX_LIST;
	view->state = l;
	return view;
}

struct view *view_exams_new_at(struct app *app, const char *id)
{
	struct view *view = view_exams_new(app);
	struct xlist *l = view->state;
	if (!id || !*id)
		return view;
	for (size_t i = 0; app->profiles && i < app->profiles->n; i++)
		if (strcmp(app->profiles->items[i].id, id) == 0) {
			if (l->open_id) {
				app_message(app, 1, "Another exam is open: resume it first.");
				return view;
			}
			l->cursor.selected = i;
			l->intro = true;
			return view;
		}
	app_message(app, 1, "No exam profile '%s'.", id);
	return view;
}

bool view_exam_resume(struct app *app)
{
	struct xlist l = {0};
	S_refresh_open(&l, app);
	free(l.past);
	if (!l.open_id)
		return false;
	S_resume(&l, app);
	return true;
}
