/* child: a limited child process (see child.h). */
#define _GNU_SOURCE
#include "sandbox/child.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>

#include "core/clock.h"
#include "core/xalloc.h"

#if defined(__x86_64__)
#define S_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define S_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

enum { S_OUT, S_ERR, S_REC, S_NPIPES };

struct child {
	pid_t pid;        /* also the process group's id; 0 once reaped */
	int fd[S_NPIPES]; /* read ends; -1 when closed */
	struct buf output, errors, records;
	uint64_t output_total;
	struct child_limits limits;
	uint64_t started_ns;
	enum child_end end; /* decided by a limit or child_stop, else at reaping */
	int status;
	bool capped;
};

/* ---- in the child, between fork and exec: async-signal-safe only ---- */

#ifdef S_AUDIT_ARCH
/* fork, vfork and clone without CLONE_THREAD fail with EAGAIN; clone3,
 * whose flags BPF cannot read, fails with ENOSYS so that libc uses clone. */
static int S_cap_processes(void)
{
	struct sock_filter code[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, S_AUDIT_ARCH, 1, 0),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#ifdef __NR_fork
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_fork, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAGAIN),
#endif
#ifdef __NR_vfork
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_vfork, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAGAIN),
#endif
#ifdef __NR_clone3
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
#endif
	    /* x32 system calls (numbers with bit 30) are not for Python. */
	    BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 3),
	    /* The flags' low word (both architectures are little-endian). */
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args)),
	    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 1, 0),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAGAIN),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {.len = (unsigned short)(sizeof code / sizeof *code),
	                          .filter = code};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}
#else
static int S_cap_processes(void)
{
	errno = ENOSYS;
	return -1;
}
#endif

static void S_limit(int resource, size_t value)
{
	if (value == 0)
		return;
	struct rlimit rl = {.rlim_cur = value, .rlim_max = value};
	setrlimit(resource, &rl);
}

static void S_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		p += n;
		len -= (size_t)n;
	}
}

/* Never returns. status_fd is close-on-exec: the parent reads 'c' or 'u'
 * (capped or not), then EOF on success, or 'e' and the errno. */
static void S_in_child(const struct child_spec *spec, const int out[2], const int err[2],
                       const int rec[2], int status_fd)
{
	setpgid(0, 0);
	int null = open("/dev/null", O_RDONLY);
	if (null >= 0 && null != 0) {
		dup2(null, 0);
		close(null);
	}
	dup2(out[1], 1);
	dup2(spec->separate_stderr ? err[1] : out[1], 2);
	if (spec->records)
		dup2(rec[1], 3);
	int keep = spec->records ? 4 : 3;
	/* Everything else goes, the status pipe included until exec (it is
	 * moved above the kept range first). */
	int st = fcntl(status_fd, F_DUPFD_CLOEXEC, 64);
	if (st < 0)
		_exit(127);
	if (st != 64) {
		dup3(st, 64, O_CLOEXEC);
		close(st);
		st = 64;
	}
	for (int fd = keep; fd < 64; fd++)
		close(fd);
	close_range(65, ~0u, 0);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (chdir(spec->dir) != 0) {
		int e = errno;
		S_write_all(st, "d", 1);
		S_write_all(st, &e, sizeof e);
		_exit(127);
	}
	S_limit(RLIMIT_CPU, (size_t)spec->limits.cpu_s);
	S_limit(RLIMIT_AS, spec->limits.memory_bytes);
	S_limit(RLIMIT_FSIZE, spec->limits.file_bytes);
	struct rlimit none_core = {0, 0};
	setrlimit(RLIMIT_CORE, &none_core);
	bool capped = spec->limits.no_processes && S_cap_processes() == 0;
	S_write_all(st, capped ? "c" : "u", 1);
	execve(spec->argv[0], (char *const *)spec->argv, (char *const *)spec->env);
	int e = errno;
	S_write_all(st, "e", 1);
	S_write_all(st, &e, sizeof e);
	_exit(127);
}

/* ---- in the parent ---- */

static void S_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

enum status child_start(const struct child_spec *spec, struct child **out, struct error *err)
{
	*out = NULL;
	int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1}, rec_pipe[2] = {-1, -1},
	    st_pipe[2] = {-1, -1};
	if (pipe2(out_pipe, O_CLOEXEC) != 0 ||
	    (spec->separate_stderr && pipe2(err_pipe, O_CLOEXEC) != 0) ||
	    (spec->records && pipe2(rec_pipe, O_CLOEXEC) != 0) || pipe2(st_pipe, O_CLOEXEC) != 0) {
		int e = errno;
		for (int i = 0; i < 2; i++) {
			S_close(&out_pipe[i]);
			S_close(&err_pipe[i]);
			S_close(&rec_pipe[i]);
			S_close(&st_pipe[i]);
		}
		return error_set(err, ST_IO, spec->argv[0], "cannot make a pipe: %s", strerror(e));
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(out_pipe[0]);
		if (err_pipe[0] >= 0)
			close(err_pipe[0]);
		if (rec_pipe[0] >= 0)
			close(rec_pipe[0]);
		close(st_pipe[0]);
		S_in_child(spec, out_pipe, err_pipe, rec_pipe, st_pipe[1]);
	}
	int fork_errno = errno;
	S_close(&out_pipe[1]);
	S_close(&err_pipe[1]);
	S_close(&rec_pipe[1]);
	S_close(&st_pipe[1]);
	if (pid < 0) {
		S_close(&out_pipe[0]);
		S_close(&err_pipe[0]);
		S_close(&rec_pipe[0]);
		S_close(&st_pipe[0]);
		return error_set(err, ST_IO, spec->argv[0], "cannot start it: %s",
		                 strerror(fork_errno));
	}
	setpgid(pid, pid); /* also here: whichever runs first */
	struct child *c = xcalloc(1, sizeof *c);
	c->pid = pid;
	c->fd[S_OUT] = out_pipe[0];
	c->fd[S_ERR] = err_pipe[0];
	c->fd[S_REC] = rec_pipe[0];
	c->limits = spec->limits;
	c->started_ns = clock_monotonic_ns();
	c->end = CHILD_RUNNING;
	/* The status pipe closes at exec (or _exit): a short wait. */
	char msg[1 + 1 + sizeof(int)];
	size_t got = 0;
	for (;;) {
		ssize_t n = read(st_pipe[0], msg + got, sizeof msg - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		if (got == sizeof msg)
			break;
	}
	close(st_pipe[0]);
	c->capped = got >= 1 && msg[0] == 'c';
	char kind = got >= 1 && msg[0] == 'd' ? 'd' : got >= 2 && msg[1] == 'e' ? 'e' : 0;
	if (kind) {
		int e = 0;
		size_t at = kind == 'd' ? 1 : 2;
		if (got >= at + sizeof e)
			memcpy(&e, msg + at, sizeof e);
		child_free(c);
		if (kind == 'd')
			return error_set(err, ST_NOT_FOUND, spec->dir, "cannot work in it: %s",
			                 strerror(e));
		return error_set(err, ST_NOT_FOUND, spec->argv[0], "cannot run it: %s",
		                 strerror(e));
	}
	for (int i = 0; i < S_NPIPES; i++)
		if (c->fd[i] >= 0)
			fcntl(c->fd[i], F_SETFL, fcntl(c->fd[i], F_GETFL) | O_NONBLOCK);
	*out = c;
	return ST_OK;
}

static void S_kill(struct child *c, enum child_end why)
{
	if (c->pid > 0) {
		kill(-c->pid, SIGKILL);
		kill(c->pid, SIGKILL);
	}
	if (c->end == CHILD_RUNNING)
		c->end = why;
}

/* Reads what one pipe holds now; closes it at EOF. */
static void S_drain(struct child *c, int which)
{
	char chunk[65536];
	for (;;) {
		ssize_t n = read(c->fd[which], chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return; /* EAGAIN: nothing more for now */
		if (n == 0) {
			S_close(&c->fd[which]);
			return;
		}
		if (which != S_REC) {
			struct buf *b = which == S_OUT ? &c->output : &c->errors;
			size_t room =
			    c->limits.keep_bytes > b->len ? c->limits.keep_bytes - b->len : 0;
			buf_append(b, chunk, (size_t)n < room ? (size_t)n : room);
			c->output_total += (uint64_t)n;
			if (c->limits.output_bytes && c->output_total > c->limits.output_bytes) {
				S_kill(c, CHILD_OUTPUT_CUT);
				S_close(&c->fd[which]);
				return;
			}
		} else {
			buf_append(&c->records, chunk, (size_t)n);
			if (c->limits.records_bytes && c->records.len > c->limits.records_bytes) {
				S_kill(c, CHILD_RECORDS_CUT);
				S_close(&c->fd[which]);
				return;
			}
		}
	}
}

/* Reaps the child if it has ended (waiting when block). */
static void S_reap(struct child *c, bool block)
{
	if (c->pid <= 0)
		return;
	int ws;
	pid_t r;
	do
		r = waitpid(c->pid, &ws, block ? 0 : WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r != c->pid)
		return;
	/* Whatever it left in its group goes with it. */
	kill(-c->pid, SIGKILL);
	c->pid = 0;
	if (c->end == CHILD_RUNNING) {
		if (WIFEXITED(ws)) {
			c->end = CHILD_EXITED;
			c->status = WEXITSTATUS(ws);
		} else {
			c->end = CHILD_SIGNALLED;
			c->status = WIFSIGNALED(ws) ? WTERMSIG(ws) : 0;
		}
	} else if (WIFEXITED(ws)) {
		c->status = WEXITSTATUS(ws);
	}
}

static bool S_all_closed(const struct child *c)
{
	for (int i = 0; i < S_NPIPES; i++)
		if (c->fd[i] >= 0)
			return false;
	return true;
}

/* How long one wait may last at most: the child's exit is not an event on
 * its pipes (a process it started may still hold them), so it is looked
 * for this often. */
#define S_SLICE_MS 50

/* Waits up to ms for output and reads what is ready; true when some
 * pipe had something (data or its end). */
static bool S_wait_output(struct child *c, int ms)
{
	struct pollfd p[S_NPIPES];
	int n = 0, which[S_NPIPES];
	for (int i = 0; i < S_NPIPES; i++)
		if (c->fd[i] >= 0) {
			p[n] = (struct pollfd){.fd = c->fd[i], .events = POLLIN};
			which[n++] = i;
		}
	if (n == 0) {
		if (ms > 0) {
			struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
			nanosleep(&ts, NULL);
		}
		return false;
	}
	int r = poll(p, (nfds_t)n, ms);
	for (int i = 0; r > 0 && i < n; i++)
		if (p[i].revents && c->fd[which[i]] >= 0)
			S_drain(c, which[i]);
	return r > 0;
}

bool child_poll(struct child *c, int timeout_ms)
{
	uint64_t start = clock_monotonic_ns();
	uint64_t deadline =
	    c->limits.time_ms ? c->started_ns + (uint64_t)c->limits.time_ms * 1000000u : 0;
	while (c->pid > 0) {
		uint64_t now = clock_monotonic_ns();
		int ms = S_SLICE_MS;
		if (timeout_ms >= 0) {
			uint64_t waited = (now - start) / 1000000u;
			int left = waited >= (uint64_t)timeout_ms ? 0 : timeout_ms - (int)waited;
			ms = left < ms ? left : ms;
		}
		if (deadline) {
			int left = now >= deadline ? 0 : (int)((deadline - now) / 1000000u) + 1;
			ms = left < ms ? left : ms;
		}
		bool output = S_wait_output(c, ms);
		if (deadline && clock_monotonic_ns() >= deadline)
			S_kill(c, CHILD_TIMED_OUT);
		/* Killed (a limit, child_stop): SIGKILL ends it at once. */
		S_reap(c, c->end != CHILD_RUNNING);
		if (c->pid <= 0 || output)
			break;
		if (timeout_ms >= 0 &&
		    (clock_monotonic_ns() - start) / 1000000u >= (uint64_t)timeout_ms)
			break;
	}
	if (c->pid <= 0 && !S_all_closed(c)) {
		/* Ended, and its group killed: what its processes wrote is in the
		 * pipes now (a writer that had filled a pipe would still be
		 * blocked, not ended). A process that left the group (setsid)
		 * may still hold them; it is not waited for. */
		for (int i = 0; i < S_NPIPES; i++) {
			if (c->fd[i] >= 0)
				S_drain(c, i);
			S_close(&c->fd[i]);
		}
	}
	return c->pid <= 0;
}

void child_stop(struct child *c)
{
	if (c && c->pid > 0)
		S_kill(c, CHILD_STOPPED);
}

enum child_end child_end(const struct child *c)
{
	return c->pid > 0 ? CHILD_RUNNING : c->end;
}

int child_status(const struct child *c)
{
	return c->status;
}

const struct buf *child_output(const struct child *c)
{
	return &c->output;
}

const struct buf *child_errors(const struct child *c)
{
	return &c->errors;
}

uint64_t child_output_total(const struct child *c)
{
	return c->output_total;
}

const struct buf *child_records(const struct child *c)
{
	return &c->records;
}

uint64_t child_elapsed_ms(const struct child *c)
{
	return (clock_monotonic_ns() - c->started_ns) / 1000000u;
}

bool child_capped(const struct child *c)
{
	return c->capped;
}

void child_free(struct child *c)
{
	if (!c)
		return;
	if (c->pid > 0) {
		S_kill(c, CHILD_STOPPED);
		S_reap(c, true);
	}
	for (int i = 0; i < S_NPIPES; i++)
		S_close(&c->fd[i]);
	buf_free(&c->output);
	buf_free(&c->errors);
	buf_free(&c->records);
	free(c);
}
