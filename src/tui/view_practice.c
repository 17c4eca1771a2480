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
#include "core/utf8.h"
#include "core/xalloc.h"
#include "md/doc.h"
#include "md/layout.h"
#include "quiz/grade.h"
#include "quiz/practice.h"
#include "quiz/shown.h"
#include "quiz/summary.h"
#include "tui/app.h"
#include "tui/draw.h"

enum pstate { P_ASK, P_FEEDBACK, P_DONE };

/* One screen row of the scrolling area: a laid-out line with a prefix. */
struct prow {
	const struct md_line *line; /* or NULL for plain text */
	char *text;                 /* plain text (owned) when line is NULL */
	char prefix[64];
	enum theme_ui prefix_ui, text_ui;
	int indent;
	bool focus, highlight;
};

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
	size_t cursor;
	bool *picked;        /* per shown option */
	size_t *arrangement; /* order: shown indexes in the learner's order */
	size_t *assign;      /* match: per left item, shown letter or QUIZ_NONE */
	struct buf text;     /* short/numeric/sql reply */
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
	char *section; /* the filter's section, owned */
	/* rows of the last draw */
	struct prow *rows;
	size_t n_rows, cap_rows;
	struct md_layout **layouts;
	size_t n_layouts, cap_layouts;
};

/* ------------------------------------------------------------ rows */

static struct prow *S_row(struct pview *v)
{
	xgrow((void **)&v->rows, &v->cap_rows, v->n_rows + 1, sizeof *v->rows);
	struct prow *r = &v->rows[v->n_rows++];
	memset(r, 0, sizeof *r);
	r->prefix_ui = THEME_DIM;
	r->text_ui = THEME_SIDEBAR;
	return r;
}

static void S_text_row(struct pview *v, const char *text, enum theme_ui ui)
{
	struct prow *r = S_row(v);
	r->text = xstrdup(text);
	r->text_ui = ui;
}

static void S_blank(struct pview *v)
{
	S_text_row(v, "", THEME_DIM);
}

/* Lays out Markdown at width; each line becomes a row, the first with
 * prefix. Returns the index of the first row. */
static size_t S_md_rows(struct pview *v, const char *md, int width, int indent, const char *prefix,
                        enum theme_ui prefix_ui, bool focus, bool highlight)
{
	struct md_doc *doc = md_doc_parse(md, strlen(md));
	struct md_layout *lay =
	    md_layout_build(doc, width > MD_LAYOUT_MIN_WIDTH ? width : MD_LAYOUT_MIN_WIDTH);
	md_doc_free(doc);
	xgrow((void **)&v->layouts, &v->cap_layouts, v->n_layouts + 1, sizeof *v->layouts);
	v->layouts[v->n_layouts++] = lay;
	size_t first = v->n_rows;
	size_t n = lay->nlines;
	while (n && !lay->lines[n - 1].text[0])
		n--; /* no trailing blank lines inside an item */
	for (size_t i = 0; i < (n ? n : 1); i++) {
		struct prow *r = S_row(v);
		r->line = i < lay->nlines ? &lay->lines[i] : NULL;
		if (!r->line)
			r->text = xstrdup("");
		r->indent = indent;
		r->focus = focus;
		r->highlight = highlight && i == 0;
		if (i == 0 && prefix) {
			snprintf(r->prefix, sizeof r->prefix, "%s", prefix);
			r->prefix_ui = prefix_ui;
		}
	}
	return first;
}

static void S_clear_rows(struct pview *v)
{
	for (size_t i = 0; i < v->n_rows; i++)
		free(v->rows[i].text);
	v->n_rows = 0;
	for (size_t i = 0; i < v->n_layouts; i++)
		md_layout_free(v->layouts[i]);
	v->n_layouts = 0;
}

/* ------------------------------------------------------------ questions */

static bool S_is_text(enum bank_qtype t)
{
	return t == BANK_SHORT || t == BANK_NUMERIC || t == BANK_SQL;
}

static void S_reset_answer(struct pview *v)
{
	free(v->picked);
	free(v->arrangement);
	free(v->assign);
	v->picked = NULL;
	v->arrangement = v->assign = NULL;
	buf_reset(&v->text);
	quiz_reply_free(&v->reply);
	quiz_grade_clear(&v->grade);
	memset(&v->grade, 0, sizeof v->grade);
	v->graded = false;
	quiz_shown_free(&v->shown);
	v->cursor = 0;
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
	size_t n = v->shown.n_order ? v->shown.n_order : 1;
	v->picked = xcalloc(n, sizeof *v->picked);
	v->arrangement = xcalloc(n, sizeof *v->arrangement);
	for (size_t k = 0; k < v->shown.n_order; k++)
		v->arrangement[k] = k;
	v->assign = xcalloc(q->n_pairs ? q->n_pairs : 1, sizeof *v->assign);
	for (size_t k = 0; k < q->n_pairs; k++)
		v->assign[k] = QUIZ_NONE;
}

static void S_submit(struct pview *v, struct app *app)
{
	const struct bank_question *q = v->q;
	bool any = false;
	if (q->type == BANK_SINGLE || q->type == BANK_MULTI || q->type == BANK_TRUEFALSE) {
		for (size_t i = 0; i < v->shown.n_order; i++)
			any |= v->picked[i];
		if (!any) {
			app_message(app, 0, "Pick an option first (1-%zu, or Space).",
			            v->shown.n_order);
			return;
		}
	} else if (q->type == BANK_MATCH) {
		for (size_t i = 0; i < q->n_pairs; i++)
			if (v->assign[i] == QUIZ_NONE) {
				app_message(app, 0, "Give item %zu a letter first (a-%c).", i + 1,
				            (char)('a' + v->shown.n_right - 1));
				return;
			}
	} else if (S_is_text(q->type) && v->text.len == 0) {
		app_message(app, 0, "Type your answer, then Enter.");
		return;
	} else if (q->type == BANK_NUMERIC) {
		double number;
		if (!quiz_parse_number(buf_cstr(&v->text), &number)) {
			app_message(app, 0, "Not a number: type digits only, like 42 or 3.5.");
			return;
		}
	}
	quiz_reply_from_shown(&v->shown, v->picked, q->type == BANK_ORDER ? v->arrangement : NULL,
	                      q->type == BANK_MATCH ? v->assign : NULL,
	                      S_is_text(q->type) ? buf_cstr(&v->text) : NULL, &v->reply);
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

static void S_build_choices(struct pview *v, int width)
{
	const struct bank_question *q = v->q;
	bool multi = q->type == BANK_MULTI;
	for (size_t i = 0; i < v->shown.n_order; i++) {
		const struct bank_choice *c = &q->choices[v->shown.order[i]];
		char prefix[64];
		const char *box =
		    multi ? (v->picked[i] ? "[x]" : "[ ]") : (v->picked[i] ? "(•)" : "( )");
		enum theme_ui ui = THEME_DIM;
		const char *mark = "  ";
		if (v->state == P_FEEDBACK) {
			if (c->correct || (c->has_weight && c->weight > 0)) {
				mark = "✓ ";
				ui = THEME_PROGRESS;
			} else if (v->picked[i]) {
				mark = "✗ ";
				ui = THEME_ERROR;
			}
		}
		snprintf(prefix, sizeof prefix, "%s%s %zu  ", mark, box, i + 1);
		int indent = 2 + utf8_width(prefix, strlen(prefix));
		S_md_rows(v, c->text, width - indent, indent, prefix, ui,
		          v->state == P_ASK && v->cursor == i, v->state == P_ASK && v->cursor == i);
		if (v->state == P_FEEDBACK && v->picked[i] && c->feedback)
			S_md_rows(v, c->feedback, width - indent - 2, indent + 2, NULL, THEME_DIM,
			          false, false);
	}
}

static void S_build_order(struct pview *v, int width)
{
	const struct bank_question *q = v->q;
	for (size_t k = 0; k < v->shown.n_order; k++) {
		size_t shown = v->arrangement[k];
		size_t choice = v->shown.order[shown];
		char prefix[64];
		const char *mark = "  ";
		enum theme_ui ui = THEME_DIM;
		if (v->state == P_FEEDBACK) {
			bool ok = choice == k;
			mark = ok ? "✓ " : "✗ ";
			ui = ok ? THEME_PROGRESS : THEME_ERROR;
		}
		snprintf(prefix, sizeof prefix, "%s%zu.  ", mark, k + 1);
		int indent = 2 + utf8_width(prefix, strlen(prefix));
		bool at = v->state == P_ASK && v->cursor == k;
		S_md_rows(v, q->choices[choice].text, width - indent, indent, prefix, ui, at, at);
	}
}

static void S_build_match(struct pview *v, int width)
{
	const struct bank_question *q = v->q;
	for (size_t i = 0; i < q->n_pairs; i++) {
		char prefix[64];
		const char *mark = "  ";
		enum theme_ui ui = THEME_DIM;
		size_t letter = v->assign[i];
		if (v->state == P_FEEDBACK) {
			bool ok = letter != QUIZ_NONE && v->shown.right[letter] == i;
			mark = ok ? "✓ " : "✗ ";
			ui = ok ? THEME_PROGRESS : THEME_ERROR;
		}
		snprintf(prefix, sizeof prefix, "%s%zu → %c  ", mark, i + 1,
		         letter == QUIZ_NONE ? '_' : (char)('a' + letter));
		int indent = 2 + utf8_width(prefix, strlen(prefix));
		bool at = v->state == P_ASK && v->cursor == i;
		S_md_rows(v, q->pairs[i].left, width - indent, indent, prefix, ui, at, at);
	}
	S_blank(v);
	for (size_t k = 0; k < v->shown.n_right; k++) {
		char prefix[16];
		snprintf(prefix, sizeof prefix, "  %c)  ", (char)('a' + k));
		S_md_rows(v, q->pairs[v->shown.right[k]].right, width - 8, 8, prefix, THEME_DIM,
		          false, false);
	}
}

static void S_build_text(struct pview *v)
{
	struct buf line = {0};
	const char *label = v->q->type == BANK_SQL ? "Query: " : "Answer: ";
	buf_printf(&line, "%s%s", label, buf_cstr(&v->text));
	if (v->state == P_ASK)
		buf_puts(&line, "█");
	S_text_row(v, buf_cstr(&line), v->state == P_ASK ? THEME_SELECTED : THEME_SIDEBAR);
	v->rows[v->n_rows - 1].focus = true;
	buf_free(&line);
}

static void S_build_feedback(struct pview *v, int width)
{
	const struct bank_question *q = v->q;
	const struct quiz_grade *g = &v->grade;
	S_blank(v);
	char verdict[128];
	if (g->correct)
		snprintf(verdict, sizeof verdict, "✓ Right.");
	else if (g->score > 0)
		snprintf(verdict, sizeof verdict, "◐ Partly right: %.0f%% credit.", g->score * 100);
	else
		snprintf(verdict, sizeof verdict, "✗ Not right.");
	S_text_row(v, verdict, g->correct ? THEME_PROGRESS : THEME_ERROR);
	v->rows[v->n_rows - 1].focus = true;
	if (g->message)
		S_text_row(v, g->message, THEME_DIM);
	if (!g->correct) {
		struct buf key = {0};
		quiz_key_describe(&v->shown, &key);
		struct buf md = {0};
		if (q->type == BANK_SQL)
			buf_printf(&md, "A query that works:\n\n```sql\n%s\n```\n", buf_cstr(&key));
		else if (S_is_text(q->type))
			buf_printf(&md, "The answer: %s", buf_cstr(&key));
		else
			buf_printf(&md, "The answer: **%s**", buf_cstr(&key));
		S_md_rows(v, md.data, width - 2, 2, NULL, THEME_DIM, false, false);
		buf_free(&md);
		buf_free(&key);
	}
	if (g->matched != QUIZ_NONE) {
		const char *fb = q->type == BANK_NUMERIC ? q->numbers[g->matched].feedback
		                                         : q->choices[g->matched].feedback;
		if (fb)
			S_md_rows(v, fb, width - 2, 2, NULL, THEME_DIM, false, false);
	}
	if (g->result) {
		S_blank(v);
		S_text_row(v, "Your query returned:", THEME_DIM);
		char *copy = xstrdup(g->result);
		for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n"))
			S_text_row(v, line, THEME_SIDEBAR);
		free(copy);
	}
	if (q->explanation) {
		S_blank(v);
		S_md_rows(v, q->explanation, width - 2, 2, NULL, THEME_DIM, false, false);
	}
	S_blank(v);
	char rate[200];
	snprintf(rate, sizeof rate,
	         "How well did you know it?  1 Again · 2 Hard · 3 Good · 4 Easy   (Enter: %s)",
	         fsrs_rating_name(v->suggested));
	S_text_row(v, rate, THEME_TITLE);
}

static void S_build(struct pview *v, struct app *app, int width)
{
	S_clear_rows(v);
	if (v->state == P_DONE) {
		char *copy = xstrdup(v->done_text);
		for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n"))
			S_text_row(v, line, THEME_SIDEBAR);
		free(copy);
		return;
	}
	(void)app;
	S_md_rows(v, v->q->stem, width - 2, 2, NULL, THEME_DIM, false, false);
	S_blank(v);
	switch (v->q->type) {
	case BANK_ORDER: S_build_order(v, width); break;
	case BANK_MATCH: S_build_match(v, width); break;
	case BANK_SHORT:
	case BANK_NUMERIC:
	case BANK_SQL: S_build_text(v); break;
	default: S_build_choices(v, width); break;
	}
	if (v->state == P_FEEDBACK)
		S_build_feedback(v, width);
}

static void S_draw_row(const struct prow *r, int y, int cols)
{
	int x = 2;
	if (r->prefix[0]) {
		int w = draw_ui_text(y, x, cols - x, r->prefix,
		                     r->highlight ? THEME_SELECTED : r->prefix_ui);
		(void)w;
	}
	x = r->indent ? r->indent : 2;
	if (r->line)
		draw_md_line(y, x, cols - x - 1, r->line, NULL, 0);
	else if (r->text)
		draw_ui_text(y, x, cols - x - 1, r->text, r->text_ui);
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
	long focus = -1;
	for (size_t i = 0; i < v->n_rows; i++)
		if (v->rows[i].focus) {
			focus = (long)i;
			break;
		}
	if (focus >= 0 && v->state == P_ASK && v->follow_focus) {
		long last = focus;
		while ((size_t)(last + 1) < v->n_rows && v->rows[last + 1].focus)
			last++;
		if (last >= v->scroll + area)
			v->scroll = (int)(last - area + 1);
		if (focus < v->scroll)
			v->scroll = (int)focus;
	}
	if (focus >= 0 && v->state == P_FEEDBACK && v->to_verdict)
		v->scroll = (int)focus - 1; /* the verdict and as much after it as fits */
	v->follow_focus = v->to_verdict = false;
	int max_scroll = (int)v->n_rows - area;
	if (v->scroll > max_scroll)
		v->scroll = max_scroll > 0 ? max_scroll : 0;
	if (v->scroll < 0)
		v->scroll = 0;
	for (int y = 0; y < area && (size_t)(v->scroll + y) < v->n_rows; y++)
		S_draw_row(&v->rows[v->scroll + y], 2 + y, cols);
	const char *hint;
	char right[64] = "";
	if (v->state == P_DONE)
		hint = "Enter or q: back";
	else if (v->state == P_FEEDBACK)
		hint = "1-4 rate · Enter accept · r read the section · q end";
	else if (S_is_text(v->q->type))
		hint = "type the answer · Enter submit · Esc end";
	else if (v->q->type == BANK_ORDER)
		hint = "j/k choose · J/K move · Enter submit · q end";
	else if (v->q->type == BANK_MATCH)
		hint = "j/k choose · a-z give a letter · Enter submit · q end";
	else if (v->q->type == BANK_MULTI)
		hint = "1-9 or Space toggle · Enter submit · q end";
	else
		hint = "1-9 pick · Enter submit · q end";
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

static void S_move(struct pview *v, int dir)
{
	size_t n = v->q->type == BANK_MATCH ? v->q->n_pairs : v->shown.n_order;
	if (!n)
		return;
	if (dir < 0 && v->cursor > 0)
		v->cursor--;
	else if (dir > 0 && v->cursor + 1 < n)
		v->cursor++;
}

static void S_pick(struct pview *v, size_t i)
{
	if (i >= v->shown.n_order)
		return;
	v->cursor = i;
	if (v->q->type == BANK_MULTI) {
		v->picked[i] = !v->picked[i];
	} else {
		memset(v->picked, 0, v->shown.n_order * sizeof *v->picked);
		v->picked[i] = true;
	}
}

static void S_swap(struct pview *v, int dir)
{
	size_t n = v->shown.n_order, k = v->cursor;
	if ((dir < 0 && k == 0) || (dir > 0 && k + 1 >= n))
		return;
	size_t j = dir < 0 ? k - 1 : k + 1;
	size_t t = v->arrangement[k];
	v->arrangement[k] = v->arrangement[j];
	v->arrangement[j] = t;
	v->cursor = j;
}

static unsigned S_handle_text(struct pview *v, struct app *app, int key)
{
	switch (key) {
	case 27: S_finish(v, app, "Session ended."); return VIEW_HANDLED;
	case '\n':
	case '\r':
	case KEY_ENTER: S_submit(v, app); return VIEW_HANDLED;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		/* Delete one UTF-8 character. */
		while (v->text.len && (v->text.data[v->text.len - 1] & 0xC0) == 0x80)
			v->text.len--;
		if (v->text.len)
			v->text.len--;
		if (v->text.data)
			v->text.data[v->text.len] = '\0';
		return VIEW_HANDLED;
	case 21: /* Ctrl-U */ buf_reset(&v->text); return VIEW_HANDLED;
	default:
		if (key >= 32 && key < 256 && key != 127 && v->text.len < 2000) {
			buf_putc(&v->text, (char)key);
			return VIEW_HANDLED;
		}
		return VIEW_HANDLED;
	}
}

static unsigned S_handle_ask(struct pview *v, struct app *app, enum request req, int key)
{
	const struct bank_question *q = v->q;
	if (S_is_text(q->type))
		return S_handle_text(v, app, key);
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		S_submit(v, app);
		return VIEW_HANDLED;
	}
	if (key == 'q' || key == 27) {
		S_finish(v, app, "Session ended.");
		return VIEW_HANDLED;
	}
	if (key == 'j' || key == KEY_DOWN) {
		S_move(v, 1);
		return VIEW_HANDLED;
	}
	if (key == 'k' || key == KEY_UP) {
		S_move(v, -1);
		return VIEW_HANDLED;
	}
	switch (q->type) {
	case BANK_ORDER:
		if (key == 'J' || key == KEY_SF)
			S_swap(v, 1);
		else if (key == 'K' || key == KEY_SR)
			S_swap(v, -1);
		else if (key >= '1' && key <= '9' && (size_t)(key - '1') < v->shown.n_order)
			v->cursor = (size_t)(key - '1');
		break;
	case BANK_MATCH:
		if (key >= 'a' && key <= 'z' && (size_t)(key - 'a') < v->shown.n_right &&
		    key != 'j' && key != 'k' && key != 'q') {
			v->assign[v->cursor] = (size_t)(key - 'a');
			S_move(v, 1);
		} else if (key >= '1' && key <= '9' && (size_t)(key - '1') < q->n_pairs) {
			v->cursor = (size_t)(key - '1');
		}
		break;
	default:
		if (key >= '1' && key <= '9')
			S_pick(v, (size_t)(key - '1'));
		else if (key == ' ')
			S_pick(v, v->cursor);
		break;
	}
	(void)req;
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
		if (req == REQ_HELP && !S_is_text(v->q->type))
			return VIEW_IGNORED;
		if (req == REQ_QUIT_ALL && !S_is_text(v->q->type))
			return VIEW_IGNORED;
		v->follow_focus = true;
		return S_handle_ask(v, app, req, key);
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
	S_clear_rows(v);
	free(v->rows);
	free(v->layouts);
	buf_free(&v->text);
	summary_free(&v->sum);
	practice_free(&v->sel);
	free(v->section);
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
