/* fsrs: the FSRS-6 scheduler (see fsrs.h).
 *
 * Each formula below is the one py-fsrs 6.x (fsrs/scheduler.py) computes,
 * written with the same operations in the same order and with pow(e, x)
 * where py-fsrs writes math.e ** x, so that results agree with it to the
 * last bit and intervals round the same way. Python's round() rounds halves
 * to even; nearbyint() in the default rounding mode does the same.
 *
 * Notation: S stability (days), D difficulty (1..10), R retrievability,
 * G the rating 1..4, t whole days since the last review. */
#include "quiz/fsrs.h"

#include <math.h>

/* FSRS-6 default weights w0..w20 (py-fsrs DEFAULT_PARAMETERS). */
static const double S_default_w[FSRS_N_WEIGHTS] = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* py-fsrs's LOWER_BOUNDS_PARAMETERS and UPPER_BOUNDS_PARAMETERS. */
static const double S_w_min[FSRS_N_WEIGHTS] = {
    0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
    0.001, 0.001, 0.001, 0.0,   0.0, 1.0,   0.0,   0.0,   0.0, 0.1,
};
static const double S_w_max[FSRS_N_WEIGHTS] = {
    100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
    5.0,   0.25,  0.9,   4.0,   1.0,  6.0, 2.0, 2.0,  0.8, 0.8,
};

/* Python's math.e: the double nearest to e. */
static const double S_e = 2.718281828459045;

/* Fuzz ranges (py-fsrs FUZZ_RANGES): intervals of 2.5-7 days may move by
 * 15% of the part in that band, 7-20 days by 10%, beyond 20 days by 5%. */
static const struct {
	double start, end, factor;
} S_fuzz_ranges[] = {
    {2.5, 7.0, 0.15},
    {7.0, 20.0, 0.1},
    {20.0, INFINITY, 0.05},
};

void fsrs_params_default(struct fsrs_params *p)
{
	*p = (struct fsrs_params){0};
	for (size_t i = 0; i < FSRS_N_WEIGHTS; i++)
		p->w[i] = S_default_w[i];
	p->desired_retention = 0.9;
	p->maximum_interval = 36500;
	p->enable_fuzz = true;
	p->learning_steps[0] = 60;
	p->learning_steps[1] = 600;
	p->n_learning_steps = 2;
	p->relearning_steps[0] = 600;
	p->n_relearning_steps = 1;
}

static bool S_steps_valid(const int64_t *steps, size_t n)
{
	if (n > FSRS_MAX_STEPS)
		return false;
	for (size_t i = 0; i < n; i++)
		if (steps[i] <= 0)
			return false;
	return true;
}

bool fsrs_params_valid(const struct fsrs_params *p)
{
	for (size_t i = 0; i < FSRS_N_WEIGHTS; i++)
		if (!(p->w[i] >= S_w_min[i] && p->w[i] <= S_w_max[i]))
			return false;
	if (!(p->desired_retention > 0.0 && p->desired_retention < 1.0))
		return false;
	if (p->maximum_interval < 1)
		return false;
	return S_steps_valid(p->learning_steps, p->n_learning_steps) &&
	       S_steps_valid(p->relearning_steps, p->n_relearning_steps);
}

void fsrs_card_init(struct fsrs_card *c, int64_t now)
{
	*c = (struct fsrs_card){0};
	c->state = FSRS_NEW;
	c->due = now;
}

/* The forgetting curve's shape: DECAY = -w20 and FACTOR = 0.9^(1/DECAY) - 1,
 * chosen so that R(t = S) = 0.9, which is what stability means. */
static double S_decay(const struct fsrs_params *p)
{
	return -p->w[20];
}

static double S_factor(const struct fsrs_params *p)
{
	return pow(0.9, 1 / S_decay(p)) - 1;
}

static double S_clamp_stability(double s)
{
	return s < FSRS_STABILITY_MIN ? FSRS_STABILITY_MIN : s;
}

static double S_clamp_difficulty(double d)
{
	if (d < FSRS_DIFFICULTY_MIN)
		return FSRS_DIFFICULTY_MIN;
	return d > FSRS_DIFFICULTY_MAX ? FSRS_DIFFICULTY_MAX : d;
}

/* timedelta.days: whole days, rounded towards minus infinity. */
static int64_t S_floor_days(int64_t seconds)
{
	int64_t q = seconds / FSRS_DAY_SECONDS;
	if (seconds % FSRS_DAY_SECONDS != 0 && seconds < 0)
		q--;
	return q;
}

/* Forgetting curve R(t, S) = (1 + FACTOR * t / S)^DECAY. */
static double S_forgetting_curve(const struct fsrs_params *p, int64_t elapsed_days, double s)
{
	return pow(1 + S_factor(p) * (double)elapsed_days / s, S_decay(p));
}

/* Ratings are cast to int before subtracting: an enum without negative
 * members may be unsigned, and G - 3 must be able to go below zero. */

/* Initial stability S0(G) = w[G-1]. */
static double S_initial_stability(const struct fsrs_params *p, enum fsrs_rating r)
{
	return S_clamp_stability(p->w[r - 1]);
}

/* Initial difficulty D0(G) = w4 - e^(w5 * (G - 1)) + 1. */
static double S_initial_difficulty(const struct fsrs_params *p, enum fsrs_rating r, bool clamp)
{
	double d = p->w[4] - pow(S_e, p->w[5] * (double)((int)r - 1)) + 1;
	return clamp ? S_clamp_difficulty(d) : d;
}

/* Next difficulty: dD = -w6 * (G - 3), linear damping
 * D' = D + dD * (10 - D) / 9, then mean reversion towards D0(4):
 * D'' = w7 * D0(4) + (1 - w7) * D', clamped to 1..10. */
static double S_next_difficulty(const struct fsrs_params *p, double d, enum fsrs_rating r)
{
	double target = S_initial_difficulty(p, FSRS_EASY, false);
	double delta = -(p->w[6] * (double)((int)r - 3));
	double damped = d + (10.0 - d) * delta / 9.0;
	return S_clamp_difficulty(p->w[7] * target + (1 - p->w[7]) * damped);
}

/* Same-day (short-term) stability, FSRS-6:
 * SInc = e^(w17 * (G - 3 + w18)) * S^-w19, at least 1 for Good and Easy so
 * that a success never lowers stability; S' = S * SInc. */
static double S_short_term_stability(const struct fsrs_params *p, double s, enum fsrs_rating r)
{
	double inc = pow(S_e, p->w[17] * ((double)((int)r - 3) + p->w[18])) * pow(s, -p->w[19]);
	if ((r == FSRS_GOOD || r == FSRS_EASY) && inc < 1.0)
		inc = 1.0;
	return S_clamp_stability(s * inc);
}

/* Stability after a lapse: the long-term post-lapse stability
 * w11 * D^-w12 * ((S + 1)^w13 - 1) * e^((1 - R) * w14), but never more than
 * S / e^(w17 * w18), so forgetting cannot raise stability. */
static double S_forget_stability(const struct fsrs_params *p, double d, double s, double r)
{
	double long_term = p->w[11] * pow(d, -p->w[12]) * (pow(s + 1, p->w[13]) - 1) *
	                   pow(S_e, (1 - r) * p->w[14]);
	double short_term = s / pow(S_e, p->w[17] * p->w[18]);
	return long_term < short_term ? long_term : short_term;
}

/* Stability after a successful recall:
 * S' = S * (1 + e^w8 * (11 - D) * S^-w9 * (e^((1 - R) * w10) - 1)
 *          * (w15 if Hard) * (w16 if Easy)). */
static double S_recall_stability(const struct fsrs_params *p, double d, double s, double r,
                                 enum fsrs_rating g)
{
	double hard_penalty = g == FSRS_HARD ? p->w[15] : 1;
	double easy_bonus = g == FSRS_EASY ? p->w[16] : 1;
	return s * (1 + pow(S_e, p->w[8]) * (11 - d) * pow(s, -p->w[9]) *
	                    (pow(S_e, (1 - r) * p->w[10]) - 1) * hard_penalty * easy_bonus);
}

static double S_next_stability(const struct fsrs_params *p, double d, double s, double r,
                               enum fsrs_rating g)
{
	double next =
	    g == FSRS_AGAIN ? S_forget_stability(p, d, s, r) : S_recall_stability(p, d, s, r, g);
	return S_clamp_stability(next);
}

/* The interval at which R falls to the desired retention, from inverting
 * the forgetting curve: I = S / FACTOR * (DR^(1/DECAY) - 1), rounded to
 * whole days, at least 1 and at most the maximum interval. */
int fsrs_next_interval(const struct fsrs_params *p, double stability)
{
	double ivl = (stability / S_factor(p)) * (pow(p->desired_retention, 1 / S_decay(p)) - 1);
	ivl = nearbyint(ivl);
	if (!(ivl >= 1)) /* also catches NaN from unusable parameters */
		ivl = 1;
	if (ivl > p->maximum_interval)
		ivl = p->maximum_interval;
	return (int)ivl;
}

void fsrs_fuzz_range(const struct fsrs_params *p, int interval_days, int *lo, int *hi)
{
	if (interval_days < 2.5) {
		*lo = *hi = interval_days;
		return;
	}
	/* delta = 1 + the sum over the bands of factor * the part of the
	 * interval lying in that band. */
	double delta = 1.0;
	for (size_t i = 0; i < sizeof S_fuzz_ranges / sizeof *S_fuzz_ranges; i++) {
		double top = fmin((double)interval_days, S_fuzz_ranges[i].end);
		delta += S_fuzz_ranges[i].factor * fmax(top - S_fuzz_ranges[i].start, 0.0);
	}
	int min_ivl = (int)nearbyint(interval_days - delta);
	int max_ivl = (int)nearbyint(interval_days + delta);
	if (min_ivl < 2)
		min_ivl = 2;
	if (max_ivl > p->maximum_interval)
		max_ivl = p->maximum_interval;
	if (min_ivl > max_ivl)
		min_ivl = max_ivl;
	*lo = min_ivl;
	*hi = max_ivl;
}

/* splitmix64: a tiny, well-mixed generator, so that consecutive seeds give
 * unrelated draws. Returns a double uniform in [0, 1), as random() does. */
static double S_uniform(uint64_t seed)
{
	uint64_t z = seed + UINT64_C(0x9E3779B97F4A7C15);
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	z ^= z >> 31;
	return (double)(z >> 11) * 0x1.0p-53;
}

/* py-fsrs _get_fuzzed_interval: round(u * (hi - lo + 1) + lo), at most the
 * maximum interval. Intervals under 2.5 days are left alone. */
static int S_fuzzed_interval(const struct fsrs_params *p, int interval_days, uint64_t seed)
{
	if (interval_days < 2.5)
		return interval_days;
	int lo, hi;
	fsrs_fuzz_range(p, interval_days, &lo, &hi);
	double fuzzed = nearbyint(S_uniform(seed) * (double)(hi - lo + 1) + lo);
	if (fuzzed > p->maximum_interval)
		fuzzed = p->maximum_interval;
	return (int)fuzzed;
}

/* Steps are seconds here where py-fsrs has microsecond timedeltas, so a
 * step scaled by 1.5 or halved is rounded to the nearest second. */
static int64_t S_round_seconds(double seconds)
{
	return (int64_t)nearbyint(seconds);
}

/* The (re)learning steps' rules, py-fsrs's Learning and Relearning cases:
 * Again restarts at step 0; Hard repeats the step (on step 0 it waits 1.5x
 * the only step, or halfway between the first two); Good moves to the next
 * step, graduating after the last; Easy graduates at once. With no steps,
 * or a step beyond the list (the steps were shortened) and a pass, the card
 * graduates. Returns the wait in seconds, or -1 when the card graduates. */
static int64_t S_step_interval(const int64_t *steps, size_t n, struct fsrs_card *c,
                               enum fsrs_rating r)
{
	if (n > FSRS_MAX_STEPS)
		n = FSRS_MAX_STEPS;
	if (c->step < 0)
		c->step = 0;
	size_t step = (size_t)c->step;
	if (n == 0 || (step >= n && r != FSRS_AGAIN))
		return -1;
	switch (r) {
	case FSRS_AGAIN: c->step = 0; return steps[0];
	case FSRS_HARD:
		if (step == 0 && n == 1)
			return S_round_seconds((double)steps[0] * 1.5);
		if (step == 0)
			return S_round_seconds((double)(steps[0] + steps[1]) / 2.0);
		return steps[step];
	case FSRS_GOOD:
		if (step + 1 >= n)
			return -1;
		c->step++;
		return steps[step + 1];
	case FSRS_EASY:
	case FSRS_RATING_NONE: break;
	}
	return -1;
}

/* Updates stability and difficulty for a review at now (the first part of
 * each state's case in py-fsrs review_card). */
static void S_update_memory(const struct fsrs_params *p, struct fsrs_card *c, enum fsrs_rating r,
                            int64_t now)
{
	if (c->state == FSRS_NEW || !(c->stability > 0) || !(c->difficulty > 0)) {
		/* First review: S0(G) and D0(G). */
		c->stability = S_initial_stability(p, r);
		c->difficulty = S_initial_difficulty(p, r, true);
		return;
	}
	bool reviewed = c->last_review != 0;
	int64_t days = S_floor_days(now - c->last_review);
	double s;
	if (reviewed && days < 1) {
		s = S_short_term_stability(p, c->stability, r);
	} else {
		/* py-fsrs takes R = 0 for a card with no last review. */
		double rr =
		    reviewed ? S_forgetting_curve(p, days > 0 ? days : 0, c->stability) : 0.0;
		s = S_next_stability(p, c->difficulty, c->stability, rr, r);
	}
	c->difficulty = S_next_difficulty(p, c->difficulty, r);
	c->stability = s;
}

void fsrs_review(const struct fsrs_params *p, struct fsrs_card *c, enum fsrs_rating r, int64_t now,
                 uint64_t fuzz_seed)
{
	if (r < FSRS_AGAIN || r > FSRS_EASY)
		return;
	if (c->state != FSRS_NEW && c->state != FSRS_LEARNING && c->state != FSRS_REVIEW &&
	    c->state != FSRS_RELEARNING)
		return;
	struct fsrs_card n = *c;
	S_update_memory(p, &n, r, now);

	int64_t wait; /* seconds, or -1: schedule by the stability in days */
	switch (n.state) {
	case FSRS_NEW:
		n.state = FSRS_LEARNING;
		n.step = 0;
		wait = S_step_interval(p->learning_steps, p->n_learning_steps, &n, r);
		break;
	case FSRS_LEARNING:
		wait = S_step_interval(p->learning_steps, p->n_learning_steps, &n, r);
		break;
	case FSRS_RELEARNING:
		wait = S_step_interval(p->relearning_steps, p->n_relearning_steps, &n, r);
		break;
	case FSRS_REVIEW:
	default:
		wait = -1;
		if (r == FSRS_AGAIN) {
			n.lapses++;
			/* Without relearning steps the lapsed card stays in
			 * review, scheduled by its new stability. */
			if (p->n_relearning_steps > 0) {
				n.state = FSRS_RELEARNING;
				n.step = 0;
				wait = p->relearning_steps[0];
			}
		}
		break;
	}
	if (wait < 0) {
		n.state = FSRS_REVIEW;
		n.step = 0;
		int days = fsrs_next_interval(p, n.stability);
		if (p->enable_fuzz)
			days = S_fuzzed_interval(p, days, fuzz_seed);
		wait = (int64_t)days * FSRS_DAY_SECONDS;
	}
	n.due = now + wait;
	n.last_review = now;
	n.reps++;
	*c = n;
}

double fsrs_retrievability(const struct fsrs_params *p, const struct fsrs_card *c, int64_t now)
{
	if (c->state == FSRS_NEW || c->last_review == 0 || !(c->stability > 0))
		return 1.0;
	int64_t days = S_floor_days(now - c->last_review);
	return S_forgetting_curve(p, days > 0 ? days : 0, c->stability);
}

void fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *c, int64_t now,
                  uint64_t fuzz_seed, struct fsrs_card out[4])
{
	for (int r = FSRS_AGAIN; r <= FSRS_EASY; r++) {
		out[r - 1] = *c;
		fsrs_review(p, &out[r - 1], (enum fsrs_rating)r, now, fuzz_seed);
	}
}

const char *fsrs_state_name(enum fsrs_state s)
{
	switch (s) {
	case FSRS_NEW: return "new";
	case FSRS_LEARNING: return "learning";
	case FSRS_REVIEW: return "review";
	case FSRS_RELEARNING: return "relearning";
	}
	return "unknown";
}

static const char *const S_rating_names[] = {"again", "hard", "good", "easy"};

const char *fsrs_rating_name(enum fsrs_rating r)
{
	if (r < FSRS_AGAIN || r > FSRS_EASY)
		return "unknown";
	return S_rating_names[r - 1];
}

/* ASCII case-insensitive equality; ratings are plain English words, and
 * this avoids the locale that strcasecmp would consult. */
static bool S_equal_fold(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		if (x != *b)
			return false;
	}
	return *a == *b;
}

enum fsrs_rating fsrs_rating_parse(const char *word)
{
	if (!word)
		return FSRS_RATING_NONE;
	if (word[0] >= '1' && word[0] <= '4' && word[1] == '\0')
		return (enum fsrs_rating)(word[0] - '0');
	for (int r = FSRS_AGAIN; r <= FSRS_EASY; r++)
		if (S_equal_fold(word, S_rating_names[r - 1]))
			return (enum fsrs_rating)r;
	return FSRS_RATING_NONE;
}
