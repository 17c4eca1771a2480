/* exam: the attempt's state machine over store/exams (see exam.h). */
#include "quiz/exam.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "quiz/exam_draw.h"

/* The generator each question's shuffle starts from: the attempt's seed
 * mixed with the position (splitmix64's finaliser), so every question has
 * its own order and a resumed attempt has the same ones. */
static uint64_t S_question_rng(uint64_t seed, size_t pos)
{
	uint64_t z = seed + (uint64_t)(pos + 1) * UINT64_C(0x9E3779B97F4A7C15);
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return (z ^ (z >> 31)) | 1;
}

/* Finds and parses each item's question; shuffles its options. */
static void S_prepare_questions(struct exam *e, const struct exams_item *items, size_t n)
{
	e->n = n;
	e->questions = xcalloc(n ? n : 1, sizeof *e->questions);
	for (size_t i = 0; i < n; i++) {
		struct exam_question *eq = &e->questions[i];
		eq->score = items[i].score;
		eq->flagged = items[i].flagged;
		eq->entry = catalog_find(e->cat, items[i].qkey);
		struct error err;
		if (eq->entry >= 0)
			eq->q = catalog_question(e->cat, (size_t)eq->entry, &err);
		if (!eq->q) {
			eq->entry = -1; /* gone, or no longer parses: nothing to show */
			continue;
		}
		uint64_t rng = S_question_rng(e->attempt.seed, i);
		quiz_shown_init(&eq->shown, eq->q, &rng);
		if (items[i].answer && quiz_reply_decode(eq->q, items[i].answer, &eq->reply))
			eq->answered = true;
	}
}

static void S_init_warned(struct exam *e, int64_t now)
{
	/* Thresholds already behind at the start (a short exam, a resumed
	 * one) are not announced late; the countdown shows them. */
	e->warned = 0;
	int64_t left = exam_remaining(e, now);
	static const int minutes[] = {10, 5, 1};
	for (size_t i = 0; left >= 0 && i < 3; i++)
		if (left <= minutes[i] * 60)
			e->warned = minutes[i];
}

enum status exam_start(struct exam *e, struct catalog *cat, struct progress *store,
                       const struct quiz_grade_env *env, const struct bank_profile *p,
                       uint64_t seed, int64_t now, struct error *err)
{
	memset(e, 0, sizeof *e);
	struct exam_draw draw;
	if (exam_draw(cat, p, seed, &draw, err) != ST_OK)
		return err->status;
	e->cat = cat;
	e->store = store;
	e->env = env ? *env : (struct quiz_grade_env){0};
	e->attempt = (struct exams_attempt){
	    .profile = xstrdup(p->id ? p->id : "exam"),
	    .title = xstrdup(p->title ? p->title : (p->id ? p->id : "Exam")),
	    .seed = seed,
	    .started_at = now,
	    .deadline = p->time_limit > 0 ? now + p->time_limit : 0,
	    .time_limit = p->time_limit,
	    .timeout = p->timeout == BANK_PROFILE_GRACE         ? EXAMS_TIMEOUT_GRACE
	               : p->timeout == BANK_PROFILE_NOT_COUNTED ? EXAMS_TIMEOUT_NOT_COUNTED
	                                                        : EXAMS_TIMEOUT_SUBMIT,
	    .grace = p->timeout == BANK_PROFILE_GRACE ? p->grace : 0,
	    .pass = p->pass,
	    .sequential = p->navigation == BANK_PROFILE_SEQUENTIAL,
	    .reviewable = p->review,
	};
	struct exams_item *items = xcalloc(draw.n ? draw.n : 1, sizeof *items);
	for (size_t i = 0; i < draw.n; i++) {
		const struct catalog_entry *ce = &cat->entries[draw.entries[i]];
		items[i] = (struct exams_item){
		    .qkey = ce->key, .section = ce->section, .chapter = ce->chapter, .score = -1};
	}
	enum status st = exams_create(store, &e->attempt, items, draw.n, err);
	if (st == ST_OK)
		S_prepare_questions(e, items, draw.n);
	free(items);
	exam_draw_free(&draw);
	if (st != ST_OK) {
		exam_free(e);
		return st;
	}
	S_init_warned(e, now);
	return ST_OK;
}

enum status exam_resume(struct exam *e, struct catalog *cat, struct progress *store,
                        const struct quiz_grade_env *env, int64_t id, int64_t now,
                        struct error *err)
{
	memset(e, 0, sizeof *e);
	e->cat = cat;
	e->store = store;
	e->env = env ? *env : (struct quiz_grade_env){0};
	struct exams_item *items;
	size_t n;
	enum status st = exams_load(store, id, &e->attempt, &items, &n, err);
	if (st != ST_OK)
		return st;
	S_prepare_questions(e, items, n);
	exams_items_free(items, n);
	S_init_warned(e, now);
	exam_tick(e, now, err);
	return ST_OK;
}

void exam_free(struct exam *e)
{
	for (size_t i = 0; i < e->n; i++) {
		quiz_shown_free(&e->questions[i].shown);
		quiz_reply_free(&e->questions[i].reply);
		free(e->questions[i].message);
	}
	free(e->questions);
	exams_attempt_clear(&e->attempt);
	memset(e, 0, sizeof *e);
}

enum exam_phase exam_phase(const struct exam *e, int64_t now)
{
	if (e->attempt.state != EXAMS_OPEN)
		return EXAM_FINISHED;
	if (e->attempt.deadline == 0 || now < e->attempt.deadline)
		return EXAM_RUNNING;
	if (e->attempt.timeout == EXAMS_TIMEOUT_GRACE &&
	    now < e->attempt.deadline + e->attempt.grace)
		return EXAM_GRACE;
	return EXAM_FINISHED; /* due to finish at the next tick */
}

int64_t exam_remaining(const struct exam *e, int64_t now)
{
	if (e->attempt.deadline == 0)
		return -1;
	int64_t end = e->attempt.deadline;
	if (e->attempt.state == EXAMS_OPEN && now >= end &&
	    e->attempt.timeout == EXAMS_TIMEOUT_GRACE)
		end += e->attempt.grace;
	return now < end ? end - now : 0;
}

/* Grades every question into its score and message. */
static void S_grade_all(struct exam *e, double *scores)
{
	for (size_t i = 0; i < e->n; i++) {
		struct exam_question *eq = &e->questions[i];
		free(eq->message);
		eq->message = NULL;
		eq->score = 0;
		if (eq->q && eq->answered) {
			struct quiz_grade g = {0};
			struct error err;
			if (quiz_grade(eq->q, &eq->reply.answer, &e->env, &g, &err) == ST_OK) {
				eq->score = g.score;
				if (g.message)
					eq->message = xstrdup(g.message);
			} else {
				eq->message = xstrdup(err.message); /* scored 0, and says why */
			}
			quiz_grade_clear(&g);
		}
		scores[i] = eq->score;
	}
}

static enum status S_finish(struct exam *e, enum exams_state state, int64_t at, struct error *err)
{
	if (e->attempt.state != EXAMS_OPEN)
		return error_set(err, ST_INVALID, "", "the exam is already over");
	double *scores = xcalloc(e->n ? e->n : 1, sizeof *scores);
	S_grade_all(e, scores);
	enum status st = exams_finish(e->store, e->attempt.id, state, at, scores, e->n, err);
	if (st == ST_OK) {
		e->attempt.state = state;
		e->attempt.finished_at = at;
		e->attempt.score = 0;
		for (size_t i = 0; i < e->n; i++)
			e->attempt.score += scores[i];
	} else {
		for (size_t i = 0; i < e->n; i++)
			e->questions[i].score = -1;
	}
	free(scores);
	return st;
}

bool exam_tick(struct exam *e, int64_t now, struct error *err)
{
	const struct exams_attempt *a = &e->attempt;
	if (a->state != EXAMS_OPEN || a->deadline == 0 || now < a->deadline)
		return false;
	/* Finished at the moment the rule ended it, not when studyterm next
	 * looked: an attempt left overnight used its time limit, not a night. */
	switch (a->timeout) {
	case EXAMS_TIMEOUT_SUBMIT: return S_finish(e, EXAMS_TIMED_OUT, a->deadline, err) == ST_OK;
	case EXAMS_TIMEOUT_GRACE:
		if (now < a->deadline + a->grace)
			return false;
		return S_finish(e, EXAMS_NOT_COUNTED, a->deadline + a->grace, err) == ST_OK;
	case EXAMS_TIMEOUT_NOT_COUNTED:
		return S_finish(e, EXAMS_NOT_COUNTED, a->deadline, err) == ST_OK;
	}
	return false;
}

int exam_warning(struct exam *e, int64_t now)
{
	if (e->attempt.deadline == 0 || e->attempt.state != EXAMS_OPEN ||
	    now >= e->attempt.deadline)
		return 0;
	int64_t left = e->attempt.deadline - now;
	static const int minutes[] = {1, 5, 10}; /* smallest first: it wins */
	for (size_t i = 0; i < 3; i++)
		if (left <= minutes[i] * 60 && (e->warned == 0 || minutes[i] < e->warned)) {
			e->warned = minutes[i];
			return minutes[i];
		}
	return 0;
}

bool exam_can_visit(const struct exam *e, size_t pos)
{
	if (pos >= e->n)
		return false;
	if (!e->attempt.sequential || e->attempt.state != EXAMS_OPEN)
		return true;
	size_t cur = (size_t)e->attempt.current;
	return pos == cur || pos == cur + 1;
}

enum status exam_visit(struct exam *e, size_t pos, struct error *err)
{
	if (!exam_can_visit(e, pos))
		return error_set(err, ST_INVALID, "",
		                 pos >= e->n
		                     ? "there is no question %zu"
		                     : "this exam goes forward only: question %zu is behind you",
		                 pos + 1);
	if ((int)pos == e->attempt.current || e->attempt.state != EXAMS_OPEN) {
		e->attempt.current = (int)pos;
		return ST_OK;
	}
	enum status st = exams_set_current(e->store, e->attempt.id, (int)pos, err);
	if (st == ST_OK)
		e->attempt.current = (int)pos;
	return st;
}

static enum status S_may_answer(const struct exam *e, size_t pos, int64_t now, struct error *err)
{
	if (pos >= e->n)
		return error_set(err, ST_INVALID, "", "there is no question %zu", pos + 1);
	switch (exam_phase(e, now)) {
	case EXAM_RUNNING: break;
	case EXAM_GRACE:
		return error_set(err, ST_INVALID, "", "time is up: you can only submit now");
	case EXAM_FINISHED: return error_set(err, ST_INVALID, "", "the exam is over");
	}
	if (e->attempt.sequential && (int)pos != e->attempt.current)
		return error_set(err, ST_INVALID, "", "this exam goes forward only");
	if (!e->questions[pos].q)
		return error_set(err, ST_INVALID, "",
		                 "question %zu is no longer in the bank: it cannot be answered",
		                 pos + 1);
	return ST_OK;
}

enum status exam_answer(struct exam *e, size_t pos, struct quiz_reply *reply, int64_t now,
                        struct error *err)
{
	enum status st = S_may_answer(e, pos, now, err);
	if (st != ST_OK) {
		quiz_reply_free(reply);
		return st;
	}
	struct exam_question *eq = &e->questions[pos];
	struct buf code = {0};
	quiz_reply_encode(eq->q, reply, &code);
	st = exams_save_answer(e->store, e->attempt.id, (int)pos, buf_cstr(&code), now, err);
	buf_free(&code);
	if (st != ST_OK) {
		quiz_reply_free(reply);
		return st;
	}
	quiz_reply_free(&eq->reply);
	eq->reply = *reply;
	memset(reply, 0, sizeof *reply);
	eq->answered = true;
	return ST_OK;
}

enum status exam_clear(struct exam *e, size_t pos, int64_t now, struct error *err)
{
	enum status st = S_may_answer(e, pos, now, err);
	if (st == ST_OK)
		st = exams_save_answer(e->store, e->attempt.id, (int)pos, NULL, now, err);
	if (st == ST_OK) {
		quiz_reply_free(&e->questions[pos].reply);
		e->questions[pos].answered = false;
	}
	return st;
}

enum status exam_flag(struct exam *e, size_t pos, bool flagged, struct error *err)
{
	if (pos >= e->n)
		return error_set(err, ST_INVALID, "", "there is no question %zu", pos + 1);
	if (e->attempt.state != EXAMS_OPEN)
		return error_set(err, ST_INVALID, "", "the exam is over");
	enum status st = exams_set_flag(e->store, e->attempt.id, (int)pos, flagged, err);
	if (st == ST_OK)
		e->questions[pos].flagged = flagged;
	return st;
}

size_t exam_count_answered(const struct exam *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->n; i++)
		n += e->questions[i].answered;
	return n;
}

size_t exam_count_flagged(const struct exam *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->n; i++)
		n += e->questions[i].flagged;
	return n;
}

enum status exam_submit(struct exam *e, int64_t now, struct error *err)
{
	if (exam_tick(e, now, err))
		return error_set(err, ST_INVALID, "", "time ran out before the exam was submitted");
	if (exam_phase(e, now) == EXAM_FINISHED)
		return error_set(err, ST_INVALID, "", "the exam is already over");
	return S_finish(e, EXAMS_SUBMITTED, now, err);
}

enum status exam_abandon(struct exam *e, int64_t now, struct error *err)
{
	if (exam_tick(e, now, err) || e->attempt.state != EXAMS_OPEN)
		return error_set(err, ST_INVALID, "", "the exam is already over");
	return S_finish(e, EXAMS_ABANDONED, now, err);
}

/* ---- results ---- */

static int S_cmp_sections(const char *a, const char *b)
{
	/* Number by number, so 5.10 comes after 5.9. */
	for (;;) {
		char *ea, *eb;
		long na = strtol(a, &ea, 10), nb = strtol(b, &eb, 10);
		if (na != nb)
			return na < nb ? -1 : 1;
		bool more_a = *ea == '.', more_b = *eb == '.';
		if (!more_a || !more_b)
			return more_a != more_b ? (more_a ? 1 : -1) : strcmp(ea, eb);
		a = ea + 1;
		b = eb + 1;
	}
}

static int S_cmp_groups(const void *x, const void *y)
{
	const struct exam_group *a = x, *b = y;
	if (a->chapter != b->chapter)
		return a->chapter < b->chapter ? -1 : 1;
	return S_cmp_sections(a->name, b->name);
}

void exam_results(const struct exam *e, bool by_section, struct exam_results *out)
{
	memset(out, 0, sizeof *out);
	const struct exams_attempt *a = &e->attempt;
	out->n = e->n;
	out->counted = a->state == EXAMS_SUBMITTED || a->state == EXAMS_TIMED_OUT;
	out->used = a->finished_at > a->started_at ? a->finished_at - a->started_at : 0;
	size_t cap = 0;
	for (size_t i = 0; i < e->n; i++) {
		const struct exam_question *eq = &e->questions[i];
		double s = eq->score > 0 ? eq->score : 0;
		out->score += s;
		out->answered += eq->answered;
		out->correct += s >= 1.0 - 1e-9;
		const struct catalog_entry *ce =
		    eq->entry >= 0 ? &e->cat->entries[eq->entry] : NULL;
		int chapter = ce ? ce->chapter : 0;
		char name[64];
		if (by_section)
			snprintf(name, sizeof name, "%s", ce ? ce->section : "?");
		else
			snprintf(name, sizeof name, "Chapter %d", chapter);
		size_t g = 0;
		while (g < out->n_groups && strcmp(out->groups[g].name, name) != 0)
			g++;
		if (g == out->n_groups) {
			xgrow((void **)&out->groups, &cap, g + 1, sizeof *out->groups);
			out->groups[g] =
			    (struct exam_group){.name = xstrdup(name), .chapter = chapter};
			out->n_groups++;
		}
		out->groups[g].score += s;
		out->groups[g].n++;
	}
	if (out->n_groups > 1)
		qsort(out->groups, out->n_groups, sizeof *out->groups, S_cmp_groups);
	out->percent = e->n ? 100.0 * out->score / (double)e->n : 0;
	/* A hair of tolerance: 14/20 is 70% even when the sum is 13.999999. */
	out->passed = out->counted && out->percent + 1e-9 >= a->pass;
}

void exam_results_free(struct exam_results *r)
{
	for (size_t i = 0; i < r->n_groups; i++)
		free(r->groups[i].name);
	free(r->groups);
	memset(r, 0, sizeof *r);
}
