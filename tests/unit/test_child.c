/* Unit tests for sandbox/child: the limited child process the learner's
 * Python runs in. Real programs run here (sh, /usr/bin/python3): a script
 * that never ends is killed at the limit with its whole process group, a
 * fork loop is capped, 100 MB of output is cut, memory is limited, the
 * environment and folder are exactly the given ones, and polling never
 * blocks the caller. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"
#include "sandbox/child.h"

#define S_PY "/usr/bin/python3"

static char S_dir[64];
static const char *const S_env[] = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "ONLY=this", NULL};

static int setup(void **state)
{
	(void)state;
	snprintf(S_dir, sizeof S_dir, "/tmp/studyterm-child-XXXXXX");
	return mkdtemp(S_dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
	return system(cmd);
}

static struct child_limits S_limits(void)
{
	return (struct child_limits){.time_ms = 10000,
	                             .cpu_s = 12,
	                             .memory_bytes = (size_t)1024 * 1024 * 1024,
	                             .output_bytes = (size_t)8 * 1024 * 1024,
	                             .keep_bytes = 256 * 1024,
	                             .no_processes = true};
}

static struct child *S_start(const char *const *argv, struct child_limits limits, bool records)
{
	struct child_spec spec = {
	    .argv = argv, .env = S_env, .dir = S_dir, .records = records, .limits = limits};
	struct child *c = NULL;
	struct error err = {0};
	enum status st = child_start(&spec, &c, &err);
	if (st != ST_OK)
		print_message("%s: %s\n", err.where, err.message);
	assert_int_equal(st, ST_OK);
	return c;
}

static void S_wait(struct child *c)
{
	while (!child_poll(c, -1))
		;
}

/* Whether a process is gone (a zombie no one reaps counts as gone). */
static bool S_gone(long pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return true;
	char line[512] = "";
	bool zombie = fgets(line, sizeof line, f) && strstr(line, ") Z ");
	fclose(f);
	return zombie;
}

static void test_exit_status_and_output(void **state)
{
	(void)state;
	const char *argv[] = {"/bin/sh", "-c", "echo out; echo err >&2; exit 3", NULL};
	struct child *c = S_start(argv, S_limits(), false);
	S_wait(c);
	assert_int_equal(child_end(c), CHILD_EXITED);
	assert_int_equal(child_status(c), 3);
	assert_string_equal(buf_cstr(child_output(c)), "out\nerr\n");
	child_free(c);
}

static void test_stderr_apart_when_asked(void **state)
{
	(void)state;
	const char *argv[] = {"/bin/sh", "-c", "echo out; echo err >&2; echo out2", NULL};
	struct child_spec spec = {.argv = argv,
	                          .env = S_env,
	                          .dir = S_dir,
	                          .separate_stderr = true,
	                          .limits = S_limits()};
	struct child *c = NULL;
	struct error err = {0};
	assert_int_equal(child_start(&spec, &c, &err), ST_OK);
	S_wait(c);
	assert_string_equal(buf_cstr(child_output(c)), "out\nout2\n");
	assert_string_equal(buf_cstr(child_errors(c)), "err\n");
	assert_int_equal(child_output_total(c), 13);
	child_free(c);
}

static void test_environment_and_folder_are_the_given_ones(void **state)
{
	(void)state;
	const char *argv[] = {"/bin/sh", "-c", "pwd; /usr/bin/env | sort", NULL};
	struct child_limits l = S_limits();
	l.no_processes = false; /* the shell runs env as a child */
	struct child *c = S_start(argv, l, false);
	S_wait(c);
	char real[128];
	assert_non_null(realpath(S_dir, real));
	const char *got = buf_cstr(child_output(c));
	/* The folder first; then what was given, and nothing of ours (sh may
	 * add PWD and SHLVL). */
	assert_memory_equal(got, real, strlen(real));
	assert_non_null(strstr(got, "\nLANG=C.UTF-8\n"));
	assert_non_null(strstr(got, "\nONLY=this\n"));
	assert_non_null(strstr(got, "\nPATH=/usr/bin:/bin\n"));
	assert_null(strstr(got, "HOME="));
	assert_null(strstr(got, "STUDYTERM"));
	child_free(c);
}

static void test_records_arrive_on_descriptor_3(void **state)
{
	(void)state;
	const char *argv[] = {"/bin/sh", "-c", "printf 'V5:hello\\n' >&3; echo shown", NULL};
	struct child *c = S_start(argv, S_limits(), true);
	S_wait(c);
	assert_string_equal(buf_cstr(child_records(c)), "V5:hello\n");
	assert_string_equal(buf_cstr(child_output(c)), "shown\n");
	child_free(c);
}

static void test_endless_script_is_killed_at_the_limit_with_its_group(void **state)
{
	(void)state;
	/* A background sleeper in the same group, its pid printed first. */
	const char *argv[] = {"/bin/sh", "-c", "sleep 60 & echo $!; while :; do :; done", NULL};
	struct child_limits l = S_limits();
	l.time_ms = 700;
	l.no_processes = false;
	uint64_t t0 = clock_monotonic_ns();
	struct child *c = S_start(argv, l, false);
	S_wait(c);
	uint64_t ms = (clock_monotonic_ns() - t0) / 1000000u;
	assert_int_equal(child_end(c), CHILD_TIMED_OUT);
	assert_true(ms >= 700 && ms < 3000);
	long sleeper = strtol(buf_cstr(child_output(c)), NULL, 10);
	assert_true(sleeper > 0);
	child_free(c);
	for (int i = 0; i < 50 && !S_gone(sleeper); i++)
		usleep(20000);
	assert_true(S_gone(sleeper));
}

static void test_a_process_that_leaves_the_group_is_not_waited_for(void **state)
{
	(void)state;
	/* It keeps the output pipe open for 30 s in a session of its own. */
	const char *argv[] = {"/bin/sh", "-c", "setsid sleep 30 & echo $!", NULL};
	struct child_limits l = S_limits();
	l.no_processes = false;
	uint64_t t0 = clock_monotonic_ns();
	struct child *c = S_start(argv, l, false);
	S_wait(c);
	assert_true((clock_monotonic_ns() - t0) / 1000000u < 2000);
	assert_int_equal(child_end(c), CHILD_EXITED);
	long pid = strtol(buf_cstr(child_output(c)), NULL, 10);
	assert_true(pid > 0);
	kill((pid_t)pid, SIGKILL);
	child_free(c);
}

static void test_fork_loop_is_capped(void **state)
{
	(void)state;
	const char *code = "import os, subprocess, threading\n"
	                   "n = 0\n"
	                   "try:\n"
	                   "    while n < 10000:\n"
	                   "        pid = os.fork()\n"
	                   "        if pid == 0:\n"
	                   "            os._exit(0)\n"
	                   "        n += 1\n"
	                   "except OSError as e:\n"
	                   "    print('fork', n, e.errno)\n"
	                   "try:\n"
	                   "    subprocess.run(['/bin/true'])\n"
	                   "    print('spawned')\n"
	                   "except OSError as e:\n"
	                   "    print('spawn', e.errno)\n"
	                   "t = threading.Thread(target=lambda: print('thread ran'))\n"
	                   "t.start(); t.join()\n";
	const char *argv[] = {S_PY, "-I", "-c", code, NULL};
	struct child *c = S_start(argv, S_limits(), false);
	S_wait(c);
	const char *out = buf_cstr(child_output(c));
	if (!child_capped(c)) {
		print_message("seccomp is not available here: the cap cannot be tested\n");
		child_free(c);
		skip();
	}
	char want[128];
	snprintf(want, sizeof want, "fork 0 %d\nspawn %d\nthread ran\n", EAGAIN, EAGAIN);
	assert_string_equal(out, want);
	assert_int_equal(child_end(c), CHILD_EXITED);
	assert_int_equal(child_status(c), 0);
	child_free(c);
}

static void test_hundred_megabytes_of_output_are_cut(void **state)
{
	(void)state;
	const char *code = "import sys\n"
	                   "chunk = 'x' * (1024 * 1024)\n"
	                   "for i in range(100):\n"
	                   "    sys.stdout.write(chunk)\n"
	                   "print('never cut')\n";
	const char *argv[] = {S_PY, "-I", "-c", code, NULL};
	uint64_t t0 = clock_monotonic_ns();
	struct child *c = S_start(argv, S_limits(), false);
	S_wait(c);
	assert_int_equal(child_end(c), CHILD_OUTPUT_CUT);
	assert_int_equal(child_output(c)->len, 256 * 1024);
	assert_true(child_output_total(c) > (uint64_t)8 * 1024 * 1024);
	assert_true(child_output_total(c) < (uint64_t)100 * 1024 * 1024);
	assert_null(strstr(buf_cstr(child_output(c)), "never cut"));
	assert_true((clock_monotonic_ns() - t0) / 1000000u < 5000);
	child_free(c);
}

static void test_memory_is_limited(void **state)
{
	(void)state;
	const char *code = "try:\n"
	                   "    x = bytearray(2 * 1024 * 1024 * 1024)\n"
	                   "    print('allocated')\n"
	                   "except MemoryError:\n"
	                   "    print('MemoryError')\n";
	const char *argv[] = {S_PY, "-I", "-c", code, NULL};
	struct child_limits l = S_limits();
	l.memory_bytes = (size_t)512 * 1024 * 1024;
	struct child *c = S_start(argv, l, false);
	S_wait(c);
	assert_string_equal(buf_cstr(child_output(c)), "MemoryError\n");
	child_free(c);
}

static void test_polling_never_blocks_and_stop_kills(void **state)
{
	(void)state;
	const char *argv[] = {S_PY, "-I", "-c",
	                      "import time; print('up', flush=True); time.sleep(30)", NULL};
	struct child *c = S_start(argv, S_limits(), false);
	/* Output streams while it runs. */
	uint64_t t0 = clock_monotonic_ns();
	while (!strstr(buf_cstr(child_output(c)), "up") && clock_monotonic_ns() - t0 < 5000000000u)
		assert_false(child_poll(c, 50));
	assert_string_equal(buf_cstr(child_output(c)), "up\n");
	uint64_t t1 = clock_monotonic_ns();
	for (int i = 0; i < 20; i++)
		assert_false(child_poll(c, 0));
	assert_true((clock_monotonic_ns() - t1) / 1000000u < 100);
	assert_int_equal(child_end(c), CHILD_RUNNING);
	child_stop(c);
	S_wait(c);
	assert_int_equal(child_end(c), CHILD_STOPPED);
	assert_true((clock_monotonic_ns() - t1) / 1000000u < 2000);
	child_free(c);
}

static void test_missing_program_and_folder_are_errors(void **state)
{
	(void)state;
	const char *argv[] = {"/nonexistent/python3", NULL};
	struct child_spec spec = {.argv = argv, .env = S_env, .dir = S_dir, .limits = S_limits()};
	struct child *c = NULL;
	struct error err = {0};
	assert_int_equal(child_start(&spec, &c, &err), ST_NOT_FOUND);
	assert_null(c);
	assert_string_equal(err.where, "/nonexistent/python3");
	assert_non_null(strstr(err.message, "No such file"));
	const char *sh[] = {"/bin/sh", "-c", "true", NULL};
	spec.argv = sh;
	spec.dir = "/nonexistent-folder";
	assert_int_equal(child_start(&spec, &c, &err), ST_NOT_FOUND);
	assert_string_equal(err.where, "/nonexistent-folder");
}

static void test_free_while_running_leaves_nothing(void **state)
{
	(void)state;
	const char *argv[] = {"/bin/sh", "-c", "echo $$; exec sleep 60", NULL};
	struct child *c = S_start(argv, S_limits(), false);
	while (!strchr(buf_cstr(child_output(c)), '\n'))
		child_poll(c, 50);
	long pid = strtol(buf_cstr(child_output(c)), NULL, 10);
	child_free(c);
	assert_true(S_gone(pid));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_exit_status_and_output),
	    cmocka_unit_test(test_stderr_apart_when_asked),
	    cmocka_unit_test(test_environment_and_folder_are_the_given_ones),
	    cmocka_unit_test(test_records_arrive_on_descriptor_3),
	    cmocka_unit_test(test_endless_script_is_killed_at_the_limit_with_its_group),
	    cmocka_unit_test(test_a_process_that_leaves_the_group_is_not_waited_for),
	    cmocka_unit_test(test_fork_loop_is_capped),
	    cmocka_unit_test(test_hundred_megabytes_of_output_are_cut),
	    cmocka_unit_test(test_memory_is_limited),
	    cmocka_unit_test(test_polling_never_blocks_and_stop_kills),
	    cmocka_unit_test(test_missing_program_and_folder_are_errors),
	    cmocka_unit_test(test_free_while_running_leaves_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
