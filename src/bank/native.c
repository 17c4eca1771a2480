/* native: the studyterm bank format (see native.h and studyterm-bank(5)).
 *
 * The file is parsed once by cmark-gfm; questions are then read from the
 * top-level blocks between "## " headings. Text fields are sliced from the
 * source by cmark's line and column positions rather than re-rendered, so
 * authors get back exactly what they wrote. */
#include "bank/native.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "md/doc.h"
#include "md/doc_internal.h"

#include <cmark-gfm-core-extensions.h>

/* Line table of the source: line n (1-based) spans [start[n-1], end of line).
 * The source is parsed in pieces (see S_next_piece); cmark numbers the lines
 * of each piece from 1, and base is the number of source lines before the
 * piece being read. */
struct S_src {
	const char *text;
	size_t len;
	size_t *start;
	size_t n_lines;
	int base;
};

static void S_src_init(struct S_src *s, const char *text, size_t len)
{
	size_t cap = 0;
	s->text = text;
	s->len = len;
	s->start = NULL;
	s->n_lines = 0;
	s->base = 0;
	/* Lines end at LF, CRLF or a lone CR (as in cmark). Most files have
	 * no CR at all: then memchr finds every line end. */
	bool has_cr = memchr(text, '\r', len) != NULL;
	size_t i = 0;
	for (;;) {
		xgrow((void **)&s->start, &cap, s->n_lines + 1, sizeof *s->start);
		s->start[s->n_lines++] = i;
		if (!has_cr) {
			const char *nl = memchr(text + i, '\n', len - i);
			i = nl ? (size_t)(nl - text) : len;
		} else {
			while (i < len && text[i] != '\n' && text[i] != '\r')
				i++;
		}
		if (i >= len)
			break;
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		i++;
		if (i >= len)
			break;
	}
}

/* [*b, *e) of line n without its line ending; empty past the end. */
static void S_line(const struct S_src *s, int n, size_t *b, size_t *e)
{
	if (n < 1 || (size_t)n > s->n_lines) {
		*b = *e = s->len;
		return;
	}
	/* The line ends where the next one starts, less its line ending
	 * (LF, CRLF or CR); the last line, at the end of the text. */
	*b = s->start[n - 1];
	size_t end = (size_t)n < s->n_lines ? s->start[n] : s->len;
	if (end > *b && s->text[end - 1] == '\n')
		end--;
	if (end > *b && s->text[end - 1] == '\r')
		end--;
	*e = end;
}

static void S_trim(const char **b, const char **e)
{
	while (*b < *e && isspace((unsigned char)**b))
		(*b)++;
	while (*e > *b && isspace((unsigned char)(*e)[-1]))
		(*e)--;
}

/* Inline text of a paragraph or table cell: its lines joined by single
 * spaces, container prefixes ("  ", "> ") of continuation lines dropped.
 * A paragraph line cannot begin with '>' (that would start a quote), so
 * stripping '>' there never eats content. */
static char *S_inline_text(const struct S_src *s, cmark_node *n)
{
	if (cmark_node_get_start_line(n) == 0)
		return xstrdup(""); /* no position (see S_question) */
	int l0 = s->base + cmark_node_get_start_line(n), c0 = cmark_node_get_start_column(n);
	int l1 = s->base + cmark_node_get_end_line(n), c1 = cmark_node_get_end_column(n);
	struct buf out = {0};
	for (int l = l0; l <= l1; l++) {
		size_t b, e;
		S_line(s, l, &b, &e);
		const char *p = s->text + b, *q = s->text + e;
		if (l == l0 && c0 > 1)
			p = s->text + b + ((size_t)(c0 - 1) < e - b ? (size_t)(c0 - 1) : e - b);
		if (l == l1 && c1 > 0 && (size_t)c1 <= e - b && s->text + b + c1 >= p)
			q = s->text + b + c1;
		if (l != l0)
			while (p < q && (isspace((unsigned char)*p) || *p == '>'))
				p++;
		S_trim(&p, &q);
		if (p == q)
			continue;
		if (out.len)
			buf_putc(&out, ' ');
		buf_append(&out, p, (size_t)(q - p));
	}
	return buf_detach(&out);
}

/* Block text of a node's lines. With quote set, the node is a blockquote:
 * each line loses the indentation before the quote's column and one '>'
 * marker with one following space. */
static char *S_block_text(const struct S_src *s, cmark_node *first, cmark_node *last, bool quote)
{
	if (cmark_node_get_start_line(first) == 0 || cmark_node_get_end_line(last) == 0)
		return xstrdup(""); /* no position (see S_question) */
	int l0 = s->base + cmark_node_get_start_line(first);
	int l1 = s->base + cmark_node_get_end_line(last);
	int indent = cmark_node_get_start_column(first) - 1;
	if (cmark_node_get_end_column(last) == 0 && l1 > l0)
		l1--; /* cmark ends some blocks at column 0 of the next line */
	struct buf out = {0};
	for (int l = l0; l <= l1; l++) {
		size_t b, e;
		S_line(s, l, &b, &e);
		const char *p = s->text + b, *q = s->text + e;
		if (quote) {
			for (int k = 0; k < indent && p < q && (*p == ' ' || *p == '\t'); k++)
				p++;
			while (p < q && *p == ' ')
				p++;
			if (p < q && *p == '>') {
				p++;
				if (p < q && (*p == ' ' || *p == '\t'))
					p++;
			}
		}
		buf_append(&out, p, (size_t)(q - p));
		buf_putc(&out, '\n');
	}
	/* No trailing blank lines or final newline: fields compare exactly. */
	while (out.len && (out.data[out.len - 1] == '\n' || out.data[out.len - 1] == ' '))
		out.data[--out.len] = '\0';
	return buf_detach(&out);
}

static bool S_is(cmark_node *n, cmark_node_type t)
{
	return n && cmark_node_get_type(n) == t;
}

static bool S_is_task_item(cmark_node *item)
{
	return strcmp(cmark_node_get_type_string(item), "tasklist") == 0;
}

/* The source line a node starts on; 0 for the few nodes cmark-gfm gives no
 * position (see S_question), in every piece alike. */
static int S_line_of(const struct S_src *s, cmark_node *n)
{
	int line = cmark_node_get_start_line(n);
	return line > 0 ? s->base + line : 0;
}

/* ---- metadata line ---- */

struct S_ctx {
	const struct S_src *src;
	struct bank_report *rep;
	size_t errors;
	bool type_given;
};

#define S_error(ctx, line, col, ...)                                                 \
	do {                                                                         \
		bank_report_add((ctx)->rep, BANK_ERROR, (line), (col), __VA_ARGS__); \
		(ctx)->errors++;                                                     \
	} while (0)

/* One "key: value" or flag field of [b, e) at line/col. */
static void S_meta_field(struct S_ctx *ctx, struct bank_question *q, const char *b, const char *e,
                         int line, int col)
{
	const char *b0 = b;
	S_trim(&b, &e);
	if (b == e)
		return;
	col += (int)(b - b0);
	const char *colon = memchr(b, ':', (size_t)(e - b));
	if (!colon) {
		unsigned flag = bank_flag_parse(b, (size_t)(e - b));
		if (flag) {
			q->flags |= flag;
			return;
		}
		S_error(ctx, line, col,
		        "unknown flag '%.*s' (known: no-shuffle, all-or-nothing, case-sensitive, "
		        "ordered, python-output)",
		        (int)(e - b), b);
		return;
	}
	const char *kb = b, *ke = colon, *vb = colon + 1, *ve = e;
	S_trim(&kb, &ke);
	S_trim(&vb, &ve);
	char *value = xstrndup(vb, (size_t)(ve - vb));
	size_t klen = (size_t)(ke - kb);
#define KEY(word) (klen == strlen(word) && memcmp(kb, word, klen) == 0)
	if (!*value) {
		S_error(ctx, line, col, "'%.*s:' has no value", (int)klen, kb);
	} else if (KEY("id")) {
		free(q->id);
		q->id = value;
		value = NULL;
	} else if (KEY("section")) {
		free(q->section);
		q->section = value;
		value = NULL;
	} else if (KEY("difficulty")) {
		if (strlen(value) == 1 && value[0] >= '1' && value[0] <= '3')
			q->difficulty = value[0] - '0';
		else
			S_error(ctx, line, col, "difficulty must be 1, 2 or 3, not '%s'", value);
	} else if (KEY("type")) {
		if (bank_qtype_parse(value, &q->type))
			ctx->type_given = true;
		else
			S_error(
			    ctx, line, col,
			    "unknown type '%s' (single, multi, truefalse, short, numeric, order, "
			    "match, sql)",
			    value);
	} else if (KEY("dataset")) {
		free(q->dataset);
		q->dataset = value;
		value = NULL;
	} else {
		S_error(ctx, line, col,
		        "unknown field '%.*s' (known: id, section, difficulty, type, dataset)",
		        (int)klen, kb);
	}
#undef KEY
	free(value);
}

/* The metadata paragraph: fields separated by '·', '|' or line ends. */
static void S_meta(struct S_ctx *ctx, struct bank_question *q, cmark_node *para)
{
	if (cmark_node_get_start_line(para) == 0)
		return; /* no position to read it from: S_question says why */
	int l0 = S_line_of(ctx->src, para), l1 = ctx->src->base + cmark_node_get_end_line(para);
	static const char dot[] = "\xC2\xB7"; /* U+00B7 MIDDLE DOT */
	for (int l = l0; l <= l1; l++) {
		size_t b, e;
		S_line(ctx->src, l, &b, &e);
		const char *line = ctx->src->text, *p = line + b, *field = p, *end = line + e;
		while (p <= end) {
			bool sep = p == end || *p == '|';
			size_t skip = 1;
			if (!sep && end - p >= 2 && memcmp(p, dot, 2) == 0) {
				sep = true;
				skip = 2;
			}
			if (sep) {
				S_meta_field(ctx, q, field, p, l, (int)(field - (line + b)) + 1);
				p += skip;
				field = p;
			} else {
				p++;
			}
		}
	}
}

/* ---- answer blocks ---- */

/* A credit prefix "(50%)" or "(-100%)" at *text; advances past it. */
static bool S_credit(const char **text, double *weight)
{
	const char *p = *text;
	if (*p != '(')
		return false;
	char *end;
	errno = 0;
	double v = strtod(p + 1, &end);
	if (end == p + 1 || errno || end[0] != '%' || end[1] != ')')
		return false;
	p = end + 2;
	while (*p == ' ')
		p++;
	*text = p;
	*weight = v / 100.0;
	return true;
}

/* Reads an item's first paragraph (the text) and nested quote (feedback). */
static bool S_item_parts(struct S_ctx *ctx, cmark_node *item, char **text, char **feedback)
{
	*text = NULL;
	*feedback = NULL;
	for (cmark_node *c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
		if (!*text && S_is(c, CMARK_NODE_PARAGRAPH)) {
			*text = S_inline_text(ctx->src, c);
		} else if (!*feedback && S_is(c, CMARK_NODE_BLOCK_QUOTE)) {
			*feedback = S_block_text(ctx->src, c, c, true);
		} else {
			S_error(ctx, S_line_of(ctx->src, c), cmark_node_get_start_column(c),
			        "an answer item holds one line of text and an optional > feedback "
			        "quote");
			break;
		}
	}
	if (!*text) {
		/* An empty task item "- [ ]" has no paragraph. */
		*text = xstrdup("");
	}
	return true;
}

/* "42", "42 ± 0.5", "42 +- 0.5", "1..5" → *n; false when text is none of those. */
static bool S_number(const char *text, struct bank_number *n)
{
	char *end;
	const char *p = text;
	while (isspace((unsigned char)*p))
		p++;
	if (!*p)
		return false;
	/* strtod would read "1..5" as 1. followed by .5: split ranges first. */
	const char *dots = strstr(p, "..");
	if (dots) {
		char *lo = xstrndup(p, (size_t)(dots - p));
		struct bank_number a, b;
		bool ok = S_number(lo, &a) && !a.tolerance && !a.is_range &&
		          S_number(dots + 2, &b) && !b.tolerance && !b.is_range;
		free(lo);
		if (!ok)
			return false;
		n->is_range = true;
		n->lo = a.value;
		n->hi = b.value;
		n->value = (a.value + b.value) / 2;
		n->tolerance = 0;
		return true;
	}
	errno = 0;
	double a = strtod(p, &end);
	if (end == p || errno || !isfinite(a))
		return false;
	p = end;
	while (*p == ' ')
		p++;
	if (!*p) {
		n->value = n->lo = n->hi = a;
		n->tolerance = 0;
		n->is_range = false;
		return true;
	}
	if (strncmp(p, "\xC2\xB1", 2) == 0) {
		p += 2;
	} else if (strncmp(p, "+-", 2) == 0 || strncmp(p, "+/-", 3) == 0) {
		p += p[1] == '/' ? 3 : 2;
	} else {
		return false;
	}
	while (*p == ' ')
		p++;
	errno = 0;
	double b = strtod(p, &end);
	if (end == p || errno || !isfinite(b))
		return false;
	p = end;
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return false;
	if (b < 0)
		return false;
	n->is_range = false;
	n->value = a;
	n->tolerance = b;
	n->lo = a - b;
	n->hi = a + b;
	return true;
}

static void S_read_task_list(struct S_ctx *ctx, struct bank_question *q, cmark_node *list)
{
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		if (!S_is_task_item(item)) {
			S_error(
			    ctx, S_line_of(ctx->src, item), 1,
			    "every option needs a box: '- [ ]' or '- [x]' (a '-' list just before "
			    "the options joins them: use '*' bullets for it)");
			continue;
		}
		char *text, *feedback;
		S_item_parts(ctx, item, &text, &feedback);
		struct bank_choice *c = bank_question_add_choice(q);
		const char *t = text;
		double w;
		if (S_credit(&t, &w)) {
			c->has_weight = true;
			c->weight = w;
			if (w < -1.0 || w > 1.0)
				S_error(ctx, S_line_of(ctx->src, item), 1,
				        "credit must be between -100%% and 100%%");
		}
		c->text = xstrdup(t);
		c->feedback = feedback;
		c->correct = cmark_gfm_extensions_get_tasklist_item_checked(item);
		free(text);
	}
}

static bool S_all_numbers(struct S_ctx *ctx, cmark_node *list)
{
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		cmark_node *para = cmark_node_first_child(item);
		if (!S_is(para, CMARK_NODE_PARAGRAPH))
			return false;
		char *text = S_inline_text(ctx->src, para);
		const char *t = text;
		double w;
		struct bank_number n;
		S_credit(&t, &w);
		bool ok = S_number(t, &n);
		free(text);
		if (!ok)
			return false;
	}
	return true;
}

/* Bullet items as short answers or numbers, ordered items as order items. */
static void S_read_plain_list(struct S_ctx *ctx, struct bank_question *q, cmark_node *list)
{
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		char *text, *feedback;
		S_item_parts(ctx, item, &text, &feedback);
		const char *t = text;
		double w = 1.0;
		bool has_weight = q->type != BANK_ORDER && S_credit(&t, &w);
		if (has_weight && (w < 0.0 || w > 1.0))
			S_error(ctx, S_line_of(ctx->src, item), 1,
			        "credit must be between 0%% and 100%%");
		if (q->type == BANK_NUMERIC) {
			struct bank_number *n = bank_question_add_number(q);
			if (!S_number(t, n))
				S_error(ctx, S_line_of(ctx->src, item), 1,
				        "'%s' is not a number, 'value ± tolerance' or 'low..high'",
				        t);
			n->weight = w;
			n->feedback = feedback;
		} else {
			struct bank_choice *c = bank_question_add_choice(q);
			c->text = xstrdup(t);
			c->correct = true;
			c->has_weight = has_weight;
			c->weight = w;
			c->feedback = feedback;
			if (q->type == BANK_ORDER && feedback)
				S_error(ctx, S_line_of(ctx->src, item), 1,
				        "ordering items cannot carry feedback: put it in the "
				        "explanation");
			if (!*c->text)
				S_error(ctx, S_line_of(ctx->src, item), 1, "empty answer");
		}
		free(text);
	}
}

/* Unescapes "\|" in a table cell: GFM needs it even inside code spans. */
static char *S_cell(const struct S_src *s, cmark_node *cell)
{
	char *raw = S_inline_text(s, cell);
	char *w = raw;
	for (const char *r = raw; *r; r++) {
		if (r[0] == '\\' && r[1] == '|')
			r++;
		*w++ = *r;
	}
	*w = '\0';
	return raw;
}

static void S_read_table(struct S_ctx *ctx, struct bank_question *q, cmark_node *table)
{
	if (cmark_gfm_extensions_get_table_columns(table) != 2) {
		S_error(ctx, S_line_of(ctx->src, table), 1,
		        "a matching table has exactly two columns (left | right), not %d",
		        (int)cmark_gfm_extensions_get_table_columns(table));
		return;
	}
	for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
		if (cmark_gfm_extensions_get_table_row_is_header(row))
			continue;
		cmark_node *l = cmark_node_first_child(row);
		cmark_node *r = l ? cmark_node_next(l) : NULL;
		struct bank_pair *p = bank_question_add_pair(q);
		p->left = l ? S_cell(ctx->src, l) : xstrdup("");
		p->right = r ? S_cell(ctx->src, r) : xstrdup("");
		if (!*p->left || !*p->right)
			S_error(ctx, S_line_of(ctx->src, row), 1,
			        "a matching pair needs text on both sides");
	}
}

static bool S_is_sql_block(cmark_node *n)
{
	if (!S_is(n, CMARK_NODE_CODE_BLOCK))
		return false;
	const char *info = cmark_node_get_fence_info(n);
	return info && strncmp(info, "sql", 3) == 0 &&
	       (info[3] == '\0' || isspace((unsigned char)info[3]));
}

static bool S_is_answer_block(cmark_node *n)
{
	return S_is(n, CMARK_NODE_LIST) || S_is(n, CMARK_NODE_TABLE) || S_is_sql_block(n);
}

static bool S_has_task_items(cmark_node *list)
{
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item))
		if (S_is_task_item(item))
			return true;
	return false;
}

static bool S_is_true_false(const struct bank_question *q)
{
	return q->n_choices == 2 && ((strcasecmp(q->choices[0].text, "true") == 0 &&
	                              strcasecmp(q->choices[1].text, "false") == 0) ||
	                             (strcasecmp(q->choices[0].text, "false") == 0 &&
	                              strcasecmp(q->choices[1].text, "true") == 0));
}

static void S_type_mismatch(struct S_ctx *ctx, struct bank_question *q, cmark_node *answers,
                            const char *needs)
{
	S_error(ctx, S_line_of(ctx->src, answers), 1, "type: %s needs %s as its answer block",
	        bank_qtype_name(q->type), needs);
	q->type = BANK_QTYPE_COUNT; /* its answers were not read: nothing more to check */
}

static void S_read_answers(struct S_ctx *ctx, struct bank_question *q, cmark_node *answers)
{
	if (S_is(answers, CMARK_NODE_LIST) && S_has_task_items(answers)) {
		S_read_task_list(ctx, q, answers);
		if (!ctx->type_given) {
			size_t right = 0;
			for (size_t i = 0; i < q->n_choices; i++)
				right += q->choices[i].correct;
			q->type = S_is_true_false(q) ? BANK_TRUEFALSE
			          : right > 1        ? BANK_MULTI
			                             : BANK_SINGLE;
		} else if (q->type != BANK_SINGLE && q->type != BANK_MULTI &&
		           q->type != BANK_TRUEFALSE) {
			S_type_mismatch(ctx, q, answers, "a bullet list, numbered list or table");
		} else if (q->type == BANK_TRUEFALSE && !S_is_true_false(q)) {
			S_error(ctx, S_line_of(ctx->src, answers), 1,
			        "a true/false question has exactly the two options True and False");
		}
	} else if (S_is(answers, CMARK_NODE_LIST) &&
	           cmark_node_get_list_type(answers) == CMARK_ORDERED_LIST) {
		if (!ctx->type_given)
			q->type = BANK_ORDER;
		if (q->type != BANK_ORDER)
			S_type_mismatch(ctx, q, answers,
			                "a different answer block than a numbered list");
		else
			S_read_plain_list(ctx, q, answers);
	} else if (S_is(answers, CMARK_NODE_LIST)) {
		if (!ctx->type_given)
			q->type = S_all_numbers(ctx, answers) ? BANK_NUMERIC : BANK_SHORT;
		if (q->type != BANK_SHORT && q->type != BANK_NUMERIC)
			S_type_mismatch(ctx, q, answers,
			                q->type == BANK_ORDER   ? "a numbered list (1. 2. 3.)"
			                : q->type == BANK_MATCH ? "a two-column table"
			                : q->type == BANK_SQL   ? "a ```sql block"
			                                        : "a task list (- [ ] / - [x])");
		else
			S_read_plain_list(ctx, q, answers);
	} else if (S_is(answers, CMARK_NODE_TABLE)) {
		if (!ctx->type_given)
			q->type = BANK_MATCH;
		if (q->type != BANK_MATCH)
			S_type_mismatch(ctx, q, answers, "a different answer block than a table");
		else
			S_read_table(ctx, q, answers);
	} else {
		if (!ctx->type_given)
			q->type = BANK_SQL;
		if (q->type != BANK_SQL) {
			S_type_mismatch(ctx, q, answers,
			                "a different answer block than a ```sql block");
		} else {
			const char *lit = cmark_node_get_literal(answers);
			size_t n = lit ? strlen(lit) : 0;
			while (n && isspace((unsigned char)lit[n - 1]))
				n--;
			q->sql = xstrndup(lit ? lit : "", n);
		}
	}
}

/* ---- questions ---- */

static char *S_heading_title(const struct S_src *s, cmark_node *h)
{
	size_t b, e;
	S_line(s, S_line_of(s, h), &b, &e);
	const char *p = s->text + b, *q = s->text + e;
	while (p < q && *p == ' ')
		p++;
	if (p < q && *p == '#') {
		while (p < q && *p == '#')
			p++;
		/* A closing sequence of #s preceded by a space is not part of the title. */
		const char *t = q;
		while (t > p && t[-1] == ' ')
			t--;
		const char *hashes = t;
		while (hashes > p && hashes[-1] == '#')
			hashes--;
		if (hashes < t && (hashes == p || hashes[-1] == ' '))
			q = hashes;
	}
	S_trim(&p, &q);
	return xstrndup(p, (size_t)(q - p));
}

/* Reads the blocks of one question: [first, end) are the siblings after its heading. */
static void S_question(struct S_ctx *ctx, struct bank_question *q, cmark_node *heading,
                       cmark_node *end)
{
	q->line = S_line_of(ctx->src, heading);
	q->title = S_heading_title(ctx->src, heading);
	q->type = BANK_SINGLE;
	ctx->type_given = false;
	cmark_node *first = cmark_node_next(heading);
	if (first == end || !S_is(first, CMARK_NODE_PARAGRAPH)) {
		S_error(ctx, q->line, 1,
		        "question '%s' needs a metadata line after its heading "
		        "(id: some-id · section: 5.6 · difficulty: 1)",
		        q->title);
		q->type = BANK_QTYPE_COUNT;
		return;
	}
	S_meta(ctx, q, first);
	/* When a table interrupts a paragraph, cmark-gfm gives the rest of
	 * the paragraph no source position and the table the paragraph's:
	 * nothing could be sliced right, so the author is asked for the blank
	 * line that every other block here has. */
	for (cmark_node *n = first; n != end; n = cmark_node_next(n)) {
		cmark_node *next = cmark_node_next(n);
		if (S_is(n, CMARK_NODE_PARAGRAPH) && cmark_node_get_start_line(n) == 0 && next) {
			S_error(ctx, S_line_of(ctx->src, next), 1,
			        "question '%s': leave a blank line between a paragraph and the "
			        "table after it",
			        q->title);
			q->type = BANK_QTYPE_COUNT;
			return;
		}
	}
	/* The explanation: trailing blockquotes. */
	cmark_node *last =
	    end ? cmark_node_previous(end) : cmark_node_last_child(cmark_node_parent(heading));
	cmark_node *expl_last = NULL, *expl_first = NULL;
	while (last != first && S_is(last, CMARK_NODE_BLOCK_QUOTE)) {
		if (!expl_last)
			expl_last = last;
		expl_first = last;
		last = cmark_node_previous(last);
	}
	if (expl_first) {
		struct buf text = {0};
		for (cmark_node *n = expl_first;; n = cmark_node_next(n)) {
			char *part = S_block_text(ctx->src, n, n, true);
			if (text.len)
				buf_puts(&text, "\n\n");
			buf_puts(&text, part);
			free(part);
			if (n == expl_last)
				break;
		}
		q->explanation = buf_detach(&text);
	}
	if (last == first || !S_is_answer_block(last)) {
		S_error(ctx, last == first ? q->line : S_line_of(ctx->src, last), 1,
		        "question '%s' has no answers: end it with a task list, a list, a table or "
		        "a ```sql block, then the explanation as a > quote",
		        q->title);
		q->stem = last == first
		              ? xstrdup("")
		              : S_block_text(ctx->src, cmark_node_next(first), last, false);
		q->type = BANK_QTYPE_COUNT; /* no answers to check: said once, here */
		return;
	}
	cmark_node *stem_first = cmark_node_next(first);
	q->stem = stem_first == last
	              ? xstrdup("")
	              : S_block_text(ctx->src, stem_first, cmark_node_previous(last), false);
	S_read_answers(ctx, q, last);
}

static bool S_is_heading(cmark_node *n, int level)
{
	return S_is(n, CMARK_NODE_HEADING) && cmark_node_get_heading_level(n) == level;
}

/* A bank file must be UTF-8 text. The parser works on a copy where NUL
 * bytes and malformed sequences are U+FFFD (as cmark would make them), so
 * slices never hold them; the first one found is an error, so such a file
 * is never loaded and the shifted offsets of the copy never matter. */
static bool S_clean_utf8(const char *text, size_t len)
{
	for (size_t i = 0; i < len;) {
		/* Eight bytes at a time while they are ASCII without NUL. */
		uint64_t w;
		while (len - i >= 8) {
			memcpy(&w, text + i, 8);
			uint64_t high = w & UINT64_C(0x8080808080808080);
			uint64_t zero =
			    (w - UINT64_C(0x0101010101010101)) & ~w & UINT64_C(0x8080808080808080);
			if (high | zero)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char c = (unsigned char)text[i];
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (cp == 0 || (cp == UTF8_REPLACEMENT &&
		                !(n == 3 && memcmp(text + i, "\xEF\xBF\xBD", 3) == 0)))
			return false;
		i += n;
	}
	return true;
}

static char *S_sanitize(const char *text, size_t *len, struct S_ctx *ctx)
{
	if (S_clean_utf8(text, *len))
		return NULL; /* parse the text itself: no copy */
	struct buf out = {0};
	int line = 1, col = 1;
	bool reported = false;
	for (size_t i = 0; i < *len;) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, *len - i, &cp);
		bool bad = cp == 0 || (cp == UTF8_REPLACEMENT &&
		                       !(n == 3 && memcmp(text + i, "\xEF\xBF\xBD", 3) == 0));
		if (bad) {
			if (!reported)
				S_error(ctx, line, col, "%s: a bank file must be UTF-8 text",
				        cp == 0 ? "NUL byte" : "invalid UTF-8");
			reported = true;
			buf_puts(&out, "\xEF\xBF\xBD");
		} else {
			buf_append(&out, text + i, n);
		}
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else {
			col += (int)n;
		}
		i += n;
	}
	*len = out.len;
	return buf_detach(&out);
}

/* ---- pieces ---- */

/* Whether a line starting at text[i] opens with "##" and a space, a tab or
 * its end: a level-2 heading at column 1 unless a code block or an HTML
 * block is open (which S_swallows_next tells). */
static bool S_h2_at(const char *text, size_t len, size_t i)
{
	if (len - i < 2 || text[i] != '#' || text[i + 1] != '#')
		return false;
	return len - i == 2 || text[i + 2] == ' ' || text[i + 2] == '\t' || text[i + 2] == '\n' ||
	       text[i + 2] == '\r';
}

/* The first line start after from that opens like a level-2 heading, or len. */
static size_t S_next_h2(const char *text, size_t len, size_t from)
{
	for (size_t i = from; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t stop = nl ? (size_t)(nl - text) : len;
		/* A lone CR ends a line too (cmark agrees). */
		const char *cr = memchr(text + i, '\r', stop - i);
		while (cr && (size_t)(cr - text) + 1 < stop) {
			if (S_h2_at(text, len, (size_t)(cr - text) + 1))
				return (size_t)(cr - text) + 1;
			cr = memchr(cr + 1, '\r', stop - (size_t)(cr + 1 - text));
		}
		if (!nl)
			return len;
		i = stop + 1;
		if (S_h2_at(text, len, i))
			return i;
	}
	return len;
}

/* Whether the blocks of a piece could swallow the "## " line after it.
 * Every open container ends at a line that starts with "## " in column 1,
 * and a paragraph is interrupted by it, so only a top-level fenced code
 * block that was never closed or an HTML block (which ends at a blank line
 * or at its end marker) can keep going. A fence whose last line is a
 * closing fence is closed. */
static bool S_swallows_next(const struct S_src *s, cmark_node *root)
{
	cmark_node *last = cmark_node_last_child(root);
	if (!last)
		return false;
	if (S_is(last, CMARK_NODE_HTML_BLOCK))
		return true;
	int length = 0, offset = 0;
	char fence = 0;
	if (!S_is(last, CMARK_NODE_CODE_BLOCK) ||
	    !cmark_node_get_fenced(last, &length, &offset, &fence))
		return false;
	int l0 = S_line_of(s, last), l1 = s->base + cmark_node_get_end_line(last);
	if (l1 <= l0)
		return true; /* only the opening fence */
	size_t b, e;
	S_line(s, l1, &b, &e);
	const char *p = s->text + b, *q = s->text + e;
	for (int k = 0; k < 3 && p < q && *p == ' '; k++)
		p++;
	int run = 0;
	while (p < q && *p == fence) {
		p++;
		run++;
	}
	while (p < q && (*p == ' ' || *p == '\t'))
		p++;
	return run < length || p != q;
}

/* The line number (0-based) of the line that starts at byte offset at. */
static int S_line_index(const struct S_src *s, size_t at)
{
	size_t lo = 0, hi = s->n_lines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->start[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo;
}

/* Reads the questions of one parsed piece. */
static void S_read_piece(struct S_ctx *ctx, cmark_node *root, struct bank *out, bool *seen_title,
                         struct bank_span **spans, size_t *n_spans, size_t *span_cap,
                         size_t piece_end)
{
	const struct S_src *src = ctx->src;
	cmark_node *n = cmark_node_first_child(root);
	while (n) {
		if (S_is_heading(n, 1)) {
			if (*seen_title || out->n_questions) {
				S_error(
				    ctx, S_line_of(src, n), 1,
				    "a bank has one '# ' title at the top; questions use '## '");
			} else if (!out->title) {
				out->title = S_heading_title(src, n);
			}
			*seen_title = true;
			n = cmark_node_next(n);
			continue;
		}
		if (!S_is_heading(n, 2)) {
			n = cmark_node_next(n); /* the bank's description */
			continue;
		}
		cmark_node *end = cmark_node_next(n);
		while (end && !S_is_heading(end, 2) && !S_is_heading(end, 1))
			end = cmark_node_next(end);
		struct bank_question *q = bank_add_question(out);
		S_question(ctx, q, n, end);
		if (!q->stem)
			q->stem = xstrdup("");
		if (spans) {
			xgrow((void **)spans, span_cap, *n_spans + 1, sizeof **spans);
			size_t b, e;
			S_line(src, S_line_of(src, n), &b, &e);
			size_t stop = piece_end;
			if (end)
				S_line(src, S_line_of(src, end), &stop, &e);
			(*spans)[*n_spans].start = b;
			(*spans)[*n_spans].end = stop;
			(*n_spans)++;
		}
		n = end;
	}
}

/* The file is parsed in pieces that each begin with a "## " line, rather
 * than as one document: a bank of 10,000 questions then never holds one
 * syntax tree of a million nodes, and parsing is twice as fast. A piece
 * parses exactly as the same lines would inside the whole file, because a
 * "## " heading closes every block before it and leaves the parser as a new
 * document would; the only exception, a fenced code block or HTML block
 * still open at the end of a piece, is checked for, and the rest of the file
 * is then parsed as one piece. (Link reference definitions do reach across
 * pieces in a whole document, but they change inline content only, never
 * blocks, and questions are shown from their own source anyway.) */
static size_t S_parse(const char *raw, size_t len, struct bank *out, struct bank_report *rep,
                      struct bank_span **spans, bool in_pieces)
{
	struct S_ctx ctx = {.rep = rep};
	char *copy = S_sanitize(raw, &len, &ctx);
	const char *text = copy ? copy : raw;
	struct S_src src;
	S_src_init(&src, text, len);
	ctx.src = &src;
	size_t span_cap = 0, n_spans = 0;
	if (spans)
		*spans = NULL;
	bool seen_title = false;
	struct md_scratch *scratch = md_scratch_new();
	for (size_t at = 0; at < len || (at == 0 && len == 0);) {
		size_t stop = in_pieces ? S_next_h2(text, len, at) : len;
		src.base = S_line_index(&src, at);
		struct md_doc *doc = md_doc_parse_blocks(scratch, text + at, stop - at);
		if (stop < len && S_swallows_next(&src, doc->root)) {
			stop = len;
			doc = md_doc_parse_blocks(scratch, text + at, stop - at);
		}
		S_read_piece(&ctx, doc->root, out, &seen_title, spans, &n_spans, &span_cap, stop);
		if (stop == len)
			break;
		at = stop;
	}
	md_scratch_free(scratch);
	free(src.start);
	free(copy);
	return ctx.errors;
}

size_t bank_native_parse_spans(const char *raw, size_t len, struct bank *out,
                               struct bank_report *rep, struct bank_span **spans)
{
	return S_parse(raw, len, out, rep, spans, true);
}

size_t bank_native_parse_whole(const char *raw, size_t len, struct bank *out,
                               struct bank_report *rep, struct bank_span **spans)
{
	return S_parse(raw, len, out, rep, spans, false);
}

size_t bank_native_parse(const char *text, size_t len, struct bank *out, struct bank_report *rep)
{
	return bank_native_parse_spans(text, len, out, rep, NULL);
}
