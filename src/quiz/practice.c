/* practice: question selection and answer recording (see practice.h). */
#include "quiz/practice.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/reviews.h"

uint64_t practice_random(uint64_t *rng)
{
	uint64_t z = (*rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A uniform double in [0, 1). */
static double S_unit(uint64_t *rng)
{
	return (double)(practice_random(rng) >> 11) * (1.0 / 9007199254740992.0);
}

void practice_shuffle(size_t *perm, size_t n, uint64_t *rng)
{
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(practice_random(rng) % i);
		size_t t = perm[i - 1];
		perm[i - 1] = perm[j];
		perm[j] = t;
	}
}

static bool S_section_matches(const char *want, const char *section)
{
	size_t n = strlen(want);
	return strncmp(section, want, n) == 0 && (section[n] == '\0' || section[n] == '.');
}

static bool S_passes(const struct practice_filter *f, const struct catalog_entry *e)
{
	if (f->chapter && e->chapter != f->chapter)
		return false;
	if (f->section && !S_section_matches(f->section, e->section))
		return false;
	if (f->bank && strcmp(f->bank, e->bank) != 0)
		return false;
	if (f->n_keys) {
		for (size_t i = 0; i < f->n_keys; i++)
			if (strcmp(f->keys[i], e->key) == 0)
				return true;
		return false;
	}
	return true;
}

/* Section name -> index, through a temporary open-addressing table. */
static void S_index_sections(struct practice *p)
{
	size_t n = p->cat->n_entries, cap = 0;
	size_t slots = 64;
	while (slots < 2 * n + 2)
		slots *= 2;
	int *table = xreallocarray(NULL, slots, sizeof *table);
	for (size_t s = 0; s < slots; s++)
		table[s] = -1;
	for (size_t i = 0; i < n; i++) {
		const char *name = p->cat->entries[i].section;
		uint64_t h = 1469598103934665603ull;
		for (const char *c = name; *c; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211ull;
		size_t s = h & (slots - 1);
		while (table[s] >= 0 && strcmp(p->sections[table[s]], name) != 0)
			s = (s + 1) & (slots - 1);
		if (table[s] < 0) {
			xgrow((void **)&p->sections, &cap, p->n_sections + 1, sizeof *p->sections);
			p->sections[p->n_sections] = p->cat->entries[i].section;
			table[s] = (int)p->n_sections++;
		}
		p->items[i].section = table[s];
	}
	free(table);
}

/* Rebuilds the dense arrays from the items (after eligibility changes). */
static void S_index_eligible(struct practice *p)
{
	size_t n = p->cat->n_entries;
	free(p->elig);
	free(p->elig_due);
	free(p->elig_section);
	free(p->slot);
	p->elig = xcalloc(n ? n : 1, sizeof *p->elig);
	p->elig_due = xcalloc(n ? n : 1, sizeof *p->elig_due);
	p->elig_section = xcalloc(n ? n : 1, sizeof *p->elig_section);
	p->slot = xcalloc(n ? n : 1, sizeof *p->slot);
	p->n_elig = 0;
	for (size_t i = 0; i < n; i++) {
		const struct practice_item *it = &p->items[i];
		p->slot[i] = -1;
		if (!it->eligible)
			continue;
		p->slot[i] = (long)p->n_elig;
		p->elig[p->n_elig] = i;
		p->elig_due[p->n_elig] = it->has_card ? it->card.due : INT64_MAX;
		p->elig_section[p->n_elig] = it->section;
		p->n_elig++;
	}
}

void practice_init(struct practice *p, struct catalog *cat, const struct practice_filter *f,
                   uint64_t seed)
{
	memset(p, 0, sizeof *p);
	p->cat = cat;
	if (f)
		p->filter = *f;
	fsrs_params_default(&p->params);
	p->rng = seed;
	p->last = -1;
	p->items = xcalloc(cat->n_entries ? cat->n_entries : 1, sizeof *p->items);
	S_index_sections(p);
	size_t ns = p->n_sections ? p->n_sections : 1;
	p->section_sum = xcalloc(ns, sizeof *p->section_sum);
	p->section_answered = xcalloc(ns, sizeof *p->section_answered);
	p->weights = xcalloc(ns, sizeof *p->weights);
	for (size_t i = 0; i < cat->n_entries; i++) {
		p->items[i].latest = -1;
		p->items[i].eligible = S_passes(&p->filter, &cat->entries[i]);
	}
	S_index_eligible(p);
}

void practice_free(struct practice *p)
{
	free(p->items);
	free(p->sections);
	free(p->section_sum);
	free(p->section_answered);
	free(p->weights);
	free(p->elig);
	free(p->elig_due);
	free(p->elig_section);
	free(p->slot);
	memset(p, 0, sizeof *p);
}

static void S_card_from_store(void *ctx, const char *qkey, const struct review_card *rc)
{
	struct practice *p = ctx;
	long i = catalog_find(p->cat, qkey);
	if (i < 0)
		return;
	struct practice_item *it = &p->items[i];
	it->has_card = true;
	it->card = (struct fsrs_card){
	    .state = (enum fsrs_state)rc->state,
	    .step = rc->step,
	    .stability = rc->stability,
	    .difficulty = rc->difficulty,
	    .due = rc->due,
	    .last_review = rc->last_review,
	    .reps = rc->reps,
	    .lapses = rc->lapses,
	};
}

static void S_latest_from_store(void *ctx, const char *qkey, const char *section, double score,
                                int answers)
{
	(void)section;
	(void)answers;
	struct practice *p = ctx;
	long i = catalog_find(p->cat, qkey);
	if (i < 0)
		return;
	struct practice_item *it = &p->items[i];
	it->latest = score;
	p->section_sum[it->section] += score;
	p->section_answered[it->section]++;
}

/* --weak: missed last time, or in a section below 75% mastery. */
static void S_apply_weak_filter(struct practice *p)
{
	for (size_t i = 0; i < p->cat->n_entries; i++) {
		struct practice_item *it = &p->items[i];
		if (!it->eligible)
			continue;
		int s = it->section;
		bool weak_section =
		    p->section_answered[s] && p->section_sum[s] / p->section_answered[s] < 0.75;
		bool missed = it->latest >= 0 && it->latest < 0.999;
		it->eligible = weak_section || missed;
	}
}

enum status practice_load(struct practice *p, struct progress *store, struct error *err)
{
	if (reviews_each_card(store, S_card_from_store, p, err) != ST_OK ||
	    reviews_each_latest(store, S_latest_from_store, p, err) != ST_OK)
		return err->status;
	if (p->filter.weak_only)
		S_apply_weak_filter(p);
	S_index_eligible(p);
	return ST_OK;
}

double practice_mastery(const struct practice *p, const char *section)
{
	for (size_t s = 0; s < p->n_sections; s++)
		if (strcmp(p->sections[s], section) == 0)
			return p->section_answered[s] ? p->section_sum[s] / p->section_answered[s]
			                              : -1;
	return -1;
}

/* What one pass over the eligible questions finds. */
struct S_scan {
	long due, due_any;     /* earliest due by now: avoiding the last question, or not */
	long ahead, ahead_any; /* earliest not yet due */
	double new_total, new_total_any;
};

static void S_scan(struct practice *p, int64_t now, struct S_scan *r)
{
	*r = (struct S_scan){-1, -1, -1, -1, 0, 0};
	for (size_t s = 0; s < p->n_sections; s++) {
		double weakness =
		    p->section_answered[s] ? 1.0 - p->section_sum[s] / p->section_answered[s] : 0.5;
		p->weights[s] = 1.0 + 3.0 * weakness;
	}
	long last = p->last >= 0 ? p->slot[p->last] : -1;
	int64_t due_at = INT64_MAX, due_any_at = INT64_MAX;
	int64_t ahead_at = INT64_MAX, ahead_any_at = INT64_MAX;
	for (size_t k = 0; k < p->n_elig; k++) {
		int64_t d = p->elig_due[k];
		bool is_last = (long)k == last;
		if (d == INT64_MAX) {
			double w = p->weights[p->elig_section[k]];
			r->new_total_any += w;
			if (!is_last)
				r->new_total += w;
		} else if (d <= now) {
			if (d < due_any_at) {
				due_any_at = d;
				r->due_any = (long)k;
			}
			if (!is_last && d < due_at) {
				due_at = d;
				r->due = (long)k;
			}
		} else {
			if (d < ahead_any_at) {
				ahead_any_at = d;
				r->ahead_any = (long)k;
			}
			if (!is_last && d < ahead_at) {
				ahead_at = d;
				r->ahead = (long)k;
			}
		}
	}
}

/* The weighted draw among new questions: a second pass, only when needed. */
static long S_draw_new(struct practice *p, double total, bool skip_last)
{
	long last = p->last >= 0 ? p->slot[p->last] : -1;
	double x = S_unit(&p->rng) * total;
	long chosen = -1;
	for (size_t k = 0; k < p->n_elig; k++) {
		if (p->elig_due[k] != INT64_MAX || (skip_last && (long)k == last))
			continue;
		chosen = (long)k;
		x -= p->weights[p->elig_section[k]];
		if (x < 0)
			break;
	}
	return chosen;
}

long practice_next(struct practice *p, int64_t now, enum practice_kind *kind)
{
	/* Each kind first avoids the question just asked, then allows it when
	 * it is the only one of its kind: a due card beats a new question even
	 * when it was the last one shown. */
	struct S_scan r;
	S_scan(p, now, &r);
	long k = -1;
	if (r.due >= 0 || r.due_any >= 0) {
		k = r.due >= 0 ? r.due : r.due_any;
		*kind = PRACTICE_DUE;
	} else if (p->filter.due_only) {
		return -1;
	} else if (r.new_total > 0 || r.new_total_any > 0) {
		bool skip = r.new_total > 0;
		k = S_draw_new(p, skip ? r.new_total : r.new_total_any, skip);
		*kind = PRACTICE_NEW;
	} else if (r.ahead >= 0 || r.ahead_any >= 0) {
		k = r.ahead >= 0 ? r.ahead : r.ahead_any;
		*kind = PRACTICE_AHEAD;
	}
	if (k < 0)
		return -1;
	return p->last = (long)p->elig[k];
}

enum fsrs_rating practice_default_rating(double score)
{
	return score >= 0.999 ? FSRS_GOOD : score >= 0.5 ? FSRS_HARD : FSRS_AGAIN;
}

/* A card as the store keeps it. */
static struct review_card S_review_card(const struct fsrs_card *card)
{
	return (struct review_card){
	    .state = (int)card->state,
	    .step = card->step,
	    .stability = card->stability,
	    .difficulty = card->difficulty,
	    .due = card->due,
	    .last_review = card->last_review,
	    .reps = card->reps,
	    .lapses = card->lapses,
	};
}

/* Item i's card after a review rated r at now (a new card when it has none). */
static struct fsrs_card S_reviewed(struct practice *p, size_t i, enum fsrs_rating r, int64_t now)
{
	struct fsrs_card card = p->items[i].card;
	if (!p->items[i].has_card)
		fsrs_card_init(&card, now);
	fsrs_review(&p->params, &card, r, now, practice_random(&p->rng));
	return card;
}

/* Item i's new card, in the item and in the dense due array. */
static void S_set_card(struct practice *p, size_t i, const struct fsrs_card *card)
{
	p->items[i].card = *card;
	p->items[i].has_card = true;
	if (p->slot[i] >= 0)
		p->elig_due[p->slot[i]] = card->due;
}

enum status practice_answer(struct practice *p, struct progress *store, size_t i, double score,
                            enum fsrs_rating r, int64_t now, int64_t elapsed_ms,
                            const char *response, struct error *err)
{
	struct practice_item *it = &p->items[i];
	const struct catalog_entry *e = &p->cat->entries[i];
	struct fsrs_card card = S_reviewed(p, i, r, now);
	if (store) {
		struct review_answer a = {
		    .qkey = e->key,
		    .section = e->section,
		    .answered_at = now,
		    .score = score,
		    .rating = (int)r,
		    .elapsed_ms = elapsed_ms,
		    .response = response,
		    .mode = "practice",
		};
		struct review_card rc = S_review_card(&card);
		if (reviews_record(store, &a, &rc, err) != ST_OK)
			return err->status; /* memory stays as it was: nothing half-applied */
	}
	int s = it->section;
	if (it->latest >= 0) {
		p->section_sum[s] -= it->latest;
		p->section_answered[s]--;
	}
	it->latest = score;
	p->section_sum[s] += score;
	p->section_answered[s]++;
	S_set_card(p, i, &card);
	return ST_OK;
}

enum status practice_rate(struct practice *p, struct progress *store, size_t i, enum fsrs_rating r,
                          int64_t now, struct error *err)
{
	struct fsrs_card card = S_reviewed(p, i, r, now);
	if (store) {
		struct review_card rc = S_review_card(&card);
		if (reviews_save_card(store, p->cat->entries[i].key, &rc, err) != ST_OK)
			return err->status;
	}
	S_set_card(p, i, &card);
	return ST_OK;
}

/* The counts read the dense arrays: eligible questions only, INT64_MAX
 * marking a question never answered. */
size_t practice_due_count(const struct practice *p, int64_t when)
{
	size_t n = 0;
	for (size_t k = 0; k < p->n_elig; k++)
		n += p->elig_due[k] != INT64_MAX && p->elig_due[k] <= when;
	return n;
}

size_t practice_new_count(const struct practice *p)
{
	size_t n = 0;
	for (size_t k = 0; k < p->n_elig; k++)
		n += p->elig_due[k] == INT64_MAX;
	return n;
}

int64_t practice_next_due(const struct practice *p, int64_t now)
{
	int64_t best = 0;
	for (size_t k = 0; k < p->n_elig; k++) {
		int64_t d = p->elig_due[k];
		if (d != INT64_MAX && d > now && (!best || d < best))
			best = d;
	}
	return best;
}
