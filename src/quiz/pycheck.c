/* pycheck: running the code of python-output questions (see pycheck.h). */
#include "quiz/pycheck.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "md/doc.h"
#include "sandbox/child.h"

extern char **environ;

enum { S_MAX_OUTPUT = 64 * 1024 };

static void S_fail(struct pycheck_result *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void S_fail(struct pycheck_result *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out->message, sizeof out->message, fmt, ap);
	va_end(ap);
	out->ok = false;
}

/* [*b, *e) without surrounding spaces. */
static void S_trim(const char **b, const char **e)
{
	while (*b < *e && ((*b)[0] == ' ' || (*b)[0] == '\t' || (*b)[0] == '\r' || (*b)[0] == '\n'))
		(*b)++;
	while (*e > *b &&
	       ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r' || (*e)[-1] == '\n'))
		(*e)--;
}

/* Steps *p over one line of a NUL-terminated text: [*b, *e) is the line
 * trimmed, *indented whether it began with a blank. False at the end. */
static bool S_next_line(const char **p, const char **b, const char **e, bool *indented)
{
	if (!**p)
		return false;
	const char *nl = strchr(*p, '\n');
	*b = *p;
	*e = nl ? nl : *p + strlen(*p);
	*indented = **b == ' ' || **b == '\t';
	*p = nl ? nl + 1 : *e;
	S_trim(b, e);
	return true;
}

char *pycheck_outcome(const char *out, const char *err, bool exited_cleanly)
{
	struct buf text = {0};
	const char *b, *e;
	bool indented;
	if (!exited_cleanly) {
		/* The exception line is the first line at column 1 after the
		 * frames of the last "Traceback" (a chained exception prints
		 * several; its message may run over more lines, such as
		 * SQLAlchemy's "[SQL: ...]"). Without a traceback, the last
		 * non-empty line stands in. */
		static const char header[] = "Traceback (most recent call last):";
		const char *tb = NULL;
		for (const char *p = strstr(err, header); p; p = strstr(p + 1, header))
			tb = p;
		const char *line_b = NULL, *line_e = NULL;
		const char *p = tb ? tb + sizeof header - 1 : err;
		while (S_next_line(&p, &b, &e, &indented)) {
			if (b == e || (tb && indented))
				continue;
			line_b = b;
			line_e = e;
			if (tb)
				break;
		}
		if (line_b) {
			const char *colon = memchr(line_b, ':', (size_t)(line_e - line_b));
			e = colon ? colon : line_e;
			S_trim(&line_b, &e);
			buf_append(&text, line_b, (size_t)(e - line_b));
		}
		return buf_detach(&text);
	}
	for (const char *p = out; S_next_line(&p, &b, &e, &indented);) {
		if (b == e)
			continue;
		if (text.len)
			buf_putc(&text, ' ');
		buf_append(&text, b, (size_t)(e - b));
	}
	return buf_detach(&text);
}

/* An answer as the program would print it: trimmed, one pair of
 * surrounding backticks removed. */
static char *S_plain(const char *answer)
{
	const char *b = answer, *e = answer + strlen(answer);
	S_trim(&b, &e);
	if (e - b >= 2 && *b == '`' && e[-1] == '`') {
		b++;
		e--;
		S_trim(&b, &e);
	}
	return xstrndup(b, (size_t)(e - b));
}

/* "pkg.mod.Name" → "Name". */
static const char *S_last_part(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot ? dot + 1 : name;
}

static bool S_same(const char *outcome, const char *key)
{
	if (strcmp(outcome, key) == 0)
		return true;
	/* An exception named in full by one side and by its last part by the
	 * other; only for names that look like identifiers. */
	if (strchr(outcome, ' ') || strchr(key, ' '))
		return false;
	if (!strchr(outcome, '.') && !strchr(key, '.'))
		return false;
	return strcmp(S_last_part(outcome), S_last_part(key)) == 0;
}

bool pycheck_matches(const struct bank_question *q, const char *outcome, char **expected)
{
	*expected = NULL;
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_TRUEFALSE:
	case BANK_SHORT: {
		struct buf want = {0};
		bool match = false;
		for (size_t i = 0; i < q->n_choices; i++) {
			if (!q->choices[i].correct)
				continue;
			char *key = S_plain(q->choices[i].text);
			if (S_same(outcome, key))
				match = true;
			if (want.len)
				buf_puts(&want, "' or '");
			buf_puts(&want, key);
			free(key);
		}
		if (!match)
			*expected = buf_detach(&want);
		else
			buf_free(&want);
		return match;
	}
	case BANK_NUMERIC: {
		char *end;
		errno = 0;
		double v = strtod(outcome, &end);
		bool number = *outcome && !*end && errno == 0 && isfinite(v);
		for (size_t i = 0; number && i < q->n_numbers; i++)
			if (q->numbers[i].weight >= 1.0 && v >= q->numbers[i].lo &&
			    v <= q->numbers[i].hi)
				return true;
		struct buf want = {0};
		for (size_t i = 0; i < q->n_numbers; i++)
			if (q->numbers[i].weight >= 1.0)
				buf_printf(&want, "%s%g..%g", want.len ? "' or '" : "",
				           q->numbers[i].lo, q->numbers[i].hi);
		*expected = buf_detach(&want);
		return false;
	}
	default: return false;
	}
}

/* Removes dir with the files and directories the program left in it. */
static void S_remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	while (d && (ent = readdir(d))) {
		if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
			continue;
		char *path = paths_join(dir, ent->d_name);
		struct stat sb;
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			S_remove_tree(path);
		else
			unlink(path);
		free(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* Writes code into a new directory and returns the directory (the caller
 * removes it), or fills out and returns NULL. */
static char *S_workdir(const char *code, struct pycheck_result *out)
{
	const char *tmp = getenv("TMPDIR");
	char *templ = paths_join(tmp && *tmp ? tmp : "/tmp", "studyterm-pycheck-XXXXXX");
	if (!mkdtemp(templ)) {
		S_fail(out, "cannot make a directory to run the code in: %s", strerror(errno));
		free(templ);
		return NULL;
	}
	char *file = paths_join(templ, "question.py");
	FILE *f = fopen(file, "w");
	bool written = f && fputs(code, f) >= 0;
	if (f && fclose(f) != 0)
		written = false;
	free(file);
	if (!written) {
		S_fail(out, "cannot write the code to run: %s", strerror(errno));
		S_remove_tree(templ);
		free(templ);
		return NULL;
	}
	return templ;
}

/* Runs python on question.py in dir (sandbox/child: its own process
 * group, killed whole at the time limit); fills out_text, err_text and
 * clean (exit status 0). Returns false (and fills res) when the program
 * could not be run or ran out of time. */
static bool S_spawn(const char *python, const char *dir, int timeout_s, struct buf *out_text,
                    struct buf *err_text, bool *clean, struct pycheck_result *res)
{
	/* -I: no user site, no PYTHON* variables, no current directory on
	 * sys.path surprises; -B: no __pycache__ left behind. The course's own
	 * code is trusted: it keeps the environment and may start processes. */
	const char *argv[] = {python, "-I", "-B", "question.py", NULL};
	struct child_spec spec = {
	    .argv = argv,
	    .env = (const char *const *)environ,
	    .dir = dir,
	    .separate_stderr = true,
	    .limits = {.time_ms = timeout_s * 1000, .keep_bytes = S_MAX_OUTPUT},
	};
	struct child *c = NULL;
	struct error err;
	if (child_start(&spec, &c, &err) != ST_OK) {
		S_fail(res, "cannot run %s to check its python code: %s", python, err.message);
		return false;
	}
	while (!child_poll(c, -1))
		;
	bool ok = true;
	if (child_end(c) == CHILD_TIMED_OUT) {
		S_fail(res, "its python code ran longer than %d seconds", timeout_s);
		ok = false;
	} else {
		buf_append(out_text, child_output(c)->data ? child_output(c)->data : "",
		           child_output(c)->len);
		buf_append(err_text, child_errors(c)->data ? child_errors(c)->data : "",
		           child_errors(c)->len);
		*clean = child_end(c) == CHILD_EXITED && child_status(c) == 0;
	}
	child_free(c);
	return ok;
}

void pycheck_run(const struct bank_question *q, const char *python, int timeout_s,
                 struct pycheck_result *res)
{
	memset(res, 0, sizeof *res);
	if (q->type != BANK_SINGLE && q->type != BANK_TRUEFALSE && q->type != BANK_SHORT &&
	    q->type != BANK_NUMERIC) {
		S_fail(res,
		       "python-output fits single, truefalse, short and numeric questions, "
		       "not %s",
		       bank_qtype_name(q->type));
		return;
	}
	char *code = md_last_code_block(q->stem, strlen(q->stem), "python");
	if (!code) {
		S_fail(res, "python-output, but the stem has no ```python block");
		return;
	}
	char *dir = S_workdir(code, res);
	free(code);
	if (!dir)
		return;
	struct buf out_text = {0}, err_text = {0};
	bool clean = false;
	if (S_spawn(python, dir, timeout_s, &out_text, &err_text, &clean, res)) {
		char *outcome = pycheck_outcome(buf_cstr(&out_text), buf_cstr(&err_text), clean);
		char *expected = NULL;
		if (pycheck_matches(q, outcome, &expected)) {
			res->ok = true;
		} else if (!clean && !strchr(outcome, ' ') && *outcome) {
			S_fail(res, "its python code raised %s, but the key says '%s'", outcome,
			       expected ? expected : "?");
		} else {
			S_fail(res, "its python code printed '%s', but the key says '%s'", outcome,
			       expected ? expected : "?");
		}
		free(outcome);
		free(expected);
	}
	buf_free(&out_text);
	buf_free(&err_text);
	S_remove_tree(dir);
	free(dir);
}
