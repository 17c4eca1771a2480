/* layout: block structure, container prefixes and word wrapping.
 *
 * The document is walked once with cmark's iterator (no recursion, so
 * 10,000-deep nesting costs no stack). Containers (block quotes, list
 * items) push a prefix that every line inside them starts with; leaf blocks
 * (paragraphs, headings, code, tables, rules, HTML) are laid out whole and
 * their children skipped. Prefixes are capped at half the width so deep
 * nesting can never squeeze the text column to nothing. */
#include "md/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "md/highlight.h"
#include "md/layout_internal.h"
#include "md/outline.h"

struct S_list_state {
	cmark_node *list;
	int next_number;
	int number_width; /* columns of the widest "N." marker */
	int depth;        /* bullet lists: 0 for the outermost */
};

struct S_walk {
	struct md_builder *b;
	struct S_list_state *lists;
	size_t nlists, lists_cap;
};

/* ------------------------------------------------------------------ lines */

static size_t S_prefix_cap(const struct md_builder *b)
{
	return (size_t)b->width / 2;
}

size_t md_builder_prefix_width(struct md_builder *b)
{
	size_t total = 0, cap = S_prefix_cap(b);
	for (size_t i = 0; i < b->nprefixes; i++) {
		const struct md_prefix *p = &b->prefixes[i];
		size_t w = utf8_width(p->first, strlen(p->first));
		if (total + w > cap)
			break;
		total += w;
	}
	return total;
}

static void S_line_reset(struct md_builder *b)
{
	buf_reset(&b->line.text);
	b->line.nspans = 0;
	b->line.width = 0;
}

size_t md_builder_line_begin(struct md_builder *b)
{
	S_line_reset(b);
	size_t cap = S_prefix_cap(b), total = 0;
	int capped = 0;
	for (size_t i = 0; i < b->nprefixes; i++) {
		struct md_prefix *p = &b->prefixes[i];
		const char *s = p->first_used ? p->rest : p->first;
		size_t w = utf8_width(s, strlen(s));
		p->first_used = 1;
		if (capped || total + w > cap) {
			capped = 1;
			continue;
		}
		md_builder_append(b, s, strlen(s), p->style, 0, -1);
		total += w;
	}
	return (size_t)b->width - total;
}

void md_builder_append(struct md_builder *b, const char *s, size_t len, uint8_t style,
                       uint8_t attrs, int32_t link)
{
	md_builder_append_cols(b, s, len, utf8_width(s, len), style, attrs, link);
}

void md_builder_append_cols(struct md_builder *b, const char *s, size_t len, size_t cols,
                            uint8_t style, uint8_t attrs, int32_t link)
{
	if (!len)
		return;
	struct md_linebuf *l = &b->line;
	size_t start = l->text.len;
	buf_append(&l->text, s, len);
	l->width += cols;
	if (l->nspans) {
		struct md_span *last = &l->spans[l->nspans - 1];
		if (last->end == start && last->style == style && last->attrs == attrs &&
		    last->link == link) {
			last->end = (uint32_t)l->text.len;
			return;
		}
	}
	void *spans = l->spans;
	xgrow(&spans, &l->cap, l->nspans + 1, sizeof *l->spans);
	l->spans = spans;
	l->spans[l->nspans++] =
	    (struct md_span){(uint32_t)start, (uint32_t)l->text.len, style, attrs, link};
}

void md_builder_line_end(struct md_builder *b, struct md_pos pos, int32_t heading)
{
	struct md_layout *lay = b->layout;
	struct md_linebuf *l = &b->line;
	/* Trailing blanks (a quote bar's space on an empty line) carry nothing. */
	while (l->text.len && l->text.data[l->text.len - 1] == ' ') {
		l->text.data[--l->text.len] = '\0';
		l->width--;
		while (l->nspans && l->spans[l->nspans - 1].start >= l->text.len)
			l->nspans--;
		if (l->nspans && l->spans[l->nspans - 1].end > l->text.len)
			l->spans[l->nspans - 1].end = (uint32_t)l->text.len;
	}
	void *lines = lay->lines;
	xgrow(&lines, &b->lines_cap, lay->nlines + 1, sizeof *lay->lines);
	lay->lines = lines;
	struct md_line *out = &lay->lines[lay->nlines++];
	out->len = (uint32_t)l->text.len;
	out->text = xstrndup(buf_cstr(&l->text), l->text.len);
	out->width = (uint32_t)l->width;
	out->nspans = (uint32_t)l->nspans;
	out->spans = NULL;
	if (l->nspans) {
		out->spans = xmalloc(l->nspans * sizeof *out->spans);
		memcpy(out->spans, l->spans, l->nspans * sizeof *out->spans);
	}
	out->heading = heading;
	/* Positions never go backwards, even for lines without their own
	 * source (blank lines, table borders). */
	if (md_pos_compare(pos, b->last_pos) < 0)
		pos = b->last_pos;
	out->pos = pos;
	b->last_pos = pos;
	S_line_reset(b);
}

/* A blank line between blocks: only quote bars continue through it, and it
 * does not use up a list item's first-line marker. */
static void S_blank_line(struct md_builder *b)
{
	S_line_reset(b);
	size_t cap = S_prefix_cap(b), total = 0;
	for (size_t i = 0; i < b->nprefixes; i++) {
		const struct md_prefix *p = &b->prefixes[i];
		const char *s = p->first_used ? p->rest : p->first;
		size_t w = utf8_width(s, strlen(s));
		if (total + w > cap)
			break;
		total += w;
		if (p->is_quote)
			md_builder_append(b, p->rest, strlen(p->rest), p->style, 0, -1);
		else
			md_builder_append(b, "                        ", w, MD_STYLE_TEXT, 0, -1);
	}
	md_builder_line_end(b, b->last_pos, -1);
}

int32_t md_builder_add_link(struct md_builder *b, const char *target)
{
	struct md_layout *lay = b->layout;
	void *links = lay->links;
	xgrow(&links, &b->links_cap, lay->nlinks + 1, sizeof *lay->links);
	lay->links = links;
	lay->links[lay->nlinks] = xstrdup(target ? target : "");
	return (int32_t)lay->nlinks++;
}

/* --------------------------------------------------------------- wrapping */

void md_wrap_slices(const char *text, size_t len, size_t avail, md_slice_fn emit, void *ctx)
{
	size_t pos = 0;
	if (avail < 1)
		avail = 1;
	while (pos < len) {
		while (pos < len && text[pos] == ' ')
			pos++;
		if (pos >= len)
			break;
		size_t start = pos, cols = 0, brk = 0; /* brk: a space ending a word, 0 = none */
		int done = 0;
		while (pos < len && !done) {
			unsigned char c = (unsigned char)text[pos];
			if (c == '\n') {
				size_t end = pos;
				while (end > start && text[end - 1] == ' ')
					end--;
				emit(ctx, start, end);
				pos++;
				done = 1;
				break;
			}
			size_t n = 1, w = 1;
			if (c >= 0x80) {
				uint32_t cp;
				n = utf8_decode(text + pos, len - pos, &cp);
				w = (size_t)utf8_cp_width(cp);
			}
			if (cols + w > avail) {
				if (c == ' ') {
					size_t end = pos;
					while (end > start && text[end - 1] == ' ')
						end--;
					emit(ctx, start, end);
				} else if (brk > start) {
					size_t end = brk;
					while (end > start && text[end - 1] == ' ')
						end--;
					emit(ctx, start, end);
					pos = brk;
				} else {
					/* A word longer than the line: break it, but always
					 * take at least one character so we advance. */
					if (pos == start)
						pos += n;
					emit(ctx, start, pos);
				}
				done = 1;
				break;
			}
			if (c == ' ' && pos > start && text[pos - 1] != ' ')
				brk = pos;
			cols += w;
			pos += n;
		}
		if (!done) {
			size_t end = pos;
			while (end > start && text[end - 1] == ' ')
				end--;
			if (end > start)
				emit(ctx, start, end);
		}
	}
}

struct S_wrap_ctx {
	struct md_builder *b;
	const struct md_flat *flat;
	uint32_t src_line;
	int32_t heading;
	int first;
};

static void S_emit_wrapped(void *ctx, size_t start, size_t end)
{
	struct S_wrap_ctx *w = ctx;
	md_builder_line_begin(w->b);
	md_flat_append_range(w->b, w->flat, start, end, 0);
	md_builder_line_end(w->b, (struct md_pos){w->src_line, (uint32_t)start},
	                    w->first ? w->heading : -1);
	w->first = 0;
}

void md_builder_wrap(struct md_builder *b, const struct md_flat *flat, uint32_t src_line,
                     int32_t heading)
{
	size_t avail = (size_t)b->width - md_builder_prefix_width(b);
	struct S_wrap_ctx ctx = {b, flat, src_line, heading, 1};
	md_wrap_slices(buf_cstr(&flat->text), flat->text.len, avail, S_emit_wrapped, &ctx);
	if (ctx.first && heading >= 0) { /* an empty heading still marks its place */
		md_builder_line_begin(b);
		md_builder_line_end(b, (struct md_pos){src_line, 0}, heading);
	}
}

/* ---------------------------------------------------------------- headings */

static char *S_slug(const char *text)
{
	struct buf out = {0};
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 'A' && c <= 'Z')
			buf_putc(&out, (char)(c + 32));
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		         c >= 0x80)
			buf_putc(&out, (char)c);
		else if (c == ' ')
			buf_putc(&out, '-');
	}
	return buf_detach(&out);
}

/* "5.6 Migrations" -> number "5.6"; a heading without a leading number has
 * none. A trailing dot ("5. Title") is not part of the number. */
static int32_t S_add_heading(struct md_builder *b, int level, const char *text)
{
	struct md_layout *lay = b->layout;
	void *hs = lay->headings;
	xgrow(&hs, &b->headings_cap, lay->nheadings + 1, sizeof *lay->headings);
	lay->headings = hs;
	struct md_heading *h = &lay->headings[lay->nheadings];
	memset(h, 0, sizeof *h);
	h->level = level;
	h->line = lay->nlines;
	size_t title_at;
	size_t num_len = md_outline_number(text, &title_at);
	h->number = num_len ? xstrndup(text, num_len) : NULL;
	h->title = xstrdup(text + title_at);
	h->anchor = S_slug(text);
	return (int32_t)lay->nheadings++;
}

static void S_layout_heading(struct md_builder *b, cmark_node *node)
{
	int level = cmark_node_get_heading_level(node);
	uint8_t style = level == 1   ? MD_STYLE_HEADING1
	                : level == 2 ? MD_STYLE_HEADING2
	                : level == 3 ? MD_STYLE_HEADING3
	                             : MD_STYLE_HEADING4;
	struct md_flat flat = {0};
	md_flatten_inlines(b, node, style, &flat);
	int32_t h = S_add_heading(b, level, buf_cstr(&flat.text));
	uint32_t src_line = (uint32_t)cmark_node_get_start_line(node);
	size_t first = b->layout->nlines;
	md_builder_wrap(b, &flat, src_line, h);
	if (level <= 2) {
		size_t widest = 0, pw = md_builder_prefix_width(b);
		for (size_t i = first; i < b->layout->nlines; i++)
			if (b->layout->lines[i].width > widest)
				widest = b->layout->lines[i].width;
		widest = widest > pw ? widest - pw : 1;
		md_builder_line_begin(b);
		struct buf rule = {0};
		buf_repeat(&rule, level == 1 ? "═" : "─", widest);
		md_builder_append(b, rule.data, rule.len, MD_STYLE_RULE, 0, -1);
		buf_free(&rule);
		md_builder_line_end(b, (struct md_pos){src_line, UINT32_MAX}, -1);
	}
	md_flat_free(&flat);
}

/* ------------------------------------------------------------ code blocks */

/* Expands tabs to 4-column stops and replaces control characters, so the
 * highlighter's offsets refer to exactly the bytes that are displayed. */
static void S_sanitize_code(const char *code, size_t len, struct buf *out)
{
	size_t col = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)code[i];
		if (c == '\n') {
			buf_putc(out, '\n');
			col = 0;
		} else if (c == '\t') {
			do {
				buf_putc(out, ' ');
				col++;
			} while (col % 4);
		} else if (c < 0x20 || c == 0x7F) {
			buf_putc(out, '?');
			col++;
		} else {
			buf_putc(out, (char)c);
			col++;
		}
	}
	while (out->len && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
}

struct S_code_ctx {
	struct md_builder *b;
	const char *text;
	size_t line_start; /* offset of the current source line in text */
	const struct md_hl_span *spans;
	size_t nspans, next_span;
	uint32_t src_line;
	const char *indent;
	uint8_t base_style;
};

static void S_emit_code_slice(void *vctx, size_t start, size_t end)
{
	struct S_code_ctx *c = vctx;
	size_t abs_start = c->line_start + start, abs_end = c->line_start + end;
	md_builder_line_begin(c->b);
	md_builder_append(c->b, c->indent, strlen(c->indent), c->base_style, 0, -1);
	size_t pos = abs_start;
	while (c->next_span < c->nspans && c->spans[c->next_span].end <= pos)
		c->next_span++;
	for (size_t i = c->next_span; i < c->nspans && pos < abs_end; i++) {
		const struct md_hl_span *s = &c->spans[i];
		if (s->start >= abs_end)
			break;
		if (s->start > pos) {
			md_builder_append(c->b, c->text + pos, s->start - pos, c->base_style, 0,
			                  -1);
			pos = s->start;
		}
		size_t e = s->end < abs_end ? s->end : abs_end;
		md_builder_append(c->b, c->text + pos, e - pos, (uint8_t)s->style, 0, -1);
		pos = e;
	}
	if (pos < abs_end)
		md_builder_append(c->b, c->text + pos, abs_end - pos, c->base_style, 0, -1);
	md_builder_line_end(c->b, (struct md_pos){c->src_line, (uint32_t)start}, -1);
}

/* Code is wrapped by characters, not words: code has no word boundaries a
 * reader could rely on, and keeping columns is what matters. */
static void S_code_hard_wrap(struct S_code_ctx *c, size_t len, size_t avail)
{
	const char *line = c->text + c->line_start;
	if (len == 0) {
		md_builder_line_begin(c->b);
		md_builder_line_end(c->b, (struct md_pos){c->src_line, 0}, -1);
		return;
	}
	size_t pos = 0;
	while (pos < len) {
		size_t cols;
		size_t n = utf8_prefix_fitting(line + pos, len - pos, avail, &cols);
		if (n == 0) { /* a wide character in a 1-column space: take it anyway */
			uint32_t cp;
			n = utf8_decode(line + pos, len - pos, &cp);
		}
		S_emit_code_slice(c, pos, pos + n);
		pos += n;
	}
}

static void S_layout_code(struct md_builder *b, cmark_node *node, int is_html)
{
	const char *literal = cmark_node_get_literal(node);
	const char *info = is_html ? "" : cmark_node_get_fence_info(node);
	if (!info)
		info = "";
	struct buf code = {0};
	S_sanitize_code(literal ? literal : "", literal ? strlen(literal) : 0, &code);
	uint32_t src_line = (uint32_t)cmark_node_get_start_line(node);
	int fence_len = 0, fence_offset = 0;
	char fence_char = 0;
	int fenced =
	    !is_html && cmark_node_get_fenced(node, &fence_len, &fence_offset, &fence_char);

	enum md_lang lang = is_html ? MD_LANG_NONE : md_highlight_lang(info);
	struct md_hl_span *spans = NULL;
	size_t nspans = md_highlight(lang, buf_cstr(&code), code.len, &spans);

	size_t label_len = strcspn(info, " \t");
	if (label_len) {
		/* The label is one word of outside text: clip it to the line and
		 * keep control characters out. */
		size_t avail_label = md_builder_line_begin(b);
		struct buf label = {0};
		S_sanitize_code(info, label_len, &label);
		size_t fit = utf8_prefix_fitting(buf_cstr(&label), label.len, avail_label, NULL);
		md_builder_append(b, buf_cstr(&label), fit, MD_STYLE_CODE_INFO, 0, -1);
		buf_free(&label);
		md_builder_line_end(b, (struct md_pos){src_line, 0}, -1);
	}
	const char *indent = is_html ? "" : "  ";
	size_t avail = (size_t)b->width - md_builder_prefix_width(b) - strlen(indent);
	struct S_code_ctx ctx = {b,
	                         buf_cstr(&code),
	                         0,
	                         spans,
	                         nspans,
	                         0,
	                         src_line + (fenced ? 1u : 0u),
	                         indent,
	                         is_html ? MD_STYLE_HTML : MD_STYLE_CODE_BLOCK};
	const char *text = buf_cstr(&code);
	size_t start = 0;
	while (start <= code.len) {
		const char *nl = memchr(text + start, '\n', code.len - start);
		size_t end = nl ? (size_t)(nl - text) : code.len;
		ctx.line_start = start;
		S_code_hard_wrap(&ctx, end - start, avail);
		ctx.src_line++;
		if (!nl)
			break;
		start = end + 1;
	}
	free(spans);
	buf_free(&code);
}

/* -------------------------------------------------------------- containers */

static void S_push_prefix(struct md_builder *b, const char *first, const char *rest, uint8_t style,
                          int is_quote)
{
	void *p = b->prefixes;
	xgrow(&p, &b->prefixes_cap, b->nprefixes + 1, sizeof *b->prefixes);
	b->prefixes = p;
	struct md_prefix *pr = &b->prefixes[b->nprefixes++];
	memset(pr, 0, sizeof *pr);
	snprintf(pr->first, sizeof pr->first, "%s", first);
	snprintf(pr->rest, sizeof pr->rest, "%s", rest);
	pr->style = style;
	pr->is_quote = is_quote;
}

static int S_digits(int n)
{
	int d = 1;
	while (n >= 10 || n <= -10) {
		n /= 10;
		d++;
	}
	return d + (n < 0);
}

static void S_enter_list(struct S_walk *w, cmark_node *list)
{
	void *p = w->lists;
	xgrow(&p, &w->lists_cap, w->nlists + 1, sizeof *w->lists);
	w->lists = p;
	struct S_list_state *ls = &w->lists[w->nlists];
	ls->list = list;
	ls->next_number = cmark_node_get_list_start(list);
	int count = 0;
	for (cmark_node *c = cmark_node_first_child(list); c; c = cmark_node_next(c))
		count++;
	int last = ls->next_number + (count ? count - 1 : 0);
	int wa = S_digits(ls->next_number), wb = S_digits(last);
	ls->number_width = (wa > wb ? wa : wb) + 1;
	int depth = 0;
	for (size_t i = 0; i < w->nlists; i++)
		if (cmark_node_get_list_type(w->lists[i].list) == CMARK_BULLET_LIST)
			depth++;
	ls->depth = depth;
	w->nlists++;
}

static void S_enter_item(struct S_walk *w, cmark_node *item)
{
	static const char *const bullets[] = {"•", "◦", "▪"};
	struct S_list_state *ls = &w->lists[w->nlists - 1];
	char first[24], rest[24];
	uint8_t style = MD_STYLE_LIST_MARKER;
	const char *type = cmark_node_get_type_string(item);
	if (type && strcmp(type, "tasklist") == 0) {
		int checked = cmark_gfm_extensions_get_tasklist_item_checked(item);
		snprintf(first, sizeof first, "%s ", checked ? "☑" : "☐");
		style = checked ? MD_STYLE_TASK_DONE : MD_STYLE_TASK_OPEN;
		snprintf(rest, sizeof rest, "  ");
	} else if (cmark_node_get_list_type(ls->list) == CMARK_ORDERED_LIST) {
		char delim = cmark_node_get_list_delim(ls->list) == CMARK_PAREN_DELIM ? ')' : '.';
		snprintf(first, sizeof first, "%*d%c ", ls->number_width - 1, ls->next_number,
		         delim);
		snprintf(rest, sizeof rest, "%*s", ls->number_width + 1, "");
	} else {
		snprintf(first, sizeof first, "%s ", bullets[ls->depth % 3]);
		snprintf(rest, sizeof rest, "  ");
	}
	ls->next_number++;
	S_push_prefix(w->b, first, rest, style, 0);
}

/* Inside a tight list item, blocks follow each other without blank lines. */
static int S_in_tight_item(cmark_node *node)
{
	cmark_node *parent = cmark_node_parent(node);
	if (!parent || cmark_node_get_type(parent) != CMARK_NODE_ITEM)
		return 0;
	cmark_node *list = cmark_node_parent(parent);
	return list && cmark_node_get_list_tight(list);
}

static void S_before_block(struct md_builder *b, cmark_node *node)
{
	if (b->need_blank && !S_in_tight_item(node))
		S_blank_line(b);
	b->need_blank = 0;
}

static void S_layout_rule(struct md_builder *b, cmark_node *node)
{
	size_t avail = md_builder_line_begin(b);
	struct buf rule = {0};
	buf_repeat(&rule, "─", avail);
	md_builder_append(b, rule.data, rule.len, MD_STYLE_RULE, 0, -1);
	buf_free(&rule);
	md_builder_line_end(b, (struct md_pos){(uint32_t)cmark_node_get_start_line(node), 0}, -1);
}

static void S_layout_paragraph(struct md_builder *b, cmark_node *node)
{
	struct md_flat flat = {0};
	md_flatten_inlines(b, node, MD_STYLE_TEXT, &flat);
	md_builder_wrap(b, &flat, (uint32_t)cmark_node_get_start_line(node), -1);
	md_flat_free(&flat);
}

struct md_layout *md_layout_build(const struct md_doc *doc, int width)
{
	if (width < MD_LAYOUT_MIN_WIDTH)
		width = MD_LAYOUT_MIN_WIDTH;
	struct md_builder b = {0};
	b.layout = xcalloc(1, sizeof *b.layout);
	b.layout->width = width;
	b.width = width;
	struct S_walk w = {&b, NULL, 0, 0};

	cmark_iter *it = cmark_iter_new(doc->root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		int enter = ev == CMARK_EVENT_ENTER;
		int leaf = 1;
		if (type == CMARK_NODE_DOCUMENT) {
			continue;
		} else if (type == CMARK_NODE_BLOCK_QUOTE) {
			leaf = 0;
			if (enter) {
				S_before_block(&b, node);
				S_push_prefix(&b, "│ ", "│ ", MD_STYLE_QUOTE, 1);
			} else {
				b.nprefixes--;
				b.need_blank = 1;
			}
		} else if (type == CMARK_NODE_LIST) {
			leaf = 0;
			if (enter) {
				S_before_block(&b, node);
				S_enter_list(&w, node);
			} else {
				w.nlists--;
				b.need_blank = 1;
			}
		} else if (type == CMARK_NODE_ITEM) {
			leaf = 0;
			if (enter)
				S_enter_item(&w, node);
			else
				b.nprefixes--;
		}
		if (!leaf || !enter)
			continue;

		S_before_block(&b, node);
		if (type == CMARK_NODE_PARAGRAPH)
			S_layout_paragraph(&b, node);
		else if (type == CMARK_NODE_HEADING)
			S_layout_heading(&b, node);
		else if (type == CMARK_NODE_CODE_BLOCK)
			S_layout_code(&b, node, 0);
		else if (type == CMARK_NODE_HTML_BLOCK)
			S_layout_code(&b, node, 1);
		else if (type == CMARK_NODE_THEMATIC_BREAK)
			S_layout_rule(&b, node);
		else if (type == CMARK_NODE_TABLE)
			md_layout_table(&b, node);
		else
			S_layout_paragraph(&b,
			                   node); /* unknown extension blocks: show their text */
		b.need_blank = 1;
		cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
	/* An item that never emitted a line still "used" nothing: nothing to do. */
	buf_free(&b.line.text);
	free(b.line.spans);
	free(b.prefixes);
	free(w.lists);
	return b.layout;
}

void md_layout_free(struct md_layout *layout)
{
	if (!layout)
		return;
	for (size_t i = 0; i < layout->nlines; i++) {
		free(layout->lines[i].text);
		free(layout->lines[i].spans);
	}
	free(layout->lines);
	for (size_t i = 0; i < layout->nlinks; i++)
		free(layout->links[i]);
	free(layout->links);
	for (size_t i = 0; i < layout->nheadings; i++) {
		free(layout->headings[i].number);
		free(layout->headings[i].title);
		free(layout->headings[i].anchor);
	}
	free(layout->headings);
	free(layout);
}

/* ----------------------------------------------------------------- queries */

int md_pos_compare(struct md_pos a, struct md_pos b)
{
	if (a.src_line != b.src_line)
		return a.src_line < b.src_line ? -1 : 1;
	if (a.offset != b.offset)
		return a.offset < b.offset ? -1 : 1;
	return 0;
}

size_t md_layout_line_at(const struct md_layout *layout, struct md_pos pos)
{
	if (layout->nlines == 0)
		return 0;
	/* The last line starting at or before pos holds pos... */
	size_t lo = 0, hi = layout->nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (md_pos_compare(layout->lines[mid].pos, pos) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t line = lo ? lo - 1 : 0;
	/* ...but blank lines and borders repeat the position of the text above
	 * them: prefer the first line of such a run, which has the text. */
	while (line > 0 &&
	       md_pos_compare(layout->lines[line - 1].pos, layout->lines[line].pos) == 0)
		line--;
	return line;
}

int md_layout_find_heading(const struct md_layout *layout, const char *target)
{
	if (!target)
		return -1;
	if (*target == '#')
		target++;
	if (!*target)
		return -1;
	int numeric = 1;
	for (const char *p = target; *p; p++)
		if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == '-'))
			numeric = 0;
	if (numeric) {
		char want[64];
		snprintf(want, sizeof want, "%s", target);
		for (char *p = want; *p; p++)
			if (*p == '-')
				*p = '.';
		for (size_t i = 0; i < layout->nheadings; i++)
			if (layout->headings[i].number &&
			    strcmp(layout->headings[i].number, want) == 0)
				return (int)i;
	}
	for (size_t i = 0; i < layout->nheadings; i++)
		if (strcmp(layout->headings[i].anchor, target) == 0)
			return (int)i;
	return -1;
}

int md_layout_heading_for_line(const struct md_layout *layout, size_t line, int max_level)
{
	int found = -1;
	for (size_t i = 0; i < layout->nheadings; i++) {
		if (layout->headings[i].line > line)
			break;
		if (layout->headings[i].level <= max_level)
			found = (int)i;
	}
	return found;
}
