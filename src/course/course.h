/* course: the index of a course directory.
 *
 * A course is a directory of Markdown chapters, read in file-name order
 * (01-introduction.md, 02-...). Each chapter's `# N Title` heading gives
 * its number and title, and its `## N.M Title` headings its sections. The
 * index is built from a quick scan of heading lines (fenced code skipped),
 * without laying anything out, so opening the app stays instant. */
#ifndef STUDYTERM_COURSE_COURSE_H
#define STUDYTERM_COURSE_COURSE_H

#include <stddef.h>

#include "core/status.h"

struct course_section {
	char *number; /* "5.6" */
	char *title;  /* "Migrations with Flask-Migrate" */
};

struct course_chapter {
	char *path;   /* full path of the Markdown file */
	char *key;    /* file name: the stable key for progress */
	char *number; /* "5" (from the heading, else its position) */
	char *title;
	struct course_section *sections;
	size_t nsections;
};

struct course {
	char *dir;
	struct course_chapter *chapters;
	size_t nchapters;
};

/* Indexes the *.md files of dir. A directory without chapters is an error
 * (ST_NOT_FOUND) naming the directory. The caller frees with course_free. */
enum status course_load(const char *dir, struct course **out, struct error *err);
void course_free(struct course *course);

/* Finds "5" (a chapter) or "5.6" (a section). Returns 0 and sets *chapter
 * and *section (-1 for a whole chapter), or -1 when there is no such part. */
int course_find(const struct course *course, const char *number, size_t *chapter, long *section);

/* The chapter whose key (file name) is key, or -1. */
long course_chapter_by_key(const struct course *course, const char *key);

#endif
