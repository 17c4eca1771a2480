/* db: SQLite opening, pragmas and migrations (see db.h). */
#include "store/db.h"

#include <stdio.h>

static enum status S_fail(sqlite3 *db, const char *where, const char *what, struct error *err)
{
	return error_set(err, ST_DB, where, "%s: %s", what,
	                 db ? sqlite3_errmsg(db) : "out of memory");
}

enum status db_exec(sqlite3 *db, const char *sql, const char *what, struct error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error_set(err, ST_DB, sqlite3_db_filename(db, "main"), "%s: %s", what,
		          msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return ST_DB;
	}
	return ST_OK;
}

static int S_user_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return v;
}

enum status db_open(const char *path, const char *const *migrations, int nmigrations, sqlite3 **out,
                    struct error *err)
{
	sqlite3 *db = NULL;
	*out = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		enum status st = S_fail(db, path, "cannot open database", err);
		sqlite3_close(db);
		return st;
	}
	sqlite3_busy_timeout(db, 2000);
	if (db_exec(db,
	            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
	            "cannot configure database", err) != ST_OK)
		goto fail;
	int version = S_user_version(db);
	if (version < 0) {
		S_fail(db, path, "cannot read the schema version (is this a studyterm database?)",
		       err);
		goto fail;
	}
	if (version > nmigrations) {
		error_set(err, ST_DB, path,
		          "schema version %d was made by a newer studyterm (this one knows %d)",
		          version, nmigrations);
		goto fail;
	}
	for (int i = version; i < nmigrations; i++) {
		char bump[64];
		snprintf(bump, sizeof bump, "PRAGMA user_version=%d;", i + 1);
		if (db_exec(db, "BEGIN IMMEDIATE;", "cannot start migration", err) != ST_OK)
			goto fail;
		if (db_exec(db, migrations[i], "schema migration failed", err) != ST_OK ||
		    db_exec(db, bump, "cannot record schema version", err) != ST_OK) {
			sqlite3_exec(db, "ROLLBACK;", NULL, NULL, NULL);
			goto fail;
		}
		if (db_exec(db, "COMMIT;", "cannot commit migration", err) != ST_OK)
			goto fail;
	}
	*out = db;
	return ST_OK;
fail:
	sqlite3_close(db);
	return ST_DB;
}
