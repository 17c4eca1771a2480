/* shown: a question as put in front of the learner: its options in the
 * order shown, and the learner's reply turned into a gradable answer.
 *
 * Options, ordering items and the right side of a matching question are
 * shuffled at each showing unless the question says no-shuffle (true/false
 * is never shuffled). Labels are what the learner types: 1..n for options
 * and items (in shown order) and for the left side of a match, a..z for the
 * right side. Replies are the same in the plain mode and the TUI:
 *   single, truefalse  "2"
 *   multi              "1 3" (any separators: spaces, commas)
 *   order              "3 1 2 4": the shown labels in the right order
 *   match              "b a c" (the letter for left 1, 2, 3) or "1b 2a 3c"
 *   short, numeric, sql  the text itself */
#ifndef STUDYTERM_QUIZ_SHOWN_H
#define STUDYTERM_QUIZ_SHOWN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bank/question.h"
#include "core/buf.h"
#include "quiz/grade.h"

struct quiz_shown {
	const struct bank_question *q; /* borrowed */
	size_t *order;                 /* shown position -> index in q->choices */
	size_t n_order;
	size_t *right; /* shown letter -> index in q->pairs (match) */
	size_t n_right;
};

/* Prepares q for showing, shuffling with rng. */
void quiz_shown_init(struct quiz_shown *s, const struct bank_question *q, uint64_t *rng);
void quiz_shown_free(struct quiz_shown *s);

/* A reply in the form graders take, with its own storage. */
struct quiz_reply {
	bool *picked;  /* per choice (source order) */
	size_t *order; /* per position: choice index */
	size_t *match; /* per left item: pair index of the chosen right side */
	char *text;
	struct quiz_answer answer; /* points into the fields above */
};

/* Parses a typed reply. On a malformed reply returns false and writes why
 * (a sentence for the learner) into why. */
bool quiz_reply_parse(const struct quiz_shown *s, const char *line, struct quiz_reply *r,
                      struct buf *why);
/* Builds a reply from selections made in the TUI: picked/order/match in
 * shown terms (shown positions and letters), or text. Arrays are copied. */
void quiz_reply_from_shown(const struct quiz_shown *s, const bool *picked_shown,
                           const size_t *order_shown, const size_t *match_shown, const char *text,
                           struct quiz_reply *r);
void quiz_reply_free(struct quiz_reply *r);
/* The reply as the learner would read it back, for history ("2", "1 3", …). */
void quiz_reply_describe(const struct quiz_shown *s, const struct quiz_reply *r, struct buf *out);

/* A reply as an exam attempt stores it, independent of the order the
 * question was shown in: "p:0,2" (the picked choices, source order),
 * "o:2,0,1" (the choice placed at each position), "m:1,0,-" (the pair
 * given to each left side, '-' for none) or "t:" and the text. */
void quiz_reply_encode(const struct bank_question *q, const struct quiz_reply *r, struct buf *out);
/* Rebuilds a reply to q from its code. Returns false, r left zeroed, when
 * the code does not fit q (an index out of range, a wrong count, another
 * kind): the question was edited since the answer was given. */
bool quiz_reply_decode(const struct bank_question *q, const char *code, struct quiz_reply *r);

/* The right answer in shown labels ("2", "1 3", "3 1 2 4", "1b 2a 3c") or,
 * for text questions, the first accepted answer / number / reference query. */
void quiz_key_describe(const struct quiz_shown *s, struct buf *out);

#endif
