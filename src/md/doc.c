/* doc: cmark-gfm parsing (see doc.h). */
#include "md/doc_internal.h"

#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>

#include "core/paths.h"
#include "core/xalloc.h"

static const char *const S_extensions[] = {"table", "strikethrough", "autolink", "tasklist"};

/* A parser with the GFM extensions every studyterm document uses. */
static cmark_parser *S_parser(int options)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *parser = cmark_parser_new(options);
	if (!parser)
		abort();
	for (size_t i = 0; i < sizeof S_extensions / sizeof S_extensions[0]; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(S_extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	return parser;
}

struct md_doc *md_doc_parse(const char *text, size_t len)
{
	cmark_parser *parser = S_parser(CMARK_OPT_VALIDATE_UTF8);
	cmark_parser_feed(parser, text, len);
	struct md_doc *doc = xcalloc(1, sizeof *doc);
	doc->root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (!doc->root)
		abort();
	return doc;
}

struct md_doc *md_doc_load(const char *path, struct error *err)
{
	char *text;
	size_t len;
	if (paths_read_file(path, &text, &len, err) != ST_OK)
		return NULL;
	struct md_doc *doc = md_doc_parse(text, len);
	free(text);
	return doc;
}

void md_doc_free(struct md_doc *doc)
{
	if (!doc)
		return;
	cmark_node_free(doc->root);
	free(doc);
}

char *md_render_html(const char *text, size_t len, bool inline_only)
{
	cmark_parser *parser = S_parser(CMARK_OPT_VALIDATE_UTF8);
	cmark_parser_feed(parser, text, len);
	cmark_node *root = cmark_parser_finish(parser);
	if (!root)
		abort();
	cmark_node *only = cmark_node_first_child(root);
	bool strip = inline_only && only && only == cmark_node_last_child(root) &&
	             cmark_node_get_type(only) == CMARK_NODE_PARAGRAPH;
	char *html =
	    cmark_render_html(root, CMARK_OPT_NOBREAKS, cmark_parser_get_syntax_extensions(parser));
	if (!html)
		abort();
	size_t n = strlen(html);
	const char *s = html;
	if (strip && n >= 8 && strncmp(s, "<p>", 3) == 0 && strcmp(s + n - 5, "</p>\n") == 0) {
		s += 3;
		n -= 8;
	}
	char *out = xstrndup(s, n);
	cmark_get_default_mem_allocator()->free(html);
	cmark_node_free(root);
	cmark_parser_free(parser);
	return out;
}
