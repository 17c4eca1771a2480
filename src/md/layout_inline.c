/* layout_inline: flattening a block's inline nodes into styled text.
 *
 * Wrapping works on one flat string per block, so inline structure
 * (emphasis inside links inside strong text...) is reduced here to runs of
 * (style, attrs, link). The walk uses cmark's iterator rather than
 * recursion: inline nesting in hostile input can be thousands deep. */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "md/layout_internal.h"

static void S_add_run(struct md_flat *flat, size_t start, size_t end, uint8_t style, uint8_t attrs,
                      int32_t link)
{
	if (start == end)
		return;
	if (flat->nruns) {
		struct md_run *last = &flat->runs[flat->nruns - 1];
		if (last->end == start && last->style == style && last->attrs == attrs &&
		    last->link == link) {
			last->end = (uint32_t)end;
			return;
		}
	}
	void *runs = flat->runs;
	xgrow(&runs, &flat->cap, flat->nruns + 1, sizeof *flat->runs);
	flat->runs = runs;
	flat->runs[flat->nruns++] =
	    (struct md_run){(uint32_t)start, (uint32_t)end, style, attrs, link};
}

/* Appends text, turning control characters into spaces so that a line never
 * carries a byte the terminal would interpret. */
static void S_append(struct md_flat *flat, const char *s, size_t len, uint8_t style, uint8_t attrs,
                     int32_t link)
{
	size_t start = flat->text.len;
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && (unsigned char)s[j] >= 0x20 && s[j] != 0x7F)
			j++;
		buf_append(&flat->text, s + i, j - i);
		if (j < len) {
			buf_putc(&flat->text, ' ');
			j++;
		}
		i = j;
	}
	S_add_run(flat, start, flat->text.len, style, attrs, link);
}

void md_flatten_inlines(struct md_builder *b, cmark_node *block, uint8_t base_style,
                        struct md_flat *flat)
{
	int emph = 0, strong = 0, strike = 0, code = 0;
	int32_t link = -1;
	int link_depth = 0;
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (node == block)
			continue;
		cmark_node_type type = cmark_node_get_type(node);
		int enter = ev == CMARK_EVENT_ENTER;
		uint8_t attrs =
		    (uint8_t)((emph ? MD_ATTR_EMPH : 0) | (strong ? MD_ATTR_STRONG : 0) |
		              (strike ? MD_ATTR_STRIKE : 0));
		uint8_t style = link >= 0 ? MD_STYLE_LINK : base_style;
		if (type == CMARK_NODE_TEXT) {
			const char *lit = cmark_node_get_literal(node);
			S_append(flat, lit, strlen(lit), code ? MD_STYLE_CODE : style, attrs, link);
		} else if (type == CMARK_NODE_CODE) {
			const char *lit = cmark_node_get_literal(node);
			S_append(flat, lit, strlen(lit), MD_STYLE_CODE, attrs, link);
		} else if (type == CMARK_NODE_HTML_INLINE) {
			const char *lit = cmark_node_get_literal(node);
			S_append(flat, lit, strlen(lit), MD_STYLE_HTML, attrs, link);
		} else if (type == CMARK_NODE_SOFTBREAK) {
			S_append(flat, " ", 1, style, attrs, link);
		} else if (type == CMARK_NODE_LINEBREAK) {
			buf_putc(&flat->text, '\n');
		} else if (type == CMARK_NODE_EMPH) {
			emph += enter ? 1 : -1;
		} else if (type == CMARK_NODE_STRONG) {
			strong += enter ? 1 : -1;
		} else if (type == CMARK_NODE_STRIKETHROUGH) {
			strike += enter ? 1 : -1;
		} else if (type == CMARK_NODE_LINK) {
			/* Links cannot nest in CommonMark; the outermost one wins. */
			if (enter && link_depth++ == 0)
				link = md_builder_add_link(b, cmark_node_get_url(node));
			else if (!enter && --link_depth == 0)
				link = -1;
		} else if (type == CMARK_NODE_IMAGE) {
			S_append(flat, enter ? "[image: " : "]", enter ? 8 : 1, MD_STYLE_LINK,
			         attrs, link);
		}
	}
	cmark_iter_free(it);
}

void md_flat_free(struct md_flat *flat)
{
	buf_free(&flat->text);
	free(flat->runs);
	memset(flat, 0, sizeof *flat);
}

void md_flat_append_range(struct md_builder *b, const struct md_flat *flat, size_t start,
                          size_t end, uint8_t extra_attrs)
{
	const char *text = buf_cstr(&flat->text);
	size_t pos = start;
	/* Runs are sorted: find the first one that ends after start, so that
	 * laying out a huge paragraph stays linear in its size. */
	size_t lo = 0, hi = flat->nruns;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (flat->runs[mid].end <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < flat->nruns && pos < end; i++) {
		const struct md_run *r = &flat->runs[i];
		if (r->end <= pos)
			continue;
		if (r->start > pos) { /* unstyled gap (hard breaks) */
			size_t gap_end = r->start < end ? r->start : end;
			md_builder_append(b, text + pos, gap_end - pos, MD_STYLE_TEXT, extra_attrs,
			                  -1);
			pos = gap_end;
			if (pos >= end)
				break;
		}
		size_t run_end = r->end < end ? r->end : end;
		md_builder_append(b, text + pos, run_end - pos, r->style,
		                  (uint8_t)(r->attrs | extra_attrs), r->link);
		pos = run_end;
	}
	if (pos < end)
		md_builder_append(b, text + pos, end - pos, MD_STYLE_TEXT, extra_attrs, -1);
}
