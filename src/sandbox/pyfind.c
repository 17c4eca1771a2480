/* pyfind: finding the learner's Python (see pyfind.h). */
#include "sandbox/pyfind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/paths.h"
#include "core/xalloc.h"
#include "sandbox/child.h"

extern char **environ;

#define S_CACHE    "python-runner"
#define S_PROBE_MS 20000
/* Prints the real interpreter, then fails unless both imports work. */
#define S_PROBE_CODE \
	"import sys; print(sys.executable, flush=True); import flask_sqlalchemy, flask_migrate"

struct S_probe {
	bool runs, has_flask;
	char *executable;
	char said[256]; /* why it cannot do what is needed */
};

/* Resolves a bare name on PATH; a path with a slash is taken as it is. */
static char *S_resolve(const char *name)
{
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
	const char *path = getenv("PATH");
	if (!path)
		return NULL;
	while (*path) {
		size_t n = strcspn(path, ":");
		char *dir = xstrndup(n ? path : ".", n ? n : 1);
		char *full = paths_join(dir, name);
		free(dir);
		struct stat sb;
		if (stat(full, &sb) == 0 && S_ISREG(sb.st_mode) && access(full, X_OK) == 0)
			return full;
		free(full);
		path += n + (path[n] == ':');
	}
	return NULL;
}

static void S_probe(const char *program, struct S_probe *p)
{
	memset(p, 0, sizeof *p);
	const char *argv[] = {program, "-I", "-c", S_PROBE_CODE, NULL};
	struct child_spec spec = {
	    .argv = argv,
	    .env = (const char *const *)environ,
	    .dir = "/",
	    .limits = {.time_ms = S_PROBE_MS, .keep_bytes = 64 * 1024, .output_bytes = 1 << 20},
	};
	struct child *c = NULL;
	struct error err;
	if (child_start(&spec, &c, &err) != ST_OK) {
		snprintf(p->said, sizeof p->said, "%.200s", err.message);
		return;
	}
	while (!child_poll(c, -1))
		;
	const struct buf *out = child_output(c);
	const char *text = buf_cstr(out);
	size_t first = strcspn(text, "\n");
	if (first > 0 && text[0] == '/') {
		p->runs = true;
		p->executable = xstrndup(text, first);
	}
	if (child_end(c) == CHILD_EXITED && child_status(c) == 0 && p->runs) {
		p->has_flask = true;
	} else if (child_end(c) == CHILD_TIMED_OUT) {
		snprintf(p->said, sizeof p->said, "did not answer within %d s", S_PROBE_MS / 1000);
		p->runs = false;
	} else {
		/* The last line says why: "ModuleNotFoundError: No module named 'x'". */
		const char *end = text + out->len;
		while (end > text && end[-1] == '\n')
			end--;
		const char *line = end;
		while (line > text && line[-1] != '\n')
			line--;
		const char *colon = strstr(line, "Error: ");
		if (colon && colon < end)
			line = colon + 7;
		snprintf(p->said, sizeof p->said, "%.*s", (int)(end - line),
		         end > line ? line : "it does not run");
	}
	child_free(c);
}

/* ---- remembering ---- */

struct S_cache {
	char python[4096];
	bool has_flask;
	char asked[4096];
};

static bool S_cache_read(const char *file, struct S_cache *c)
{
	memset(c, 0, sizeof *c);
	FILE *f = fopen(file, "r");
	if (!f)
		return false;
	char line[4200];
	bool have = false;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "python=", 7) == 0) {
			snprintf(c->python, sizeof c->python, "%.4000s", line + 7);
			have = c->python[0] == '/';
		} else if (strncmp(line, "flask=", 6) == 0) {
			c->has_flask = strcmp(line + 6, "yes") == 0;
		} else if (strncmp(line, "asked=", 6) == 0) {
			snprintf(c->asked, sizeof c->asked, "%.4000s", line + 6);
		}
	}
	fclose(f);
	return have;
}

static void S_cache_write(const char *file, const char *python, bool has_flask, const char *asked)
{
	char *tmp = xstrdup(file);
	struct buf path = {0};
	buf_printf(&path, "%s.tmp", tmp);
	free(tmp);
	FILE *f = fopen(buf_cstr(&path), "w");
	if (f) {
		fprintf(f, "python=%s\nflask=%s\nasked=%s\n", python, has_flask ? "yes" : "no",
		        asked);
		if (fclose(f) == 0)
			rename(buf_cstr(&path), file);
		else
			unlink(buf_cstr(&path));
	}
	buf_free(&path);
}

/* ---- choosing ---- */

static void S_advice(struct buf *why, const struct buf *tried)
{
	buf_printf(why,
	           "The Python exercises run your code on the real Flask-SQLAlchemy and "
	           "Flask-Migrate, and no Python here can import them (tried: %s). "
	           "Install them with: sudo apt-get install " PYFIND_APT_PACKAGES
	           " (or make deps in studyterm's source folder); or in a virtual environment: "
	           "pip install " PYFIND_PIP_PACKAGES
	           ", then set STUDYTERM_PYTHON to that environment's python. "
	           "The SQL exercises need none of this.",
	           buf_cstr(tried));
}

enum status pyfind_among(const char *data_dir, const struct pyfind_candidate *candidates, int n,
                         bool need_flask, char **python, struct buf *why, struct error *err)
{
	*python = NULL;
	const char *asked = getenv("STUDYTERM_PYTHON");
	asked = asked ? asked : "";
	char *cache = data_dir ? paths_join(data_dir, S_CACHE) : NULL;
	struct S_cache c;
	if (cache && S_cache_read(cache, &c) && strcmp(c.asked, asked) == 0 &&
	    access(c.python, X_OK) == 0 && (c.has_flask || !need_flask)) {
		*python = xstrdup(c.python);
		free(cache);
		return ST_OK;
	}
	struct buf tried = {0};
	char *first_runs = NULL;
	for (int i = 0; i < n && !*python; i++) {
		if (!candidates[i].path || !*candidates[i].path)
			continue;
		if (tried.len)
			buf_puts(&tried, "; ");
		char *program = S_resolve(candidates[i].path);
		buf_printf(&tried, "%s", candidates[i].path);
		if (strcmp(candidates[i].label, candidates[i].path) != 0)
			buf_printf(&tried, " (%s)", candidates[i].label);
		if (!program) {
			buf_puts(&tried, ": not found");
			continue;
		}
		struct S_probe p;
		S_probe(program, &p);
		free(program);
		if (p.has_flask) {
			*python = p.executable;
			p.executable = NULL;
		} else {
			buf_printf(&tried, ": %s", p.said[0] ? p.said : "it does not run");
			if (p.runs && !first_runs) {
				first_runs = p.executable;
				p.executable = NULL;
			}
		}
		free(p.executable);
	}
	enum status st = ST_OK;
	if (*python) {
		if (cache)
			S_cache_write(cache, *python, true, asked);
		free(first_runs);
	} else if (!need_flask && first_runs) {
		*python = first_runs;
		if (cache)
			S_cache_write(cache, *python, false, asked);
	} else {
		free(first_runs);
		S_advice(why, &tried);
		st = error_set(err, ST_NOT_FOUND, "python",
		               "no Python can import Flask-SQLAlchemy "
		               "and Flask-Migrate");
	}
	buf_free(&tried);
	free(cache);
	return st;
}

enum status pyfind(const char *data_dir, bool need_flask, char **python, struct buf *why,
                   struct error *err)
{
	const struct pyfind_candidate candidates[] = {
	    {getenv("STUDYTERM_PYTHON"), "$STUDYTERM_PYTHON"},
	    {"python3", "python3 on PATH"},
	    {"/usr/bin/python3", "/usr/bin/python3"},
	};
	return pyfind_among(data_dir, candidates, 3, need_flask, python, why, err);
}
