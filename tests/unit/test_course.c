/* Unit tests for course indexing and section lookup, on the fixture course. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "course/course.h"
#include "md/outline.h"

static void test_fixture_course_index(void **state)
{
	(void)state;
	struct course *c;
	struct error err;
	assert_int_equal(course_load("tests/fixtures/content", &c, &err), ST_OK);
	assert_int_equal(c->nchapters, 3);
	assert_string_equal(c->chapters[0].key, "01-basics.md");
	assert_string_equal(c->chapters[1].number, "2");
	assert_string_equal(c->chapters[1].title, "Data");
	assert_int_equal(c->chapters[1].nsections, 3);
	assert_string_equal(c->chapters[1].sections[2].number, "2.3");
	assert_string_equal(c->chapters[1].sections[2].title, "Migrations");
	size_t ch;
	long sec;
	assert_int_equal(course_find(c, "2.2", &ch, &sec), 0);
	assert_int_equal(ch, 1);
	assert_int_equal(sec, 1);
	assert_int_equal(course_find(c, "3", &ch, &sec), 0);
	assert_int_equal(ch, 2);
	assert_int_equal(sec, -1);
	assert_int_equal(course_find(c, "9.9", &ch, &sec), -1);
	assert_int_equal(course_chapter_by_key(c, "03-review.md"), 2);
	assert_int_equal(course_chapter_by_key(c, "nope.md"), -1);
	course_free(c);
}

static void test_headings_in_code_are_not_sections(void **state)
{
	(void)state;
	char dir[] = "/tmp/studyterm-course-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[300];
	snprintf(path, sizeof path, "%s/01-x.md", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("# 7 Seven #\n\n```bash\n## 7.9 not a section\n```\n\n## 7.1 Real ##\n~~~\n## 7.8 "
	      "no\n~~~\n"
	      "  ## 7.2 Indented two\n##7.3 no space is not a heading\n## Unnumbered\n",
	      f);
	fclose(f);
	struct course *c;
	struct error err;
	assert_int_equal(course_load(dir, &c, &err), ST_OK);
	assert_string_equal(c->chapters[0].number, "7");
	assert_string_equal(c->chapters[0].title, "Seven");
	assert_int_equal(c->chapters[0].nsections, 2);
	assert_string_equal(c->chapters[0].sections[0].title, "Real");
	assert_string_equal(c->chapters[0].sections[1].number, "7.2");
	course_free(c);
	unlink(path);
	rmdir(dir);
}

static void test_missing_course_is_a_clear_error(void **state)
{
	(void)state;
	struct course *c;
	struct error err;
	assert_int_equal(course_load("/nonexistent/course", &c, &err), ST_NOT_FOUND);
	assert_null(c);
	assert_string_equal(err.where, "/nonexistent/course");
	char dir[] = "/tmp/studyterm-empty-XXXXXX";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(course_load(dir, &c, &err), ST_NOT_FOUND);
	assert_non_null(strstr(err.message, "no chapters"));
	rmdir(dir);
}

static void test_outline_numbers(void **state)
{
	(void)state;
	size_t title;
	assert_int_equal(md_outline_number("5.6 Migrations", &title), 3);
	assert_int_equal(title, 4);
	assert_int_equal(md_outline_number("10. Advanced", &title), 2);
	assert_int_equal(title, 4);
	assert_int_equal(md_outline_number("5.6Migrations", &title), 0);
	assert_int_equal(md_outline_number("Flask 3.1", &title), 0);
	assert_int_equal(md_outline_number("2026 was a year", &title), 4);
	assert_true(md_outline_is_number("5.6"));
	assert_false(md_outline_is_number("5-6"));
	assert_false(md_outline_is_number("5."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fixture_course_index),
	    cmocka_unit_test(test_headings_in_code_are_not_sections),
	    cmocka_unit_test(test_missing_course_is_a_clear_error),
	    cmocka_unit_test(test_outline_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
