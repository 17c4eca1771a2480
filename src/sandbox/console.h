/* console: the SQL console's engine, shared by `studyterm sql` on a pipe
 * and the console screen.
 *
 * Lines go in one at a time; a statement runs once its text is complete
 * (ended by ';' outside strings, comments and triggers, as sqlite3_complete
 * decides), each statement of a line on its own, and its rows are printed
 * in the current mode. A line starting with '.' where no statement is
 * pending is a dot-command (.help lists them; .er draws the tables and
 * their relationships, .plan QUERY the query plan as a tree). Everything
 * runs on a hardened in-memory
 * sandbox (sandbox/sandbox.h) loaded with a dataset from data/sandbox/;
 * nothing the console does touches a file.
 *
 * Output modes, byte for byte as the sqlite3 shell prints them except
 * box: list (its default: values separated by '|', NULL empty), csv (RFC
 * 4180, CRLF line ends), line (one "column = value" per line); box draws
 * tables with box characters and shows NULL as NULL. Results go
 * to out, errors to err as "Parse error near line N: message" (the
 * sqlite3 shell's words, so scripts can compare), and the console counts
 * them for the exit status.
 *
 * Ownership: console_open fills a struct the caller owns; console_close
 * frees what it holds. */
#ifndef STUDYTERM_SANDBOX_CONSOLE_H
#define STUDYTERM_SANDBOX_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/status.h"
#include "sandbox/sandbox.h"

enum console_mode { CONSOLE_LIST, CONSOLE_BOX, CONSOLE_CSV, CONSOLE_LINE };

struct console {
	struct sandbox *sb;
	char *dataset_dir; /* data/sandbox */
	char *dataset;     /* the dataset loaded, or NULL for an empty database */
	enum console_mode mode;
	bool headers;       /* list and csv: a header line first */
	bool timer;         /* "Run Time: real S" after each statement */
	int width;          /* for .er: the width to draw at (default 80) */
	struct buf pending; /* a statement not complete yet */
	int pending_line;   /* the line it started on */
	int line;           /* lines fed so far */
	size_t errors;
};

/* Opens a console on a fresh in-memory sandbox loaded with dataset (NULL:
 * empty). Fails when the dataset cannot be loaded (err says why). */
enum status console_open(struct console *c, const char *dataset_dir, const char *dataset,
                         enum console_mode mode, struct error *err);
void console_close(struct console *c);

/* Feeds one line (no line end). Returns true while a statement is waiting
 * for more lines (the caller shows a continuation prompt). Set *quit when
 * the line was .quit or .exit (quit may be NULL). */
bool console_feed(struct console *c, const char *line, struct buf *out, struct buf *err,
                  bool *quit);
/* At the end of input: runs a statement left without its ';'. */
void console_finish(struct console *c, struct buf *out, struct buf *err);
/* Stops the statement running now (signal-safe). */
void console_interrupt(struct console *c);

/* The names of the datasets in dir (newly allocated, sorted; free with
 * paths_list_free from core/paths). */
char **console_datasets(const char *dir, size_t *n);

#endif
