/* stats_cmd: `studyterm stats [--json] [--width N] [--color|--no-color]`.
 *
 * The learner's figures (quiz/stats) printed as charts (md/chart) under a
 * heading each, or with --json as one JSON object for scripts (its keys
 * are documented in studyterm(1)). Exit status: 0 done, 1 the progress
 * database cannot be opened or read, 2 a bad command line. */
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
#include "core/xalloc.h"
#include "course/course.h"
#include "md/chart.h"
#include "md/layout.h"
#include "quiz/stats.h"
#include "quiz/stats_chart.h"

#define S_MAX_DEFAULT_WIDTH 120 /* wider bars only spread the same figures thinner */

static const char S_stats_usage[] =
    "usage: studyterm stats [--json] [--width N] [--color|--no-color]\n"
    "  Mastery by chapter, mock exam scores, activity over the last 12 weeks,\n"
    "  reviews due in the next 14 days and reading progress.\n"
    "  --json       one JSON object with every figure (see studyterm(1))\n"
    "  --width N    chart width (default: the terminal's, at most 120, or 80)\n"
    "  --color      ANSI colours (default when stdout is a terminal and NO_COLOR is unset)\n"
    "  --no-color   plain text\n";

__attribute__((format(printf, 1, 2))) static int S_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "studyterm: stats: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'studyterm stats --help'.\n");
	return 2;
}

static int S_default_width(void)
{
	struct winsize ws;
	int w = 80;
	if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		w = ws.ws_col;
	} else {
		const char *cols = getenv("COLUMNS");
		char *end;
		long v = cols ? strtol(cols, &end, 10) : 0;
		if (cols && *cols && !*end && v >= MD_LAYOUT_MIN_WIDTH && v <= 1000)
			w = (int)v;
	}
	return w > S_MAX_DEFAULT_WIDTH ? S_MAX_DEFAULT_WIDTH : w;
}

static void S_date(const struct stats_day *d, char out[16])
{
	snprintf(out, 16, "%04d-%02d-%02d", d->year, d->month, d->mday);
}

static void S_date_of(int64_t t, char out[16])
{
	struct stats_day d = stats_local_day(t);
	S_date(&d, out);
}

/* ------------------------------------------------------------------ JSON */

static void S_json_string(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"': buf_puts(out, "\\\""); break;
		case '\\': buf_puts(out, "\\\\"); break;
		case '\n': buf_puts(out, "\\n"); break;
		case '\r': buf_puts(out, "\\r"); break;
		case '\t': buf_puts(out, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_printf(out, "\\u%04x", *p);
			else
				buf_putc(out, (char)*p); /* UTF-8 passes through: JSON is UTF-8 */
		}
	}
	buf_putc(out, '"');
}

static void S_json_day(struct buf *out, const struct stats_day *d, const char *count_key)
{
	char date[16];
	S_date(d, date);
	buf_printf(out, "{\"date\": \"%s\", \"start\": %lld, \"%s\": %zu}", date,
	           (long long)d->start, count_key, d->count);
}

static void S_json(const struct stats *s, struct buf *out)
{
	char date[16];
	S_date_of(s->now, date);
	buf_printf(out, "{\n  \"now\": %lld,\n  \"today\": \"%s\",\n", (long long)s->now, date);

	buf_printf(out,
	           "  \"mastery\": {\n    \"answered\": %zu,\n    \"total\": %zu,\n"
	           "    \"mastery\": %.4f,\n    \"chapters\": [",
	           s->answered, s->total, s->mastery);
	for (size_t i = 0; i < s->n_chapters; i++) {
		const struct stats_chapter *c = &s->chapters[i];
		buf_printf(out, "%s\n      {\"chapter\": %d, \"title\": ", i ? "," : "",
		           c->chapter);
		S_json_string(out, c->title);
		buf_printf(out, ", \"questions\": %zu, \"answered\": %zu, \"mastery\": %.4f}",
		           c->questions, c->answered, c->mastery);
	}
	buf_puts(out, s->n_chapters ? "\n    ]\n  },\n" : "]\n  },\n");

	buf_puts(out, "  \"exams\": [");
	for (size_t i = 0; i < s->n_exams; i++) {
		const struct stats_exam *e = &s->exams[i];
		S_date_of(e->finished_at, date);
		buf_printf(out, "%s\n    {\"finished_at\": %lld, \"date\": \"%s\", \"profile\": ",
		           i ? "," : "", (long long)e->finished_at, date);
		S_json_string(out, e->profile);
		buf_puts(out, ", \"title\": ");
		S_json_string(out, e->title);
		buf_printf(
		    out, ", \"percent\": %.1f, \"pass\": %.1f, \"passed\": %s, \"timed_out\": %s}",
		    e->percent, e->pass, e->passed ? "true" : "false",
		    e->timed_out ? "true" : "false");
	}
	buf_puts(out, s->n_exams ? "\n  ],\n" : "],\n");

	buf_printf(out,
	           "  \"activity\": {\n    \"total\": %zu,\n    \"active_days\": %zu,\n"
	           "    \"streak\": %d,\n    \"days\": [",
	           s->heat_total, s->active_days, s->streak);
	for (size_t i = 0; i < STATS_HEAT_DAYS; i++) {
		buf_puts(out, i ? ",\n      " : "\n      ");
		S_json_day(out, &s->heat[i], "answers");
	}
	buf_puts(out, "\n    ]\n  },\n");

	buf_printf(out, "  \"due\": {\n    \"total\": %zu,\n    \"days\": [", s->due_total);
	for (size_t i = 0; i < STATS_DUE_DAYS; i++) {
		buf_puts(out, i ? ",\n      " : "\n      ");
		S_json_day(out, &s->due[i], "due");
	}
	buf_puts(out, "\n    ]\n  },\n");

	buf_puts(out, "  \"reading\": [");
	for (size_t i = 0; i < s->n_reading; i++) {
		const struct stats_reading *r = &s->reading[i];
		buf_puts(out, i ? ",\n    {\"number\": " : "\n    {\"number\": ");
		S_json_string(out, r->number);
		buf_puts(out, ", \"key\": ");
		S_json_string(out, r->key);
		buf_puts(out, ", \"title\": ");
		S_json_string(out, r->title);
		buf_printf(out, ", \"percent\": %d, \"opened\": %s}", r->percent,
		           r->opened ? "true" : "false");
	}
	buf_puts(out, s->n_reading ? "\n  ]\n}\n" : "]\n}\n");
}

/* ------------------------------------------------------------------ main */

int cli_stats(const struct cli_env *env, int argc, char **argv)
{
	bool json = false;
	int width = 0, color = -1;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(S_stats_usage, stdout);
			return 0;
		} else if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--width") == 0 && i + 1 < argc) {
			char *end;
			long v = strtol(argv[++i], &end, 10);
			if (!*argv[i] || *end || v < MD_LAYOUT_MIN_WIDTH || v > 1000)
				return S_usage(
				    "--width wants a number of columns, 8 to 1000, not '%s'",
				    argv[i]);
			width = (int)v;
		} else if (strcmp(a, "--color") == 0) {
			color = 1;
		} else if (strcmp(a, "--no-color") == 0) {
			color = 0;
		} else {
			return S_usage("unknown argument '%s'", a);
		}
	}
	if (!width)
		width = S_default_width();
	if (color < 0) {
		const char *nc = getenv("NO_COLOR");
		color = isatty(1) && !(nc && *nc);
	}

	struct error err = {0};
	char *home = paths_data_dir();
	if (!home) {
		fprintf(stderr,
		        "studyterm: stats: no progress to read: set HOME or STUDYTERM_HOME\n");
		return 1;
	}
	struct progress *store;
	enum status st = progress_open(home, &store, &err);
	free(home);
	if (st != ST_OK) {
		fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
		return 1;
	}
	struct catalog cat;
	char *notes;
	cli_open_catalog(env, &cat, &notes);
	fputs(notes, stderr);
	free(notes);
	/* Without a course the figures stand; only reading progress and the
	 * chapters' titles are missing, and the output says so. */
	char *content = cli_content_dir(env);
	struct course *course = NULL;
	if (course_load(content, &course, &err) != ST_OK) {
		fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
		course = NULL;
	}
	free(content);

	struct stats s;
	st = stats_compute(&cat, store, course, clock_now(), &s, &err);
	int rc = 0;
	if (st != ST_OK) {
		fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
		rc = 1;
	} else if (json) {
		struct buf out = {0};
		S_json(&s, &out);
		fputs(buf_cstr(&out), stdout);
		buf_free(&out);
	} else {
		struct md_chart c = {0};
		stats_chart_build(&s, width, &c);
		/* render_layout reads only the lines: the charts print like a
		 * laid-out document, colours and all. */
		struct md_layout lay = {.width = width, .lines = c.lines, .nlines = c.n};
		render_layout(&lay, color, stdout);
		md_chart_free(&c);
	}
	stats_free(&s);
	course_free(course);
	catalog_free(&cat);
	progress_close(store);
	if (fflush(stdout) != 0)
		rc = 1;
	return rc;
}
