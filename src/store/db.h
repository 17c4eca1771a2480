/* db: opening a SQLite database the way studyterm always does.
 *
 * WAL journal (a crash or kill -9 loses nothing committed), foreign keys
 * on, a busy timeout so two studyterm processes can share a file, and
 * schema migrations keyed on PRAGMA user_version: migration i (0-based)
 * takes the schema from version i to i+1, each in its own transaction, so
 * a failed upgrade leaves the previous version intact. */
#ifndef STUDYTERM_STORE_DB_H
#define STUDYTERM_STORE_DB_H

#include <sqlite3.h>

#include "core/status.h"

/* Opens (creating if needed) path and applies the migrations the file has
 * not seen. A database newer than the migrations know is refused
 * (ST_DB: "made by a newer studyterm"). On failure *out is NULL and err
 * names the file. */
enum status db_open(const char *path, const char *const *migrations, int nmigrations, sqlite3 **out,
                    struct error *err);

/* Runs sql (no results) and reports failure in err naming what. */
enum status db_exec(sqlite3 *db, const char *sql, const char *what, struct error *err);

#endif
