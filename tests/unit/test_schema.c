/* Unit tests for schema (reading a sandbox's tables and keys), er (the ER
 * diagram as text) and plan (EXPLAIN QUERY PLAN as a tree). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "sandbox/er.h"
#include "sandbox/plan.h"
#include "sandbox/sandbox.h"
#include "sandbox/schema.h"

/* Tests run from the repository root; STUDYTERM_DATASET_DIR overrides. */
static const char *S_dataset_dir(void)
{
	const char *dir = getenv("STUDYTERM_DATASET_DIR");
	return dir && *dir ? dir : "data/sandbox";
}

static struct sandbox *S_open(const char *script)
{
	struct sandbox *sb = NULL;
	struct error err = {0};
	assert_int_equal(sandbox_open_memory(&sb, &err), ST_OK);
	if (script) {
		enum status st = sandbox_load_script(sb, script, "test", &err);
		if (st != ST_OK)
			print_message("%s: %s\n", err.where, err.message);
		assert_int_equal(st, ST_OK);
	}
	return sb;
}

static struct sandbox *S_open_ponies(void)
{
	struct sandbox *sb = S_open(NULL);
	struct error err = {0};
	enum status st = sandbox_load_dataset(sb, S_dataset_dir(), "ponies", &err);
	if (st != ST_OK)
		print_message("%s: %s\n", err.where, err.message);
	assert_int_equal(st, ST_OK);
	return sb;
}

static void S_read(struct sandbox *sb, struct schema *s)
{
	struct error err = {0};
	enum status st = schema_read(sb, s, &err);
	if (st != ST_OK)
		print_message("%s\n", err.message);
	assert_int_equal(st, ST_OK);
}

/* The blog of the brief: users write posts, posts get comments and tags. */
static const char S_blog[] =
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
    "  email TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE posts (id INTEGER PRIMARY KEY,\n"
    "  user_id INTEGER NOT NULL REFERENCES users (id),\n"
    "  title TEXT NOT NULL, body TEXT, published_at TEXT);\n"
    "CREATE TABLE comments (id INTEGER PRIMARY KEY,\n"
    "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,\n"
    "  user_id INTEGER REFERENCES users (id), body TEXT NOT NULL, created_at TEXT);\n"
    "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE post_tags (\n"
    "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,\n"
    "  tag_id INTEGER NOT NULL REFERENCES tags (id),\n"
    "  PRIMARY KEY (post_id, tag_id));\n";

/* ---- the model ---- */

static void S_check_column(const struct schema_table *t, size_t i, const char *name,
                           const char *type, int pk_order, bool not_null, bool unique,
                           const char *dflt)
{
	assert_true(i < t->n_cols);
	const struct schema_column *c = &t->cols[i];
	assert_string_equal(c->name, name);
	assert_string_equal(c->type, type);
	assert_int_equal(c->pk_order, pk_order);
	assert_int_equal(c->pk, pk_order > 0);
	assert_int_equal(c->not_null, not_null);
	assert_int_equal(c->unique, unique);
	if (dflt)
		assert_string_equal(c->dflt, dflt);
	else
		assert_null(c->dflt);
}

static void S_check_fk(const struct schema_table *t, size_t i, const char *from,
                       const char *to_table, const char *to_col, const char *on_delete)
{
	assert_true(i < t->n_fks);
	const struct schema_fk *fk = &t->fks[i];
	assert_string_equal(fk->from_col, from);
	assert_string_equal(fk->to_table, to_table);
	assert_string_equal(fk->to_col, to_col);
	assert_string_equal(fk->on_delete, on_delete);
	assert_string_equal(fk->on_update, "NO ACTION");
}

static void test_ponies_schema_is_read_exactly(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_ponies();
	struct schema s;
	S_read(sb, &s);
	assert_int_equal(s.n_tables, 4);
	assert_int_equal(s.n_views, 0);
	const char *names[] = {"handlers", "owners", "ponies", "pony_handlers"};
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(s.tables[i].name, names[i]);

	const struct schema_table *h = &s.tables[0];
	assert_int_equal(h->n_cols, 3);
	S_check_column(h, 0, "id", "INTEGER", 1, false, false, NULL);
	S_check_column(h, 1, "name", "TEXT", 0, true, false, NULL);
	S_check_column(h, 2, "years_experience", "INTEGER", 0, true, false, NULL);
	assert_int_equal(h->n_fks, 0);
	assert_false(h->is_association);

	const struct schema_table *o = &s.tables[1];
	assert_int_equal(o->n_cols, 4);
	S_check_column(o, 0, "id", "INTEGER", 1, false, false, NULL);
	S_check_column(o, 1, "name", "TEXT", 0, true, false, NULL);
	S_check_column(o, 2, "email", "TEXT", 0, true, true, NULL);
	S_check_column(o, 3, "city", "TEXT", 0, false, false, NULL);
	assert_int_equal(o->n_fks, 0);
	assert_false(o->is_association);
	assert_true(strncmp(o->sql, "CREATE TABLE owners (", 21) == 0);

	const struct schema_table *p = &s.tables[2];
	assert_int_equal(p->n_cols, 5);
	S_check_column(p, 0, "id", "INTEGER", 1, false, false, NULL);
	S_check_column(p, 1, "name", "TEXT", 0, true, false, NULL);
	S_check_column(p, 2, "colour", "TEXT", 0, true, false, NULL);
	S_check_column(p, 3, "age", "INTEGER", 0, false, false, NULL);
	S_check_column(p, 4, "owner_id", "INTEGER", 0, false, false, NULL);
	assert_int_equal(p->n_fks, 1);
	S_check_fk(p, 0, "owner_id", "owners", "id", "NO ACTION");
	assert_false(p->is_association);

	const struct schema_table *ph = &s.tables[3];
	assert_int_equal(ph->n_cols, 3);
	S_check_column(ph, 0, "pony_id", "INTEGER", 1, true, false, NULL);
	S_check_column(ph, 1, "handler_id", "INTEGER", 2, true, false, NULL);
	S_check_column(ph, 2, "since", "TEXT", 0, false, false, NULL);
	assert_int_equal(ph->n_fks, 2);
	/* In the order they are declared, not SQLite's reverse numbering. */
	S_check_fk(ph, 0, "pony_id", "ponies", "id", "NO ACTION");
	S_check_fk(ph, 1, "handler_id", "handlers", "id", "NO ACTION");
	assert_true(ph->is_association);
	const char *ends[2] = {NULL, NULL};
	assert_true(schema_association_ends(ph, ends));
	assert_string_equal(ends[0], "ponies");
	assert_string_equal(ends[1], "handlers");
	assert_false(schema_association_ends(p, ends));
	assert_string_equal(ends[0], "ponies");

	assert_ptr_equal(schema_table_named(&s, "PONIES"), p);
	assert_null(schema_table_named(&s, "pony"));
	assert_int_equal(schema_column_index(p, "Owner_ID"), 4);
	assert_int_equal(schema_column_index(p, "owner"), -1);
	schema_free(&s);
	assert_null(s.tables);
	assert_int_equal(s.n_tables, 0);
	schema_free(&s); /* twice is harmless */
	sandbox_close(sb);
}

static void test_schema_details(void **state)
{
	(void)state;
	struct sandbox *sb = S_open(
	    "CREATE TABLE authors (code TEXT PRIMARY KEY, name TEXT DEFAULT 'anon', born INT);\n"
	    "CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	    "  author_code TEXT REFERENCES Authors ON DELETE SET NULL ON UPDATE CASCADE,\n"
	    "  isbn TEXT, slug TEXT, shelf INT, status TEXT NOT NULL DEFAULT 'draft', x);\n"
	    "CREATE UNIQUE INDEX books_isbn ON books (isbn);\n"
	    "CREATE UNIQUE INDEX books_slug_live ON books (slug) WHERE status = 'live';\n"
	    "CREATE UNIQUE INDEX books_shelf_pair ON books (shelf, x);\n"
	    "CREATE TABLE loans (id INTEGER PRIMARY KEY, book_id INT REFERENCES books (id),\n"
	    "  reader_id INT REFERENCES readers (id));\n"
	    "CREATE TABLE readers (id INTEGER PRIMARY KEY, name TEXT);\n"
	    "CREATE TABLE reviews (id INTEGER PRIMARY KEY, book_id INT REFERENCES books (id),\n"
	    "  reader_id INT REFERENCES readers (id), stars INT, body TEXT);\n"
	    "CREATE TABLE follows (follower_id INT REFERENCES readers (id),\n"
	    "  followed_id INT REFERENCES readers (id), PRIMARY KEY (follower_id, followed_id));\n"
	    "CREATE TABLE \"odd 'name'\" (a INT);\n"
	    "CREATE VIRTUAL TABLE notes USING fts5 (body);\n"
	    "CREATE VIEW recent AS SELECT * FROM books;\n"
	    "CREATE VIEW all_loans AS SELECT * FROM loans;\n"
	    "INSERT INTO books (isbn) VALUES ('1');\n");
	struct schema s;
	S_read(sb, &s);
	/* sqlite_sequence and the full-text index's shadow tables are left out. */
	const char *names[] = {"authors", "books",      "follows", "loans",
	                       "notes",   "odd 'name'", "readers", "reviews"};
	assert_int_equal(s.n_tables, 8);
	for (size_t i = 0; i < 8; i++)
		assert_string_equal(s.tables[i].name, names[i]);
	assert_int_equal(s.n_views, 2);
	assert_string_equal(s.views[0], "all_loans");
	assert_string_equal(s.views[1], "recent");

	const struct schema_table *a = schema_table_named(&s, "authors");
	S_check_column(a, 0, "code", "TEXT", 1, false, false, NULL);
	S_check_column(a, 1, "name", "TEXT", 0, false, false, "'anon'");
	S_check_column(a, 2, "born", "INT", 0, false, false, NULL);

	const struct schema_table *b = schema_table_named(&s, "books");
	assert_int_equal(b->n_cols, 7);
	S_check_column(b, 2, "isbn", "TEXT", 0, false, true, NULL);
	/* A partial or a two-column unique index makes no column unique. */
	S_check_column(b, 3, "slug", "TEXT", 0, false, false, NULL);
	S_check_column(b, 4, "shelf", "INT", 0, false, false, NULL);
	S_check_column(b, 5, "status", "TEXT", 0, true, false, "'draft'");
	S_check_column(b, 6, "x", "", 0, false, false, NULL);
	assert_int_equal(b->n_fks, 1);
	/* No column named: the parent's primary key. */
	assert_string_equal(b->fks[0].from_col, "author_code");
	assert_string_equal(b->fks[0].to_table, "Authors");
	assert_string_equal(b->fks[0].to_col, "code");
	assert_string_equal(b->fks[0].on_delete, "SET NULL");
	assert_string_equal(b->fks[0].on_update, "CASCADE");

	/* A surrogate key and two links: an association. A column more makes
	 * an entity (reviews, with two); two keys to one table are no
	 * many-to-many. */
	assert_true(schema_table_named(&s, "loans")->is_association);
	const char *ends[2];
	assert_true(schema_association_ends(schema_table_named(&s, "loans"), ends));
	assert_string_equal(ends[0], "books");
	assert_string_equal(ends[1], "readers");
	assert_false(schema_table_named(&s, "reviews")->is_association);
	assert_false(schema_table_named(&s, "follows")->is_association);
	assert_false(schema_table_named(&s, "books")->is_association);
	assert_int_equal(schema_table_named(&s, "odd 'name'")->n_cols, 1);
	schema_free(&s);
	sandbox_close(sb);
}

static void test_schema_of_empty_database(void **state)
{
	(void)state;
	struct sandbox *sb = S_open(NULL);
	struct schema s;
	S_read(sb, &s);
	assert_int_equal(s.n_tables, 0);
	assert_int_equal(s.n_views, 0);
	schema_free(&s);
	sandbox_close(sb);
}

/* ---- reading a drawing back ---- */

/* A drawing as a grid of code points (all one column wide in these
 * tests), up to the blank line before the notes. */
struct S_grid {
	uint32_t *cells;
	int w, h;
	char **notes; /* the lines after the blank one */
	size_t n_notes;
};

static void S_grid_read(const char *text, int width, struct S_grid *g)
{
	memset(g, 0, sizeof *g);
	size_t len = strlen(text);
	assert_true(len > 0);
	assert_int_equal(text[len - 1], '\n');
	g->w = width;
	g->cells = xcalloc((size_t)width * 200, sizeof *g->cells);
	bool in_notes = false;
	size_t cap = 0;
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t n = (size_t)(end - line);
		size_t cols = utf8_width(line, n);
		if (cols > (size_t)width)
			print_message("too wide (%zu > %d): %.*s\n", cols, width, (int)n, line);
		assert_true(cols <= (size_t)width);
		if (n == 0 && !in_notes) {
			in_notes = true;
		} else if (in_notes) {
			xgrow((void **)&g->notes, &cap, g->n_notes + 1, sizeof *g->notes);
			g->notes[g->n_notes++] = xstrndup(line, n);
		} else {
			assert_true(g->h < 200);
			for (int x = 0; x < width; x++)
				g->cells[g->h * width + x] = ' ';
			int x = 0;
			for (size_t i = 0; i < n;) {
				uint32_t cp;
				i += utf8_decode(line + i, n - i, &cp);
				g->cells[g->h * width + x++] = cp;
			}
			g->h++;
		}
		line = end + 1;
	}
}

static void S_grid_free(struct S_grid *g)
{
	for (size_t i = 0; i < g->n_notes; i++)
		free(g->notes[i]);
	free(g->notes);
	free(g->cells);
}

static uint32_t S_cp(const struct S_grid *g, int x, int y)
{
	if (x < 0 || y < 0 || x >= g->w || y >= g->h)
		return ' ';
	return g->cells[y * g->w + x];
}

/* The UTF-8 text of cells [x, x + n) of row y. */
static char *S_text_at(const struct S_grid *g, int x, int y, int n)
{
	struct buf b = {0};
	for (int i = 0; i < n; i++) {
		char enc[4];
		buf_append(&b, enc, utf8_encode(S_cp(g, x + i, y), enc));
	}
	return buf_detach(&b);
}

struct S_found {
	int x, y, w;
};

/* Finds the box whose top border reads "┌─ name ", or fails. */
static struct S_found S_find_box(const struct S_grid *g, const char *name)
{
	struct buf want = {0};
	buf_printf(&want, "┌─ %s ", name);
	int n = (int)utf8_width(buf_cstr(&want), want.len);
	for (int y = 0; y < g->h; y++)
		for (int x = 0; x + n <= g->w; x++) {
			char *got = S_text_at(g, x, y, n);
			bool same = strcmp(got, buf_cstr(&want)) == 0;
			free(got);
			if (!same)
				continue;
			struct S_found f = {x, y, 0};
			while (S_cp(g, x + f.w, y) != 0x2510 /* ┐ */)
				f.w++;
			buf_free(&want);
			f.w++;
			return f;
		}
	print_message("no box for %s\n", name);
	fail();
	return (struct S_found){0, 0, 0};
}

static bool S_is_fk(const struct schema_table *t, const char *col)
{
	for (size_t k = 0; k < t->n_fks; k++)
		if (strcmp(t->fks[k].from_col, col) == 0)
			return true;
	return false;
}

/* Every column line of t's box starts with its marker, name and type. */
static void S_check_box(const struct S_grid *g, const struct schema_table *t)
{
	struct S_found f = S_find_box(g, t->name);
	for (size_t c = 0; c < t->n_cols; c++) {
		char *row = S_text_at(g, f.x + 2, f.y + 1 + (int)c, f.w - 4);
		const struct schema_column *col = &t->cols[c];
		bool fk = S_is_fk(t, col->name);
		const char *mark = col->pk && fk ? "PK FK" : (col->pk ? "PK" : (fk ? "FK" : ""));
		/* Every column of these boxes has the same marker width. */
		bool wide = false;
		for (size_t k = 0; k < t->n_cols; k++)
			wide = wide || (t->cols[k].pk && S_is_fk(t, t->cols[k].name));
		struct buf want = {0};
		buf_printf(&want, "%-*s %s ", wide ? 5 : 2, mark, col->name);
		if (strncmp(row, buf_cstr(&want), want.len) != 0)
			print_message("%s: want \"%s\" in \"%s\"\n", t->name, buf_cstr(&want), row);
		assert_true(strncmp(row, buf_cstr(&want), want.len) == 0);
		assert_non_null(strstr(row + want.len, col->type));
		buf_free(&want);
		free(row);
	}
	char *bottom = S_text_at(g, f.x, f.y + 1 + (int)t->n_cols, 1);
	assert_string_equal(bottom, "└");
	free(bottom);
}

enum { S_N, S_E, S_S, S_W };
static const int S_dx[4] = {0, 1, 0, -1}, S_dy[4] = {-1, 0, 1, 0};

/* The directions a line character reaches out in (bits 1 << S_N ...). */
static unsigned S_arms(uint32_t cp)
{
	switch (cp) {
	case 0x2500: return 1u << S_E | 1u << S_W;                         /* ─ */
	case 0x2502: return 1u << S_N | 1u << S_S;                         /* │ */
	case 0x250c: return 1u << S_E | 1u << S_S;                         /* ┌ */
	case 0x2510: return 1u << S_W | 1u << S_S;                         /* ┐ */
	case 0x2514: return 1u << S_N | 1u << S_E;                         /* └ */
	case 0x2518: return 1u << S_N | 1u << S_W;                         /* ┘ */
	case 0x251c: return 1u << S_N | 1u << S_S | 1u << S_E;             /* ├ */
	case 0x2524: return 1u << S_N | 1u << S_S | 1u << S_W;             /* ┤ */
	case 0x252c: return 1u << S_E | 1u << S_W | 1u << S_S;             /* ┬ */
	case 0x2534: return 1u << S_E | 1u << S_W | 1u << S_N;             /* ┴ */
	case 0x253c: return 1u << S_N | 1u << S_E | 1u << S_S | 1u << S_W; /* ┼ */
	default: return 0;
	}
}

/* The label cell beside row r of box f: where "*" or "1" must stand, on
 * whichever side has one; x is -1 when neither side has label. */
static void S_label_beside(const struct S_grid *g, struct S_found f, int r, uint32_t label, int *x,
                           int *dir)
{
	int y = f.y + 1 + r;
	*x = -1;
	if (S_cp(g, f.x + f.w, y) == label && S_cp(g, f.x + f.w - 1, y) == 0x251c /* ├ */) {
		*x = f.x + f.w;
		*dir = S_E;
	} else if (S_cp(g, f.x - 1, y) == label && S_cp(g, f.x, y) == 0x2524 /* ┤ */) {
		*x = f.x - 1;
		*dir = S_W;
	}
}

/* Follows the lines from the "*" beside the child's column; true when they
 * reach the "1" beside the parent's column. Lines only turn where their
 * characters do, and go straight over a crossing. */
static bool S_connected(const struct S_grid *g, const struct schema_table *child,
                        const char *from_col, const struct schema_table *parent, const char *to_col)
{
	struct S_found c = S_find_box(g, child->name), p = S_find_box(g, parent->name);
	int sx, sdir;
	S_label_beside(g, c, schema_column_index(child, from_col), '*', &sx, &sdir);
	if (sx < 0)
		return false;
	int sy = c.y + 1 + schema_column_index(child, from_col);
	int gy = p.y + 1 + schema_column_index(parent, to_col);
	/* The parent's "1" may stand on either side (or both). */
	bool left_one = S_cp(g, p.x - 1, gy) == '1' && S_cp(g, p.x, gy) == 0x2524;
	bool right_one = S_cp(g, p.x + p.w, gy) == '1' && S_cp(g, p.x + p.w - 1, gy) == 0x251c;
	size_t n = (size_t)g->w * (size_t)g->h * 4;
	bool *seen = xcalloc(n, sizeof *seen);
	int *stack = xcalloc(n + 1, sizeof *stack);
	size_t top = 0;
	bool found = false;
	stack[top++] = (sy * g->w + sx) * 4 + sdir;
	while (top > 0 && !found) {
		int s = stack[--top];
		int x = s / 4 % g->w, y = s / 4 / g->w, d = s % 4;
		int nx = x + S_dx[d], ny = y + S_dy[d];
		uint32_t cp = S_cp(g, nx, ny);
		if (ny == gy && ((left_one && nx == p.x - 1 && d == S_E) ||
		                 (right_one && nx == p.x + p.w && d == S_W))) {
			found = true;
			break;
		}
		unsigned arms = S_arms(cp);
		if (!(arms & 1u << ((d + 2) & 3)))
			continue;
		for (int nd = 0; nd < 4; nd++) {
			if (!(arms & 1u << nd) || nd == ((d + 2) & 3))
				continue;
			if (cp == 0x253c && nd != d) /* ┼: straight over */
				continue;
			int ns = (ny * g->w + nx) * 4 + nd;
			if (!seen[ns]) {
				seen[ns] = true;
				stack[top++] = ns;
			}
		}
	}
	free(seen);
	free(stack);
	return found;
}

/* The common checks of a laid-out drawing: widths (in S_grid_read), each
 * box with its markers, each foreign key connected, the legend last. */
static void S_check_drawing(const struct schema *s, const char *text, int width, struct S_grid *g)
{
	S_grid_read(text, width, g);
	for (size_t i = 0; i < s->n_tables; i++)
		S_check_box(g, &s->tables[i]);
	for (size_t i = 0; i < s->n_tables; i++) {
		const struct schema_table *t = &s->tables[i];
		for (size_t k = 0; k < t->n_fks; k++) {
			const struct schema_table *p = schema_table_named(s, t->fks[k].to_table);
			bool ok = S_connected(g, t, t->fks[k].from_col, p, t->fks[k].to_col);
			if (!ok)
				print_message("%s.%s not connected to %s.%s\n%s", t->name,
				              t->fks[k].from_col, p->name, t->fks[k].to_col, text);
			assert_true(ok);
		}
	}
	assert_true(g->n_notes >= 1);
	assert_string_equal(g->notes[g->n_notes - 1],
	                    "PK primary key · FK foreign key · 1──* one-to-many");
}

static char *S_er(const struct schema *s, int width)
{
	struct buf out = {0};
	er_draw(s, width, &out);
	return buf_detach(&out);
}

/* ---- the ER diagram ---- */

static void test_er_ponies_at_120_columns(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_ponies();
	struct schema s;
	S_read(sb, &s);
	char *text = S_er(&s, 120);
	struct S_grid g;
	S_check_drawing(&s, text, 120, &g);
	assert_int_equal(g.n_notes, 2);
	assert_string_equal(g.notes[0], "ponies *──* handlers through pony_handlers");
	/* With room, the link stands between its two tables, parents left. */
	struct S_found o = S_find_box(&g, "owners"), p = S_find_box(&g, "ponies"),
	               ph = S_find_box(&g, "pony_handlers"), h = S_find_box(&g, "handlers");
	assert_true(o.x + o.w < p.x);
	assert_true(p.x + p.w < ph.x);
	assert_true(ph.x + ph.w < h.x);
	S_grid_free(&g);
	assert_string_equal(
	    text,
	    "                         ┌─ ponies ────────────┐     ┌─ pony_handlers ──────────┐\n"
	    "                         │ PK id       INTEGER ├1───*┤ PK FK pony_id    INTEGER │  "
	    "   ┌─ handlers ──────────────────┐\n"
	    "                         │    name     TEXT    │     │ PK FK handler_id INTEGER "
	    "├*───1┤ PK id               INTEGER │\n"
	    "                         │    colour   TEXT    │     │       since      TEXT    │  "
	    "   │    name             TEXT    │\n"
	    "┌─ owners ─────────┐     │    age      INTEGER │     └──────────────────────────┘  "
	    "   │    years_experience INTEGER │\n"
	    "│ PK id    INTEGER ├1───*┤ FK owner_id INTEGER │                                  "
	    "    └─────────────────────────────┘\n"
	    "│    name  TEXT    │     └─────────────────────┘\n"
	    "│    email TEXT    │\n"
	    "│    city  TEXT    │\n"
	    "└──────────────────┘\n"
	    "\n"
	    "ponies *──* handlers through pony_handlers\n"
	    "PK primary key · FK foreign key · 1──* one-to-many\n");
	free(text);
	schema_free(&s);
	sandbox_close(sb);
}

static void test_er_ponies_at_80_columns(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_ponies();
	struct schema s;
	S_read(sb, &s);
	char *text = S_er(&s, 80);
	struct S_grid g;
	S_check_drawing(&s, text, 80, &g);
	assert_int_equal(g.n_notes, 2);
	assert_string_equal(g.notes[0], "ponies *──* handlers through pony_handlers");
	S_grid_free(&g);
	assert_string_equal(
	    text, "                                      ┌─ pony_handlers ──────────┐\n"
	          "┌─ handlers ──────────────────┐       │ PK FK pony_id    INTEGER ├*─┐\n"
	          "│ PK id               INTEGER ├1─────*┤ PK FK handler_id INTEGER │  │\n"
	          "│    name             TEXT    │       │       since      TEXT    │  │\n"
	          "│    years_experience INTEGER │       └──────────────────────────┘  │\n"
	          "└─────────────────────────────┘                                     │\n"
	          "                                      ┌─ ponies ────────────┐       │\n"
	          "┌─ owners ─────────┐                  │ PK id       INTEGER ├1──────┘\n"
	          "│ PK id    INTEGER ├1──────────────┐  │    name     TEXT    │\n"
	          "│    name  TEXT    │               │  │    colour   TEXT    │\n"
	          "│    email TEXT    │               │  │    age      INTEGER │\n"
	          "│    city  TEXT    │               └─*┤ FK owner_id INTEGER │\n"
	          "└──────────────────┘                  └─────────────────────┘\n"
	          "\n"
	          "ponies *──* handlers through pony_handlers\n"
	          "PK primary key · FK foreign key · 1──* one-to-many\n");
	free(text);
	schema_free(&s);
	sandbox_close(sb);
}

static void test_er_narrow_stacks_boxes_and_lists_relationships(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_ponies();
	struct schema s;
	S_read(sb, &s);
	char *text = S_er(&s, 40);
	assert_string_equal(text, "┌─ handlers ──────────────────┐\n"
	                          "│ PK id               INTEGER │\n"
	                          "│    name             TEXT    │\n"
	                          "│    years_experience INTEGER │\n"
	                          "└─────────────────────────────┘\n"
	                          "\n"
	                          "┌─ owners ─────────┐\n"
	                          "│ PK id    INTEGER │\n"
	                          "│    name  TEXT    │\n"
	                          "│    email TEXT    │\n"
	                          "│    city  TEXT    │\n"
	                          "└──────────────────┘\n"
	                          "\n"
	                          "┌─ ponies ────────────┐\n"
	                          "│ PK id       INTEGER │\n"
	                          "│    name     TEXT    │\n"
	                          "│    colour   TEXT    │\n"
	                          "│    age      INTEGER │\n"
	                          "│ FK owner_id INTEGER │\n"
	                          "└─────────────────────┘\n"
	                          "\n"
	                          "┌─ pony_handlers ──────────┐\n"
	                          "│ PK FK pony_id    INTEGER │\n"
	                          "│ PK FK handler_id INTEGER │\n"
	                          "│       since      TEXT    │\n"
	                          "└──────────────────────────┘\n"
	                          "\n"
	                          "ponies.owner_id *──1 owners.id\n"
	                          "pony_handlers.pony_id *──1 ponies.id\n"
	                          "pony_handlers.handler_id *──1\n"
	                          "  handlers.id\n"
	                          "ponies *──* handlers\n"
	                          "  through pony_handlers\n"
	                          "PK primary key · FK foreign key\n"
	                          "1──* one-to-many\n");
	free(text);
	/* Narrower still: everything is cut to fit, nothing passes the edge. */
	for (int width = 1; width <= 30; width++) {
		text = S_er(&s, width);
		for (char *line = text; *line;) {
			char *end = strchr(line, '\n');
			assert_non_null(end);
			assert_true(utf8_width(line, (size_t)(end - line)) <= (size_t)width);
			line = end + 1;
		}
		free(text);
	}
	struct buf out = {0};
	er_draw(&s, 0, &out);
	assert_int_equal(out.len, 0);
	schema_free(&s);
	sandbox_close(sb);
}

static void test_er_blog(void **state)
{
	(void)state;
	struct sandbox *sb = S_open(S_blog);
	struct schema s;
	S_read(sb, &s);
	assert_int_equal(s.n_tables, 5);
	assert_true(schema_table_named(&s, "post_tags")->is_association);
	assert_false(schema_table_named(&s, "comments")->is_association);
	assert_false(schema_table_named(&s, "posts")->is_association);
	const int widths[] = {80, 100, 120};
	for (size_t w = 0; w < 3; w++) {
		char *text = S_er(&s, widths[w]);
		struct S_grid g;
		S_check_drawing(&s, text, widths[w], &g);
		/* Everything drawn: only the many-to-many and the legend below. */
		assert_int_equal(g.n_notes, 2);
		assert_string_equal(g.notes[0], "posts *──* tags through post_tags");
		/* users.id is referenced twice but labelled "1" once. */
		struct S_found u = S_find_box(&g, "users");
		int ones = 0;
		for (int y = 0; y < g.h; y++)
			for (int x = 0; x < g.w; x++)
				ones += S_cp(&g, x, y) == '1' && y == u.y + 1 &&
				        (x == u.x - 1 || x == u.x + u.w);
		assert_int_equal(ones, 1);
		if (widths[w] == 120) {
			/* Wide enough for users → posts → post_tags → tags in a row. */
			struct S_found p = S_find_box(&g, "posts"),
			               pt = S_find_box(&g, "post_tags"), t = S_find_box(&g, "tags");
			assert_true(u.x + u.w < p.x);
			assert_true(p.x + p.w < pt.x);
			assert_true(pt.x + pt.w < t.x);
		}
		S_grid_free(&g);
		free(text);
	}
	char *text = S_er(&s, 50);
	assert_non_null(strstr(text, "\nposts.user_id *──1 users.id\n"));
	assert_non_null(strstr(text, "\ncomments.post_id *──1 posts.id, on delete CASCADE\n"));
	free(text);
	text = S_er(&s, 40);
	assert_non_null(strstr(text, "\ncomments.post_id *──1\n  posts.id, on delete CASCADE\n"));
	free(text);
	schema_free(&s);
	sandbox_close(sb);
}

static void test_er_odd_schemas(void **state)
{
	(void)state;
	struct sandbox *sb = S_open(
	    "CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT,\n"
	    "  manager_id INTEGER REFERENCES employees (id),\n"
	    "  dept_id INTEGER REFERENCES departments);\n"
	    "CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT,\n"
	    "  head_id INTEGER REFERENCES employees (id));\n"
	    "CREATE TABLE ghosts (id INTEGER PRIMARY KEY, x INTEGER REFERENCES nowhere (id));\n"
	    "CREATE VIEW staff AS SELECT name FROM employees;\n");
	struct schema s;
	S_read(sb, &s);
	char *text = S_er(&s, 80);
	struct S_grid g;
	S_grid_read(text, 80, &g);
	/* A self-reference and a cycle are drawn; a missing table is listed. */
	const struct schema_table *e = schema_table_named(&s, "employees");
	const struct schema_table *d = schema_table_named(&s, "departments");
	S_check_box(&g, e);
	S_check_box(&g, d);
	assert_true(S_connected(&g, e, "manager_id", e, "id"));
	assert_true(S_connected(&g, e, "dept_id", d, "id"));
	assert_true(S_connected(&g, d, "head_id", e, "id"));
	assert_int_equal(g.n_notes, 3);
	assert_string_equal(g.notes[0], "ghosts.x *──1 nowhere.id (no such table)");
	assert_string_equal(g.notes[1], "View: staff");
	S_grid_free(&g);
	free(text);
	schema_free(&s);
	sandbox_close(sb);

	sb = S_open(NULL);
	S_read(sb, &s);
	text = S_er(&s, 80);
	assert_string_equal(text,
	                    "(no tables)\n\nPK primary key · FK foreign key · 1──* one-to-many\n");
	free(text);
	schema_free(&s);
	sandbox_close(sb);

	/* Wide characters, control characters and long names stay in bounds. */
	sb = S_open(
	    "CREATE TABLE \"日本語テーブル\" (\"名前\" TEXT PRIMARY KEY, \"a\nb\" INT);\n"
	    "CREATE TABLE a_table_name_long_enough_to_be_cut_somewhere_in_the_middle (\n"
	    "  a_column_name_long_enough_to_be_cut VARCHAR(255) NOT NULL, c DECIMAL(10, 2));\n");
	S_read(sb, &s);
	for (int width = 20; width <= 120; width += 10) {
		text = S_er(&s, width);
		for (char *line = text; *line;) {
			char *end = strchr(line, '\n');
			assert_true(utf8_width(line, (size_t)(end - line)) <= (size_t)width);
			line = end + 1;
		}
		assert_non_null(strstr(text, "┌─ 日本語テーブル ─"));
		assert_non_null(strstr(text, "a\xef\xbf\xbd"
		                             "b"));
		assert_null(strstr(text, "a\nb"));
		/* Names are cut at 24 columns, and further when the box must
		 * shrink to fit. */
		if (width >= 60)
			assert_non_null(strstr(text, "│ a_column_name_long_enou… VARCHAR(255)"));
		else
			assert_non_null(strstr(text, "│ a_column_n"));
		free(text);
	}
	schema_free(&s);
	sandbox_close(sb);
}

static void test_er_many_tables_are_stacked(void **state)
{
	(void)state;
	struct buf sql = {0};
	buf_puts(&sql, "CREATE TABLE t00 (id INTEGER PRIMARY KEY);\n");
	for (int i = 1; i < 20; i++)
		buf_printf(
		    &sql, "CREATE TABLE t%02d (id INTEGER PRIMARY KEY, up INT REFERENCES t%02d);\n",
		    i, i - 1);
	struct sandbox *sb = S_open(buf_cstr(&sql));
	buf_free(&sql);
	struct schema s;
	S_read(sb, &s);
	char *text = S_er(&s, 200);
	assert_true(strncmp(text, "┌─ t00 ", strlen("┌─ t00 ")) == 0);
	assert_non_null(strstr(text, "\n\n┌─ t19 ─"));
	assert_non_null(strstr(text, "\nt01.up *──1 t00.id\n"));
	assert_non_null(strstr(text, "\nt19.up *──1 t18.id\n"));
	free(text);
	schema_free(&s);
	sandbox_close(sb);
}

/* ---- the query plan ---- */

static char *S_plan_ok(struct sandbox *sb, const char *query)
{
	struct buf out = {0};
	struct error err = {0};
	enum status st = plan_draw(sb, query, &out, &err);
	if (st != ST_OK)
		print_message("%s\n", err.message);
	assert_int_equal(st, ST_OK);
	return buf_detach(&out);
}

static void S_plan_fails(struct sandbox *sb, const char *query, enum status want,
                         const char *message)
{
	struct buf out = {0};
	struct error err = {0};
	assert_int_equal(plan_draw(sb, query, &out, &err), want);
	assert_string_equal(err.message, message);
	assert_int_equal(out.len, 0);
}

static void test_plan_of_one_table_with_and_without_an_index(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_ponies();
	const char *q = "SELECT * FROM ponies WHERE name = 'Bluebell'";
	char *text = S_plan_ok(sb, q);
	assert_string_equal(text, "QUERY PLAN\n└── SCAN ponies\n");
	free(text);
	struct sandbox_result r = {0};
	struct error err = {0};
	assert_int_equal(sandbox_query(sb, "CREATE INDEX ponies_name ON ponies (name)", &r, &err),
	                 ST_OK);
	text = S_plan_ok(sb, q);
	assert_string_equal(text,
	                    "QUERY PLAN\n└── SEARCH ponies USING INDEX ponies_name (name=?)\n");
	free(text);
	/* Appends: what was in out stays. */
	struct buf out = {0};
	buf_puts(&out, "before\n");
	assert_int_equal(plan_draw(sb, "SELECT count(*) FROM owners;", &out, &err), ST_OK);
	assert_string_equal(buf_cstr(&out), "before\nQUERY PLAN\n"
	                                    "└── SCAN owners USING COVERING INDEX "
	                                    "sqlite_autoindex_owners_1\n");
	buf_free(&out);
	sandbox_close(sb);
}

static void test_plan_of_a_join_and_a_compound_query(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_ponies();
	char *text = S_plan_ok(sb, "SELECT p.name, o.name FROM ponies AS p\n"
	                           "JOIN owners AS o ON o.id = p.owner_id -- owners by key\n");
	assert_string_equal(text, "QUERY PLAN\n"
	                          "├── SCAN p\n"
	                          "└── SEARCH o USING INTEGER PRIMARY KEY (rowid=?)\n");
	free(text);
	text = S_plan_ok(sb, "SELECT name FROM owners WHERE id IN (SELECT owner_id FROM ponies)\n"
	                     "UNION SELECT name FROM handlers ORDER BY 1");
	assert_string_equal(text, "QUERY PLAN\n"
	                          "└── MERGE (UNION)\n"
	                          "    ├── LEFT\n"
	                          "    │   ├── SEARCH owners USING INTEGER PRIMARY KEY (rowid=?)\n"
	                          "    │   ├── LIST SUBQUERY 1\n"
	                          "    │   │   └── SCAN ponies\n"
	                          "    │   └── USE TEMP B-TREE FOR ORDER BY\n"
	                          "    └── RIGHT\n"
	                          "        ├── SCAN handlers\n"
	                          "        └── USE TEMP B-TREE FOR ORDER BY\n");
	free(text);
	/* A statement without steps, and one that writes (checking the
	 * foreign key from ponies): nothing runs. */
	text = S_plan_ok(sb, "CREATE TABLE t (x)");
	assert_string_equal(text, "QUERY PLAN\n(no steps)\n");
	free(text);
	text = S_plan_ok(sb, "DELETE FROM owners WHERE id = 1");
	assert_string_equal(text, "QUERY PLAN\n"
	                          "├── SEARCH owners USING INTEGER PRIMARY KEY (rowid=?)\n"
	                          "└── SCAN ponies\n");
	free(text);
	struct sandbox_result r = {0};
	struct error err = {0};
	assert_int_equal(sandbox_query(sb,
	                               "SELECT (SELECT count(*) FROM owners WHERE id = 1), "
	                               "(SELECT count(*) FROM sqlite_schema WHERE name = 't')",
	                               &r, &err),
	                 ST_OK);
	assert_int_equal(r.cells[0].i, 1);
	assert_int_equal(r.cells[1].i, 0);
	sandbox_result_free(&r);
	sandbox_close(sb);
}

static void test_plan_refuses_and_reports(void **state)
{
	(void)state;
	struct sandbox *sb = S_open_ponies();
	const char *two = "explain one statement at a time: the query holds more than one";
	S_plan_fails(sb, "SELECT 1; DROP TABLE ponies", ST_INVALID, two);
	S_plan_fails(sb, "SELECT ';'; DELETE FROM owners -- sneaky", ST_INVALID, two);
	S_plan_fails(sb,
	             "CREATE TRIGGER tr AFTER INSERT ON ponies BEGIN\n"
	             "  UPDATE ponies SET age = 1; END; DROP TABLE owners",
	             ST_INVALID, two);
	struct sandbox_result r = {0};
	struct error err = {0};
	assert_int_equal(sandbox_query(sb, "SELECT count(*) FROM ponies, owners", &r, &err), ST_OK);
	assert_int_equal(r.cells[0].i, 16 * 8);
	sandbox_result_free(&r);
	/* A trigger's own statements are one statement; comments and a last
	 * semicolon are fine. */
	char *text = S_plan_ok(sb, "CREATE TRIGGER tr AFTER INSERT ON ponies BEGIN\n"
	                           "  UPDATE ponies SET age = 1; DELETE FROM owners; END;");
	assert_string_equal(text, "QUERY PLAN\n(no steps)\n");
	free(text);
	text = S_plan_ok(sb, "/* a */ SELECT 1; -- b\n /* c */ ");
	assert_string_equal(text, "QUERY PLAN\n└── SCAN CONSTANT ROW\n");
	free(text);
	S_plan_fails(sb, "", ST_INVALID, "nothing to explain: the query is empty");
	S_plan_fails(sb, "  -- just a comment\n", ST_INVALID,
	             "nothing to explain: the query is empty");
	S_plan_fails(sb, "selec name from ponies", ST_INVALID, "near \"selec\": syntax error");
	S_plan_fails(sb, "SELECT nope FROM ponies", ST_INVALID, "no such column: nope");
	S_plan_fails(sb, "ATTACH DATABASE ':memory:' AS other", ST_INVALID,
	             "ATTACH is not allowed in the sandbox");
	S_plan_fails(sb, "PRAGMA journal_mode = off", ST_INVALID,
	             "PRAGMA journal_mode is not allowed in the sandbox (only pragmas that "
	             "describe the schema, such as table_info, are)");
	sandbox_close(sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ponies_schema_is_read_exactly),
	    cmocka_unit_test(test_schema_details),
	    cmocka_unit_test(test_schema_of_empty_database),
	    cmocka_unit_test(test_er_ponies_at_120_columns),
	    cmocka_unit_test(test_er_ponies_at_80_columns),
	    cmocka_unit_test(test_er_narrow_stacks_boxes_and_lists_relationships),
	    cmocka_unit_test(test_er_blog),
	    cmocka_unit_test(test_er_odd_schemas),
	    cmocka_unit_test(test_er_many_tables_are_stacked),
	    cmocka_unit_test(test_plan_of_one_table_with_and_without_an_index),
	    cmocka_unit_test(test_plan_of_a_join_and_a_compound_query),
	    cmocka_unit_test(test_plan_refuses_and_reports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
