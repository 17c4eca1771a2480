/* bench_practice: how long picking the next practice question takes.
 *
 * Loads a compiled bank database (catalog_load_db) and prints the load
 * time; then, for each filter (none, one section, due only), sets up a
 * practice session over the whole catalog, gives it a learner's history
 * (ANSWERED questions reviewed over the last 90 days whenever they fell
 * due, a few of them failed again in the last hour, so that some cards are
 * due, some in learning and most not due yet) and times PICKS calls of
 * practice_next, each followed by practice_answer as in real sessions: one
 * a day, questions 5 to 25 s apart, every due review and then 50 new (or
 * ahead-of-time) questions, or until the filter leaves nothing (no progress
 * store: only selection is measured). Prints mean, median, p99 and worst
 * time per pick in microseconds, for all picks and by the kind of question
 * picked (due, new, ahead, none left), and how often the process was
 * preempted meanwhile (on a busy machine that, not the code, makes p99).
 *
 * Deterministic: fixed seeds and a fixed "now". Part of `make bench`
 * (tests/bench/bench.py compiles it against build/libstudyterm.a).
 *
 * Usage: bench_practice BANK.sqlite [ANSWERED [PICKS]] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "quiz/catalog.h"
#include "quiz/practice.h"

#define S_NOW           ((int64_t)1795000000) /* 2026-11-19, a fixed "now" */
#define S_DAY           ((int64_t)FSRS_DAY_SECONDS)
#define S_EXTRA_PER_DAY 50 /* new or ahead-of-time questions a day */

static int64_t S_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int S_cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Again 15%, Hard 15%, Good 60%, Easy 10%. */
static enum fsrs_rating S_rating(uint64_t *rng)
{
	unsigned r = (unsigned)(practice_random(rng) % 100);
	return r < 15 ? FSRS_AGAIN : r < 30 ? FSRS_HARD : r < 90 ? FSRS_GOOD : FSRS_EASY;
}

static double S_score(enum fsrs_rating r)
{
	return r == FSRS_AGAIN ? 0.0 : r == FSRS_HARD ? 0.5 : 1.0;
}

static void S_answer(struct practice *p, size_t i, enum fsrs_rating r, int64_t when)
{
	struct error err;
	if (practice_answer(p, NULL, i, S_score(r), r, when, 20000, NULL, &err) != ST_OK) {
		fprintf(stderr, "bench_practice: practice_answer failed: %s\n", err.message);
		exit(1);
	}
}

/* Answers `answered` random questions as a learner who keeps up: each is
 * first seen up to 90 days ago and reviewed again up to a day after it
 * falls due, until that would be after "now" (so the cards due now are the
 * ones that fell due in the last day); one in twenty is then failed
 * once more in the last hour, so it is in (re)learning. */
static void S_history(struct practice *p, size_t answered)
{
	size_t n = p->cat->n_entries;
	size_t *perm = malloc((n ? n : 1) * sizeof *perm);
	if (!perm)
		exit(1);
	uint64_t rng = 7;
	practice_shuffle(perm, n, &rng);
	if (answered > n)
		answered = n;
	for (size_t k = 0; k < answered; k++) {
		size_t i = perm[k];
		int64_t t =
		    S_NOW - 3600 - (int64_t)(practice_random(&rng) % (uint64_t)(90 * S_DAY));
		while (t < S_NOW - 3600) {
			S_answer(p, i, S_rating(&rng), t);
			t = p->items[i].card.due + (int64_t)(practice_random(&rng) % S_DAY);
		}
		if (k % 20 == 0)
			S_answer(p, i, FSRS_AGAIN, S_NOW - (int64_t)(practice_random(&rng) % 3600));
	}
	free(perm);
}

struct S_times {
	int64_t *ns;
	size_t n;
};

static void S_print_times(const char *what, struct S_times *t)
{
	if (!t->n)
		return;
	int64_t sum = 0;
	for (size_t k = 0; k < t->n; k++)
		sum += t->ns[k];
	qsort(t->ns, t->n, sizeof *t->ns, S_cmp_i64);
	printf("  %-14s %-6s %5zu picks: mean %7.1f us, median %7.1f us, p99 %7.1f us, "
	       "max %7.1f us\n",
	       "", what, t->n, (double)sum / (double)t->n / 1e3, (double)t->ns[t->n / 2] / 1e3,
	       (double)t->ns[(t->n * 99 + 99) / 100 - 1] / 1e3, (double)t->ns[t->n - 1] / 1e3);
}

static void S_session(struct catalog *cat, const char *label, const struct practice_filter *f,
                      size_t answered, size_t picks)
{
	struct practice p;
	int64_t t0 = S_ns();
	practice_init(&p, cat, f, 42);
	int64_t t_init = S_ns() - t0;
	S_history(&p, answered);

	size_t eligible = 0, learning = 0;
	for (size_t i = 0; i < cat->n_entries; i++) {
		const struct practice_item *it = &p.items[i];
		eligible += it->eligible;
		learning += it->eligible && it->has_card &&
		            (it->card.state == FSRS_LEARNING || it->card.state == FSRS_RELEARNING);
	}
	printf("  %-14s %zu eligible: %zu due now, %zu in learning, %zu new; practice_init %.1f "
	       "ms\n",
	       label, eligible, practice_due_count(&p, S_NOW), learning, practice_new_count(&p),
	       (double)t_init / 1e6);

	/* all picks, then by kind (due, new, ahead), then the last call when
	 * nothing was left */
	struct S_times times[5] = {{0}};
	for (int k = 0; k < 5; k++) {
		times[k].ns = malloc((picks ? picks : 1) * sizeof *times[k].ns);
		if (!times[k].ns)
			exit(1);
	}
	struct rusage before, after;
	getrusage(RUSAGE_SELF, &before);
	uint64_t rng = 11;
	for (size_t k = 0, day = 0; k < picks; day++) {
		int64_t now = S_NOW + (int64_t)day * S_DAY;
		for (size_t extra = 0; extra < S_EXTRA_PER_DAY && k < picks; k++) {
			enum practice_kind kind = PRACTICE_NEW;
			int64_t a = S_ns();
			long i = practice_next(&p, now, &kind);
			int64_t d = S_ns() - a;
			times[0].ns[times[0].n++] = d;
			if (i < 0) {
				times[4].ns[times[4].n++] = d; /* nothing left today */
				k++;
				break;
			}
			extra += kind != PRACTICE_DUE;
			struct S_times *t =
			    &times[1 + (kind == PRACTICE_NEW) + 2 * (kind == PRACTICE_AHEAD)];
			t->ns[t->n++] = d;
			S_answer(&p, (size_t)i, S_rating(&rng), now);
			now += 5 + (int64_t)(practice_random(&rng) % 20); /* reading, answering */
		}
	}
	getrusage(RUSAGE_SELF, &after);
	S_print_times("all", &times[0]);
	S_print_times("due", &times[1]);
	S_print_times("new", &times[2]);
	S_print_times("ahead", &times[3]);
	S_print_times("none", &times[4]);
	printf("  %-14s %ld involuntary context switches during the picks\n", "",
	       after.ru_nivcsw - before.ru_nivcsw);
	for (int k = 0; k < 5; k++)
		free(times[k].ns);
	practice_free(&p);
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: bench_practice BANK.sqlite [ANSWERED [PICKS]]\n");
		return 2;
	}
	size_t answered = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 30000;
	size_t picks = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 10000;

	struct catalog cat;
	struct error err;
	catalog_init(&cat);
	int64_t t0 = S_ns();
	if (catalog_load_db(&cat, argv[1], &err) != ST_OK) {
		fprintf(stderr, "bench_practice: %s: %s\n", err.where, err.message);
		return 1;
	}
	int64_t t_load = S_ns() - t0;
	printf("  catalog_load_db: %zu questions in %.1f ms\n", cat.n_entries,
	       (double)t_load / 1e6);
	printf(
	    "  history: %zu questions answered (practice_answer, no store), then %zu picks "
	    "(practice_next + practice_answer), a session a day: the due reviews, then %d more\n",
	    answered, picks, S_EXTRA_PER_DAY);

	struct practice_filter all = {0};
	struct practice_filter section = {.section = "5.6"};
	struct practice_filter due = {.due_only = true};
	S_session(&cat, "no filter", &all, answered, picks);
	S_session(&cat, "--section 5.6", &section, answered, picks);
	S_session(&cat, "--due", &due, answered, picks);
	catalog_free(&cat);
	return 0;
}
