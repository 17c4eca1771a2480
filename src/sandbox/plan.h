/* plan: how SQLite will run a query, drawn as a tree.
 *
 * plan_draw runs EXPLAIN QUERY PLAN on the learner's statement through
 * sandbox_query, so the statement stays under the sandbox's authorizer and
 * limits (EXPLAIN prepares a statement without running it: nothing is
 * written), and draws the rows (id, parent, notused, detail) the way the
 * sqlite3 shell's .eqp does:
 *
 *   QUERY PLAN
 *   ├── SCAN ponies
 *   └── SEARCH owners USING INTEGER PRIMARY KEY (rowid=?)
 *
 * children under their parent, indented by "│   " (or four blanks under a
 * last child). A statement that makes no plan steps (CREATE TABLE, say)
 * gives "QUERY PLAN" and "(no steps)".
 *
 * Failure: text holding more than one statement is refused before anything
 * runs (ST_INVALID, "explain one statement at a time: ..."), as is text
 * with none; bad SQL and refused operations come back with the sandbox's
 * status and message. On failure nothing is appended to out.
 */
#ifndef STUDYTERM_SANDBOX_PLAN_H
#define STUDYTERM_SANDBOX_PLAN_H

#include "core/buf.h"
#include "core/status.h"
#include "sandbox/sandbox.h"

enum status plan_draw(struct sandbox *sb, const char *query, struct buf *out, struct error *err);

#endif
