/* pyfind: finding the Python that runs the learner's code.
 *
 * The Python exercises need a Python that can import flask_sqlalchemy
 * and flask_migrate; the standard-library ones (requires: stdlib) any
 * Python 3. The candidates, in order: $STUDYTERM_PYTHON, python3 on
 * PATH, /usr/bin/python3 (on some machines the first python3 on PATH is
 * a separate install that cannot see the system's packages). Each is
 * asked, with the user's environment (so pyenv shims and virtual
 * environments work), for its real interpreter (sys.executable) and
 * whether the two imports work; the first that can import both is used,
 * else, for the standard-library exercises, the first that runs at all.
 *
 * The choice is remembered in <data dir>/python-runner (three lines:
 * "python=PATH", "flask=yes|no", "asked=$STUDYTERM_PYTHON") and used
 * without asking again while the interpreter is still there and
 * $STUDYTERM_PYTHON has not changed; a remembered "flask=no" is asked
 * again when Flask is needed, so installing the packages takes effect.
 *
 * Failure: ST_NOT_FOUND when no candidate does what is needed; why then
 * holds a paragraph for the learner: what was tried, what each said, and
 * exactly what to install. Other statuses do not occur: a cache that
 * cannot be written is simply not kept. */
#ifndef STUDYTERM_SANDBOX_PYFIND_H
#define STUDYTERM_SANDBOX_PYFIND_H

#include <stdbool.h>

#include "core/buf.h"
#include "core/status.h"

/* What to tell the learner to install. */
#define PYFIND_APT_PACKAGES "python3-flask-sqlalchemy python3-flask-migrate"
#define PYFIND_PIP_PACKAGES "flask-sqlalchemy flask-migrate"

struct pyfind_candidate {
	const char *path;  /* a program path, or a bare name looked up on PATH */
	const char *label; /* how the message names it: "$STUDYTERM_PYTHON" */
};

/* Finds a Python among the usual candidates (above); data_dir may be NULL
 * (nothing remembered). *python receives the interpreter's path (newly
 * allocated). */
enum status pyfind(const char *data_dir, bool need_flask, char **python, struct buf *why,
                   struct error *err);

/* The same among the given candidates (tests). */
enum status pyfind_among(const char *data_dir, const struct pyfind_candidate *candidates, int n,
                         bool need_flask, char **python, struct buf *why, struct error *err);

#endif
