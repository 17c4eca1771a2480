/* parallel: a fixed number of items processed by worker threads in index
 * order, consumed in index order by the thread that started them.
 *
 * The bank builder parses files on every core while it writes the ones
 * already parsed: parallel_start claims items 0, 1, 2 ... for its workers,
 * parallel_wait(p, i) returns once item i is done. Items never run twice
 * and the function must not touch other items' data.
 *
 * When no thread can be started (or only one core is online) the items run
 * in the calling thread inside parallel_wait and parallel_finish, in order:
 * the result is the same, only slower. Workers never wait for the caller,
 * so the caller may do its own work between waits (the builder writes). */
#ifndef STUDYTERM_CORE_PARALLEL_H
#define STUDYTERM_CORE_PARALLEL_H

#include <stddef.h>

typedef void (*parallel_fn)(void *ctx, size_t item);

struct parallel;

/* The number of online cores (at least 1). */
unsigned parallel_cores(void);

/* Starts up to max_threads workers (0: one per online core, at most 8;
 * never more than n) calling fn(ctx, i) for i in [0, n). Returns a handle
 * that parallel_finish frees. Aborts only on out of memory. */
struct parallel *parallel_start(size_t n, parallel_fn fn, void *ctx, unsigned max_threads);

/* Blocks until item i (< n) is done. Memory written by fn for item i is
 * visible to the caller afterwards. */
void parallel_wait(struct parallel *p, size_t i);

/* Waits for every item, stops the workers and frees p. */
void parallel_finish(struct parallel *p);

#endif
