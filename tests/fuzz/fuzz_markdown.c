/* libFuzzer target: the Markdown engine on arbitrary bytes.
 *
 * The first two bytes choose the width (8-263 columns), the rest is the
 * document. Checks the layout's promises, not just the absence of crashes:
 * no line wider than the width, widths measured right, positions never
 * going backwards, spans inside their line. Also searches the layout. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "md/doc.h"
#include "md/highlight.h"
#include "md/layout.h"
#include "md/search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int width = MD_LAYOUT_MIN_WIDTH + ((data[0] << 8 | data[1]) % 256);
	const char *text = (const char *)data + 2;
	size_t len = size - 2;

	struct md_doc *doc = md_doc_parse(text, len);
	struct md_layout *lay = md_layout_build(doc, width);
	for (size_t i = 0; i < lay->nlines; i++) {
		const struct md_line *l = &lay->lines[i];
		if (l->width > (uint32_t)width || l->width != utf8_width(l->text, l->len) ||
		    strlen(l->text) != l->len)
			abort();
		if (i > 0 && md_pos_compare(lay->lines[i - 1].pos, l->pos) > 0)
			abort();
		for (uint32_t s = 0; s < l->nspans; s++)
			if (l->spans[s].start >= l->spans[s].end || l->spans[s].end > l->len ||
			    (s > 0 && l->spans[s].start < l->spans[s - 1].end))
				abort();
	}
	struct md_match *m;
	size_t n = md_search(lay, "the", &m);
	(void)n;
	free(m);
	md_layout_free(lay);
	md_doc_free(doc);

	/* Every lexer on the raw bytes. */
	for (int lang = MD_LANG_PYTHON; lang <= MD_LANG_JINJA; lang++) {
		struct md_hl_span *spans;
		size_t k = md_highlight((enum md_lang)lang, text, len, &spans);
		for (size_t i = 0; i < k; i++)
			if (spans[i].start >= spans[i].end || spans[i].end > len ||
			    (i > 0 && spans[i].start < spans[i - 1].end))
				abort();
		free(spans);
	}
	return 0;
}
