/* catalog: the questions practice and exams draw from (see catalog.h). */
#include "quiz/catalog.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bank/load.h"
#include "bank/native.h"
#include "core/buf.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "store/bankdb.h"

#define S_EMPTY ((size_t)-1)

void catalog_init(struct catalog *c)
{
	memset(c, 0, sizeof *c);
}

static void S_entry_free(struct catalog_entry *e)
{
	free(e->key);
	free(e->bank);
	free(e->id);
	free(e->section);
	free(e->title);
	free(e->source);
	if (e->owns_question && e->question) {
		bank_question_clear(e->question);
		free(e->question);
	}
}

void catalog_free(struct catalog *c)
{
	for (size_t i = 0; i < c->n_entries; i++)
		S_entry_free(&c->entries[i]);
	free(c->entries);
	for (size_t i = 0; i < c->n_banks; i++) {
		bank_clear(c->banks[i]);
		free(c->banks[i]);
	}
	free(c->banks);
	for (size_t i = 0; i < c->n_reports; i++)
		bank_report_clear(&c->reports[i]);
	free(c->reports);
	free(c->slots);
	memset(c, 0, sizeof *c);
}

int catalog_chapter_of(const char *section)
{
	int n = 0;
	if (!section || *section < '0' || *section > '9')
		return 0;
	for (const char *p = section; *p >= '0' && *p <= '9' && n < 100000; p++)
		n = n * 10 + (*p - '0');
	return n;
}

/* ---- key index: open addressing over entry indexes ---- */

static uint64_t S_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

static void S_index_insert(struct catalog *c, size_t i)
{
	size_t mask = c->n_slots - 1;
	for (size_t s = S_hash(c->entries[i].key) & mask;; s = (s + 1) & mask) {
		if (c->slots[s] == S_EMPTY) {
			c->slots[s] = i;
			return;
		}
	}
}

static void S_index_grow(struct catalog *c)
{
	/* Kept at most half full so probes stay short. */
	if (c->n_slots >= 2 * (c->n_entries + 1))
		return;
	size_t n = c->n_slots ? c->n_slots : 64;
	while (n < 2 * (c->n_entries + 1))
		n *= 2;
	free(c->slots);
	c->slots = xreallocarray(NULL, n, sizeof *c->slots);
	c->n_slots = n;
	for (size_t s = 0; s < n; s++)
		c->slots[s] = S_EMPTY;
	for (size_t i = 0; i < c->n_entries; i++)
		S_index_insert(c, i);
}

long catalog_find(const struct catalog *c, const char *key)
{
	if (!c->n_slots)
		return -1;
	size_t mask = c->n_slots - 1;
	for (size_t s = S_hash(key) & mask; c->slots[s] != S_EMPTY; s = (s + 1) & mask)
		if (strcmp(c->entries[c->slots[s]].key, key) == 0)
			return (long)c->slots[s];
	return -1;
}

static struct catalog_entry *S_add(struct catalog *c, const char *bank, const char *id)
{
	S_index_grow(c);
	xgrow((void **)&c->entries, &c->cap_entries, c->n_entries + 1, sizeof *c->entries);
	struct catalog_entry *e = &c->entries[c->n_entries];
	memset(e, 0, sizeof *e);
	e->bank = xstrdup(bank);
	e->id = xstrdup(id);
	struct buf key = {0};
	buf_printf(&key, "%s/%s", bank, id);
	e->key = buf_detach(&key);
	S_index_insert(c, c->n_entries);
	c->n_entries++;
	return e;
}

/* ---- loading ---- */

static enum status S_add_row(void *ctx, const struct bankdb_row *row)
{
	struct catalog *c = ctx;
	struct buf key = {0};
	buf_printf(&key, "%s/%s", row->bank, row->id);
	bool dup = catalog_find(c, buf_cstr(&key)) >= 0;
	buf_free(&key);
	if (dup)
		return ST_OK;
	struct catalog_entry *e = S_add(c, row->bank, row->id);
	e->section = xstrdup(row->section);
	e->title = xstrdup(row->title);
	e->chapter = row->chapter;
	e->difficulty = row->difficulty;
	if (!bank_qtype_parse(row->type, &e->type))
		e->type = BANK_SINGLE;
	e->source = xstrndup(row->source, row->source_len);
	e->source_len = row->source_len;
	return ST_OK;
}

enum status catalog_load_db(struct catalog *c, const char *path, struct error *err)
{
	return bankdb_read(path, S_add_row, c, err);
}

static struct bank_report *S_keep_report(struct catalog *c, struct bank_report *r)
{
	size_t cap = c->n_reports;
	xgrow((void **)&c->reports, &cap, c->n_reports + 1, sizeof *c->reports);
	c->reports[c->n_reports] = *r;
	return &c->reports[c->n_reports++];
}

static bool S_bank_loaded(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n_entries; i++)
		if (strcmp(c->entries[i].bank, id) == 0)
			return true;
	return false;
}

void catalog_add_bank(struct catalog *c, struct bank *b)
{
	size_t cap = c->n_banks;
	xgrow((void **)&c->banks, &cap, c->n_banks + 1, sizeof *c->banks);
	c->banks[c->n_banks++] = b;
	for (size_t i = 0; i < b->n_questions; i++) {
		struct bank_question *q = &b->questions[i];
		struct catalog_entry *e = S_add(c, b->id, q->id);
		e->section = xstrdup(q->section ? q->section : "");
		e->title = xstrdup(q->title ? q->title : q->id);
		e->chapter = catalog_chapter_of(q->section);
		e->difficulty = q->difficulty;
		e->type = q->type;
		e->question = q;
	}
}

bool catalog_load_file(struct catalog *c, const char *path)
{
	struct bank *b = xcalloc(1, sizeof *b);
	struct bank_report rep;
	size_t errors = bank_load_file(path, NULL, b, &rep);
	if (errors == 0 && S_bank_loaded(c, b->id)) {
		bank_report_add(&rep, BANK_ERROR, 0, 0,
		                "bank id '%s' is already loaded: rename the file", b->id);
		errors = 1;
	}
	if (errors) {
		bank_report_add(&rep, BANK_ERROR, 0, 0,
		                "skipped: none of this file's %zu questions "
		                "were loaded",
		                b->n_questions);
		bank_clear(b);
		free(b);
		S_keep_report(c, &rep);
		return false;
	}
	if (rep.n_diags)
		S_keep_report(c, &rep);
	else
		bank_report_clear(&rep);
	catalog_add_bank(c, b);
	return true;
}

size_t catalog_load_dir(struct catalog *c, const char *dir)
{
	size_t n;
	char **names = paths_list(dir, bank_is_bank_file, &n);
	size_t skipped = 0;
	for (size_t i = 0; i < n; i++)
		skipped += !catalog_load_file(c, names[i]);
	paths_list_free(names, n);
	return skipped;
}

const struct bank_question *catalog_question(struct catalog *c, size_t i, struct error *err)
{
	struct catalog_entry *e = &c->entries[i];
	if (e->question)
		return e->question;
	struct bank b = {0};
	struct bank_report rep;
	bank_report_init(&rep, e->key);
	size_t errors = bank_native_parse(e->source, e->source_len, &b, &rep);
	if (errors || b.n_questions != 1) {
		error_set(err, ST_PARSE, e->key,
		          "the stored question no longer parses: rebuild the bank (make)");
		bank_clear(&b);
		bank_report_clear(&rep);
		return NULL;
	}
	bank_report_clear(&rep);
	e->question = xmalloc(sizeof *e->question);
	*e->question = b.questions[0];
	e->owns_question = true;
	free(b.questions);
	b.questions = NULL;
	b.n_questions = 0;
	bank_clear(&b);
	return e->question;
}
