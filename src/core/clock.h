/* clock: the one place studyterm reads the time.
 *
 * Everything that needs "now" asks clock_now(), so tests can pin time and
 * timed exams can be tested without waiting. The clock is real unless
 * pinned, either by clock_set_fixed() or by the STUDYTERM_CLOCK environment
 * variable (seconds since the epoch) read by clock_init(). A pinned clock
 * only moves when clock_advance() is called (the headless mode's `clock`
 * command does that), unless STUDYTERM_CLOCK_SPEED is set too: then it
 * runs from the pinned time at that many seconds per real second, so a
 * test in a real terminal can watch a 15-minute exam run out in 15
 * seconds. */
#ifndef STUDYTERM_CORE_CLOCK_H
#define STUDYTERM_CORE_CLOCK_H

#include <stdint.h>

/* Reads STUDYTERM_CLOCK and STUDYTERM_CLOCK_SPEED; returns 0, or -1 if
 * either is set but not a number. */
int clock_init(void);
/* Seconds since the epoch. */
int64_t clock_now(void);
void clock_set_fixed(int64_t epoch_seconds);
void clock_advance(int64_t seconds);
int clock_is_fixed(void);
/* Sets how many clock seconds pass per real second from now on (0: the
 * clock stands still between clock_advance calls). Only for a pinned clock. */
void clock_set_speed(double seconds_per_second);
/* Milliseconds until clock_now() next changes, for waiting on input
 * without busy-waiting; -1 when it will not change by itself (pinned and
 * standing still). */
int clock_ms_to_next_second(void);
/* Monotonic nanoseconds, for measuring durations (benchmarks, traces);
 * never pinned, never used for anything a test compares. */
uint64_t clock_monotonic_ns(void);

#endif
