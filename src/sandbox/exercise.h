/* exercise: the hands-on exercise format (studyterm-exercise(5)).
 *
 * An exercise is a folder content/exercises/<id>/ (id: [a-z0-9][a-z0-9-]*):
 *
 *     exercise.md   "# Title", a settings paragraph, the instructions
 *                   (Markdown) and "## Hints" with one list item per hint
 *     setup.sql     optional, trusted: run before the learner's work
 *     driver.py     kinds python and migration: the trusted script the
 *                   harness runs, which calls the learner's code
 *     starter/      the files copied into the workspace; each holds TODO
 *                   (for python and migration kinds, one at least)
 *     solution/     the same files, solved
 *     check.sql     the checks: "-- check: MESSAGE" blocks
 *
 * exercise.md is read line by line, like exam profiles (bank/profile.h),
 * so every diagnostic points at the line and column the author wrote:
 * - The first non-blank line is the title, "# Title" (required).
 * - The first paragraph after it holds the settings: "key: value" items
 *   separated by " · " (U+00B7) or line breaks; later paragraphs are
 *   settings too while their first line starts with a known key and a
 *   colon. Keys are case-insensitive; an unknown key, a key given twice or
 *   an empty value is an error.
 *     section: N.M      required: the course section it practises; a
 *                       warning when a section list is given and lacks it
 *     kind: sql|python|migration   required; python and migration are
 *                       parsed but need the Python runner
 *     dataset: NAME     optional: data/sandbox/NAME.sql, loaded first
 *     ordered: yes|no   default no: whether row comparisons keep order
 *     requires: flask|stdlib   python and migration kinds: default flask
 *                       (Flask-SQLAlchemy and Flask-Migrate); stdlib when
 *                       any Python 3 does (the sqlite3 module's exercises)
 * - The instructions run from there to "## Hints" (case-insensitive),
 *   blank lines trimmed at both ends; they must not be empty. Other
 *   headings of level 2 or more may appear in them; a second "# " title
 *   may not. Fenced code is passed over.
 * - "## Hints" holds a list ("- ", "* ", "+ " or "1. " items), one hint
 *   per item, continuation lines indented (or directly after the item).
 *   At least one hint is required; nothing may follow the list.
 * - UTF-8 without control characters other than tab; LF or CRLF; a
 *   leading byte order mark is ignored.
 *
 * check.sql: each check starts with a line "-- check: MESSAGE". Either
 * SQL follows, statements run in order whose last is a query giving one
 * value that is true (non-zero) when the check passes; or "-- expect:"
 * and a query giving the expected rows, then "-- got:" and a query giving
 * the learner's rows, compared as the exercise's `ordered` says. A line
 * that is only a directive is always one, even inside a string. Anything
 * but comments before the first check is an error.
 *
 * Ownership: a struct exercise owns every string and array in it;
 * exercise_free releases them and zeroes it. Reports own their messages.
 * Failure: parsers report every problem (not only the first) and return
 * how many errors they added; what they filled is usable only when that
 * is 0, and is left zeroed otherwise. Allocation aborts (core/xalloc). */
#ifndef STUDYTERM_SANDBOX_EXERCISE_H
#define STUDYTERM_SANDBOX_EXERCISE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/status.h"

enum exercise_kind { EXERCISE_SQL, EXERCISE_PYTHON, EXERCISE_MIGRATION };

/* One check of check.sql: the assert form has sql, the compare form
 * expect and got (the other pointers NULL). */
struct exercise_check {
	char *message;
	int line;     /* of its "-- check:" line */
	char *sql;    /* statements, the last a query; NULL in the compare form */
	int sql_line; /* line of sql's first line */
	char *expect, *got;
	int expect_line, got_line;
};

struct exercise {
	char *id;    /* the folder's name */
	char *dir;   /* the folder as given to exercise_load */
	char *title; /* the "# " heading's text */
	char *section;
	enum exercise_kind kind;
	bool needs_python; /* kind python or migration: the Python runner's job */
	bool stdlib_only;  /* requires: stdlib (any Python 3 will do) */
	char *dataset;     /* NULL: none */
	bool ordered;
	char *instructions; /* Markdown, never empty */
	char **hints;       /* Markdown, in the order given */
	size_t n_hints;
	char **starter_files; /* paths inside starter/ ("answer.sql", "app/models.py"), sorted */
	bool *starter_todo;   /* which of them say TODO: the ones to edit */
	size_t n_starter;
	char *setup_sql; /* setup.sql's text; NULL when there is none */
	struct exercise_check *checks;
	size_t n_checks;
};

/* ---- diagnostics ---- */

struct exercise_diag {
	char *path;    /* the file it is about */
	int line, col; /* 1-based; 0 when about the whole file */
	bool warning;
	char *message;
};

struct exercise_report {
	struct exercise_diag *diags;
	size_t n_diags, n_errors, n_warnings;
	size_t cap; /* allocated diags */
};

__attribute__((format(printf, 6, 7))) void exercise_report_add(struct exercise_report *r,
                                                               const char *path, bool warning,
                                                               int line, int col, const char *fmt,
                                                               ...);
/* Appends one line per diagnostic: "path:line:col: error: message" (or
 * "warning:"), "path: error: message" when line is 0. */
void exercise_report_format(const struct exercise_report *r, struct buf *out);
/* Releases the diagnostics and zeroes r. */
void exercise_report_clear(struct exercise_report *r);

/* ---- parsing ---- */

/* Parses exercise.md's text (len bytes, need not be NUL-terminated) read
 * from path into ex (overwritten; id, dir, starter files, setup and checks
 * stay empty). sections (n_sections, may be NULL and 0) are the course's
 * section numbers; when given, a section outside them is a warning.
 * Returns the number of errors added to r. */
size_t exercise_parse(const char *path, const char *text, size_t len, const char *const *sections,
                      size_t n_sections, struct exercise *ex, struct exercise_report *r);

/* Parses check.sql's text into a new array of checks (*out, *n_out; at
 * least one when there are no errors, else NULL and 0). Returns the number
 * of errors added to r. */
size_t exercise_parse_checks(const char *path, const char *text, size_t len,
                             struct exercise_check **out, size_t *n_out, struct exercise_report *r);
void exercise_checks_free(struct exercise_check *checks, size_t n);

/* One SQL statement inside a text: bytes [start, end) without the
 * leading blanks and comments and without the closing ';'. */
struct exercise_sql_stmt {
	size_t start, end;
	int line; /* 1-based line of start */
};

/* Finds the statement at or after *pos in sql (len bytes) the way SQLite
 * splits a script (quotes, comments, CREATE TRIGGER ... END), skipping
 * empty ones (";;" and trailing comments). Returns false when none is
 * left. *pos moves past it; *line_at is the line *pos is on (start at 1). */
bool exercise_sql_next(const char *sql, size_t len, size_t *pos, int *line_at,
                       struct exercise_sql_stmt *st);
/* Whether a statement starts with SELECT, WITH or VALUES. */
bool exercise_sql_is_query(const char *stmt, size_t len);

/* ---- loading ---- */

/* Loads the exercise folder dir: parses exercise.md and check.sql, reads
 * setup.sql, lists starter/ and compares it with solution/. Every problem
 * is appended to diagnostics (exercise_report_format's lines); warnings
 * alone do not fail. Returns ST_OK; ST_NOT_FOUND when dir has no
 * exercise.md; ST_PARSE when there were errors (err says how many). On
 * failure ex is zeroed. The folder's name must be a valid id. */
enum status exercise_load(const char *dir, const char *const *sections, size_t n_sections,
                          struct exercise *ex, struct buf *diagnostics, struct error *err);

/* Loads every folder inside exercises_dir (hidden ones and plain files
 * passed over) into a new array *out, sorted by section (numerically:
 * 5.9 before 5.10) then id. Folders that fail are left out, their
 * problems appended to diagnostics. Returns the count (0 and NULL when
 * the folder is missing or empty). Free with exercise_free_all. */
size_t exercise_load_all(const char *exercises_dir, const char *const *sections, size_t n_sections,
                         struct exercise **out, struct buf *diagnostics);

/* How many folders exercise_load_all would load from exercises_dir: those
 * it leaves out are the loaded count less than this. */
size_t exercise_count_folders(const char *exercises_dir);

/* Appends the files of ex's solution/ (those of starter/, in order), each
 * after a line "==> answer.sql <==" and a blank line between files, with
 * a final newline; files the same as in starter/ (an app or migrations a
 * Python exercise hands over) are only named, in a last line "As in the
 * starter: app.py, migrations/env.py.". A file that cannot be read is left out and the first
 * such failure returned (ST_NOT_FOUND or ST_IO, err->where naming it);
 * the others are appended all the same. */
enum status exercise_solution_text(const struct exercise *ex, struct buf *out, struct error *err);

void exercise_free(struct exercise *ex);
void exercise_free_all(struct exercise *list, size_t n);

/* "sql", "python", "migration". */
const char *exercise_kind_name(enum exercise_kind kind);
/* Whether id is a valid exercise id: [a-z0-9][a-z0-9-]*, at most 64 bytes. */
bool exercise_id_valid(const char *id);

#endif
