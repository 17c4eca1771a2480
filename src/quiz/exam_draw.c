/* exam_draw: the seeded exam draw (see exam_draw.h).
 *
 * Rows nest: "all" holds every chapter, a chapter its sections, a section
 * its subsections; two rows are either nested or disjoint. So the rows form
 * a forest, and laying the rows' buckets out in post-order (children
 * first) makes every row's subtree one contiguous run of the index array.
 *
 * One pass over the catalog puts each usable entry in the bucket of the
 * most specific row that takes it, tagged with that row in the index's top
 * bits; an in-place counting sort (American flag) then groups the buckets
 * into their runs, so the only allocation that grows with the catalog is
 * that one array. Rows then draw in order of specificity: a row first
 * gathers what its children drew to the front of its run, and a partial
 * Fisher-Yates over the rest of the run picks its questions. Drawing 60
 * questions costs a pass over the catalog and O(rows + questions) more. */
#include "quiz/exam_draw.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

#define S_TAG_SHIFT  44 /* entry index below, row above */
#define S_INDEX_MASK ((UINT64_C(1) << S_TAG_SHIFT) - 1)
#define S_MAX_ROWS   (1u << 19)

/* ---- xoshiro256** seeded by splitmix64 ---- */

struct S_rng {
	uint64_t s[4];
};

static uint64_t S_splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void S_seed(struct S_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = S_splitmix(&seed); /* never all zero: splitmix64 is a bijection */
}

static uint64_t S_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t S_next(struct S_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = S_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = S_rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n), n >= 1: values below 2^64 mod n are rejected, so
 * every remainder is equally likely. */
static uint64_t S_below(struct S_rng *r, uint64_t n)
{
	uint64_t threshold = (0 - n) % n;
	for (;;) {
		uint64_t x = S_next(r);
		if (x >= threshold)
			return x % n;
	}
}

/* ---- rows ---- */

/* Row depth: all 0, chapter 1, section its number of parts ("5.6" 2). */
static int S_depth(const struct bank_profile_row *row)
{
	if (row->from == BANK_PROFILE_ALL)
		return 0;
	if (row->from == BANK_PROFILE_CHAPTER)
		return 1;
	int d = 1;
	for (const char *s = row->section; *s; s++)
		d += *s == '.';
	return d;
}

/* The chapter the row lies in (sections: their leading number). */
static int S_chapter(const struct bank_profile_row *row)
{
	return row->from == BANK_PROFILE_SECTION ? catalog_chapter_of(row->section) : row->chapter;
}

/* "5.6" takes "5.6" and "5.6.2", not "5.60". */
static bool S_under(const char *section, const char *prefix, size_t n)
{
	return strncmp(section, prefix, n) == 0 && (section[n] == '\0' || section[n] == '.');
}

/* Whether a takes everything b takes and more (a != b). */
static bool S_contains(const struct bank_profile_row *a, const struct bank_profile_row *b)
{
	switch (a->from) {
	case BANK_PROFILE_ALL: return b->from != BANK_PROFILE_ALL;
	case BANK_PROFILE_CHAPTER:
		return b->from == BANK_PROFILE_SECTION && S_chapter(b) == a->chapter;
	case BANK_PROFILE_SECTION: {
		size_t n = strlen(a->section);
		return b->from == BANK_PROFILE_SECTION && strlen(b->section) > n &&
		       S_under(b->section, a->section, n);
	}
	}
	return false;
}

static bool S_same(const struct bank_profile_row *a, const struct bank_profile_row *b)
{
	if (a->from != b->from)
		return false;
	if (a->from == BANK_PROFILE_CHAPTER)
		return a->chapter == b->chapter;
	if (a->from == BANK_PROFILE_SECTION)
		return strcmp(a->section, b->section) == 0;
	return true;
}

/* ---- apportionment ---- */

void exam_draw_apportion(const struct bank_profile *p, int *counts)
{
	size_t n = p->n_rows;
	double total = 0;
	for (size_t i = 0; i < n; i++) {
		counts[i] = 0;
		if (p->rows[i].weight > 0)
			total += p->rows[i].weight;
	}
	if (n == 0 || !(total > 0) || !isfinite(total) || p->questions <= 0)
		return;
	/* Quotas are computed in floating point: one that should be whole may
	 * come out a hair below (0.1 + 0.2 weights), so a floor or a tie is
	 * decided to within EPS, and a near tie goes to the earlier row. */
	const double eps = 1e-9;
	double *frac = xcalloc(n, sizeof *frac);
	int given = 0;
	for (size_t i = 0; i < n; i++) {
		double w = p->rows[i].weight > 0 ? p->rows[i].weight : 0;
		double q = (double)p->questions * w / total;
		double f = floor(q + eps);
		counts[i] = (int)f;
		frac[i] = q - f > 0 ? q - f : 0;
		given += counts[i];
	}
	for (int left = p->questions - given; left > 0; left--) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (frac[i] >= 0 && (best == n || frac[i] > frac[best] + eps))
				best = i;
		if (best == n) { /* every row had its extra: only float noise gets here */
			for (size_t i = 0; i < n; i++)
				frac[i] = 0;
			best = 0;
		}
		counts[best]++;
		frac[best] = -1;
	}
	free(frac);
}

/* ---- the draw ---- */

static int S_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static int S_cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

struct S_draw {
	const struct bank_profile *p;
	size_t n;        /* rows */
	size_t *order;   /* rows, most specific first */
	long *parent;    /* the smallest row containing it, or -1 */
	long *child;     /* first child, in row order */
	long *sibling;   /* next child of the same parent */
	int *chapter;    /* S_chapter of each row */
	size_t *sec_len; /* strlen of a section row's number */
	size_t *bucket;  /* entries whose most specific row it is */
	size_t *sub;     /* start of the row's subtree run */
	size_t *own;     /* start of its own bucket; its run ends at own + bucket */
	size_t *drawn;   /* questions drawn in its subtree, at the run's front */
	size_t *before;  /* of those, what its more specific rows drew */
	int *want;       /* its apportioned count */
	/* by_chapter[ch]: the row an entry of chapter ch goes to, S_SLOW when
	 * section rows of that chapter must be asked; NULL when chapters are
	 * too large for a table. Entries outside it go to all_row. */
	size_t *by_chapter;
	int max_chapter;
	size_t all_row; /* the "all" row, or n */
};

#define S_SLOW          ((size_t)-1)
#define S_TABLE_CHAPTER 65535 /* a bigger chapter number means no table */

static enum status S_check(const struct bank_profile *p, struct error *err)
{
	const char *where = p->path ? p->path : "";
	if (p->n_rows == 0 || p->n_rows >= S_MAX_ROWS)
		return error_set(err, ST_INVALID, where, "the profile has %s Draw rows",
		                 p->n_rows ? "too many" : "no");
	if (p->questions < 1 || p->questions > BANK_PROFILE_MAX_QUESTIONS)
		return error_set(err, ST_INVALID, where, "the profile asks for %d questions",
		                 p->questions);
	for (size_t i = 0; i < p->n_rows; i++) {
		const struct bank_profile_row *r = &p->rows[i];
		if (!(r->weight > 0) || !isfinite(r->weight) ||
		    (r->from == BANK_PROFILE_SECTION && !r->section))
			return error_set(err, ST_INVALID, where,
			                 "Draw row %zu needs a positive weight and a row name",
			                 i + 1);
		for (size_t j = 0; j < i; j++)
			if (S_same(&p->rows[j], r))
				return error_set(err, ST_INVALID, where,
				                 "Draw rows %zu and %zu are the same row", j + 1,
				                 i + 1);
	}
	return ST_OK;
}

/* Fills order with the rows, most specific first, then as written:
 * sorting keys that hold (reversed) depth above the row index. */
static void S_order(struct S_draw *D)
{
	uint64_t *key = xcalloc(D->n, sizeof *key);
	for (size_t r = 0; r < D->n; r++) {
		int d = S_depth(&D->p->rows[r]);
		key[r] = (uint64_t)(UINT32_MAX - (uint32_t)d) << 32 | r;
	}
	qsort(key, D->n, sizeof *key, S_cmp_u64);
	for (size_t k = 0; k < D->n; k++)
		D->order[k] = (size_t)(key[k] & UINT32_MAX);
	free(key);
}

/* The most specific row taking entry e, or n when none does. */
static size_t S_row_of(const struct S_draw *D, const struct catalog_entry *e)
{
	const struct bank_profile_row *rows = D->p->rows;
	for (size_t k = 0; k < D->n; k++) {
		size_t r = D->order[k];
		switch (rows[r].from) {
		case BANK_PROFILE_ALL: return r;
		case BANK_PROFILE_CHAPTER:
			if (e->chapter == rows[r].chapter)
				return r;
			break;
		case BANK_PROFILE_SECTION:
			if (e->chapter == D->chapter[r] && e->section &&
			    S_under(e->section, rows[r].section, D->sec_len[r]))
				return r;
			break;
		}
	}
	return D->n;
}

/* S_row_of through the chapter table: one lookup for most entries. */
static size_t S_row_fast(const struct S_draw *D, const struct catalog_entry *e)
{
	if (!D->by_chapter)
		return S_row_of(D, e);
	if (e->chapter < 0 || e->chapter > D->max_chapter)
		return D->all_row;
	size_t r = D->by_chapter[e->chapter];
	return r == S_SLOW ? S_row_of(D, e) : r;
}

static void S_chapter_table(struct S_draw *D)
{
	const struct bank_profile_row *rows = D->p->rows;
	D->all_row = D->n;
	D->max_chapter = 0;
	for (size_t r = 0; r < D->n; r++) {
		if (rows[r].from == BANK_PROFILE_ALL)
			D->all_row = r;
		else if (D->chapter[r] > D->max_chapter)
			D->max_chapter = D->chapter[r];
	}
	if (D->max_chapter > S_TABLE_CHAPTER)
		return;
	D->by_chapter = xcalloc((size_t)D->max_chapter + 1, sizeof *D->by_chapter);
	for (int ch = 0; ch <= D->max_chapter; ch++)
		D->by_chapter[ch] = D->all_row;
	for (size_t r = 0; r < D->n; r++)
		if (rows[r].from == BANK_PROFILE_CHAPTER && D->chapter[r] >= 0)
			D->by_chapter[D->chapter[r]] = r;
	for (size_t r = 0; r < D->n; r++)
		if (rows[r].from == BANK_PROFILE_SECTION && D->chapter[r] >= 0)
			D->by_chapter[D->chapter[r]] = S_SLOW;
}

/* Post-order layout: a row's children's runs, then its own bucket. */
static void S_layout(struct S_draw *D, size_t r, size_t *pos)
{
	D->sub[r] = *pos;
	for (long ch = D->child[r]; ch >= 0; ch = D->sibling[ch])
		S_layout(D, (size_t)ch, pos);
	D->own[r] = *pos;
	*pos += D->bucket[r];
}

static void S_swap(uint64_t *a, size_t i, size_t j)
{
	uint64_t t = a[i];
	a[i] = a[j];
	a[j] = t;
}

/* Groups the tagged indexes by row, in place (American flag sort). */
static void S_group(struct S_draw *D, uint64_t *idx)
{
	size_t *next = xcalloc(D->n, sizeof *next);
	for (size_t r = 0; r < D->n; r++)
		next[r] = D->own[r];
	for (size_t r = 0; r < D->n; r++) {
		size_t end = D->own[r] + D->bucket[r];
		while (next[r] < end) {
			size_t t = (size_t)(idx[next[r]] >> S_TAG_SHIFT);
			if (t == r)
				next[r]++;
			else
				S_swap(idx, next[r], next[t]++);
		}
	}
	free(next);
}

/* One message naming every row that is short, in the order written. */
static enum status S_short(const struct S_draw *D, const bool *is_short, struct error *err)
{
	const struct bank_profile *p = D->p;
	struct buf msg = {0}, where = {0}, name = {0};
	for (size_t r = 0; r < D->n; r++) {
		if (!is_short[r])
			continue;
		const struct bank_profile_row *row = &p->rows[r];
		size_t have = D->drawn[r] - D->before[r];
		if (msg.len == 0) {
			buf_puts(&where, p->path ? p->path : "");
			if (row->line > 0)
				buf_printf(&where, ":%d", row->line);
		} else {
			buf_puts(&msg, "; ");
			if (row->line > 0)
				buf_printf(&msg, "line %d: ", row->line);
		}
		buf_reset(&name);
		bank_profile_row_name(row, &name);
		buf_printf(&msg, "%s needs %d question%s but the bank has only %zu left for it",
		           buf_cstr(&name), D->want[r], D->want[r] == 1 ? "" : "s", have);
		if (D->before[r])
			buf_printf(&msg, " after more specific rows took %zu", D->before[r]);
	}
	if (p->bank)
		buf_printf(&msg, " (bank %s)", p->bank);
	error_set(err, ST_INVALID, buf_cstr(&where), "%s", buf_cstr(&msg));
	buf_free(&msg);
	buf_free(&where);
	buf_free(&name);
	return ST_INVALID;
}

static void S_free(struct S_draw *D)
{
	free(D->order);
	free(D->parent);
	free(D->child);
	free(D->sibling);
	free(D->chapter);
	free(D->sec_len);
	free(D->bucket);
	free(D->sub);
	free(D->own);
	free(D->drawn);
	free(D->before);
	free(D->want);
	free(D->by_chapter);
}

/* Finds every row's parent and children (row order kept among siblings). */
static void S_forest(struct S_draw *D)
{
	const struct bank_profile_row *rows = D->p->rows;
	for (size_t b = 0; b < D->n; b++) {
		D->parent[b] = -1;
		D->child[b] = -1;
		D->sibling[b] = -1;
		int best = -1;
		for (size_t a = 0; a < D->n; a++)
			if (a != b && S_contains(&rows[a], &rows[b]) && S_depth(&rows[a]) > best) {
				best = S_depth(&rows[a]);
				D->parent[b] = (long)a;
			}
	}
	for (size_t b = D->n; b-- > 0;)
		if (D->parent[b] >= 0) {
			D->sibling[b] = D->child[D->parent[b]];
			D->child[D->parent[b]] = (long)b;
		}
}

enum status exam_draw(const struct catalog *c, const struct bank_profile *p, uint64_t seed,
                      struct exam_draw *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	enum status st = S_check(p, err);
	if (st != ST_OK)
		return st;
	if ((uint64_t)c->n_entries > S_INDEX_MASK)
		return error_set(err, ST_INVALID, "", "the catalog is too large to draw from");

	size_t n = p->n_rows;
	struct S_draw D = {
	    .p = p,
	    .n = n,
	    .order = xcalloc(n, sizeof *D.order),
	    .parent = xcalloc(n, sizeof *D.parent),
	    .child = xcalloc(n, sizeof *D.child),
	    .sibling = xcalloc(n, sizeof *D.sibling),
	    .chapter = xcalloc(n, sizeof *D.chapter),
	    .sec_len = xcalloc(n, sizeof *D.sec_len),
	    .bucket = xcalloc(n, sizeof *D.bucket),
	    .sub = xcalloc(n, sizeof *D.sub),
	    .own = xcalloc(n, sizeof *D.own),
	    .drawn = xcalloc(n, sizeof *D.drawn),
	    .before = xcalloc(n, sizeof *D.before),
	    .want = xcalloc(n, sizeof *D.want),
	};
	for (size_t r = 0; r < n; r++) {
		D.chapter[r] = S_chapter(&p->rows[r]);
		if (p->rows[r].from == BANK_PROFILE_SECTION)
			D.sec_len[r] = strlen(p->rows[r].section);
	}
	S_order(&D);
	S_chapter_table(&D);
	S_forest(&D);
	exam_draw_apportion(p, D.want);
	size_t total = (size_t)p->questions, apportioned = 0;
	for (size_t r = 0; r < n; r++)
		apportioned += (size_t)D.want[r];
	if (apportioned != total) { /* cannot happen (see apportion); pick[] relies on it */
		S_free(&D);
		return error_set(err, ST_INVALID, p->path, "the weights cannot be apportioned");
	}

	/* The one pass over the catalog. */
	uint64_t *idx = c->n_entries ? xreallocarray(NULL, c->n_entries, sizeof *idx) : NULL;
	size_t m = 0;
	for (size_t i = 0; i < c->n_entries; i++) {
		const struct catalog_entry *e = &c->entries[i];
		if (p->bank && (!e->bank || strcmp(e->bank, p->bank) != 0))
			continue;
		size_t r = S_row_fast(&D, e);
		if (r == n)
			continue;
		idx[m++] = (uint64_t)r << S_TAG_SHIFT | i;
		D.bucket[r]++;
	}
	size_t pos = 0;
	for (size_t r = 0; r < n; r++)
		if (D.parent[r] < 0)
			S_layout(&D, r, &pos);
	S_group(&D, idx);
	for (size_t j = 0; j < m; j++)
		idx[j] &= S_INDEX_MASK;

	struct S_rng rng;
	S_seed(&rng, seed);
	size_t q = 0;
	size_t *pick = xcalloc(total, sizeof *pick), *pick_row = xcalloc(total, sizeof *pick_row);
	bool *is_short = xcalloc(n, sizeof *is_short), any_short = false;
	for (size_t k = 0; k < n; k++) {
		size_t r = D.order[k], front = D.sub[r];
		/* Gather what the children drew to the front of this run. */
		for (long ch = D.child[r]; ch >= 0; ch = D.sibling[ch]) {
			for (size_t t = 0; t < D.drawn[ch]; t++)
				S_swap(idx, front + t, D.sub[ch] + t);
			front += D.drawn[ch];
		}
		D.before[r] = front - D.sub[r];
		size_t avail = D.own[r] + D.bucket[r] - front, want = (size_t)D.want[r];
		size_t take = want < avail ? want : avail;
		if (want > avail) {
			is_short[r] = true;
			any_short = true;
		}
		for (size_t t = 0; t < take; t++) {
			size_t j = front + t + (size_t)S_below(&rng, avail - t);
			S_swap(idx, front + t, j);
			pick[q] = (size_t)idx[front + t];
			pick_row[q++] = r;
		}
		D.drawn[r] = D.before[r] + take;
	}
	free(idx);
	if (any_short) {
		st = S_short(&D, is_short, err);
		free(pick);
		free(pick_row);
		free(is_short);
		S_free(&D);
		return st;
	}
	free(is_short);

	/* Rows as written, each row's questions in catalog order. */
	out->entries = xcalloc(total, sizeof *out->entries);
	out->row = xcalloc(total, sizeof *out->row);
	out->n = total;
	size_t *start = D.sub; /* reused: no longer needed */
	for (size_t r = 0, at = 0; r < n; r++) {
		start[r] = at;
		at += (size_t)D.want[r];
	}
	for (size_t j = 0; j < total; j++) {
		size_t at = start[pick_row[j]]++;
		out->entries[at] = pick[j];
		out->row[at] = pick_row[j];
	}
	for (size_t r = 0, at = 0; r < n; r++) {
		qsort(out->entries + at, (size_t)D.want[r], sizeof *out->entries, S_cmp_size);
		at += (size_t)D.want[r];
	}
	free(pick);
	free(pick_row);
	S_free(&D);
	if (p->shuffle)
		for (size_t i = total; i > 1; i--) {
			size_t j = (size_t)S_below(&rng, i);
			size_t e = out->entries[i - 1], r = out->row[i - 1];
			out->entries[i - 1] = out->entries[j];
			out->row[i - 1] = out->row[j];
			out->entries[j] = e;
			out->row[j] = r;
		}
	return ST_OK;
}

void exam_draw_free(struct exam_draw *d)
{
	free(d->entries);
	free(d->row);
	memset(d, 0, sizeof *d);
}
