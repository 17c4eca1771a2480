/* bankbuild: checking bank files and compiling them into the bank database.
 *
 * The files given together form one bank: every file is parsed and
 * validated (bank/load), ids must be unique across all of them, and each
 * question's section can be checked against the course through a callback
 * (the course is not a layer quiz may use). Compiling happens only when no
 * file has an error; it writes a temporary file and renames it
 * (store/bankdb), so a broken bank never replaces a good database. */
#ifndef STUDYTERM_QUIZ_BANKBUILD_H
#define STUDYTERM_QUIZ_BANKBUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "bank/question.h"
#include "core/status.h"

/* Returns true when section exists in the course. */
typedef bool (*bankbuild_section_fn)(void *ctx, const char *section);

struct bankbuild {
	const char *bank_id;        /* id of the bank the files form ("flask") */
	bankbuild_section_fn known; /* NULL: sections are not checked */
	void *known_ctx;
	/* When set, bankbuild_check runs the code of every python-output
	 * question with this interpreter (quiz/pycheck) and reports a key its
	 * code does not bear out as an error; python_timeout is seconds per
	 * question (0: 20). */
	const char *python;
	int python_timeout;
	/* When set, called for every question of each file without errors,
	 * in file order, after the checks (e.g. to count them). */
	void (*each_question)(void *ctx, const struct bank_question *q);
	void *each_ctx;
	/* Results: one report per file, in the order read (owned). */
	struct bank_report *reports;
	size_t n_reports;
	size_t files, questions, errors, warnings;
	size_t python_questions; /* flagged python-output (run only with python set) */
	size_t by_type[BANK_QTYPE_COUNT];
};

/* Expands directories in paths (their *.md, *.gift and *.txt files, sorted)
 * into b's file list and checks every file. Returns the number of errors. */
size_t bankbuild_check(struct bankbuild *b, char *const *paths, size_t n_paths);

/* Checks, then (when there are no errors) writes the database at out_path.
 * ST_INVALID when the files have errors (see the reports); ST_DB or ST_IO
 * when writing fails (err). */
enum status bankbuild_write(struct bankbuild *b, char *const *paths, size_t n_paths,
                            const char *out_path, struct error *err);

void bankbuild_free(struct bankbuild *b);

#endif
