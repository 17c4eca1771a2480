/* sql_cmd: `studyterm sql [DATASET]`, the SQL console on standard input.
 *
 * Statements and dot-commands are read line by line (sandbox/console) and
 * their results printed as they come: in the sqlite3 shell's list mode
 * when standard input is not a terminal, so scripts and tests can compare
 * with it, and as box tables with a prompt when it is. Ctrl-C stops the
 * statement running, not the console. Exit status: 0, or 1 when any
 * statement or command failed (as the sqlite3 shell), 2 a bad command
 * line. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/plain.h"
#include "core/buf.h"
#include "core/paths.h"
#include "sandbox/console.h"

static struct console *volatile S_running;

static void S_on_sigint(int sig)
{
	(void)sig;
	if (S_running)
		console_interrupt((struct console *)S_running);
}

/* Where .er draws: the terminal's width, else $COLUMNS, else 80. */
static int S_width(void)
{
	struct winsize ws;
	if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	const char *env = getenv("COLUMNS");
	long w = env ? strtol(env, NULL, 10) : 0;
	return w >= 20 && w <= 1000 ? (int)w : 80;
}

int cli_sql(const struct cli_env *env, int argc, char **argv)
{
	const char *dataset = "ponies";
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			printf(
			    "usage: studyterm sql [DATASET]\n"
			    "  The SQL console on DATASET (default ponies; .datasets lists them).\n"
			    "  Statements end with ';'; .help lists the dot-commands.\n");
			return 0;
		}
		if (argv[i][0] == '-' || i > 0) {
			fprintf(stderr,
			        "studyterm: sql: unexpected '%s' (usage: studyterm sql "
			        "[DATASET])\n",
			        argv[i]);
			return 2;
		}
		dataset = argv[i];
	}
	char *data = cli_data_dir(env);
	char *dir = paths_join(data, "sandbox");
	free(data);
	bool tty = isatty(0);
	struct console c;
	struct error err = {0};
	if (console_open(&c, dir, dataset, tty ? CONSOLE_BOX : CONSOLE_LIST, &err) != ST_OK) {
		fprintf(stderr, "studyterm: sql: %s%s%s\n", err.where, err.where[0] ? ": " : "",
		        err.message);
		if (err.status == ST_NOT_FOUND)
			fprintf(stderr, "studyterm: sql: the datasets are in %s\n", dir);
		free(dir);
		return 1;
	}
	free(dir);
	c.width = S_width();
	S_running = &c;
	struct sigaction sa = {0}, old;
	sa.sa_handler = S_on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	if (tty)
		printf("studyterm SQL console on %s. .help lists the commands; .quit leaves.\n",
		       dataset);
	struct buf out = {0}, errs = {0};
	bool more = false, quit = false;
	while (!quit) {
		if (tty) {
			fputs(more ? "   ...> " : "sql> ", stdout);
			fflush(stdout);
		}
		char *line = cli_plain_read_line();
		if (!line)
			break;
		more = console_feed(&c, line, &out, &errs, &quit);
		free(line);
		fputs(buf_cstr(&out), stdout);
		fflush(stdout);
		fputs(buf_cstr(&errs), stderr);
		buf_reset(&out);
		buf_reset(&errs);
	}
	console_finish(&c, &out, &errs);
	fputs(buf_cstr(&out), stdout);
	fputs(buf_cstr(&errs), stderr);
	if (tty && !quit)
		putchar('\n');
	buf_free(&out);
	buf_free(&errs);
	sigaction(SIGINT, &old, NULL);
	S_running = NULL;
	int rc = c.errors ? 1 : 0;
	console_close(&c);
	return fflush(stdout) == 0 ? rc : 1;
}
