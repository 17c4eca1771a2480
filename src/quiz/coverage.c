/* coverage: the section x type table of a bank (see coverage.h). */
#include "quiz/coverage.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void coverage_add(struct coverage *c, const struct bank_question *q)
{
	if (q->type >= BANK_QTYPE_COUNT)
		return;
	const char *section = q->section && *q->section ? q->section : "?";
	struct coverage_row *row = NULL;
	for (size_t i = 0; i < c->n && !row; i++)
		if (strcmp(c->rows[i].label, section) == 0)
			row = &c->rows[i];
	if (!row) {
		xgrow((void **)&c->rows, &c->cap, c->n + 1, sizeof *c->rows);
		row = &c->rows[c->n++];
		memset(row, 0, sizeof *row);
		row->label = xstrdup(section);
	}
	row->by_type[q->type]++;
	row->by_difficulty[q->difficulty >= 1 && q->difficulty <= 3 ? q->difficulty : 0]++;
	row->total++;
}

/* Compares dotted numbers numerically part by part ("1.2" < "1.10"); text
 * that is not a number sorts after numbers, by bytes. */
static int S_cmp_sections(const void *a, const void *b)
{
	const char *x = ((const struct coverage_row *)a)->label;
	const char *y = ((const struct coverage_row *)b)->label;
	while (*x && *y) {
		char *xe, *ye;
		long xn = strtol(x, &xe, 10), yn = strtol(y, &ye, 10);
		if (xe == x || ye == y)
			break;
		if (xn != yn)
			return xn < yn ? -1 : 1;
		x = xe;
		y = ye;
		if (*x == '.' && *y == '.') {
			x++;
			y++;
			continue;
		}
		if (*x != *y)
			return *x == '\0'   ? -1
			       : *y == '\0' ? 1
			                    : (unsigned char)*x - (unsigned char)*y;
	}
	return strcmp(x, y);
}

static void S_add_into(struct coverage_row *sum, const struct coverage_row *row)
{
	for (int t = 0; t < BANK_QTYPE_COUNT; t++)
		sum->by_type[t] += row->by_type[t];
	for (int d = 0; d < 4; d++)
		sum->by_difficulty[d] += row->by_difficulty[d];
	sum->total += row->total;
}

/* The short column names, in type order. */
static const char *const S_heads[BANK_QTYPE_COUNT] = {
    [BANK_SINGLE] = "single", [BANK_MULTI] = "multi", [BANK_TRUEFALSE] = "t/f",
    [BANK_SHORT] = "short",   [BANK_NUMERIC] = "num", [BANK_ORDER] = "order",
    [BANK_MATCH] = "match",   [BANK_SQL] = "sql",
};

static void S_row(struct buf *out, const char *label, const struct coverage_row *r)
{
	buf_printf(out, "%-6.6s", label);
	for (int t = 0; t < BANK_QTYPE_COUNT; t++)
		buf_printf(out, " %6zu", r->by_type[t]);
	buf_printf(out, " %5zu %3zu %3zu %3zu\n", r->total, r->by_difficulty[1],
	           r->by_difficulty[2], r->by_difficulty[3]);
}

static void S_chapter_of(const char *section, char *out, size_t size)
{
	size_t n = strcspn(section, ".");
	if (n + 4 > size)
		n = size - 4;
	memcpy(out, "ch ", 3);
	memcpy(out + 3, section, n);
	out[3 + n] = '\0';
}

void coverage_format(struct coverage *c, struct buf *out)
{
	if (c->n)
		qsort(c->rows, c->n, sizeof *c->rows, S_cmp_sections);
	buf_printf(out, "%-6s", "sect.");
	for (int t = 0; t < BANK_QTYPE_COUNT; t++)
		buf_printf(out, " %6s", S_heads[t] ? S_heads[t] : "?");
	buf_printf(out, " %5s %3s %3s %3s\n", "total", "d1", "d2", "d3");
	struct coverage_row all = {0}, chapter = {0};
	char current[32] = "", label[32];
	for (size_t i = 0; i < c->n; i++) {
		S_chapter_of(c->rows[i].label, label, sizeof label);
		if (i && strcmp(label, current) != 0) {
			S_row(out, current, &chapter);
			memset(&chapter, 0, sizeof chapter);
		}
		memcpy(current, label, sizeof current);
		S_row(out, c->rows[i].label, &c->rows[i]);
		S_add_into(&chapter, &c->rows[i]);
		S_add_into(&all, &c->rows[i]);
	}
	if (c->n)
		S_row(out, current, &chapter);
	S_row(out, "all", &all);
	if (all.total) {
		size_t other = all.total - all.by_type[BANK_SINGLE];
		buf_printf(
		    out, "not single-answer: %zu%%; difficulty 1/2/3: %zu%% / %zu%% / %zu%%\n",
		    other * 100 / all.total, all.by_difficulty[1] * 100 / all.total,
		    all.by_difficulty[2] * 100 / all.total, all.by_difficulty[3] * 100 / all.total);
	}
}

void coverage_free(struct coverage *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->rows[i].label);
	free(c->rows);
	memset(c, 0, sizeof *c);
}
