/* progress_internal: what the files of the progress database share
 * (progress.c: reading; reviews.c: practice). Not for use outside src/store. */
#ifndef STUDYTERM_STORE_PROGRESS_INTERNAL_H
#define STUDYTERM_STORE_PROGRESS_INTERNAL_H

#include <sqlite3.h>

#include "core/status.h"

struct progress {
	sqlite3 *db;
};

/* Prepares sql on p's database; errors name the file. */
enum status progress_prepare(struct progress *p, const char *sql, sqlite3_stmt **st,
                             struct error *err);
/* Steps a statement that returns no rows, finalizes it, reports failure. */
enum status progress_step_done(struct progress *p, sqlite3_stmt *st, struct error *err);

#endif
