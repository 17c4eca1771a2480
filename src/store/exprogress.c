/* exprogress: exercise status in the progress database (see exprogress.h). */
#include "store/exprogress.h"

#include <string.h>

#include "core/clock.h"
#include "store/progress_internal.h"

/* Names as stored; the index is the enum value. */
static const char *const S_states[] = {"new", "failed", "passed"};

const char *exprogress_state_name(enum exprogress_state s)
{
	return (size_t)s < sizeof S_states / sizeof *S_states ? S_states[s] : "?";
}

static enum exprogress_state S_state(const unsigned char *word)
{
	for (size_t i = 0; word && i < sizeof S_states / sizeof *S_states; i++)
		if (strcmp((const char *)word, S_states[i]) == 0)
			return (enum exprogress_state)i;
	/* A word from a newer studyterm: treat it as not done rather than fail. */
	return EXPROGRESS_NEW;
}

enum status exprogress_record_run(struct progress *p, const char *id, bool passed,
                                  struct error *err)
{
	sqlite3_stmt *st;
	/* One upsert, so two processes recording at once both count. */
	if (progress_prepare(
	        p,
	        "INSERT INTO exercise_status (id, status, runs, hints, first_passed_at, updated_at)"
	        " VALUES (?1, ?2, 1, 0, CASE WHEN ?3 THEN ?4 END, ?4)"
	        " ON CONFLICT(id) DO UPDATE SET status = excluded.status, runs = runs + 1,"
	        " first_passed_at = coalesce(first_passed_at, excluded.first_passed_at),"
	        " updated_at = excluded.updated_at",
	        &st, err) != ST_OK)
		return ST_DB;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2,
	                  exprogress_state_name(passed ? EXPROGRESS_PASSED : EXPROGRESS_FAILED), -1,
	                  SQLITE_STATIC);
	sqlite3_bind_int(st, 3, passed);
	sqlite3_bind_int64(st, 4, clock_now());
	return progress_step_done(p, st, err);
}

enum status exprogress_record_hints(struct progress *p, const char *id, int shown,
                                    struct error *err)
{
	sqlite3_stmt *st;
	if (progress_prepare(p,
	                     "INSERT INTO exercise_status (id, status, runs, hints, updated_at)"
	                     " VALUES (?1, 'new', 0, ?2, ?3)"
	                     " ON CONFLICT(id) DO UPDATE SET hints = excluded.hints,"
	                     " updated_at = excluded.updated_at WHERE excluded.hints > hints",
	                     &st, err) != ST_OK)
		return ST_DB;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, shown < 0 ? 0 : shown);
	sqlite3_bind_int64(st, 3, clock_now());
	return progress_step_done(p, st, err);
}

static void S_fill(sqlite3_stmt *st, struct exprogress_status *s)
{
	s->state = S_state(sqlite3_column_text(st, 1));
	s->runs = sqlite3_column_int(st, 2);
	s->hints = sqlite3_column_int(st, 3);
	s->first_passed_at = sqlite3_column_int64(st, 4); /* NULL reads as 0 */
	s->updated_at = sqlite3_column_int64(st, 5);
}

#define S_COLUMNS "id, status, runs, hints, first_passed_at, updated_at"

enum status exprogress_get(struct progress *p, const char *id, struct exprogress_status *out,
                           struct error *err)
{
	memset(out, 0, sizeof *out);
	out->id = id;
	out->state = EXPROGRESS_NEW;
	sqlite3_stmt *st;
	if (progress_prepare(p, "SELECT " S_COLUMNS " FROM exercise_status WHERE id = ?", &st,
	                     err) != ST_OK)
		return ST_DB;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		S_fill(st, out);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return error_set(err, ST_DB, sqlite3_db_filename(p->db, "main"), "%s",
		                 sqlite3_errmsg(p->db));
	return ST_OK;
}

enum status exprogress_each(struct progress *p, exprogress_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *st;
	if (progress_prepare(p, "SELECT " S_COLUMNS " FROM exercise_status ORDER BY id", &st,
	                     err) != ST_OK)
		return ST_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct exprogress_status s = {0};
		s.id = (const char *)sqlite3_column_text(st, 0);
		S_fill(st, &s);
		fn(ctx, &s);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return error_set(err, ST_DB, sqlite3_db_filename(p->db, "main"), "%s",
		                 sqlite3_errmsg(p->db));
	return ST_OK;
}
