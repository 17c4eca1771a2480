/* paths: per-user data locations and small file helpers (see paths.h). */
#include "core/paths.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/xalloc.h"

char *paths_data_dir(void)
{
	const char *home = getenv("STUDYTERM_HOME");
	if (home && *home)
		return xstrdup(home);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return paths_join(xdg, "studyterm");
	home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	return paths_join(home, ".local/share/studyterm");
}

char *paths_join(const char *dir, const char *name)
{
	struct buf b = {0};
	buf_puts(&b, dir);
	if (b.len && b.data[b.len - 1] != '/')
		buf_putc(&b, '/');
	buf_puts(&b, name);
	return buf_detach(&b);
}

enum status paths_mkdir_p(const char *dir, struct error *err)
{
	char *path = xstrdup(dir);
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			error_set(err, ST_IO, path, "cannot create directory: %s", strerror(errno));
			free(path);
			return ST_IO;
		}
		*p = saved;
		if (!saved)
			break;
	}
	free(path);
	return ST_OK;
}

enum status paths_read_stream(FILE *f, const char *name, char **data_out, size_t *len_out,
                              struct error *err)
{
	struct buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	if (ferror(f)) {
		buf_free(&b);
		return error_set(err, ST_IO, name, "read error");
	}
	if (len_out)
		*len_out = b.len;
	*data_out = buf_detach(&b);
	return ST_OK;
}

enum status paths_read_file(const char *path, char **data_out, size_t *len_out, struct error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return error_set(err, errno == ENOENT ? ST_NOT_FOUND : ST_IO, path,
		                 "cannot open: %s", strerror(errno));
	enum status st = paths_read_stream(f, path, data_out, len_out, err);
	fclose(f);
	return st;
}

static int S_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **paths_list(const char *dir, bool (*keep)(const char *name), size_t *n)
{
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **names = NULL;
	size_t cap = 0;
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (ent->d_name[0] == '.' || !keep(ent->d_name))
			continue;
		xgrow((void **)&names, &cap, *n + 1, sizeof *names);
		names[(*n)++] = paths_join(dir, ent->d_name);
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof *names, S_cmp_names);
	return names;
}

void paths_list_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
