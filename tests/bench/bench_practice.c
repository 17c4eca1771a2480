/* bench_practice: how long picking the next practice question takes.
 *
 * Loads a compiled bank database (catalog_load_db) and prints the load
 * time; then, for each filter (none, one section, due only), sets up a
 * practice session over the whole catalog, gives it a learner's history
 * (ANSWERED questions reviewed one to six times over the last 90 days, a
 * few of them again in the last hour, so that some cards are due, some in
 * learning and some not due yet) and times PICKS calls of practice_next,
 * each followed by practice_answer as in a real session (no progress store:
 * only selection is measured). Prints mean, median, p99 and worst time per
 * pick in microseconds, and what kind of question was picked.
 *
 * Deterministic: fixed seeds and a fixed "now". Part of `make bench`
 * (tests/bench/bench.py compiles it against build/libstudyterm.a).
 *
 * Usage: bench_practice BANK.sqlite [ANSWERED [PICKS]] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quiz/catalog.h"
#include "quiz/practice.h"

#define S_NOW ((int64_t)1795000000) /* 2026-11-19, a fixed "now" */
#define S_DAY ((int64_t)FSRS_DAY_SECONDS)

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

/* Answers `answered` random questions: each is first seen up to 90 days
 * ago and reviewed again around its due time (up to 3 days late) until
 * the next review would be in the future or it has had six; one in twenty
 * is then failed once more in the last hour, so it is in (re)learning. */
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
		int reviews = 1 + (int)(practice_random(&rng) % 6);
		for (int r = 0; r < reviews && t < S_NOW - 3600; r++) {
			S_answer(p, i, S_rating(&rng), t);
			t = p->items[i].card.due + (int64_t)(practice_random(&rng) % (3 * S_DAY));
		}
		if (k % 20 == 0)
			S_answer(p, i, FSRS_AGAIN, S_NOW - (int64_t)(practice_random(&rng) % 3600));
	}
	free(perm);
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
	printf("  %-14s %zu eligible, %zu due now, %zu in learning, %zu new; init %.1f ms\n", label,
	       eligible, practice_due_count(&p, S_NOW), learning, practice_new_count(&p),
	       (double)t_init / 1e6);

	int64_t *d = malloc((picks ? picks : 1) * sizeof *d);
	if (!d)
		exit(1);
	size_t done = 0, kinds[3] = {0};
	bool ran_dry = false;
	uint64_t rng = 11;
	int64_t now = S_NOW;
	for (size_t k = 0; k < picks; k++) {
		enum practice_kind kind = PRACTICE_NEW;
		int64_t a = S_ns();
		long i = practice_next(&p, now, &kind);
		d[done++] = S_ns() - a;
		if (i < 0) {
			ran_dry = true; /* nothing left for this filter: the session ends */
			break;
		}
		kinds[kind]++;
		S_answer(&p, (size_t)i, S_rating(&rng), now);
		now += 15 + (int64_t)(practice_random(&rng) % 30); /* time to read and answer */
	}
	int64_t sum = 0;
	for (size_t k = 0; k < done; k++)
		sum += d[k];
	qsort(d, done, sizeof *d, S_cmp_i64);
	size_t p99 = done ? (done * 99 + 99) / 100 - 1 : 0;
	printf("  %-14s %zu picks (due %zu, new %zu, ahead %zu%s): mean %.1f us, median %.1f us, "
	       "p99 %.1f us, max %.1f us\n",
	       "", done, kinds[PRACTICE_DUE], kinds[PRACTICE_NEW], kinds[PRACTICE_AHEAD],
	       ran_dry ? ", then none left" : "", done ? (double)sum / (double)done / 1e3 : 0.0,
	       done ? (double)d[done / 2] / 1e3 : 0.0, done ? (double)d[p99] / 1e3 : 0.0,
	       done ? (double)d[done - 1] / 1e3 : 0.0);
	free(d);
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
	printf("  history: %zu questions answered (practice_answer, no store), then %zu picks "
	       "(practice_next + practice_answer)\n",
	       answered, picks);

	struct practice_filter all = {0};
	struct practice_filter section = {.section = "5.6"};
	struct practice_filter due = {.due_only = true};
	S_session(&cat, "no filter", &all, answered, picks);
	S_session(&cat, "--section 5.6", &section, answered, picks);
	S_session(&cat, "--due", &due, answered, picks);
	catalog_free(&cat);
	return 0;
}
