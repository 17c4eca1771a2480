/* form: a question's rows and the answer being given (see form.h). */
#include "tui/form.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "md/doc.h"
#include "tui/draw.h"

/* ------------------------------------------------------------ rows */

static struct form_row *S_row(struct form_rows *r)
{
	xgrow((void **)&r->rows, &r->cap, r->n + 1, sizeof *r->rows);
	struct form_row *row = &r->rows[r->n++];
	memset(row, 0, sizeof *row);
	row->prefix_ui = THEME_DIM;
	row->text_ui = THEME_SIDEBAR;
	return row;
}

void form_text_row(struct form_rows *r, const char *text, enum theme_ui ui)
{
	struct form_row *row = S_row(r);
	row->text = xstrdup(text);
	row->text_ui = ui;
}

void form_blank(struct form_rows *r)
{
	form_text_row(r, "", THEME_DIM);
}

size_t form_md_rows(struct form_rows *r, const char *md, int width, int indent, const char *prefix,
                    enum theme_ui prefix_ui, bool focus, bool highlight)
{
	struct md_doc *doc = md_doc_parse(md, strlen(md));
	struct md_layout *lay =
	    md_layout_build(doc, width > MD_LAYOUT_MIN_WIDTH ? width : MD_LAYOUT_MIN_WIDTH);
	md_doc_free(doc);
	xgrow((void **)&r->layouts, &r->cap_layouts, r->n_layouts + 1, sizeof *r->layouts);
	r->layouts[r->n_layouts++] = lay;
	size_t first = r->n;
	size_t n = lay->nlines;
	while (n && !lay->lines[n - 1].text[0])
		n--; /* no trailing blank lines inside an item */
	for (size_t i = 0; i < (n ? n : 1); i++) {
		struct form_row *row = S_row(r);
		row->line = i < lay->nlines ? &lay->lines[i] : NULL;
		if (!row->line)
			row->text = xstrdup("");
		row->indent = indent;
		row->focus = focus;
		row->highlight = highlight && i == 0;
		if (i == 0 && prefix) {
			snprintf(row->prefix, sizeof row->prefix, "%s", prefix);
			row->prefix_ui = prefix_ui;
		}
	}
	return first;
}

void form_rows_clear(struct form_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->rows[i].text);
	r->n = 0;
	for (size_t i = 0; i < r->n_layouts; i++)
		md_layout_free(r->layouts[i]);
	r->n_layouts = 0;
}

void form_rows_free(struct form_rows *r)
{
	form_rows_clear(r);
	free(r->rows);
	free(r->layouts);
	memset(r, 0, sizeof *r);
}

void form_draw_row(const struct form_row *r, int y, int cols)
{
	if (r->prefix[0])
		draw_ui_text(y, 2, cols - 2, r->prefix,
		             r->highlight ? THEME_SELECTED : r->prefix_ui);
	int x = r->indent ? r->indent : 2;
	if (r->line)
		draw_md_line(y, x, cols - x - 1, r->line, NULL, 0);
	else if (r->text)
		draw_ui_text(y, x, cols - x - 1, r->text, r->text_ui);
}

long form_first_focus(const struct form_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->rows[i].focus)
			return (long)i;
	return -1;
}

/* ------------------------------------------------------------ answering */

bool form_is_text(enum bank_qtype t)
{
	return t == BANK_SHORT || t == BANK_NUMERIC || t == BANK_SQL;
}

void form_init(struct form *f, const struct quiz_shown *shown)
{
	memset(f, 0, sizeof *f);
	f->shown = shown;
	const struct bank_question *q = shown->q;
	size_t n = shown->n_order ? shown->n_order : 1;
	f->picked = xcalloc(n, sizeof *f->picked);
	f->arrangement = xcalloc(n, sizeof *f->arrangement);
	for (size_t k = 0; k < shown->n_order; k++)
		f->arrangement[k] = k;
	f->assign = xcalloc(q->n_pairs ? q->n_pairs : 1, sizeof *f->assign);
	for (size_t k = 0; k < q->n_pairs; k++)
		f->assign[k] = QUIZ_NONE;
}

/* The shown position of choice c, or QUIZ_NONE. */
static size_t S_shown_of(const struct quiz_shown *s, size_t c)
{
	for (size_t i = 0; i < s->n_order; i++)
		if (s->order[i] == c)
			return i;
	return QUIZ_NONE;
}

void form_load(struct form *f, const struct quiz_reply *r)
{
	const struct quiz_shown *s = f->shown;
	const struct bank_question *q = s->q;
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE:
		for (size_t i = 0; i < s->n_order; i++)
			f->picked[i] = r->picked && r->picked[s->order[i]];
		break;
	case BANK_ORDER:
		for (size_t k = 0; k < s->n_order && r->order; k++) {
			size_t shown = S_shown_of(s, r->order[k]);
			f->arrangement[k] = shown == QUIZ_NONE ? k : shown;
		}
		break;
	case BANK_MATCH:
		for (size_t i = 0; i < q->n_pairs && r->match; i++) {
			f->assign[i] = QUIZ_NONE;
			for (size_t k = 0; k < s->n_right; k++)
				if (s->right[k] == r->match[i])
					f->assign[i] = k;
		}
		break;
	default:
		buf_reset(&f->text);
		if (r->text)
			buf_puts(&f->text, r->text);
		break;
	}
}

void form_free(struct form *f)
{
	free(f->picked);
	free(f->arrangement);
	free(f->assign);
	buf_free(&f->text);
	memset(f, 0, sizeof *f);
}

static void S_move(struct form *f, int dir)
{
	const struct bank_question *q = f->shown->q;
	size_t n = q->type == BANK_MATCH ? q->n_pairs : f->shown->n_order;
	if (!n)
		return;
	if (dir < 0 && f->cursor > 0)
		f->cursor--;
	else if (dir > 0 && f->cursor + 1 < n)
		f->cursor++;
}

static void S_pick(struct form *f, size_t i)
{
	if (i >= f->shown->n_order)
		return;
	f->cursor = i;
	if (f->shown->q->type == BANK_MULTI) {
		f->picked[i] = !f->picked[i];
	} else {
		memset(f->picked, 0, f->shown->n_order * sizeof *f->picked);
		f->picked[i] = true;
	}
}

static void S_swap(struct form *f, int dir)
{
	size_t n = f->shown->n_order, k = f->cursor;
	if ((dir < 0 && k == 0) || (dir > 0 && k + 1 >= n))
		return;
	size_t j = dir < 0 ? k - 1 : k + 1;
	size_t t = f->arrangement[k];
	f->arrangement[k] = f->arrangement[j];
	f->arrangement[j] = t;
	f->cursor = j;
}

static bool S_text_key(struct form *f, int key)
{
	switch (key) {
	case KEY_BACKSPACE:
	case 127:
	case 8:
		/* Delete one UTF-8 character. */
		while (f->text.len && (f->text.data[f->text.len - 1] & 0xC0) == 0x80)
			f->text.len--;
		if (f->text.len)
			f->text.len--;
		if (f->text.data)
			f->text.data[f->text.len] = '\0';
		return true;
	case 21: /* Ctrl-U */ buf_reset(&f->text); return true;
	default:
		if (key >= 32 && key < 256 && key != 127) {
			if (f->text.len < 2000)
				buf_putc(&f->text, (char)key);
			return true;
		}
		return false;
	}
}

bool form_key(struct form *f, int key)
{
	const struct bank_question *q = f->shown->q;
	if (form_is_text(q->type))
		return S_text_key(f, key);
	if (key == 'j' || key == KEY_DOWN) {
		S_move(f, 1);
		return true;
	}
	if (key == 'k' || key == KEY_UP) {
		S_move(f, -1);
		return true;
	}
	switch (q->type) {
	case BANK_ORDER:
		if (key == 'J' || key == KEY_SF)
			S_swap(f, 1);
		else if (key == 'K' || key == KEY_SR)
			S_swap(f, -1);
		else if (key >= '1' && key <= '9' && (size_t)(key - '1') < f->shown->n_order)
			f->cursor = (size_t)(key - '1');
		else
			return false;
		return true;
	case BANK_MATCH:
		if (key >= 'a' && key <= 'z' && (size_t)(key - 'a') < f->shown->n_right &&
		    key != 'j' && key != 'k' && key != 'q') {
			f->assign[f->cursor] = (size_t)(key - 'a');
			S_move(f, 1);
		} else if (key >= '1' && key <= '9' && (size_t)(key - '1') < q->n_pairs) {
			f->cursor = (size_t)(key - '1');
		} else {
			return false;
		}
		return true;
	default:
		if (key >= '1' && key <= '9')
			S_pick(f, (size_t)(key - '1'));
		else if (key == ' ')
			S_pick(f, f->cursor);
		else
			return false;
		return true;
	}
}

bool form_ready(const struct form *f, struct buf *why)
{
	const struct bank_question *q = f->shown->q;
	if (q->type == BANK_SINGLE || q->type == BANK_MULTI || q->type == BANK_TRUEFALSE) {
		for (size_t i = 0; i < f->shown->n_order; i++)
			if (f->picked[i])
				return true;
		buf_printf(why, "Pick an option first (1-%zu, or Space).", f->shown->n_order);
		return false;
	}
	if (q->type == BANK_MATCH) {
		for (size_t i = 0; i < q->n_pairs; i++)
			if (f->assign[i] == QUIZ_NONE) {
				buf_printf(why, "Give item %zu a letter first (a-%c).", i + 1,
				           (char)('a' + f->shown->n_right - 1));
				return false;
			}
		return true;
	}
	if (form_is_text(q->type) && f->text.len == 0) {
		buf_puts(why, "Type your answer, then Enter.");
		return false;
	}
	double number;
	if (q->type == BANK_NUMERIC && !quiz_parse_number(buf_cstr(&f->text), &number)) {
		buf_puts(why, "Not a number: type digits only, like 42 or 3.5.");
		return false;
	}
	return true;
}

void form_reply(const struct form *f, struct quiz_reply *r)
{
	const struct bank_question *q = f->shown->q;
	quiz_reply_from_shown(f->shown, f->picked, q->type == BANK_ORDER ? f->arrangement : NULL,
	                      q->type == BANK_MATCH ? f->assign : NULL,
	                      form_is_text(q->type) ? buf_cstr(&f->text) : NULL, r);
}

/* ------------------------------------------------------------ building */

static void S_build_choices(const struct form *f, struct form_rows *rows, int width, bool marks,
                            bool focus)
{
	const struct quiz_shown *s = f->shown;
	const struct bank_question *q = s->q;
	bool multi = q->type == BANK_MULTI;
	for (size_t i = 0; i < s->n_order; i++) {
		const struct bank_choice *c = &q->choices[s->order[i]];
		char prefix[64];
		const char *box =
		    multi ? (f->picked[i] ? "[x]" : "[ ]") : (f->picked[i] ? "(•)" : "( )");
		enum theme_ui ui = THEME_DIM;
		const char *mark = "  ";
		if (marks) {
			if (c->correct || (c->has_weight && c->weight > 0)) {
				mark = "✓ ";
				ui = THEME_PROGRESS;
			} else if (f->picked[i]) {
				mark = "✗ ";
				ui = THEME_ERROR;
			}
		}
		snprintf(prefix, sizeof prefix, "%s%s %zu  ", mark, box, i + 1);
		int indent = 2 + utf8_width(prefix, strlen(prefix));
		bool at = focus && f->cursor == i;
		form_md_rows(rows, c->text, width - indent, indent, prefix, ui, at, at);
		if (marks && f->picked[i] && c->feedback)
			form_md_rows(rows, c->feedback, width - indent - 2, indent + 2, NULL,
			             THEME_DIM, false, false);
	}
}

static void S_build_order(const struct form *f, struct form_rows *rows, int width, bool marks,
                          bool focus)
{
	const struct quiz_shown *s = f->shown;
	for (size_t k = 0; k < s->n_order; k++) {
		size_t choice = s->order[f->arrangement[k]];
		char prefix[64];
		const char *mark = "  ";
		enum theme_ui ui = THEME_DIM;
		if (marks) {
			bool ok = choice == k;
			mark = ok ? "✓ " : "✗ ";
			ui = ok ? THEME_PROGRESS : THEME_ERROR;
		}
		snprintf(prefix, sizeof prefix, "%s%zu.  ", mark, k + 1);
		int indent = 2 + utf8_width(prefix, strlen(prefix));
		bool at = focus && f->cursor == k;
		form_md_rows(rows, s->q->choices[choice].text, width - indent, indent, prefix, ui,
		             at, at);
	}
}

static void S_build_match(const struct form *f, struct form_rows *rows, int width, bool marks,
                          bool focus)
{
	const struct quiz_shown *s = f->shown;
	const struct bank_question *q = s->q;
	for (size_t i = 0; i < q->n_pairs; i++) {
		char prefix[64];
		const char *mark = "  ";
		enum theme_ui ui = THEME_DIM;
		size_t letter = f->assign[i];
		if (marks) {
			bool ok = letter != QUIZ_NONE && s->right[letter] == i;
			mark = ok ? "✓ " : "✗ ";
			ui = ok ? THEME_PROGRESS : THEME_ERROR;
		}
		snprintf(prefix, sizeof prefix, "%s%zu → %c  ", mark, i + 1,
		         letter == QUIZ_NONE ? '_' : (char)('a' + letter));
		int indent = 2 + utf8_width(prefix, strlen(prefix));
		bool at = focus && f->cursor == i;
		form_md_rows(rows, q->pairs[i].left, width - indent, indent, prefix, ui, at, at);
	}
	form_blank(rows);
	for (size_t k = 0; k < s->n_right; k++) {
		char prefix[16];
		snprintf(prefix, sizeof prefix, "  %c)  ", (char)('a' + k));
		form_md_rows(rows, q->pairs[s->right[k]].right, width - 8, 8, prefix, THEME_DIM,
		             false, false);
	}
}

static void S_build_text(const struct form *f, struct form_rows *rows, bool focus)
{
	struct buf line = {0};
	const char *label = f->shown->q->type == BANK_SQL ? "Query: " : "Answer: ";
	buf_printf(&line, "%s%s", label, buf_cstr(&f->text));
	if (focus)
		buf_puts(&line, "█");
	form_text_row(rows, buf_cstr(&line), focus ? THEME_SELECTED : THEME_SIDEBAR);
	rows->rows[rows->n - 1].focus = focus;
	buf_free(&line);
}

void form_build(const struct form *f, struct form_rows *rows, int width, bool marks, bool focus)
{
	const struct bank_question *q = f->shown->q;
	form_md_rows(rows, q->stem, width - 2, 2, NULL, THEME_DIM, false, false);
	form_blank(rows);
	switch (q->type) {
	case BANK_ORDER: S_build_order(f, rows, width, marks, focus); break;
	case BANK_MATCH: S_build_match(f, rows, width, marks, focus); break;
	case BANK_SHORT:
	case BANK_NUMERIC:
	case BANK_SQL: S_build_text(f, rows, focus); break;
	default: S_build_choices(f, rows, width, marks, focus); break;
	}
}

void form_build_feedback(const struct form *f, const struct quiz_grade *g, struct form_rows *rows,
                         int width)
{
	const struct bank_question *q = f->shown->q;
	form_blank(rows);
	char verdict[128];
	if (g->correct)
		snprintf(verdict, sizeof verdict, "✓ Right.");
	else if (g->score > 0)
		snprintf(verdict, sizeof verdict, "◐ Partly right: %.0f%% credit.", g->score * 100);
	else
		snprintf(verdict, sizeof verdict, "✗ Not right.");
	form_text_row(rows, verdict, g->correct ? THEME_PROGRESS : THEME_ERROR);
	rows->rows[rows->n - 1].focus = true;
	if (g->message)
		form_text_row(rows, g->message, THEME_DIM);
	if (!g->correct) {
		struct buf key = {0};
		quiz_key_describe(f->shown, &key);
		struct buf md = {0};
		if (q->type == BANK_SQL)
			buf_printf(&md, "A query that works:\n\n```sql\n%s\n```\n", buf_cstr(&key));
		else if (form_is_text(q->type))
			buf_printf(&md, "The answer: %s", buf_cstr(&key));
		else
			buf_printf(&md, "The answer: **%s**", buf_cstr(&key));
		form_md_rows(rows, md.data, width - 2, 2, NULL, THEME_DIM, false, false);
		buf_free(&md);
		buf_free(&key);
	}
	if (g->matched != QUIZ_NONE) {
		const char *fb = q->type == BANK_NUMERIC ? q->numbers[g->matched].feedback
		                                         : q->choices[g->matched].feedback;
		if (fb)
			form_md_rows(rows, fb, width - 2, 2, NULL, THEME_DIM, false, false);
	}
	if (g->result) {
		form_blank(rows);
		form_text_row(rows, "Your query returned:", THEME_DIM);
		char *copy = xstrdup(g->result);
		char *save = NULL;
		for (char *line = strtok_r(copy, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			form_text_row(rows, line, THEME_SIDEBAR);
		free(copy);
	}
	if (q->explanation) {
		form_blank(rows);
		form_md_rows(rows, q->explanation, width - 2, 2, NULL, THEME_DIM, false, false);
	}
}

const char *form_hint(const struct form *f)
{
	switch (f->shown->q->type) {
	case BANK_SHORT:
	case BANK_NUMERIC:
	case BANK_SQL: return "type the answer";
	case BANK_ORDER: return "j/k choose · J/K move";
	case BANK_MATCH: return "j/k choose · a-z give a letter";
	case BANK_MULTI: return "1-9 or Space toggle";
	default: return "1-9 pick";
	}
}
