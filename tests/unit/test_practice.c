/* Unit tests for the bank database, the catalog, practice selection,
 * shown questions and replies, and the session summary. */
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
#include "quiz/bankbuild.h"
#include "quiz/catalog.h"
#include "quiz/practice.h"
#include "quiz/shown.h"
#include "quiz/summary.h"
#include "store/reviews.h"

#define T0 1767225600 /* 2026-01-01 00:00 UTC */

struct fixture {
	char dir[64];
	char db[128];
	char progress[128];
	struct catalog cat;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/st-practice-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof f->db, "%s/bank.sqlite", f->dir);
	snprintf(f->progress, sizeof f->progress, "%s/progress.db", f->dir);
	struct bankbuild b = {.bank_id = "flask"};
	char path[] = "tests/fixtures/banks/sample.md";
	char *paths[] = {path};
	struct error err = {0};
	if (bankbuild_write(&b, paths, 1, f->db, &err) != ST_OK)
		return -1;
	bankbuild_free(&b);
	catalog_init(&f->cat);
	if (catalog_load_db(&f->cat, f->db, &err) != ST_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	catalog_free(&f->cat);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void test_build_and_catalog(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(f->cat.n_entries, 8);
	long i = catalog_find(&f->cat, "flask/port");
	assert_true(i >= 0);
	const struct catalog_entry *e = &f->cat.entries[i];
	assert_string_equal(e->section, "2.3");
	assert_int_equal(e->chapter, 2);
	assert_int_equal(e->type, BANK_NUMERIC);
	assert_string_equal(e->title, "Default port");
	assert_int_equal(catalog_find(&f->cat, "flask/nope"), -1);
	assert_int_equal(catalog_find(&f->cat, "other/port"), -1);
	/* The stored source parses back into the full question. */
	struct error err;
	const struct bank_question *q = catalog_question(&f->cat, (size_t)i, &err);
	assert_non_null(q);
	assert_int_equal(q->n_numbers, 2);
	assert_true(q->numbers[1].lo == 4990);
	assert_ptr_equal(catalog_question(&f->cat, (size_t)i, &err), q); /* parsed once */
}

static void test_broken_bank_is_not_written(void **state)
{
	struct fixture *f = *state;
	char bad[160];
	snprintf(bad, sizeof bad, "%s/bad.md", f->dir);
	FILE *fp = fopen(bad, "w");
	fputs("## Q\nid: x · section: 1.1\n\nNo answers here.\n", fp);
	fclose(fp);
	struct bankbuild b = {.bank_id = "flask"};
	char *paths[] = {bad};
	struct error err = {0};
	assert_int_equal(bankbuild_write(&b, paths, 1, f->db, &err), ST_INVALID);
	assert_int_equal(b.errors, 1); /* "no answers", said once */
	bankbuild_free(&b);
	/* The previous database is still there, whole. */
	struct catalog c;
	catalog_init(&c);
	assert_int_equal(catalog_load_db(&c, f->db, &err), ST_OK);
	assert_int_equal(c.n_entries, 8);
	catalog_free(&c);
	char tmp[200];
	snprintf(tmp, sizeof tmp, "%s.tmp", f->db);
	assert_int_not_equal(access(tmp, F_OK), 0);
}

static void test_duplicate_ids_across_files(void **state)
{
	struct fixture *f = *state;
	struct bankbuild b = {.bank_id = "flask"};
	char path[] = "tests/fixtures/banks/sample.md";
	char *paths[] = {path, path};
	assert_int_equal(bankbuild_check(&b, paths, 2), 0); /* the same file twice is one file */
	bankbuild_free(&b);
	char copy[160];
	snprintf(copy, sizeof copy, "%s/copy.md", f->dir);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "cp tests/fixtures/banks/sample.md %s", copy);
	assert_int_equal(system(cmd), 0);
	char *two[] = {path, copy};
	struct bankbuild b2 = {.bank_id = "flask"};
	assert_int_equal(bankbuild_check(&b2, two, 2), 8);
	struct buf out = {0};
	bank_report_format(&b2.reports[1], &out);
	char want[300];
	snprintf(want, sizeof want,
	         "%s:5:1: error: id 'mig-upgrade' is also used at "
	         "tests/fixtures/banks/sample.md:5\n",
	         copy);
	assert_non_null(strstr(buf_cstr(&out), want));
	buf_free(&out);
	bankbuild_free(&b2);
}

static void test_new_then_due_then_ahead(void **state)
{
	struct fixture *f = *state;
	struct progress *store;
	struct error err;
	unlink(f->progress);
	assert_int_equal(progress_open_file(f->progress, &store, &err), ST_OK);
	struct practice p;
	practice_init(&p, &f->cat, NULL, 42);
	assert_int_equal(practice_load(&p, store, &err), ST_OK);
	assert_int_equal(practice_new_count(&p), 8);
	bool seen[8] = {0};
	enum practice_kind kind;
	/* Every new question once, none twice; each answered Good is not due today. */
	for (int k = 0; k < 8; k++) {
		long i = practice_next(&p, T0 + k, &kind);
		assert_true(i >= 0);
		assert_int_equal(kind, PRACTICE_NEW);
		assert_false(seen[i]);
		seen[i] = true;
		assert_int_equal(
		    practice_answer(&p, store, (size_t)i, 1.0, FSRS_GOOD, T0 + k, 1000, "1", &err),
		    ST_OK);
	}
	assert_int_equal(practice_new_count(&p), 0);
	/* Nothing due: the soonest card is practised ahead of time. */
	long i = practice_next(&p, T0 + 10, &kind);
	assert_int_equal(kind, PRACTICE_AHEAD);
	/* An Again comes back after its 1-minute learning step, before others. */
	assert_int_equal(
	    practice_answer(&p, store, (size_t)i, 0.0, FSRS_AGAIN, T0 + 20, 1000, "2", &err),
	    ST_OK);
	assert_int_equal(p.items[i].card.due, T0 + 20 + 60);
	assert_int_equal(practice_due_count(&p, T0 + 79), 0);
	assert_int_equal(practice_due_count(&p, T0 + 80), 1);
	long j = practice_next(&p, T0 + 100, &kind);
	assert_int_equal(kind, PRACTICE_DUE);
	assert_int_equal(j, i);
	practice_free(&p);
	progress_close(store);

	/* Reopened: the schedule and the latest scores are kept. */
	assert_int_equal(progress_open_file(f->progress, &store, &err), ST_OK);
	practice_init(&p, &f->cat, NULL, 7);
	assert_int_equal(practice_load(&p, store, &err), ST_OK);
	assert_int_equal(practice_new_count(&p), 0);
	assert_true(p.items[i].has_card);
	assert_int_equal(p.items[i].card.due, T0 + 80);
	assert_true(p.items[i].latest == 0.0);
	assert_int_equal(practice_next(&p, T0 + 100, &kind), i);
	assert_int_equal(kind, PRACTICE_DUE);
	double m = practice_mastery(&p, f->cat.entries[i].section);
	assert_true(m >= 0 && m < 1);
	practice_free(&p);

	/* --weak: the missed question's section only. */
	struct practice_filter weak = {.weak_only = true};
	practice_init(&p, &f->cat, &weak, 7);
	assert_int_equal(practice_load(&p, store, &err), ST_OK);
	for (size_t k = 0; k < f->cat.n_entries; k++)
		if (p.items[k].eligible)
			assert_string_equal(f->cat.entries[k].section, f->cat.entries[i].section);
	assert_true(p.items[i].eligible);
	practice_free(&p);
	size_t answers, right;
	assert_int_equal(reviews_count(store, T0, T0 + 86400, &answers, &right, &err), ST_OK);
	assert_int_equal(answers, 9);
	assert_int_equal(right, 8);
	progress_close(store);
}

static void test_filters(void **state)
{
	struct fixture *f = *state;
	struct practice p;
	struct practice_filter sec = {.section = "1.2"};
	practice_init(&p, &f->cat, &sec, 1);
	assert_int_equal(practice_new_count(&p), 2); /* loaders, match-loading */
	practice_free(&p);
	struct practice_filter ch = {.chapter = 1};
	practice_init(&p, &f->cat, &ch, 1);
	assert_int_equal(practice_new_count(&p), 4);
	practice_free(&p);
	struct practice_filter sec1 = {.section = "1"}; /* a chapter number as a section */
	practice_init(&p, &f->cat, &sec1, 1);
	assert_int_equal(practice_new_count(&p), 4);
	practice_free(&p);
	struct practice_filter due = {.due_only = true};
	practice_init(&p, &f->cat, &due, 1);
	enum practice_kind kind;
	assert_int_equal(practice_next(&p, T0, &kind), -1);
	practice_free(&p);
}

static void test_weak_sections_drawn_more(void **state)
{
	struct fixture *f = *state;
	struct practice p;
	practice_init(&p, &f->cat, NULL, 99);
	/* Section 1.1 fully missed, everything else unknown: 1.1's remaining new
	 * question (sql-count) has weight 4 against 2.5 for the others. */
	long mig = catalog_find(&f->cat, "flask/mig-upgrade");
	struct error err;
	assert_int_equal(practice_answer(&p, NULL, (size_t)mig, 0.0, FSRS_AGAIN, T0, 0, "", &err),
	                 ST_OK);
	long sql = catalog_find(&f->cat, "flask/sql-count");
	int hits = 0;
	enum practice_kind kind;
	for (int k = 0; k < 4000; k++) {
		p.last = -1;
		/* Not due yet: only new questions are drawn. */
		if (practice_next(&p, T0 + 1, &kind) == sql)
			hits++;
	}
	/* Expected share 4 / (4 + 6 * 2.5) = 21%; uniform would be 1/7 = 14%. */
	assert_in_range(hits, 4000 * 18 / 100, 4000 * 25 / 100);
	practice_free(&p);
}

static const struct bank_question *S_q(struct fixture *f, const char *key)
{
	struct error err;
	return catalog_question(&f->cat, (size_t)catalog_find(&f->cat, key), &err);
}

static void test_shown_and_replies(void **state)
{
	struct fixture *f = *state;
	uint64_t rng = 5;
	struct quiz_shown s;
	struct quiz_reply r;
	struct buf why = {0}, said = {0};

	const struct bank_question *q = S_q(f, "flask/mig-upgrade");
	quiz_shown_init(&s, q, &rng);
	size_t right_label = 0;
	for (size_t i = 0; i < 3; i++)
		if (s.order[i] == 1)
			right_label = i + 1;
	char reply[8];
	snprintf(reply, sizeof reply, " %zu ", right_label);
	assert_true(quiz_reply_parse(&s, reply, &r, &why));
	assert_true(r.picked[1] && !r.picked[0] && !r.picked[2]);
	quiz_reply_describe(&s, &r, &said);
	snprintf(reply, sizeof reply, "%zu", right_label);
	assert_string_equal(buf_cstr(&said), reply);
	quiz_reply_free(&r);
	assert_false(quiz_reply_parse(&s, "1 2", &r, &why));
	assert_string_equal(buf_cstr(&why), "Pick one option only.");
	quiz_reply_free(&r);
	buf_reset(&why);
	assert_false(quiz_reply_parse(&s, "7", &r, &why));
	assert_string_equal(buf_cstr(&why), "There is no option 7: pick 1-3.");
	quiz_reply_free(&r);
	buf_reset(&why);
	assert_false(quiz_reply_parse(&s, "", &r, &why));
	assert_string_equal(buf_cstr(&why), "Pick an option (1-3).");
	quiz_reply_free(&r);
	quiz_shown_free(&s);

	/* Ordering: the key in shown labels parses back to the right order. */
	q = S_q(f, "flask/lifecycle");
	quiz_shown_init(&s, q, &rng);
	bool in_order = true;
	for (size_t i = 0; i < 4; i++)
		in_order &= s.order[i] == i;
	assert_false(in_order); /* never shown already solved */
	buf_reset(&said);
	quiz_key_describe(&s, &said);
	assert_true(quiz_reply_parse(&s, buf_cstr(&said), &r, &why));
	for (size_t k = 0; k < 4; k++)
		assert_int_equal(r.order[k], k);
	quiz_reply_free(&r);
	buf_reset(&why);
	assert_false(quiz_reply_parse(&s, "1 1 2 3", &r, &why));
	assert_string_equal(
	    buf_cstr(&why),
	    "Type all 4 item numbers once each, in the right order (e.g. 4 3 2 1).");
	quiz_reply_free(&r);
	quiz_shown_free(&s);

	/* Matching: "1b 2a 3c" and "b a c" are the same reply. */
	q = S_q(f, "flask/match-loading");
	quiz_shown_init(&s, q, &rng);
	struct quiz_reply r2;
	assert_true(quiz_reply_parse(&s, "1b 2a 3c", &r, &why));
	assert_true(quiz_reply_parse(&s, "b, a, c", &r2, &why));
	assert_memory_equal(r.match, r2.match, 3 * sizeof *r.match);
	assert_int_equal(r.match[0], s.right[1]);
	quiz_reply_free(&r);
	quiz_reply_free(&r2);
	buf_reset(&why);
	assert_false(quiz_reply_parse(&s, "b a c d", &r, &why));
	assert_string_equal(
	    buf_cstr(&why),
	    "Give a letter (a-c) for each of the 3 items, e.g. \"1b 2a\" or \"b a\".");
	quiz_reply_free(&r);
	quiz_shown_free(&s);

	/* No-shuffle true/false keeps True first. */
	q = S_q(f, "flask/debug-prod");
	quiz_shown_init(&s, q, &rng);
	assert_int_equal(s.order[0], 0);
	assert_int_equal(s.order[1], 1);
	quiz_shown_free(&s);
	buf_free(&why);
	buf_free(&said);
}

static void test_summary_text(void **state)
{
	struct fixture *f = *state;
	struct practice p;
	practice_init(&p, &f->cat, NULL, 1);
	struct summary s;
	summary_init(&s, T0);
	summary_add(&s, "5.6", 1.0);
	summary_add(&s, "5.6", 0.0);
	summary_add(&s, "2.1", 0.5);
	summary_add(&s, "3.1", 1.0);
	struct buf out = {0};
	summary_format(&s, &p, T0 + 250, &out);
	assert_string_equal(buf_cstr(&out),
	                    "2 of 4 right (62% of the credit) in 4 min 10 s.\n"
	                    "Weakest sections: 2.1 (50%), 5.6 (50%). Re-read them in the course.\n"
	                    "Reviews due: 0 now, 0 within a day.\n");
	buf_free(&out);
	summary_free(&s);
	practice_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_build_and_catalog),
	    cmocka_unit_test(test_broken_bank_is_not_written),
	    cmocka_unit_test(test_duplicate_ids_across_files),
	    cmocka_unit_test(test_new_then_due_then_ahead),
	    cmocka_unit_test(test_filters),
	    cmocka_unit_test(test_weak_sections_drawn_more),
	    cmocka_unit_test(test_shown_and_replies),
	    cmocka_unit_test(test_summary_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
