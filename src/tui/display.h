/* display: starting and stopping curses, for a real terminal or headless.
 *
 * Real mode draws on the terminal and restores it on exit, on SIGINT and
 * SIGTERM (which ask the app to quit cleanly) and on crash signals (which
 * restore the terminal, then die as they would have). Headless mode draws
 * into curses' virtual screen only (output to /dev/null) at a fixed size,
 * so tests can dump exactly what a user would see. */
#ifndef STUDYTERM_TUI_DISPLAY_H
#define STUDYTERM_TUI_DISPLAY_H

#include <stdio.h>

#include "core/status.h"

/* Smallest usable terminal; below it the app shows a message instead. */
#define DISPLAY_MIN_COLS 40
#define DISPLAY_MIN_ROWS 10

/* cols/rows are used in headless mode only. */
enum status display_open(int headless, int cols, int rows, struct error *err);
void display_close(void);
/* True once SIGINT or SIGTERM arrived: the loop should save and quit. */
int display_quit_requested(void);
/* While set, SIGINT (Ctrl-C) calls fn(ctx) instead of asking to quit: the
 * SQL console uses it to stop a running statement. fn runs in a signal
 * handler: it may only set flags and call async-signal-safe functions.
 * NULL restores quitting. */
void display_on_interrupt(void (*fn)(void *ctx), void *ctx);
int display_is_headless(void);
/* Headless: resizes the virtual screen (the app sees KEY_RESIZE next). */
void display_resize(int cols, int rows);
/* Runs a program in the foreground (an editor) and waits for it: argv[0]
 * is looked up in PATH, and the program starts in folder cwd (NULL: this
 * one). On a terminal curses steps aside while it runs (the terminal is
 * the program's) and redraws afterwards; Ctrl-C then belongs to the
 * program. Headless, curses is not touched and the program's standard
 * input, output and error are /dev/null. Returns its exit status (128 +
 * the signal when a signal ended it), or -1 with errno set when it could
 * not be started (no such program, cwd missing, no fork). */
int display_run(char *const argv[], const char *cwd);
/* Writes the screen as UTF-8 text, trailing blanks trimmed, one line per row. */
void display_dump(FILE *out);

#endif
