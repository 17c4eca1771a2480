/* bank_cmd: `studyterm bank check|build|import|export|list|search`
 * (studyterm-bank(5)).
 *
 * Diagnostics go to stderr as file:line:col: severity: message, summaries to
 * stdout. Exit status: 0 done, 1 the input has errors or a file could not be
 * written, 2 a bad command line. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bank/export.h"
#include "bank/load.h"
#include "bank/native.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "course/course.h"
#include "quiz/bankbuild.h"
#include "quiz/coverage.h"
#include "store/bankdb.h"

#define BUILTIN_BANK "flask"

static const char S_bank_usage[] =
    "usage: studyterm bank COMMAND\n"
    "  check [--run] [--python PATH] [--coverage] PATH...\n"
    "                             check bank files (directories: every bank file in\n"
    "                             them); --run also runs the code of python-output\n"
    "                             questions (with /usr/bin/python3 or PATH) to prove\n"
    "                             their keys; --coverage prints the section x type table\n"
    "  build [-o FILE] [PATH...]  compile native banks (default quizzes/) into FILE\n"
    "                             (default DATA/bank.sqlite)\n"
    "  import FILE [--id ID] [--to DIR] [--force]\n"
    "                             convert a GIFT (.gift) or Aiken (.txt) file into a\n"
    "                             studyterm bank in your banks folder\n"
    "  export --format md|gift|anki-tsv [--bank ID]\n"
    "                             write a bank to standard output\n"
    "  list                       the banks studyterm loads, with question counts\n"
    "  search [--limit N] WORDS...\n"
    "                             questions of the built-in bank holding every word\n"
    "                             (any form: migrations finds migrate); \"quoted\n"
    "                             words\" in that order, word* a prefix, -word excluded\n"
    "See studyterm-bank(5).\n";

__attribute__((format(printf, 1, 2))) static int S_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "studyterm: bank: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'studyterm bank --help'.\n");
	return 2;
}

static void S_print_reports(const struct bank_report *r, size_t n)
{
	struct buf out = {0};
	for (size_t i = 0; i < n; i++)
		bank_report_format(&r[i], &out);
	fputs(buf_cstr(&out), stderr);
	buf_free(&out);
}

static bool S_known_section(void *ctx, const char *section)
{
	size_t chapter;
	long sec;
	return course_find(ctx, section, &chapter, &sec) == 0;
}

static void S_attach_course(const struct cli_env *env, struct bankbuild *b, struct course **course)
{
	char *dir = cli_content_dir(env);
	struct error err;
	*course = NULL;
	if (course_load(dir, course, &err) == ST_OK) {
		b->known = S_known_section;
		b->known_ctx = *course;
	} else {
		fprintf(stderr, "studyterm: sections not checked: %s: %s\n", err.where,
		        err.message);
	}
	free(dir);
}

static void S_print_totals(const struct bankbuild *b)
{
	printf("%zu question%s in %zu file%s:", b->questions, b->questions == 1 ? "" : "s",
	       b->files, b->files == 1 ? "" : "s");
	const char *sep = " ";
	for (int t = 0; t < BANK_QTYPE_COUNT; t++)
		if (b->by_type[t]) {
			printf("%s%s %zu", sep, bank_qtype_name((enum bank_qtype)t), b->by_type[t]);
			sep = ", ";
		}
	printf("; %zu error%s, %zu warning%s\n", b->errors, b->errors == 1 ? "" : "s", b->warnings,
	       b->warnings == 1 ? "" : "s");
}

static void S_count_question(void *ctx, const struct bank_question *q)
{
	coverage_add(ctx, q);
}

static int S_check(const struct cli_env *env, int argc, char **argv)
{
	struct bankbuild b = {.bank_id = BUILTIN_BANK};
	bool run = false, show_coverage = false;
	const char *python = "/usr/bin/python3";
	char **paths = xcalloc((size_t)argc + 1, sizeof *paths);
	size_t n_paths = 0;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--run") == 0) {
			run = true;
		} else if (strcmp(argv[i], "--coverage") == 0) {
			show_coverage = true;
		} else if (strcmp(argv[i], "--python") == 0) {
			if (i + 1 >= argc) {
				free(paths);
				return S_usage("%s", "check: --python needs a PATH");
			}
			python = argv[++i];
			run = true;
		} else if (argv[i][0] == '-') {
			free(paths);
			return S_usage("check: unknown option '%s'", argv[i]);
		} else {
			paths[n_paths++] = argv[i];
		}
	}
	if (n_paths == 0) {
		free(paths);
		return S_usage("%s", "check needs at least one PATH");
	}
	struct coverage coverage = {0};
	if (run)
		b.python = python;
	if (show_coverage) {
		b.each_question = S_count_question;
		b.each_ctx = &coverage;
	}
	struct course *course;
	S_attach_course(env, &b, &course);
	bankbuild_check(&b, paths, n_paths);
	S_print_reports(b.reports, b.n_reports);
	if (show_coverage) {
		struct buf table = {0};
		coverage_format(&coverage, &table);
		fputs(buf_cstr(&table), stdout);
		buf_free(&table);
	}
	S_print_totals(&b);
	if (b.python_questions)
		printf("%zu python-output question%s: %s\n", b.python_questions,
		       b.python_questions == 1 ? "" : "s",
		       run ? "code run, keys checked" : "code not run (--run runs it)");
	int rc = b.errors ? 1 : 0;
	bankbuild_free(&b);
	coverage_free(&coverage);
	course_free(course);
	free(paths);
	return rc;
}

static int S_build(const struct cli_env *env, int argc, char **argv)
{
	const char *out = NULL;
	char *paths[64];
	size_t n = 0;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] == '-')
			return S_usage("build: unknown option '%s'", argv[i]);
		else if (n < sizeof paths / sizeof *paths)
			paths[n++] = argv[i];
		else
			return S_usage("build: too many paths at '%s'", argv[i]);
	}
	char quizzes[] = "quizzes";
	if (n == 0)
		paths[n++] = quizzes;
	char *data = cli_data_dir(env);
	char *target = out ? xstrdup(out) : paths_join(data, "bank.sqlite");
	free(data);
	struct bankbuild b = {.bank_id = BUILTIN_BANK};
	struct course *course;
	S_attach_course(env, &b, &course);
	struct error err = {0};
	enum status st = bankbuild_write(&b, paths, n, target, &err);
	S_print_reports(b.reports, b.n_reports);
	if (st != ST_OK)
		fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
	else {
		printf("wrote %s: ", target);
		S_print_totals(&b);
	}
	bankbuild_free(&b);
	course_free(course);
	free(target);
	return st == ST_OK ? 0 : 1;
}

/* Writes text to path through a temporary file and rename: the target is
 * either the old file or the complete new one. */
static enum status S_write_atomic(const char *path, const char *text, size_t len, struct error *err)
{
	struct buf tmp = {0};
	buf_printf(&tmp, "%s.tmp", path);
	FILE *f = fopen(buf_cstr(&tmp), "w");
	enum status st = ST_OK;
	if (!f) {
		st = error_set(err, ST_IO, buf_cstr(&tmp), "cannot write: %s", strerror(errno));
	} else {
		bool ok = fwrite(text, 1, len, f) == len;
		ok &= fflush(f) == 0 && fsync(fileno(f)) == 0;
		ok &= fclose(f) == 0;
		if (!ok || rename(buf_cstr(&tmp), path) != 0) {
			st = error_set(err, ST_IO, path, "cannot write: %s", strerror(errno));
			unlink(buf_cstr(&tmp));
		}
	}
	buf_free(&tmp);
	return st;
}

static int S_import(int argc, char **argv)
{
	const char *file = NULL, *id = NULL, *to = NULL;
	bool force = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--id") == 0 && i + 1 < argc)
			id = argv[++i];
		else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to = argv[++i];
		else if (strcmp(argv[i], "--force") == 0)
			force = true;
		else if (argv[i][0] == '-')
			return S_usage("import: unknown option '%s'", argv[i]);
		else if (!file)
			file = argv[i];
		else
			return S_usage("import takes one FILE, got another: '%s'", argv[i]);
	}
	if (!file)
		return S_usage("%s", "import needs a FILE (.gift or .txt)");
	enum bank_format fmt;
	if (!bank_format_of(file, &fmt) || fmt == BANK_FORMAT_NATIVE) {
		fprintf(
		    stderr,
		    "studyterm: %s: import converts Moodle GIFT (.gift) and Aiken (.txt) files; "
		    "a .md bank needs no conversion: copy it into your banks folder\n",
		    file);
		return 1;
	}
	struct bank b = {0};
	struct bank_report rep;
	size_t errors = bank_load_file(file, id, &b, &rep);
	S_print_reports(&rep, 1);
	if (errors) {
		fprintf(stderr, "studyterm: %s: nothing imported: fix the %zu error%s above\n",
		        file, errors, errors == 1 ? "" : "s");
		bank_clear(&b);
		bank_report_clear(&rep);
		return 1;
	}
	char *dir = to ? xstrdup(to) : cli_user_banks_dir();
	struct error err = {0};
	int rc = 1;
	if (!dir) {
		fprintf(stderr, "studyterm: no user data directory: set HOME or STUDYTERM_HOME, or "
		                "use --to DIR\n");
		goto done;
	}
	if (paths_mkdir_p(dir, &err) != ST_OK) {
		fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
		goto done;
	}
	struct buf name = {0};
	buf_printf(&name, "%s.md", b.id);
	char *target = paths_join(dir, buf_cstr(&name));
	buf_free(&name);
	if (!force && access(target, F_OK) == 0) {
		fprintf(stderr,
		        "studyterm: %s already exists: use --force to replace it, or --id "
		        "to import under another name\n",
		        target);
		free(target);
		goto done;
	}
	struct buf md = {0};
	buf_printf(&md, "# %s\n\nImported from %s by studyterm bank import.\n",
	           b.title ? b.title : b.id, file);
	for (size_t i = 0; i < b.n_questions; i++) {
		buf_putc(&md, '\n');
		bank_export_md_question(&b.questions[i], &md);
	}
	/* The written file must load as the same bank: check before replacing. */
	struct bank again = {0};
	struct bank_report rep2;
	bank_report_init(&rep2, target);
	size_t bad = bank_parse(BANK_FORMAT_NATIVE, md.data, md.len, &again, &rep2);
	if (bad || again.n_questions != b.n_questions) {
		S_print_reports(&rep2, 1);
		fprintf(stderr,
		        "studyterm: %s: the converted bank does not read back (a bug): "
		        "nothing written\n",
		        file);
	} else if (S_write_atomic(target, md.data, md.len, &err) != ST_OK) {
		fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
	} else {
		printf("imported %zu question%s into %s", b.n_questions,
		       b.n_questions == 1 ? "" : "s", target);
		if (rep.n_skipped)
			printf("; %zu item%s could not be converted (listed above)", rep.n_skipped,
			       rep.n_skipped == 1 ? "" : "s");
		printf("\n");
		rc = 0;
	}
	bank_clear(&again);
	bank_report_clear(&rep2);
	buf_free(&md);
	free(target);
done:
	free(dir);
	bank_clear(&b);
	bank_report_clear(&rep);
	return rc;
}

static int S_export(const struct cli_env *env, int argc, char **argv)
{
	enum bank_export_format fmt = BANK_EXPORT_MD;
	bool have_format = false;
	const char *bank_id = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			if (!bank_export_format_parse(argv[++i], &fmt))
				return S_usage("export: --format is md, gift or anki-tsv, not '%s'",
				               argv[i]);
			have_format = true;
		} else if (strcmp(argv[i], "--bank") == 0 && i + 1 < argc) {
			bank_id = argv[++i];
		} else {
			return S_usage("export: unknown argument '%s'", argv[i]);
		}
	}
	if (!have_format)
		return S_usage("%s", "export needs --format md|gift|anki-tsv");
	struct catalog cat;
	char *notes;
	cli_open_catalog(env, &cat, &notes);
	fputs(notes, stderr);
	free(notes);
	/* Default: the built-in bank when loaded, else the only bank there is. */
	if (!bank_id && cat.n_entries) {
		bank_id = cat.entries[0].bank;
		for (size_t i = 0; i < cat.n_entries; i++)
			if (strcmp(cat.entries[i].bank, BUILTIN_BANK) == 0)
				bank_id = BUILTIN_BANK;
	}
	/* A shallow bank over the catalog's parsed questions: not owned. */
	struct bank view = {.id = (char *)bank_id};
	size_t cap = 0;
	int rc = 0;
	for (size_t i = 0; bank_id && i < cat.n_entries && rc == 0; i++) {
		if (strcmp(cat.entries[i].bank, bank_id) != 0)
			continue;
		struct error err = {0};
		const struct bank_question *q = catalog_question(&cat, i, &err);
		if (!q) {
			fprintf(stderr, "studyterm: %s: %s\n", err.where, err.message);
			rc = 1;
			break;
		}
		xgrow((void **)&view.questions, &cap, view.n_questions + 1, sizeof *view.questions);
		view.questions[view.n_questions++] = *q;
	}
	for (size_t b = 0; b < cat.n_banks; b++)
		if (bank_id && strcmp(cat.banks[b]->id, bank_id) == 0)
			view.title = cat.banks[b]->title;
	if (rc == 0 && view.n_questions == 0) {
		fprintf(stderr, "studyterm: no bank '%s' (see 'studyterm bank list')\n",
		        bank_id ? bank_id : "");
		rc = 1;
	}
	if (rc == 0) {
		struct buf out = {0};
		struct bank_report rep;
		bank_report_init(&rep, bank_id);
		bank_export(&view, fmt, &out, &rep);
		fwrite(out.data ? out.data : "", 1, out.len, stdout);
		S_print_reports(&rep, 1);
		if (rep.n_skipped)
			fprintf(stderr,
			        "studyterm: %zu question%s not exported: %s cannot express %s\n",
			        rep.n_skipped, rep.n_skipped == 1 ? "" : "s",
			        bank_export_format_name(fmt), rep.n_skipped == 1 ? "it" : "them");
		buf_free(&out);
		bank_report_clear(&rep);
		rc = fflush(stdout) == 0 ? 0 : 1;
	}
	free(view.questions);
	catalog_free(&cat);
	return rc;
}

static int S_list(const struct cli_env *env)
{
	struct catalog cat;
	char *notes;
	cli_open_catalog(env, &cat, &notes);
	fputs(notes, stderr);
	free(notes);
	const char *current = NULL;
	size_t count = 0;
	for (size_t i = 0; i <= cat.n_entries; i++) {
		const char *bank = i < cat.n_entries ? cat.entries[i].bank : NULL;
		if (current && (!bank || strcmp(bank, current) != 0)) {
			printf("%-20s %6zu question%s\n", current, count, count == 1 ? "" : "s");
			count = 0;
		}
		current = bank;
		count++;
	}
	if (!cat.n_entries)
		printf("no questions loaded\n");
	catalog_free(&cat);
	return 0;
}

static void S_print_hit(void *ctx, const struct bankdb_row *row)
{
	size_t *hits = ctx;
	(*hits)++;
	char key[160];
	snprintf(key, sizeof key, "%s/%s", row->bank, row->id);
	printf("%-32s %-6s %-9s %s\n", key, row->section, row->type, row->title);
}

static int S_search(const struct cli_env *env, int argc, char **argv)
{
	size_t limit = 20;
	struct buf query = {0};
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--limit") == 0) {
			char *end;
			long n = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
			if (i + 1 >= argc || *end || n < 1) {
				buf_free(&query);
				return S_usage("%s", "search: --limit needs a positive number");
			}
			limit = (size_t)n;
			i++;
			continue;
		}
		if (query.len)
			buf_putc(&query, ' ');
		buf_puts(&query, argv[i]);
	}
	if (!query.len)
		return S_usage("%s", "search: which words?");
	char *data = cli_data_dir(env);
	char *db = paths_join(data, "bank.sqlite");
	size_t hits = 0;
	struct error err;
	int rc = 0;
	if (bankdb_search(db, buf_cstr(&query), limit, S_print_hit, &hits, &err) != ST_OK) {
		fprintf(stderr, "studyterm: %s%s%s\n", err.where, err.where[0] ? ": " : "",
		        err.message);
		rc = 1;
	} else if (!hits) {
		printf("no question matches %s\n", buf_cstr(&query));
		rc = 1; /* like grep: nothing found */
	} else if (hits == limit) {
		printf("(the best %zu; --limit N shows more)\n", hits);
	}
	free(db);
	free(data);
	buf_free(&query);
	return rc;
}

int cli_bank(const struct cli_env *env, int argc, char **argv)
{
	if (argc < 1)
		return S_usage("%s", "which command?");
	const char *cmd = argv[0];
	if (strcmp(cmd, "check") == 0)
		return S_check(env, argc - 1, argv + 1);
	if (strcmp(cmd, "build") == 0)
		return S_build(env, argc - 1, argv + 1);
	if (strcmp(cmd, "import") == 0)
		return S_import(argc - 1, argv + 1);
	if (strcmp(cmd, "export") == 0)
		return S_export(env, argc - 1, argv + 1);
	if (strcmp(cmd, "list") == 0)
		return S_list(env);
	if (strcmp(cmd, "search") == 0)
		return S_search(env, argc - 1, argv + 1);
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		fputs(S_bank_usage, stdout);
		return 0;
	}
	return S_usage("unknown command '%s'", cmd);
}
