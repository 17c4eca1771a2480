/* clock: injectable time (see clock.h). */
#include "core/clock.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

static int S_fixed;
static int64_t S_fixed_now;
/* A running pinned clock: S_fixed_now at S_speed_from (monotonic ns). */
static double S_speed;
static uint64_t S_speed_from;

int clock_init(void)
{
	const char *env = getenv("STUDYTERM_CLOCK");
	if (!env || !*env)
		return 0;
	char *end;
	errno = 0;
	long long v = strtoll(env, &end, 10);
	if (errno || *end)
		return -1;
	clock_set_fixed((int64_t)v);
	const char *speed = getenv("STUDYTERM_CLOCK_SPEED");
	if (speed && *speed) {
		double f = strtod(speed, &end);
		if (*end || !(f >= 0 && f <= 1e6))
			return -1;
		clock_set_speed(f);
	}
	return 0;
}

/* Clock nanoseconds past S_fixed_now that a running pinned clock has run. */
static uint64_t S_run_ns(void)
{
	if (S_speed <= 0)
		return 0;
	return (uint64_t)((double)(clock_monotonic_ns() - S_speed_from) * S_speed);
}

int64_t clock_now(void)
{
	if (S_fixed)
		return S_fixed_now + (int64_t)(S_run_ns() / 1000000000u);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

void clock_set_fixed(int64_t epoch_seconds)
{
	S_fixed = 1;
	S_fixed_now = epoch_seconds;
	S_speed_from = clock_monotonic_ns();
}

void clock_advance(int64_t seconds)
{
	if (S_fixed)
		S_fixed_now += seconds;
}

int clock_is_fixed(void)
{
	return S_fixed;
}

void clock_set_speed(double seconds_per_second)
{
	if (!S_fixed)
		return;
	/* Fold what has run so far into the base, then run on from here. */
	S_fixed_now = clock_now();
	S_speed = seconds_per_second;
	S_speed_from = clock_monotonic_ns();
}

int clock_ms_to_next_second(void)
{
	uint64_t into; /* nanoseconds of clock time into the current second */
	double speed = 1;
	if (S_fixed) {
		if (S_speed <= 0)
			return -1;
		into = S_run_ns() % 1000000000u;
		speed = S_speed;
	} else {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		into = (uint64_t)ts.tv_nsec;
	}
	double ms = (double)(1000000000u - into) / 1e6 / speed;
	return ms < 1 ? 1 : ms > 1000 ? 1000 : (int)ms + 1;
}

uint64_t clock_monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
