/* doc: a parsed Markdown document.
 *
 * Parses with cmark-gfm and the table, strikethrough, autolink and tasklist
 * extensions, validating UTF-8 (invalid bytes become U+FFFD). Parsing never
 * fails on content: any text is some Markdown. The document owns its
 * syntax tree and a copy of the source. */
#ifndef STUDYTERM_MD_DOC_H
#define STUDYTERM_MD_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"

struct md_doc;

/* Parses len bytes of text; the text need not outlive the call. Returns a
 * new document that the caller frees with md_doc_free. Aborts only on out
 * of memory. */
struct md_doc *md_doc_parse(const char *text, size_t len);

/* Scratch memory for many short-lived parses on one thread (the bank
 * parser reads a file one question at a time): every allocation cmark makes
 * comes from blocks the scratch keeps, and the next parse reuses them
 * instead of freeing a tree node by node. One scratch per thread, in use
 * from its first parse until md_scratch_free; it owns the documents parsed
 * into it. */
struct md_scratch;
struct md_scratch *md_scratch_new(void);
void md_scratch_free(struct md_scratch *s);

/* Like md_doc_parse, for readers of block structure and source positions
 * only: the same blocks and positions, but without the inline-only
 * extensions (autolink, strikethrough), which cost about half of
 * cmark-gfm's time and change no block; inline nodes are not what the
 * reader would show. text must be valid UTF-8: cmark's own check, which
 * replaces bad bytes, was a tenth of the parse, and a caller that reports
 * bad bytes with their line (bank/native) has checked already. The
 * document lives in s until the next parse into s or md_scratch_free;
 * never md_doc_free it. */
struct md_doc *md_doc_parse_blocks(struct md_scratch *s, const char *text, size_t len);

/* Reads and parses a file. On failure returns NULL and fills err (file
 * name and reason). */
struct md_doc *md_doc_load(const char *path, struct error *err);

void md_doc_free(struct md_doc *doc);

/* The text of the last fenced code block in len bytes of Markdown whose
 * info string starts with the word lang ("python"), newly allocated; NULL
 * when there is none. Blocks inside lists and quotes count. */
char *md_last_code_block(const char *text, size_t len, const char *lang);

/* Renders len bytes of Markdown to HTML with the same extensions, newly
 * allocated. Raw HTML in the source is left out (cmark's safe default) and
 * soft breaks become spaces. With inline_only, a text that is one
 * paragraph loses its <p>, so it fits inside another element. */
char *md_render_html(const char *text, size_t len, bool inline_only);

#endif
