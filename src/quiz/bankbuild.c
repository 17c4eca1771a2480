/* bankbuild: checking and compiling bank files (see bankbuild.h). */
#include "quiz/bankbuild.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bank/export.h"
#include "bank/load.h"
#include "bank/native.h"
#include "core/buf.h"
#include "core/parallel.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "quiz/catalog.h"
#include "quiz/pycheck.h"
#include "store/bankdb.h"

/* One parsed file, kept until the database is written. */
struct S_file {
	struct bank bank;
	char *text; /* native files: the source, for each question's own Markdown */
	size_t len;
	struct bank_span *spans;
};

struct S_files {
	struct S_file *items;
	size_t n, cap;
};

/* Appends path, or the bank files directly inside it when it is a directory. */
static void S_expand(const char *path, char ***names, size_t *n, size_t *cap)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		size_t k;
		char **found = paths_list(path, bank_is_bank_file, &k);
		xgrow((void **)names, cap, *n + k + 1, sizeof **names);
		if (k) /* an empty folder lists NULL */
			memcpy(*names + *n, found, k * sizeof *found);
		*n += k;
		free(found); /* the strings moved into names */
		return;
	}
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*names)[i], path) == 0)
			return; /* named twice: still one file */
	xgrow((void **)names, cap, *n + 1, sizeof **names);
	(*names)[(*n)++] = xstrdup(path);
}

/* Reads file i into files[i] and reports[i]: runs on a worker thread, and
 * touches nothing shared but those two. */
static void S_read_file(const struct bankbuild *b, const char *path, struct S_file *f,
                        struct bank_report *rep)
{
	enum bank_format fmt;
	memset(f, 0, sizeof *f);
	if (bank_format_of(path, &fmt) && fmt == BANK_FORMAT_NATIVE) {
		/* Native files keep their text so each question is stored as written. */
		bank_report_init(rep, path);
		f->bank.id = xstrdup(b->bank_id);
		f->bank.path = xstrdup(path);
		struct error err;
		if (paths_read_file(path, &f->text, &f->len, &err) != ST_OK) {
			bank_report_add(rep, BANK_ERROR, 0, 0, "%s", err.message);
			return;
		}
		bank_native_parse_spans(f->text, f->len, &f->bank, rep, &f->spans);
		bank_validate(&f->bank, rep);
		if (f->bank.n_questions == 0 && rep->n_errors == 0)
			bank_report_add(rep, BANK_WARNING, 0, 0, "no questions in this file");
	} else {
		bank_load_file(path, b->bank_id, &f->bank, rep);
	}
}

struct S_seen {
	const char *id;
	const char *path;
	size_t file;
	int line;
};

static int S_cmp_seen(const void *a, const void *b)
{
	const struct S_seen *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* Ids must be unique across the files of one bank (within a file
 * bank_validate already said so). */
static void S_check_across(struct bankbuild *b, struct S_files *files)
{
	size_t n = 0;
	for (size_t i = 0; i < files->n; i++)
		n += files->items[i].bank.n_questions;
	struct S_seen *seen = xcalloc(n ? n : 1, sizeof *seen);
	size_t k = 0;
	for (size_t i = 0; i < files->n; i++)
		for (size_t j = 0; j < files->items[i].bank.n_questions; j++) {
			const struct bank_question *q = &files->items[i].bank.questions[j];
			if (q->id)
				seen[k++] = (struct S_seen){q->id, b->reports[i].path, i, q->line};
		}
	/* Equal ids in file order, then line: the first use is the one named. */
	qsort(seen, k, sizeof *seen, S_cmp_seen);
	for (size_t i = 1; i < k; i++) {
		if (strcmp(seen[i].id, seen[i - 1].id) != 0 || seen[i].path == seen[i - 1].path)
			continue; /* within one file bank_validate reported it */
		for (size_t f = 0; f < b->n_reports; f++)
			if (b->reports[f].path == seen[i].path) {
				bank_report_add(&b->reports[f], BANK_ERROR, seen[i].line, 1,
				                "id '%s' is also used at %s:%d", seen[i].id,
				                seen[i - 1].path, seen[i - 1].line);
				break;
			}
	}
	free(seen);
}

static void S_check_sections(struct bankbuild *b, struct S_files *files)
{
	if (!b->known)
		return;
	for (size_t i = 0; i < files->n; i++)
		for (size_t j = 0; j < files->items[i].bank.n_questions; j++) {
			const struct bank_question *q = &files->items[i].bank.questions[j];
			if (q->section && *q->section && !b->known(b->known_ctx, q->section))
				bank_report_add(&b->reports[i], BANK_WARNING, q->line, 1,
				                "question '%s': section %s is not in the course",
				                q->id ? q->id : "?", q->section);
		}
}

static void S_files_free(struct S_files *files)
{
	for (size_t i = 0; i < files->n; i++) {
		bank_clear(&files->items[i].bank);
		free(files->items[i].text);
		free(files->items[i].spans);
	}
	free(files->items);
}

/* The python-output questions of error-free files, run on worker threads
 * (each run mostly waits for its interpreter to start). */
struct S_pyjob {
	const struct bank_question *q;
	size_t file;
	struct pycheck_result result;
};

struct S_pyjobs {
	struct S_pyjob *items;
	const char *python;
	int timeout;
};

static void S_run_pyjob(void *ctx, size_t i)
{
	struct S_pyjobs *jobs = ctx;
	pycheck_run(jobs->items[i].q, jobs->python, jobs->timeout, &jobs->items[i].result);
}

static void S_check_python(struct bankbuild *b, struct S_files *files)
{
	size_t n = 0, cap = 0;
	struct S_pyjobs jobs = {NULL, b->python, b->python_timeout > 0 ? b->python_timeout : 20};
	for (size_t i = 0; i < files->n; i++)
		for (size_t j = 0; j < files->items[i].bank.n_questions; j++) {
			const struct bank_question *q = &files->items[i].bank.questions[j];
			if (!(q->flags & BANK_PYTHON_OUTPUT))
				continue;
			b->python_questions++;
			if (!b->python || b->reports[i].n_errors)
				continue;
			xgrow((void **)&jobs.items, &cap, n + 1, sizeof *jobs.items);
			jobs.items[n++] = (struct S_pyjob){.q = q, .file = i};
		}
	if (n) {
		/* Twice the cores: a run is mostly an interpreter starting up. */
		parallel_finish(parallel_start(n, S_run_pyjob, &jobs, 2 * parallel_cores()));
	}
	for (size_t k = 0; k < n; k++)
		if (!jobs.items[k].result.ok)
			bank_report_add(&b->reports[jobs.items[k].file], BANK_ERROR,
			                jobs.items[k].q->line, 1, "question '%s': %s",
			                jobs.items[k].q->id, jobs.items[k].result.message);
	free(jobs.items);
}

/* Reading files: the paths, and the files and reports they fill. */
struct S_reading {
	const struct bankbuild *b;
	char **names;
	struct S_files *files;
	struct bank_report *reports;
};

static void S_read_item(void *ctx, size_t i)
{
	struct S_reading *r = ctx;
	struct S_file *f = &r->files->items[i];
	S_read_file(r->b, r->names[i], f, &r->reports[i]);
}

/* Reads every file on worker threads. on_file, when given, is called in the
 * calling thread for each file in order as soon as it is read (while later
 * files are still being parsed); the checks across files come after. */
static size_t S_check(struct bankbuild *b, char *const *paths, size_t n_paths,
                      struct S_files *files,
                      void (*on_file)(void *, const struct S_file *, const struct bank_report *),
                      void *on_file_ctx)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < n_paths; i++)
		S_expand(paths[i], &names, &n, &cap);
	memset(files, 0, sizeof *files);
	files->items = xcalloc(n ? n : 1, sizeof *files->items);
	files->n = n;
	b->reports = xcalloc(n ? n : 1, sizeof *b->reports);
	b->n_reports = n;
	struct S_reading reading = {b, names, files, b->reports};
	/* One parser per core even while this thread writes: parsing is the
	 * larger job, and measured on two cores a parser fewer (leaving the
	 * writer a core of its own) was a third slower. */
	struct parallel *workers = parallel_start(n, S_read_item, &reading, parallel_cores());
	for (size_t i = 0; i < n && on_file; i++) {
		parallel_wait(workers, i);
		on_file(on_file_ctx, &files->items[i], &b->reports[i]);
	}
	parallel_finish(workers);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	S_check_across(b, files);
	S_check_sections(b, files);
	S_check_python(b, files);
	for (size_t i = 0; i < files->n && b->each_question; i++)
		for (size_t j = 0; !b->reports[i].n_errors && j < files->items[i].bank.n_questions;
		     j++)
			b->each_question(b->each_ctx, &files->items[i].bank.questions[j]);
	b->files = files->n;
	for (size_t i = 0; i < files->n; i++) {
		b->questions += files->items[i].bank.n_questions;
		for (size_t j = 0; j < files->items[i].bank.n_questions; j++) {
			enum bank_qtype t = files->items[i].bank.questions[j].type;
			if (t < BANK_QTYPE_COUNT)
				b->by_type[t]++;
		}
		b->errors += b->reports[i].n_errors;
		b->warnings += b->reports[i].n_warnings;
	}
	return b->errors;
}

size_t bankbuild_check(struct bankbuild *b, char *const *paths, size_t n_paths)
{
	struct S_files files;
	size_t errors = S_check(b, paths, n_paths, &files, NULL, NULL);
	S_files_free(&files);
	return errors;
}

/* Writing while reading: each file's questions go into the new database as
 * soon as the file is parsed. The database is only kept when no file has an
 * error, so rows written before an error is found are thrown away with it. */
struct S_writing {
	struct bankbuild *b;
	struct bankdb_writer *w; /* NULL once writing failed or is pointless */
	enum status st;
	struct error err;
};

/* What the search index needs of a question's native source: all but its
 * heading (indexed as the title) and metadata paragraph (ids and numbers
 * nobody searches for), which end at the first blank line. Indexing is
 * most of the writer's work, and it grows with every word. */
static void S_searchable(const char *source, size_t len, const char **text, size_t *text_len)
{
	const char *p = source, *end = source + len;
	const char *nl = memchr(p, '\n', len);
	p = nl ? nl + 1 : end; /* the heading */
	while (p < end) {
		const char *line_end = memchr(p, '\n', (size_t)(end - p));
		if (!line_end)
			line_end = end;
		bool blank = true;
		for (const char *c = p; c < line_end && blank; c++)
			blank = *c == ' ' || *c == '\t' || *c == '\r';
		p = line_end < end ? line_end + 1 : end;
		if (blank)
			break;
	}
	*text = p;
	*text_len = (size_t)(end - p);
}

static enum status S_write_file(struct S_writing *wr, const struct S_file *f)
{
	struct buf md = {0};
	for (size_t j = 0; j < f->bank.n_questions; j++) {
		const struct bank_question *q = &f->bank.questions[j];
		const char *source;
		size_t source_len;
		if (f->spans) { /* stored as written, straight from the file's text */
			source = f->text + f->spans[j].start;
			source_len = f->spans[j].end - f->spans[j].start;
		} else {
			md.len = 0;
			bank_export_md_question(q, &md);
			source = buf_cstr(&md);
			source_len = md.len;
		}
		struct bankdb_row row = {
		    .bank = wr->b->bank_id,
		    .id = q->id,
		    .section = q->section,
		    .type = bank_qtype_name(q->type),
		    .title = q->title,
		    .chapter = catalog_chapter_of(q->section),
		    .difficulty = q->difficulty,
		    .source = source,
		    .source_len = source_len,
		};
		S_searchable(source, source_len, &row.text, &row.text_len);
		if (bankdb_writer_add(wr->w, &row, &wr->err) != ST_OK) {
			buf_free(&md);
			return ST_DB;
		}
	}
	buf_free(&md);
	return ST_OK;
}

static void S_on_file(void *ctx, const struct S_file *f, const struct bank_report *rep)
{
	struct S_writing *wr = ctx;
	if (!wr->w)
		return;
	if (rep->n_errors) {
		bankdb_writer_abort(wr->w); /* this bank will not be written */
		wr->w = NULL;
		return;
	}
	wr->st = S_write_file(wr, f);
	if (wr->st != ST_OK) {
		bankdb_writer_abort(wr->w);
		wr->w = NULL;
	}
}

enum status bankbuild_write(struct bankbuild *b, char *const *paths, size_t n_paths,
                            const char *out_path, struct error *err)
{
	struct S_writing wr = {.b = b};
	wr.st = bankdb_writer_open(out_path, &wr.w, &wr.err);
	struct S_files files;
	size_t errors = S_check(b, paths, n_paths, &files, S_on_file, &wr);
	/* One bank row for all the files: the first title names it. */
	char *title = NULL;
	for (size_t i = 0; i < files.n && !title; i++)
		if (files.items[i].bank.title)
			title = xstrdup(files.items[i].bank.title);
	S_files_free(&files);
	if (!errors && wr.st == ST_OK)
		wr.st = bankdb_writer_add_bank(wr.w, b->bank_id, title,
		                               n_paths == 1 ? paths[0] : NULL, &wr.err);
	free(title);
	if (errors) {
		bankdb_writer_abort(wr.w);
		return error_set(err, ST_INVALID, out_path, "not written: the bank has %zu error%s",
		                 b->errors, b->errors == 1 ? "" : "s");
	}
	if (wr.st != ST_OK) {
		bankdb_writer_abort(wr.w);
		*err = wr.err;
		return wr.st;
	}
	return bankdb_writer_finish(wr.w, err);
}

void bankbuild_free(struct bankbuild *b)
{
	for (size_t i = 0; i < b->n_reports; i++)
		bank_report_clear(&b->reports[i]);
	free(b->reports);
	b->reports = NULL;
	b->n_reports = 0;
}
