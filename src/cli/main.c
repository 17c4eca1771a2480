/* main: the studyterm command line.
 *
 *   studyterm [OPTIONS]                 the home screen
 *   studyterm [OPTIONS] read [SECTION]  the reader (e.g. read 5.6)
 *   studyterm [OPTIONS] practice [--chapter N|--section S|--due|--weak]
 *             [--count N] [--seed N] [--plain]
 *   studyterm [OPTIONS] bank check|build|import|export|list ...
 *   studyterm render FILE [--width N] [--color|--no-color]
 *   studyterm keys [--man]              the key bindings
 *
 * Errors go to stderr as "studyterm: WHERE: MESSAGE" with a non-zero exit:
 * 2 for a bad command line, 1 for everything else. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/render.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/paths.h"
#include "course/course.h"
#include "quiz/profiles.h"
#include "md/doc.h"
#include "md/layout.h"
#include "store/progress.h"
#include "tui/app.h"
#include "tui/display.h"
#include "tui/input.h"
#include "tui/keymap.h"

#ifndef STUDYTERM_VERSION
#define STUDYTERM_VERSION "0.1.0"
#endif

static const char S_usage[] =
    "usage: studyterm [OPTIONS] [COMMAND]\n"
    "\n"
    "Commands:\n"
    "  (none)               open the home screen\n"
    "  read [SECTION]       open the reader, at SECTION (e.g. 5.6) or where you left off\n"
    "  practice             practise questions: due reviews first, then new ones\n"
    "      --chapter N | --section S | --due | --weak\n"
    "                       only this chapter, this section, what is due, or what you missed\n"
    "      --count N        questions in the session (default 20)\n"
    "      --seed N         fix the random draw (for scripts)\n"
    "      --retention R    the recall probability reviews aim for (default 0.9)\n"
    "      --no-fuzz        exact review intervals (no random spread)\n"
    "      --plain          plain text on stdout, answers from stdin (no full screen)\n"
    "  exam [PROFILE]       a timed mock exam (the list of exams without PROFILE)\n"
    "      --plain          as plain text on stdout, answers from stdin\n"
    "      --seed N         fix the draw; --abandon gives up the open attempt\n"
    "  exam --list          the exam profiles; --check FILE... checks profile files\n"
    "  history [--csv]      your exam attempts\n"
    "  stats [--json]       your progress as charts (or JSON): mastery, exam scores,\n"
    "                       activity, reviews due, reading; --width N, --no-color\n"
    "  sql [DATASET]        the SQL console on a dataset (default ponies); reads a\n"
    "                       script from standard input when it is not a terminal\n"
    "  exercise [list]      the hands-on exercises by chapter, with your status\n"
    "  exercise check ID    run your work in the exercise's workspace and its checks\n"
    "  exercise watch ID    check again whenever a file changes (Ctrl-C stops)\n"
    "  exercise path|hint|solution|reset ID\n"
    "                       your files' folder, the next hint, the solution (after a\n"
    "                       check run), start again; 'studyterm exercise --help'\n"
    "  bank COMMAND         check, build, import, export or list question banks\n"
    "                       ('studyterm bank --help'; format: studyterm-bank(5))\n"
    "  render FILE          lay out a Markdown file and print it\n"
    "      --width N        line width (default: the terminal's, or 80)\n"
    "      --color          ANSI colours (default when stdout is a terminal and NO_COLOR is "
    "unset)\n"
    "      --no-color       plain text\n"
    "  keys [--man]         list the key bindings (as man page markup with --man)\n"
    "\n"
    "Options:\n"
    "  --content DIR        the course directory (default: $STUDYTERM_CONTENT, or the installed "
    "course)\n"
    "  --data DIR           bank.sqlite and sandbox/ datasets (default: $STUDYTERM_DATA, or the\n"
    "                       installed data)\n"
    "  --bank FILE          also load this question bank (.md, .gift or .txt); repeatable\n"
    "  --headless SCRIPT    run without a terminal, keys from SCRIPT, screens to stdout\n"
    "  --size COLSxROWS     the headless screen size (default 80x24)\n"
    "  --version            print the version\n"
    "  -h, --help           print this help\n"
    "\n"
    "User data lives in $STUDYTERM_HOME, else $XDG_DATA_HOME/studyterm, else "
    "~/.local/share/studyterm;\n"
    "instructor banks in its banks/ folder are loaded too.\n";

__attribute__((format(printf, 1, 2))) static int S_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "studyterm: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'studyterm --help'.\n");
	return 2;
}

static int S_parse_int(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || v > 100000)
		return -1;
	*out = (int)v;
	return 0;
}

static int S_terminal_width(void)
{
	struct winsize ws;
	if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	int w;
	if (cols && S_parse_int(cols, &w) == 0 && w > 0)
		return w;
	return 80;
}

static int S_cmd_render(int argc, char **argv)
{
	const char *file = NULL;
	int width = 0, color = -1;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--width") == 0 && i + 1 < argc) {
			if (S_parse_int(argv[++i], &width) != 0 || width < MD_LAYOUT_MIN_WIDTH)
				return S_usage_error(
				    "--width wants a number of columns, at least 8, not '%s'",
				    argv[i]);
		} else if (strcmp(argv[i], "--color") == 0) {
			color = 1;
		} else if (strcmp(argv[i], "--no-color") == 0) {
			color = 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return S_usage_error("render: unknown option '%s'", argv[i]);
		} else if (!file) {
			file = argv[i];
		} else {
			return S_usage_error("render takes one file, got another: '%s'", argv[i]);
		}
	}
	if (!file)
		return S_usage_error("%s", "render needs a FILE");
	if (!width)
		width = S_terminal_width();
	if (color < 0) {
		const char *nc = getenv("NO_COLOR");
		color = isatty(1) && !(nc && *nc);
	}
	struct error err = {0};
	struct md_doc *doc;
	if (strcmp(file, "-") == 0) {
		char *text;
		size_t len;
		doc = paths_read_stream(stdin, "(standard input)", &text, &len, &err) == ST_OK
		          ? md_doc_parse(text, len)
		          : NULL;
		if (doc)
			free(text);
	} else {
		doc = md_doc_load(file, &err);
	}
	if (!doc) {
		fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
		return 1;
	}
	struct md_layout *layout = md_layout_build(doc, width);
	render_layout(layout, color, stdout);
	md_layout_free(layout);
	md_doc_free(doc);
	return fflush(stdout) == 0 ? 0 : 1;
}

struct options {
	struct cli_env env;
	struct cli_practice_opts practice;
	const char *headless;
	int cols, rows;
	const char *command;
	const char *section;
	const char *exam;    /* `exam PROFILE` on the exam screen */
	const char *console; /* `sql [DATASET]` in a terminal: the console screen */
	uint64_t exam_seed;  /* its --seed */
};

static int S_run_app(const struct options *o, uint64_t started_ns)
{
	struct error err = {0};
	char *content = cli_content_dir(&o->env);
	struct course *course;
	if (course_load(content, &course, &err) != ST_OK) {
		fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
		if (!o->env.content)
			fprintf(stderr, "studyterm: point --content (or STUDYTERM_CONTENT) at a "
			                "course directory\n");
		free(content);
		return 1;
	}
	char *exercises = paths_join(content, "exercises");
	free(content);
	size_t chapter = 0;
	long section = -1;
	if (o->section && course_find(course, o->section, &chapter, &section) != 0) {
		fprintf(stderr,
		        "studyterm: no section %s in the course (sections look like 5 or 5.6)\n",
		        o->section);
		course_free(course);
		free(exercises);
		return 1;
	}
	if (o->headless && input_load_script(o->headless, &err) != ST_OK) {
		fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
		course_free(course);
		free(exercises);
		return 1;
	}

	struct app app = {0};
	app.course = course;
	app.started_ns = started_ns;
	struct catalog catalog;
	char *notes;
	cli_open_catalog(&o->env, &catalog, &notes);
	app.catalog = &catalog;
	struct profiles profiles;
	cli_load_profiles(&o->env, &profiles);
	app.profiles = &profiles;
	if (profiles.n_reports) {
		/* Broken profiles are reported like broken banks. */
		struct buf all = {0};
		buf_puts(&all, notes);
		for (size_t k = 0; k < profiles.n_reports; k++)
			bank_report_format(&profiles.reports[k], &all);
		free(notes);
		notes = buf_detach(&all);
	}
	char *data = cli_data_dir(&o->env);
	char *datasets = paths_join(data, "sandbox");
	char *harness = paths_join(data, "harness/studyterm_harness.py");
	free(data);
	app.dataset_dir = datasets;
	app.harness = harness;
	app.exercises_dir = exercises;
	struct buf exit_notes = {0};
	buf_puts(&exit_notes, notes);
	app.exit_notes = &exit_notes;
	app.seed = o->practice.seed;
	app.retention = o->practice.retention;
	app.no_fuzz = o->practice.no_fuzz;
	if (*notes) {
		/* The first problem on the message line; all of them on stderr at exit. */
		size_t n = strcspn(notes, "\n");
		app_message(&app, 1, "%.*s", (int)n, notes);
	}
	char *data_dir = paths_data_dir();
	if (data_dir && progress_open(data_dir, &app.progress, &err) != ST_OK) {
		app.progress = NULL;
		app_message(&app, 1, "Progress will not be saved: %s: %s", err.where, err.message);
	} else if (!data_dir) {
		app_message(&app, 1, "Progress will not be saved: set HOME or STUDYTERM_HOME.");
	}
	free(data_dir);

	if (display_open(o->headless != NULL, o->cols, o->rows, &err) != ST_OK) {
		fprintf(stderr, "studyterm: %s\n", err.message);
		progress_close(app.progress);
		course_free(course);
		input_free();
		free(exercises);
		buf_free(&exit_notes);
		return 1;
	}
	app_push(&app, view_home_new(&app));
	if (o->command && strcmp(o->command, "read") == 0) {
		if (section >= 0 || o->section) {
			app_push(&app, view_reader_new(&app, chapter, section));
		} else {
			char *key = NULL;
			long last = -1;
			if (app.progress &&
			    progress_last_chapter(app.progress, &key, NULL) == ST_OK) {
				last = course_chapter_by_key(course, key);
				free(key);
			}
			app_push(&app, view_reader_new(&app, last >= 0 ? (size_t)last : 0, -1));
		}
	}
	if (o->command && strcmp(o->command, "practice") == 0) {
		struct practice_filter f = {.chapter = o->practice.chapter,
		                            .section = o->practice.section,
		                            .due_only = o->practice.due,
		                            .weak_only = o->practice.weak};
		app_push(&app, view_practice_new(&app, &f, o->practice.count));
	}
	if (o->console)
		app_push(&app, view_console_new(&app, o->console));
	if (o->exam) {
		if (o->exam_seed)
			app.seed = o->exam_seed;
		app_push(&app, view_exams_new_at(&app, o->exam));
	}
	app_run(&app);
	display_close();
	input_free();
	progress_close(app.progress);
	course_free(course);
	catalog_free(&catalog);
	profiles_free(&profiles);
	free(datasets);
	free(harness);
	free(exercises);
	free(notes);
	/* The problems found at start and those the screens found since. */
	fputs(buf_cstr(&exit_notes), stderr);
	buf_free(&exit_notes);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t started_ns = clock_monotonic_ns();
	if (clock_init() != 0) {
		fprintf(stderr, "studyterm: STUDYTERM_CLOCK must be seconds since the epoch, and "
		                "STUDYTERM_CLOCK_SPEED a number of seconds per second\n");
		return 2;
	}
	struct options o = {0};
	o.cols = 80;
	o.rows = 24;
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(S_usage, stdout);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			printf("studyterm %s\n", STUDYTERM_VERSION);
			return 0;
		} else if (strcmp(a, "--content") == 0 && i + 1 < argc) {
			o.env.content = argv[++i];
		} else if (strcmp(a, "--data") == 0 && i + 1 < argc) {
			o.env.data = argv[++i];
		} else if (strcmp(a, "--bank") == 0 && i + 1 < argc) {
			if (o.env.n_banks == CLI_MAX_BANKS)
				return S_usage_error("at most %d --bank files", CLI_MAX_BANKS);
			o.env.banks[o.env.n_banks++] = argv[++i];
		} else if (strcmp(a, "--headless") == 0 && i + 1 < argc) {
			o.headless = argv[++i];
		} else if (strcmp(a, "--size") == 0 && i + 1 < argc) {
			char tail;
			if (sscanf(argv[++i], "%dx%d%c", &o.cols, &o.rows, &tail) != 2 ||
			    o.cols < 1 || o.rows < 1 || o.cols > 1000 || o.rows > 1000)
				return S_usage_error("--size wants COLSxROWS, e.g. 80x24, not '%s'",
				                     argv[i]);
		} else if (a[0] == '-') {
			return S_usage_error("unknown option '%s'", a);
		} else {
			break;
		}
	}
	if (i < argc) {
		o.command = argv[i++];
		if (strcmp(o.command, "render") == 0)
			return S_cmd_render(argc - i, argv + i);
		if (strcmp(o.command, "keys") == 0) {
			if (i < argc && strcmp(argv[i], "--man") == 0)
				keymap_write_man(stdout);
			else
				for (int c = 0; c < KEYCTX_COUNT; c++) {
					printf("%s\n", keymap_context_name((enum keyctx)c));
					keymap_write_plain(stdout, (enum keyctx)c);
				}
			return 0;
		}
		if (strcmp(o.command, "bank") == 0)
			return cli_bank(&o.env, argc - i, argv + i);
		if (strcmp(o.command, "stats") == 0)
			return cli_stats(&o.env, argc - i, argv + i);
		if (strcmp(o.command, "exercise") == 0)
			return cli_exercise(&o.env, argc - i, argv + i);
		if (strcmp(o.command, "sql") == 0) {
			/* In a terminal, the console screen (line editing, history,
			 * scrolling); on a pipe, the script mode. */
			if (isatty(0) && isatty(1) && argc - i <= 1 &&
			    (i >= argc || argv[i][0] != '-')) {
				o.console = i < argc ? argv[i] : "ponies";
				return S_run_app(&o, started_ns);
			}
			return cli_sql(&o.env, argc - i, argv + i);
		}
		if (strcmp(o.command, "exam") == 0) {
			/* A profile without --plain (or the other options of the
			 * command line) opens the exam screen. */
			bool screen = i >= argc || argv[i][0] != '-';
			for (int k = i + 1; k < argc && screen; k++) {
				if (strcmp(argv[k], "--seed") == 0 && k + 1 < argc) {
					o.exam_seed = strtoull(argv[++k], NULL, 10);
					continue;
				}
				screen = false;
			}
			if (!screen)
				return cli_exam(&o.env, argc - i, argv + i);
			o.exam = i < argc ? argv[i] : "";
			return S_run_app(&o, started_ns);
		}
		if (strcmp(o.command, "history") == 0)
			return cli_history(&o.env, argc - i, argv + i);
		if (strcmp(o.command, "practice") == 0) {
			int rc = cli_practice_parse(argc - i, argv + i, &o.practice);
			if (rc)
				return rc;
			if (o.practice.plain)
				return cli_practice_plain(&o.env, argc - i, argv + i);
			return S_run_app(&o, started_ns);
		}
		if (strcmp(o.command, "read") != 0)
			return S_usage_error("unknown command '%s'", o.command);
		if (i < argc)
			o.section = argv[i++];
		if (i < argc)
			return S_usage_error("read takes one SECTION, got another: '%s'", argv[i]);
	}
	return S_run_app(&o, started_ns);
}
