/* child: running an untrusted program (the learner's Python) as a child
 * process with limits, without blocking the caller.
 *
 * The child runs in a process group of its own, in a folder of the
 * caller's choice, with exactly the environment it is given, stdin from
 * /dev/null, stdout and stderr into one pipe (so their lines interleave as
 * written) or, with separate_stderr, each into its own, and optionally a
 * pipe on file descriptor 3 for machine-readable records (the harness's). Every other descriptor is
 * closed. Before it starts, the child gets:
 * - RLIMIT_CPU (CPU seconds), RLIMIT_AS (memory) and RLIMIT_FSIZE (the
 *   largest file it may write), RLIMIT_CORE 0;
 * - with no_processes, a seccomp filter under which fork, vfork and clone
 *   without CLONE_THREAD fail with EAGAIN, as when a process limit is
 *   reached, and clone3 with ENOSYS (so libc falls back to clone): threads
 *   work, new processes do not. RLIMIT_NPROC cannot do this for root, who
 *   is exempt from it; where seccomp is unavailable the child runs
 *   without that cap (child_capped tells).
 * The caller then calls child_poll, which reads what the child wrote and
 * enforces the wall-clock limit and the output limits: on any of them the
 * whole process group is killed (SIGKILL), as child_stop does at once.
 *
 * Ownership: child_start allocates the struct child, child_free ends it:
 * it kills the group if it still runs and reaps the child, so nothing is
 * left behind. The output and records buffers belong to the child.
 * Failure: child_start returns ST_IO when pipes or fork fail, ST_NOT_FOUND
 * when the program cannot be executed (err says why: the exec's errno is
 * passed back through a close-on-exec pipe). */
#ifndef STUDYTERM_SANDBOX_CHILD_H
#define STUDYTERM_SANDBOX_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/status.h"

struct child_limits {
	int time_ms;          /* wall clock from the start; 0: none */
	int cpu_s;            /* RLIMIT_CPU; 0: none */
	size_t memory_bytes;  /* RLIMIT_AS; 0: none */
	size_t file_bytes;    /* RLIMIT_FSIZE; 0: none */
	size_t output_bytes;  /* the child is stopped once it wrote more; 0: none */
	size_t keep_bytes;    /* output kept for showing; the rest is counted only */
	size_t records_bytes; /* records beyond this stop the child too; 0: none */
	bool no_processes;    /* the seccomp filter above */
};

struct child_spec {
	const char *const *argv; /* argv[0] is the program's path */
	const char *const *env;  /* NULL-terminated; the whole environment */
	const char *dir;         /* its working folder */
	bool records;            /* a pipe on its descriptor 3 */
	bool separate_stderr;    /* stderr apart from stdout (child_errors) */
	struct child_limits limits;
};

enum child_end {
	CHILD_RUNNING,
	CHILD_EXITED,      /* child_status has the exit status */
	CHILD_SIGNALLED,   /* killed by a signal of its own doing (child_status: which) */
	CHILD_TIMED_OUT,   /* ran past time_ms and was killed */
	CHILD_OUTPUT_CUT,  /* wrote more than output_bytes and was killed */
	CHILD_RECORDS_CUT, /* wrote more records than records_bytes and was killed */
	CHILD_STOPPED,     /* child_stop */
};

struct child;

enum status child_start(const struct child_spec *spec, struct child **out, struct error *err);

/* Waits up to timeout_ms (0: not at all, -1: until something happens) for
 * output or the child's end, reads all there is and applies the limits.
 * Returns true once the child has ended and its pipes are drained. */
bool child_poll(struct child *c, int timeout_ms);

/* Kills the child's process group now; the end becomes CHILD_STOPPED
 * unless it had already ended. child_poll still reaps it. */
void child_stop(struct child *c);

enum child_end child_end(const struct child *c);
int child_status(const struct child *c); /* exit status, or signal number */
/* What it wrote on stdout and stderr (only stdout with separate_stderr),
 * at most keep_bytes of it. */
const struct buf *child_output(const struct child *c);
/* With separate_stderr, what it wrote on stderr, at most keep_bytes. */
const struct buf *child_errors(const struct child *c);
/* Everything it wrote on stdout and stderr, kept or not. */
uint64_t child_output_total(const struct child *c);
/* What it wrote on descriptor 3. */
const struct buf *child_records(const struct child *c);
uint64_t child_elapsed_ms(const struct child *c);
/* Whether new processes were capped (no_processes asked and installed). */
bool child_capped(const struct child *c);
/* Ends the child as described above and frees it; NULL is fine. */
void child_free(struct child *c);

#endif
