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

/* Reads and parses a file. On failure returns NULL and fills err (file
 * name and reason). */
struct md_doc *md_doc_load(const char *path, struct error *err);

void md_doc_free(struct md_doc *doc);

/* Renders len bytes of Markdown to HTML with the same extensions, newly
 * allocated. Raw HTML in the source is left out (cmark's safe default) and
 * soft breaks become spaces. With inline_only, a text that is one
 * paragraph loses its <p>, so it fits inside another element. */
char *md_render_html(const char *text, size_t len, bool inline_only);

#endif
