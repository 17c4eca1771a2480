/* cli: what the subcommands share: where things live and how the question
 * catalog is opened.
 *
 * Paths come from options, then the environment, then the installed
 * defaults: the course (--content, $STUDYTERM_CONTENT, DATADIR/content),
 * the data directory holding bank.sqlite and sandbox/ (--data,
 * $STUDYTERM_DATA, DATADIR), the learner's own directory (core/paths) with
 * banks/ for instructor banks, and each --bank FILE. */
#ifndef STUDYTERM_CLI_CLI_H
#define STUDYTERM_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quiz/catalog.h"

#define CLI_MAX_BANKS 32

struct cli_env {
	const char *content;              /* --content, or NULL */
	const char *data;                 /* --data, or NULL */
	const char *banks[CLI_MAX_BANKS]; /* --bank FILE... */
	size_t n_banks;
};

/* Newly allocated resolved paths. */
char *cli_content_dir(const struct cli_env *env);
char *cli_data_dir(const struct cli_env *env);
/* <user data dir>/banks, or NULL when there is no user data dir. */
char *cli_user_banks_dir(void);

/* Opens the catalog: the built-in bank database, the user's banks folder
 * and every --bank file. Problems are returned as printable lines in
 * *notes (newly allocated, "" when none): a missing database, skipped
 * files with their errors. Never fails: an empty catalog is possible. */
void cli_open_catalog(const struct cli_env *env, struct catalog *cat, char **notes);

/* `studyterm bank ...`; argv starts after "bank". Returns the exit status. */
int cli_bank(const struct cli_env *env, int argc, char **argv);
/* `studyterm exam ...` and `studyterm history ...`; argv starts after the
 * command word. */
int cli_exam(const struct cli_env *env, int argc, char **argv);
int cli_history(const struct cli_env *env, int argc, char **argv);
struct profiles;
/* The exam profiles: DATA/exams, then <user data>/banks/exams. */
void cli_load_profiles(const struct cli_env *env, struct profiles *ps);
/* `studyterm sql [DATASET]`; argv starts after "sql". */
int cli_sql(const struct cli_env *env, int argc, char **argv);
/* `studyterm exercise [list|check|watch|path|hint|solution|reset] ...`;
 * argv starts after "exercise". */
int cli_exercise(const struct cli_env *env, int argc, char **argv);
/* `studyterm practice ... --plain`; argv starts after "practice". */
int cli_practice_plain(const struct cli_env *env, int argc, char **argv);
/* `studyterm stats [--json] [--width N] [--color|--no-color]`; argv starts after "stats". */
int cli_stats(const struct cli_env *env, int argc, char **argv);

/* Practice options shared by the plain mode and the TUI. */
struct cli_practice_opts {
	int chapter;
	const char *section;
	bool due, weak, plain;
	int count;        /* questions in the session, default 20 */
	uint64_t seed;    /* 0: from the clock */
	double retention; /* FSRS desired retention, default 0.9 */
	bool no_fuzz;     /* exact FSRS intervals (no fuzz) */
};
/* Parses practice options; prints the problem and returns 2 on a bad one. */
int cli_practice_parse(int argc, char **argv, struct cli_practice_opts *o);

#endif
