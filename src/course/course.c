/* course: indexing chapters and sections from heading lines (see course.h). */
#include "course/course.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "md/outline.h"

static int S_compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int S_is_markdown(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 3 && strcmp(name + n - 3, ".md") == 0;
}

/* Returns the heading level of an ATX heading line (1-6) and its text, or 0. */
static int S_atx_heading(const char *line, size_t len, const char **text, size_t *text_len)
{
	size_t i = 0;
	while (i < 3 && i < len && line[i] == ' ')
		i++;
	int level = 0;
	while (i < len && line[i] == '#' && level < 7) {
		level++;
		i++;
	}
	if (level == 0 || level > 6 || (i < len && line[i] != ' ' && line[i] != '\t'))
		return 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	size_t end = len;
	while (end > i && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r'))
		end--;
	size_t hashes = end; /* an optional closing run of #s preceded by a space */
	while (hashes > i && line[hashes - 1] == '#')
		hashes--;
	if (hashes < end && (hashes == i || line[hashes - 1] == ' '))
		end = hashes;
	while (end > i && line[end - 1] == ' ')
		end--;
	*text = line + i;
	*text_len = end - i;
	return level;
}

static int S_fence_marker(const char *line, size_t len, char *fence_char, size_t *fence_len)
{
	size_t i = 0;
	while (i < 3 && i < len && line[i] == ' ')
		i++;
	if (i >= len || (line[i] != '`' && line[i] != '~'))
		return 0;
	char c = line[i];
	size_t n = 0;
	while (i + n < len && line[i + n] == c)
		n++;
	if (n < 3)
		return 0;
	*fence_char = c;
	*fence_len = n;
	return 1;
}

static void S_index_chapter(struct course_chapter *ch, const char *text, size_t len,
                            size_t position)
{
	size_t cap = 0;
	char fence = 0;
	size_t fence_len = 0;
	for (size_t start = 0; start < len;) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		const char *line = text + start;
		size_t line_len = end - start;
		start = end + 1;
		char c;
		size_t n;
		if (S_fence_marker(line, line_len, &c, &n)) {
			if (!fence) {
				fence = c;
				fence_len = n;
			} else if (c == fence && n >= fence_len) {
				fence = 0;
			}
			continue;
		}
		if (fence)
			continue;
		const char *h;
		size_t hlen;
		int level = S_atx_heading(line, line_len, &h, &hlen);
		if (level != 1 && level != 2)
			continue;
		char *heading = xstrndup(h, hlen);
		size_t title_at, num_len = md_outline_number(heading, &title_at);
		if (level == 1 && !ch->title) {
			ch->number = num_len ? xstrndup(heading, num_len) : NULL;
			ch->title = xstrdup(heading + title_at);
		} else if (level == 2 && num_len) {
			void *p = ch->sections;
			xgrow(&p, &cap, ch->nsections + 1, sizeof *ch->sections);
			ch->sections = p;
			ch->sections[ch->nsections].number = xstrndup(heading, num_len);
			ch->sections[ch->nsections].title = xstrdup(heading + title_at);
			ch->nsections++;
		}
		free(heading);
	}
	if (!ch->number) {
		struct buf b = {0};
		buf_printf(&b, "%zu", position + 1);
		ch->number = buf_detach(&b);
	}
	if (!ch->title)
		ch->title = xstrdup(ch->key);
}

enum status course_load(const char *dir, struct course **out, struct error *err)
{
	*out = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return error_set(err, ST_NOT_FOUND, dir, "cannot open the course directory");
	char **names = NULL;
	size_t count = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!S_is_markdown(de->d_name))
			continue;
		void *p = names;
		xgrow(&p, &cap, count + 1, sizeof *names);
		names = p;
		names[count++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (!count) {
		free(names);
		return error_set(err, ST_NOT_FOUND, dir,
		                 "no chapters (*.md files) in the course directory");
	}
	qsort(names, count, sizeof *names, S_compare_names);

	struct course *c = xcalloc(1, sizeof *c);
	c->dir = xstrdup(dir);
	c->chapters = xcalloc(count, sizeof *c->chapters);
	for (size_t i = 0; i < count; i++) {
		struct course_chapter *ch = &c->chapters[c->nchapters];
		ch->key = names[i];
		ch->path = paths_join(dir, names[i]);
		char *text;
		size_t len;
		if (paths_read_file(ch->path, &text, &len, err) != ST_OK) {
			c->nchapters++;
			free(names);
			course_free(c);
			return err ? err->status : ST_IO;
		}
		S_index_chapter(ch, text, len, i);
		free(text);
		c->nchapters++;
	}
	free(names);
	*out = c;
	return ST_OK;
}

void course_free(struct course *course)
{
	if (!course)
		return;
	for (size_t i = 0; i < course->nchapters; i++) {
		struct course_chapter *ch = &course->chapters[i];
		free(ch->path);
		free(ch->key);
		free(ch->number);
		free(ch->title);
		for (size_t s = 0; s < ch->nsections; s++) {
			free(ch->sections[s].number);
			free(ch->sections[s].title);
		}
		free(ch->sections);
	}
	free(course->chapters);
	free(course->dir);
	free(course);
}

int course_find(const struct course *course, const char *number, size_t *chapter, long *section)
{
	for (size_t i = 0; i < course->nchapters; i++) {
		const struct course_chapter *ch = &course->chapters[i];
		if (strcmp(ch->number, number) == 0) {
			*chapter = i;
			*section = -1;
			return 0;
		}
		for (size_t s = 0; s < ch->nsections; s++)
			if (strcmp(ch->sections[s].number, number) == 0) {
				*chapter = i;
				*section = (long)s;
				return 0;
			}
	}
	return -1;
}

long course_chapter_by_key(const struct course *course, const char *key)
{
	for (size_t i = 0; i < course->nchapters; i++)
		if (strcmp(course->chapters[i].key, key) == 0)
			return (long)i;
	return -1;
}
