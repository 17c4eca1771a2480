/* bench_exam: how long drawing a mock exam and computing its results take.
 *
 * Loads a compiled bank database (catalog_load_db), then:
 *   draw     DRAWS seeded draws of a 60-question exam weighted by chapter
 *            (1-10, plus two for section 5.6: the built-in mock-full
 *            without its review chapter, which the synthetic bank lacks),
 *            each a different seed: mean, median, p99, worst;
 *   results  ATTEMPTS whole attempts on a fresh progress database: the
 *            attempt started (exam_start: draw and store), 60 answers
 *            given and saved one by one, submitted (every question parsed
 *            from its Markdown and graded, SQL ones against their dataset;
 *            the result stored in one transaction), and the results by
 *            chapter and by section computed. Each phase timed apart.
 *
 * Deterministic: fixed seeds and a fixed "now". Part of `make bench`
 * (tests/bench/bench.py compiles it against build/libstudyterm.a).
 *
 * Usage: bench_exam BANK.sqlite DATASETS_DIR [DRAWS [ATTEMPTS]] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bank/profile.h"
#include "core/buf.h"
#include "quiz/catalog.h"
#include "quiz/exam.h"
#include "quiz/exam_draw.h"
#include "store/progress.h"

static const char S_profile[] = "# Bench mock exam\n\n"
                                "questions: 60 \xC2\xB7 time: 90 min \xC2\xB7 pass: 70%\n\n"
                                "## Draw\n\n"
                                "| from | weight |\n"
                                "| --- | --- |\n"
                                "| chapter 1 | 3 |\n| chapter 2 | 7 |\n| chapter 3 | 6 |\n"
                                "| chapter 4 | 6 |\n| chapter 5 | 10 |\n| section 5.6 | 2 |\n"
                                "| chapter 6 | 6 |\n| chapter 7 | 6 |\n| chapter 8 | 6 |\n"
                                "| chapter 9 | 4 |\n| chapter 10 | 4 |\n";

static int64_t S_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int S_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static void S_report(const char *what, int64_t *ns, size_t n, const char *unit)
{
	qsort(ns, n, sizeof *ns, S_cmp);
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += (double)ns[i];
	double div = strcmp(unit, "ms") == 0 ? 1e6 : 1e3;
	printf("  %-34s %5zu runs: mean %7.2f %s, median %7.2f %s, p99 %7.2f %s, max %7.2f %s\n",
	       what, n, sum / (double)n / div, unit, (double)ns[n / 2] / div, unit,
	       (double)ns[n * 99 / 100] / div, unit, (double)ns[n - 1] / div, unit);
}

/* An answer to q: the first option, the items as shown, each left side
 * its own pair, or a short text; about half of them right. */
static void S_answer(const struct exam_question *eq, struct quiz_reply *r)
{
	struct buf code = {0};
	const struct bank_question *q = eq->q;
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE: buf_puts(&code, "p:0"); break;
	case BANK_ORDER:
		buf_puts(&code, "o:");
		for (size_t i = 0; i < q->n_choices; i++)
			buf_printf(&code, "%s%zu", i ? "," : "", eq->shown.order[i]);
		break;
	case BANK_MATCH:
		buf_puts(&code, "m:");
		for (size_t i = 0; i < q->n_pairs; i++)
			buf_printf(&code, "%s%zu", i ? "," : "", i);
		break;
	case BANK_SQL: buf_printf(&code, "t:%s", q->sql); break;
	case BANK_NUMERIC: buf_puts(&code, "t:42"); break;
	default: buf_puts(&code, "t:answer"); break;
	}
	if (!quiz_reply_decode(q, buf_cstr(&code), r))
		quiz_reply_decode(q, "t:", r);
	buf_free(&code);
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 5) {
		fprintf(stderr, "usage: bench_exam BANK.sqlite DATASETS_DIR [DRAWS [ATTEMPTS]]\n");
		return 2;
	}
	size_t draws = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 1000;
	size_t attempts = argc > 4 ? (size_t)strtoul(argv[4], NULL, 10) : 20;
	struct catalog cat;
	struct error err;
	catalog_init(&cat);
	if (catalog_load_db(&cat, argv[1], &err) != ST_OK) {
		fprintf(stderr, "bench_exam: %s: %s\n", err.where, err.message);
		return 1;
	}
	struct bank_profile p;
	struct bank_report rep;
	bank_report_init(&rep, "bench.md");
	if (bank_profile_parse("bench.md", S_profile, sizeof S_profile - 1, NULL, 0, &p, &rep)) {
		fprintf(stderr, "bench_exam: the profile does not parse\n");
		return 1;
	}
	bank_report_clear(&rep);

	int64_t *ns = calloc(draws > attempts ? draws : attempts, sizeof *ns);
	for (size_t i = 0; i < draws; i++) {
		struct exam_draw d;
		int64_t t0 = S_ns();
		if (exam_draw(&cat, &p, 1000 + i, &d, &err) != ST_OK) {
			fprintf(stderr, "bench_exam: draw: %s\n", err.message);
			return 1;
		}
		ns[i] = S_ns() - t0;
		exam_draw_free(&d);
	}
	printf("  %zu questions in the catalog; a 60-question exam weighted by chapter\n",
	       cat.n_entries);
	S_report("exam_draw (seeded, by weights)", ns, draws, "ms");

	char dir[] = "/tmp/bench-exam-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("bench_exam: mkdtemp");
		return 1;
	}
	struct progress *store;
	if (progress_open(dir, &store, &err) != ST_OK) {
		fprintf(stderr, "bench_exam: %s\n", err.message);
		return 1;
	}
	struct quiz_grade_env env = {.dataset_dir = argv[2]};
	int64_t *t_start = calloc(attempts, sizeof *t_start);
	int64_t *t_answer = calloc(attempts, sizeof *t_answer);
	int64_t *t_submit = calloc(attempts, sizeof *t_submit);
	int64_t *t_results = calloc(attempts, sizeof *t_results);
	double percent = 0;
	int64_t now = 1767225600;
	for (size_t a = 0; a < attempts; a++, now += 7200) {
		struct exam e;
		int64_t t0 = S_ns();
		if (exam_start(&e, &cat, store, &env, &p, 77 + a, now, &err) != ST_OK) {
			fprintf(stderr, "bench_exam: start: %s\n", err.message);
			return 1;
		}
		int64_t t1 = S_ns();
		for (size_t i = 0; i < e.n; i++) {
			struct quiz_reply r;
			S_answer(&e.questions[i], &r);
			if (exam_answer(&e, i, &r, now + 30 * (int64_t)(i + 1), &err) != ST_OK) {
				fprintf(stderr, "bench_exam: answer: %s\n", err.message);
				return 1;
			}
		}
		int64_t t2 = S_ns();
		if (exam_submit(&e, now + 3600, &err) != ST_OK) {
			fprintf(stderr, "bench_exam: submit: %s\n", err.message);
			return 1;
		}
		int64_t t3 = S_ns();
		struct exam_results by_chapter, by_section;
		exam_results(&e, false, &by_chapter);
		exam_results(&e, true, &by_section);
		int64_t t4 = S_ns();
		percent += by_chapter.percent;
		exam_results_free(&by_chapter);
		exam_results_free(&by_section);
		exam_free(&e);
		t_start[a] = t1 - t0;
		t_answer[a] = t2 - t1;
		t_submit[a] = t3 - t2;
		t_results[a] = t4 - t3;
	}
	printf("  %zu whole attempts on a progress database (mean score %.0f%%):\n", attempts,
	       percent / (double)attempts);
	S_report("exam_start (draw + store)", t_start, attempts, "ms");
	S_report("60 answers, each saved", t_answer, attempts, "ms");
	S_report("exam_submit (grade all + store)", t_submit, attempts, "ms");
	S_report("exam_results (chapter + section)", t_results, attempts, "ms");
	progress_close(store);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_exam: could not remove %s\n", dir);
	free(ns);
	free(t_start);
	free(t_answer);
	free(t_submit);
	free(t_results);
	bank_profile_clear(&p);
	catalog_free(&cat);
	return 0;
}
