/* paths: where per-user data lives.
 *
 * The data directory is, in order: $STUDYTERM_HOME (tests point it at a
 * temp dir), $XDG_DATA_HOME/studyterm, $HOME/.local/share/studyterm.
 * Returned strings are newly allocated; the caller frees them. */
#ifndef STUDYTERM_CORE_PATHS_H
#define STUDYTERM_CORE_PATHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/status.h"

/* The data directory, or NULL when neither variable nor HOME is set. */
char *paths_data_dir(void);
/* dir + "/" + name, newly allocated. */
char *paths_join(const char *dir, const char *name);
/* The files directly in dir whose names keep() accepts (hidden ones never),
 * as dir/name, sorted by name: a new array of new strings, *n of them
 * (free each, then the array; paths_list_free does). A missing or
 * unreadable dir gives none. */
char **paths_list(const char *dir, bool (*keep)(const char *name), size_t *n);
void paths_list_free(char **names, size_t n);
/* Creates dir and its parents (mode 0700 for new ones). */
enum status paths_mkdir_p(const char *dir, struct error *err);
/* Reads a whole file into a new NUL-terminated buffer; *len_out (may be
 * NULL) receives its length. Fails with ST_IO and a message naming path. */
/* The same for an open stream (standard input); name is used in errors. */
enum status paths_read_stream(FILE *f, const char *name, char **data_out, size_t *len_out,
                              struct error *err);
enum status paths_read_file(const char *path, char **data_out, size_t *len_out, struct error *err);

#endif
