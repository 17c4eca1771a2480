/* form: one question on screen and the learner's answer to it, shared by
 * the practice and exam screens.
 *
 * Rows: the question is laid out into rows of a scrolling area (Markdown
 * lines from md with a prefix such as "( ) 2", or plain text), which the
 * screen draws from its own scroll position. A row set owns its rows and
 * the layouts they point into.
 *
 * Answering, by type:
 *   single/truefalse  1-9 picks (or j/k and Space)
 *   multi             1-9 / Space toggle
 *   order             j/k choose an item, J/K move it
 *   match             j/k choose a left item, a-z gives it a right side
 *   short/numeric/sql typed text (Backspace, Ctrl-U)
 * Enter, Esc and q are left to the screen. */
#ifndef STUDYTERM_TUI_FORM_H
#define STUDYTERM_TUI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "bank/question.h"
#include "core/buf.h"
#include "md/layout.h"
#include "quiz/grade.h"
#include "quiz/shown.h"
#include "tui/theme.h"

/* One screen row: a laid-out line with a prefix, or plain text. */
struct form_row {
	const struct md_line *line; /* or NULL for plain text */
	char *text;                 /* plain text (owned) when line is NULL */
	char prefix[64];
	enum theme_ui prefix_ui, text_ui;
	int indent;
	bool focus, highlight;
};

struct form_rows {
	struct form_row *rows;
	size_t n, cap;
	struct md_layout **layouts;
	size_t n_layouts, cap_layouts;
};

void form_rows_clear(struct form_rows *r);
void form_rows_free(struct form_rows *r);
void form_text_row(struct form_rows *r, const char *text, enum theme_ui ui);
void form_blank(struct form_rows *r);
/* Lays out Markdown at width; each line becomes a row, the first with
 * prefix. Returns the index of the first row. */
size_t form_md_rows(struct form_rows *r, const char *md, int width, int indent, const char *prefix,
                    enum theme_ui prefix_ui, bool focus, bool highlight);
/* Draws row r at screen row y. */
void form_draw_row(const struct form_row *r, int y, int cols);
/* The first focused row, or -1. */
long form_first_focus(const struct form_rows *r);

/* The answer being given to one shown question. */
struct form {
	const struct quiz_shown *shown; /* borrowed; shown->q is the question */
	size_t cursor;
	bool *picked;        /* per shown option */
	size_t *arrangement; /* order: shown indexes in the learner's order */
	size_t *assign;      /* match: per left item, shown letter or QUIZ_NONE */
	struct buf text;     /* short/numeric/sql reply */
};

bool form_is_text(enum bank_qtype t);
void form_init(struct form *f, const struct quiz_shown *shown);
/* Sets the form to a saved reply (an exam answer given earlier). */
void form_load(struct form *f, const struct quiz_reply *r);
void form_free(struct form *f);

/* Handles an answering key; returns true when the key was one. */
bool form_key(struct form *f, int key);
/* Whether the form holds an answer that can be submitted; if not, says
 * what is missing in why. */
bool form_ready(const struct form *f, struct buf *why);
/* The answer as a gradable reply (r is overwritten). */
void form_reply(const struct form *f, struct quiz_reply *r);

/* The stem and the answering rows. With marks, options carry ✓/✗ against
 * the key, and picked options their feedback; focus shows the cursor. */
void form_build(const struct form *f, struct form_rows *rows, int width, bool marks, bool focus);
/* The verdict, the key when not right, feedback, a SQL result and the
 * explanation, after grade g. */
void form_build_feedback(const struct form *f, const struct quiz_grade *g, struct form_rows *rows,
                         int width);
/* The status-line hint for answering this type. */
const char *form_hint(const struct form *f);

#endif
