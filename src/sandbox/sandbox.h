/* sandbox: a hardened SQLite connection for running learners' SQL.
 *
 * A sandbox owns one SQLite connection, either a private in-memory database
 * or a file (an exercise workspace). Trusted dataset scripts are loaded with
 * sandbox_load_script / sandbox_load_dataset; everything else goes through
 * sandbox_query, which runs under an authorizer that refuses ATTACH, DETACH,
 * VACUUM, extension loading and every PRAGMA outside a read-only allow-list,
 * with tight sqlite3_limit values, a page budget, foreign keys on, defensive
 * mode and a time limit checked by a progress handler.
 *
 * Ownership: sandbox_close frees the sandbox. A struct sandbox_result owns
 * its names and cells; sandbox_result_free releases them and zeroes it.
 *
 * Failure: functions return a status and fill err. A learner's mistake in
 * sandbox_query (bad SQL, refused operation, time-out, interrupt, a result
 * too large to keep) is ST_INVALID with a message fit to show the learner
 * and err->where "". Problems with the database itself (cannot open, I/O,
 * corruption, busy) are ST_DB. Dataset scripts fail with ST_DB and
 * err->where "file:line" of the failing statement.
 */
#ifndef STUDYTERM_SANDBOX_SANDBOX_H
#define STUDYTERM_SANDBOX_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/status.h"

#define SANDBOX_DEFAULT_TIME_LIMIT_MS 5000
/* A result keeps at most this many rows and bytes of values; a query that
 * returns more is stopped (ST_INVALID) rather than filling memory. */
#define SANDBOX_MAX_ROWS  100000
#define SANDBOX_MAX_BYTES (64u * 1024u * 1024u)
/* Each database (main and temp) may grow to this many 4 KiB pages (64 MiB). */
#define SANDBOX_MAX_PAGES 16384

struct sandbox;

/* A fresh private in-memory database, hardened. On failure *out is NULL. */
enum status sandbox_open_memory(struct sandbox **out, struct error *err);
/* Opens (creating) a database file, hardened the same way. On failure *out
 * is NULL and err names the file. */
enum status sandbox_open_file(const char *path, struct sandbox **out, struct error *err);
/* Closes the connection and frees sb; NULL is allowed. */
void sandbox_close(struct sandbox *sb);

/* Runs a trusted script (CREATE TABLE, INSERT, PRAGMA ...) without the
 * authorizer; each statement gets the full time limit. `where` names the
 * script in errors: err->where is "where:line" of the statement that failed
 * (ST_DB). Statements before the failing one stay applied. */
enum status sandbox_load_script(struct sandbox *sb, const char *sql, const char *where,
                                struct error *err);
/* Reads and runs <dataset_dir>/<name>.sql. A name that is not a plain file
 * name (empty, containing '/' or '..', starting with '.') is ST_INVALID; a
 * missing file is ST_NOT_FOUND; an unreadable one ST_IO. */
enum status sandbox_load_dataset(struct sandbox *sb, const char *dataset_dir, const char *name,
                                 struct error *err);

/* The time one sandbox_query call (all its statements together) may take;
 * ms <= 0 restores the default (SANDBOX_DEFAULT_TIME_LIMIT_MS).
 * Known gap: the limit and sandbox_interrupt act between steps of SQLite's
 * virtual machine, so a built-in function call runs to its end. On values
 * of the maximum length, instr(), replace(), trim() with a long character
 * set, LIKE/GLOB and printf('%.*c') take seconds per call, and one row may
 * hold many calls. Only a separate process that can be killed closes it. */
void sandbox_set_time_limit_ms(struct sandbox *sb, int ms);
/* Asks the running query to stop ("query interrupted"). Safe to call from a
 * signal handler or another thread while sb is open; a call made while no
 * query runs is forgotten when the next query starts. */
void sandbox_interrupt(struct sandbox *sb);

enum sandbox_type { SANDBOX_NULL, SANDBOX_INT, SANDBOX_REAL, SANDBOX_TEXT, SANDBOX_BLOB };

struct sandbox_value {
	enum sandbox_type type;
	int64_t i;  /* SANDBOX_INT */
	double r;   /* SANDBOX_REAL */
	char *text; /* SANDBOX_TEXT (UTF-8) and SANDBOX_BLOB (bytes); NUL-terminated
	             * copy, NULL for the other types */
	size_t len; /* bytes in text, without the terminator */
};

struct sandbox_result {
	size_t n_cols, n_rows;
	char **names;                /* n_cols column names */
	struct sandbox_value *cells; /* row-major: cells[row * n_cols + col] */
};

/* Runs learner SQL: one or more statements, under the authorizer and the
 * time limit. *out receives the rows of the last statement that returns
 * rows (a SELECT with no matching rows still gives its columns), or an
 * empty result (0 columns) when none does. On failure *out is empty;
 * statements before the failing one stay applied. */
enum status sandbox_query(struct sandbox *sb, const char *sql, struct sandbox_result *out,
                          struct error *err);
void sandbox_result_free(struct sandbox_result *r);

/* Appends r as a box-drawn table: numbers right-aligned, NULL as NULL (a
 * text value spelt NULL is shown quoted, 'NULL'), cells wider than 40
 * columns cut with "…", control characters made visible. At most max_rows
 * rows are drawn, then a line "… N more rows". An empty result adds
 * "(no rows)" (after the header box when there are columns). */
void sandbox_result_format(const struct sandbox_result *r, size_t max_rows, struct buf *out);

/* Compares got with want the way the SQL grader needs: same number of
 * columns (names are not compared); the same rows as multisets, or in the
 * same order when ordered. Integers and reals compare by numeric value (2
 * equals 2.0), reals with a relative slack of 1e-12 for rounding; text and
 * blobs compare byte for byte; NULL equals only NULL. When they differ and
 * why is not NULL, one short sentence for the learner is appended to why. */
bool sandbox_result_equal(const struct sandbox_result *got, const struct sandbox_result *want,
                          bool ordered, struct buf *why);

#endif
