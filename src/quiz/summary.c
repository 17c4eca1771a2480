/* summary: a practice session's tally (see summary.h). */
#include "quiz/summary.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void summary_init(struct summary *s, int64_t started)
{
	memset(s, 0, sizeof *s);
	s->started = started;
}

void summary_add(struct summary *s, const char *section, double score)
{
	s->answered++;
	s->right += score >= 0.999;
	s->score += score;
	size_t i = 0;
	while (i < s->n_sections && strcmp(s->sections[i].section, section) != 0)
		i++;
	if (i == s->n_sections) {
		size_t cap = s->n_sections;
		xgrow((void **)&s->sections, &cap, s->n_sections + 1, sizeof *s->sections);
		s->sections[i] = (struct summary_section){.section = xstrdup(section)};
		s->n_sections++;
	}
	s->sections[i].answered++;
	s->sections[i].score += score;
}

void summary_free(struct summary *s)
{
	for (size_t i = 0; i < s->n_sections; i++)
		free(s->sections[i].section);
	free(s->sections);
	memset(s, 0, sizeof *s);
}

static double S_mean(const struct summary_section *x)
{
	return x->answered ? x->score / (double)x->answered : 0;
}

static int S_by_weakness(const void *a, const void *b)
{
	double x = S_mean(a), y = S_mean(b);
	if (x != y)
		return x < y ? -1 : 1;
	return strcmp(((const struct summary_section *)a)->section,
	              ((const struct summary_section *)b)->section);
}

static void S_duration(int64_t seconds, struct buf *out)
{
	if (seconds < 60)
		buf_printf(out, "%lld s", (long long)seconds);
	else if (seconds < 3600)
		buf_printf(out, "%lld min %lld s", (long long)seconds / 60,
		           (long long)seconds % 60);
	else
		buf_printf(out, "%lld h %lld min", (long long)seconds / 3600,
		           (long long)(seconds % 3600) / 60);
}

void summary_format(const struct summary *s, const struct practice *p, int64_t now, struct buf *out)
{
	if (s->answered == 0) {
		buf_puts(out, "No questions answered.\n");
	} else {
		buf_printf(out, "%zu of %zu right (%.0f%% of the credit) in ", s->right,
		           s->answered, 100.0 * s->score / (double)s->answered);
		S_duration(now - s->started, out);
		buf_puts(out, ".\n");
		struct summary_section *sorted = xcalloc(s->n_sections, sizeof *sorted);
		memcpy(sorted, s->sections, s->n_sections * sizeof *sorted);
		qsort(sorted, s->n_sections, sizeof *sorted, S_by_weakness);
		size_t shown = 0;
		for (size_t i = 0; i < s->n_sections && shown < 3; i++) {
			if (S_mean(&sorted[i]) >= 0.999)
				break;
			buf_printf(out, "%s%s (%.0f%%)",
			           shown ? ", " : "Weakest sections: ", sorted[i].section,
			           100.0 * S_mean(&sorted[i]));
			shown++;
		}
		if (shown)
			buf_puts(out, ". Re-read them in the course.\n");
		else
			buf_puts(out, "Every section of this session fully right.\n");
		free(sorted);
	}
	size_t due_now = practice_due_count(p, now);
	size_t due_day = practice_due_count(p, now + 86400);
	int64_t next = practice_next_due(p, now);
	buf_printf(out, "Reviews due: %zu now, %zu within a day", due_now, due_day);
	if (next) {
		buf_puts(out, "; next one in ");
		S_duration(next - now, out);
	}
	buf_puts(out, ".\n");
}
