/* exprogress: each hands-on exercise's status in the progress database.
 *
 * One row per exercise, keyed by its id (the folder's name, never a path,
 * so moving the course keeps the history): the outcome of the last check
 * run, how many runs there were, how many hints were shown and when the
 * checks first all passed. An exercise without a row is new. Every change
 * is one statement, committed when made.
 *
 * The status follows the last run: a learner who passed and then broke
 * the work again is "failed" until the next pass, while first_passed_at
 * keeps the first success. Hints only ever go up: a hint once read cannot
 * be unread, and two studyterm processes recording at once keep the
 * larger count.
 *
 * Failure: functions return ST_OK or ST_DB with err naming the database
 * file. Nothing is allocated for the caller. */
#ifndef STUDYTERM_STORE_EXPROGRESS_H
#define STUDYTERM_STORE_EXPROGRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/status.h"
#include "store/progress.h"

enum exprogress_state { EXPROGRESS_NEW, EXPROGRESS_FAILED, EXPROGRESS_PASSED };

/* "new", "failed", "passed": the words stored and shown. */
const char *exprogress_state_name(enum exprogress_state s);

struct exprogress_status {
	const char *id; /* exprogress_each: valid during the call; exprogress_get: the id asked */
	enum exprogress_state state;
	int runs;                /* check runs recorded */
	int hints;               /* hints shown: the next one to give is hints + 1 */
	int64_t first_passed_at; /* seconds since the epoch; 0 when never passed */
	int64_t updated_at;      /* 0 when new */
};

/* Records one check run of exercise id at clock_now(): the status becomes
 * passed or failed, runs goes up by one, first_passed_at is set by the
 * first passing run and kept after that. */
enum status exprogress_record_run(struct progress *p, const char *id, bool passed,
                                  struct error *err);

/* Records that `shown` hints of exercise id have been shown (the count,
 * not one more); a smaller count than the one stored changes nothing.
 * An exercise never run stays new. */
enum status exprogress_record_hints(struct progress *p, const char *id, int shown,
                                    struct error *err);

/* Fills *out with exercise id's status; an exercise with no row is
 * EXPROGRESS_NEW with every count 0 (and ST_OK). */
enum status exprogress_get(struct progress *p, const char *id, struct exprogress_status *out,
                           struct error *err);

/* Calls fn for every exercise with a row, by id. */
typedef void (*exprogress_fn)(void *ctx, const struct exprogress_status *s);
enum status exprogress_each(struct progress *p, exprogress_fn fn, void *ctx, struct error *err);

#endif
