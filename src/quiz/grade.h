/* grade: scoring a learner's answer to one question, per question type.
 *
 * Pure functions of the question and the answer, except `sql`, which runs
 * the learner's query and the reference query on a fresh in-memory copy
 * of the question's dataset through the sandboxed connection
 * (sandbox/sandbox.h) and compares the rows. Scores are fractions 0..1;
 * the rules (documented in studyterm-bank(5)):
 *
 *   single, truefalse  the picked option's credit: 1 for [x], 0 otherwise,
 *                      or its explicit weight (clamped to 0..1); none picked: 0
 *   multi              with explicit weights: the sum of picked weights,
 *                      clamped to 0..1. Otherwise right/num_right minus
 *                      wrong/num_wrong picks, floored at 0; all-or-nothing
 *                      questions score 1 only for exactly the right set
 *   short              the best weight among accepted answers equal to the
 *                      reply after trimming, collapsing runs of whitespace
 *                      and (unless case-sensitive) ASCII case folding; an
 *                      accepted answer written as one code span compares
 *                      without its backticks
 *   numeric            the best weight among intervals holding the number
 *   order              credit for each item followed by its right successor:
 *                      pairs in place / (n - 1); 1 only for the exact order
 *   match              pairs right / pairs
 *   sql                1 when both queries return the same rows (a multiset
 *                      unless the question is `ordered`; column names are
 *                      not compared), else 0 with a message saying how they
 *                      differ
 */
#ifndef STUDYTERM_QUIZ_GRADE_H
#define STUDYTERM_QUIZ_GRADE_H

#include <stdbool.h>
#include <stddef.h>

#include "bank/question.h"
#include "core/status.h"

#define QUIZ_NONE ((size_t)-1)

/* What the learner answered. Arrays are borrowed, not owned. */
struct quiz_answer {
	/* single, multi, truefalse: picked[i] for q->choices[i] (source order),
	 * n_picked == q->n_choices. */
	const bool *picked;
	size_t n_picked;
	/* order: order[k] is the index into q->choices (the correct order) of
	 * the item the learner placed at position k; n_order == q->n_choices. */
	const size_t *order;
	size_t n_order;
	/* match: match[i] is the index of the pair whose right side the learner
	 * gave to q->pairs[i].left, or QUIZ_NONE; n_match == q->n_pairs. */
	const size_t *match;
	size_t n_match;
	/* short, numeric, sql: the reply as typed; NULL counts as empty. */
	const char *text;
};

/* Where graders find what they need outside the question. */
struct quiz_grade_env {
	const char *dataset_dir; /* directory holding <dataset>.sql files */
	int sql_time_limit_ms;   /* per statement; 0 means the sandbox default (5000) */
};

struct quiz_grade {
	double score;   /* 0..1 */
	bool correct;   /* full credit */
	size_t matched; /* short/numeric: index of the accepted answer that
	                 * gave the credit (for its feedback), or QUIZ_NONE */
	char *message;  /* owned; why a reply earned nothing when it is not
	                 * obvious ("not a number", "your query returned 3
	                 * rows; the expected result has 4"), or NULL */
	char *result;   /* sql: the learner's rows as a text table, owned, or NULL */
};

/* Grades a against q. Fails (ST_INVALID) only when the answer does not fit
 * the question (array sizes) or, for sql, when the dataset cannot be
 * loaded (ST_IO/ST_DB, err says which file); a learner's SQL error is not
 * a failure: it scores 0 with SQLite's message in out->message. */
enum status quiz_grade(const struct bank_question *q, const struct quiz_answer *a,
                       const struct quiz_grade_env *env, struct quiz_grade *out, struct error *err);
void quiz_grade_clear(struct quiz_grade *g);

/* The normalisation short answers use, newly allocated: trimmed, inner
 * whitespace collapsed to one space, ASCII lower-cased unless case_sensitive. */
char *quiz_normalize_reply(const char *text, bool case_sensitive);

/* Parses a reply to a numeric question: a plain decimal number ("3",
 * "-2.5", "1e3", ".5") with blanks around it; units, hex, inf and nan are
 * refused, so the learner can be asked again rather than marked wrong. */
bool quiz_parse_number(const char *text, double *out);

#endif
