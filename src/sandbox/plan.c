/* plan: EXPLAIN QUERY PLAN as a tree (see plan.h). */
#include "sandbox/plan.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

/* ---- finding the end of the first statement ---- */

static const char *S_skip_blank(const char *p)
{
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
		       *p == '\v')
			p++;
		if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			p = end ? end + 2 : p + strlen(p);
		} else {
			return p;
		}
	}
}

static bool S_word_char(unsigned char c)
{
	return c == '_' || c == '$' || c >= 0x80 || (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool S_word_is(const char *w, size_t len, const char *keyword)
{
	if (strlen(keyword) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((w[i] | 0x20) != keyword[i])
			return false;
	return true;
}

/* Just past the ';' that ends the first statement of sql, or its end.
 * Quoted strings and names, and comments, are skipped the way SQLite's
 * tokenizer skips them. A CREATE TRIGGER holds statements of its own: it
 * ends only at a ';' after END. (Like sqlite3_complete, a "CASE ... END;"
 * inside a trigger ends it early; the rest then counts as a second
 * statement and is refused, which is the safe way to be wrong.) */
static const char *S_statement_end(const char *sql)
{
	const char *p = sql;
	bool trigger = false, first_is_create = false, after_end = false;
	int words = 0;
	while (*(p = S_skip_blank(p))) {
		char c = *p;
		if (c == '\'' || c == '"' || c == '`' || c == '[') {
			char close = c == '[' ? ']' : c;
			p++;
			for (;;) {
				if (!*p)
					return p;
				if (*p == close && close != ']' && p[1] == close) {
					p += 2;
					continue;
				}
				if (*p++ == close)
					break;
			}
			after_end = false;
		} else if (c == ';') {
			p++;
			if (!trigger || after_end)
				return p;
		} else if (S_word_char((unsigned char)c)) {
			const char *w = p;
			while (S_word_char((unsigned char)*p))
				p++;
			size_t len = (size_t)(p - w);
			words++;
			if (words == 1)
				first_is_create = S_word_is(w, len, "create");
			else if (words <= 3 && first_is_create && S_word_is(w, len, "trigger"))
				trigger = true;
			after_end = S_word_is(w, len, "end");
		} else {
			p++;
			after_end = false;
		}
	}
	return p;
}

/* ---- drawing ---- */

/* Appends text with control characters replaced, so one detail is one line. */
static void S_put_clean(struct buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			cp = UTF8_REPLACEMENT;
		char enc[4];
		buf_append(out, enc, utf8_encode(cp, enc));
	}
}

struct S_tree {
	const struct sandbox_result *r;
	bool *drawn;
};

static int64_t S_int_at(const struct sandbox_result *r, size_t row, size_t col)
{
	const struct sandbox_value *v = &r->cells[row * r->n_cols + col];
	return v->type == SANDBOX_INT ? v->i : INT64_MIN;
}

/* A row is a child of parent when its parent column says so; a root when
 * no other row has the id its parent column names (SQLite uses 0). */
static bool S_is_child(const struct S_tree *t, size_t row, bool root, int64_t parent)
{
	int64_t p = S_int_at(t->r, row, 1);
	if (!root)
		return p == parent;
	for (size_t j = 0; j < t->r->n_rows; j++)
		if (j != row && S_int_at(t->r, j, 0) == p)
			return false;
	return true;
}

/* Draws the children of parent (or the roots) under prefix. Each row is
 * drawn once, so even a malformed plan with a cycle ends. */
static void S_draw_children(struct S_tree *t, bool root, int64_t parent, struct buf *prefix,
                            struct buf *out)
{
	const struct sandbox_result *r = t->r;
	size_t n = r->n_rows;
	for (size_t i = 0; i < n; i++) {
		if (t->drawn[i] || !S_is_child(t, i, root, parent))
			continue;
		bool last = true;
		for (size_t j = i + 1; j < n && last; j++)
			if (!t->drawn[j] && S_is_child(t, j, root, parent))
				last = false;
		t->drawn[i] = true;
		const struct sandbox_value *detail = &r->cells[i * r->n_cols + 3];
		buf_append(out, buf_cstr(prefix), prefix->len);
		buf_puts(out, last ? "└── " : "├── ");
		if (detail->type == SANDBOX_TEXT)
			S_put_clean(out, detail->text, detail->len);
		buf_putc(out, '\n');
		size_t keep = prefix->len;
		buf_puts(prefix, last ? "    " : "│   ");
		S_draw_children(t, false, S_int_at(r, i, 0), prefix, out);
		buf_truncate(prefix, keep);
	}
}

enum status plan_draw(struct sandbox *sb, const char *query, struct buf *out, struct error *err)
{
	const char *start = S_skip_blank(query ? query : "");
	if (!*start)
		return error_set(err, ST_INVALID, "", "nothing to explain: the query is empty");
	const char *end = S_statement_end(start);
	if (*S_skip_blank(end))
		return error_set(err, ST_INVALID, "",
		                 "explain one statement at a time: the query holds more than one");
	struct buf sql = {0};
	buf_puts(&sql, "EXPLAIN QUERY PLAN ");
	buf_puts(&sql, start);
	struct sandbox_result r = {0};
	enum status st = sandbox_query(sb, buf_cstr(&sql), &r, err);
	buf_free(&sql);
	if (st != ST_OK)
		return st;
	if (r.n_cols != 4) {
		sandbox_result_free(&r);
		return error_set(err, ST_INVALID, "", "the query gave no plan");
	}
	buf_puts(out, "QUERY PLAN\n");
	if (r.n_rows == 0) {
		buf_puts(out, "(no steps)\n");
	} else {
		struct S_tree t = {.r = &r, .drawn = xcalloc(r.n_rows, sizeof *t.drawn)};
		struct buf prefix = {0};
		S_draw_children(&t, true, 0, &prefix, out);
		buf_free(&prefix);
		free(t.drawn);
	}
	sandbox_result_free(&r);
	return ST_OK;
}
