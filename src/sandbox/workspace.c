/* workspace: creating and resetting exercise workspaces (see workspace.h). */
#include "sandbox/workspace.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdbool.h>

#include "core/buf.h"
#include "core/paths.h"
#include "core/xalloc.h"

#define S_MAX_BACKUPS 1000

char *workspace_path(const char *data_dir, const char *id)
{
	char *root = paths_join(data_dir, "workspace");
	char *path = paths_join(root, id);
	free(root);
	return path;
}

/* ---- removing ---- */

/* Removes path and, for a folder, everything in it; links are removed,
 * never followed. Returns 0, or -1 with errno set. */
static int S_remove_tree(const char *path)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(sb.st_mode))
		return unlink(path);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	int rc = 0;
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
			continue;
		char *sub = paths_join(path, ent->d_name);
		if (S_remove_tree(sub) != 0)
			rc = -1;
		free(sub);
	}
	int saved = errno;
	closedir(d);
	errno = saved;
	if (rc == 0)
		rc = rmdir(path);
	return rc;
}

/* ---- copying ---- */

static enum status S_io(struct error *err, const char *path, const char *what)
{
	return error_set(err, ST_IO, path, "%s: %s", what, strerror(errno));
}

/* durable: on disk before returning (a workspace), or not (a run's copy). */
static enum status S_copy_file(const char *from, const char *to, bool durable, struct error *err)
{
	int in = open(from, O_RDONLY | O_NOFOLLOW);
	if (in < 0)
		return S_io(err, from, "cannot open");
	struct stat sb;
	if (fstat(in, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(in);
		return error_set(err, ST_IO, from, "not a regular file");
	}
	mode_t mode = sb.st_mode & S_IXUSR ? 0700 : 0600;
	int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
	if (out < 0) {
		close(in);
		return S_io(err, to, "cannot create");
	}
	enum status st = ST_OK;
	char chunk[65536];
	for (;;) {
		ssize_t n = read(in, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			st = S_io(err, from, "cannot read");
			break;
		}
		if (n == 0)
			break;
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, chunk + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				st = S_io(err, to, "cannot write");
				break;
			}
			done += w;
		}
		if (st != ST_OK)
			break;
	}
	/* The copy must be on disk before the rename publishes it. */
	if (st == ST_OK && durable && fsync(out) != 0)
		st = S_io(err, to, "cannot write");
	if (close(out) != 0 && st == ST_OK)
		st = S_io(err, to, "cannot write");
	close(in);
	return st;
}

/* Creates the folders of rel (a path inside root) that are missing. */
static enum status S_make_parents(const char *root, const char *rel, struct error *err)
{
	const char *slash = strrchr(rel, '/');
	if (!slash)
		return ST_OK;
	char *parent_rel = xstrndup(rel, (size_t)(slash - rel));
	char *parent = paths_join(root, parent_rel);
	enum status st = paths_mkdir_p(parent, err);
	free(parent);
	free(parent_rel);
	return st;
}

static void S_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Copies the exercise's starter files into a new hidden temp folder in
 * root; *tmp_out receives its path. On failure the temp folder is gone. */
static enum status S_fresh_copy(const char *root, const struct exercise *ex, char **tmp_out,
                                struct error *err)
{
	*tmp_out = NULL;
	struct buf tmpl = {0};
	buf_printf(&tmpl, "%s/.%s.tmp-XXXXXX", root, ex->id);
	char *tmp = buf_detach(&tmpl);
	if (!mkdtemp(tmp)) {
		enum status st = S_io(err, root, "cannot create a folder");
		free(tmp);
		return st;
	}
	char *starter = paths_join(ex->dir, "starter");
	enum status st = ST_OK;
	for (size_t i = 0; i < ex->n_starter && st == ST_OK; i++) {
		const char *rel = ex->starter_files[i];
		st = S_make_parents(tmp, rel, err);
		if (st != ST_OK)
			break;
		char *from = paths_join(starter, rel), *to = paths_join(tmp, rel);
		st = S_copy_file(from, to, true, err);
		free(from);
		free(to);
	}
	free(starter);
	if (st != ST_OK) {
		S_remove_tree(tmp);
		free(tmp);
		return st;
	}
	*tmp_out = tmp;
	return ST_OK;
}

/* ---- opening and resetting ---- */

/* Checks the id (it becomes a path component) and makes sure the
 * workspace root exists; *root_out receives it. */
static enum status S_prepare(const char *data_dir, const struct exercise *ex, char **root_out,
                             struct error *err)
{
	*root_out = NULL;
	if (!ex || !exercise_id_valid(ex->id) || !ex->dir)
		return error_set(err, ST_INVALID, "", "'%.64s' is no exercise id",
		                 ex && ex->id ? ex->id : "");
	if (!data_dir || !*data_dir)
		return error_set(err, ST_INVALID, "", "no data folder for workspaces");
	char *root = paths_join(data_dir, "workspace");
	enum status st = paths_mkdir_p(root, err);
	if (st != ST_OK) {
		free(root);
		return st;
	}
	*root_out = root;
	return ST_OK;
}

static char *S_backup_path(const char *root, const char *id, int n)
{
	struct buf b = {0};
	buf_printf(&b, "%s/%s.bak-%d", root, id, n);
	return buf_detach(&b);
}

/* The number of the newest existing <id>.bak-<n>, or 0. */
static int S_newest_backup(const char *root, const char *id)
{
	int newest = 0;
	for (int n = 1; n <= S_MAX_BACKUPS; n++) {
		char *path = S_backup_path(root, id, n);
		struct stat sb;
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			newest = n;
		free(path);
	}
	return newest;
}

/* Puts the fresh copy in place of a missing workspace. Another process
 * may have created it meanwhile: then theirs is kept. */
static enum status S_create(const char *root, const struct exercise *ex, const char *path,
                            struct error *err)
{
	char *tmp = NULL;
	enum status st = S_fresh_copy(root, ex, &tmp, err);
	if (st != ST_OK)
		return st;
	if (rename(tmp, path) != 0) {
		int e = errno;
		S_remove_tree(tmp);
		free(tmp);
		errno = e;
		if (e == EEXIST || e == ENOTEMPTY)
			return ST_OK;
		return S_io(err, path, "cannot create the workspace");
	}
	free(tmp);
	S_sync_dir(root);
	return ST_OK;
}

enum status workspace_open(const char *data_dir, const struct exercise *ex, char **path_out,
                           struct error *err)
{
	*path_out = NULL;
	char *root = NULL;
	enum status st = S_prepare(data_dir, ex, &root, err);
	if (st != ST_OK)
		return st;
	char *path = paths_join(root, ex->id);
	struct stat sb;
	if (lstat(path, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode))
			st = error_set(err, ST_IO, path, "the workspace is not a folder");
	} else if (errno != ENOENT) {
		st = S_io(err, path, "cannot open the workspace");
	} else {
		/* A reset that died between its two renames left the learner's
		 * work in a backup: that is theirs, not the starter files. */
		int newest = S_newest_backup(root, ex->id);
		char *bak = newest ? S_backup_path(root, ex->id, newest) : NULL;
		if (bak && rename(bak, path) == 0)
			S_sync_dir(root);
		else
			st = S_create(root, ex, path, err);
		free(bak);
	}
	free(root);
	if (st != ST_OK) {
		free(path);
		return st;
	}
	*path_out = path;
	return ST_OK;
}

enum status workspace_reset(const char *data_dir, const struct exercise *ex, struct error *err)
{
	char *root = NULL;
	enum status st = S_prepare(data_dir, ex, &root, err);
	if (st != ST_OK)
		return st;
	char *path = paths_join(root, ex->id);
	char *tmp = NULL, *bak = NULL;
	struct stat sb;
	if (lstat(path, &sb) != 0) {
		st = errno == ENOENT ? S_create(root, ex, path, err)
		                     : S_io(err, path, "cannot open the workspace");
		goto done;
	}
	/* Copy first: a failed copy must leave the old workspace untouched. */
	st = S_fresh_copy(root, ex, &tmp, err);
	if (st != ST_OK)
		goto done;
	for (int n = 1; n <= S_MAX_BACKUPS && !bak; n++) {
		bak = S_backup_path(root, ex->id, n);
		if (lstat(bak, &sb) == 0 || errno != ENOENT) {
			free(bak);
			bak = NULL;
		}
	}
	if (!bak) {
		st = error_set(err, ST_IO, root, "too many %s.bak-N folders: remove old ones",
		               ex->id);
	} else if (rename(path, bak) != 0) {
		st = S_io(err, path, "cannot move the workspace aside");
	} else if (rename(tmp, path) != 0) {
		st = S_io(err, path, "cannot put the new workspace in place");
		rename(bak, path); /* the learner's work back where it was */
	} else {
		S_sync_dir(root);
		S_remove_tree(bak); /* a leftover would only cost space */
	}
	if (st != ST_OK)
		S_remove_tree(tmp);
done:
	free(tmp);
	free(bak);
	free(path);
	free(root);
	return st;
}

/* ---- a run's copy ---- */

/* What a run's copy leaves out: hidden entries (the run folder itself
 * among them), the database and its companions, Python's caches. */
static bool S_snapshot_skips(const char *name)
{
	return name[0] == '.' || strncmp(name, "sandbox.db", 10) == 0 ||
	       strcmp(name, "__pycache__") == 0;
}

struct S_snapshot {
	size_t files;
	unsigned long long bytes;
};

static enum status S_snapshot_dir(const char *from, const char *to, int depth,
                                  struct S_snapshot *count, struct error *err)
{
	if (depth > WORKSPACE_SNAPSHOT_DEPTH)
		return error_set(err, ST_INVALID, from, "folders nest deeper than %d",
		                 WORKSPACE_SNAPSHOT_DEPTH);
	if (mkdir(to, 0700) != 0)
		return S_io(err, to, "cannot create a folder");
	DIR *d = opendir(from);
	if (!d)
		return S_io(err, from, "cannot read the folder");
	enum status st = ST_OK;
	struct dirent *ent;
	while (st == ST_OK && (ent = readdir(d))) {
		if (S_snapshot_skips(ent->d_name))
			continue;
		char *src = paths_join(from, ent->d_name), *dst = paths_join(to, ent->d_name);
		struct stat sb;
		if (lstat(src, &sb) != 0) {
			st = S_io(err, src, "cannot read");
		} else if (S_ISDIR(sb.st_mode)) {
			st = S_snapshot_dir(src, dst, depth + 1, count, err);
		} else if (S_ISREG(sb.st_mode)) {
			count->files++;
			count->bytes += (unsigned long long)sb.st_size;
			if (count->files > WORKSPACE_SNAPSHOT_FILES ||
			    count->bytes > WORKSPACE_SNAPSHOT_BYTES)
				st = error_set(err, ST_INVALID, src,
				               "the workspace holds more than %d files or %d MiB",
				               WORKSPACE_SNAPSHOT_FILES,
				               WORKSPACE_SNAPSHOT_BYTES / (1024 * 1024));
			else
				st = S_copy_file(src, dst, false, err);
		} /* links and the like are left out */
		free(src);
		free(dst);
	}
	closedir(d);
	return st;
}

enum status workspace_snapshot(const char *workspace, const char *run_dir, struct error *err)
{
	if (S_remove_tree(run_dir) != 0)
		return S_io(err, run_dir, "cannot remove the last run's copy");
	struct S_snapshot count = {0};
	enum status st = S_snapshot_dir(workspace, run_dir, 0, &count, err);
	if (st != ST_OK)
		S_remove_tree(run_dir);
	return st;
}
