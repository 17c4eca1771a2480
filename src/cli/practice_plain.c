/* practice_plain: `studyterm practice --plain`, a practice session as plain
 * text: questions on stdout, answers read from stdin lines, no curses. For
 * screen readers and scripts; the same selection, grading, scheduling and
 * saving as the practice screen.
 *
 * A reply is a line (see quiz/shown.h for the forms); after the feedback a
 * second line rates recall (1-4 or again/hard/good/easy; empty takes the
 * suggested rating). End of input, or "q" where options are asked, ends the
 * session with its summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/plain.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "quiz/grade.h"
#include "quiz/practice.h"
#include "quiz/shown.h"
#include "quiz/summary.h"

static void S_describe_interval(int64_t seconds, struct buf *out)
{
	if (seconds < 3600)
		buf_printf(out, "%lld minute%s", (long long)(seconds + 59) / 60,
		           (seconds + 59) / 60 == 1 ? "" : "s");
	else if (seconds < 86400)
		buf_printf(out, "%lld hour%s", (long long)(seconds + 1800) / 3600,
		           (seconds + 1800) / 3600 == 1 ? "" : "s");
	else
		buf_printf(out, "%lld day%s", (long long)(seconds + 43200) / 86400,
		           (seconds + 43200) / 86400 == 1 ? "" : "s");
}

static enum fsrs_rating S_ask_rating(enum fsrs_rating suggested, bool *eof)
{
	for (;;) {
		printf("Rate your recall: 1 again, 2 hard, 3 good, 4 easy [Enter: %s]:\n",
		       fsrs_rating_name(suggested));
		fflush(stdout);
		char *line = cli_plain_read_line();
		if (!line) {
			*eof = true;
			return suggested;
		}
		char *p = line;
		while (*p == ' ')
			p++;
		enum fsrs_rating r = *p ? fsrs_rating_parse(p) : suggested;
		free(line);
		if (r)
			return r;
		printf("Type 1, 2, 3 or 4 (or again, hard, good, easy).\n");
	}
}

static const char *S_kind_name(enum practice_kind k)
{
	return k == PRACTICE_DUE ? "review" : k == PRACTICE_NEW ? "new" : "ahead of schedule";
}

int cli_practice_plain(const struct cli_env *env, int argc, char **argv)
{
	struct cli_practice_opts o;
	int rc = cli_practice_parse(argc, argv, &o);
	if (rc)
		return rc;
	struct catalog cat;
	char *notes;
	cli_open_catalog(env, &cat, &notes);
	fputs(notes, stderr);
	free(notes);
	struct error err = {0};
	struct progress *store = NULL;
	char *home = paths_data_dir();
	if (!home || progress_open(home, &store, &err) != ST_OK)
		fprintf(stderr, "studyterm: answers will not be saved: %s\n",
		        home ? err.message : "set HOME or STUDYTERM_HOME");
	free(home);
	struct practice_filter f = {
	    .chapter = o.chapter, .section = o.section, .due_only = o.due, .weak_only = o.weak};
	int64_t started = clock_now();
	struct practice p;
	practice_init(&p, &cat, &f, o.seed ? o.seed : (uint64_t)started);
	p.params.desired_retention = o.retention;
	p.params.enable_fuzz = !o.no_fuzz;
	if (store && practice_load(&p, store, &err) != ST_OK)
		fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
	char *data = cli_data_dir(env);
	char *datasets = paths_join(data, "sandbox");
	free(data);
	struct quiz_grade_env genv = {.dataset_dir = datasets};
	struct summary sum;
	summary_init(&sum, started);
	bool eof = false;
	rc = 0;
	for (int k = 0; k < o.count && !eof; k++) {
		int64_t now = clock_now();
		enum practice_kind kind;
		long i = practice_next(&p, now, &kind);
		if (i < 0) {
			printf("%s\n",
			       k == 0 && cat.n_entries == 0 ? "No question bank is installed: run "
			                                      "make (or studyterm bank build)."
			       : k == 0                     ? (o.due    ? "Nothing is due for review."
			                                       : o.weak ? "No weak questions: nothing was missed yet."
			                                                : "No questions to practise here.")
			                                    : "No more questions here.");
			break;
		}
		const struct bank_question *q = catalog_question(&cat, (size_t)i, &err);
		if (!q) {
			fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
			rc = 1;
			break;
		}
		const struct catalog_entry *e = &cat.entries[i];
		printf("\nQuestion %d of %d · section %s · %s · %s\n\n", k + 1, o.count, e->section,
		       S_kind_name(kind), e->key);
		struct quiz_shown s;
		quiz_shown_init(&s, q, &p.rng);
		cli_plain_question(&s);
		struct quiz_reply r = {0};
		bool have = false, quit = false;
		while (!have) {
			printf("\n%s\n", cli_plain_prompt(&s, true));
			fflush(stdout);
			char *line = cli_plain_read_line();
			if (!line) {
				eof = quit = true;
				break;
			}
			if (cli_plain_is_choice(q->type) &&
			    (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0)) {
				free(line);
				quit = true;
				break;
			}
			struct buf why = {0};
			have = quiz_reply_parse(&s, line, &r, &why);
			if (!have) {
				printf("%s\n", buf_cstr(&why));
				quiz_reply_free(&r);
			}
			buf_free(&why);
			free(line);
		}
		if (quit) {
			quiz_shown_free(&s);
			break;
		}
		struct quiz_grade g = {0};
		if (quiz_grade(q, &r.answer, &genv, &g, &err) != ST_OK) {
			fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
			quiz_reply_free(&r);
			quiz_shown_free(&s);
			rc = 1;
			break;
		}
		printf("\n");
		cli_plain_feedback(&s, &r, &g);
		printf("\n");
		enum fsrs_rating rating = S_ask_rating(practice_default_rating(g.score), &eof);
		struct buf said = {0};
		quiz_reply_describe(&s, &r, &said);
		int64_t answered = clock_now();
		if (practice_answer(&p, store, (size_t)i, g.score, rating, answered,
		                    (answered - now) * 1000, buf_cstr(&said), &err) != ST_OK) {
			fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
			rc = 1;
		}
		summary_add(&sum, e->section, g.score);
		struct buf when = {0};
		S_describe_interval(p.items[i].card.due - answered, &when);
		printf("Next time in %s.\n", buf_cstr(&when));
		buf_free(&when);
		buf_free(&said);
		quiz_grade_clear(&g);
		quiz_reply_free(&r);
		quiz_shown_free(&s);
	}
	struct buf text = {0};
	summary_format(&sum, &p, clock_now(), &text);
	printf("\n%s", buf_cstr(&text));
	buf_free(&text);
	summary_free(&sum);
	free(datasets);
	practice_free(&p);
	catalog_free(&cat);
	progress_close(store);
	return rc;
}

int cli_practice_parse(int argc, char **argv, struct cli_practice_opts *o)
{
	memset(o, 0, sizeof *o);
	o->count = 20;
	o->retention = 0.9;
	int where = 0, which = 0; /* --chapter/--section; --due/--weak */
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		char *end;
		if (strcmp(a, "--chapter") == 0 && i + 1 < argc) {
			long v = strtol(argv[++i], &end, 10);
			if (*end || v < 1 || v > 1000) {
				fprintf(
				    stderr,
				    "studyterm: practice: --chapter wants a chapter number, not "
				    "'%s'\n",
				    argv[i]);
				return 2;
			}
			o->chapter = (int)v;
			where++;
		} else if (strcmp(a, "--section") == 0 && i + 1 < argc) {
			o->section = argv[++i];
			where++;
		} else if (strcmp(a, "--due") == 0) {
			o->due = true;
			which++;
		} else if (strcmp(a, "--weak") == 0) {
			o->weak = true;
			which++;
		} else if (strcmp(a, "--plain") == 0) {
			o->plain = true;
		} else if (strcmp(a, "--no-fuzz") == 0) {
			o->no_fuzz = true;
		} else if (strcmp(a, "--retention") == 0 && i + 1 < argc) {
			double v = strtod(argv[++i], &end);
			if (*end || !*argv[i] || !(v >= 0.7 && v <= 0.99)) {
				fprintf(stderr,
				        "studyterm: practice: --retention wants a probability "
				        "between 0.70 "
				        "and 0.99 (default 0.9), not '%s'\n",
				        argv[i]);
				return 2;
			}
			o->retention = v;
		} else if ((strcmp(a, "--count") == 0 || strcmp(a, "--seed") == 0) &&
		           i + 1 < argc) {
			unsigned long long v = strtoull(argv[++i], &end, 10);
			if (*end || !*argv[i] || (a[2] == 'c' && (v < 1 || v > 10000))) {
				fprintf(stderr,
				        "studyterm: practice: %s wants a number, not '%s'\n", a,
				        argv[i]);
				return 2;
			}
			if (a[2] == 'c')
				o->count = (int)v;
			else
				o->seed = v;
		} else {
			fprintf(stderr,
			        "studyterm: practice: unknown argument '%s'\nTry 'studyterm "
			        "--help'.\n",
			        a);
			return 2;
		}
	}
	if (where > 1 || which > 1) {
		fprintf(stderr,
		        "studyterm: practice: choose one of --chapter and --section, and one of "
		        "--due and --weak\n");
		return 2;
	}
	return 0;
}
