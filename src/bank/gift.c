/* gift: the Moodle GIFT importer (see gift.h).
 *
 * A question is read in three steps. Its lines (up to a blank line) are
 * unescaped into units that remember whether they came from an escape (an
 * escaped '{' is text, never syntax) and where in the file they were (for
 * line:col). The units are then cut into title, text and answer block at
 * their syntax characters, following the order of decisions of Moodle's
 * importer (qformat_gift::readquestion). Finally each piece is turned into
 * Markdown by the rules of its format marker.
 */
#include "bank/gift.h"

#include <ctype.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define S_NO_BLANK    SIZE_MAX
#define S_TITLE_WORDS 8
#define S_TITLE_BYTES 80
#define S_NAME_BYTES  60

/* What Moodle puts where the answers of a missing-word question were. */
static const char S_BLANK[] = "_____";

enum S_format { S_FMT_MOODLE, S_FMT_HTML, S_FMT_PLAIN, S_FMT_MARKDOWN };

static bool S_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Reads the character at s[i] (i < lim) and writes what may be stored for
 * it to out: invalid UTF-8 and control characters become U+FFFD so that
 * every string the bank holds is valid UTF-8 and prints safely. Returns
 * the bytes consumed; *n receives the bytes written. */
static size_t S_char_at(const char *s, size_t lim, size_t i, char out[4], size_t *n)
{
	static const char replacement[] = "\xEF\xBF\xBD";
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		if (c < 0x20 || c == 0x7F) {
			memcpy(out, replacement, 3);
			*n = 3;
		} else {
			out[0] = (char)c;
			*n = 1;
		}
		return 1;
	}
	uint32_t cp;
	size_t used = utf8_decode(s + i, lim - i, &cp);
	if (cp == UTF8_REPLACEMENT || (cp >= 0x80 && cp < 0xA0)) {
		memcpy(out, replacement, 3);
		*n = 3;
	} else {
		memcpy(out, s + i, used);
		*n = used;
	}
	return used;
}

static void S_buf_truncate(struct buf *b, size_t len)
{
	if (b->data && len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

static void S_buf_insert(struct buf *b, size_t at, char c)
{
	buf_putc(b, c);
	memmove(b->data + at + 1, b->data + at, b->len - 1 - at);
	b->data[at] = c;
}

static bool S_blank(const char *s)
{
	for (; s && *s; s++)
		if (!S_space(*s))
			return false;
	return true;
}

/* ---- Markdown output ----
 *
 * Plain and HTML text go through an emitter that holds whitespace and line
 * breaks back until the next visible output: leading and trailing space
 * disappears, runs collapse, and the emphasis markers made from <b> and <i>
 * can be kept hard against the words they wrap (CommonMark ignores "** x"). */

#define S_MAX_EMPHASIS 16

static const char *const S_emphasis_marks[] = {"**", "*"};

struct S_emit {
	struct buf *out;
	bool block;      /* block Markdown: line breaks and paragraphs are kept */
	bool html;       /* '&' is the author's entity, not a character to show */
	bool line_start; /* nothing visible on this output line yet */
	bool in_digits;  /* the line began with digits: "1." would start a list */
	bool space;      /* whitespace seen since the last output */
	int breaks;      /* line ends seen since the last output: 1 or 2 (paragraph) */
	size_t depth;    /* open emphasis markers */
	int kind[S_MAX_EMPHASIS];
	size_t open_at[S_MAX_EMPHASIS], open_end[S_MAX_EMPHASIS];
};

static void S_em_close_from(struct S_emit *em, size_t k)
{
	while (em->depth > k) {
		size_t j = --em->depth;
		if (em->out->len == em->open_end[j])
			S_buf_truncate(em->out, em->open_at[j]); /* "<b></b>": drop the pair */
		else
			buf_puts(em->out, S_emphasis_marks[em->kind[j]]);
	}
}

/* Writes the whitespace held back, now that something visible follows. */
static void S_em_flush(struct S_emit *em)
{
	struct buf *out = em->out;
	if (out->len == 0) {
		em->space = false;
		em->breaks = 0;
		return;
	}
	if (em->breaks) {
		if (em->breaks >= 2) {
			S_em_close_from(em, 0); /* emphasis cannot cross paragraphs */
			buf_puts(out, "\n\n");
		} else {
			buf_puts(out, "\\\n");
		}
		em->breaks = 0;
		em->space = false;
		em->line_start = true;
		em->in_digits = false;
		return;
	}
	if (!em->space)
		return;
	em->space = false;
	if (em->line_start)
		return;
	if (em->depth && out->len == em->open_end[em->depth - 1]) {
		/* A space right after opening markers belongs before them. */
		size_t k = em->depth - 1;
		while (k > 0 && em->open_at[k] == em->open_end[k - 1])
			k--;
		size_t at = em->open_at[k];
		if (at == 0 || out->data[at - 1] == ' ' || out->data[at - 1] == '\n')
			return;
		S_buf_insert(out, at, ' ');
		for (size_t j = k; j < em->depth; j++) {
			em->open_at[j]++;
			em->open_end[j]++;
		}
		return;
	}
	buf_putc(out, ' ');
}

static void S_em_space(struct S_emit *em)
{
	em->space = true;
}

static void S_em_break(struct S_emit *em, int n)
{
	if (!em->block) {
		em->space = true;
		return;
	}
	em->breaks = em->breaks + n > 2 ? 2 : em->breaks + n;
}

/* One character of text (n bytes at s); next is the character after it
 * ('\0' at the end) because some escapes depend on it. */
static void S_em_text(struct S_emit *em, const char *s, size_t n, char next)
{
	S_em_flush(em);
	if (n == 1) {
		char c = s[0];
		bool ws_next = next == '\0' || S_space(next);
		bool escape = c && strchr("\\`*_[]<|~", c) != NULL;
		if (em->line_start) {
			/* Block syntax starts only at the beginning of a line. */
			em->in_digits = isdigit((unsigned char)c) != 0;
			if (c == '#' || c == '>' ||
			    ((c == '-' || c == '+' || c == '=') && (ws_next || next == c)))
				escape = true;
		} else if (em->in_digits && !isdigit((unsigned char)c)) {
			if ((c == '.' || c == ')') && ws_next)
				escape = true;
			em->in_digits = false;
		}
		if (c == '&' && !em->html && (isalnum((unsigned char)next) || next == '#'))
			escape = true;
		if (escape)
			buf_putc(em->out, '\\');
		buf_putc(em->out, c);
	} else {
		buf_append(em->out, s, n);
		em->in_digits = false;
	}
	em->line_start = false;
}

/* Markdown written as is (markers, the blank, code spans). */
static void S_em_raw(struct S_emit *em, const char *s, size_t n)
{
	if (n == 0)
		return;
	S_em_flush(em);
	buf_append(em->out, s, n);
	em->line_start = false;
	em->in_digits = false;
}

static void S_em_open(struct S_emit *em, int kind)
{
	if (em->depth == S_MAX_EMPHASIS)
		return;
	S_em_flush(em);
	em->open_at[em->depth] = em->out->len;
	buf_puts(em->out, S_emphasis_marks[kind]);
	em->open_end[em->depth] = em->out->len;
	em->kind[em->depth++] = kind;
	em->line_start = false;
	em->in_digits = false;
}

/* Held-back whitespace stays held, so it lands after the closing marker. */
static void S_em_close(struct S_emit *em, int kind)
{
	for (size_t k = em->depth; k-- > 0;) {
		if (em->kind[k] == kind) {
			S_em_close_from(em, k);
			return;
		}
	}
}

/* Plain text: every character shows as itself. */
static void S_conv_plain(struct S_emit *em, const char *s, size_t len, size_t blank)
{
	size_t i = 0;
	for (;;) {
		if (i == blank)
			S_em_raw(em, S_BLANK, sizeof S_BLANK - 1);
		if (i >= len)
			break;
		char c = s[i];
		if (c == '\n') {
			S_em_break(em, 1);
			i++;
			continue;
		}
		if (S_space(c)) {
			S_em_space(em);
			i++;
			continue;
		}
		size_t lim = blank > i && blank < len ? blank : len;
		char u[4];
		size_t n;
		size_t used = S_char_at(s, lim, i, u, &n);
		char next = i + used == blank ? '_' : i + used < len ? s[i + used] : '\0';
		S_em_text(em, u, n, next);
		i += used;
	}
}

/* ---- HTML ---- */

static size_t S_put_codepoint(struct buf *dst, uint32_t cp)
{
	char tmp[4];
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp < 0x20)
		cp = UTF8_REPLACEMENT;
	size_t n = utf8_encode(cp, tmp);
	buf_append(dst, tmp, n);
	return n;
}

/* Decodes the entity at s[i] ('&') into dst; returns the bytes read, 0
 * when it is not one this importer knows (the '&' is then text). */
static size_t S_entity(const char *s, size_t len, size_t i, struct buf *dst)
{
	static const struct {
		const char *name;
		uint32_t cp;
	} named[] = {{"lt", '<'},   {"gt", '>'},    {"amp", '&'},
	             {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '}};
	size_t j = i + 1;
	while (j < len && j - i < 12 && s[j] != ';' && isalnum((unsigned char)s[j]))
		j++;
	if (j < len && s[j] == '#' && j == i + 1) {
		j++;
		bool hex = j < len && (s[j] == 'x' || s[j] == 'X');
		j += hex;
		uint32_t cp = 0;
		size_t digits = 0;
		while (j < len && digits < 8 &&
		       (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j]))) {
			int d = isdigit((unsigned char)s[j])
			            ? s[j] - '0'
			            : tolower((unsigned char)s[j]) - 'a' + 10;
			cp = cp * (hex ? 16u : 10u) + (uint32_t)d;
			j++;
			digits++;
		}
		if (!digits || j >= len || s[j] != ';')
			return 0;
		S_put_codepoint(dst, cp);
		return j + 1 - i;
	}
	if (j >= len || s[j] != ';')
		return 0;
	for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
		size_t n = strlen(named[k].name);
		if (j - i - 1 == n && memcmp(s + i + 1, named[k].name, n) == 0) {
			S_put_codepoint(dst, named[k].cp);
			return j + 1 - i;
		}
	}
	return 0;
}

/* The text inside [a, b) of HTML with tags removed and entities decoded:
 * what a code span or block must show. */
static void S_html_text(const char *s, size_t a, size_t b, bool keep_lines, struct buf *dst)
{
	bool space = false, tags = true; /* tags: a '>' may still follow */
	for (size_t i = a; i < b;) {
		char c = s[i];
		if (c == '<' && tags) {
			const char *gt = memchr(s + i, '>', b - i);
			if (gt) {
				i = (size_t)(gt - s) + 1;
				continue;
			}
			tags = false;
		}
		if (keep_lines && (c == '\n' || c == ' ' || c == '\t')) {
			buf_putc(dst, c);
			i++;
			continue;
		}
		if (S_space(c)) {
			space = true;
			i++;
			continue;
		}
		if (space && dst->len)
			buf_putc(dst, ' ');
		space = false;
		if (c == '&') {
			size_t used = S_entity(s, b, i, dst);
			if (used) {
				i += used;
				continue;
			}
		}
		char u[4];
		size_t n;
		i += S_char_at(s, b, i, u, &n);
		buf_append(dst, u, n);
	}
}

static size_t S_longest_backtick_run(const char *s, size_t n)
{
	size_t best = 0, run = 0;
	for (size_t i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

/* A code span showing n bytes of s exactly, whatever backticks they hold. */
static void S_code_span(struct buf *dst, const char *s, size_t n)
{
	if (n == 0)
		return;
	size_t fence = S_longest_backtick_run(s, n) + 1;
	bool pad = s[0] == '`' || s[n - 1] == '`' || (s[0] == ' ' && s[n - 1] == ' ');
	buf_repeat(dst, "`", fence);
	if (pad)
		buf_putc(dst, ' ');
	buf_append(dst, s, n);
	if (pad)
		buf_putc(dst, ' ');
	buf_repeat(dst, "`", fence);
}

static bool S_name_is(const char *name, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(name, word, n) == 0;
}

/* Finds "</name" (any case) in [from, lim); returns its index or lim. */
static size_t S_find_close_tag(const char *s, size_t from, size_t lim, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = from; i + 2 + n <= lim; i++) {
		if (s[i] != '<' || s[i + 1] != '/')
			continue;
		size_t k = 0;
		while (k < n && tolower((unsigned char)s[i + 2 + k]) == name[k])
			k++;
		if (k == n && (i + 2 + n == lim || !isalnum((unsigned char)s[i + 2 + n])))
			return i;
	}
	return lim;
}

/* <code> and <pre>: the content shown literally, as a code span, or for
 * <pre> in block text a fenced code block. Returns the bytes used. */
static size_t S_html_code(struct S_emit *em, const char *s, size_t content, size_t lim,
                          const char *name, bool pre)
{
	size_t close = S_find_close_tag(s, content, lim, name);
	size_t end = close;
	if (close < lim) {
		const char *gt = memchr(s + close, '>', lim - close);
		end = gt ? (size_t)(gt - s) + 1 : lim;
	}
	struct buf text = {0}, md = {0};
	bool block = pre && em->block;
	S_html_text(s, content, close, block, &text);
	if (block) {
		size_t a = 0, b = text.len;
		while (a < b && text.data[a] == '\n')
			a++;
		while (b > a && S_space(text.data[b - 1]))
			b--;
		if (a < b) {
			size_t fence = S_longest_backtick_run(text.data + a, b - a) + 1;
			fence = fence < 3 ? 3 : fence;
			buf_repeat(&md, "`", fence);
			buf_putc(&md, '\n');
			buf_append(&md, text.data + a, b - a);
			buf_putc(&md, '\n');
			buf_repeat(&md, "`", fence);
			S_em_break(em, 2);
			S_em_raw(em, md.data, md.len);
			S_em_break(em, 2);
		}
	} else {
		S_code_span(&md, buf_cstr(&text), text.len);
		S_em_raw(em, buf_cstr(&md), md.len);
	}
	buf_free(&text);
	buf_free(&md);
	return end;
}

/* The tag starting at s[i] ('<'), if it is one: handles it and returns
 * the index after it, or returns i when this '<' is text. */
static size_t S_html_tag(struct S_emit *em, const char *s, size_t i, size_t lim)
{
	size_t j = i + 1;
	bool closing = j < lim && s[j] == '/';
	j += closing;
	if (j >= lim || !isalpha((unsigned char)s[j]))
		return i;
	char name[12];
	size_t n = 0;
	while (j < lim && isalnum((unsigned char)s[j])) {
		if (n == sizeof name)
			return i;
		name[n++] = (char)tolower((unsigned char)s[j]);
		j++;
	}
	size_t gt = j;
	while (gt < lim && s[gt] != '>' && s[gt] != '<')
		gt++;
	if (gt >= lim || s[gt] != '>')
		return i;
	size_t end = gt + 1;
	bool bold = S_name_is(name, n, "b") || S_name_is(name, n, "strong");
	if (bold || S_name_is(name, n, "i") || S_name_is(name, n, "em")) {
		if (closing)
			S_em_close(em, bold ? 0 : 1);
		else
			S_em_open(em, bold ? 0 : 1);
	} else if (S_name_is(name, n, "br")) {
		S_em_break(em, 1);
	} else if (S_name_is(name, n, "p") || S_name_is(name, n, "div")) {
		S_em_break(em, 2);
	} else if (S_name_is(name, n, "span") || S_name_is(name, n, "font")) {
		/* presentational only */
	} else if (S_name_is(name, n, "code") || S_name_is(name, n, "tt") ||
	           S_name_is(name, n, "kbd") || S_name_is(name, n, "samp") ||
	           S_name_is(name, n, "pre")) {
		if (!closing) {
			char word[sizeof name + 1];
			memcpy(word, name, n);
			word[n] = '\0';
			end = S_html_code(em, s, end, lim, word, S_name_is(name, n, "pre"));
		}
	} else {
		/* Other tags pass through: Markdown shows inline HTML as such. */
		struct buf raw = {0};
		for (size_t k = i; k < end;) {
			if (S_space(s[k])) {
				buf_putc(&raw, ' ');
				k++;
				continue;
			}
			char u[4];
			size_t un;
			k += S_char_at(s, end, k, u, &un);
			buf_append(&raw, u, un);
		}
		S_em_raw(em, raw.data, raw.len);
		buf_free(&raw);
	}
	return end;
}

static void S_conv_html(struct S_emit *em, const char *s, size_t len, size_t blank)
{
	size_t i = 0;
	for (;;) {
		if (i == blank)
			S_em_raw(em, S_BLANK, sizeof S_BLANK - 1);
		if (i >= len)
			break;
		size_t lim = blank > i && blank < len ? blank : len;
		char c = s[i];
		if (c == '<') {
			size_t next = S_html_tag(em, s, i, lim);
			if (next != i) {
				i = next;
				continue;
			}
		}
		if (S_space(c)) {
			S_em_space(em);
			i++;
			continue;
		}
		char u[4];
		size_t n;
		size_t used = S_char_at(s, lim, i, u, &n);
		char after = i + used == blank ? '_' : i + used < len ? s[i + used] : '\0';
		S_em_text(em, u, n, after);
		i += used;
	}
}

/* Markdown text is the author's own: only made valid UTF-8, trimmed, and
 * for inline use put on one line. */
static void S_conv_markdown(struct buf *out, const char *s, size_t len, bool block, size_t blank)
{
	size_t i = 0;
	for (;;) {
		if (i == blank)
			buf_puts(out, S_BLANK);
		if (i >= len)
			break;
		char c = s[i];
		if (c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f') {
			if (!block || c == '\v' || c == '\f')
				c = ' ';
			else if (c == '\r')
				c = '\n';
			buf_putc(out, c);
			i++;
			continue;
		}
		size_t lim = blank > i && blank < len ? blank : len;
		char u[4];
		size_t n;
		i += S_char_at(s, lim, i, u, &n);
		buf_append(out, u, n);
	}
	size_t a = 0, b = out->len;
	while (a < b && S_space(out->data[a]))
		a++;
	while (b > a && S_space(out->data[b - 1]))
		b--;
	if (a > 0)
		memmove(out->data, out->data + a, b - a);
	S_buf_truncate(out, b - a);
}

/* len bytes of text in format fmt as Markdown, with the missing-word blank
 * at byte blank (or S_NO_BLANK). Newly allocated; "" when nothing shows. */
static char *S_markdown(const char *s, size_t len, enum S_format fmt, bool block, size_t blank)
{
	struct buf out = {0};
	if (fmt == S_FMT_MARKDOWN) {
		S_conv_markdown(&out, s, len, block, blank);
	} else {
		struct S_emit em = {
		    .out = &out, .block = block, .html = fmt == S_FMT_HTML, .line_start = true};
		if (fmt == S_FMT_HTML)
			S_conv_html(&em, s, len, blank);
		else
			S_conv_plain(&em, s, len, blank);
		S_em_close_from(&em, 0);
	}
	return buf_detach(&out);
}

char *bank_gift_plain_markdown(const char *text, size_t len, bool block)
{
	return S_markdown(text ? text : "", text ? len : 0, S_FMT_PLAIN, block, S_NO_BLANK);
}

/* Whether the HTML tag at s[i] ('<') separates words as a line would. */
static bool S_tag_breaks(const char *s, size_t len, size_t i)
{
	static const char *const names[] = {"p",   "br", "div", "li", "td", "th", "tr",
	                                    "pre", "h1", "h2",  "h3", "h4", "h5", "h6"};
	size_t j = i + 1 + (i + 1 < len && s[i + 1] == '/'), n = 0;
	while (j + n < len && isalnum((unsigned char)s[j + n]))
		n++;
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (strlen(names[k]) == n && strncasecmp(s + j, names[k], n) == 0)
			return true;
	return false;
}

/* Words of s, whitespace collapsed, at most max_words (0: no limit) and
 * about max_bytes; tags skipped when strip_tags. "" when there are none. */
static char *S_words(const char *s, size_t len, bool strip_tags, size_t max_words, size_t max_bytes)
{
	struct buf out = {0};
	size_t words = 0;
	bool in_word = false;
	for (size_t i = 0; i < len;) {
		if (strip_tags && s[i] == '<') {
			const char *gt = memchr(s + i, '>', len - i);
			if (!gt)
				strip_tags = false; /* no tag can close any more */
			if (gt && gt > s + i + 1 &&
			    (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/')) {
				if (S_tag_breaks(s, len, i))
					in_word = false;
				i = (size_t)(gt - s) + 1;
				continue;
			}
		}
		if (S_space(s[i])) {
			in_word = false;
			i++;
			continue;
		}
		if (!in_word) {
			if ((max_words && words == max_words) || out.len >= max_bytes)
				break;
			if (words)
				buf_putc(&out, ' ');
			words++;
			in_word = true;
		}
		if (out.len >= max_bytes)
			break; /* one endless word must not make an endless title */
		char u[4];
		size_t n;
		i += S_char_at(s, len, i, u, &n);
		buf_append(&out, u, n);
	}
	return buf_detach(&out);
}

char *bank_gift_title_words(const char *text, size_t len)
{
	char *w = S_words(text ? text : "", text ? len : 0, false, S_TITLE_WORDS, S_TITLE_BYTES);
	if (!*w) {
		free(w);
		w = xstrdup("Question");
	}
	return w;
}

/* What a question (or any text of the input) is called in messages:
 * clipped, so that a message stays short and whole. */
static char *S_name(const char *title)
{
	size_t n = 0, len = strlen(title);
	while (n < len && n < S_NAME_BYTES) {
		uint32_t cp;
		n += utf8_decode(title + n, len - n, &cp);
	}
	struct buf b = {0};
	buf_append(&b, title, n);
	if (n < len)
		buf_puts(&b, "...");
	return buf_detach(&b);
}

/* ---- unique ids ---- */

struct S_slot {
	const char *key;
	size_t next; /* for slug bases: the next suffix worth trying */
};

struct S_table {
	struct S_slot *slot;
	size_t cap, n;
};

static uint64_t S_hash(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct S_slot *S_lookup(const struct S_table *t, const char *key)
{
	size_t mask = t->cap - 1, i = (size_t)S_hash(key) & mask;
	while (t->slot[i].key && strcmp(t->slot[i].key, key) != 0)
		i = (i + 1) & mask;
	return &t->slot[i];
}

static bool S_has(const struct S_table *t, const char *key)
{
	return t->cap && S_lookup(t, key)->key;
}

/* The slot for key, added (borrowing key) when absent. */
static struct S_slot *S_insert(struct S_table *t, const char *key)
{
	if ((t->n + 1) * 2 > t->cap) {
		struct S_table bigger = {.cap = t->cap ? t->cap * 2 : 64};
		bigger.slot = xcalloc(bigger.cap, sizeof *bigger.slot);
		for (size_t i = 0; i < t->cap; i++)
			if (t->slot[i].key)
				*S_lookup(&bigger, t->slot[i].key) = t->slot[i];
		bigger.n = t->n;
		free(t->slot);
		*t = bigger;
	}
	struct S_slot *s = S_lookup(t, key);
	if (!s->key) {
		s->key = key;
		s->next = 2;
		t->n++;
	}
	return s;
}

void bank_gift_fill_ids(struct bank *b, size_t first)
{
	struct S_table used = {0}, bases = {0};
	for (size_t i = 0; i < b->n_questions; i++)
		if (b->questions[i].id)
			S_insert(&used, b->questions[i].id);
	for (size_t i = first; i < b->n_questions; i++) {
		struct bank_question *q = &b->questions[i];
		if (q->id)
			continue;
		char *base = bank_slug(q->title);
		if (!S_has(&used, base)) {
			q->id = base;
			S_insert(&used, q->id);
			continue;
		}
		/* Remembering the last suffix per base keeps many questions
		 * with one title linear rather than quadratic. */
		struct S_slot *slot = S_has(&bases, base) ? S_lookup(&bases, base) : NULL;
		if (slot) {
			free(base);
		} else {
			slot = S_insert(&bases, base);
		}
		struct buf id = {0};
		size_t n = slot->next;
		for (;; n++) {
			buf_reset(&id);
			buf_printf(&id, "%s-%zu", slot->key, n);
			if (!S_has(&used, id.data))
				break;
		}
		slot->next = n + 1;
		q->id = buf_detach(&id);
		S_insert(&used, q->id);
	}
	for (size_t i = 0; i < bases.cap; i++)
		free((char *)bases.slot[i].key);
	free(bases.slot);
	free(used.slot);
}

/* ---- source positions ---- */

struct S_line {
	size_t start, end; /* [start, end) of the line, without its ending */
};

struct S_gift {
	const char *text;
	size_t len;
	struct S_line *lines;
	size_t n_lines;
	struct bank *out;
	struct bank_report *rep;
	char *category; /* section from the last $CATEGORY, or NULL */
};

static void S_lines(struct S_gift *P)
{
	size_t cap = 0, i = 0;
	if (P->len >= 3 && memcmp(P->text, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* a byte order mark is not part of line 1 */
	for (;;) {
		size_t e = i;
		while (e < P->len && P->text[e] != '\n')
			e++;
		xgrow((void **)&P->lines, &cap, P->n_lines + 1, sizeof *P->lines);
		P->lines[P->n_lines].start = i;
		P->lines[P->n_lines].end = e > i && P->text[e - 1] == '\r' ? e - 1 : e;
		P->n_lines++;
		if (e >= P->len)
			break;
		i = e + 1;
	}
}

static void S_pos(const struct S_gift *P, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = P->n_lines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (P->lines[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	size_t c = off >= P->lines[lo].start ? off - P->lines[lo].start + 1 : 1;
	*line = lo + 1 > INT_MAX ? INT_MAX : (int)(lo + 1);
	*col = c > INT_MAX ? INT_MAX : (int)c;
}

/* Cuts a message that vsnprintf truncated back to a whole character. */
static void S_utf8_cut(char *msg, size_t size, int wanted)
{
	if (wanted < 0 || (size_t)wanted < size)
		return;
	size_t n = strlen(msg), k = n;
	while (k > 0 && ((unsigned char)msg[k - 1] & 0xC0) == 0x80)
		k--;
	if (k == 0)
		return;
	unsigned char lead = (unsigned char)msg[k - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (k - 1) < need)
		msg[k - 1] = '\0';
}

__attribute__((format(printf, 4, 5))) static void S_diag(struct S_gift *P, enum bank_severity sev,
                                                         size_t off, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	int wanted = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	S_utf8_cut(msg, sizeof msg, wanted);
	int line, col;
	S_pos(P, off, &line, &col);
	bank_report_add(P->rep, sev, line, col, "%s", msg);
}

/* ---- units: the unescaped text of one question ---- */

struct S_unit {
	size_t off; /* byte offset in the file */
	char c;
	bool lit; /* from an escape: never syntax */
};

struct S_text {
	struct S_unit *u;
	size_t len, cap;
};

static void S_push(struct S_text *t, char c, bool lit, size_t off)
{
	xgrow((void **)&t->u, &t->cap, t->len + 1, sizeof *t->u);
	t->u[t->len++] = (struct S_unit){.off = off, .c = c, .lit = lit};
}

/* Whether unit i is the syntax character c. */
static bool S_syn(const struct S_text *t, size_t i, char c)
{
	return i < t->len && !t->u[i].lit && t->u[i].c == c;
}

static void S_trim(const struct S_text *t, size_t *a, size_t *b)
{
	while (*a < *b && S_space(t->u[*a].c))
		(*a)++;
	while (*b > *a && S_space(t->u[*b - 1].c))
		(*b)--;
}

static size_t S_find(const struct S_text *t, size_t a, size_t b, char c)
{
	for (size_t i = a; i < b; i++)
		if (S_syn(t, i, c))
			return i;
	return b;
}

/* The first "->" in [a, b), or b. */
static size_t S_find_arrow(const struct S_text *t, size_t a, size_t b)
{
	for (size_t i = a; i + 1 < b; i++)
		if (S_syn(t, i, '-') && S_syn(t, i + 1, '>'))
			return i;
	return b;
}

static void S_copy(const struct S_text *t, size_t a, size_t b, struct buf *dst)
{
	for (size_t i = a; i < b; i++)
		buf_putc(dst, t->u[i].c);
}

static size_t S_off(const struct S_text *t, size_t i)
{
	return t->len == 0 ? 0 : t->u[i < t->len ? i : t->len - 1].off;
}

/* Appends line [a, b) of the file to t with GIFT's escapes undone. */
static void S_unescape_line(const struct S_gift *P, size_t a, size_t b, struct S_text *t)
{
	for (size_t i = a; i < b; i++) {
		char c = P->text[i];
		if (c == '\\' && i + 1 < b) {
			char e = P->text[i + 1];
			if (e && strchr("\\~=#{}:", e)) {
				S_push(t, e, true, i);
				i++;
				continue;
			}
			if (e == 'n') {
				S_push(t, '\n', true, i);
				i++;
				continue;
			}
			/* Other backslashes are text; what follows keeps its meaning. */
			S_push(t, c, true, i);
			continue;
		}
		S_push(t, c, false, i);
	}
}

/* ---- format markers ---- */

/* A "[html]"-style marker at the start of [*a, b) of t: strips it and
 * returns its format; returns dflt and leaves *a when there is none. */
static enum S_format S_marker(const struct S_text *t, size_t *a, size_t b, enum S_format dflt)
{
	static const char *const names[] = {"moodle", "html", "plain", "markdown"};
	if (!S_syn(t, *a, '[') || *a >= b)
		return dflt;
	size_t close = *a + 1;
	while (close < b && close - *a <= 10 && t->u[close].c != ']')
		close++;
	if (close >= b || t->u[close].c != ']')
		return dflt;
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		size_t n = strlen(names[k]);
		if (close - *a - 1 != n)
			continue;
		size_t j = 0;
		while (j < n && t->u[*a + 1 + j].c == names[k][j])
			j++;
		if (j == n) {
			*a = close + 1;
			return (enum S_format)k;
		}
	}
	return dflt;
}

/* [a, b) of t (its own marker first) as Markdown, or NULL when blank. */
static char *S_part(const struct S_text *t, size_t a, size_t b, enum S_format dflt, bool block)
{
	S_trim(t, &a, &b);
	enum S_format fmt = S_marker(t, &a, b, dflt);
	S_trim(t, &a, &b);
	if (a >= b)
		return NULL;
	struct buf raw = {0};
	S_copy(t, a, b, &raw);
	char *md = S_markdown(raw.data, raw.len, fmt, block, S_NO_BLANK);
	buf_free(&raw);
	if (S_blank(md)) {
		free(md);
		return NULL;
	}
	return md;
}

/* An answer that learners type: Moodle compares it as plain text, so
 * unless it was written as Markdown it is stored as text or, when
 * Markdown would read some of it as syntax, as one code span (which the
 * grader compares without its backticks). NULL when blank. */
static char *S_typed_answer(const struct S_text *t, size_t a, size_t b, enum S_format dflt)
{
	S_trim(t, &a, &b);
	enum S_format fmt = S_marker(t, &a, b, dflt);
	if (fmt == S_FMT_MARKDOWN)
		return S_part(t, a, b, fmt, false);
	S_trim(t, &a, &b);
	struct buf raw = {0};
	S_copy(t, a, b, &raw);
	char *plain = S_words(buf_cstr(&raw), raw.len, false, 0, SIZE_MAX);
	buf_free(&raw);
	if (!*plain) {
		free(plain);
		return NULL;
	}
	char *md = bank_gift_plain_markdown(plain, strlen(plain), false);
	if (strcmp(md, plain) == 0) {
		free(md);
		return plain;
	}
	struct buf span = {0};
	S_code_span(&span, plain, strlen(plain));
	free(md);
	free(plain);
	return buf_detach(&span);
}

/* ---- numbers ---- */

/* A decimal number in [s, s+n), trimmed: sign, digits, fraction,
 * exponent. Read the same way whatever the process locale (strtod alone
 * reads "1.5" as 1 under a locale with a decimal comma). */
static bool S_decimal(const char *s, size_t n, double *out)
{
	while (n && S_space(*s)) {
		s++;
		n--;
	}
	while (n && S_space(s[n - 1]))
		n--;
	size_t i = 0, digits = 0, dot = SIZE_MAX;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < n && isdigit((unsigned char)s[i]); i++)
		digits++;
	if (i < n && s[i] == '.') {
		dot = i++;
		for (; i < n && isdigit((unsigned char)s[i]); i++)
			digits++;
	}
	if (!digits)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = ++i;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t exp_digits = 0;
		for (; i < n && isdigit((unsigned char)s[i]); i++)
			exp_digits++;
		if (!exp_digits || i - e > 12)
			return false;
	}
	if (i != n || n > 400)
		return false;
	const char *point = localeconv()->decimal_point;
	struct buf tmp = {0};
	for (size_t k = 0; k < n; k++) {
		if (k == dot)
			buf_puts(&tmp, point && *point ? point : ".");
		else
			buf_putc(&tmp, s[k]);
	}
	char *end;
	double v = strtod(tmp.data, &end);
	bool ok = *end == '\0' && isfinite(v);
	buf_free(&tmp);
	if (ok)
		*out = v;
	return ok;
}

/* GIFT's numerical forms: "3", "3:0.5" (value:tolerance), "1..5". Returns
 * NULL or why the text is not one of them. */
static const char *S_number_form(const char *s, size_t n, struct bank_number *num)
{
	const char *dots = NULL;
	for (size_t i = 1; i + 1 < n && !dots; i++)
		if (s[i] == '.' && s[i + 1] == '.')
			dots = s + i;
	const char *colon = n > 1 ? memchr(s + 1, ':', n - 1) : NULL;
	double a, b;
	if (dots) {
		if (!S_decimal(s, (size_t)(dots - s), &a) ||
		    !S_decimal(dots + 2, n - (size_t)(dots + 2 - s), &b))
			return "is not a number, value:tolerance or min..max";
		if (a > b)
			return "is an empty range (write the smaller number first)";
		num->is_range = true;
		num->lo = a;
		num->hi = b;
		num->value = a + (b - a) / 2;
		num->tolerance = 0;
		return NULL;
	}
	if (colon) {
		if (!S_decimal(s, (size_t)(colon - s), &a) ||
		    !S_decimal(colon + 1, n - (size_t)(colon + 1 - s), &b))
			return "is not a number, value:tolerance or min..max";
		if (b < 0)
			return "has a negative tolerance";
		num->value = a;
		num->tolerance = b;
		num->lo = a - b;
		num->hi = a + b;
		return NULL;
	}
	if (!S_decimal(s, n, &a))
		return "is not a number, value:tolerance or min..max";
	num->value = num->lo = num->hi = a;
	num->tolerance = 0;
	return NULL;
}

/* ---- answers ---- */

struct S_answer {
	size_t mark; /* unit of the '=' or '~', or of the text when unmarked */
	char marker; /* '=', '~' or '\0' */
	size_t a, b; /* the rest, trimmed: credit, text and feedback */
};

/* Cuts [a, b) at every syntax character in marks. Text before the first
 * mark is an unmarked answer, as Moodle reads it. */
static size_t S_split(const struct S_text *t, size_t a, size_t b, const char *marks,
                      struct S_answer **out)
{
	struct S_answer *v = NULL;
	size_t n = 0, cap = 0, from = a, mark = a;
	char marker = '\0';
	for (size_t i = a; i <= b; i++) {
		bool is_mark = i < b && !t->u[i].lit && t->u[i].c && strchr(marks, t->u[i].c);
		if (i < b && !is_mark)
			continue;
		size_t x = from, y = i;
		S_trim(t, &x, &y);
		if (marker || x < y) {
			xgrow((void **)&v, &cap, n + 1, sizeof *v);
			v[n++] = (struct S_answer){
			    .mark = marker ? mark : x, .marker = marker, .a = x, .b = y};
		}
		if (i < b) {
			marker = t->u[i].c;
			mark = i;
			from = i + 1;
		}
	}
	*out = v;
	return n;
}

enum S_credit { S_CREDIT_NONE, S_CREDIT_OK, S_CREDIT_BAD };

/* A credit "%50%" or "%-25%" at the start of [*a, b): Moodle's pattern,
 * anything else starting with '%' is answer text. */
static enum S_credit S_credit(struct S_gift *P, const struct S_text *t, size_t *a, size_t b,
                              double *weight)
{
	if (!S_syn(t, *a, '%'))
		return S_CREDIT_NONE;
	char num[40];
	size_t n = 0, i = *a + 1;
	if (i < b && t->u[i].c == '-')
		num[n++] = t->u[i++].c;
	size_t digits = 0;
	while (i < b && n < 30 && isdigit((unsigned char)t->u[i].c)) {
		num[n++] = t->u[i++].c;
		digits++;
	}
	if (i < b && t->u[i].c == '.' && n < 30) {
		num[n++] = t->u[i++].c;
		while (i < b && n < 30 && isdigit((unsigned char)t->u[i].c))
			num[n++] = t->u[i++].c;
	}
	double v;
	if (!digits || i >= b || t->u[i].c != '%' || !S_decimal(num, n, &v))
		return S_CREDIT_NONE;
	if (v < -100 || v > 100) {
		S_diag(P, BANK_ERROR, S_off(t, *a), "credit %.*s%% is outside -100%%..100%%",
		       (int)n, num);
		return S_CREDIT_BAD;
	}
	*weight = v / 100.0;
	*a = i + 1;
	S_trim(t, a, &b);
	return S_CREDIT_OK;
}

/* Splits an answer at its first '#' into text and feedback ([*fa, fb)). */
static size_t S_feedback_at(const struct S_text *t, size_t a, size_t b)
{
	return S_find(t, a, b, '#');
}

/* ---- question metadata from "// studyterm:" ---- */

struct S_meta {
	bool present;
	size_t off; /* the comment, for messages */
	char *id, *section, *dataset;
	int difficulty;
	unsigned flags;
	bool has_type;
	enum bank_qtype type;
	size_t type_off;
};

static void S_meta_clear(struct S_meta *m)
{
	free(m->id);
	free(m->section);
	free(m->dataset);
	memset(m, 0, sizeof *m);
}

static char *S_clean(const char *s, size_t n)
{
	return S_words(s, n, false, 0, SIZE_MAX);
}

/* One field [b, e) of the comment: "key: value" or a flag word. */
static void S_meta_field(struct S_gift *P, struct S_meta *m, size_t b, size_t e)
{
	const char *s = P->text;
	while (b < e && S_space(s[b]))
		b++;
	while (e > b && S_space(s[e - 1]))
		e--;
	if (b == e)
		return;
	const char *colon = memchr(s + b, ':', e - b);
	if (!colon) {
		unsigned flag = bank_flag_parse(s + b, e - b);
		if (flag) {
			m->flags |= flag;
			return;
		}
		char *clean = S_clean(s + b, e - b), *word = S_name(clean);
		free(clean);
		S_diag(P, BANK_ERROR, b,
		       "unknown flag '%s' (known: no-shuffle, all-or-nothing, case-sensitive, "
		       "ordered, python-output)",
		       word);
		free(word);
		return;
	}
	size_t ke = (size_t)(colon - s);
	while (ke > b && S_space(s[ke - 1]))
		ke--;
	char *key = S_clean(s + b, ke - b);
	char *value = S_clean(colon + 1, e - (size_t)(colon + 1 - s));
	char *shown_key = S_name(key), *shown = S_name(value);
	if (!*value) {
		S_diag(P, BANK_ERROR, b, "'%s:' has no value", shown_key);
	} else if (strcmp(key, "id") == 0) {
		if (bank_id_valid(value)) {
			free(m->id);
			m->id = value;
			value = NULL;
		} else {
			S_diag(P, BANK_ERROR, b,
			       "id '%s' may use only a-z, 0-9, '.', '_' and '-' and must start "
			       "with a letter or digit",
			       shown);
		}
	} else if (strcmp(key, "section") == 0) {
		free(m->section);
		m->section = value;
		value = NULL;
	} else if (strcmp(key, "difficulty") == 0) {
		if (strlen(value) == 1 && value[0] >= '1' && value[0] <= '3')
			m->difficulty = value[0] - '0';
		else
			S_diag(P, BANK_ERROR, b, "difficulty must be 1, 2 or 3, not '%s'", shown);
	} else if (strcmp(key, "type") == 0) {
		if (bank_qtype_parse(value, &m->type)) {
			m->has_type = true;
			m->type_off = b;
		} else {
			S_diag(
			    P, BANK_ERROR, b,
			    "unknown type '%s' (single, multi, truefalse, short, numeric, order, "
			    "match, sql)",
			    shown);
		}
	} else if (strcmp(key, "dataset") == 0) {
		free(m->dataset);
		m->dataset = value;
		value = NULL;
	} else {
		S_diag(P, BANK_ERROR, b,
		       "unknown field '%s' (known: id, section, difficulty, type, dataset)",
		       shown_key);
	}
	free(key);
	free(value);
	free(shown_key);
	free(shown);
}

/* If line [a, b) (trimmed, starting with "//") is a studyterm comment,
 * returns where its fields start; else 0. */
static size_t S_meta_start(const struct S_gift *P, size_t a, size_t b)
{
	static const char tag[] = "studyterm:";
	size_t i = a + 2;
	while (i < b && (P->text[i] == ' ' || P->text[i] == '\t'))
		i++;
	if (b - i >= sizeof tag - 1 && memcmp(P->text + i, tag, sizeof tag - 1) == 0)
		return i + sizeof tag - 1;
	return 0;
}

/* The fields, separated by '·' (U+00B7) or '|'. */
static void S_meta_parse(struct S_gift *P, struct S_meta *m, size_t a, size_t from, size_t b)
{
	if (!m->present)
		m->off = a;
	m->present = true;
	size_t field = from;
	for (size_t i = from; i <= b;) {
		bool dot = i + 1 < b && (unsigned char)P->text[i] == 0xC2 &&
		           (unsigned char)P->text[i + 1] == 0xB7;
		if (i == b || P->text[i] == '|' || dot) {
			S_meta_field(P, m, field, i);
			i += dot ? 2 : 1;
			field = i;
		} else {
			i++;
		}
	}
}

/* ---- questions ---- */

static bool S_build_choices(struct S_gift *P, const struct S_text *t, size_t ob, size_t a, size_t b,
                            enum S_format fmt, const char *name, struct bank_question *q)
{
	struct S_answer *ans;
	size_t n = S_split(t, a, b, "=~", &ans);
	bool ok = true, single = false;
	size_t first_tilde = b;
	for (size_t i = 0; i < n; i++) {
		single |= ans[i].marker == '=';
		if (ans[i].marker == '~' && first_tilde == b)
			first_tilde = ans[i].mark;
	}
	for (size_t i = 0; i < n && ok; i++) {
		size_t h = S_feedback_at(t, ans[i].a, ans[i].b);
		if (ans[i].marker == '=' && S_find_arrow(t, ans[i].a, h) < h) {
			S_diag(P, BANK_ERROR, S_off(t, first_tilde),
			       "'~' in a matching question: its answers are '=left -> right' pairs "
			       "(write \\~ for a literal '~')");
			ok = false;
		}
	}
	if (ok && n < 2) {
		S_diag(P, BANK_ERROR, S_off(t, ob),
		       "multiple-choice question '%s' needs at least two answers", name);
		ok = false;
	}
	size_t full = 0;
	bool marked = false;
	double positive = 0;
	for (size_t i = 0; i < n && ok; i++) {
		struct S_answer *an = &ans[i];
		size_t x = an->a;
		double w = an->marker == '=' ? 1.0 : 0.0;
		enum S_credit cr = S_credit(P, t, &x, an->b, &w);
		if (cr == S_CREDIT_BAD) {
			ok = false;
			break;
		}
		if (cr == S_CREDIT_OK && an->marker == '=') {
			S_diag(P, BANK_ERROR, S_off(t, an->a),
			       "'=' marks the right answer with full credit; write ~%%50%% for "
			       "partial credit");
			ok = false;
			break;
		}
		size_t h = S_feedback_at(t, x, an->b);
		struct bank_choice *c = bank_question_add_choice(q);
		c->text = S_part(t, x, h, fmt, false);
		c->feedback = h < an->b ? S_part(t, h + 1, an->b, fmt, true) : NULL;
		if (!c->text) {
			c->text = xstrdup("");
			S_diag(P, BANK_ERROR, S_off(t, an->mark), "answer %zu of '%s' has no text",
			       i + 1, name);
			ok = false;
			break;
		}
		c->weight = w;
		if (single) {
			/* Moodle gives full credit for every answer worth 100%; the
			 * first is the one studyterm marks right, the others keep
			 * their credit as an explicit weight. */
			full += w == 1.0;
			if (an->marker == '=' && !marked)
				marked = c->correct = true;
			c->has_weight = cr == S_CREDIT_OK;
		} else {
			c->has_weight = true;
			c->correct = w > 0;
			if (w > 0)
				positive += w;
		}
	}
	if (ok && single && full > 1) {
		for (size_t i = 0; i < q->n_choices; i++)
			if (q->choices[i].weight == 1.0)
				q->choices[i].has_weight = true;
		S_diag(P, BANK_WARNING, S_off(t, ob),
		       "question '%s' has %zu answers worth full credit; studyterm shows the first "
		       "as the answer and gives the others full credit too",
		       name, full);
	}
	if (ok && !single) {
		/* Moodle's own check when it saves a multiple-response question:
		 * the positive credits, rounded to whole percents, make 100. */
		double percent = round(positive * 100.0);
		if (positive <= 0) {
			S_diag(
			    P, BANK_ERROR, S_off(t, ob),
			    "no answer of '%s' earns credit: mark the right one with '=' or give "
			    "the right ones credits such as ~%%50%%",
			    name);
			ok = false;
		} else if (percent != 100.0) {
			S_diag(P, BANK_ERROR, S_off(t, ob),
			       "the positive credits of '%s' add up to %g%%, not 100%%", name,
			       positive * 100.0);
			ok = false;
		}
	}
	if (ok)
		q->type = single ? BANK_SINGLE : BANK_MULTI;
	free(ans);
	return ok;
}

/* Always succeeds: the caller has seen T, TRUE, F or FALSE before '#'. */
static bool S_build_truefalse(const struct S_text *t, size_t a, size_t b, enum S_format fmt,
                              struct bank_question *q)
{
	size_t h1 = S_feedback_at(t, a, b);
	size_t h2 = h1 < b ? S_feedback_at(t, h1 + 1, b) : b;
	size_t x = a, y = h1;
	S_trim(t, &x, &y);
	bool is_true = t->u[x].c == 'T';
	q->type = BANK_TRUEFALSE;
	struct bank_choice *yes = bank_question_add_choice(q);
	struct bank_choice *no = bank_question_add_choice(q);
	yes->text = xstrdup("True");
	no->text = xstrdup("False");
	struct bank_choice *right = is_true ? yes : no, *wrong = is_true ? no : yes;
	right->correct = true;
	/* {T#shown when wrong#shown when right}: each goes to the option
	 * whose choice makes it true. */
	if (h1 < b)
		wrong->feedback = S_part(t, h1 + 1, h2, fmt, true);
	if (h2 < b)
		right->feedback = S_part(t, h2 + 1, b, fmt, true);
	return true;
}

static bool S_build_short(struct S_gift *P, const struct S_text *t, size_t a, size_t b,
                          enum S_format fmt, const char *name, struct bank_question *q)
{
	struct S_answer *ans;
	size_t n = S_split(t, a, b, "=", &ans);
	bool ok = true;
	q->type = BANK_SHORT;
	for (size_t i = 0; i < n && ok; i++) {
		size_t x = ans[i].a;
		double w = 1.0;
		enum S_credit cr = S_credit(P, t, &x, ans[i].b, &w);
		if (cr == S_CREDIT_BAD || (cr == S_CREDIT_OK && w < 0)) {
			if (cr == S_CREDIT_OK)
				S_diag(P, BANK_ERROR, S_off(t, ans[i].a),
				       "a short answer's credit must be 0%%..100%%");
			ok = false;
			break;
		}
		size_t h = S_feedback_at(t, x, ans[i].b);
		char *text = S_typed_answer(t, x, h, fmt);
		if (!text) {
			S_diag(P, BANK_ERROR, S_off(t, ans[i].mark),
			       "answer %zu of '%s' has no text", i + 1, name);
			ok = false;
			break;
		}
		struct bank_choice *c = bank_question_add_choice(q);
		c->text = text;
		c->correct = true;
		c->has_weight = cr == S_CREDIT_OK;
		c->weight = w;
		c->feedback = h < ans[i].b ? S_part(t, h + 1, ans[i].b, fmt, true) : NULL;
		if (strchr(text, '*'))
			S_diag(P, BANK_WARNING, S_off(t, x),
			       "question '%s': Moodle reads '*' in a short answer as a wildcard; "
			       "studyterm compares it literally",
			       name);
	}
	free(ans);
	return ok;
}

static bool S_build_numeric(struct S_gift *P, const struct S_text *t, size_t ob, size_t a, size_t b,
                            enum S_format fmt, const char *name, struct bank_question *q)
{
	/* After '#': the answers, then optionally '~' and the feedback for
	 * any other number, which studyterm has no place for. */
	size_t tilde = S_find(t, a + 1, b, '~');
	if (tilde < b) {
		size_t x = tilde + 1, y = b;
		S_trim(t, &x, &y);
		if (x < y)
			S_diag(P, BANK_SKIPPED, S_off(t, tilde),
			       "question '%s': the feedback for any other number ('~' part) has no "
			       "place in studyterm and is left out",
			       name);
	}
	struct S_answer *ans;
	size_t n = S_split(t, a + 1, tilde, "=", &ans);
	bool ok = true;
	q->type = BANK_NUMERIC;
	if (n == 0) {
		S_diag(P, BANK_ERROR, S_off(t, ob), "numerical question '%s' has no number", name);
		ok = false;
	}
	for (size_t i = 0; i < n && ok; i++) {
		size_t x = ans[i].a;
		double w = 1.0;
		enum S_credit cr = S_credit(P, t, &x, ans[i].b, &w);
		if (cr == S_CREDIT_BAD || (cr == S_CREDIT_OK && w < 0)) {
			if (cr == S_CREDIT_OK)
				S_diag(P, BANK_ERROR, S_off(t, ans[i].a),
				       "a numerical answer's credit must be 0%%..100%%");
			ok = false;
			break;
		}
		size_t h = S_feedback_at(t, x, ans[i].b);
		size_t y = h;
		S_trim(t, &x, &y);
		struct buf num = {0};
		S_copy(t, x, y, &num);
		struct bank_number *nb = bank_question_add_number(q);
		const char *why = S_number_form(buf_cstr(&num), num.len, nb);
		if (why) {
			char *clean = S_clean(buf_cstr(&num), num.len), *shown = S_name(clean);
			free(clean);
			S_diag(P, BANK_ERROR, S_off(t, x < y ? x : ans[i].mark),
			       "numerical answer '%s' %s", shown, why);
			free(shown);
			ok = false;
		}
		buf_free(&num);
		nb->weight = w;
		nb->feedback = h < ans[i].b ? S_part(t, h + 1, ans[i].b, fmt, true) : NULL;
	}
	free(ans);
	return ok;
}

static bool S_build_match(struct S_gift *P, const struct S_text *t, size_t ob, size_t a, size_t b,
                          enum S_format fmt, const char *name, struct bank_question *q)
{
	struct S_answer *ans;
	size_t n = S_split(t, a, b, "=", &ans);
	bool ok = true;
	q->type = BANK_MATCH;
	for (size_t i = 0; i < n && ok; i++) {
		size_t arrow = S_find_arrow(t, ans[i].a, ans[i].b);
		if (arrow == ans[i].b) {
			S_diag(P, BANK_ERROR, S_off(t, ans[i].mark),
			       "matching answer %zu of '%s' needs the form 'left -> right'", i + 1,
			       name);
			ok = false;
			break;
		}
		char *right = S_typed_answer(t, arrow + 2, ans[i].b, fmt);
		char *left = S_part(t, ans[i].a, arrow, fmt, false);
		if (!right) {
			S_diag(P, BANK_ERROR, S_off(t, arrow),
			       "matching answer %zu of '%s' has nothing after '->'", i + 1, name);
			free(left);
			ok = false;
			break;
		}
		if (!left) {
			/* Moodle's extra wrong answer on the right; studyterm
			 * matches pairs only. */
			char *shown = S_name(right);
			S_diag(P, BANK_SKIPPED, S_off(t, ans[i].mark),
			       "question '%s': the extra answer '%s' (nothing on its left) has no "
			       "place in studyterm and is left out",
			       name, shown);
			free(shown);
			free(right);
			continue;
		}
		struct bank_pair *p = bank_question_add_pair(q);
		p->left = left;
		p->right = right;
	}
	if (ok && q->n_pairs < 2) {
		S_diag(P, BANK_ERROR, S_off(t, ob),
		       "matching question '%s' needs at least two pairs", name);
		ok = false;
	}
	free(ans);
	return ok;
}

/* The section a $CATEGORY path gives: its last component, or the section
 * number it starts with ("5.6" from ".../5.6 Migrations"). NULL for none. */
static char *S_category_section(const char *s, size_t n)
{
	/* Moodle writes a '/' inside a category name as "//". */
	size_t from = 0, last_a = 0, last_b = 0;
	bool have = false, after_context = false, last_after_context = false;
	for (size_t i = 0; i <= n; i++) {
		if (i + 1 < n && s[i] == '/' && s[i + 1] == '/') {
			i++;
			continue;
		}
		if (i < n && s[i] != '/')
			continue;
		size_t a = from, b = i;
		from = i + 1;
		while (a < b && S_space(s[a]))
			a++;
		while (b > a && S_space(s[b - 1]))
			b--;
		if (a == b)
			continue;
		if (s[a] == '$' && s[b - 1] == '$' && b - a > 1) {
			/* "$course$": a context, not a category */
			after_context = true;
			have = false;
			continue;
		}
		last_a = a;
		last_b = b;
		last_after_context = after_context;
		after_context = false;
		have = true;
	}
	if (!have)
		return NULL;
	size_t a = last_a, end = last_b;
	if (last_after_context && end - a == 3 && memcmp(s + a, "top", 3) == 0)
		return NULL; /* Moodle's root category */
	size_t d = a;
	while (d < end && isdigit((unsigned char)s[d])) {
		while (d < end && isdigit((unsigned char)s[d]))
			d++;
		if (d + 1 < end && s[d] == '.' && isdigit((unsigned char)s[d + 1]))
			d++;
		else
			break;
	}
	if (d > a && (d == end || S_space(s[d])))
		return xstrndup(s + a, d - a);
	struct buf name = {0};
	for (size_t i = a; i < end; i++) {
		if (s[i] == '/' && i + 1 < end && s[i + 1] == '/')
			i++;
		buf_putc(&name, s[i]);
	}
	char *clean = S_clean(buf_cstr(&name), name.len);
	buf_free(&name);
	return clean;
}

static void S_finish(struct S_gift *P, struct bank_question *q, struct S_meta *meta,
                     const char *title, size_t start)
{
	int line, col;
	S_pos(P, start, &line, &col);
	q->line = line;
	q->title = xstrdup(title);
	if (meta && meta->id)
		q->id = xstrdup(meta->id);
	if (meta && meta->section && *meta->section)
		q->section = xstrdup(meta->section);
	else
		q->section = xstrdup(P->category ? P->category : "general");
	if (meta) {
		q->difficulty = meta->difficulty;
		q->flags = meta->flags;
		if (meta->dataset)
			q->dataset = xstrdup(meta->dataset);
	}
	struct bank_question *slot = bank_add_question(P->out);
	*slot = *q;
	memset(q, 0, sizeof *q);
}

/* One question: the unescaped units of its lines. */
static void S_question(struct S_gift *P, const struct S_text *t, struct S_meta *meta)
{
	size_t a = 0, b = t->len;
	S_trim(t, &a, &b);
	if (a >= b)
		return;
	size_t start = t->u[a].off;
	size_t errors = P->rep->n_errors;
	char *title = NULL, *name = NULL;
	struct bank_question q = {0};
	struct buf raw = {0};

	if (S_syn(t, a, ':') && S_syn(t, a + 1, ':')) {
		size_t e = a + 2;
		while (e + 1 < b && !(S_syn(t, e, ':') && S_syn(t, e + 1, ':')))
			e++;
		if (e + 1 >= b) {
			S_diag(P, BANK_ERROR, S_off(t, a),
			       "'::' starts a question title but no '::' ends it (write \\: for a "
			       "literal colon)");
			goto done;
		}
		S_copy(t, a + 2, e, &raw);
		title = S_clean(buf_cstr(&raw), raw.len);
		buf_reset(&raw);
		if (!*title) {
			free(title);
			title = NULL;
		}
		a = e + 2;
		S_trim(t, &a, &b);
	}

	size_t ob = S_find(t, a, b, '{'), cb = S_find(t, a, b, '}');
	if (ob == b && cb == b) {
		S_copy(t, a, b, &raw);
		if (!title) {
			title =
			    S_words(buf_cstr(&raw), raw.len, true, S_TITLE_WORDS, S_TITLE_BYTES);
			if (!*title) {
				free(title);
				title = xstrdup("Question");
			}
		}
		name = S_name(title);
		S_diag(P, BANK_SKIPPED, start,
		       "description '%s' left out: text without an answer block {...} is not a "
		       "question",
		       name);
		goto done;
	}
	if (ob == b || cb < ob) {
		S_diag(P, BANK_ERROR, S_off(t, cb),
		       "'}' without a '{' before it (write \\} for a literal brace)");
		goto done;
	}
	if (cb == b) {
		S_diag(P, BANK_ERROR, S_off(t, ob),
		       "'{' is not closed by '}' before the blank line that ends the question");
		goto done;
	}
	size_t nested = S_find(t, ob + 1, cb, '{');
	if (nested < cb) {
		S_diag(P, BANK_ERROR, S_off(t, nested),
		       "'{' inside an answer block (write \\{ for a literal brace)");
		goto done;
	}
	size_t more = S_find(t, cb + 1, b, '{');
	size_t more_close = S_find(t, cb + 1, b, '}');
	if (more_close < more)
		more = more_close;
	if (more < b) {
		S_diag(P, BANK_ERROR, S_off(t, more),
		       "a question has one answer block; is a blank line missing before the next "
		       "question?");
		goto done;
	}

	/* The text, with the blank where the answers were when text follows them. */
	S_copy(t, a, ob, &raw);
	size_t blank = S_NO_BLANK;
	size_t pa = cb + 1, pb = b;
	S_trim(t, &pa, &pb);
	if (pa < pb) {
		blank = raw.len;
		S_copy(t, cb + 1, b, &raw);
	}
	enum S_format fmt = S_FMT_MOODLE;
	size_t skip = 0;
	{
		size_t m = a;
		fmt = S_marker(t, &m, ob, S_FMT_MOODLE);
		skip = m - a;
	}
	const char *text = buf_cstr(&raw) + skip;
	size_t text_len = raw.len - skip;
	size_t text_blank = blank == S_NO_BLANK ? S_NO_BLANK : blank - skip;
	q.stem = S_markdown(text, text_len, fmt, true, text_blank);
	if (title) {
		name = S_name(title);
	} else {
		struct buf shown = {0};
		buf_append(&shown, text, text_blank == S_NO_BLANK ? text_len : text_blank);
		if (text_blank != S_NO_BLANK) {
			buf_puts(&shown, S_BLANK);
			buf_append(&shown, text + text_blank, text_len - text_blank);
		}
		title = S_words(buf_cstr(&shown), shown.len, fmt == S_FMT_HTML, S_TITLE_WORDS,
		                S_TITLE_BYTES);
		buf_free(&shown);
		if (!*title) {
			free(title);
			title = xstrdup("Question");
		}
		name = S_name(title);
	}
	if (S_blank(q.stem)) {
		S_diag(P, BANK_ERROR, S_off(t, ob), "a question needs text before its answers");
		goto done;
	}

	/* The answer block, without the general feedback after "####". */
	size_t aa = ob + 1, ab = cb;
	for (size_t k = ab; k >= aa + 4; k--) {
		if (S_syn(t, k - 4, '#') && S_syn(t, k - 3, '#') && S_syn(t, k - 2, '#') &&
		    S_syn(t, k - 1, '#')) {
			q.explanation = S_part(t, k, ab, fmt, true);
			ab = k - 4;
			break;
		}
	}
	S_trim(t, &aa, &ab);

	bool ok;
	if (aa == ab) {
		S_diag(P, BANK_SKIPPED, start,
		       "essay question '%s' left out: studyterm has no questions answered in free "
		       "text",
		       name);
		goto done;
	} else if (S_syn(t, aa, '#')) {
		ok = S_build_numeric(P, t, ob, aa, ab, fmt, name, &q);
	} else if (S_find(t, aa, ab, '~') < ab) {
		ok = S_build_choices(P, t, ob, aa, ab, fmt, name, &q);
	} else if (S_find(t, aa, ab, '=') < ab && S_find_arrow(t, aa, ab) < ab) {
		ok = S_build_match(P, t, ob, aa, ab, fmt, name, &q);
	} else {
		size_t x = aa, y = S_feedback_at(t, aa, ab);
		S_trim(t, &x, &y);
		struct buf word = {0};
		S_copy(t, x, y, &word);
		const char *w = buf_cstr(&word);
		bool tf = strlen(w) == word.len && (strcmp(w, "T") == 0 || strcmp(w, "TRUE") == 0 ||
		                                    strcmp(w, "F") == 0 || strcmp(w, "FALSE") == 0);
		buf_free(&word);
		if (tf)
			ok = S_build_truefalse(t, aa, ab, fmt, &q);
		else
			ok = S_build_short(P, t, aa, ab, fmt, name, &q);
	}
	if (!ok)
		goto done;
	if (meta && meta->has_type && meta->type != q.type) {
		S_diag(P, BANK_ERROR, meta->type_off,
		       "type: %s does not fit the answers of '%s', which make a %s question",
		       bank_qtype_name(meta->type), name, bank_qtype_name(q.type));
		goto done;
	}
	if (P->rep->n_errors == errors)
		S_finish(P, &q, meta, title, start);
done:
	bank_question_clear(&q);
	buf_free(&raw);
	free(title);
	free(name);
}

static bool S_starts(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);
	return n >= k && memcmp(s, word, k) == 0;
}

/* The lines [l0, l1) between blank lines: comments, a category, one question. */
static void S_block(struct S_gift *P, size_t l0, size_t l1)
{
	struct S_meta meta = {0};
	size_t l = l0;
	for (; l < l1; l++) {
		size_t a = P->lines[l].start, b = P->lines[l].end;
		while (a < b && S_space(P->text[a]))
			a++;
		while (b > a && S_space(P->text[b - 1]))
			b--;
		if (S_starts(P->text + a, b - a, "//")) {
			size_t fields = S_meta_start(P, a, b);
			if (fields)
				S_meta_parse(P, &meta, a, fields, b);
			continue;
		}
		if (S_starts(P->text + a, b - a, "$CATEGORY:")) {
			free(P->category);
			P->category = S_category_section(P->text + a + 10, b - a - 10);
			continue;
		}
		break;
	}
	if (l == l1) {
		if (meta.present)
			S_diag(P, BANK_WARNING, meta.off,
			       "studyterm comment ignored: no question follows it before the blank "
			       "line");
		S_meta_clear(&meta);
		return;
	}
	struct S_text t = {0};
	for (; l < l1; l++) {
		size_t a = P->lines[l].start, b = P->lines[l].end;
		while (a < b && S_space(P->text[a]))
			a++;
		while (b > a && S_space(P->text[b - 1]))
			b--;
		if (S_starts(P->text + a, b - a, "//")) {
			if (S_meta_start(P, a, b))
				S_diag(P, BANK_WARNING, a,
				       "studyterm comment ignored: it must come right before its "
				       "question");
			continue;
		}
		if (t.len)
			S_push(&t, '\n', false, t.u[t.len - 1].off + 1);
		S_unescape_line(P, a, b, &t);
	}
	S_question(P, &t, meta.present ? &meta : NULL);
	free(t.u);
	S_meta_clear(&meta);
}

size_t bank_gift_parse(const char *text, size_t len, struct bank *out, struct bank_report *rep)
{
	struct S_gift P = {.text = text ? text : "", .len = text ? len : 0, .out = out, .rep = rep};
	size_t errors = rep->n_errors, first = out->n_questions;
	S_lines(&P);
	for (size_t l = 0; l < P.n_lines;) {
		size_t a = P.lines[l].start, b = P.lines[l].end;
		while (a < b && S_space(P.text[a]))
			a++;
		if (a == b) {
			l++;
			continue;
		}
		size_t e = l + 1;
		for (; e < P.n_lines; e++) {
			size_t x = P.lines[e].start, y = P.lines[e].end;
			while (x < y && S_space(P.text[x]))
				x++;
			if (x == y)
				break;
		}
		S_block(&P, l, e);
		l = e;
	}
	bank_gift_fill_ids(out, first);
	free(P.lines);
	free(P.category);
	return rep->n_errors - errors;
}
