/* highlight_html: the HTML lexer and the Jinja lexer built on it.
 *
 * HTML is tags, attributes and comments around unstyled text; the bodies
 * of <script> and <style> are skipped unstyled (a `a < b` there is not a
 * tag). Jinja is the same lexer with template regions recognised
 * everywhere, even inside tags and quoted attribute values: Jinja expands
 * them before any HTML parser sees the page, so `href="{{ url }}"` is a
 * string with a template region inside, and a quote inside the region
 * belongs to the template, not to the attribute. */
#include <string.h>

#include "md/highlight_lexers.h"

static const char *const md_hl_jinja_keyword_list[] = {
    "False",     "None",    "True",          "and",      "as",       "autoescape",
    "block",     "break",   "call",          "context",  "continue", "do",
    "elif",      "else",    "endautoescape", "endblock", "endcall",  "endfilter",
    "endfor",    "endif",   "endmacro",      "endraw",   "endset",   "endtrans",
    "endwith",   "extends", "false",         "filter",   "for",      "from",
    "if",        "ignore",  "import",        "in",       "include",  "is",
    "loop",      "macro",   "missing",       "none",     "not",      "or",
    "pluralize", "raw",     "recursive",     "required", "scoped",   "set",
    "super",     "trans",   "true",          "with",     "without",
};

const struct md_hl_words md_hl_jinja_keywords = MD_HL_WORDS(md_hl_jinja_keyword_list, false);

struct md_hl_html {
	const char *s;
	size_t len;
	size_t i;
	struct md_hl_spans *out;
	bool jinja;
};

/* ---- Jinja template regions ------------------------------------------- */

static bool md_hl_jinja_opens(const struct md_hl_html *h, size_t i)
{
	return h->jinja && h->len - i >= 2 && h->s[i] == '{' &&
	       md_hl_in_set(md_hl_at(h->s, i + 1), "{%#");
}

/* Length of the closing delimiter of a {{ }} or {% %} region at j
 * (`}}`, `-}}`, `%}`, `+%}`, ...), or 0. */
static size_t md_hl_jinja_close_len(const struct md_hl_html *h, size_t j, char kind)
{
	const char *s = h->s;
	size_t k = j;
	if (s[k] == '-' || s[k] == '+')
		k++;
	if (h->len - k >= 2 && s[k] == kind && s[k + 1] == '}')
		return k + 2 - j;
	return 0;
}

/* A string inside a region: backslash escapes; an unterminated one ends
 * at the end of its line, so that a stray apostrophe cannot swallow the
 * rest of the page. */
static size_t md_hl_jinja_string_end(const char *s, size_t i, size_t len)
{
	char q = s[i];
	size_t j = i + 1;
	while (j < len && s[j] != '\n') {
		if (s[j] == '\\')
			j = len - j >= 2 ? j + 2 : len;
		else if (s[j++] == q)
			return j;
	}
	return j > len ? len : j;
}

static size_t md_hl_jinja_number_end(const char *s, size_t j, size_t len)
{
	while (j < len && (md_hl_is_digit(md_hl_at(s, j)) || s[j] == '_' || s[j] == '.'))
		j++;
	return j;
}

/* What the previous word said about the next one. */
enum md_hl_jinja_next {
	MD_HL_JINJA_NEXT_ANY,
	MD_HL_JINJA_NEXT_FILTER, /* after '|': a filter name */
	MD_HL_JINJA_NEXT_NAME,   /* after macro or block: the name defined */
};

struct md_hl_jinja_words {
	enum md_hl_jinja_next next;
	bool after_dot;
	size_t count;
	bool raw; /* the region is {% raw %} */
};

static void md_hl_jinja_word(struct md_hl_html *h, size_t start, size_t end, char kind,
                             struct md_hl_jinja_words *st)
{
	const char *w = h->s + start;
	size_t n = end - start;
	enum md_style style = MD_STYLE_TEXT;

	if (st->next != MD_HL_JINJA_NEXT_ANY)
		style = MD_STYLE_FUNCTION;
	else if (!st->after_dot && md_hl_words_has(&md_hl_jinja_keywords, w, n))
		style = MD_STYLE_KEYWORD;
	if (style != MD_STYLE_TEXT)
		md_hl_emit(h->out, start, end, style);

	bool names = style == MD_STYLE_KEYWORD && kind == '%' && n == 5 &&
	             (memcmp(w, "macro", 5) == 0 || memcmp(w, "block", 5) == 0);
	st->raw = kind == '%' && st->count == 0 && n == 3 && memcmp(w, "raw", 3) == 0;
	st->next = names ? MD_HL_JINJA_NEXT_NAME : MD_HL_JINJA_NEXT_ANY;
	st->after_dot = false;
	st->count++;
}

/* Lexes the inside of a {{ }} or {% %} region from j; returns the end of
 * the region (past its closing delimiter, or the end of the code). */
static size_t md_hl_jinja_inside(struct md_hl_html *h, size_t j, char kind, bool *raw)
{
	const char *s = h->s;
	struct md_hl_jinja_words st = {.next = MD_HL_JINJA_NEXT_ANY};

	while (j < h->len) {
		unsigned char c = md_hl_at(s, j);
		size_t close = md_hl_jinja_close_len(h, j, kind);
		size_t k = j + 1;
		if (close > 0) {
			md_hl_emit(h->out, j, j + close, MD_STYLE_TEMPLATE);
			*raw = st.raw && st.count == 1;
			return j + close;
		}
		if (md_hl_is_blank(c) || c == '\n') {
			j = k;
			continue;
		}
		if (c == '"' || c == '\'') {
			k = md_hl_jinja_string_end(s, j, h->len);
			md_hl_emit(h->out, j, k, MD_STYLE_STRING);
		} else if (md_hl_is_digit(c)) {
			k = md_hl_jinja_number_end(s, j, h->len);
			md_hl_emit(h->out, j, k, MD_STYLE_NUMBER);
		} else if (md_hl_is_ident_start(c)) {
			k = md_hl_skip_ident(s, j, h->len);
			md_hl_jinja_word(h, j, k, kind, &st);
			j = k;
			continue;
		}
		st.next = c == '|' ? MD_HL_JINJA_NEXT_FILTER : MD_HL_JINJA_NEXT_ANY;
		st.after_dot = c == '.';
		st.count++;
		j = k;
	}
	*raw = false;
	return h->len;
}

/* After {% raw %}: everything up to the {% endraw %} is plain text. */
static size_t md_hl_jinja_raw_end(const struct md_hl_html *h, size_t j)
{
	const char *s = h->s;
	while (j < h->len) {
		j = md_hl_find(s, j, h->len, "{%", 2);
		if (j == h->len)
			return j;
		size_t k = j + 2;
		if (k < h->len && (s[k] == '-' || s[k] == '+'))
			k++;
		k = md_hl_skip_blanks(s, k, h->len);
		if (md_hl_starts_with_fold(s, k, h->len, "endraw") &&
		    (h->len - k == 6 || !md_hl_is_ident_char(md_hl_at(s, k + 6))))
			return j;
		j += 2;
	}
	return h->len;
}

/* A template region at i ({{, {% or {#); returns its end. */
static size_t md_hl_jinja_region(struct md_hl_html *h, size_t i)
{
	const char *s = h->s;
	char kind = s[i + 1];

	if (kind == '#') {
		size_t end = md_hl_find_past(s, i + 2, h->len, "#}", 2);
		md_hl_emit(h->out, i, end, MD_STYLE_COMMENT);
		return end;
	}
	size_t open = 2;
	if (h->len - i > 2 && (s[i + 2] == '-' || s[i + 2] == '+'))
		open = 3;
	md_hl_emit(h->out, i, i + open, MD_STYLE_TEMPLATE);

	bool raw = false;
	size_t end = md_hl_jinja_inside(h, i + open, kind == '{' ? '}' : '%', &raw);
	return raw ? md_hl_jinja_raw_end(h, end) : end;
}

/* ---- tags ------------------------------------------------------------- */

static bool md_hl_html_is_space(unsigned char c)
{
	return md_hl_is_blank(c) || c == '\n';
}

static bool md_hl_html_is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* An attribute value at i, quoted (s[i] is the quote) or not; template
 * regions inside it cut the string span. */
static size_t md_hl_html_value(struct md_hl_html *h, size_t i)
{
	char q = h->s[i] == '"' || h->s[i] == '\'' ? h->s[i] : 0;
	size_t seg = i;
	size_t j = q ? i + 1 : i;
	while (j < h->len) {
		if (q && h->s[j] == q) {
			j++;
			break;
		}
		if (!q && (md_hl_html_is_space(md_hl_at(h->s, j)) || h->s[j] == '>'))
			break;
		if (md_hl_jinja_opens(h, j)) {
			md_hl_emit(h->out, seg, j, MD_STYLE_STRING);
			j = seg = md_hl_jinja_region(h, j);
			continue;
		}
		j++;
	}
	md_hl_emit(h->out, seg, j, MD_STYLE_STRING);
	return j;
}

/* End of a name in a tag (tag or attribute name) starting at i. */
static size_t md_hl_html_name_end(const struct md_hl_html *h, size_t i)
{
	while (i < h->len) {
		unsigned char c = md_hl_at(h->s, i);
		if (md_hl_html_is_space(c) || md_hl_in_set(c, "\"'<>/=") || md_hl_jinja_opens(h, i))
			break;
		i++;
	}
	return i;
}

/* An attribute name at i, with its value if one follows. */
static size_t md_hl_html_attribute(struct md_hl_html *h, size_t i)
{
	size_t j = md_hl_html_name_end(h, i);
	md_hl_emit(h->out, i, j, MD_STYLE_ATTRIBUTE);
	size_t k = j;
	while (k < h->len && md_hl_html_is_space(md_hl_at(h->s, k)))
		k++;
	if (k >= h->len || h->s[k] != '=')
		return j;
	k++;
	while (k < h->len && md_hl_html_is_space(md_hl_at(h->s, k)))
		k++;
	if (k >= h->len || h->s[k] == '>')
		return k;
	return md_hl_html_value(h, k);
}

/* The inside of a tag after its name, from i up to and including '>' or
 * '/>'. Sets *closed when the tag ended with a plain '>'. Stops before a
 * '<' so that a broken tag does not swallow the next one. */
static size_t md_hl_html_tag_rest(struct md_hl_html *h, size_t i, bool *closed)
{
	const char *s = h->s;
	*closed = false;
	while (i < h->len) {
		unsigned char c = md_hl_at(s, i);
		if (md_hl_html_is_space(c)) {
			i++;
		} else if (c == '>') {
			md_hl_emit(h->out, i, i + 1, MD_STYLE_TAG);
			*closed = true;
			return i + 1;
		} else if (c == '/' && h->len - i >= 2 && s[i + 1] == '>') {
			md_hl_emit(h->out, i, i + 2, MD_STYLE_TAG);
			return i + 2;
		} else if (c == '<') {
			return i;
		} else if (md_hl_jinja_opens(h, i)) {
			i = md_hl_jinja_region(h, i);
		} else if (c == '"' || c == '\'') {
			i = md_hl_html_value(h, i);
		} else if (c == '/' || c == '=') {
			i++;
		} else {
			i = md_hl_html_attribute(h, i);
		}
	}
	return i;
}

/* After <script ...> or <style ...>: the body up to the closing tag is not
 * HTML. Template regions are still highlighted in Jinja. */
static size_t md_hl_html_raw_text_end(struct md_hl_html *h, size_t i, const char *name)
{
	const char *s = h->s;
	size_t name_len = strlen(name);
	while (i < h->len) {
		size_t after = i + 2 + name_len;
		if (s[i] == '<' && h->len - i >= 2 + name_len && s[i + 1] == '/' &&
		    md_hl_starts_with_fold(s, i + 2, h->len, name) &&
		    (after == h->len || !md_hl_is_ident_char(md_hl_at(s, after))))
			return i;
		if (md_hl_jinja_opens(h, i))
			i = md_hl_jinja_region(h, i);
		else
			i++;
	}
	return i;
}

/* A tag starting with '<' at i: <name ...>, </name>, <!-- -->, <!...>,
 * <?...?>. Returns its end; a '<' that opens nothing is plain text. */
static size_t md_hl_html_markup(struct md_hl_html *h, size_t i)
{
	const char *s = h->s;
	size_t rest = h->len - i;
	unsigned char next = rest >= 2 ? md_hl_at(s, i + 1) : 0;

	if (rest >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		size_t end = md_hl_find_past(s, i + 4, h->len, "-->", 3);
		md_hl_emit(h->out, i, end, MD_STYLE_COMMENT);
		return end;
	}
	if (next == '!' || next == '?') {
		size_t end = md_hl_find_past(s, i + 2, h->len, ">", 1);
		md_hl_emit(h->out, i, end, MD_STYLE_TAG);
		return end;
	}
	size_t name = next == '/' ? i + 2 : i + 1;
	if (name >= h->len || !md_hl_html_is_alpha(md_hl_at(s, name)))
		return i + 1;

	size_t name_end = md_hl_html_name_end(h, name);
	md_hl_emit(h->out, i, name_end, MD_STYLE_TAG);
	bool closed;
	size_t end = md_hl_html_tag_rest(h, name_end, &closed);
	if (!closed || next == '/')
		return end;
	if (name_end - name == 6 && md_hl_starts_with_fold(s, name, h->len, "script"))
		return md_hl_html_raw_text_end(h, end, "script");
	if (name_end - name == 5 && md_hl_starts_with_fold(s, name, h->len, "style"))
		return md_hl_html_raw_text_end(h, end, "style");
	return end;
}

/* ---- drivers ---------------------------------------------------------- */

static void md_hl_html_lex(const char *s, size_t len, bool jinja, struct md_hl_spans *out)
{
	struct md_hl_html h = {.s = s, .len = len, .out = out, .jinja = jinja};
	size_t i = 0;
	while (i < len) {
		if (s[i] == '<')
			i = md_hl_html_markup(&h, i);
		else if (md_hl_jinja_opens(&h, i))
			i = md_hl_jinja_region(&h, i);
		else
			i++;
	}
}

void md_hl_lex_html(const char *s, size_t len, struct md_hl_spans *out)
{
	md_hl_html_lex(s, len, false, out);
}

void md_hl_lex_jinja(const char *s, size_t len, struct md_hl_spans *out)
{
	md_hl_html_lex(s, len, true, out);
}
