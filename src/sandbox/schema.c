/* schema: reading a sandbox database's tables, keys and views (see schema.h). */
#include "sandbox/schema.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

/* ---- helpers ---- */

static bool S_ieq(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return false;
		if (!x)
			return true;
	}
}

/* Appends name as an SQL string literal. Names come from sqlite_schema, so
 * they may hold quotes; doubling them is all a literal needs. */
static void S_put_literal(struct buf *b, const char *name)
{
	buf_putc(b, '\'');
	for (const char *p = name; *p; p++) {
		if (*p == '\'')
			buf_putc(b, '\'');
		buf_putc(b, *p);
	}
	buf_putc(b, '\'');
}

static const struct sandbox_value *S_cell(const struct sandbox_result *r, size_t row, size_t col)
{
	return &r->cells[row * r->n_cols + col];
}

/* A copy of a text cell; other types (NULL, numbers) give "" or NULL as
 * or_null asks, so every string in the model is owned and printable. */
static char *S_text(const struct sandbox_value *v, bool or_null)
{
	if (v->type == SANDBOX_TEXT)
		return xstrdup(v->text);
	if (v->type == SANDBOX_NULL)
		return or_null ? NULL : xstrdup("");
	if (v->type == SANDBOX_INT) {
		struct buf b = {0};
		buf_printf(&b, "%lld", (long long)v->i);
		return buf_detach(&b);
	}
	return or_null ? NULL : xstrdup("");
}

static bool S_truthy(const struct sandbox_value *v)
{
	return v->type == SANDBOX_INT && v->i != 0;
}

/* Runs sql and checks it returned the expected number of columns, so a
 * changed pragma shape fails loudly instead of reading the wrong cells. */
static enum status S_query(struct sandbox *sb, const char *sql, size_t n_cols,
                           struct sandbox_result *r, struct error *err)
{
	enum status st = sandbox_query(sb, sql, r, err);
	if (st != ST_OK)
		return st;
	if (r->n_cols != n_cols) {
		sandbox_result_free(r);
		return error_set(err, ST_DB, "", "unexpected shape of schema query: %s", sql);
	}
	return ST_OK;
}

/* ---- one table ---- */

static enum status S_read_columns(struct sandbox *sb, struct schema_table *t, struct error *err)
{
	struct buf sql = {0};
	struct sandbox_result r = {0};
	buf_puts(&sql, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(");
	S_put_literal(&sql, t->name);
	buf_puts(&sql, ") ORDER BY cid");
	enum status st = S_query(sb, buf_cstr(&sql), 5, &r, err);
	buf_free(&sql);
	if (st != ST_OK)
		return st;
	t->cols = xcalloc(r.n_rows + 1, sizeof *t->cols);
	t->n_cols = r.n_rows;
	for (size_t i = 0; i < r.n_rows; i++) {
		struct schema_column *c = &t->cols[i];
		c->name = S_text(S_cell(&r, i, 0), false);
		c->type = S_text(S_cell(&r, i, 1), false);
		c->not_null = S_truthy(S_cell(&r, i, 2));
		c->dflt = S_text(S_cell(&r, i, 3), true);
		const struct sandbox_value *pk = S_cell(&r, i, 4);
		c->pk_order = pk->type == SANDBOX_INT && pk->i > 0 && pk->i < 1000 ? (int)pk->i : 0;
		c->pk = c->pk_order > 0;
	}
	sandbox_result_free(&r);
	return ST_OK;
}

/* Single-column unique indexes and UNIQUE constraints; the primary key's
 * own index and partial indexes (unique only where their WHERE holds) are
 * left out. */
static enum status S_read_unique(struct sandbox *sb, struct schema_table *t, struct error *err)
{
	struct buf sql = {0};
	struct sandbox_result r = {0};
	buf_puts(&sql, "SELECT min(ii.name) FROM pragma_index_list(");
	S_put_literal(&sql, t->name);
	buf_puts(&sql, ") AS il, pragma_index_info(il.name) AS ii WHERE il.\"unique\" AND "
	               "il.origin <> 'pk' AND NOT il.partial GROUP BY il.name "
	               "HAVING count(*) = 1 AND count(ii.name) = 1");
	enum status st = S_query(sb, buf_cstr(&sql), 1, &r, err);
	buf_free(&sql);
	if (st != ST_OK)
		return st;
	for (size_t i = 0; i < r.n_rows; i++) {
		const struct sandbox_value *v = S_cell(&r, i, 0);
		int c = v->type == SANDBOX_TEXT ? schema_column_index(t, v->text) : -1;
		if (c >= 0)
			t->cols[c].unique = true;
	}
	sandbox_result_free(&r);
	return ST_OK;
}

/* The foreign keys; seqs receives each entry's position within its key,
 * needed later to find the parent's primary key column when the
 * REFERENCES clause names none. */
static enum status S_read_fks(struct sandbox *sb, struct schema_table *t, int **seqs,
                              struct error *err)
{
	struct buf sql = {0};
	struct sandbox_result r = {0};
	buf_puts(&sql, "SELECT \"from\", \"table\", \"to\", on_delete, on_update, seq "
	               "FROM pragma_foreign_key_list(");
	S_put_literal(&sql, t->name);
	/* SQLite numbers keys from the last declared; descending id restores
	 * the order in which they were written. */
	buf_puts(&sql, ") ORDER BY id DESC, seq");
	enum status st = S_query(sb, buf_cstr(&sql), 6, &r, err);
	buf_free(&sql);
	if (st != ST_OK)
		return st;
	t->fks = xcalloc(r.n_rows + 1, sizeof *t->fks);
	*seqs = xcalloc(r.n_rows + 1, sizeof **seqs);
	t->n_fks = r.n_rows;
	for (size_t i = 0; i < r.n_rows; i++) {
		struct schema_fk *fk = &t->fks[i];
		fk->from_col = S_text(S_cell(&r, i, 0), false);
		fk->to_table = S_text(S_cell(&r, i, 1), false);
		fk->to_col = S_text(S_cell(&r, i, 2), true);
		fk->on_delete = S_text(S_cell(&r, i, 3), false);
		fk->on_update = S_text(S_cell(&r, i, 4), false);
		const struct sandbox_value *seq = S_cell(&r, i, 5);
		(*seqs)[i] =
		    seq->type == SANDBOX_INT && seq->i >= 0 && seq->i < 1000 ? (int)seq->i : 0;
	}
	sandbox_result_free(&r);
	return ST_OK;
}

/* ---- associations ---- */

static const struct schema_fk *S_fk_of(const struct schema_table *t, const char *col)
{
	for (size_t i = 0; i < t->n_fks; i++)
		if (S_ieq(t->fks[i].from_col, col))
			return &t->fks[i];
	return NULL;
}

/* Adds to_table to ends (at most two distinct, self-references ignored);
 * returns false once a third distinct table turns up. */
static bool S_add_end(const struct schema_table *t, const char *to_table, const char *ends[2],
                      size_t *n)
{
	if (S_ieq(to_table, t->name))
		return true;
	for (size_t i = 0; i < *n; i++)
		if (S_ieq(ends[i], to_table))
			return true;
	if (*n == 2)
		return false;
	ends[(*n)++] = to_table;
	return true;
}

/* The rule of schema_table.is_association, giving the two ends. */
static bool S_find_ends(const struct schema_table *t, const char *ends[2])
{
	size_t n_pk = 0, n_pk_fk = 0, n_extra = 0;
	for (size_t i = 0; i < t->n_cols; i++) {
		bool fk = S_fk_of(t, t->cols[i].name) != NULL;
		if (t->cols[i].pk) {
			n_pk++;
			n_pk_fk += fk;
		} else if (!fk) {
			n_extra++;
		}
	}
	bool key_of_fks = n_pk >= 2 && n_pk_fk == n_pk;
	/* A surrogate key is a link only with nothing besides its two foreign
	 * keys: orders(id, customer_id, address_id, placed_at) is an entity. */
	if (!key_of_fks && (n_pk > 1 || n_extra > 0))
		return false;
	const char *found[2] = {NULL, NULL};
	size_t n = 0;
	for (size_t i = 0; i < t->n_fks; i++) {
		int c = schema_column_index(t, t->fks[i].from_col);
		/* With a key of foreign keys only the key counts; otherwise only
		 * the columns besides the (surrogate) key do. */
		if (c < 0 || t->cols[c].pk != key_of_fks)
			continue;
		if (!S_add_end(t, t->fks[i].to_table, found, &n))
			return false;
	}
	if (n != 2)
		return false;
	ends[0] = found[0];
	ends[1] = found[1];
	return true;
}

bool schema_association_ends(const struct schema_table *t, const char *ends[2])
{
	return t->is_association && S_find_ends(t, ends);
}

/* ---- the whole schema ---- */

const struct schema_table *schema_table_named(const struct schema *s, const char *name)
{
	for (size_t i = 0; i < s->n_tables; i++)
		if (S_ieq(s->tables[i].name, name))
			return &s->tables[i];
	return NULL;
}

int schema_column_index(const struct schema_table *t, const char *name)
{
	for (size_t i = 0; i < t->n_cols; i++)
		if (S_ieq(t->cols[i].name, name))
			return (int)i;
	return -1;
}

/* "REFERENCES owners" without a column means the parent's primary key:
 * the seq-th column of it. */
static void S_resolve_parent_columns(struct schema *s, int *const *seqs)
{
	for (size_t i = 0; i < s->n_tables; i++) {
		struct schema_table *t = &s->tables[i];
		for (size_t k = 0; k < t->n_fks; k++) {
			struct schema_fk *fk = &t->fks[k];
			if (fk->to_col)
				continue;
			const struct schema_table *parent = schema_table_named(s, fk->to_table);
			const char *name = "";
			for (size_t c = 0; parent && c < parent->n_cols; c++)
				if (parent->cols[c].pk_order == seqs[i][k] + 1)
					name = parent->cols[c].name;
			fk->to_col = xstrdup(name);
		}
	}
}

static enum status S_read_tables(struct sandbox *sb, struct schema *out, struct error *err)
{
	struct sandbox_result r = {0};
	enum status st =
	    S_query(sb,
	            "SELECT s.name, s.sql FROM sqlite_schema AS s "
	            "JOIN pragma_table_list AS l ON l.schema = 'main' AND l.name = s.name "
	            "WHERE s.type = 'table' AND l.type <> 'shadow' "
	            "AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY s.name",
	            2, &r, err);
	if (st != ST_OK)
		return st;
	out->tables = xcalloc(r.n_rows + 1, sizeof *out->tables);
	out->n_tables = r.n_rows;
	for (size_t i = 0; i < r.n_rows; i++) {
		out->tables[i].name = S_text(S_cell(&r, i, 0), false);
		out->tables[i].sql = S_text(S_cell(&r, i, 1), false);
	}
	sandbox_result_free(&r);
	return ST_OK;
}

static enum status S_read_views(struct sandbox *sb, struct schema *out, struct error *err)
{
	struct sandbox_result r = {0};
	enum status st = S_query(sb,
	                         "SELECT name FROM sqlite_schema WHERE type = 'view' "
	                         "ORDER BY name",
	                         1, &r, err);
	if (st != ST_OK)
		return st;
	out->views = xcalloc(r.n_rows + 1, sizeof *out->views);
	out->n_views = r.n_rows;
	for (size_t i = 0; i < r.n_rows; i++)
		out->views[i] = S_text(S_cell(&r, i, 0), false);
	sandbox_result_free(&r);
	return ST_OK;
}

enum status schema_read(struct sandbox *sb, struct schema *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	enum status st = S_read_tables(sb, out, err);
	if (st == ST_OK)
		st = S_read_views(sb, out, err);
	int **seqs = xcalloc(out->n_tables + 1, sizeof *seqs);
	for (size_t i = 0; i < out->n_tables && st == ST_OK; i++) {
		struct schema_table *t = &out->tables[i];
		st = S_read_columns(sb, t, err);
		if (st == ST_OK)
			st = S_read_unique(sb, t, err);
		if (st == ST_OK)
			st = S_read_fks(sb, t, &seqs[i], err);
	}
	if (st == ST_OK) {
		S_resolve_parent_columns(out, seqs);
		for (size_t i = 0; i < out->n_tables; i++) {
			const char *ends[2];
			out->tables[i].is_association = S_find_ends(&out->tables[i], ends);
		}
	}
	for (size_t i = 0; i < out->n_tables; i++)
		free(seqs[i]);
	free(seqs);
	if (st != ST_OK)
		schema_free(out);
	return st;
}

void schema_free(struct schema *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_tables; i++) {
		struct schema_table *t = &s->tables[i];
		for (size_t c = 0; c < t->n_cols; c++) {
			free(t->cols[c].name);
			free(t->cols[c].type);
			free(t->cols[c].dflt);
		}
		free(t->cols);
		for (size_t k = 0; k < t->n_fks; k++) {
			free(t->fks[k].from_col);
			free(t->fks[k].to_table);
			free(t->fks[k].to_col);
			free(t->fks[k].on_delete);
			free(t->fks[k].on_update);
		}
		free(t->fks);
		free(t->name);
		free(t->sql);
	}
	free(s->tables);
	for (size_t i = 0; i < s->n_views; i++)
		free(s->views[i]);
	free(s->views);
	memset(s, 0, sizeof *s);
}
