/* clock: injectable time (see clock.h). */
#include "core/clock.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

static int S_fixed;
static int64_t S_fixed_now;

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
	return 0;
}

int64_t clock_now(void)
{
	if (S_fixed)
		return S_fixed_now;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

void clock_set_fixed(int64_t epoch_seconds)
{
	S_fixed = 1;
	S_fixed_now = epoch_seconds;
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

uint64_t clock_monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
