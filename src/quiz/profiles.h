/* profiles: the exam profiles studyterm offers.
 *
 * Profiles are the .md files directly in each folder given, longest exam
 * first (then by id):
 * the built-in ones (DATA/exams, copied there from quizzes/exams by make)
 * and an instructor's (<user data>/banks/exams). A file with errors is
 * skipped whole and its report kept; a profile whose id is taken by an
 * earlier folder is skipped too, with an error saying which one won. */
#ifndef STUDYTERM_QUIZ_PROFILES_H
#define STUDYTERM_QUIZ_PROFILES_H

#include <stddef.h>

#include "bank/profile.h"
#include "bank/question.h"

struct profiles {
	struct bank_profile *items;
	size_t n;
	struct bank_report *reports; /* files with errors or warnings */
	size_t n_reports;
};

void profiles_init(struct profiles *ps);
/* Adds the profiles of dir; a missing dir adds nothing. Returns the number
 * of files skipped. */
size_t profiles_load_dir(struct profiles *ps, const char *dir);
/* Adds one file (any name); returns false when it was skipped. */
bool profiles_load_file(struct profiles *ps, const char *path);
/* The profile with this id, or NULL. */
const struct bank_profile *profiles_find(const struct profiles *ps, const char *id);
void profiles_free(struct profiles *ps);

#endif
