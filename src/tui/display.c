/* display: curses setup, teardown and signals (see display.h). */
#include "tui/display.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "tui/theme.h"

static volatile sig_atomic_t S_quit;
static int S_open, S_headless;
static SCREEN *S_screen;
static FILE *S_null_in, *S_null_out;

static void (*volatile S_interrupt_fn)(void *);
static void *volatile S_interrupt_ctx;

static void S_on_quit_signal(int sig)
{
	void (*fn)(void *) = S_interrupt_fn;
	if (sig == SIGINT && fn) {
		fn(S_interrupt_ctx);
		return;
	}
	S_quit = 1;
}

void display_on_interrupt(void (*fn)(void *ctx), void *ctx)
{
	S_interrupt_fn = NULL; /* never a new fn with an old ctx */
	S_interrupt_ctx = ctx;
	S_interrupt_fn = fn;
}

/* Restoring the terminal from a crash handler is not async-signal-safe in
 * theory; in practice it is what every curses program does, and a broken
 * terminal is worse than the small risk. */
static void S_on_crash_signal(int sig)
{
	if (S_open && !S_headless)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void S_install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = S_on_quit_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = S_on_crash_signal;
	sa.sa_flags = (int)SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
}

/* Layout measures text in UTF-8 and curses must draw it as UTF-8,
 * whatever locale the user runs in. */
static void S_ensure_utf8_locale(void)
{
	setlocale(LC_ALL, "");
	const char *cs = nl_langinfo(CODESET);
	if (cs && strcmp(cs, "UTF-8") == 0)
		return;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

enum status display_open(int headless, int cols, int rows, struct error *err)
{
	S_ensure_utf8_locale();
	S_headless = headless;
	if (headless) {
		char size[32];
		snprintf(size, sizeof size, "%d", cols);
		setenv("COLUMNS", size, 1);
		snprintf(size, sizeof size, "%d", rows);
		setenv("LINES", size, 1);
		S_null_out = fopen("/dev/null", "w");
		/* Two streams on /dev/null: one for curses output, one for input. */
		// cppcheck-suppress incompatibleFileOpen
		S_null_in = fopen("/dev/null", "r");
		const char *term = getenv("TERM");
		if (!term || !*term || strcmp(term, "dumb") == 0)
			term = "xterm-256color";
		S_screen = S_null_out && S_null_in ? newterm(term, S_null_out, S_null_in) : NULL;
		if (!S_screen)
			S_screen = newterm("xterm", S_null_out, S_null_in);
		if (!S_screen)
			return error_set(err, ST_IO, "",
			                 "cannot start headless curses (no terminfo for %s)", term);
		set_term(S_screen);
	} else {
		if (!isatty(0) || !isatty(1))
			return error_set(err, ST_IO, "",
			                 "studyterm needs a terminal (use `studyterm render FILE` "
			                 "for plain output)");
		S_install_signals();
		S_screen = newterm(NULL, stdout, stdin);
		if (!S_screen)
			return error_set(err, ST_IO, "",
			                 "cannot start curses: unknown terminal type '%s'",
			                 getenv("TERM") ? getenv("TERM") : "");
		set_term(S_screen);
		set_escdelay(25);
		mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
		timeout(250); /* wake up to notice signals */
	}
	S_open = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	theme_init();
	return ST_OK;
}

void display_close(void)
{
	if (!S_open)
		return;
	endwin();
	delscreen(S_screen);
	S_screen = NULL;
	S_open = 0;
	if (S_null_out)
		fclose(S_null_out);
	if (S_null_in)
		fclose(S_null_in);
	S_null_out = S_null_in = NULL;
}

int display_quit_requested(void)
{
	return S_quit;
}

int display_is_headless(void)
{
	return S_headless;
}

void display_resize(int cols, int rows)
{
	resizeterm(rows, cols);
}

/* The child's side of display_run: never returns. Failures before the
 * program starts are sent to the parent as an errno through report (a
 * close-on-exec pipe, so a started program closes it unwritten). */
static void S_child(char *const argv[], const char *cwd, int report)
{
	signal(SIGINT, SIG_DFL); /* the parent ignores them while it waits */
	signal(SIGQUIT, SIG_DFL);
	if (S_headless) {
		int fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
	}
	if (!cwd || chdir(cwd) == 0)
		execvp(argv[0], argv);
	int e = errno;
	ssize_t ignored = write(report, &e, sizeof e);
	(void)ignored;
	_exit(127);
}

int display_run(char *const argv[], const char *cwd)
{
	int report[2];
	if (pipe(report) != 0)
		return -1;
	fcntl(report[0], F_SETFD, FD_CLOEXEC);
	fcntl(report[1], F_SETFD, FD_CLOEXEC);
	int curses = S_open && !S_headless;
	if (curses) {
		def_prog_mode();
		endwin();
	}
	/* As system(3) does: Ctrl-C and Ctrl-\ are the program's while it runs,
	 * not a reason for studyterm to quit once it is back. */
	struct sigaction ignore, old_int, old_quit;
	memset(&ignore, 0, sizeof ignore);
	ignore.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0)
		S_child(argv, cwd, report[1]);
	int saved = errno, status = -1;
	close(report[1]);
	if (pid > 0) {
		int child_errno = 0;
		ssize_t n;
		while ((n = read(report[0], &child_errno, sizeof child_errno)) < 0 &&
		       errno == EINTR)
			;
		int ws = 0;
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			;
		if (n == (ssize_t)sizeof child_errno)
			saved = child_errno;
		else
			status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	}
	close(report[0]);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (curses) {
		reset_prog_mode();
		refresh();
	}
	if (status < 0)
		errno = saved;
	return status;
}

void display_dump(FILE *out)
{
	wchar_t *row = malloc(((size_t)COLS + 1) * sizeof *row);
	char mb[MB_LEN_MAX];
	for (int y = 0; y < LINES; y++) {
		int n = mvwinnwstr(stdscr, y, 0, row, COLS);
		if (n < 0)
			n = 0;
		row[n] = L'\0';
		int end = n;
		while (end > 0 && row[end - 1] == L' ')
			end--;
		mbstate_t st;
		memset(&st, 0, sizeof st);
		for (int i = 0; i < end; i++) {
			size_t k = wcrtomb(mb, row[i], &st);
			if (k != (size_t)-1)
				fwrite(mb, 1, k, out);
		}
		fputc('\n', out);
	}
	free(row);
	fflush(out);
}
