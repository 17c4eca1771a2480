/* highlight: language names, dispatch and the helpers every lexer shares
 * (see highlight.h for the contract, highlight_lexers.h for the helpers).
 *
 * The lexers themselves live one per file (highlight_python.c, ...) so a
 * language can be read, fixed or added without touching the others. */
#include "md/highlight.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "md/highlight_lexers.h"

/* ---- language names --------------------------------------------------- */

struct md_hl_lang_name {
	const char *name;
	enum md_lang lang;
};

static const struct md_hl_lang_name md_hl_lang_names[] = {
    {"python", MD_LANG_PYTHON},
    {"py", MD_LANG_PYTHON},
    {"python3", MD_LANG_PYTHON},
    {"py3", MD_LANG_PYTHON},
    {"pycon", MD_LANG_PYTHON},
    {"sql", MD_LANG_SQL},
    {"sqlite", MD_LANG_SQL},
    {"sqlite3", MD_LANG_SQL},
    {"postgresql", MD_LANG_SQL},
    {"postgres", MD_LANG_SQL},
    {"pgsql", MD_LANG_SQL},
    {"plpgsql", MD_LANG_SQL},
    {"mysql", MD_LANG_SQL},
    {"bash", MD_LANG_BASH},
    {"sh", MD_LANG_BASH},
    {"shell", MD_LANG_BASH},
    {"zsh", MD_LANG_BASH},
    {"console", MD_LANG_CONSOLE},
    {"shell-session", MD_LANG_CONSOLE},
    {"sh-session", MD_LANG_CONSOLE},
    {"html", MD_LANG_HTML},
    {"htm", MD_LANG_HTML},
    {"xhtml", MD_LANG_HTML},
    {"xml", MD_LANG_HTML},
    {"svg", MD_LANG_HTML},
    {"jinja", MD_LANG_JINJA},
    {"jinja2", MD_LANG_JINJA},
    {"html+jinja", MD_LANG_JINJA},
    {"htmldjango", MD_LANG_JINJA},
    {"j2", MD_LANG_JINJA},
};

enum md_lang md_highlight_lang(const char *info)
{
	if (!info)
		return MD_LANG_NONE;
	info += strspn(info, " \t");
	size_t n = strcspn(info, " \t\r\n");
	for (size_t k = 0; k < sizeof(md_hl_lang_names) / sizeof(md_hl_lang_names[0]); k++) {
		const struct md_hl_lang_name *entry = &md_hl_lang_names[k];
		if (strlen(entry->name) == n && md_hl_starts_with_fold(info, 0, n, entry->name))
			return entry->lang;
	}
	return MD_LANG_NONE;
}

/* ---- dispatch --------------------------------------------------------- */

/* Span offsets are 32-bit: a block past 4 GiB is highlighted only up to
 * there. The cut moves back off continuation bytes so that a span running
 * to the cut does not end inside a UTF-8 sequence. */
static size_t md_hl_clamp_len(const char *code, size_t len)
{
	if (len <= UINT32_MAX)
		return len;
	size_t n = UINT32_MAX;
	while (n > 0 && (md_hl_at(code, n) & 0xC0) == 0x80)
		n--;
	return n;
}

size_t md_highlight(enum md_lang lang, const char *code, size_t len, struct md_hl_span **spans_out)
{
	struct md_hl_spans out = {0};
	len = code ? md_hl_clamp_len(code, len) : 0;

	if (len > 0) {
		switch (lang) {
		case MD_LANG_PYTHON: md_hl_lex_python(code, len, &out); break;
		case MD_LANG_SQL: md_hl_lex_sql(code, len, &out); break;
		case MD_LANG_BASH: md_hl_lex_bash(code, 0, len, &out); break;
		case MD_LANG_CONSOLE: md_hl_lex_console(code, len, &out); break;
		case MD_LANG_HTML: md_hl_lex_html(code, len, &out); break;
		case MD_LANG_JINJA: md_hl_lex_jinja(code, len, &out); break;
		case MD_LANG_NONE: break;
		}
	}

	if (out.count == 0) {
		free(out.items);
		out.items = NULL;
	}
	*spans_out = out.items;
	return out.count;
}

/* ---- span list -------------------------------------------------------- */

void md_hl_emit(struct md_hl_spans *out, size_t start, size_t end, enum md_style style)
{
	if (out->count > 0) {
		struct md_hl_span *last = &out->items[out->count - 1];
		assert(start >= last->end);
		if (start < last->end)
			start = last->end;
		if (start >= end)
			return;
		if (start == last->end && style == last->style) {
			last->end = (uint32_t)end;
			return;
		}
	} else if (start >= end) {
		return;
	}

	void *items = out->items;
	xgrow(&items, &out->cap, out->count + 1, sizeof(*out->items));
	out->items = items;
	out->items[out->count++] = (struct md_hl_span){
	    .start = (uint32_t)start,
	    .end = (uint32_t)end,
	    .style = style,
	};
}

/* ---- scanning helpers ------------------------------------------------- */

size_t md_hl_skip_ident(const char *s, size_t i, size_t end)
{
	while (i < end && md_hl_is_ident_char(md_hl_at(s, i)))
		i++;
	return i;
}

size_t md_hl_skip_blanks(const char *s, size_t i, size_t end)
{
	while (i < end && md_hl_is_blank(md_hl_at(s, i)))
		i++;
	return i;
}

size_t md_hl_line_end(const char *s, size_t i, size_t end)
{
	if (i >= end)
		return end;
	const char *nl = memchr(s + i, '\n', end - i);
	return nl ? (size_t)(nl - s) : end;
}

size_t md_hl_find(const char *s, size_t i, size_t end, const char *needle, size_t nlen)
{
	while (i < end && end - i >= nlen) {
		const char *hit = memchr(s + i, needle[0], end - i - nlen + 1);
		if (!hit)
			return end;
		i = (size_t)(hit - s);
		if (memcmp(s + i, needle, nlen) == 0)
			return i;
		i++;
	}
	return end;
}

size_t md_hl_find_past(const char *s, size_t i, size_t end, const char *needle, size_t nlen)
{
	size_t at = md_hl_find(s, i, end, needle, nlen);
	return at == end ? end : at + nlen;
}

static unsigned char md_hl_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

bool md_hl_starts_with_fold(const char *s, size_t i, size_t end, const char *w)
{
	for (; *w; w++, i++) {
		if (i >= end || md_hl_lower(md_hl_at(s, i)) != md_hl_lower((unsigned char)*w))
			return false;
	}
	return true;
}

/* ---- word lists ------------------------------------------------------- */

/* strcmp order between the table word and w[0, n), lowering w's bytes
 * when the table is case-folded. */
static int md_hl_words_cmp(const char *word, const char *w, size_t n, bool fold_case)
{
	for (size_t k = 0; k < n; k++) {
		unsigned char a = (unsigned char)word[k];
		unsigned char b = (unsigned char)w[k];
		if (fold_case)
			b = md_hl_lower(b);
		if (a == '\0')
			return -1;
		if (a != b)
			return a < b ? -1 : 1;
	}
	return word[n] == '\0' ? 0 : 1;
}

bool md_hl_words_has(const struct md_hl_words *list, const char *w, size_t n)
{
	size_t lo = 0, hi = list->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = md_hl_words_cmp(list->words[mid], w, n, list->fold_case);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}
