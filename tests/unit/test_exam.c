/* Unit tests for quiz/exam, store/exams and the reply codec: the attempt's
 * life with an injected clock (expiry at the exact second, the grace
 * period, not counted, abandon), resuming after a crash with every answer
 * kept, sequential navigation, time warnings, and results with partial
 * credit for every question type. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bank/load.h"
#include "bank/profile.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "quiz/catalog.h"
#include "quiz/exam.h"
#include "quiz/shown.h"
#include "store/exams.h"
#include "store/progress.h"

#define T0 1767225600 /* 2026-01-01 00:00 UTC */

struct S_fixture {
	char dir[64];
	struct catalog cat;
	struct progress *store;
	struct quiz_grade_env env;
};

static int setup(void **state)
{
	struct S_fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/studyterm-exam-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	catalog_init(&f->cat);
	/* The sample bank: one question of every type (tests/fixtures). */
	struct bank *b = xcalloc(1, sizeof *b);
	struct bank_report r;
	if (bank_load_file("tests/fixtures/banks/sample.md", "flask", b, &r) != 0)
		return -1;
	bank_report_clear(&r);
	catalog_add_bank(&f->cat, b);
	struct error err;
	if (progress_open(f->dir, &f->store, &err) != ST_OK)
		return -1;
	f->env.dataset_dir = "data/sandbox";
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct S_fixture *f = *state;
	progress_close(f->store);
	catalog_free(&f->cat);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	return rc;
}

/* A profile drawing every question of the sample bank. */
static void S_profile(struct bank_profile *p, const char *settings)
{
	char text[512];
	snprintf(text, sizeof text,
	         "# Sample exam\n\nquestions: 8 \xC2\xB7 pass: 50%% \xC2\xB7 %s\n", settings);
	struct bank_report r;
	bank_report_init(&r, "sample.md");
	size_t errors =
	    bank_profile_parse("quizzes/exams/sample.md", text, strlen(text), NULL, 0, p, &r);
	if (errors) {
		struct buf out = {0};
		bank_report_format(&r, &out);
		fail_msg("%s", buf_cstr(&out));
	}
	bank_report_clear(&r);
}

static void S_start(struct S_fixture *f, struct exam *e, const char *settings, int64_t now)
{
	struct bank_profile p;
	S_profile(&p, settings);
	struct error err;
	enum status st = exam_start(e, &f->cat, f->store, &f->env, &p, 42, now, &err);
	if (st != ST_OK)
		fail_msg("exam_start: %s", err.message);
	bank_profile_clear(&p);
}

/* The full-credit answer to q, as a code. */
static void S_right_code(const struct bank_question *q, struct buf *out)
{
	const char *sep = "";
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE:
		buf_puts(out, "p:");
		for (size_t i = 0; i < q->n_choices; i++)
			if (q->choices[i].correct &&
			    (!q->choices[i].has_weight || q->choices[i].weight > 0)) {
				buf_printf(out, "%s%zu", sep, i);
				sep = ",";
			}
		break;
	case BANK_ORDER:
		buf_puts(out, "o:");
		for (size_t i = 0; i < q->n_choices; i++, sep = ",")
			buf_printf(out, "%s%zu", sep, i);
		break;
	case BANK_MATCH:
		buf_puts(out, "m:");
		for (size_t i = 0; i < q->n_pairs; i++, sep = ",")
			buf_printf(out, "%s%zu", sep, i);
		break;
	case BANK_NUMERIC: buf_printf(out, "t:%g", q->numbers[0].value); break;
	case BANK_SQL: buf_printf(out, "t:%s", q->sql); break;
	default: {
		/* short: the first accepted answer, without a code span's backticks */
		const char *t = q->choices[0].text;
		size_t n = strlen(t);
		if (n >= 2 && t[0] == '`' && t[n - 1] == '`')
			buf_printf(out, "t:%.*s", (int)(n - 2), t + 1);
		else
			buf_printf(out, "t:%s", t);
	}
	}
}

static void S_answer_code(struct exam *e, size_t pos, const char *code, int64_t now,
                          enum status want)
{
	struct quiz_reply r;
	assert_true(quiz_reply_decode(e->questions[pos].q, code, &r));
	struct error err;
	enum status st = exam_answer(e, pos, &r, now, &err);
	if (st != want)
		fail_msg("answer %zu '%s': %s", pos, code, st == ST_OK ? "accepted" : err.message);
}

static void S_answer_right(struct exam *e, size_t pos, int64_t now)
{
	struct buf code = {0};
	S_right_code(e->questions[pos].q, &code);
	S_answer_code(e, pos, buf_cstr(&code), now, ST_OK);
	buf_free(&code);
}

static size_t S_find_type(const struct exam *e, enum bank_qtype type)
{
	for (size_t i = 0; i < e->n; i++)
		if (e->questions[i].q && e->questions[i].q->type == type)
			return i;
	fail_msg("no question of type %s", bank_qtype_name(type));
	return 0;
}

/* ---- the reply codec ---- */

static void test_codec_round_trips_and_refuses_what_does_not_fit(void **state)
{
	struct S_fixture *f = *state;
	for (size_t i = 0; i < f->cat.n_entries; i++) {
		struct error err;
		const struct bank_question *q = catalog_question(&f->cat, i, &err);
		assert_non_null(q);
		struct buf code = {0}, again = {0};
		S_right_code(q, &code);
		struct quiz_reply r;
		assert_true(quiz_reply_decode(q, buf_cstr(&code), &r));
		quiz_reply_encode(q, &r, &again);
		assert_string_equal(buf_cstr(&code), buf_cstr(&again));
		struct quiz_grade g = {0};
		struct quiz_grade_env env = {.dataset_dir = "data/sandbox"};
		assert_int_equal(quiz_grade(q, &r.answer, &env, &g, &err), ST_OK);
		if (g.score != 1.0)
			fail_msg("%s: the right code %s scored %g", q->id, buf_cstr(&code),
			         g.score);
		quiz_grade_clear(&g);
		quiz_reply_free(&r);
		/* Codes that do not fit: another kind, an index out of range. */
		const char *bad = q->type == BANK_ORDER                   ? "o:0,0"
		                  : q->type == BANK_MATCH                 ? "m:0"
		                  : q->n_choices && q->type != BANK_SHORT ? "p:99"
		                                                          : "p:0";
		memset(&r, 0x5a, sizeof r);
		assert_false(quiz_reply_decode(q, bad, &r));
		assert_null(r.picked);
		assert_null(r.text);
		assert_false(quiz_reply_decode(q, "", &r));
		buf_free(&code);
		buf_free(&again);
	}
}

/* ---- the attempt ---- */

static void test_start_saves_everything_and_resume_restores_it(void **state)
{
	struct S_fixture *f = *state;
	struct exam e;
	S_start(f, &e, "time: 10 min", T0);
	assert_int_equal(e.n, 8);
	assert_int_equal(exam_phase(&e, T0), EXAM_RUNNING);
	assert_int_equal(exam_remaining(&e, T0 + 1), 599);
	int64_t id = e.attempt.id;

	/* Answer three, flag two, move to question 5; then "crash". */
	S_answer_right(&e, 0, T0 + 10);
	S_answer_right(&e, 3, T0 + 20);
	S_answer_right(&e, 6, T0 + 30);
	struct error err;
	assert_int_equal(exam_flag(&e, 3, true, &err), ST_OK);
	assert_int_equal(exam_flag(&e, 5, true, &err), ST_OK);
	assert_int_equal(exam_visit(&e, 4, &err), ST_OK);
	size_t order[8][8];
	for (size_t i = 0; i < 8; i++)
		for (size_t k = 0; k < e.questions[i].shown.n_order && k < 8; k++)
			order[i][k] = e.questions[i].shown.order[k];
	struct buf before = {0};
	for (size_t i = 0; i < 8; i++) {
		if (e.questions[i].answered)
			quiz_reply_encode(e.questions[i].q, &e.questions[i].reply, &before);
		buf_putc(&before, '|');
	}
	exam_free(&e);

	struct exam again;
	assert_int_equal(exam_resume(&again, &f->cat, f->store, &f->env, id, T0 + 100, &err),
	                 ST_OK);
	assert_int_equal(exam_phase(&again, T0 + 100), EXAM_RUNNING);
	assert_int_equal(exam_remaining(&again, T0 + 100), 500); /* the clock kept running */
	assert_int_equal(again.attempt.current, 4);
	assert_int_equal(exam_count_answered(&again), 3);
	assert_int_equal(exam_count_flagged(&again), 2);
	assert_true(again.questions[3].flagged && again.questions[5].flagged);
	struct buf after = {0};
	for (size_t i = 0; i < 8; i++) {
		if (again.questions[i].answered)
			quiz_reply_encode(again.questions[i].q, &again.questions[i].reply, &after);
		buf_putc(&after, '|');
		for (size_t k = 0; k < again.questions[i].shown.n_order && k < 8; k++)
			assert_int_equal(again.questions[i].shown.order[k], order[i][k]);
	}
	assert_string_equal(buf_cstr(&before), buf_cstr(&after));
	int64_t open;
	assert_int_equal(exams_find_open(f->store, &open, &err), ST_OK);
	assert_int_equal(open, id);
	buf_free(&before);
	buf_free(&after);
	exam_free(&again);
}

static void test_submit_on_time_times_out_at_the_exact_second(void **state)
{
	struct S_fixture *f = *state;
	struct exam e;
	S_start(f, &e, "time: 10 min \xC2\xB7 timeout: submit", T0);
	int64_t deadline = T0 + 600;
	S_answer_right(&e, 1, deadline - 1); /* the last second still counts */
	struct error err;
	assert_false(exam_tick(&e, deadline - 1, &err));
	assert_int_equal(exam_phase(&e, deadline - 1), EXAM_RUNNING);
	assert_true(exam_tick(&e, deadline, &err));
	assert_int_equal(e.attempt.state, EXAMS_TIMED_OUT);
	assert_int_equal(e.attempt.finished_at, deadline);
	S_answer_code(&e, 2, "t:x", deadline, ST_INVALID);
	assert_int_equal(exam_submit(&e, deadline + 1, &err), ST_INVALID);
	struct exam_results r;
	exam_results(&e, false, &r);
	assert_true(r.counted);
	assert_int_equal(r.used, 600);
	assert_int_equal(r.answered, 1);
	assert_float_equal(r.score, 1.0, 1e-9);
	assert_false(r.passed); /* 1 of 8 against 50% */
	exam_results_free(&r);
	exam_free(&e);
}

static void test_grace_allows_only_submitting_then_does_not_count(void **state)
{
	struct S_fixture *f = *state;
	struct exam e;
	struct error err;
	S_start(f, &e, "time: 5 min \xC2\xB7 timeout: grace 2 min", T0);
	int64_t deadline = T0 + 300;
	assert_false(exam_tick(&e, deadline, &err));
	assert_int_equal(exam_phase(&e, deadline), EXAM_GRACE);
	assert_int_equal(exam_remaining(&e, deadline + 20), 100);
	S_answer_code(&e, 2, "t:x", deadline, ST_INVALID);
	assert_int_equal(exam_submit(&e, deadline + 119, &err), ST_OK);
	assert_int_equal(e.attempt.state, EXAMS_SUBMITTED);
	exam_free(&e);

	/* Left unsubmitted through the grace period: it does not count. */
	S_start(f, &e, "time: 5 min \xC2\xB7 timeout: grace 2 min", T0 + 1000);
	deadline = T0 + 1300;
	assert_false(exam_tick(&e, deadline + 119, &err));
	assert_true(exam_tick(&e, deadline + 120, &err));
	assert_int_equal(e.attempt.state, EXAMS_NOT_COUNTED);
	assert_int_equal(e.attempt.finished_at, deadline + 120);
	struct exam_results r;
	exam_results(&e, false, &r);
	assert_false(r.counted);
	assert_false(r.passed);
	exam_results_free(&r);
	exam_free(&e);
}

static void test_not_counted_and_resume_after_time_ran_out_meanwhile(void **state)
{
	struct S_fixture *f = *state;
	struct exam e;
	struct error err;
	S_start(f, &e, "time: 10 min \xC2\xB7 timeout: not counted", T0);
	for (size_t i = 0; i < 8; i++)
		S_answer_right(&e, i, T0 + 60);
	assert_true(exam_tick(&e, T0 + 600, &err));
	assert_int_equal(e.attempt.state, EXAMS_NOT_COUNTED);
	struct exam_results r;
	exam_results(&e, false, &r);
	assert_float_equal(r.percent, 100.0, 1e-9); /* graded for review... */
	assert_false(r.passed);                     /* ...but never passed */
	exam_results_free(&r);
	exam_free(&e);

	/* Closed mid-exam, opened the next day: submitted as it stood at the
	 * deadline, the time used being the time limit. */
	S_start(f, &e, "time: 10 min \xC2\xB7 timeout: submit", T0 + 5000);
	int64_t id = e.attempt.id;
	for (size_t i = 0; i < 4; i++)
		S_answer_right(&e, i, T0 + 5100);
	exam_free(&e);
	assert_int_equal(exam_resume(&e, &f->cat, f->store, &f->env, id, T0 + 5000 + 86400, &err),
	                 ST_OK);
	assert_int_equal(e.attempt.state, EXAMS_TIMED_OUT);
	assert_int_equal(e.attempt.finished_at, T0 + 5600);
	exam_results(&e, false, &r);
	assert_int_equal(r.used, 600);
	assert_float_equal(r.percent, 50.0, 1e-9);
	assert_true(r.passed); /* exactly the pass mark passes */
	exam_results_free(&r);
	exam_free(&e);
	int64_t open;
	assert_int_equal(exams_find_open(f->store, &open, &err), ST_OK);
	assert_int_equal(open, 0);
}

static void test_abandon_and_untimed(void **state)
{
	struct S_fixture *f = *state;
	struct exam e;
	struct error err;
	S_start(f, &e, "time: none", T0);
	assert_int_equal(exam_remaining(&e, T0 + 999999), -1);
	assert_false(exam_tick(&e, T0 + 999999, &err));
	assert_int_equal(exam_warning(&e, T0 + 999999), 0);
	S_answer_right(&e, 0, T0 + 999999);
	assert_int_equal(exam_abandon(&e, T0 + 1000000, &err), ST_OK);
	assert_int_equal(e.attempt.state, EXAMS_ABANDONED);
	assert_int_equal(exam_abandon(&e, T0 + 1000001, &err), ST_INVALID);
	struct exam_results r;
	exam_results(&e, false, &r);
	assert_false(r.counted);
	exam_results_free(&r);
	exam_free(&e);
}

static void test_sequential_goes_forward_only(void **state)
{
	struct S_fixture *f = *state;
	struct exam e;
	struct error err;
	S_start(f, &e, "time: 10 min \xC2\xB7 navigation: sequential", T0);
	assert_true(exam_can_visit(&e, 0));
	assert_true(exam_can_visit(&e, 1));
	assert_false(exam_can_visit(&e, 2));
	S_answer_right(&e, 0, T0 + 1);
	assert_int_equal(exam_visit(&e, 1, &err), ST_OK);
	assert_false(exam_can_visit(&e, 0));
	assert_int_equal(exam_visit(&e, 0, &err), ST_INVALID);
	assert_non_null(strstr(err.message, "forward only"));
	S_answer_code(&e, 0, "p:0", T0 + 2, ST_INVALID); /* behind: cannot change */
	S_answer_right(&e, 1, T0 + 3);
	exam_free(&e);
}

static void test_warnings_at_ten_five_and_one_minute(void **state)
{
	struct S_fixture *f = *state;
	struct exam e;
	S_start(f, &e, "time: 15 min", T0);
	int64_t deadline = T0 + 900;
	assert_int_equal(exam_warning(&e, deadline - 601), 0);
	assert_int_equal(exam_warning(&e, deadline - 600), 10);
	assert_int_equal(exam_warning(&e, deadline - 590), 0);
	assert_int_equal(exam_warning(&e, deadline - 300), 5);
	assert_int_equal(exam_warning(&e, deadline - 30), 1); /* asleep through the minute */
	assert_int_equal(exam_warning(&e, deadline - 10), 0);
	exam_free(&e);
	/* Starting with three minutes: the 10 and 5 minute marks are behind. */
	S_start(f, &e, "time: 3 min", T0);
	assert_int_equal(exam_warning(&e, T0 + 1), 0);
	assert_int_equal(exam_warning(&e, T0 + 120), 1);
	exam_free(&e);
}

static void test_results_give_partial_credit_by_chapter_and_section(void **state)
{
	struct S_fixture *f = *state;
	struct exam e;
	struct error err;
	S_start(f, &e, "time: 30 min", T0);
	/* Every question half right where a type allows it. */
	size_t multi = S_find_type(&e, BANK_MULTI), order = S_find_type(&e, BANK_ORDER),
	       match = S_find_type(&e, BANK_MATCH), single = S_find_type(&e, BANK_SINGLE),
	       numeric = S_find_type(&e, BANK_NUMERIC);
	const struct bank_question *mq = e.questions[multi].q;
	/* multi: one right pick of its rights, no wrong pick */
	struct buf code = {0};
	for (size_t i = 0; i < mq->n_choices; i++)
		if (mq->choices[i].correct) {
			buf_printf(&code, "p:%zu", i);
			break;
		}
	S_answer_code(&e, multi, buf_cstr(&code), T0 + 1, ST_OK);
	/* order: the last two swapped */
	const struct bank_question *oq = e.questions[order].q;
	buf_reset(&code);
	buf_puts(&code, "o:");
	for (size_t i = 0; i < oq->n_choices; i++) {
		size_t v = i + 2 == oq->n_choices ? i + 1 : i + 1 == oq->n_choices ? i - 1 : i;
		buf_printf(&code, "%s%zu", i ? "," : "", v);
	}
	S_answer_code(&e, order, buf_cstr(&code), T0 + 2, ST_OK);
	/* match: the first two pairs swapped, the rest right */
	const struct bank_question *pq = e.questions[match].q;
	buf_reset(&code);
	buf_puts(&code, "m:1,0");
	for (size_t i = 2; i < pq->n_pairs; i++)
		buf_printf(&code, ",%zu", i);
	S_answer_code(&e, match, buf_cstr(&code), T0 + 3, ST_OK);
	S_answer_right(&e, single, T0 + 4);
	S_answer_code(&e, numeric, "t:-1", T0 + 5, ST_OK);
	buf_free(&code);
	assert_int_equal(exam_submit(&e, T0 + 60, &err), ST_OK);

	size_t n_right_multi = 0;
	for (size_t i = 0; i < mq->n_choices; i++)
		n_right_multi += mq->choices[i].correct;
	double want_multi = 1.0 / (double)n_right_multi;
	double want_order = (double)(oq->n_choices - 3) / (double)(oq->n_choices - 1);
	double want_match = (double)(pq->n_pairs - 2) / (double)pq->n_pairs;
	assert_float_equal(e.questions[multi].score, want_multi, 1e-9);
	assert_float_equal(e.questions[order].score, want_order, 1e-9);
	assert_float_equal(e.questions[match].score, want_match, 1e-9);
	assert_float_equal(e.questions[single].score, 1.0, 1e-9);
	assert_float_equal(e.questions[numeric].score, 0.0, 1e-9);

	struct exam_results r;
	exam_results(&e, false, &r);
	double total = want_multi + want_order + want_match + 1.0;
	assert_float_equal(r.score, total, 1e-9);
	assert_float_equal(r.percent, 100.0 * total / 8, 1e-9);
	assert_int_equal(r.answered, 5);
	assert_int_equal(r.correct, 1);
	double sum = 0;
	size_t n = 0;
	for (size_t g = 0; g < r.n_groups; g++) {
		sum += r.groups[g].score;
		n += r.groups[g].n;
		if (g)
			assert_true(r.groups[g - 1].chapter < r.groups[g].chapter);
	}
	assert_float_equal(sum, total, 1e-9);
	assert_int_equal(n, 8);
	exam_results_free(&r);
	exam_results(&e, true, &r); /* by section, in course order */
	for (size_t g = 1; g < r.n_groups; g++)
		assert_true(r.groups[g - 1].chapter <= r.groups[g].chapter);
	assert_true(r.n_groups >= 4);
	exam_results_free(&r);

	/* The stored attempt agrees, and the answers joined the history. */
	struct exams_attempt a;
	struct exams_item *items;
	size_t count;
	assert_int_equal(exams_load(f->store, e.attempt.id, &a, &items, &count, &err), ST_OK);
	assert_int_equal(a.state, EXAMS_SUBMITTED);
	assert_float_equal(a.score, total, 1e-9);
	assert_int_equal(a.answered, 5);
	assert_float_equal(items[multi].score, want_multi, 1e-9);
	exams_items_free(items, count);
	exams_attempt_clear(&a);
	char path[128];
	snprintf(path, sizeof path, "%s/progress.db", f->dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM answer WHERE mode = 'exam'",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 5);
	sqlite3_finalize(st);
	sqlite3_close(db);
	exam_free(&e);
}

static void test_store_refuses_changes_to_a_finished_attempt(void **state)
{
	struct S_fixture *f = *state;
	struct exam e;
	struct error err;
	S_start(f, &e, "time: 10 min", T0);
	int64_t id = e.attempt.id;
	assert_int_equal(exam_submit(&e, T0 + 5, &err), ST_OK);
	assert_int_equal(exams_save_answer(f->store, id, 0, "p:0", T0 + 6, &err), ST_INVALID);
	assert_int_equal(exams_set_flag(f->store, id, 0, true, &err), ST_INVALID);
	double scores[8] = {0};
	assert_int_equal(exams_finish(f->store, id, EXAMS_SUBMITTED, T0 + 7, scores, 8, &err),
	                 ST_INVALID);
	assert_int_equal(exams_save_answer(f->store, id + 100, 0, "p:0", T0, &err), ST_INVALID);
	assert_int_equal(exam_flag(&e, 0, true, &err), ST_INVALID);
	exam_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_codec_round_trips_and_refuses_what_does_not_fit,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_start_saves_everything_and_resume_restores_it,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_submit_on_time_times_out_at_the_exact_second,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_grace_allows_only_submitting_then_does_not_count,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_not_counted_and_resume_after_time_ran_out_meanwhile, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_abandon_and_untimed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sequential_goes_forward_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_warnings_at_ten_five_and_one_minute, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_results_give_partial_credit_by_chapter_and_section,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_refuses_changes_to_a_finished_attempt, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
