/* profiles: loading exam profiles from folders (see profiles.h). */
#include "quiz/profiles.h"

#include <stdlib.h>
#include <string.h>

#include "core/paths.h"
#include "core/xalloc.h"

void profiles_init(struct profiles *ps)
{
	memset(ps, 0, sizeof *ps);
}

static void S_keep_report(struct profiles *ps, struct bank_report *r)
{
	if (!r->n_diags) {
		bank_report_clear(r);
		return;
	}
	ps->reports = xreallocarray(ps->reports, ps->n_reports + 1, sizeof *ps->reports);
	ps->reports[ps->n_reports++] = *r;
}

bool profiles_load_file(struct profiles *ps, const char *path)
{
	struct bank_profile p;
	struct bank_report r;
	size_t errors = bank_profile_load(path, NULL, 0, &p, &r);
	if (!errors) {
		const struct bank_profile *taken = profiles_find(ps, p.id);
		if (taken) {
			bank_report_add(&r, BANK_ERROR, 0, 0,
			                "skipped: the profile '%s' is already loaded from %s", p.id,
			                taken->path ? taken->path : "another file");
			bank_profile_clear(&p);
			errors = 1;
		}
	}
	if (!errors) {
		ps->items = xreallocarray(ps->items, ps->n + 1, sizeof *ps->items);
		ps->items[ps->n++] = p;
	}
	S_keep_report(ps, &r);
	return errors == 0;
}

static int S_cmp_profiles(const void *a, const void *b)
{
	const struct bank_profile *x = a, *y = b;
	if (x->questions != y->questions)
		return x->questions > y->questions ? -1 : 1;
	return strcmp(x->id, y->id);
}

static bool S_is_md(const char *name)
{
	size_t len = strlen(name);
	return len > 3 && strcmp(name + len - 3, ".md") == 0;
}

size_t profiles_load_dir(struct profiles *ps, const char *dir)
{
	size_t first = ps->n, n;
	char **names = paths_list(dir, S_is_md, &n);
	size_t skipped = 0;
	for (size_t i = 0; i < n; i++)
		skipped += !profiles_load_file(ps, names[i]);
	paths_list_free(names, n);
	/* Offered longest first (the full mock exam before the chapter
	 * quizzes), each folder's own after those of the folders before. */
	if (ps->n > first)
		qsort(ps->items + first, ps->n - first, sizeof *ps->items, S_cmp_profiles);
	return skipped;
}

const struct bank_profile *profiles_find(const struct profiles *ps, const char *id)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->items[i].id, id) == 0)
			return &ps->items[i];
	return NULL;
}

void profiles_free(struct profiles *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		bank_profile_clear(&ps->items[i]);
	free(ps->items);
	for (size_t i = 0; i < ps->n_reports; i++)
		bank_report_clear(&ps->reports[i]);
	free(ps->reports);
	memset(ps, 0, sizeof *ps);
}
