/* layout_internal: the layout builder shared by layout.c (blocks, prefixes,
 * wrapping), layout_inline.c (flattening inline nodes into styled text) and
 * layout_table.c (GFM tables). Not for use outside src/md. */
#ifndef STUDYTERM_MD_LAYOUT_INTERNAL_H
#define STUDYTERM_MD_LAYOUT_INTERNAL_H

#include "core/buf.h"
#include "md/doc_internal.h"
#include "md/layout.h"

/* A styled run over flattened inline text. */
struct md_run {
	uint32_t start, end;
	uint8_t style, attrs;
	int32_t link;
};

/* Inline content flattened into one string plus style runs. Soft breaks
 * become spaces, hard breaks become '\n', control characters spaces. */
struct md_flat {
	struct buf text;
	struct md_run *runs;
	size_t nruns, cap;
};

/* One level of block nesting: a block quote or a list item. */
struct md_prefix {
	char first[24]; /* prefix for the first line inside this container */
	char rest[24];  /* prefix for later lines */
	uint8_t style;
	int first_used; /* the first line was emitted */
	int is_quote;
};

/* The line being assembled. */
struct md_linebuf {
	struct buf text;
	struct md_span *spans;
	size_t nspans, cap;
	size_t width;
};

struct md_builder {
	struct md_layout *layout;
	size_t lines_cap, links_cap, headings_cap;
	int width;
	struct md_prefix *prefixes;
	size_t nprefixes, prefixes_cap;
	int need_blank;
	struct md_pos last_pos;
	struct md_linebuf line;
};

/* layout.c */
size_t md_builder_prefix_width(struct md_builder *b);
/* Starts a line with the container prefixes (marking first lines used).
 * Returns the columns left for content. */
size_t md_builder_line_begin(struct md_builder *b);
void md_builder_append(struct md_builder *b, const char *s, size_t len, uint8_t style,
                       uint8_t attrs, int32_t link);
/* The same for text whose width in columns the caller already knows
 * (borders, rules, padding): saves measuring it again. */
void md_builder_append_cols(struct md_builder *b, const char *s, size_t len, size_t cols,
                            uint8_t style, uint8_t attrs, int32_t link);
void md_builder_line_end(struct md_builder *b, struct md_pos pos, int32_t heading);
/* Wraps flat text into lines at word boundaries; pos.offset counts from
 * the start of the flat text. hang is a string put before the first line
 * (e.g. nothing) — continuation lines are not indented further. */
void md_builder_wrap(struct md_builder *b, const struct md_flat *flat, uint32_t src_line,
                     int32_t heading);
/* Splits [start, end) of flat into lines no wider than avail columns, at
 * spaces where possible. Calls emit for each line slice. Shared by
 * paragraphs and table cells. */
typedef void (*md_slice_fn)(void *ctx, size_t start, size_t end);
void md_wrap_slices(const char *text, size_t len, size_t avail, md_slice_fn emit, void *ctx);
int32_t md_builder_add_link(struct md_builder *b, const char *target);

/* layout_inline.c */
void md_flatten_inlines(struct md_builder *b, cmark_node *block, uint8_t base_style,
                        struct md_flat *flat);
void md_flat_free(struct md_flat *flat);
/* Appends flat[start, end) to the current line with its styles. */
void md_flat_append_range(struct md_builder *b, const struct md_flat *flat, size_t start,
                          size_t end, uint8_t extra_attrs);

/* layout_table.c */
void md_layout_table(struct md_builder *b, cmark_node *table);

#endif
