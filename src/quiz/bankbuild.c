/* bankbuild: checking and compiling bank files (see bankbuild.h). */
#include "quiz/bankbuild.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bank/export.h"
#include "bank/load.h"
#include "bank/native.h"
#include "core/buf.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "quiz/catalog.h"
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

static int S_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends path, or the bank files directly inside it when it is a directory. */
static void S_expand(const char *path, char ***names, size_t *n, size_t *cap)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		DIR *d = opendir(path);
		size_t first = *n;
		struct dirent *ent;
		while (d && (ent = readdir(d))) {
			enum bank_format fmt;
			if (ent->d_name[0] == '.' || !bank_format_of(ent->d_name, &fmt))
				continue;
			xgrow((void **)names, cap, *n + 1, sizeof **names);
			(*names)[(*n)++] = paths_join(path, ent->d_name);
		}
		if (d)
			closedir(d);
		qsort(*names + first, *n - first, sizeof **names, S_cmp_names);
		return;
	}
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*names)[i], path) == 0)
			return; /* named twice: still one file */
	xgrow((void **)names, cap, *n + 1, sizeof **names);
	(*names)[(*n)++] = xstrdup(path);
}

static struct bank_report *S_new_report(struct bankbuild *b)
{
	size_t cap = b->n_reports;
	xgrow((void **)&b->reports, &cap, b->n_reports + 1, sizeof *b->reports);
	return &b->reports[b->n_reports++];
}

static void S_read_file(struct bankbuild *b, const char *path, struct S_file *f)
{
	struct bank_report *rep = S_new_report(b);
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

static size_t S_check(struct bankbuild *b, char *const *paths, size_t n_paths,
                      struct S_files *files)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < n_paths; i++)
		S_expand(paths[i], &names, &n, &cap);
	memset(files, 0, sizeof *files);
	files->items = xcalloc(n ? n : 1, sizeof *files->items);
	for (size_t i = 0; i < n; i++) {
		S_read_file(b, names[i], &files->items[i]);
		files->n++;
		free(names[i]);
	}
	free(names);
	S_check_across(b, files);
	S_check_sections(b, files);
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
	size_t errors = S_check(b, paths, n_paths, &files);
	S_files_free(&files);
	return errors;
}

/* Plain words of a question for the search index. */
static char *S_search_text(const struct bank_question *q)
{
	struct buf t = {0};
	buf_puts(&t, q->stem);
	for (size_t i = 0; i < q->n_choices; i++) {
		buf_putc(&t, '\n');
		buf_puts(&t, q->choices[i].text);
	}
	for (size_t i = 0; i < q->n_pairs; i++)
		buf_printf(&t, "\n%s %s", q->pairs[i].left, q->pairs[i].right);
	if (q->explanation) {
		buf_putc(&t, '\n');
		buf_puts(&t, q->explanation);
	}
	return buf_detach(&t);
}

enum status bankbuild_write(struct bankbuild *b, char *const *paths, size_t n_paths,
                            const char *out_path, struct error *err)
{
	struct S_files files;
	if (S_check(b, paths, n_paths, &files)) {
		S_files_free(&files);
		return error_set(err, ST_INVALID, out_path, "not written: the bank has %zu error%s",
		                 b->errors, b->errors == 1 ? "" : "s");
	}
	struct bankdb_writer *w;
	if (bankdb_writer_open(out_path, &w, err) != ST_OK) {
		S_files_free(&files);
		return err->status;
	}
	/* One bank row for all the files: the first title names it. */
	const char *title = NULL;
	for (size_t i = 0; i < files.n && !title; i++)
		title = files.items[i].bank.title;
	enum status st =
	    bankdb_writer_add_bank(w, b->bank_id, title, n_paths == 1 ? paths[0] : NULL, err);
	for (size_t i = 0; i < files.n && st == ST_OK; i++) {
		const struct S_file *f = &files.items[i];
		for (size_t j = 0; j < f->bank.n_questions && st == ST_OK; j++) {
			const struct bank_question *q = &f->bank.questions[j];
			struct buf md = {0};
			if (f->spans)
				buf_append(&md, f->text + f->spans[j].start,
				           f->spans[j].end - f->spans[j].start);
			else
				bank_export_md_question(q, &md);
			char *text = S_search_text(q);
			struct bankdb_row row = {
			    .bank = b->bank_id,
			    .id = q->id,
			    .section = q->section,
			    .type = bank_qtype_name(q->type),
			    .title = q->title,
			    .chapter = catalog_chapter_of(q->section),
			    .difficulty = q->difficulty,
			    .text = text,
			    .source = buf_cstr(&md),
			    .source_len = md.len,
			};
			st = bankdb_writer_add(w, &row, err);
			free(text);
			buf_free(&md);
		}
	}
	S_files_free(&files);
	if (st != ST_OK) {
		bankdb_writer_abort(w);
		return st;
	}
	return bankdb_writer_finish(w, err);
}

void bankbuild_free(struct bankbuild *b)
{
	for (size_t i = 0; i < b->n_reports; i++)
		bank_report_clear(&b->reports[i]);
	free(b->reports);
	b->reports = NULL;
	b->n_reports = 0;
}
