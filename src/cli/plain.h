/* plain: what the plain (non-curses) modes share: printing a question as
 * text, its answer prompt, reading a reply line, printing feedback. */
#ifndef STUDYTERM_CLI_PLAIN_H
#define STUDYTERM_CLI_PLAIN_H

#include <stdbool.h>

#include "bank/question.h"
#include "quiz/grade.h"
#include "quiz/shown.h"

/* Block Markdown laid out at 78 columns less indent, each line indented. */
void cli_plain_md(const char *md, int indent);
/* The stem, then the options in shown order labelled 1..n (a..z for the
 * right side of a match). */
void cli_plain_question(const struct quiz_shown *s);
/* What to type, by type; q_to_stop adds "; q to stop" where it fits. */
const char *cli_plain_prompt(const struct quiz_shown *s, bool q_to_stop);
/* One line from stdin without its line end (newly allocated), or NULL at
 * the end of input. */
char *cli_plain_read_line(void);
/* Replies made of option labels (not free text). */
bool cli_plain_is_choice(enum bank_qtype t);
/* Right / partly / not right, the key when not right, per-option feedback
 * and the explanation. */
void cli_plain_feedback(const struct quiz_shown *s, const struct quiz_reply *r,
                        const struct quiz_grade *g);

#endif
