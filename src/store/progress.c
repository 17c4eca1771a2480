/* progress: reading positions and bookmarks in SQLite (see progress.h). */
#include "store/progress.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "core/clock.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "store/db.h"

#include "store/progress_internal.h"

/* Append only: each entry upgrades the schema by one version. */
static const char *const S_migrations[] = {
    "CREATE TABLE reading_position ("
    "  chapter TEXT PRIMARY KEY,"
    "  src_line INTEGER NOT NULL,"
    "  src_offset INTEGER NOT NULL,"
    "  percent INTEGER NOT NULL DEFAULT 0,"
    "  updated_at INTEGER NOT NULL);"
    "CREATE TABLE bookmark ("
    "  id INTEGER PRIMARY KEY,"
    "  chapter TEXT NOT NULL,"
    "  src_line INTEGER NOT NULL,"
    "  src_offset INTEGER NOT NULL,"
    "  label TEXT NOT NULL DEFAULT '',"
    "  created_at INTEGER NOT NULL,"
    "  UNIQUE (chapter, src_line, src_offset));",
    /* 2: practice. Cards and answers are keyed by "bank/id", never by a row
     * of the rebuildable bank database. */
    "CREATE TABLE card ("
    "  qkey TEXT PRIMARY KEY,"
    "  state INTEGER NOT NULL,"
    "  step INTEGER NOT NULL,"
    "  stability REAL NOT NULL,"
    "  difficulty REAL NOT NULL,"
    "  due INTEGER NOT NULL,"
    "  last_review INTEGER NOT NULL,"
    "  reps INTEGER NOT NULL,"
    "  lapses INTEGER NOT NULL);"
    "CREATE TABLE answer ("
    "  id INTEGER PRIMARY KEY,"
    "  qkey TEXT NOT NULL,"
    "  section TEXT NOT NULL,"
    "  answered_at INTEGER NOT NULL,"
    "  score REAL NOT NULL,"
    "  rating INTEGER NOT NULL,"
    "  elapsed_ms INTEGER NOT NULL,"
    "  response TEXT NOT NULL,"
    "  mode TEXT NOT NULL);"
    "CREATE INDEX answer_by_question ON answer (qkey, answered_at);"
    "CREATE INDEX answer_by_time ON answer (answered_at);",
    /* 3: mock exams (store/exams). An attempt copies its profile's settings
     * so it can be resumed or judged after the profile changes. */
    "CREATE TABLE exam_attempt ("
    "  id INTEGER PRIMARY KEY,"
    "  profile TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  seed INTEGER NOT NULL,"
    "  started_at INTEGER NOT NULL,"
    "  deadline INTEGER NOT NULL,"
    "  time_limit INTEGER NOT NULL,"
    "  timeout TEXT NOT NULL,"
    "  grace INTEGER NOT NULL,"
    "  pass REAL NOT NULL,"
    "  sequential INTEGER NOT NULL,"
    "  reviewable INTEGER NOT NULL,"
    "  state TEXT NOT NULL,"
    "  finished_at INTEGER NOT NULL DEFAULT 0,"
    "  score REAL NOT NULL DEFAULT 0,"
    "  n_questions INTEGER NOT NULL,"
    "  current INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE exam_item ("
    "  attempt INTEGER NOT NULL REFERENCES exam_attempt(id),"
    "  pos INTEGER NOT NULL,"
    "  qkey TEXT NOT NULL,"
    "  section TEXT NOT NULL,"
    "  chapter INTEGER NOT NULL,"
    "  answer TEXT,"
    "  answered_at INTEGER NOT NULL DEFAULT 0,"
    "  flagged INTEGER NOT NULL DEFAULT 0,"
    "  score REAL NOT NULL DEFAULT -1,"
    "  PRIMARY KEY (attempt, pos));"
    "CREATE INDEX exam_attempt_by_state ON exam_attempt (state, started_at);",
    /* 4: hands-on exercises (store/exprogress), keyed by the exercise's
     * folder name, which authors are asked to keep. */
    "CREATE TABLE exercise_status ("
    "  id TEXT PRIMARY KEY,"
    "  status TEXT NOT NULL,"
    "  runs INTEGER NOT NULL DEFAULT 0,"
    "  hints INTEGER NOT NULL DEFAULT 0,"
    "  first_passed_at INTEGER,"
    "  updated_at INTEGER NOT NULL);",
};

enum status progress_open_file(const char *path, struct progress **out, struct error *err)
{
	sqlite3 *db;
	*out = NULL;
	enum status st = db_open(path, S_migrations,
	                         (int)(sizeof S_migrations / sizeof *S_migrations), &db, err);
	if (st != ST_OK)
		return st;
	*out = xcalloc(1, sizeof **out);
	(*out)->db = db;
	return ST_OK;
}

enum status progress_open(const char *data_dir, struct progress **out, struct error *err)
{
	*out = NULL;
	enum status st = paths_mkdir_p(data_dir, err);
	if (st != ST_OK)
		return st;
	char *path = paths_join(data_dir, "progress.db");
	st = progress_open_file(path, out, err);
	free(path);
	return st;
}

void progress_close(struct progress *p)
{
	if (!p)
		return;
	sqlite3_close(p->db);
	free(p);
}

enum status progress_prepare(struct progress *p, const char *sql, sqlite3_stmt **st,
                             struct error *err)
{
	if (sqlite3_prepare_v2(p->db, sql, -1, st, NULL) != SQLITE_OK)
		return error_set(err, ST_DB, sqlite3_db_filename(p->db, "main"), "%s",
		                 sqlite3_errmsg(p->db));
	return ST_OK;
}

enum status progress_step_done(struct progress *p, sqlite3_stmt *st, struct error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return error_set(err, ST_DB, sqlite3_db_filename(p->db, "main"), "cannot save: %s",
		                 sqlite3_errmsg(p->db));
	return ST_OK;
}

enum status progress_get_position(struct progress *p, const char *chapter,
                                  struct progress_position *out, struct error *err)
{
	sqlite3_stmt *st;
	if (progress_prepare(
	        p,
	        "SELECT src_line, src_offset, percent, updated_at FROM reading_position"
	        " WHERE chapter = ?",
	        &st, err) != ST_OK)
		return ST_DB;
	sqlite3_bind_text(st, 1, chapter, -1, SQLITE_TRANSIENT);
	enum status result = ST_NOT_FOUND;
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->src_line = (uint32_t)sqlite3_column_int64(st, 0);
		out->offset = (uint32_t)sqlite3_column_int64(st, 1);
		out->percent = sqlite3_column_int(st, 2);
		out->updated_at = sqlite3_column_int64(st, 3);
		result = ST_OK;
	}
	sqlite3_finalize(st);
	return result;
}

enum status progress_set_position(struct progress *p, const char *chapter,
                                  const struct progress_position *pos, struct error *err)
{
	sqlite3_stmt *st;
	if (progress_prepare(
	        p,
	        "INSERT INTO reading_position (chapter, src_line, src_offset, percent, updated_at)"
	        " VALUES (?, ?, ?, ?, ?) ON CONFLICT(chapter) DO UPDATE SET"
	        " src_line = excluded.src_line, src_offset = excluded.src_offset,"
	        " percent = max(percent, excluded.percent), updated_at = excluded.updated_at",
	        &st, err) != ST_OK)
		return ST_DB;
	sqlite3_bind_text(st, 1, chapter, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, pos->src_line);
	sqlite3_bind_int64(st, 3, pos->offset);
	sqlite3_bind_int(st, 4, pos->percent);
	sqlite3_bind_int64(st, 5, clock_now());
	return progress_step_done(p, st, err);
}

enum status progress_last_chapter(struct progress *p, char **chapter, struct error *err)
{
	sqlite3_stmt *st;
	*chapter = NULL;
	if (progress_prepare(
	        p,
	        "SELECT chapter FROM reading_position ORDER BY updated_at DESC, rowid DESC LIMIT 1",
	        &st, err) != ST_OK)
		return ST_DB;
	enum status result = ST_NOT_FOUND;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*chapter = xstrdup((const char *)sqlite3_column_text(st, 0));
		result = ST_OK;
	}
	sqlite3_finalize(st);
	return result;
}

enum status progress_add_bookmark(struct progress *p, const char *chapter, uint32_t src_line,
                                  uint32_t offset, const char *label, struct error *err)
{
	sqlite3_stmt *st;
	if (progress_prepare(
	        p,
	        "INSERT INTO bookmark (chapter, src_line, src_offset, label, created_at)"
	        " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET label = excluded.label",
	        &st, err) != ST_OK)
		return ST_DB;
	sqlite3_bind_text(st, 1, chapter, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, src_line);
	sqlite3_bind_int64(st, 3, offset);
	sqlite3_bind_text(st, 4, label ? label : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, clock_now());
	return progress_step_done(p, st, err);
}

enum status progress_list_bookmarks(struct progress *p, struct progress_bookmark **out,
                                    size_t *count, struct error *err)
{
	sqlite3_stmt *st;
	*out = NULL;
	*count = 0;
	if (progress_prepare(
	        p,
	        "SELECT id, chapter, src_line, src_offset, label, created_at FROM bookmark"
	        " ORDER BY created_at, id",
	        &st, err) != ST_OK)
		return ST_DB;
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		void *v = *out;
		xgrow(&v, &cap, *count + 1, sizeof **out);
		*out = v;
		struct progress_bookmark *m = &(*out)[(*count)++];
		m->id = sqlite3_column_int64(st, 0);
		m->chapter = xstrdup((const char *)sqlite3_column_text(st, 1));
		m->src_line = (uint32_t)sqlite3_column_int64(st, 2);
		m->offset = (uint32_t)sqlite3_column_int64(st, 3);
		m->label = xstrdup((const char *)sqlite3_column_text(st, 4));
		m->created_at = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	return ST_OK;
}

enum status progress_delete_bookmark(struct progress *p, int64_t id, struct error *err)
{
	sqlite3_stmt *st;
	if (progress_prepare(p, "DELETE FROM bookmark WHERE id = ?", &st, err) != ST_OK)
		return ST_DB;
	sqlite3_bind_int64(st, 1, id);
	return progress_step_done(p, st, err);
}

void progress_bookmarks_free(struct progress_bookmark *marks, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(marks[i].chapter);
		free(marks[i].label);
	}
	free(marks);
}
