/* doc: cmark-gfm parsing (see doc.h). */
#include "md/doc_internal.h"

#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>

#include "core/paths.h"
#include "core/xalloc.h"

static const char *const S_extensions[] = {"table", "strikethrough", "autolink", "tasklist"};

struct md_doc *md_doc_parse(const char *text, size_t len)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_VALIDATE_UTF8);
	if (!parser)
		abort();
	for (size_t i = 0; i < sizeof S_extensions / sizeof S_extensions[0]; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(S_extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
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
