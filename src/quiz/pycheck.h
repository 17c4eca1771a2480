/* pycheck: proving the key of a question about what Python code does.
 *
 * A question flagged python-output (studyterm-bank(5)) asks what the last
 * ```python block of its stem prints, returns or raises. pycheck runs that
 * block as a program with the given interpreter, in a new empty directory,
 * with no input and a time limit, and compares what it did with the keyed
 * answer, so a wrong key is an error in `bank check --run` (and in
 * `make check`) rather than a lesson that teaches the wrong thing.
 *
 * What the program did: its standard output, each line trimmed and the
 * non-empty lines joined by single spaces; or, when it exits with an
 * uncaught exception, the exception's name from the traceback's last line
 * ("sqlalchemy.exc.IntegrityError"). What the key says: the text of the
 * correct option (single, truefalse) or any accepted answer (short), with
 * surrounding backticks removed; for numeric, a number the output must fall
 * in. An exception name matches a key naming it in full or by its last
 * dotted part ("IntegrityError"). */
#ifndef STUDYTERM_QUIZ_PYCHECK_H
#define STUDYTERM_QUIZ_PYCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "bank/question.h"

struct pycheck_result {
	bool ok;           /* the program ran and its outcome matches the key */
	char message[512]; /* when !ok: what went wrong, for a diagnostic */
};

/* Runs q's code with python (a path, e.g. "/usr/bin/python3") for at most
 * timeout_s seconds and fills out. Safe to call from several threads at
 * once (each run has its own directory and pipes). */
void pycheck_run(const struct bank_question *q, const char *python, int timeout_s,
                 struct pycheck_result *out);

/* The outcome text of a finished program (see above) from its output and
 * error streams and whether it exited cleanly; newly allocated. Exposed
 * for tests. */
char *pycheck_outcome(const char *out, const char *err, bool exited_cleanly);

/* Whether outcome matches q's key; on false, *expected (newly allocated,
 * or NULL when q's type cannot be checked this way) says what the key
 * wanted. Exposed for tests. */
bool pycheck_matches(const struct bank_question *q, const char *outcome, char **expected);

#endif
