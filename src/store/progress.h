/* progress: the learner's own data: reading positions and bookmarks.
 *
 * Lives in <data dir>/progress.db (core/paths). Chapters are keyed by their
 * file name and positions by source line and offset, never by anything a
 * rebuild or a resize could change. Every change is committed when made. */
#ifndef STUDYTERM_STORE_PROGRESS_H
#define STUDYTERM_STORE_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

struct progress;

struct progress_position {
	uint32_t src_line;
	uint32_t offset;
	int percent; /* 0-100, how far the reader got */
	int64_t updated_at;
};

struct progress_bookmark {
	int64_t id;
	char *chapter; /* chapter key */
	uint32_t src_line, offset;
	char *label;
	int64_t created_at;
};

/* Opens or creates <data_dir>/progress.db, creating data_dir if needed. */
enum status progress_open(const char *data_dir, struct progress **out, struct error *err);
/* Opens a database file directly (tests). */
enum status progress_open_file(const char *path, struct progress **out, struct error *err);
void progress_close(struct progress *p);

/* ST_NOT_FOUND when the chapter was never opened. */
enum status progress_get_position(struct progress *p, const char *chapter,
                                  struct progress_position *out, struct error *err);
/* Stores pos (updated_at is taken from the clock). */
enum status progress_set_position(struct progress *p, const char *chapter,
                                  const struct progress_position *pos, struct error *err);
/* The chapter read most recently, newly allocated (caller frees), or
 * ST_NOT_FOUND. */
enum status progress_last_chapter(struct progress *p, char **chapter, struct error *err);

enum status progress_add_bookmark(struct progress *p, const char *chapter, uint32_t src_line,
                                  uint32_t offset, const char *label, struct error *err);
/* All bookmarks, oldest first; free with progress_bookmarks_free. */
enum status progress_list_bookmarks(struct progress *p, struct progress_bookmark **out,
                                    size_t *count, struct error *err);
enum status progress_delete_bookmark(struct progress *p, int64_t id, struct error *err);
void progress_bookmarks_free(struct progress_bookmark *marks, size_t count);

#endif
