/* clock: the one place studyterm reads the time.
 *
 * Everything that needs "now" asks clock_now(), so tests can pin time and
 * timed exams can be tested without waiting. The clock is real unless
 * pinned, either by clock_set_fixed() or by the STUDYTERM_CLOCK environment
 * variable (seconds since the epoch) read by clock_init(). A pinned clock
 * only moves when clock_advance() is called (the headless mode's `clock`
 * command does that). */
#ifndef STUDYTERM_CORE_CLOCK_H
#define STUDYTERM_CORE_CLOCK_H

#include <stdint.h>

/* Reads STUDYTERM_CLOCK; returns 0, or -1 if it is set but not a number. */
int clock_init(void);
/* Seconds since the epoch. */
int64_t clock_now(void);
void clock_set_fixed(int64_t epoch_seconds);
void clock_advance(int64_t seconds);
int clock_is_fixed(void);
/* Monotonic nanoseconds, for measuring durations (benchmarks, traces);
 * never pinned, never used for anything a test compares. */
uint64_t clock_monotonic_ns(void);

#endif
