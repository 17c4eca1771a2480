/* exercise_cmd: `studyterm exercise ...`, the hands-on exercises from the
 * command line (studyterm(1), studyterm-exercise(5)).
 *
 * The exercises are the folders of <content>/exercises; each learner's
 * work lives in a workspace of its own (sandbox/workspace) that the
 * learner edits with any editor. `check` runs the work and the checks
 * once, `watch` again at every change of a workspace file, and each run's
 * outcome is recorded in the progress database (store/exprogress), as
 * are the hints given. The solution is shown only to a learner who has
 * run the checks at least once, and like a reset only when confirmed.
 *
 * Exit status: 0 done (check and watch: every check passed), 1 the checks
 * did not all pass or something failed (a broken exercise, a file that
 * cannot be written), 2 a bad command line or an unknown exercise. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/plain.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "course/course.h"
#include "sandbox/checks.h"
#include "sandbox/pyfind.h"
#include "sandbox/exercise.h"
#include "sandbox/watch.h"
#include "sandbox/workspace.h"
#include "store/exprogress.h"

static const char S_usage_text[] =
    "usage: studyterm exercise [list]            the exercises by chapter, with your status\n"
    "       studyterm exercise check ID          run your work and the checks\n"
    "       studyterm exercise watch ID          check again whenever you save (Ctrl-C stops)\n"
    "       studyterm exercise path ID           where your files are, to open in your editor\n"
    "       studyterm exercise hint ID           the next hint\n"
    "       studyterm exercise solution ID [--yes]  the solution, once you have tried\n"
    "       studyterm exercise reset ID [--yes]  start again from the starter files\n"
    "--yes confirms without asking; it is required when standard input is not a terminal.\n"
    "The format of exercises: studyterm-exercise(5).\n";

__attribute__((format(printf, 1, 2))) static int S_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "studyterm: exercise: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'studyterm exercise --help'.\n");
	return 2;
}

static void S_print_error(const struct error *err)
{
	fprintf(stderr, "studyterm: exercise: %s%s%s\n", err->where, err->where[0] ? ": " : "",
	        err->message);
}

/* What every subcommand works with. */
struct S_ctx {
	const struct cli_env *env;
	char *exercises;        /* <content>/exercises */
	char *datasets;         /* <data>/sandbox */
	char *harness;          /* <data>/harness/studyterm_harness.py */
	char *python;           /* found on the first Python exercise's run */
	char *home;             /* the learner's data folder; NULL when there is none */
	struct progress *store; /* NULL until S_store opens it */
};

static void S_ctx_init(struct S_ctx *c, const struct cli_env *env)
{
	memset(c, 0, sizeof *c);
	c->env = env;
	char *content = cli_content_dir(env);
	c->exercises = paths_join(content, "exercises");
	free(content);
	char *data = cli_data_dir(env);
	c->datasets = paths_join(data, "sandbox");
	c->harness = paths_join(data, "harness/studyterm_harness.py");
	free(data);
	c->home = paths_data_dir();
}

static void S_ctx_free(struct S_ctx *c)
{
	progress_close(c->store);
	free(c->exercises);
	free(c->datasets);
	free(c->harness);
	free(c->python);
	free(c->home);
}

/* Opens the progress database; when it cannot, says so (why `what` needs
 * it) and returns false. */
static bool S_store(struct S_ctx *c, const char *what)
{
	if (c->store)
		return true;
	struct error err = {0};
	if (!c->home) {
		fprintf(stderr, "studyterm: exercise: %s: set HOME or STUDYTERM_HOME\n", what);
		return false;
	}
	if (progress_open(c->home, &c->store, &err) != ST_OK) {
		fprintf(stderr, "studyterm: exercise: %s: %s: %s\n", what, err.where, err.message);
		c->store = NULL;
		return false;
	}
	return true;
}

/* Loads exercise id into ex. Returns 0, or the exit status after saying
 * what is wrong: 2 for an id that names no exercise, 1 for a broken one. */
static int S_load(struct S_ctx *c, const char *id, struct exercise *ex)
{
	/* The id becomes a path: only a valid id may (no "..", no "/"). */
	if (!exercise_id_valid(id)) {
		fprintf(
		    stderr,
		    "studyterm: exercise: no exercise '%s' (studyterm exercise list shows them)\n",
		    id);
		return 2;
	}
	char *dir = paths_join(c->exercises, id);
	struct buf diag = {0};
	struct error err = {0};
	enum status st = exercise_load(dir, NULL, 0, ex, &diag, &err);
	free(dir);
	int rc = 0;
	if (st == ST_NOT_FOUND) {
		fprintf(
		    stderr,
		    "studyterm: exercise: no exercise '%s' in %s (see studyterm exercise list)\n",
		    id, c->exercises);
		rc = 2;
	} else if (st != ST_OK) {
		fputs(buf_cstr(&diag), stderr);
		if (st == ST_PARSE)
			fprintf(stderr, "studyterm: exercise: %s cannot be used: %s\n", id,
			        err.message);
		else
			S_print_error(&err);
		rc = 1;
	}
	buf_free(&diag);
	return rc;
}

/* Opens (creating) ex's workspace into *path; 0 or 1 after saying why. */
static int S_workspace(struct S_ctx *c, const struct exercise *ex, char **path)
{
	*path = NULL;
	if (!c->home) {
		fprintf(stderr, "studyterm: exercise: a workspace needs a data folder: set HOME or "
		                "STUDYTERM_HOME\n");
		return 1;
	}
	struct error err = {0};
	if (workspace_open(c->home, ex, path, &err) != ST_OK) {
		S_print_error(&err);
		return 1;
	}
	return 0;
}

/* On a terminal asks question and reads the answer; elsewhere needs
 * --yes. Returns 1 to go ahead, 0 when the learner said no, -1 when
 * standard input is no terminal and --yes is missing (said on stderr). */
static int S_confirm(bool yes, const char *question, const char *what)
{
	if (yes)
		return 1;
	if (!isatty(0)) {
		fprintf(stderr,
		        "studyterm: exercise: %s asks first; add --yes to go ahead without a "
		        "terminal\n",
		        what);
		return -1;
	}
	printf("%s [y/N] ", question);
	fflush(stdout);
	char *line = cli_plain_read_line();
	bool ok = line && (strcasecmp(line, "y") == 0 || strcasecmp(line, "yes") == 0);
	free(line);
	return ok ? 1 : 0;
}

/* ---- list ---- */

static const char *S_chapter_title(const struct course *course, const char *number)
{
	for (size_t i = 0; course && i < course->nchapters; i++)
		if (strcmp(course->chapters[i].number, number) == 0)
			return course->chapters[i].title;
	return NULL;
}

static int S_list(struct S_ctx *c)
{
	/* With the course's sections, exercises about a section it lacks
	 * are flagged (a warning): a course without chapters checks none. */
	struct course *course = NULL;
	char *content = cli_content_dir(c->env);
	struct error err = {0};
	if (course_load(content, &course, &err) != ST_OK)
		course = NULL;
	free(content);
	size_t n_sections = 0;
	for (size_t i = 0; course && i < course->nchapters; i++)
		n_sections += course->chapters[i].nsections;
	const char **sections = xcalloc(n_sections ? n_sections : 1, sizeof *sections);
	n_sections = 0;
	for (size_t i = 0; course && i < course->nchapters; i++)
		for (size_t k = 0; k < course->chapters[i].nsections; k++)
			sections[n_sections++] = course->chapters[i].sections[k].number;

	struct exercise *list = NULL;
	struct buf diag = {0};
	size_t n = exercise_load_all(c->exercises, sections, n_sections, &list, &diag);
	fputs(buf_cstr(&diag), stderr);
	buf_free(&diag);
	free(sections);
	if (!n) {
		printf("No exercises in %s.\n", c->exercises);
		exercise_free_all(list, n);
		course_free(course);
		return 0;
	}
	/* Without a progress database every exercise is simply new. */
	bool have_store = S_store(c, "your status is not shown");
	int w_id = 0, w_section = 0;
	for (size_t i = 0; i < n; i++) {
		int l = (int)strlen(list[i].id);
		w_id = l > w_id ? l : w_id;
		l = (int)strlen(list[i].section);
		w_section = l > w_section ? l : w_section;
	}
	size_t passed = 0;
	char chapter[32] = "";
	for (size_t i = 0; i < n; i++) {
		const struct exercise *ex = &list[i];
		size_t len = strcspn(ex->section, ".");
		if (len >= sizeof chapter)
			len = sizeof chapter - 1;
		if (i == 0 || strncmp(chapter, ex->section, len) != 0 || chapter[len] != '\0') {
			memcpy(chapter, ex->section, len);
			chapter[len] = '\0';
			const char *title = S_chapter_title(course, chapter);
			printf("%sChapter %s%s%s\n", i ? "\n" : "", chapter, title ? " · " : "",
			       title ? title : "");
		}
		struct exprogress_status s = {.state = EXPROGRESS_NEW};
		if (have_store && exprogress_get(c->store, ex->id, &s, &err) != ST_OK)
			S_print_error(&err);
		passed += s.state == EXPROGRESS_PASSED;
		printf("  %-*s  %-*s  %-6s  %-9s  %s\n", w_id, ex->id, w_section, ex->section,
		       exprogress_state_name(s.state), exercise_kind_name(ex->kind), ex->title);
	}
	printf("\n%zu exercise%s, %zu passed. studyterm exercise check ID runs one.\n", n,
	       n == 1 ? "" : "s", passed);
	exercise_free_all(list, n);
	course_free(course);
	return 0;
}

/* ---- check and watch ---- */

static void S_print_line(void *ctx, enum checks_line kind, const char *text)
{
	(void)ctx;
	(void)kind;
	printf("%s\n", text);
}

/* Ctrl-C while the learner's Python runs. */
static volatile sig_atomic_t S_interrupted;

static void S_on_interrupt(int sig)
{
	(void)sig;
	S_interrupted = 1;
}

/* Runs the learner's work as a job; Ctrl-C stops the learner's Python
 * (not studyterm). */
static enum status S_run_job(const struct exercise *ex, const char *workspace,
                             const struct checks_env *env, struct run_outcome *o, struct error *err)
{
	struct checks_job *job = NULL;
	enum status st = checks_start(ex, workspace, env, &job, err);
	if (st != ST_OK)
		return st;
	struct sigaction sa = {0}, old;
	sa.sa_handler = S_on_interrupt;
	sigemptyset(&sa.sa_mask);
	S_interrupted = 0;
	if (ex->needs_python) {
		sigaction(SIGINT, &sa, &old);
		printf("Running your code (at most %d s; Ctrl-C stops it)...\n\n",
		       CHECKS_PYTHON_MS / 1000);
		fflush(stdout);
	}
	while (!checks_poll(job, 100))
		if (S_interrupted)
			checks_stop(job);
	if (ex->needs_python)
		sigaction(SIGINT, &old, NULL);
	return checks_finish(job, o, err);
}

/* The Python for ex (found once per command); false, with the reason
 * printed, when there is none. */
static bool S_python(struct S_ctx *c, const struct exercise *ex)
{
	if (!ex->needs_python || c->python)
		return true;
	struct buf why = {0};
	struct error err = {0};
	if (pyfind(c->home, !ex->stdlib_only, &c->python, &why, &err) != ST_OK) {
		fflush(stdout); /* after the header, even through a pipe */
		fprintf(stderr, "studyterm: exercise: %s\n", buf_cstr(&why));
		buf_free(&why);
		return false;
	}
	buf_free(&why);
	return true;
}

/* Runs ex's checks on workspace once, prints and records the outcome.
 * Returns 0 when every check passed (and the work ran without error), 1
 * otherwise, -1 when the run could not happen (no Python, no dataset...:
 * the reason is printed). */
static int S_run(struct S_ctx *c, const struct exercise *ex, const char *workspace)
{
	struct run_outcome o;
	struct error err = {0};
	if (!S_python(c, ex))
		return -1;
	struct checks_env env = {
	    .dataset_dir = c->datasets, .harness = c->harness, .python = c->python};
	if (S_run_job(ex, workspace, &env, &o, &err) != ST_OK) {
		fflush(stdout);
		S_print_error(&err);
		if (err.status == ST_NOT_FOUND && ex->dataset)
			fprintf(stderr, "studyterm: exercise: the datasets are in %s\n",
			        c->datasets);
		return -1;
	}
	checks_outcome_lines(ex, &o, S_print_line, NULL);
	bool passed = checks_outcome_passed(&o);
	struct buf summary = {0};
	checks_outcome_summary(&o, &summary);
	printf("\n%s\n", buf_cstr(&summary));
	buf_free(&summary);
	if (S_store(c, "the run is not recorded") &&
	    exprogress_record_run(c->store, ex->id, passed, &err) != ST_OK)
		S_print_error(&err);
	checks_run_free(&o);
	return passed ? 0 : 1;
}

static void S_print_header(const struct exercise *ex, const char *workspace)
{
	printf("%s · %s · section %s\nYour files: %s\n\n", ex->id, ex->title, ex->section,
	       workspace);
}

static int S_check(struct S_ctx *c, const struct exercise *ex)
{
	char *workspace;
	if (S_workspace(c, ex, &workspace))
		return 1;
	S_print_header(ex, workspace);
	int rc = S_run(c, ex, workspace);
	if (rc > 0)
		printf("Edit your files and run studyterm exercise check %s again;\n"
		       "studyterm exercise hint %s gives a hint.\n",
		       ex->id, ex->id);
	free(workspace);
	return fflush(stdout) == 0 && rc == 0 ? 0 : 1;
}

/* Ctrl-C wakes the watch loop through a pipe: a flag alone could be set
 * just before poll() starts waiting and be seen only at the next change. */
static int S_wake[2] = {-1, -1};

static void S_on_sigint(int sig)
{
	(void)sig;
	int saved = errno;
	ssize_t ignored = write(S_wake[1], "", 1);
	(void)ignored;
	errno = saved;
}

/* Whether pipe ends could be made non-blocking and close-on-exec. */
static bool S_make_wake_pipe(void)
{
	if (pipe(S_wake) != 0)
		return false;
	for (int i = 0; i < 2; i++) {
		fcntl(S_wake[i], F_SETFL, fcntl(S_wake[i], F_GETFL) | O_NONBLOCK);
		fcntl(S_wake[i], F_SETFD, FD_CLOEXEC);
	}
	return true;
}

static int S_watch(struct S_ctx *c, const struct exercise *ex)
{
	char *workspace;
	if (S_workspace(c, ex, &workspace))
		return 1;
	struct watch *w;
	struct error err = {0};
	if (watch_open(workspace, &w, &err) != ST_OK) {
		S_print_error(&err);
		free(workspace);
		return 1;
	}
	if (!S_make_wake_pipe()) {
		fprintf(stderr, "studyterm: exercise: cannot watch: %s\n", strerror(errno));
		watch_close(w);
		free(workspace);
		return 1;
	}
	/* No SA_RESTART: poll() returns at once. SA_RESETHAND: a second
	 * Ctrl-C during a long run stops studyterm there and then. */
	struct sigaction sa = {0}, old;
	sa.sa_handler = S_on_sigint;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);

	/* In a terminal, input is the learner's typing; elsewhere (a test, a
	 * script) the end of input says to stop. */
	bool watch_stdin = !isatty(0);
	S_print_header(ex, workspace);
	S_run(c, ex, workspace);
	int runs = 1;
	for (;;) {
		printf("\nWaiting for changes in %s (Ctrl-C stops)...\n", workspace);
		fflush(stdout);
		struct pollfd fds[3] = {{.fd = S_wake[0], .events = POLLIN},
		                        {.fd = watch_fd(w), .events = POLLIN},
		                        {.fd = 0, .events = POLLIN}};
		bool changed = false, stop = false;
		while (!changed && !stop) {
			if (poll(fds, watch_stdin ? 3 : 2, -1) < 0) {
				if (errno == EINTR)
					continue; /* the pipe says whether it was Ctrl-C */
				fprintf(stderr, "studyterm: exercise: %s\n", strerror(errno));
				stop = true;
				break;
			}
			if (fds[0].revents)
				stop = true;
			if (watch_stdin && fds[2].revents) {
				char junk[512];
				ssize_t n = read(0, junk, sizeof junk);
				if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
					stop = true;
			}
			if (!stop && fds[1].revents && watch_changed(w))
				changed = true;
		}
		if (stop)
			break;
		watch_settle(w);
		char when[16] = "";
		time_t now = (time_t)clock_now();
		struct tm tm;
		if (localtime_r(&now, &tm))
			strftime(when, sizeof when, "%H:%M:%S", &tm);
		printf("\n──── %s · run %d ────────────────────────────────\n", when, ++runs);
		S_run(c, ex, workspace);
	}
	sigaction(SIGINT, &old, NULL);
	close(S_wake[0]);
	close(S_wake[1]);
	S_wake[0] = S_wake[1] = -1;
	printf("Stopped watching %s.\n", ex->id);
	watch_close(w);
	free(workspace);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* ---- path, hint, solution, reset ---- */

static int S_path(struct S_ctx *c, const struct exercise *ex)
{
	char *workspace;
	if (S_workspace(c, ex, &workspace))
		return 1;
	printf("%s\n", workspace);
	free(workspace);
	return fflush(stdout) == 0 ? 0 : 1;
}

static void S_print_hint(const struct exercise *ex, size_t i)
{
	printf("Hint %zu of %zu:\n", i + 1, ex->n_hints);
	cli_plain_md(ex->hints[i], 2);
}

static int S_hint(struct S_ctx *c, const struct exercise *ex)
{
	if (!S_store(c, "hints are counted in your progress and cannot be"))
		return 1;
	struct exprogress_status s;
	struct error err = {0};
	if (exprogress_get(c->store, ex->id, &s, &err) != ST_OK) {
		S_print_error(&err);
		return 1;
	}
	size_t shown = s.hints > 0 ? (size_t)s.hints : 0;
	if (shown >= ex->n_hints) {
		printf("Every hint has been shown; here they are again.\n\n");
		for (size_t i = 0; i < ex->n_hints; i++) {
			S_print_hint(ex, i);
			printf("\n");
		}
		printf("Stuck? After a check run, studyterm exercise solution %s shows the "
		       "solution.\n",
		       ex->id);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	S_print_hint(ex, shown);
	if (exprogress_record_hints(c->store, ex->id, (int)shown + 1, &err) != ST_OK) {
		S_print_error(&err);
		return 1;
	}
	size_t left = ex->n_hints - shown - 1;
	if (left)
		printf("\n%zu more hint%s: run studyterm exercise hint %s again.\n", left,
		       left == 1 ? "" : "s", ex->id);
	else
		printf("\nThat was the last hint.\n");
	return fflush(stdout) == 0 ? 0 : 1;
}

static int S_solution(struct S_ctx *c, const struct exercise *ex, bool yes)
{
	if (!S_store(c, "the solution opens after a check run, which cannot be looked up"))
		return 1;
	struct exprogress_status s;
	struct error err = {0};
	if (exprogress_get(c->store, ex->id, &s, &err) != ST_OK) {
		S_print_error(&err);
		return 1;
	}
	/* Having tried is the point: a learner who already passed has tried
	 * too, and may compare. */
	if (s.runs == 0) {
		fprintf(stderr,
		        "studyterm: exercise: try it first: edit your files (studyterm exercise "
		        "path %s) and run studyterm exercise check %s; the solution opens after "
		        "that.\n",
		        ex->id, ex->id);
		return 1;
	}
	char question[256];
	snprintf(question, sizeof question, "Show the solution of %s?", ex->id);
	int ok = S_confirm(yes, question, "solution");
	if (ok <= 0) {
		if (ok == 0)
			printf("Not shown.\n");
		return ok < 0 ? 2 : 0;
	}
	struct buf text = {0};
	int rc = 0;
	if (exercise_solution_text(ex, &text, &err) != ST_OK) {
		S_print_error(&err);
		rc = 1;
	}
	fputs(buf_cstr(&text), stdout);
	buf_free(&text);
	return fflush(stdout) == 0 ? rc : 1;
}

static int S_reset(struct S_ctx *c, const struct exercise *ex, bool yes)
{
	if (!c->home) {
		fprintf(stderr, "studyterm: exercise: a workspace needs a data folder: set HOME or "
		                "STUDYTERM_HOME\n");
		return 1;
	}
	char *path = workspace_path(c->home, ex->id);
	char question[1024];
	snprintf(question, sizeof question,
	         "Reset %s? Your files in %s will be replaced by the starter.", ex->id, path);
	int ok = S_confirm(yes, question, "reset");
	int rc = ok < 0 ? 2 : 0;
	struct error err = {0};
	if (ok == 0) {
		printf("Not reset: your files are as they were.\n");
	} else if (ok > 0 && workspace_reset(c->home, ex, &err) != ST_OK) {
		S_print_error(&err);
		rc = 1;
	} else if (ok > 0) {
		printf("Reset %s: %s holds the starter files again.\n", ex->id, path);
	}
	free(path);
	return fflush(stdout) == 0 ? rc : 1;
}

/* ---- the command ---- */

int cli_exercise(const struct cli_env *env, int argc, char **argv)
{
	const char *sub = NULL, *id = NULL;
	bool yes = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(S_usage_text, stdout);
			return 0;
		} else if (strcmp(argv[i], "--yes") == 0 || strcmp(argv[i], "-y") == 0) {
			yes = true;
		} else if (argv[i][0] == '-') {
			return S_usage("unknown option '%s'", argv[i]);
		} else if (!sub) {
			sub = argv[i];
		} else if (!id) {
			id = argv[i];
		} else {
			return S_usage("one exercise at a time, got '%s' and '%s'", id, argv[i]);
		}
	}
	static const char *const with_id[] = {"check", "watch",    "path",
	                                      "hint",  "solution", "reset"};
	bool needs_id = false;
	for (size_t i = 0; sub && i < sizeof with_id / sizeof *with_id; i++)
		needs_id |= strcmp(sub, with_id[i]) == 0;
	if (sub && !needs_id && strcmp(sub, "list") != 0)
		return S_usage("unknown command '%s'", sub);
	if (needs_id && !id)
		return S_usage("%s needs an exercise ID (studyterm exercise list shows them)", sub);
	if (!needs_id && id)
		return S_usage("list takes no ID, got '%s'", id);
	if (yes && (!sub || (strcmp(sub, "reset") != 0 && strcmp(sub, "solution") != 0)))
		return S_usage("%s", "--yes goes with reset and solution");

	struct S_ctx c;
	S_ctx_init(&c, env);
	int rc;
	if (!needs_id) {
		rc = S_list(&c);
		S_ctx_free(&c);
		return fflush(stdout) == 0 ? rc : 1;
	}
	struct exercise ex;
	rc = S_load(&c, id, &ex);
	if (rc) {
		S_ctx_free(&c);
		return rc;
	}
	if (strcmp(sub, "check") == 0)
		rc = S_check(&c, &ex);
	else if (strcmp(sub, "watch") == 0)
		rc = S_watch(&c, &ex);
	else if (strcmp(sub, "path") == 0)
		rc = S_path(&c, &ex);
	else if (strcmp(sub, "hint") == 0)
		rc = S_hint(&c, &ex);
	else if (strcmp(sub, "solution") == 0)
		rc = S_solution(&c, &ex, yes);
	else
		rc = S_reset(&c, &ex, yes);
	exercise_free(&ex);
	S_ctx_free(&c);
	return rc;
}
