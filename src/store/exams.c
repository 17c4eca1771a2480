/* exams: mock exam attempts in the progress database (see exams.h). */
#include "store/exams.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/progress_internal.h"

/* Names as stored; the index is the enum value. */
static const char *const S_states[] = {"open", "submitted", "timed out", "not counted",
                                       "abandoned"};
static const char *const S_timeouts[] = {"submit", "grace", "not counted"};

const char *exams_state_name(enum exams_state s)
{
	return (size_t)s < sizeof S_states / sizeof *S_states ? S_states[s] : "?";
}

static int S_lookup(const char *word, const char *const *names, int n, int fallback)
{
	for (int i = 0; word && i < n; i++)
		if (strcmp(word, names[i]) == 0)
			return i;
	return fallback;
}

static const char *S_file(struct progress *p)
{
	return sqlite3_db_filename(p->db, "main");
}

static enum status S_begin(struct progress *p, const char *what, struct error *err)
{
	if (sqlite3_exec(p->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return error_set(err, ST_DB, S_file(p), "cannot %s: %s", what,
		                 sqlite3_errmsg(p->db));
	return ST_OK;
}

/* Commits when rc is ST_OK, else rolls back; returns the outcome. */
static enum status S_end(struct progress *p, enum status rc, const char *what, struct error *err)
{
	if (rc == ST_OK && sqlite3_exec(p->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = error_set(err, ST_DB, S_file(p), "cannot %s: %s", what, sqlite3_errmsg(p->db));
	if (rc != ST_OK)
		sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Steps a prepared statement that returns no rows and readies it for the
 * next bindings. */
static enum status S_step_again(struct progress *p, sqlite3_stmt *st, const char *what,
                                struct error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return error_set(err, ST_DB, S_file(p), "cannot %s: %s", what,
		                 sqlite3_errmsg(p->db));
	return ST_OK;
}

enum status exams_create(struct progress *p, struct exams_attempt *a,
                         const struct exams_item *items, size_t n, struct error *err)
{
	if (S_begin(p, "start the exam", err) != ST_OK)
		return ST_DB;
	sqlite3_stmt *st;
	enum status rc = progress_prepare(
	    p,
	    "INSERT INTO exam_attempt (profile, title, seed, started_at, deadline, time_limit,"
	    " timeout, grace, pass, sequential, reviewable, state, n_questions, current)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, 0)",
	    &st, err);
	if (rc == ST_OK) {
		sqlite3_bind_text(st, 1, a->profile, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, a->title ? a->title : a->profile, -1, SQLITE_STATIC);
		/* SQLite integers are signed: the seed's bits are kept as they are. */
		sqlite3_bind_int64(st, 3, (sqlite3_int64)a->seed);
		sqlite3_bind_int64(st, 4, a->started_at);
		sqlite3_bind_int64(st, 5, a->deadline);
		sqlite3_bind_int(st, 6, a->time_limit);
		sqlite3_bind_text(st, 7, S_timeouts[a->timeout], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 8, a->grace);
		sqlite3_bind_double(st, 9, a->pass);
		sqlite3_bind_int(st, 10, a->sequential);
		sqlite3_bind_int(st, 11, a->reviewable);
		sqlite3_bind_int(st, 12, (int)n);
		rc = progress_step_done(p, st, err);
	}
	if (rc == ST_OK) {
		a->id = sqlite3_last_insert_rowid(p->db);
		rc = progress_prepare(p,
		                      "INSERT INTO exam_item (attempt, pos, qkey, section, chapter)"
		                      " VALUES (?, ?, ?, ?, ?)",
		                      &st, err);
		for (size_t i = 0; rc == ST_OK && i < n; i++) {
			sqlite3_bind_int64(st, 1, a->id);
			sqlite3_bind_int(st, 2, (int)i);
			sqlite3_bind_text(st, 3, items[i].qkey, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, items[i].section ? items[i].section : "", -1,
			                  SQLITE_STATIC);
			sqlite3_bind_int(st, 5, items[i].chapter);
			rc = S_step_again(p, st, "start the exam", err);
		}
		sqlite3_finalize(st); /* NULL when not prepared: a no-op */
	}
	a->state = EXAMS_OPEN;
	a->n_questions = (int)n;
	return S_end(p, rc, "start the exam", err);
}

/* Runs an UPDATE of one open attempt's row or item; ST_INVALID when it
 * changed nothing (no such attempt or question, or the attempt is over). */
static enum status S_update(struct progress *p, sqlite3_stmt *st, const char *what,
                            struct error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return error_set(err, ST_DB, S_file(p), "cannot %s: %s", what,
		                 sqlite3_errmsg(p->db));
	if (sqlite3_changes(p->db) == 0)
		return error_set(err, ST_INVALID, S_file(p), "cannot %s: the attempt is not open",
		                 what);
	return ST_OK;
}

enum status exams_save_answer(struct progress *p, int64_t id, int pos, const char *answer,
                              int64_t at, struct error *err)
{
	sqlite3_stmt *st;
	if (progress_prepare(p,
	                     "UPDATE exam_item SET answer = ?, answered_at = ?"
	                     " WHERE attempt = ? AND pos = ? AND attempt IN"
	                     " (SELECT id FROM exam_attempt WHERE id = ? AND state = 'open')",
	                     &st, err) != ST_OK)
		return ST_DB;
	sqlite3_bind_text(st, 1, answer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, answer ? at : 0);
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_int(st, 4, pos);
	sqlite3_bind_int64(st, 5, id);
	return S_update(p, st, "save the answer", err);
}

enum status exams_set_flag(struct progress *p, int64_t id, int pos, bool flagged, struct error *err)
{
	sqlite3_stmt *st;
	if (progress_prepare(p,
	                     "UPDATE exam_item SET flagged = ? WHERE attempt = ? AND pos = ?"
	                     " AND attempt IN (SELECT id FROM exam_attempt WHERE id = ?"
	                     " AND state = 'open')",
	                     &st, err) != ST_OK)
		return ST_DB;
	sqlite3_bind_int(st, 1, flagged);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int(st, 3, pos);
	sqlite3_bind_int64(st, 4, id);
	return S_update(p, st, "flag the question", err);
}

enum status exams_set_current(struct progress *p, int64_t id, int pos, struct error *err)
{
	sqlite3_stmt *st;
	if (progress_prepare(p,
	                     "UPDATE exam_attempt SET current = ? WHERE id = ? AND state = 'open'"
	                     " AND ? < n_questions",
	                     &st, err) != ST_OK)
		return ST_DB;
	sqlite3_bind_int(st, 1, pos);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int(st, 3, pos);
	return S_update(p, st, "move to the question", err);
}

enum status exams_finish(struct progress *p, int64_t id, enum exams_state state,
                         int64_t finished_at, const double *scores, size_t n, struct error *err)
{
	if (state == EXAMS_OPEN)
		return error_set(err, ST_INVALID, "", "an attempt cannot finish as open");
	if (S_begin(p, "finish the exam", err) != ST_OK)
		return ST_DB;
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += scores[i];
	sqlite3_stmt *st;
	enum status rc = progress_prepare(p,
	                                  "UPDATE exam_attempt SET state = ?, finished_at = ?,"
	                                  " score = ? WHERE id = ? AND state = 'open'"
	                                  " AND n_questions = ?",
	                                  &st, err);
	if (rc == ST_OK) {
		sqlite3_bind_text(st, 1, exams_state_name(state), -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, finished_at);
		sqlite3_bind_double(st, 3, total);
		sqlite3_bind_int64(st, 4, id);
		sqlite3_bind_int(st, 5, (int)n);
		rc = S_update(p, st, "finish the exam", err);
	}
	if (rc == ST_OK) {
		rc = progress_prepare(
		    p, "UPDATE exam_item SET score = ? WHERE attempt = ? AND pos = ?", &st, err);
		for (size_t i = 0; rc == ST_OK && i < n; i++) {
			sqlite3_bind_double(st, 1, scores[i]);
			sqlite3_bind_int64(st, 2, id);
			sqlite3_bind_int(st, 3, (int)i);
			rc = S_step_again(p, st, "finish the exam", err);
		}
		sqlite3_finalize(st);
	}
	/* Every answered question joins the answer history (mode "exam"), so
	 * section mastery, weak-section practice and activity see exams too.
	 * Cards are left alone: an exam is not a spaced review. */
	if (rc == ST_OK) {
		rc = progress_prepare(
		    p,
		    "INSERT INTO answer (qkey, section, answered_at, score, rating, elapsed_ms,"
		    " response, mode) SELECT qkey, section, answered_at, score, 0, 0, answer, "
		    "'exam'"
		    " FROM exam_item WHERE attempt = ? AND answer IS NOT NULL ORDER BY pos",
		    &st, err);
		if (rc == ST_OK) {
			sqlite3_bind_int64(st, 1, id);
			rc = progress_step_done(p, st, err);
		}
	}
	return S_end(p, rc, "finish the exam", err);
}

static char *S_dup_column(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? xstrdup((const char *)t) : NULL;
}

#define S_ATTEMPT_COLUMNS                                                                      \
	"a.id, a.profile, a.title, a.seed, a.started_at, a.deadline, a.time_limit, a.timeout," \
	" a.grace, a.pass, a.sequential, a.reviewable, a.state, a.finished_at, a.score,"       \
	" a.n_questions, a.current,"                                                           \
	" (SELECT count(*) FROM exam_item i WHERE i.attempt = a.id AND i.answer IS NOT NULL)"

/* Fills a from a row of S_ATTEMPT_COLUMNS; strings borrowed from st. */
static void S_attempt_row(sqlite3_stmt *st, struct exams_attempt *a)
{
	*a = (struct exams_attempt){
	    .id = sqlite3_column_int64(st, 0),
	    .profile = (char *)sqlite3_column_text(st, 1),
	    .title = (char *)sqlite3_column_text(st, 2),
	    .seed = (uint64_t)sqlite3_column_int64(st, 3),
	    .started_at = sqlite3_column_int64(st, 4),
	    .deadline = sqlite3_column_int64(st, 5),
	    .time_limit = sqlite3_column_int(st, 6),
	    .timeout = (enum exams_timeout)S_lookup((const char *)sqlite3_column_text(st, 7),
	                                            S_timeouts, 3, EXAMS_TIMEOUT_SUBMIT),
	    .grace = sqlite3_column_int(st, 8),
	    .pass = sqlite3_column_double(st, 9),
	    .sequential = sqlite3_column_int(st, 10) != 0,
	    .reviewable = sqlite3_column_int(st, 11) != 0,
	    .state = (enum exams_state)S_lookup((const char *)sqlite3_column_text(st, 12), S_states,
	                                        5, EXAMS_ABANDONED),
	    .finished_at = sqlite3_column_int64(st, 13),
	    .score = sqlite3_column_double(st, 14),
	    .n_questions = sqlite3_column_int(st, 15),
	    .current = sqlite3_column_int(st, 16),
	    .answered = sqlite3_column_int(st, 17),
	};
}

enum status exams_load(struct progress *p, int64_t id, struct exams_attempt *a,
                       struct exams_item **items, size_t *n, struct error *err)
{
	memset(a, 0, sizeof *a);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st;
	if (progress_prepare(p, "SELECT " S_ATTEMPT_COLUMNS " FROM exam_attempt a WHERE a.id = ?",
	                     &st, err) != ST_OK)
		return ST_DB;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return error_set(err, ST_NOT_FOUND, S_file(p), "no exam attempt %lld",
		                 (long long)id);
	}
	S_attempt_row(st, a);
	a->profile = xstrdup(a->profile ? a->profile : "");
	a->title = xstrdup(a->title ? a->title : "");
	sqlite3_finalize(st);
	if (progress_prepare(p,
	                     "SELECT qkey, section, chapter, answer, answered_at, flagged, score"
	                     " FROM exam_item WHERE attempt = ? ORDER BY pos",
	                     &st, err) != ST_OK) {
		exams_attempt_clear(a);
		return ST_DB;
	}
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		xgrow((void **)items, &cap, *n + 1, sizeof **items);
		(*items)[(*n)++] = (struct exams_item){
		    .qkey = S_dup_column(st, 0),
		    .section = S_dup_column(st, 1),
		    .chapter = sqlite3_column_int(st, 2),
		    .answer = S_dup_column(st, 3),
		    .answered_at = sqlite3_column_int64(st, 4),
		    .flagged = sqlite3_column_int(st, 5) != 0,
		    .score = sqlite3_column_double(st, 6),
		};
		if (!(*items)[*n - 1].qkey)
			(*items)[*n - 1].qkey = xstrdup("");
		if (!(*items)[*n - 1].section)
			(*items)[*n - 1].section = xstrdup("");
	}
	sqlite3_finalize(st);
	return ST_OK;
}

enum status exams_each(struct progress *p, exams_attempt_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *st;
	if (progress_prepare(
	        p, "SELECT " S_ATTEMPT_COLUMNS " FROM exam_attempt a ORDER BY a.started_at, a.id",
	        &st, err) != ST_OK)
		return ST_DB;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct exams_attempt a;
		S_attempt_row(st, &a);
		if (!a.profile)
			a.profile = (char *)"";
		if (!a.title)
			a.title = a.profile;
		fn(ctx, &a);
	}
	sqlite3_finalize(st);
	return ST_OK;
}

enum status exams_find_open(struct progress *p, int64_t *id, struct error *err)
{
	*id = 0;
	sqlite3_stmt *st;
	if (progress_prepare(p,
	                     "SELECT id FROM exam_attempt WHERE state = 'open'"
	                     " ORDER BY started_at DESC, id DESC LIMIT 1",
	                     &st, err) != ST_OK)
		return ST_DB;
	if (sqlite3_step(st) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return ST_OK;
}

void exams_attempt_clear(struct exams_attempt *a)
{
	free(a->profile);
	free(a->title);
	memset(a, 0, sizeof *a);
}

void exams_items_free(struct exams_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].qkey);
		free(items[i].section);
		free(items[i].answer);
	}
	free(items);
}
