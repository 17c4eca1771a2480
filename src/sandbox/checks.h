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
 * Python and migration exercises (kind python or migration) run the
 * learner's code instead, in a child process (sandbox/child) that the
 * caller can watch: the workspace is copied afresh into <workspace>/.run
 * (workspace_snapshot), sandbox.db is made there as above, and the
 * exercise's driver.py runs under the harness (src/harness/
 * studyterm_harness.py) with the Python env names, in the run folder,
 * with a clean environment, a time limit (CHECKS_PYTHON_MS unless env
 * says), CHECKS_PYTHON_MEMORY, no new processes, and output cut at
 * CHECKS_OUTPUT_LIMIT (the program is then stopped). The statements it
 * sent, with their parameters, go into sql_log; what the driver answered
 * goes into a TEMP table
 *     answers(name TEXT PRIMARY KEY, value)
 * (JSON scalars as SQL values, arrays and objects as JSON text); the
 * learner's errors, file and line first, into run_outcome.error. Then the
 * checks run on the run folder's sandbox.db as above.
 *
 * Ownership: a struct run_outcome owns all its strings and arrays;
 * checks_run_free releases them and zeroes it. A struct checks_job is
 * owned by its caller until checks_finish or checks_job_free. */
#ifndef STUDYTERM_SANDBOX_CHECKS_H
#define STUDYTERM_SANDBOX_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

#include <stdint.h>

#include "core/buf.h"
#include "core/status.h"
#include "sandbox/exercise.h"

/* The learner's whole work may take this long (each statement also keeps
 * to the sandbox's own limit). */
#define CHECKS_TOTAL_MS 20000
/* Rows of each result shown in run_outcome.output. */
#define CHECKS_OUTPUT_ROWS 50

/* The Python run's limits. */
#define CHECKS_PYTHON_MS     20000
#define CHECKS_PYTHON_MEMORY ((size_t)1024 * 1024 * 1024)
#define CHECKS_OUTPUT_LIMIT  ((size_t)8 * 1024 * 1024)
/* Output kept for showing; beyond it the output is counted only. */
#define CHECKS_OUTPUT_KEEP ((size_t)256 * 1024)
/* Statements listed by checks_outcome_lines; the rest are counted. */
#define CHECKS_STATEMENTS_SHOWN 200

/* Where a run finds what it needs. */
struct checks_env {
	const char *dataset_dir; /* data/sandbox */
	const char *harness;     /* studyterm_harness.py; NULL: Python cannot run */
	const char *python;      /* the interpreter (sandbox/pyfind); NULL: none */
	int time_limit_ms;       /* the Python run's; 0: CHECKS_PYTHON_MS */
};

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
	char **params;     /* each statement's parameters as JSON, "" for none;
	                    * NULL for SQL work */
	size_t n_statements;
	size_t n_selects; /* statements that are queries (SELECT, WITH, VALUES) */
	char *error;      /* "answer.sql:3: no such table: x" when the work failed
	                   * (also when there is no .sql file), else NULL; for
	                   * Python, one line per error, "queries.py:12: ..." */
	bool python;      /* the work was the learner's Python */
	char *versions;   /* "Python 3.11.2, Flask-SQLAlchemy 3.0.3, ..." or NULL */
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
enum status checks_run(const struct exercise *ex, const char *workspace,
                       const struct checks_env *env, struct run_outcome *out, struct error *err);

/* ---- the same in steps, for a caller that stays responsive ---- */

struct checks_job;

/* Starts a run: SQL work runs to its end at once; Python work is started
 * as a child. Errors as checks_run's, and ST_NOT_FOUND when a Python
 * exercise has no env->python or env->harness, ST_IO when the run's copy
 * or the child cannot be made (err says why). */
enum status checks_start(const struct exercise *ex, const char *workspace,
                         const struct checks_env *env, struct checks_job **job, struct error *err);
/* Reads what the child wrote, waiting up to timeout_ms (-1: until
 * something happens); true once the work has ended. */
bool checks_poll(struct checks_job *job, int timeout_ms);
/* What the learner's Python has written so far (for showing as it runs);
 * "" for SQL work. Valid until the next checks_poll. */
const char *checks_job_output(const struct checks_job *job);
uint64_t checks_job_elapsed_ms(const struct checks_job *job);
/* Stops the learner's Python now (Ctrl-C); checks_poll then ends. */
void checks_stop(struct checks_job *job);
/* Once checks_poll said true: runs the checks and fills *out as
 * checks_run does. Frees job in every case. */
enum status checks_finish(struct checks_job *job, struct run_outcome *out, struct error *err);
/* Abandons a job (stopping its child); NULL is fine. */
void checks_job_free(struct checks_job *job);

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
 * then its detail indented by four spaces); the learner's error (SQL or
 * Python); the statements sent under "Statements sent (N, K queries):",
 * numbered ("  1. " and the statement's further lines under its first,
 * then "     params: [...]" when it had parameters), at most
 * CHECKS_STATEMENTS_SHOWN of them; or, when none was sent and there was
 * no error, a note that ex's files sent nothing; then the output; then,
 * for Python, the versions it ran on. Parts after the checks are preceded
 * by a blank line. The summary is not included. */
void checks_outcome_lines(const struct exercise *ex, const struct run_outcome *o, checks_line_fn fn,
                          void *ctx);

/* Whether the run passed: at least one check, all passed, and the
 * learner's SQL ran without error. */
bool checks_outcome_passed(const struct run_outcome *o);

/* Appends one sentence on the whole run ("All 4 checks pass. Well done!",
 * "2 of 4 checks pass."; no newline). */
void checks_outcome_summary(const struct run_outcome *o, struct buf *out);

#endif
