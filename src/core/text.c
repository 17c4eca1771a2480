/* text: small helpers of the line-by-line parsers (see text.h). */
#include "core/text.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"

bool text_space(char c)
{
	return c == ' ' || c == '\t';
}

void text_trim(const char **s, size_t *n)
{
	while (*n && text_space(**s))
		(*s)++, (*n)--;
	while (*n && text_space((*s)[*n - 1]))
		(*n)--;
}

char text_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool text_is_word(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);
	if (n != k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (text_lower(s[i]) != word[i])
			return false;
	return true;
}

bool text_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool text_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The 1-based byte column of s in line l. */
int text_col(const struct text_line *l, const char *s)
{
	size_t c = (size_t)(s - l->s) + 1;
	return c > INT_MAX ? INT_MAX : (int)c;
}

/* A cleaned, shortened copy of the author's text for a message. */
char *text_quote(const char *s, size_t n)
{
	struct buf b = {0};
	size_t i = 0;
	while (i < n) {
		if (b.len >= TEXT_QUOTE_BYTES) {
			buf_puts(&b, "\xE2\x80\xA6"); /* U+2026 HORIZONTAL ELLIPSIS */
			break;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		bool bad = (cp == UTF8_REPLACEMENT && k == 1) || cp < 0x20 || cp == 0x7F ||
		           (cp >= 0x80 && cp <= 0x9F);
		if (bad)
			buf_puts(&b, "\xEF\xBF\xBD");
		else
			buf_append(&b, s + i, k);
		i += k;
	}
	return buf_detach(&b);
}

/* An ATX heading: its level (1..6) and text without the closing hashes,
 * or 0 when l is not one. */
int text_heading(const struct text_line *l, const char **text, size_t *tn)
{
	const char *s = l->s;
	size_t n = l->n, i = 0;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	size_t h = i;
	while (i < n && s[i] == '#')
		i++;
	size_t level = i - h;
	if (level < 1 || level > 6 || (i < n && !text_space(s[i])))
		return 0;
	const char *t = s + i;
	size_t k = n - i;
	text_trim(&t, &k);
	size_t e = k;
	while (e && t[e - 1] == '#')
		e--;
	if (e == 0 || text_space(t[e - 1]))
		k = e; /* a closing sequence: "## Hints ##" */
	text_trim(&t, &k);
	*text = t;
	*tn = k;
	return (int)level;
}

/* "5.6", "5.6.2": at least two parts of 1 to 5 digits. */
bool text_section_number(const char *s, size_t n)
{
	size_t parts = 0, i = 0;
	while (i < n) {
		size_t a = i;
		while (i < n && text_digit(s[i]))
			i++;
		if (i == a || i - a > 5)
			return false;
		parts++;
		if (i < n && (s[i] != '.' || i + 1 == n))
			return false;
		i += i < n;
	}
	return parts >= 2 && parts <= TEXT_MAX_SECTION_PARTS;
}

bool text_blank(const struct text_line *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (!text_space(l->s[i]))
			return false;
	return true;
}
