/* Unit tests for core: UTF-8, buffers, clock, paths, status. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/paths.h"
#include "core/status.h"
#include "core/utf8.h"

static void test_utf8_decode_valid_and_invalid(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_decode("\xf0\x9f\x90\xb4", 4, &cp), 4);
	assert_int_equal(cp, 0x1F434);
	/* Overlong, surrogate, truncated and stray continuation bytes. */
	assert_int_equal(utf8_decode("\xc0\xaf", 2, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode("\xe6\x97", 2, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode("\x80", 1, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
}

static void test_utf8_encode_roundtrip(void **state)
{
	(void)state;
	uint32_t samples[] = {0x24, 0xA2, 0x20AC, 0x10348, 0x7F, 0x7FF, 0xFFFF, 0x10FFFF};
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		char out[4];
		size_t n = utf8_encode(samples[i], out);
		uint32_t cp;
		assert_int_equal(utf8_decode(out, n, &cp), n);
		assert_int_equal(cp, samples[i]);
	}
}

static void test_utf8_widths(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("abc", 3), 3);
	assert_int_equal(utf8_width("日本", 6), 4);
	assert_int_equal(utf8_width("e\xcc\x81", 3), 1);        /* combining acute */
	assert_int_equal(utf8_width("\xf0\x9f\x90\xb4", 4), 2); /* pony emoji */
	assert_int_equal(utf8_width("\xe2\x80\x8b", 3), 0);     /* zero width space */
	assert_int_equal(utf8_width("\x01", 1), 0);
	size_t cols;
	assert_int_equal(utf8_prefix_fitting("日本語", 9, 5, &cols), 6);
	assert_int_equal(cols, 4);
	assert_int_equal(utf8_prefix_fitting("ab", 2, 0, &cols), 0);
}

static void test_buf_grows_and_detaches(void **state)
{
	(void)state;
	struct buf b = {0};
	assert_string_equal(buf_cstr(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_memory_equal(b.data, "0,1,2,", 6);
	buf_reset(&b);
	buf_repeat(&b, "─", 3);
	assert_string_equal(buf_cstr(&b), "───");
	char *s = buf_detach(&b);
	assert_null(b.data);
	assert_string_equal(s, "───");
	free(s);
	buf_free(&b);
}

static void test_clock_pinned_and_advanced(void **state)
{
	(void)state;
	setenv("STUDYTERM_CLOCK", "1767225600", 1);
	assert_int_equal(clock_init(), 0);
	assert_true(clock_is_fixed());
	assert_int_equal(clock_now(), 1767225600);
	clock_advance(90);
	assert_int_equal(clock_now(), 1767225690);
	setenv("STUDYTERM_CLOCK", "soon", 1);
	assert_int_equal(clock_init(), -1);
	unsetenv("STUDYTERM_CLOCK");
}

static void test_paths_data_dir_order(void **state)
{
	(void)state;
	setenv("STUDYTERM_HOME", "/tmp/st-home", 1);
	char *d = paths_data_dir();
	assert_string_equal(d, "/tmp/st-home");
	free(d);
	unsetenv("STUDYTERM_HOME");
	setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
	d = paths_data_dir();
	assert_string_equal(d, "/tmp/xdg/studyterm");
	free(d);
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/learner", 1);
	d = paths_data_dir();
	assert_string_equal(d, "/home/learner/.local/share/studyterm");
	free(d);
}

static void test_paths_read_file_errors_name_the_file(void **state)
{
	(void)state;
	struct error err;
	char *data;
	assert_int_equal(paths_read_file("/nonexistent/x.md", &data, NULL, &err), ST_NOT_FOUND);
	assert_string_equal(err.where, "/nonexistent/x.md");
	assert_non_null(strstr(err.message, "cannot open"));
	char dir[] = "/tmp/studyterm-core-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/a/b/c", dir);
	assert_int_equal(paths_mkdir_p(path, &err), ST_OK);
	assert_int_equal(access(path, F_OK), 0);
	assert_string_equal(status_message(ST_DB), "database error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_decode_valid_and_invalid),
	    cmocka_unit_test(test_utf8_encode_roundtrip),
	    cmocka_unit_test(test_utf8_widths),
	    cmocka_unit_test(test_buf_grows_and_detaches),
	    cmocka_unit_test(test_clock_pinned_and_advanced),
	    cmocka_unit_test(test_paths_data_dir_order),
	    cmocka_unit_test(test_paths_read_file_errors_name_the_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
