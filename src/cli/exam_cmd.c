/* exam_cmd: `studyterm exam` and `studyterm history` from the command line
 * (studyterm(1)).
 *
 * `exam --plain` is the mock exam as plain text: each question printed with
 * the time left, replies and commands read from stdin lines, every answer
 * saved the moment it is given. Leaving (q or the end of input) keeps the
 * attempt open with its clock running; the next `exam` resumes it. Exit
 * status: 0 done (whatever the score), 1 when the exam cannot start or be
 * saved, 2 a bad command line. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/plain.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "course/course.h"
#include "quiz/exam.h"
#include "quiz/exam_draw.h"
#include "quiz/profiles.h"
#include "store/exams.h"

static const char S_exam_usage[] =
    "usage: studyterm exam --list\n"
    "       studyterm exam --check FILE...\n"
    "       studyterm exam PROFILE --plain [--seed N]\n"
    "       studyterm exam PROFILE --abandon\n"
    "PROFILE is a profile id from --list or a profile file. See studyterm(1).\n";

__attribute__((format(printf, 1, 2))) static int S_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "studyterm: exam: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'studyterm exam --help'.\n");
	return 2;
}

static void S_print_reports(const struct profiles *ps)
{
	struct buf out = {0};
	for (size_t i = 0; i < ps->n_reports; i++)
		bank_report_format(&ps->reports[i], &out);
	fputs(buf_cstr(&out), stderr);
	buf_free(&out);
}

void cli_load_profiles(const struct cli_env *env, struct profiles *ps)
{
	profiles_init(ps);
	char *data = cli_data_dir(env);
	char *dir = paths_join(data, "exams");
	profiles_load_dir(ps, dir);
	free(dir);
	free(data);
	char *user = cli_user_banks_dir();
	if (user) {
		dir = paths_join(user, "exams");
		profiles_load_dir(ps, dir);
		free(dir);
		free(user);
	}
}

/* "chapter 1 3 · chapter 5 8 · section 5.6 1": what each row of the draw
 * gets, lines broken before width columns and continued at indent. */
static void S_describe_draw(const struct bank_profile *p, int indent, int width, struct buf *out)
{
	int *counts = xcalloc(p->n_rows, sizeof *counts);
	exam_draw_apportion(p, counts);
	int col = indent + 6; /* "draw: " */
	for (size_t i = 0; i < p->n_rows; i++) {
		struct buf item = {0};
		bank_profile_row_name(&p->rows[i], &item);
		buf_printf(&item, " %d", counts[i]);
		int w = (int)item.len + (i ? 3 : 0);
		if (i && col + w > width) {
			buf_printf(out, " \xC2\xB7\n%*s", indent + 6, "");
			col = indent + 6;
		} else if (i) {
			buf_puts(out, " \xC2\xB7 ");
		}
		buf_puts(out, buf_cstr(&item));
		col += w;
		buf_free(&item);
	}
	free(counts);
}

static int S_list(const struct cli_env *env)
{
	struct profiles ps;
	cli_load_profiles(env, &ps);
	S_print_reports(&ps);
	if (!ps.n)
		printf("no exam profiles installed (make copies quizzes/exams into DATA/exams)\n");
	for (size_t i = 0; i < ps.n; i++) {
		const struct bank_profile *p = &ps.items[i];
		struct buf line = {0};
		bank_profile_describe(p, ", ", &line);
		printf("%-12s %s\n%12s %s\n%12s draw: ", p->id, p->title, "", buf_cstr(&line), "");
		buf_reset(&line);
		S_describe_draw(p, 13, 80, &line);
		printf("%s\n", buf_cstr(&line));
		buf_free(&line);
	}
	profiles_free(&ps);
	return 0;
}

/* --check: each file parses, names sections of the course, and the banks
 * hold enough questions for every row (a seeded trial draw). */
static int S_check(const struct cli_env *env, int argc, char **argv)
{
	if (argc < 1)
		return S_usage("%s", "--check needs a FILE");
	struct catalog cat;
	char *notes;
	cli_open_catalog(env, &cat, &notes);
	fputs(notes, stderr);
	free(notes);
	struct course *course = NULL;
	char *dir = cli_content_dir(env);
	struct error err;
	if (course_load(dir, &course, &err) != ST_OK)
		fprintf(stderr, "studyterm: sections not checked: %s: %s\n", err.where,
		        err.message);
	free(dir);
	size_t errors = 0, checked = 0;
	for (int i = 0; i < argc; i++) {
		struct bank_profile p;
		struct bank_report r;
		size_t e = bank_profile_load(argv[i], NULL, 0, &p, &r);
		for (size_t k = 0; !e && course && k < p.n_rows; k++) {
			const struct bank_profile_row *row = &p.rows[k];
			char number[32];
			size_t ch;
			long sec;
			if (row->from == BANK_PROFILE_ALL)
				continue;
			if (row->from == BANK_PROFILE_CHAPTER)
				snprintf(number, sizeof number, "%d", row->chapter);
			else
				snprintf(number, sizeof number, "%s", row->section);
			if (course_find(course, number, &ch, &sec) != 0)
				bank_report_add(
				    &r, BANK_WARNING, row->line, 1, "%s %s is not in the course",
				    row->from == BANK_PROFILE_CHAPTER ? "chapter" : "section",
				    number);
		}
		if (!e) {
			struct exam_draw d;
			if (exam_draw(&cat, &p, 1, &d, &err) == ST_OK)
				exam_draw_free(&d);
			else {
				bank_report_add(&r, BANK_ERROR, 0, 0, "%s", err.message);
				e++;
			}
		}
		struct buf out = {0};
		bank_report_format(&r, &out);
		fputs(buf_cstr(&out), stderr);
		buf_free(&out);
		errors += e;
		checked++;
		bank_report_clear(&r);
		bank_profile_clear(&p);
	}
	printf("%zu profile%s checked: %zu error%s\n", checked, checked == 1 ? "" : "s", errors,
	       errors == 1 ? "" : "s");
	course_free(course);
	catalog_free(&cat);
	return errors ? 1 : 0;
}

/* ---- the plain exam ---- */

static void S_clock(int64_t seconds, struct buf *out)
{
	if (seconds >= 3600)
		buf_printf(out, "%" PRId64 ":%02d:%02d", seconds / 3600, (int)(seconds / 60 % 60),
		           (int)(seconds % 60));
	else
		buf_printf(out, "%02d:%02d", (int)(seconds / 60), (int)(seconds % 60));
}

static void S_print_header(const struct exam *e, size_t pos, int64_t now)
{
	struct buf h = {0};
	buf_printf(&h, "--- Question %zu of %zu", pos + 1, e->n);
	int64_t left = exam_remaining(e, now);
	if (left >= 0) {
		buf_puts(&h, " \xC2\xB7 ");
		S_clock(left, &h);
		buf_puts(&h, exam_phase(e, now) == EXAM_GRACE ? " to submit" : " left");
	}
	if (e->questions[pos].answered)
		buf_puts(&h, " \xC2\xB7 answered");
	if (e->questions[pos].flagged)
		buf_puts(&h, " \xC2\xB7 flagged");
	printf("\n%s ---\n", buf_cstr(&h));
	buf_free(&h);
}

/* "3, 9 and 12" of the questions where want(answered/flagged) holds. */
static size_t S_numbers(const struct exam *e, bool flagged, struct buf *out)
{
	size_t n = 0;
	for (size_t i = 0; i < e->n; i++) {
		bool hit = flagged ? e->questions[i].flagged : !e->questions[i].answered;
		if (hit)
			buf_printf(out, "%s%zu", n++ ? ", " : "", i + 1);
	}
	return n;
}

static void S_print_status(const struct exam *e)
{
	struct buf un = {0}, fl = {0};
	size_t n_un = S_numbers(e, false, &un), n_fl = S_numbers(e, true, &fl);
	printf("Answered %zu of %zu.", e->n - n_un, e->n);
	if (n_un)
		printf(" Unanswered: %s.", buf_cstr(&un));
	if (n_fl)
		printf(" Flagged: %s.", buf_cstr(&fl));
	printf("\n");
	buf_free(&un);
	buf_free(&fl);
}

static void S_bar(double fraction, int width, struct buf *out)
{
	int full = (int)(fraction * width + 0.5);
	for (int i = 0; i < width; i++)
		buf_puts(out, i < full ? "\xE2\x96\x88" : "\xE2\x96\x91");
}

static void S_print_results(struct exam *e)
{
	struct exam_results r;
	exam_results(e, false, &r);
	const struct exams_attempt *a = &e->attempt;
	printf("\n=== %s: %s ===\n", a->title, exams_state_name(a->state));
	struct buf used = {0};
	if (r.used > 0)
		bank_profile_format_duration((int)r.used, &used);
	else
		buf_puts(&used, "0 s");
	printf("Score %.1f of %zu (%.0f%%), pass mark %g%%: %s. Time used %s. Answered %zu of "
	       "%zu, %zu fully right.\n",
	       r.score, r.n, r.percent, a->pass,
	       !r.counted ? "not counted"
	       : r.passed ? "PASSED"
	                  : "not passed",
	       buf_cstr(&used), r.answered, r.n, r.correct);
	buf_free(&used);
	printf("\nBy chapter:\n");
	for (size_t g = 0; g < r.n_groups; g++) {
		struct buf bar = {0};
		double f = r.groups[g].n ? r.groups[g].score / (double)r.groups[g].n : 0;
		S_bar(f, 20, &bar);
		printf("  %-11s %s %3.0f%%  (%.1f of %zu)\n", r.groups[g].name, buf_cstr(&bar),
		       f * 100, r.groups[g].score, r.groups[g].n);
		buf_free(&bar);
	}
	exam_results_free(&r);
}

static void S_print_review(struct exam *e)
{
	if (!e->attempt.reviewable) {
		printf("\nThis exam's answers are not shown after it.\n");
		return;
	}
	printf("\nReview:\n");
	for (size_t i = 0; i < e->n; i++) {
		struct exam_question *eq = &e->questions[i];
		printf("\n--- Question %zu of %zu \xC2\xB7 %.0f%% ---\n", i + 1, e->n,
		       eq->score > 0 ? eq->score * 100 : 0);
		if (!eq->q) {
			printf("This question is no longer in the bank.\n");
			continue;
		}
		printf("[%s, section %s]\n", eq->q->title, eq->q->section);
		cli_plain_question(&eq->shown);
		if (!eq->answered) {
			struct buf key = {0};
			quiz_key_describe(&eq->shown, &key);
			printf("\nNot answered. The answer: %s\n", buf_cstr(&key));
			buf_free(&key);
			if (eq->q->explanation) {
				printf("\n");
				cli_plain_md(eq->q->explanation, 2);
			}
			continue;
		}
		struct buf yours = {0};
		quiz_reply_describe(&eq->shown, &eq->reply, &yours);
		printf("\nYour answer: %s\n", buf_cstr(&yours));
		buf_free(&yours);
		/* Feedback as practice gives it, from the score already stored. */
		struct quiz_grade g = {.score = eq->score > 0 ? eq->score : 0,
		                       .correct = eq->score >= 1.0 - 1e-9,
		                       .matched = QUIZ_NONE,
		                       .message = eq->message};
		cli_plain_feedback(&eq->shown, &eq->reply, &g);
	}
}

/* Reads the reply to question pos or a command. Returns false at the end
 * of input or on q (the attempt stays open). */
static bool S_ask(struct exam *e, size_t *pos, bool *submit)
{
	struct exam_question *eq = &e->questions[*pos];
	int64_t now = clock_now();
	bool grace = exam_phase(e, now) == EXAM_GRACE;
	if (grace)
		printf("\nTime is up: s submits (anything else waits).\n");
	else if (eq->q)
		printf("\n%s\n(or: n next, p previous, g N go to, f flag, s submit, q leave)\n",
		       cli_plain_prompt(&eq->shown, false));
	else
		printf(
		    "\nThis question is no longer in the bank. (n next, p previous, g N, s, q)\n");
	fflush(stdout);
	char *line = cli_plain_read_line();
	if (!line)
		return false;
	char *cmd = line;
	while (*cmd == ' ')
		cmd++;
	bool go_on = true;
	struct error err;
	now = clock_now();
	if (exam_tick(e, now, &err)) {
		printf("Time ran out.\n");
	} else if (strcmp(cmd, "q") == 0) {
		go_on = false;
	} else if (strcmp(cmd, "s") == 0) {
		*submit = true;
	} else if (grace) {
		printf("Only s (submit) is left.\n");
	} else if (strcmp(cmd, "n") == 0 || (*cmd == '\0' && !eq->answered)) {
		if (*pos + 1 < e->n && exam_visit(e, *pos + 1, &err) == ST_OK)
			(*pos)++;
		else if (*pos + 1 >= e->n)
			*submit = true; /* past the last question: time to decide */
		else
			printf("%s\n", err.message);
	} else if (strcmp(cmd, "p") == 0) {
		if (*pos == 0)
			printf("This is the first question.\n");
		else if (exam_visit(e, *pos - 1, &err) == ST_OK)
			(*pos)--;
		else
			printf("%s\n", err.message);
	} else if (cmd[0] == 'g' && (cmd[1] == ' ' || cmd[1] == '\0')) {
		long n = strtol(cmd + 1, NULL, 10);
		if (n < 1 || (size_t)n > e->n)
			printf("Go to which question? 1 to %zu.\n", e->n);
		else if (exam_visit(e, (size_t)n - 1, &err) == ST_OK)
			*pos = (size_t)n - 1;
		else
			printf("%s\n", err.message);
	} else if (strcmp(cmd, "f") == 0) {
		if (exam_flag(e, *pos, !eq->flagged, &err) == ST_OK)
			printf(eq->flagged ? "Flagged.\n" : "Flag removed.\n");
		else
			printf("%s\n", err.message);
	} else if (*cmd == '\0') {
		/* Enter on an answered question: keep the answer, move on. */
		if (*pos + 1 < e->n && exam_visit(e, *pos + 1, &err) == ST_OK)
			(*pos)++;
		else if (*pos + 1 >= e->n)
			*submit = true;
	} else if (eq->q) {
		struct quiz_reply r;
		struct buf why = {0};
		if (!quiz_reply_parse(&eq->shown, cmd, &r, &why)) {
			printf("%s\n", buf_cstr(&why));
		} else if (exam_answer(e, *pos, &r, now, &err) != ST_OK) {
			printf("Not saved: %s\n", err.message);
		} else if (*pos + 1 < e->n && exam_can_visit(e, *pos + 1)) {
			if (exam_visit(e, *pos + 1, &err) == ST_OK)
				(*pos)++;
		} else if (*pos + 1 >= e->n) {
			*submit = true;
		}
		buf_free(&why);
	}
	free(line);
	return go_on;
}

/* Asks to submit, listing what is unanswered and flagged. */
static bool S_confirm_submit(struct exam *e, bool *eof)
{
	printf("\n");
	S_print_status(e);
	printf("Submit the exam now? No more changes after this. (y/n)\n");
	fflush(stdout);
	char *line = cli_plain_read_line();
	if (!line) {
		*eof = true;
		return false;
	}
	bool yes = line[0] == 'y' || line[0] == 'Y';
	free(line);
	return yes;
}

static int S_plain(const struct cli_env *env, const char *name, uint64_t seed, bool abandon)
{
	struct profiles ps;
	cli_load_profiles(env, &ps);
	bool is_file =
	    strchr(name, '/') || (strlen(name) > 3 && !strcmp(name + strlen(name) - 3, ".md"));
	if (is_file && !profiles_load_file(&ps, name)) {
		S_print_reports(&ps);
		profiles_free(&ps);
		return 1;
	}
	const struct bank_profile *p = is_file ? &ps.items[ps.n - 1] : profiles_find(&ps, name);
	if (!p) {
		S_print_reports(&ps);
		fprintf(stderr, "studyterm: no exam profile '%s' (see studyterm exam --list)\n",
		        name);
		profiles_free(&ps);
		return 1;
	}
	struct catalog cat;
	char *notes;
	cli_open_catalog(env, &cat, &notes);
	fputs(notes, stderr);
	free(notes);
	struct error err;
	struct progress *store = NULL;
	char *home = paths_data_dir();
	if (!home || progress_open(home, &store, &err) != ST_OK) {
		fprintf(stderr, "studyterm: an exam saves every answer, and cannot: %s\n",
		        home ? err.message : "set HOME or STUDYTERM_HOME");
		free(home);
		catalog_free(&cat);
		profiles_free(&ps);
		return 1;
	}
	free(home);
	char *data = cli_data_dir(env);
	char *datasets = paths_join(data, "sandbox");
	free(data);
	struct quiz_grade_env genv = {.dataset_dir = datasets};
	int rc = 0;
	struct exam e;
	int64_t open_id = 0;
	exams_find_open(store, &open_id, &err);
	int64_t now = clock_now();
	enum status st;
	if (open_id) {
		st = exam_resume(&e, &cat, store, &genv, open_id, now, &err);
		if (st == ST_OK && strcmp(e.attempt.profile, p->id) != 0 &&
		    e.attempt.state == EXAMS_OPEN) {
			fprintf(stderr,
			        "studyterm: another exam is open: %s (%s). Finish it first "
			        "(studyterm exam %s --plain) or give it up (studyterm exam %s "
			        "--abandon).\n",
			        e.attempt.title, e.attempt.profile, e.attempt.profile,
			        e.attempt.profile);
			exam_free(&e);
			rc = 1;
			goto done;
		}
		if (st == ST_OK && e.attempt.state != EXAMS_OPEN) {
			/* Its results first; a new attempt is the learner's next choice. */
			printf("Your open attempt at %s ran out of time while you were away.\n",
			       e.attempt.title);
			S_print_results(&e);
			S_print_review(&e);
			printf("\nRun the same command again for a new attempt.\n");
			exam_free(&e);
			goto done;
		} else if (st == ST_OK) {
			if (abandon) {
				st = exam_abandon(&e, now, &err);
				if (st == ST_OK)
					printf("Gave up %s: it will not count.\n", e.attempt.title);
				exam_free(&e);
				rc = st == ST_OK ? 0 : 1;
				goto done;
			}
			printf("Resuming %s: %zu of %zu answered.\n", e.attempt.title,
			       exam_count_answered(&e), e.n);
		}
	}
	if (abandon) {
		printf("No open %s attempt to give up.\n", p->title);
		goto done;
	}
	if (!open_id) {
		st = exam_start(&e, &cat, store, &genv, p, seed ? seed : (uint64_t)now, now, &err);
		if (st == ST_OK) {
			struct buf line = {0};
			bank_profile_describe(p, ", ", &line);
			printf("%s: %s.\n", p->title, buf_cstr(&line));
			if (p->description && *p->description)
				cli_plain_md(p->description, 0);
			buf_free(&line);
		}
	}
	if (st != ST_OK) {
		fprintf(stderr, "studyterm: %s%s%s\n", err.where, err.where[0] ? ": " : "",
		        err.message);
		rc = 1;
		goto done;
	}
	size_t pos = (size_t)e.attempt.current < e.n ? (size_t)e.attempt.current : 0;
	bool left = false, eof = false;
	while (e.attempt.state == EXAMS_OPEN) {
		now = clock_now();
		if (exam_tick(&e, now, &err)) {
			printf("\nTime ran out.\n");
			break;
		}
		int warn = exam_warning(&e, now);
		if (warn)
			printf("\n*** %d minute%s left ***\n", warn, warn == 1 ? "" : "s");
		S_print_header(&e, pos, now);
		if (e.questions[pos].q)
			cli_plain_question(&e.questions[pos].shown);
		if (e.questions[pos].answered) {
			struct buf yours = {0};
			quiz_reply_describe(&e.questions[pos].shown, &e.questions[pos].reply,
			                    &yours);
			printf("\nYour answer so far: %s (Enter keeps it)\n", buf_cstr(&yours));
			buf_free(&yours);
		}
		bool submit = false;
		if (!S_ask(&e, &pos, &submit)) {
			left = true;
			break;
		}
		if (submit && e.attempt.state == EXAMS_OPEN) {
			if (S_confirm_submit(&e, &eof)) {
				if (exam_submit(&e, clock_now(), &err) != ST_OK)
					printf("%s\n", err.message);
				break;
			}
			if (eof) {
				left = true;
				break;
			}
		}
		if (e.attempt.state != EXAMS_OPEN)
			break;
	}
	if (left && e.attempt.state == EXAMS_OPEN) {
		printf("\nLeft the exam open, %zu of %zu answered", exam_count_answered(&e), e.n);
		if (e.attempt.deadline)
			printf("; its clock keeps running");
		printf(". Resume with: studyterm exam %s --plain\n", e.attempt.profile);
	} else {
		S_print_results(&e);
		S_print_review(&e);
	}
	exam_free(&e);
done:
	free(datasets);
	progress_close(store);
	catalog_free(&cat);
	profiles_free(&ps);
	return rc;
}

int cli_exam(const struct cli_env *env, int argc, char **argv)
{
	if (argc < 1)
		return S_usage("%s", "which profile? (studyterm exam --list shows them)");
	if (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0) {
		fputs(S_exam_usage, stdout);
		return 0;
	}
	if (strcmp(argv[0], "--list") == 0)
		return argc == 1 ? S_list(env) : S_usage("%s", "--list takes nothing more");
	if (strcmp(argv[0], "--check") == 0)
		return S_check(env, argc - 1, argv + 1);
	const char *name = NULL;
	bool plain = false, abandon = false;
	uint64_t seed = 0;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--plain") == 0) {
			plain = true;
		} else if (strcmp(argv[i], "--abandon") == 0) {
			abandon = true;
		} else if (strcmp(argv[i], "--seed") == 0) {
			char *end;
			unsigned long long v = i + 1 < argc ? strtoull(argv[i + 1], &end, 10) : 0;
			if (i + 1 >= argc || *end || v == 0)
				return S_usage("%s", "--seed needs a positive number");
			seed = v;
			i++;
		} else if (argv[i][0] == '-') {
			return S_usage("unknown option '%s'", argv[i]);
		} else if (name) {
			return S_usage("one profile at a time, got '%s' and '%s'", name, argv[i]);
		} else {
			name = argv[i];
		}
	}
	if (!name)
		return S_usage("%s", "which profile? (studyterm exam --list shows them)");
	if (!plain && !abandon)
		return S_usage("%s", "add --plain: the exam as plain text");
	return S_plain(env, name, seed, abandon);
}

/* ---- history ---- */

struct S_history {
	bool csv;
	size_t n;
};

static void S_csv_field(const char *s)
{
	bool quote = strpbrk(s, ",\"\n\r") != NULL;
	if (!quote) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void S_history_row(void *ctx, const struct exams_attempt *a)
{
	struct S_history *h = ctx;
	char when[32];
	time_t t = (time_t)a->started_at;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	double percent = a->n_questions ? 100.0 * a->score / a->n_questions : 0;
	bool counted = a->state == EXAMS_SUBMITTED || a->state == EXAMS_TIMED_OUT;
	bool passed = counted && percent + 1e-9 >= a->pass;
	int64_t used = a->finished_at > a->started_at ? a->finished_at - a->started_at : 0;
	const char *result = a->state == EXAMS_OPEN ? "open"
	                     : !counted             ? exams_state_name(a->state)
	                     : passed               ? "passed"
	                                            : "failed";
	if (h->csv) {
		printf("%" PRId64 ",%s,", a->id, when);
		S_csv_field(a->profile);
		putchar(',');
		S_csv_field(a->title);
		printf(",%s,%s,%.2f,%d,%.1f,%g,%d,%" PRId64 "\n", exams_state_name(a->state),
		       result, a->score, a->n_questions, percent, a->pass, a->answered, used);
	} else {
		if (!h->n)
			printf("%-16s  %-12s %-12s %6s  %-8s %s\n", "started", "profile", "result",
			       "score", "time", "answered");
		struct buf dur = {0};
		if (a->state == EXAMS_OPEN)
			buf_puts(&dur, "-");
		else
			S_clock(used, &dur);
		char score[16] = "-";
		if (a->state != EXAMS_OPEN)
			snprintf(score, sizeof score, "%.0f%%", percent);
		printf("%-16s  %-12s %-12s %6s  %-8s %d/%d\n", when, a->profile, result, score,
		       buf_cstr(&dur), a->answered, a->n_questions);
		buf_free(&dur);
	}
	h->n++;
}

int cli_history(const struct cli_env *env, int argc, char **argv)
{
	(void)env;
	struct S_history h = {0};
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--csv") == 0)
			h.csv = true;
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs("usage: studyterm history [--csv]\n", stdout);
			return 0;
		} else {
			fprintf(stderr, "studyterm: history: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	struct error err;
	struct progress *store = NULL;
	char *home = paths_data_dir();
	if (!home || progress_open(home, &store, &err) != ST_OK) {
		fprintf(stderr, "studyterm: no history: %s\n",
		        home ? err.message : "set HOME or STUDYTERM_HOME");
		free(home);
		return 1;
	}
	free(home);
	if (h.csv)
		printf(
		    "id,started,profile,title,state,result,score,questions,percent,pass,answered,"
		    "seconds\n");
	enum status st = exams_each(store, S_history_row, &h, &err);
	if (st != ST_OK)
		fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
	else if (!h.n && !h.csv)
		printf("No exam attempts yet: studyterm exam --list shows the exams.\n");
	progress_close(store);
	return st == ST_OK ? 0 : 1;
}
