/* watch: inotify on a workspace and the folders inside it (see watch.h). */
#include "sandbox/watch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/paths.h"
#include "core/xalloc.h"

/* Folders nested deeper than this are not followed: a workspace is a few
 * files, and the bound keeps a link loop made by hand from running away. */
#define S_MAX_DEPTH 8

/* What a file event may be; the folders get the same mask (an event names
 * the file inside) plus their own removal. */
#define S_MASK                                                                              \
	(IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | \
	 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW)

struct S_dir {
	int wd;
	char *path;
};

struct watch {
	int fd;
	char *root;   /* the folder as given */
	char *parent; /* the folder holding it, watched for its return */
	char *base;   /* root's last component */
	int parent_wd;
	struct S_dir *dirs; /* every folder watched, root among them while it is there */
	size_t n_dirs, cap_dirs;
};

/* ---- the table of watched folders ---- */

static struct S_dir *S_find(struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n_dirs; i++)
		if (w->dirs[i].wd == wd)
			return &w->dirs[i];
	return NULL;
}

static void S_forget(struct watch *w, struct S_dir *d)
{
	free(d->path);
	*d = w->dirs[--w->n_dirs];
}

/* Stops watching every folder (root included). */
static void S_forget_all(struct watch *w)
{
	for (size_t i = 0; i < w->n_dirs; i++) {
		inotify_rm_watch(w->fd, w->dirs[i].wd);
		free(w->dirs[i].path);
	}
	w->n_dirs = 0;
}

/* Stops watching path and the folders inside it. */
static void S_drop_tree(struct watch *w, const char *path)
{
	size_t len = strlen(path);
	for (size_t i = 0; i < w->n_dirs;) {
		const char *p = w->dirs[i].path;
		if (strncmp(p, path, len) == 0 && (p[len] == '\0' || p[len] == '/')) {
			inotify_rm_watch(w->fd, w->dirs[i].wd);
			S_forget(w, &w->dirs[i]);
		} else {
			i++;
		}
	}
}

/* Watches path and the folders inside it; false when path itself cannot
 * be watched. */
static bool S_add_tree(struct watch *w, const char *path, int depth)
{
	int wd = inotify_add_watch(w->fd, path, S_MASK);
	if (wd < 0)
		return false;
	/* The same folder reached twice (moved inside the workspace) keeps one
	 * watch descriptor: keep one entry for it, under its new path. */
	struct S_dir *known = S_find(w, wd);
	if (known) {
		free(known->path);
		known->path = xstrdup(path);
	} else {
		xgrow((void **)&w->dirs, &w->cap_dirs, w->n_dirs + 1, sizeof *w->dirs);
		w->dirs[w->n_dirs++] = (struct S_dir){.wd = wd, .path = xstrdup(path)};
	}
	if (depth >= S_MAX_DEPTH)
		return true;
	DIR *d = opendir(path);
	if (!d)
		return true;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *sub = paths_join(path, e->d_name);
		struct stat sb;
		if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
			S_add_tree(w, sub, depth + 1);
		free(sub);
	}
	closedir(d);
	return true;
}

/* How deep path lies below root (root + "/a/b" is 2). */
static int S_depth(const struct watch *w, const char *path)
{
	int depth = 0;
	for (const char *p = path + strlen(w->root); *p; p++)
		depth += *p == '/';
	return depth;
}

/* ---- names that do not matter ---- */

static bool S_ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && memcmp(s + n - m, tail, m) == 0;
}

static bool S_ignored(const char *name)
{
	static const char *const db_files[] = {"sandbox.db", "sandbox.db-journal", "sandbox.db-wal",
	                                       "sandbox.db-shm"};
	for (size_t i = 0; i < sizeof db_files / sizeof *db_files; i++)
		if (strcmp(name, db_files[i]) == 0)
			return true;
	return name[0] == '.' || S_ends_with(name, "~") || S_ends_with(name, ".swp") ||
	       S_ends_with(name, ".swo") || S_ends_with(name, ".swx") || strcmp(name, "4913") == 0;
}

/* ---- the API ---- */

enum status watch_open(const char *dir, struct watch **out, struct error *err)
{
	*out = NULL;
	struct stat sb;
	if (stat(dir, &sb) != 0)
		return error_set(err, ST_IO, dir, "cannot watch: %s", strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return error_set(err, ST_IO, dir, "cannot watch: not a folder");
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return error_set(err, ST_IO, dir, "cannot watch: %s", strerror(errno));
	struct watch *w = xcalloc(1, sizeof *w);
	w->fd = fd;
	w->root = xstrdup(dir);
	/* Trailing slashes would leave an empty last component. */
	size_t len = strlen(w->root);
	while (len > 1 && w->root[len - 1] == '/')
		w->root[--len] = '\0';
	char *slash = strrchr(w->root, '/');
	if (slash) {
		w->parent =
		    slash == w->root ? xstrdup("/") : xstrndup(w->root, (size_t)(slash - w->root));
		w->base = xstrdup(slash + 1);
	} else {
		w->parent = xstrdup(".");
		w->base = xstrdup(w->root);
	}
	if (!S_add_tree(w, w->root, 0)) {
		int e = errno;
		watch_close(w);
		return error_set(err, ST_IO, dir, "cannot watch: %s", strerror(e));
	}
	/* Without the parent a replaced workspace is only found again when
	 * it is back before the old one's removal is reported; worth having,
	 * not worth failing for. */
	w->parent_wd = inotify_add_watch(fd, w->parent, IN_CREATE | IN_MOVED_TO | IN_ONLYDIR);
	*out = w;
	return ST_OK;
}

int watch_fd(const struct watch *w)
{
	return w->fd;
}

/* The root folder went away (moved aside or deleted): follow the path,
 * not the old folder. */
static void S_rewatch_root(struct watch *w)
{
	S_forget_all(w);
	S_add_tree(w, w->root, 0); /* may fail: the parent's watch says when it is back */
}

/* One event; returns whether it matters. */
static bool S_event(struct watch *w, const struct inotify_event *ev)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		/* Events were lost: the folders may have changed under us. */
		S_rewatch_root(w);
		return true;
	}
	if (ev->wd == w->parent_wd && w->parent_wd >= 0) {
		if (!ev->len || strcmp(ev->name, w->base) != 0 || !(ev->mask & IN_ISDIR))
			return false;
		S_rewatch_root(w);
		return true;
	}
	struct S_dir *d = S_find(w, ev->wd);
	if (!d)
		return false; /* a watch already dropped */
	if (ev->mask & IN_IGNORED) {
		S_forget(w, d);
		return false;
	}
	if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
		if (strcmp(d->path, w->root) == 0) {
			S_rewatch_root(w);
			return true;
		}
		/* A folder inside: the event in its parent said what matters and
		 * dropped or moved its watches. */
		return false;
	}
	if (!ev->len || ev->name[0] == '.')
		return false;
	if (ev->mask & IN_ISDIR) {
		char *sub = paths_join(d->path, ev->name);
		if (ev->mask & IN_MOVED_FROM)
			S_drop_tree(w, sub); /* moved out, or back in under a new name below */
		if (ev->mask & (IN_CREATE | IN_MOVED_TO))
			S_add_tree(w, sub, S_depth(w, sub));
		free(sub);
		/* A folder moved in or out, or removed, brings or takes its files;
		 * one made empty changes nothing yet. */
		return (ev->mask & (IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)) != 0;
	}
	if (S_ignored(ev->name))
		return false;
	/* A new file is written next (IN_CLOSE_WRITE comes when it is done):
	 * running on its creation would run it empty. */
	return (ev->mask &
	        (IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)) != 0;
}

bool watch_changed(struct watch *w)
{
	/* Aligned for the events read into it, as inotify(7) asks. */
	_Alignas(struct inotify_event) char buf[4096];
	bool changed = false;
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* EAGAIN: nothing more waiting */
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
			if (S_event(w, ev))
				changed = true;
			p += sizeof *ev + ev->len;
		}
	}
	return changed;
}

void watch_settle(struct watch *w)
{
	struct pollfd p = {.fd = w->fd, .events = POLLIN};
	for (int i = 0; i < WATCH_SETTLE_ROUNDS && poll(&p, 1, WATCH_SETTLE_MS) > 0; i++)
		watch_changed(w);
}

void watch_close(struct watch *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n_dirs; i++)
		free(w->dirs[i].path);
	free(w->dirs);
	close(w->fd);
	free(w->root);
	free(w->parent);
	free(w->base);
	free(w);
}
