/* checks: running a learner's SQL work and an exercise's checks.
 *
 * A run starts from nothing each time: the workspace's sandbox.db is
 * deleted and created again (hardened, sandbox_open_file), the exercise's
 * dataset and setup.sql are loaded (trusted), and then the learner's work
 * runs: every file directly in the workspace whose name ends in ".sql", in
 * name order, one statement at a time through sandbox_query (the learner's
 * rules: authorizer, limits, a time limit per statement and
 * CHECKS_TOTAL_MS for the whole work). The first statement that fails
 * stops the learner's work; the error is reported and the checks run all
 * the same, so the learner sees which of them already pass.
 *
 * Every statement the work sent (the failing one included) is kept in
 * order, and before the checks run it is written into a table
 *     sql_log(seq INTEGER PRIMARY KEY, sql TEXT, params TEXT)
 * (params '' for SQL exercises; the Python runner fills it with the bound
 * parameters). The statement text is as written, without the comments
 * before it and the ';' after it. The table is a TEMP table made after the
 * learner's work, so the work can neither see nor forge it, and it shadows
 * any sql_log table of the learner's own.
 *
 * Then each check of check.sql runs (trusted: it is the exercise author's
 * SQL), inside a savepoint rolled back afterwards, so a check that changes
 * data to test a constraint does not disturb the checks after it:
 * - the assert form runs its statements without the authorizer, then its
 *   last one, a query, through sandbox_query; the check passes when that
 *   gives a single value that is a non-zero number;
 * - the compare form runs "expect" and "got" through sandbox_query and
 *   compares them with sandbox_result_equal (ordered as the exercise says).
 * A check whose SQL fails does not pass; detail says why.
 *
 * Ownership: a struct run_outcome owns all its strings and arrays;
 * checks_run_free releases them and zeroes it. */
#ifndef STUDYTERM_SANDBOX_CHECKS_H
#define STUDYTERM_SANDBOX_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/status.h"
#include "sandbox/exercise.h"

/* The learner's whole work may take this long (each statement also keeps
 * to the sandbox's own limit). */
#define CHECKS_TOTAL_MS 20000
/* Rows of each result shown in run_outcome.output. */
#define CHECKS_OUTPUT_ROWS 50

struct check_outcome {
	char *message; /* the check's message, for the learner */
	bool passed;
	char *detail; /* why it failed: an SQL error, how the rows differ, or
	               * what the query gave instead of one value; NULL when it
	               * passed or simply came out false */
};

struct run_outcome {
	struct check_outcome *checks; /* one per check, in check.sql's order */
	size_t n_checks;
	size_t passed;
	char *output;      /* each result the learner's statements gave: a line
	                    * "-- answer.sql:3" then the table (sandbox_result_format);
	                    * "" when none gave rows */
	char **statements; /* what the learner's work sent, in order */
	size_t n_statements;
	char *error; /* "answer.sql:3: no such table: x" when the work failed
	              * (also when there is no .sql file), else NULL */
};

/* Runs the learner's work in workspace and then ex's checks, as above.
 * dataset_dir is where ex->dataset's script lives (data/sandbox).
 * Returns ST_OK when the run happened (whatever the learner's work did),
 * with *out filled. Otherwise *out is empty and err says why: ST_INVALID
 * for an exercise that needs the Python runner; ST_NOT_FOUND for a
 * missing workspace or dataset; ST_DB when the database cannot be made or
 * the dataset or setup.sql fails (err->where "file:line"); ST_IO when the
 * old sandbox.db cannot be removed. A learner's file that cannot be read
 * is the learner's error (run_outcome.error), not a failure. */
enum status checks_run(const struct exercise *ex, const char *workspace, const char *dataset_dir,
                       struct run_outcome *out, struct error *err);

void checks_run_free(struct run_outcome *o);

/* ---- the outcome as text, shared by `studyterm exercise` and the TUI ---- */

/* What a line of the outcome is, so a screen can colour it. */
enum checks_line {
	CHECKS_LINE_PASS,    /* "✓ message" */
	CHECKS_LINE_FAIL,    /* "✗ message" */
	CHECKS_LINE_DETAIL,  /* "    why": a failed check's detail, the SQL error */
	CHECKS_LINE_HEADING, /* "Statements sent:", "Output:", "Your SQL stopped ..." */
	CHECKS_LINE_TEXT,    /* a statement's line, a note */
	CHECKS_LINE_OUTPUT,  /* a line of the rows the statements gave */
	CHECKS_LINE_BLANK,   /* "" between the parts */
};

/* Called once per line, without the newline; text is valid during the call. */
typedef void (*checks_line_fn)(void *ctx, enum checks_line kind, const char *text);

/* Gives o as lines, in this order: each check ("✓ message" or "✗ message",
 * then its detail indented by four spaces); the learner's SQL error; the
 * statements sent, numbered ("  1. " and the statement's further lines
 * under its first); or, when none was sent and there was no error, a note
 * that ex's files hold only comments; then the output. Parts after the
 * checks are preceded by a blank line. The summary is not included. */
void checks_outcome_lines(const struct exercise *ex, const struct run_outcome *o, checks_line_fn fn,
                          void *ctx);

/* Whether the run passed: at least one check, all passed, and the
 * learner's SQL ran without error. */
bool checks_outcome_passed(const struct run_outcome *o);

/* Appends one sentence on the whole run ("All 4 checks pass. Well done!",
 * "2 of 4 checks pass."; no newline). */
void checks_outcome_summary(const struct run_outcome *o, struct buf *out);

#endif
