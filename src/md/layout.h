/* layout: a document laid out into styled lines for a given width.
 *
 * The layout is plain data: each line is UTF-8 text plus spans of semantic
 * styles (md/style.h). Nothing here knows about terminals. Guarantees, for
 * any input and any width >= MD_LAYOUT_MIN_WIDTH (smaller widths are
 * raised to it):
 *   - no line is wider than the width in display columns;
 *   - no text is cut: words too long for a line are broken, table cells
 *     wrap, and tables too wide for a grid become one record per row;
 *   - lines carry a source position (md_pos) that does not depend on the
 *     width, so a reader can keep its place when the width changes. */
#ifndef STUDYTERM_MD_LAYOUT_H
#define STUDYTERM_MD_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "md/doc.h"
#include "md/style.h"

#define MD_LAYOUT_MIN_WIDTH 8

/* Where a line's text comes from: the source line of its block and the
 * byte offset of the line's first character within that block's text.
 * Positions increase down the layout; compare with md_pos_compare. */
struct md_pos {
	uint32_t src_line;
	uint32_t offset;
};

struct md_span {
	uint32_t start; /* byte offsets into md_line.text, [start, end) */
	uint32_t end;
	uint8_t style; /* enum md_style */
	uint8_t attrs; /* enum md_attr bits */
	int32_t link;  /* index into md_layout.links, or -1 */
};

struct md_line {
	char *text; /* NUL-terminated UTF-8, no control characters */
	uint32_t len;
	uint32_t width; /* display columns */
	struct md_span *spans;
	uint32_t nspans;
	int32_t
	    heading; /* index into md_layout.headings when this line starts a heading, else -1 */
	struct md_pos pos;
};

struct md_heading {
	int level;    /* 1-6 */
	char *number; /* "5.6" when the heading text starts with a section number, else NULL */
	char *title;  /* heading text without the number */
	char *anchor; /* GitHub-style slug of the whole heading text */
	size_t line;  /* first layout line of the heading */
};

struct md_layout {
	int width;
	struct md_line *lines;
	size_t nlines;
	char **links; /* link targets, referenced by md_span.link */
	size_t nlinks;
	struct md_heading *headings;
	size_t nheadings;
};

/* Lays out doc for width columns. The layout does not refer to doc after
 * the call; free it with md_layout_free. Never fails (aborts on OOM). */
struct md_layout *md_layout_build(const struct md_doc *doc, int width);
void md_layout_free(struct md_layout *layout);

int md_pos_compare(struct md_pos a, struct md_pos b);
/* Index of the line that holds pos: the first of the lines starting at
 * the greatest position <= pos (0 for an empty layout or a pos before
 * the first line). */
size_t md_layout_line_at(const struct md_layout *layout, struct md_pos pos);

/* Resolves an internal link target to a heading index, or -1. Accepts
 * "#5.6", "#5-6", "5.6" (section numbers) and "#slug" anchors. */
int md_layout_find_heading(const struct md_layout *layout, const char *target);

/* The heading whose section contains line (the last heading at or before
 * it), or -1 before the first heading. min_level limits the search to
 * headings of that level or shallower (e.g. 2 for "## 5.6"). */
int md_layout_heading_for_line(const struct md_layout *layout, size_t line, int max_level);

#endif
