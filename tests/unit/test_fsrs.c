/* Unit tests for quiz/fsrs: the FSRS-6 scheduler against the published
 * vectors of py-fsrs 6.x (tests/test_basic.py) and sequences computed with
 * py-fsrs 6.3.1 (fuzz off), plus the learning-step rules, retrievability,
 * the interval cap, fuzz, preview and rating parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdbool.h>

#include "quiz/fsrs.h"

#define DAY FSRS_DAY_SECONDS
/* 2022-11-29 12:30:00 UTC, the start time of py-fsrs's tests. */
#define T0 INT64_C(1669725000)

/* cmocka 1.1.5's assert_float_equal compares floats; these values need
 * doubles. */
#define assert_near(a, b, eps) S_assert_near((a), (b), (eps), #a, __FILE__, __LINE__)

static void S_assert_near(double a, double b, double eps, const char *what, const char *file,
                          int line)
{
	if (fabs(a - b) <= eps)
		return;
	print_error("%s = %.17g, expected %.17g (+/- %g)\n", what, a, b, eps);
	_fail(file, line);
}

static void S_params_nofuzz(struct fsrs_params *p)
{
	fsrs_params_default(p);
	p->enable_fuzz = false;
}

static int64_t S_interval_days(const struct fsrs_card *c)
{
	return (c->due - c->last_review) / DAY;
}

static void test_defaults_are_fsrs6(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);
	assert_true(fsrs_params_valid(&p));
	assert_near(p.w[0], 0.212, 0);
	assert_near(p.w[20], 0.1542, 0);
	assert_near(p.desired_retention, 0.9, 0);
	assert_int_equal(p.maximum_interval, 36500);
	assert_true(p.enable_fuzz);
	assert_int_equal(p.n_learning_steps, 2);
	assert_int_equal(p.learning_steps[0], 60);
	assert_int_equal(p.learning_steps[1], 600);
	assert_int_equal(p.n_relearning_steps, 1);
	assert_int_equal(p.relearning_steps[0], 600);

	p.w[6] = 100; /* py-fsrs test_scheduler_parameter_validation */
	assert_false(fsrs_params_valid(&p));
	fsrs_params_default(&p);
	p.w[10] = -42;
	assert_false(fsrs_params_valid(&p));
	fsrs_params_default(&p);
	p.desired_retention = 1.0;
	assert_false(fsrs_params_valid(&p));
	fsrs_params_default(&p);
	p.n_learning_steps = FSRS_MAX_STEPS + 1;
	assert_false(fsrs_params_valid(&p));
}

static void test_card_init_is_new_and_due_now(void **state)
{
	(void)state;
	struct fsrs_card c;
	fsrs_card_init(&c, T0);
	assert_int_equal(c.state, FSRS_NEW);
	assert_int_equal(c.step, 0);
	assert_near(c.stability, 0, 0);
	assert_near(c.difficulty, 0, 0);
	assert_int_equal(c.due, T0);
	assert_int_equal(c.last_review, 0);
	assert_int_equal(c.reps, 0);
	assert_int_equal(c.lapses, 0);
}

/* py-fsrs test_review_card: each review at the previous due time. */
static void test_review_card_intervals(void **state)
{
	(void)state;
	static const enum fsrs_rating ratings[] = {
	    FSRS_GOOD,  FSRS_GOOD, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD, FSRS_AGAIN,
	    FSRS_AGAIN, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD,
	};
	static const int64_t expected[] = {0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21};
	struct fsrs_params p;
	S_params_nofuzz(&p);
	struct fsrs_card c;
	fsrs_card_init(&c, T0);
	int64_t now = T0;
	for (size_t i = 0; i < sizeof ratings / sizeof *ratings; i++) {
		fsrs_review(&p, &c, ratings[i], now, i);
		assert_int_equal(S_interval_days(&c), expected[i]);
		now = c.due;
	}
	assert_int_equal(c.reps, 13);
	assert_int_equal(c.lapses, 1);
	assert_int_equal(c.state, FSRS_REVIEW);
}

/* py-fsrs test_memo_state: reviews 0, 0, 1, 3, 8, 21 days apart (fuzz on,
 * which does not touch stability or difficulty). */
static void test_memo_state(void **state)
{
	(void)state;
	static const enum fsrs_rating ratings[] = {FSRS_AGAIN, FSRS_GOOD, FSRS_GOOD,
	                                           FSRS_GOOD,  FSRS_GOOD, FSRS_GOOD};
	static const int64_t gaps[] = {0, 0, 1, 3, 8, 21};
	struct fsrs_params p;
	fsrs_params_default(&p);
	struct fsrs_card c;
	fsrs_card_init(&c, T0);
	int64_t now = T0;
	for (size_t i = 0; i < sizeof ratings / sizeof *ratings; i++) {
		now += gaps[i] * DAY;
		fsrs_review(&p, &c, ratings[i], now, 1000 + i);
	}
	assert_near(c.stability, 53.62691, 1e-4);
	assert_near(c.difficulty, 6.3574867, 1e-4);
}

/* py-fsrs test_repeated_correct_reviews: Easy over and over drives
 * difficulty to its floor. */
static void test_repeated_easy_reaches_min_difficulty(void **state)
{
	(void)state;
	struct fsrs_params p;
	S_params_nofuzz(&p);
	struct fsrs_card c;
	fsrs_card_init(&c, T0);
	for (int i = 0; i < 10; i++)
		fsrs_review(&p, &c, FSRS_EASY, T0, 0);
	assert_near(c.difficulty, 1.0, 0);
}

struct step_vector {
	enum fsrs_rating rating;
	int64_t delay; /* seconds after the previous review */
	enum fsrs_state state;
	int step;
	double stability, difficulty;
	int64_t due;
};

static void S_check_vectors(const struct fsrs_params *p, const struct step_vector *v, size_t n)
{
	struct fsrs_card c;
	fsrs_card_init(&c, T0);
	int64_t now = T0;
	for (size_t i = 0; i < n; i++) {
		now += v[i].delay;
		fsrs_review(p, &c, v[i].rating, now, i);
		assert_int_equal(c.state, v[i].state);
		assert_int_equal(c.step, v[i].step);
		assert_near(c.stability, v[i].stability, 1e-9);
		assert_near(c.difficulty, v[i].difficulty, 1e-9);
		assert_int_equal(c.due, v[i].due);
		assert_int_equal(c.last_review, now);
	}
}

/* A mixed history through every state and every branch of the stability
 * update (same-day, long-term, lapse), computed with py-fsrs 6.3.1. */
static void test_mixed_history_matches_py_fsrs(void **state)
{
	(void)state;
	static const struct step_vector v[] = {
	    {2, 0, 1, 0, 1.2931, 5.112170705601056, 1669725330},
	    {2, 330, 1, 0, 0.7765494494075704, 6.7404595108297, 1669725660},
	    {3, 600, 1, 1, 0.8296275051643506, 6.728947420615708, 1669726530},
	    {3, 345600, 2, 0, 5.740280632742245, 6.717446842491931, 1670589930},
	    {2, 864000, 2, 0, 14.363822377664798, 7.806116616365843, 1672145130},
	    {1, 2592000, 3, 0, 1.7825545540889263, 9.264113819503299, 1673528130},
	    {2, 600, 3, 0, 1.0481093836359827, 9.496712830387118, 1673529030},
	    {3, 900, 2, 0, 1.0978702281103931, 9.482444486853568, 1673615430},
	    {4, 172800, 2, 0, 3.5623813534098234, 9.29472992174378, 1674047430},
	    {1, 3600, 3, 0, 1.163358402445173, 9.75341089041055, 1673706030},
	    {1, 600, 3, 0, 0.40894718353528414, 9.90417620578073, 1673706630},
	    {3, 700, 2, 0, 0.4557290069504267, 9.889500398871787, 1673793130},
	    {3, 34560000, 2, 0, 2.9843365399958386, 9.874839267769753, 1708525930},
	    {4, 432000, 2, 0, 6.976752514541001, 9.818244752845363, 1709303530},
	};
	struct fsrs_params p;
	S_params_nofuzz(&p);
	S_check_vectors(&p, v, sizeof v / sizeof *v);
}

/* The custom scheduler of py-fsrs test_custom_scheduler_args (other
 * weights, 85% retention, 3650-day cap), history computed with py-fsrs. */
static void test_custom_params_match_py_fsrs(void **state)
{
	(void)state;
	static const double w[FSRS_N_WEIGHTS] = {
	    0.1456, 0.4186, 1.1104, 4.1315, 5.2417, 1.3098, 0.8975, 0.0010,  1.5674, 0.0567, 0.9661,
	    2.0275, 0.1592, 0.2446, 1.5071, 0.2272, 2.8755, 1.234,  0.56789, 0.1437, 0.2,
	};
	static const struct step_vector v[] = {
	    {3, 0, 1, 1, 1.1104, 1.0, 1669725600},
	    {3, 60, 2, 0, 2.2043843468002096, 1.0, 1670070660},
	    {3, 600, 2, 0, 3.9655204473836214, 1.0, 1670330460},
	    {3, 259200, 2, 0, 18.257996152026358, 1.0, 1672836060},
	    {3, 777600, 2, 0, 60.37408551108235, 1.0, 1680180060},
	    {1, 3456000, 3, 0, 3.931265972285125, 2.7475702573559766, 1674219060},
	    {3, 600, 2, 0, 6.507907631487842, 2.7001879444545973, 1675255860},
	    {4, 1728000, 2, 0, 152.46063959993566, 1.9256274873625474, 1699793460},
	    {4, 8640000, 2, 0, 1189.2031420801707, 1.0746779415909369, 1870347060},
	    {4, 86400000, 2, 0, 10829.243443266096, 1.0, 2086347060},
	    {4, 172800000, 2, 0, 31347.86497990834, 1.0, 2259147060},
	};
	struct fsrs_params p;
	S_params_nofuzz(&p);
	for (size_t i = 0; i < FSRS_N_WEIGHTS; i++)
		p.w[i] = w[i];
	p.desired_retention = 0.85;
	p.maximum_interval = 3650;
	assert_true(fsrs_params_valid(&p));
	S_check_vectors(&p, v, sizeof v / sizeof *v);
}

/* Each rating on a new card: Again and Hard stay on step 0 (1 min; Hard
 * waits halfway between the first two steps, 5.5 min), Good moves to step
 * 1 (10 min), Easy graduates. First-review memory is S0(G) = w[G-1] and
 * D0(G) = w4 - e^(w5 (G-1)) + 1. */
static void test_new_card_each_rating(void **state)
{
	(void)state;
	struct fsrs_params p;
	S_params_nofuzz(&p);
	struct fsrs_card c0, c;
	fsrs_card_init(&c0, T0);

	c = c0;
	fsrs_review(&p, &c, FSRS_AGAIN, T0, 0);
	assert_int_equal(c.state, FSRS_LEARNING);
	assert_int_equal(c.step, 0);
	assert_int_equal(c.due, T0 + 60);
	assert_near(c.stability, 0.212, 1e-12);
	assert_near(c.difficulty, 6.4133, 1e-12);
	assert_int_equal(c.lapses, 0);
	assert_int_equal(c.reps, 1);

	c = c0;
	fsrs_review(&p, &c, FSRS_HARD, T0, 0);
	assert_int_equal(c.state, FSRS_LEARNING);
	assert_int_equal(c.step, 0);
	assert_int_equal(c.due, T0 + 330);
	assert_near(c.stability, 1.2931, 1e-12);
	assert_near(c.difficulty, 6.4133 - exp(0.8334) + 1, 1e-12);

	c = c0;
	fsrs_review(&p, &c, FSRS_GOOD, T0, 0);
	assert_int_equal(c.state, FSRS_LEARNING);
	assert_int_equal(c.step, 1);
	assert_int_equal(c.due, T0 + 600);
	assert_near(c.stability, 2.3065, 1e-12);
	assert_near(c.difficulty, 6.4133 - exp(0.8334 * 2) + 1, 1e-12);

	c = c0;
	fsrs_review(&p, &c, FSRS_EASY, T0, 0);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_int_equal(c.step, 0);
	assert_near(c.stability, 8.2956, 1e-12);
	/* D0(4) = 6.4133 - e^2.5 + 1 is below 1: clamped. */
	assert_near(c.difficulty, 1.0, 0);
	/* At 90% retention the interval is the stability, rounded. */
	assert_int_equal(c.due, T0 + 8 * DAY);
	assert_int_equal(c.last_review, T0);
}

static void test_learning_steps(void **state)
{
	(void)state;
	struct fsrs_params p;
	S_params_nofuzz(&p);
	struct fsrs_card c;

	/* Good, Good: 10 minutes, then graduation to days. */
	fsrs_card_init(&c, T0);
	fsrs_review(&p, &c, FSRS_GOOD, T0, 0);
	fsrs_review(&p, &c, FSRS_GOOD, c.due, 0);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_int_equal(c.step, 0);
	assert_true(c.due - c.last_review >= DAY);

	/* Hard on the second step repeats it (py-fsrs
	 * test_learning_card_rate_hard_second_learning_step). */
	fsrs_card_init(&c, T0);
	fsrs_review(&p, &c, FSRS_GOOD, T0, 0);
	int64_t t = c.due;
	fsrs_review(&p, &c, FSRS_HARD, t, 0);
	assert_int_equal(c.state, FSRS_LEARNING);
	assert_int_equal(c.step, 1);
	assert_int_equal(c.due - t, 600);
	/* Again goes back to step 0. */
	fsrs_review(&p, &c, FSRS_AGAIN, c.due, 0);
	assert_int_equal(c.step, 0);
	assert_int_equal(c.due - c.last_review, 60);

	/* One learning step: Hard on it waits 1.5 times the step. */
	p.learning_steps[0] = 600;
	p.n_learning_steps = 1;
	fsrs_card_init(&c, T0);
	fsrs_review(&p, &c, FSRS_HARD, T0, 0);
	assert_int_equal(c.state, FSRS_LEARNING);
	assert_int_equal(c.due, T0 + 900);
	fsrs_review(&p, &c, FSRS_GOOD, c.due, 0);
	assert_int_equal(c.state, FSRS_REVIEW);

	/* No learning steps: even Again goes straight to review. */
	p.n_learning_steps = 0;
	fsrs_card_init(&c, T0);
	fsrs_review(&p, &c, FSRS_AGAIN, T0, 0);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_true(S_interval_days(&c) >= 1);

	/* A card left on a step beyond a shortened list graduates on a pass
	 * and restarts on Again (py-fsrs test_one_card_multiple_schedulers). */
	S_params_nofuzz(&p);
	fsrs_card_init(&c, T0);
	fsrs_review(&p, &c, FSRS_GOOD, T0, 0);
	assert_int_equal(c.step, 1);
	p.n_learning_steps = 1;
	struct fsrs_card again = c;
	fsrs_review(&p, &again, FSRS_AGAIN, c.due, 0);
	assert_int_equal(again.state, FSRS_LEARNING);
	assert_int_equal(again.step, 0);
	fsrs_review(&p, &c, FSRS_HARD, c.due, 0);
	assert_int_equal(c.state, FSRS_REVIEW);
}

/* py-fsrs test_review_state and test_relearning: a lapse goes to
 * relearning for 10 minutes, Again there repeats it, Good graduates. */
static void test_relearning_after_lapse(void **state)
{
	(void)state;
	struct fsrs_params p;
	S_params_nofuzz(&p);
	struct fsrs_card c;
	fsrs_card_init(&c, T0);
	fsrs_review(&p, &c, FSRS_GOOD, c.due, 0);
	fsrs_review(&p, &c, FSRS_GOOD, c.due, 0);
	fsrs_review(&p, &c, FSRS_GOOD, c.due, 0);
	assert_int_equal(c.state, FSRS_REVIEW);
	double before = c.stability;

	int64_t t = c.due;
	fsrs_review(&p, &c, FSRS_AGAIN, t, 0);
	assert_int_equal(c.state, FSRS_RELEARNING);
	assert_int_equal(c.step, 0);
	assert_int_equal(c.due, t + 600);
	assert_int_equal(c.lapses, 1);
	assert_true(c.stability < before);

	t = c.due;
	fsrs_review(&p, &c, FSRS_AGAIN, t, 0);
	assert_int_equal(c.state, FSRS_RELEARNING);
	assert_int_equal(c.step, 0);
	assert_int_equal(c.due, t + 600);
	assert_int_equal(c.lapses, 1); /* only a lapse from review counts */

	t = c.due;
	fsrs_review(&p, &c, FSRS_HARD, t, 0); /* one step: 1.5 times it */
	assert_int_equal(c.state, FSRS_RELEARNING);
	assert_int_equal(c.due, t + 900);

	fsrs_review(&p, &c, FSRS_GOOD, c.due, 0);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_int_equal(c.step, 0);
	assert_true(S_interval_days(&c) >= 1);

	/* Two relearning steps (py-fsrs
	 * test_relearning_card_rate_hard_two_relearning_steps). */
	p.relearning_steps[0] = 60;
	p.relearning_steps[1] = 600;
	p.n_relearning_steps = 2;
	fsrs_card_init(&c, T0);
	fsrs_review(&p, &c, FSRS_EASY, T0, 0);
	fsrs_review(&p, &c, FSRS_AGAIN, c.due, 0);
	t = c.due;
	fsrs_review(&p, &c, FSRS_HARD, t, 0);
	assert_int_equal(c.step, 0);
	assert_int_equal(c.due, t + 330);
	fsrs_review(&p, &c, FSRS_GOOD, c.due, 0);
	assert_int_equal(c.state, FSRS_RELEARNING);
	assert_int_equal(c.step, 1);
	t = c.due;
	fsrs_review(&p, &c, FSRS_HARD, t, 0);
	assert_int_equal(c.step, 1);
	assert_int_equal(c.due, t + 600);
	fsrs_review(&p, &c, FSRS_EASY, t, 0);
	assert_int_equal(c.state, FSRS_REVIEW);

	/* No relearning steps: a lapse stays in review, due in days. */
	p.n_relearning_steps = 0;
	fsrs_card_init(&c, T0);
	fsrs_review(&p, &c, FSRS_GOOD, T0, 0);
	fsrs_review(&p, &c, FSRS_GOOD, c.due, 0);
	fsrs_review(&p, &c, FSRS_AGAIN, c.due, 0);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_int_equal(c.lapses, 1);
	assert_true(S_interval_days(&c) >= 1);
}

/* py-fsrs test_stability_lower_bound. */
static void test_stability_lower_bound(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);
	struct fsrs_card c;
	fsrs_card_init(&c, T0);
	for (int i = 0; i < 1000; i++) {
		fsrs_review(&p, &c, FSRS_AGAIN, c.due + DAY, (uint64_t)i);
		assert_true(c.stability >= FSRS_STABILITY_MIN);
		assert_true(c.difficulty >= 1.0 && c.difficulty <= 10.0);
	}
}

static void test_retrievability(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);
	struct fsrs_card c;
	fsrs_card_init(&c, T0);
	assert_near(fsrs_retrievability(&p, &c, T0 + 100 * DAY), 1.0, 0);

	/* Stability is the time for R to fall to 90%. */
	c.state = FSRS_REVIEW;
	c.stability = 10.0;
	c.difficulty = 5.0;
	c.last_review = T0;
	assert_near(fsrs_retrievability(&p, &c, T0 + 10 * DAY), 0.9, 1e-12);
	assert_near(fsrs_retrievability(&p, &c, T0), 1.0, 0);
	assert_near(fsrs_retrievability(&p, &c, T0 - DAY), 1.0, 0);
	/* Whole days only, as py-fsrs: 23 hours is still day 0. */
	assert_near(fsrs_retrievability(&p, &c, T0 + DAY - 3600), 1.0, 0);
	/* R(t) = (1 + FACTOR t / S)^DECAY with DECAY = -w20. */
	double decay = -0.1542, factor = pow(0.9, 1 / decay) - 1;
	assert_near(fsrs_retrievability(&p, &c, T0 + 30 * DAY), pow(1 + factor * 30 / 10.0, decay),
	            1e-12);
	double prev = 1.0;
	for (int d = 1; d < 400; d += 7) {
		double r = fsrs_retrievability(&p, &c, T0 + d * DAY);
		assert_true(r < prev && r > 0);
		prev = r;
	}

	/* After a real review, at the unfuzzed due date R is near the
	 * desired retention. */
	p.enable_fuzz = false;
	fsrs_card_init(&c, T0);
	fsrs_review(&p, &c, FSRS_EASY, T0, 0);
	fsrs_review(&p, &c, FSRS_GOOD, c.due, 0);
	double r = fsrs_retrievability(&p, &c, c.due);
	assert_true(r > 0.89 && r < 0.91);
}

/* py-fsrs test_maximum_interval, and the cap on the interval formula. */
static void test_maximum_interval(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);
	p.maximum_interval = 100;
	static const enum fsrs_rating ratings[] = {FSRS_EASY, FSRS_GOOD, FSRS_EASY,
	                                           FSRS_GOOD, FSRS_EASY, FSRS_EASY};
	for (uint64_t seed = 0; seed < 50; seed++) {
		struct fsrs_card c;
		fsrs_card_init(&c, T0);
		for (size_t i = 0; i < sizeof ratings / sizeof *ratings; i++) {
			fsrs_review(&p, &c, ratings[i], c.due, seed * 7 + i);
			assert_true(S_interval_days(&c) <= 100);
		}
		/* Fuzz may shorten a capped interval, never lengthen it. */
		assert_true(S_interval_days(&c) >= 93);
	}
	p.enable_fuzz = false;
	struct fsrs_card c;
	fsrs_card_init(&c, T0);
	for (size_t i = 0; i < sizeof ratings / sizeof *ratings; i++)
		fsrs_review(&p, &c, ratings[i], c.due, i);
	assert_int_equal(S_interval_days(&c), 100);
	assert_int_equal(fsrs_next_interval(&p, 1e9), 100);
	assert_int_equal(fsrs_next_interval(&p, 0.001), 1);
	p.maximum_interval = 36500;
	assert_int_equal(fsrs_next_interval(&p, 1e9), 36500);
	assert_int_equal(fsrs_next_interval(&p, 53.62691), 54);
}

/* The ranges of py-fsrs _get_fuzz_range: 2.5-7 days 15%, 7-20 days 10%,
 * beyond 5%, plus one day; at least 2, at most the maximum interval. */
static void test_fuzz_range(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);
	int lo, hi;
	fsrs_fuzz_range(&p, 2, &lo, &hi);
	assert_int_equal(lo, 2);
	assert_int_equal(hi, 2);
	fsrs_fuzz_range(&p, 3, &lo, &hi); /* delta 1.075 */
	assert_int_equal(lo, 2);
	assert_int_equal(hi, 4);
	fsrs_fuzz_range(&p, 12, &lo, &hi); /* delta 2.175 */
	assert_int_equal(lo, 10);
	assert_int_equal(hi, 14);
	fsrs_fuzz_range(&p, 100, &lo, &hi); /* delta 6.975 */
	assert_int_equal(lo, 93);
	assert_int_equal(hi, 107);
	p.maximum_interval = 101;
	fsrs_fuzz_range(&p, 100, &lo, &hi);
	assert_int_equal(hi, 101);
}

/* Fuzz moves a review interval only within py-fsrs's range, the same way
 * for the same seed, and reaches across the range over many seeds. */
static void test_fuzz_within_range_and_deterministic(void **state)
{
	(void)state;
	struct fsrs_params p, nofuzz;
	fsrs_params_default(&p);
	S_params_nofuzz(&nofuzz);
	struct fsrs_card base;
	fsrs_card_init(&base, T0);
	fsrs_review(&nofuzz, &base, FSRS_EASY, T0, 0); /* review, S = 8.3 */
	int64_t now = base.due;

	struct fsrs_card exact = base;
	fsrs_review(&nofuzz, &exact, FSRS_GOOD, now, 0);
	int ivl = (int)S_interval_days(&exact);
	assert_int_equal(ivl, fsrs_next_interval(&p, exact.stability));
	assert_true(ivl > 20);
	int lo, hi;
	fsrs_fuzz_range(&p, ivl, &lo, &hi);

	bool seen_lo = false, seen_hi = false, seen_other = false;
	for (uint64_t seed = 0; seed < 2000; seed++) {
		struct fsrs_card a = base, b = base;
		fsrs_review(&p, &a, FSRS_GOOD, now, seed);
		fsrs_review(&p, &b, FSRS_GOOD, now, seed);
		assert_int_equal(a.due, b.due);
		/* Fuzz changes only the due date. */
		assert_near(a.stability, exact.stability, 0);
		assert_near(a.difficulty, exact.difficulty, 0);
		int64_t d = S_interval_days(&a);
		assert_int_equal(a.due - now, d * DAY);
		/* py-fsrs rounds the draw, so hi + 1 is possible. */
		assert_true(d >= lo && d <= hi + 1);
		seen_lo |= d == lo;
		seen_hi |= d == hi;
		seen_other |= d != ivl;
	}
	assert_true(seen_lo && seen_hi && seen_other);

	/* Short intervals are not fuzzed, and neither are learning steps. */
	struct fsrs_card c;
	fsrs_card_init(&c, T0);
	fsrs_review(&p, &c, FSRS_GOOD, T0, 99);
	assert_int_equal(c.due, T0 + 600);
	for (uint64_t seed = 0; seed < 100; seed++) {
		struct fsrs_card g = c;
		fsrs_review(&p, &g, FSRS_GOOD, c.due, seed);
		assert_int_equal(S_interval_days(&g), 2);
	}

	/* Fuzz never goes below 2 days nor above the maximum interval. */
	for (int days = 3; days < 400; days++) {
		fsrs_fuzz_range(&p, days, &lo, &hi);
		assert_true(lo >= 2 && lo <= days && hi >= days);
	}
	p.maximum_interval = 30;
	for (uint64_t seed = 0; seed < 500; seed++) {
		struct fsrs_card a = base;
		fsrs_review(&p, &a, FSRS_EASY, now, seed);
		assert_true(S_interval_days(&a) <= 30);
	}
}

static void test_fuzz_off_is_exact(void **state)
{
	(void)state;
	struct fsrs_params p;
	S_params_nofuzz(&p);
	struct fsrs_card base;
	fsrs_card_init(&base, T0);
	fsrs_review(&p, &base, FSRS_EASY, T0, 0);
	for (uint64_t seed = 0; seed < 100; seed++) {
		struct fsrs_card c = base;
		fsrs_review(&p, &c, FSRS_GOOD, base.due, seed * 0x9E3779B97F4A7C15u);
		assert_int_equal(S_interval_days(&c), fsrs_next_interval(&p, c.stability));
		assert_int_equal((c.due - c.last_review) % DAY, 0);
	}
}

static void test_preview_matches_review(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);
	struct fsrs_card c;
	fsrs_card_init(&c, T0);
	static const enum fsrs_rating path[] = {FSRS_GOOD, FSRS_GOOD, FSRS_GOOD, FSRS_AGAIN,
	                                        FSRS_HARD, FSRS_GOOD, FSRS_EASY};
	for (size_t i = 0; i <= sizeof path / sizeof *path; i++) {
		int64_t now = c.due + (int64_t)i * 3600;
		struct fsrs_card out[4], keep = c;
		fsrs_preview(&p, &c, now, 42 + i, out);
		assert_memory_equal(&keep, &c, sizeof c);
		for (int r = FSRS_AGAIN; r <= FSRS_EASY; r++) {
			struct fsrs_card one = c;
			fsrs_review(&p, &one, (enum fsrs_rating)r, now, 42 + i);
			assert_memory_equal(&one, &out[r - 1], sizeof one);
		}
		/* Harder ratings are never due later than easier ones here. */
		assert_true(out[0].due <= out[2].due && out[2].due <= out[3].due);
		if (i < sizeof path / sizeof *path)
			fsrs_review(&p, &c, path[i], now, 42 + i);
	}
}

static void test_bad_rating_leaves_card_alone(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);
	struct fsrs_card c, keep;
	fsrs_card_init(&c, T0);
	keep = c;
	fsrs_review(&p, &c, FSRS_RATING_NONE, T0, 0);
	fsrs_review(&p, &c, (enum fsrs_rating)5, T0, 0);
	assert_memory_equal(&keep, &c, sizeof c);
}

static void test_names_and_rating_parse(void **state)
{
	(void)state;
	assert_string_equal(fsrs_state_name(FSRS_NEW), "new");
	assert_string_equal(fsrs_state_name(FSRS_LEARNING), "learning");
	assert_string_equal(fsrs_state_name(FSRS_REVIEW), "review");
	assert_string_equal(fsrs_state_name(FSRS_RELEARNING), "relearning");
	assert_string_equal(fsrs_state_name((enum fsrs_state)9), "unknown");
	assert_string_equal(fsrs_rating_name(FSRS_HARD), "hard");
	assert_string_equal(fsrs_rating_name(FSRS_RATING_NONE), "unknown");

	assert_int_equal(fsrs_rating_parse("again"), FSRS_AGAIN);
	assert_int_equal(fsrs_rating_parse("Hard"), FSRS_HARD);
	assert_int_equal(fsrs_rating_parse("GOOD"), FSRS_GOOD);
	assert_int_equal(fsrs_rating_parse("eAsY"), FSRS_EASY);
	assert_int_equal(fsrs_rating_parse("1"), FSRS_AGAIN);
	assert_int_equal(fsrs_rating_parse("4"), FSRS_EASY);
	assert_int_equal(fsrs_rating_parse("0"), FSRS_RATING_NONE);
	assert_int_equal(fsrs_rating_parse("5"), FSRS_RATING_NONE);
	assert_int_equal(fsrs_rating_parse("12"), FSRS_RATING_NONE);
	assert_int_equal(fsrs_rating_parse("goo"), FSRS_RATING_NONE);
	assert_int_equal(fsrs_rating_parse("good "), FSRS_RATING_NONE);
	assert_int_equal(fsrs_rating_parse(""), FSRS_RATING_NONE);
	assert_int_equal(fsrs_rating_parse(NULL), FSRS_RATING_NONE);
	for (int r = FSRS_AGAIN; r <= FSRS_EASY; r++)
		assert_int_equal(fsrs_rating_parse(fsrs_rating_name((enum fsrs_rating)r)), r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults_are_fsrs6),
	    cmocka_unit_test(test_card_init_is_new_and_due_now),
	    cmocka_unit_test(test_review_card_intervals),
	    cmocka_unit_test(test_memo_state),
	    cmocka_unit_test(test_repeated_easy_reaches_min_difficulty),
	    cmocka_unit_test(test_mixed_history_matches_py_fsrs),
	    cmocka_unit_test(test_custom_params_match_py_fsrs),
	    cmocka_unit_test(test_new_card_each_rating),
	    cmocka_unit_test(test_learning_steps),
	    cmocka_unit_test(test_relearning_after_lapse),
	    cmocka_unit_test(test_stability_lower_bound),
	    cmocka_unit_test(test_retrievability),
	    cmocka_unit_test(test_maximum_interval),
	    cmocka_unit_test(test_fuzz_range),
	    cmocka_unit_test(test_fuzz_within_range_and_deterministic),
	    cmocka_unit_test(test_fuzz_off_is_exact),
	    cmocka_unit_test(test_preview_matches_review),
	    cmocka_unit_test(test_bad_rating_leaves_card_alone),
	    cmocka_unit_test(test_names_and_rating_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
