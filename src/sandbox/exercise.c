/* exercise: parsing and loading exercise folders (see exercise.h).
 *
 * exercise.md is read in one forward pass over its lines with a small state
 * machine (title, settings, instructions, hints), the way exam profiles
 * are: a problem is reported and parsing goes on, so an author sees every
 * mistake at once; after an error the exercise is thrown away. Quoted
 * author text is cut short and cleaned (bad bytes become U+FFFD), so a
 * diagnostic is valid UTF-8 whatever the input was.
 *
 * check.sql is split into checks by its directive lines, and each part
 * into statements by exercise_sql_next, a small SQL tokenizer that knows
 * strings, identifiers, comments and trigger bodies. It is our own rather
 * than sqlite3_complete so that the format can be checked (and fuzzed)
 * without SQLite, and in linear time. */
#include "sandbox/exercise.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/paths.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define S_MAX_ID    64
#define S_MAX_DEPTH 8 /* folders inside starter/ */

/* ---- diagnostics ---- */

void exercise_report_add(struct exercise_report *r, const char *path, bool warning, int line,
                         int col, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	xgrow((void **)&r->diags, &r->cap, r->n_diags + 1, sizeof *r->diags);
	r->diags[r->n_diags++] = (struct exercise_diag){
	    .path = xstrdup(path ? path : "-"),
	    .line = line,
	    .col = col,
	    .warning = warning,
	    .message = xstrdup(msg),
	};
	if (warning)
		r->n_warnings++;
	else
		r->n_errors++;
}

void exercise_report_format(const struct exercise_report *r, struct buf *out)
{
	for (size_t i = 0; i < r->n_diags; i++) {
		const struct exercise_diag *d = &r->diags[i];
		const char *sev = d->warning ? "warning" : "error";
		if (d->line > 0)
			buf_printf(out, "%s:%d:%d: %s: %s\n", d->path, d->line, d->col, sev,
			           d->message);
		else
			buf_printf(out, "%s: %s: %s\n", d->path, sev, d->message);
	}
}

void exercise_report_clear(struct exercise_report *r)
{
	for (size_t i = 0; i < r->n_diags; i++) {
		free(r->diags[i].path);
		free(r->diags[i].message);
	}
	free(r->diags);
	memset(r, 0, sizeof *r);
}

static int S_first_col(const struct text_line *l)
{
	size_t i = 0;
	while (i < l->n && text_space(l->s[i]))
		i++;
	return text_col(l, l->s + i);
}

/* Reports the first byte of l that is not UTF-8 or is a control character;
 * returns false when there was one. */
static bool S_check_text(struct exercise_report *r, const char *path, const struct text_line *l)
{
	for (size_t i = 0; i < l->n;) {
		uint32_t cp;
		size_t k = utf8_decode(l->s + i, l->n - i, &cp);
		int col = text_col(l, l->s + i);
		if (cp == UTF8_REPLACEMENT && k == 1) {
			exercise_report_add(r, path, false, l->no, col,
			                    "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
			                    (unsigned)(unsigned char)l->s[i]);
			return false;
		}
		if ((cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
			exercise_report_add(r, path, false, l->no, col,
			                    "control character U+%04X is not allowed",
			                    (unsigned)cp);
			return false;
		}
		i += k;
	}
	return true;
}

/* Calls fn for every line of text: a leading byte order mark skipped, CR
 * of CRLF dropped, and no empty "line" after a final newline. */
static void S_each_line(const char *text, size_t len,
                        void (*fn)(void *ctx, const struct text_line *l), void *ctx)
{
	const char *s = text ? text : "";
	len = text ? len : 0;
	size_t i = 0;
	int line = 0;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;) {
		size_t e = i;
		while (e < len && s[e] != '\n')
			e++;
		if (line < INT_MAX)
			line++;
		struct text_line l = {.s = s + i, .n = e - i, .no = line};
		if (l.n && l.s[l.n - 1] == '\r')
			l.n--;
		if (!(e >= len && l.n == 0 && line > 1))
			fn(ctx, &l);
		if (e >= len)
			break;
		i = e + 1;
	}
}

/* ---- exercise.md: settings ---- */

enum S_key { S_KEY_SECTION, S_KEY_KIND, S_KEY_DATASET, S_KEY_ORDERED, S_KEY_REQUIRES, S_KEY_COUNT };

static const char *const S_key_names[S_KEY_COUNT] = {
    [S_KEY_SECTION] = "section", [S_KEY_KIND] = "kind",         [S_KEY_DATASET] = "dataset",
    [S_KEY_ORDERED] = "ordered", [S_KEY_REQUIRES] = "requires",
};

enum S_state {
	S_BEFORE_TITLE,
	S_AFTER_TITLE,  /* blank lines before the settings */
	S_SETTINGS,     /* inside a settings paragraph */
	S_BETWEEN,      /* a blank line after settings: more settings or instructions */
	S_INSTRUCTIONS, /* Markdown up to "## Hints" */
	S_HINTS,        /* the list of hints */
	S_IGNORE,       /* after text that may not follow the hints */
};

struct S_parser {
	const char *path;
	struct exercise *ex;
	struct exercise_report *r;
	const char *const *sections;
	size_t n_sections;
	size_t errors;
	enum S_state state;
	int title_line;
	bool title_missing;
	int key_line[S_KEY_COUNT];
	/* the instructions: lines from first to last non-blank one */
	const char *text;
	size_t ins_first, ins_end; /* byte offsets; ins_end 0 while empty */
	bool in_fence;
	char fence_char;
	size_t fence_len;
	int hints_line; /* 0 until "## Hints" */
	/* the hint being read */
	bool in_hint;
	struct buf hint;
	int hint_line;
	size_t hint_indent;  /* columns of its marker: continuation lines lose as many */
	size_t hint_blanks;  /* blank lines seen since its last text */
	bool stray_reported; /* text in the Hints section that is no item */
	size_t cap_hints;
};

__attribute__((format(printf, 4, 5))) static void S_error(struct S_parser *P, int line, int col,
                                                          const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	exercise_report_add(P->r, P->path, false, line, col, "%s", msg);
	P->errors++;
}

/* Whether a or b is the other, or a section inside it ("5.4" and "5.4.2"). */
static bool S_same_section(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), k = na < nb ? na : nb;
	if (strncmp(a, b, k) != 0)
		return false;
	return na == nb || (na > nb ? a[k] : b[k]) == '.';
}

static bool S_in_course(const struct S_parser *P, const char *section)
{
	for (size_t i = 0; i < P->n_sections; i++)
		if (P->sections[i] && S_same_section(P->sections[i], section))
			return true;
	return false;
}

/* A dataset name: letters, digits, '_' and '-', starting with a letter or
 * digit (sandbox_load_dataset accepts these and a few more). */
static bool S_dataset_name(const char *s, size_t n)
{
	if (n == 0 || n > S_MAX_ID || !(text_alpha(s[0]) || text_digit(s[0])))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(text_alpha(s[i]) || text_digit(s[i]) || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

static void S_setting(struct S_parser *P, const struct text_line *l, int key, const char *v,
                      size_t n)
{
	struct exercise *ex = P->ex;
	char *q = text_quote(v, n);
	int col = text_col(l, v);
	switch ((enum S_key)key) {
	case S_KEY_SECTION:
		if (!text_section_number(v, n)) {
			S_error(P, l->no, col,
			        "section must be a section number such as 5.4, not '%s'", q);
			break;
		}
		ex->section = xstrndup(v, n);
		if (P->sections && !S_in_course(P, ex->section))
			exercise_report_add(P->r, P->path, true, l->no, col,
			                    "section %s is not in the course", ex->section);
		break;
	case S_KEY_KIND:
		if (text_is_word(v, n, "sql"))
			ex->kind = EXERCISE_SQL;
		else if (text_is_word(v, n, "python"))
			ex->kind = EXERCISE_PYTHON;
		else if (text_is_word(v, n, "migration"))
			ex->kind = EXERCISE_MIGRATION;
		else
			S_error(P, l->no, col, "kind must be sql, python or migration, not '%s'",
			        q);
		ex->needs_python = ex->kind != EXERCISE_SQL;
		break;
	case S_KEY_DATASET:
		if (S_dataset_name(v, n))
			ex->dataset = xstrndup(v, n);
		else
			S_error(P, l->no, col,
			        "dataset must be a dataset name such as 'ponies' (letters, digits, "
			        "'_' and '-'), not '%s'",
			        q);
		break;
	case S_KEY_ORDERED:
		if (text_is_word(v, n, "yes") || text_is_word(v, n, "no"))
			ex->ordered = text_lower(v[0]) == 'y';
		else
			S_error(P, l->no, col, "ordered must be yes or no, not '%s'", q);
		break;
	case S_KEY_REQUIRES:
		if (text_is_word(v, n, "stdlib") || text_is_word(v, n, "flask"))
			ex->stdlib_only = text_lower(v[0]) == 's';
		else
			S_error(P, l->no, col, "requires must be flask or stdlib, not '%s'", q);
		break;
	case S_KEY_COUNT: break;
	}
	free(q);
}

static int S_key_of(const char *k, size_t n)
{
	for (int i = 0; i < S_KEY_COUNT; i++)
		if (text_is_word(k, n, S_key_names[i]))
			return i;
	return -1;
}

/* One "key: value" item [s, s + n) of a settings line. */
static void S_item(struct S_parser *P, const struct text_line *l, const char *s, size_t n)
{
	text_trim(&s, &n);
	if (n == 0)
		return; /* "a · · b" or a trailing dot: nothing to read */
	const char *colon = memchr(s, ':', n);
	if (!colon) {
		char *q = text_quote(s, n);
		S_error(P, l->no, text_col(l, s),
		        "'%s' is not a setting: write 'key: value' (and leave a blank line before "
		        "the instructions)",
		        q);
		free(q);
		return;
	}
	const char *k = s, *v = colon + 1;
	size_t kn = (size_t)(colon - s), vn = n - kn - 1;
	text_trim(&k, &kn);
	text_trim(&v, &vn);
	int key = S_key_of(k, kn);
	if (key < 0) {
		char *q = text_quote(k, kn);
		S_error(P, l->no, text_col(l, s),
		        "unknown setting '%s' (known: section, kind, dataset, ordered, requires)",
		        q);
		free(q);
	} else if (P->key_line[key]) {
		S_error(P, l->no, text_col(l, s), "'%s' is given twice (first at line %d)",
		        S_key_names[key], P->key_line[key]);
	} else {
		P->key_line[key] = l->no;
		if (vn == 0)
			S_error(P, l->no, text_col(l, s), "'%s:' has no value", S_key_names[key]);
		else
			S_setting(P, l, key, v, vn);
	}
}

/* A settings line: items separated by " · " (U+00B7). */
static void S_settings_line(struct S_parser *P, const struct text_line *l)
{
	static const char dot[] = "\xC2\xB7";
	const char *item = l->s, *end = l->s + l->n;
	for (const char *c = l->s; c <= end;) {
		if (c == end) {
			S_item(P, l, item, (size_t)(c - item));
			break;
		}
		if (end - c >= 2 && memcmp(c, dot, 2) == 0) {
			S_item(P, l, item, (size_t)(c - item));
			c += 2;
			item = c;
		} else {
			c++;
		}
	}
}

/* Whether l starts like a setting: a word, optional spaces and a colon;
 * known: only when the word is one of the keys. */
static bool S_looks_like_setting(const struct text_line *l, bool known)
{
	const char *s = l->s;
	size_t n = l->n, i;
	text_trim(&s, &n);
	for (i = 0;
	     i < n && (text_alpha(s[i]) || (i && (text_digit(s[i]) || s[i] == '_' || s[i] == '-')));
	     i++)
		;
	size_t word = i;
	while (i < n && text_space(s[i]))
		i++;
	if (word == 0 || i >= n || s[i] != ':')
		return false;
	return !known || S_key_of(s, word) >= 0;
}

/* ---- exercise.md: lines ---- */

/* Tracks ``` and ~~~ fences, inside which "## " is code. Returns whether
 * l opens or closes one. */
static bool S_fence(struct S_parser *P, const struct text_line *l)
{
	const char *s = l->s;
	size_t n = l->n, i = 0;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return false;
	char c = s[i];
	size_t a = i;
	while (i < n && s[i] == c)
		i++;
	size_t len = i - a;
	if (len < 3)
		return false;
	if (!P->in_fence) {
		P->in_fence = true;
		P->fence_char = c;
		P->fence_len = len;
		return true;
	}
	const char *rest = s + i;
	size_t rn = n - i;
	text_trim(&rest, &rn);
	if (c == P->fence_char && len >= P->fence_len && rn == 0)
		P->in_fence = false;
	return true;
}

static void S_instruction_line(struct S_parser *P, const struct text_line *l)
{
	size_t off = (size_t)(l->s - P->text);
	if (P->ins_end == 0 && text_blank(l))
		return; /* leading blank lines are trimmed */
	if (P->ins_end == 0)
		P->ins_first = off;
	if (!text_blank(l))
		P->ins_end = off + l->n;
}

static void S_begin_instructions(struct S_parser *P, const struct text_line *l)
{
	P->state = S_INSTRUCTIONS;
	S_fence(P, l);
	S_instruction_line(P, l);
}

static void S_missing_title(struct S_parser *P, int line, int col)
{
	if (!P->title_missing)
		S_error(P, line, col, "an exercise starts with its title: '# Count the ponies'");
	P->title_missing = true;
}

/* A list item marker at the start of l: "- ", "* ", "+ ", "1. ", "1) "
 * after at most 3 spaces. Returns the columns up to the item's text, 0
 * when l is no item. */
static size_t S_marker(const struct text_line *l)
{
	const char *s = l->s;
	size_t n = l->n, i = 0;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i < n && (s[i] == '-' || s[i] == '*' || s[i] == '+')) {
		i++;
	} else {
		size_t a = i;
		while (i < n && i - a < 9 && text_digit(s[i]))
			i++;
		if (i == a || i >= n || (s[i] != '.' && s[i] != ')'))
			return 0;
		i++;
	}
	if (i < n && !text_space(s[i]))
		return 0;
	while (i < n && text_space(s[i]))
		i++;
	return i;
}

static void S_end_hint(struct S_parser *P)
{
	if (!P->in_hint)
		return;
	P->in_hint = false;
	size_t n = P->hint.len;
	while (n && (text_space(P->hint.data[n - 1]) || P->hint.data[n - 1] == '\n'))
		n--;
	if (n == 0) {
		S_error(P, P->hint_line, 1, "hint %zu is empty", P->ex->n_hints + 1);
		buf_free(&P->hint);
		return;
	}
	buf_truncate(&P->hint, n);
	struct exercise *ex = P->ex;
	xgrow((void **)&ex->hints, &P->cap_hints, ex->n_hints + 1, sizeof *ex->hints);
	ex->hints[ex->n_hints++] = buf_detach(&P->hint);
}

/* Appends a line of the current hint, after the blank lines seen since
 * the last one, without the indentation of the item's text. */
static void S_hint_text(struct S_parser *P, const char *s, size_t n, size_t strip)
{
	size_t i = 0;
	while (i < n && i < strip && s[i] == ' ')
		i++;
	if (i == 0 && n && s[0] == '\t')
		i = 1;
	if (P->hint.len) {
		buf_putc(&P->hint, '\n');
		buf_repeat(&P->hint, "\n", P->hint_blanks);
	}
	P->hint_blanks = 0;
	const char *t = s + i;
	size_t k = n - i;
	while (k && text_space(t[k - 1]))
		k--;
	buf_append(&P->hint, t, k);
}

static void S_hint_line(struct S_parser *P, const struct text_line *l)
{
	bool in_code = P->in_fence;
	bool fence = P->in_hint && S_fence(P, l);
	if (in_code || fence) {
		S_hint_text(P, l->s, l->n, P->hint_indent);
		return;
	}
	if (text_blank(l)) {
		if (P->in_hint && P->hint.len)
			P->hint_blanks++;
		return;
	}
	size_t marker = S_marker(l);
	if (marker) {
		S_end_hint(P);
		P->in_hint = true;
		P->hint_line = l->no;
		P->hint_indent = marker;
		P->hint_blanks = 0;
		buf_reset(&P->hint);
		S_hint_text(P, l->s + marker, l->n - marker, 0);
		if (P->hint.len) /* the item's first line may open a fence */
			S_fence(P, &(struct text_line){.s = l->s + marker, .n = l->n - marker});
		return;
	}
	bool indented = l->n && text_space(l->s[0]);
	if (P->in_hint && (indented || P->hint_blanks == 0)) {
		S_hint_text(P, l->s, l->n, P->hint_indent);
		return;
	}
	if (!P->stray_reported)
		S_error(P, l->no, S_first_col(l),
		        "the Hints section holds a list, one '- ' item per hint; indent a hint's "
		        "further lines");
	P->stray_reported = true;
}

static void S_line(struct S_parser *P, const struct text_line *l)
{
	if (P->state == S_HINTS) {
		const char *ht;
		size_t hn;
		int level = P->in_fence ? 0 : text_heading(l, &ht, &hn);
		if (level == 2 && text_is_word(ht, hn, "hints")) {
			S_error(P, l->no, 1, "'## Hints' is given twice (first at line %d)",
			        P->hints_line);
		} else if (level) {
			char *q = text_quote(ht, hn);
			S_error(P, l->no, 1,
			        "the hints end the exercise: move '%.*s %s' above '## Hints'",
			        level, "######", q);
			free(q);
		} else {
			S_hint_line(P, l);
			return;
		}
		S_end_hint(P);
		P->state = S_IGNORE;
		return;
	}
	if (P->state == S_IGNORE)
		return;
	if (P->state == S_INSTRUCTIONS) {
		bool in_code = P->in_fence;
		if (S_fence(P, l) || in_code) {
			S_instruction_line(P, l);
			return;
		}
	}
	const char *ht = NULL;
	size_t hn = 0;
	int level = text_heading(l, &ht, &hn);
	if (level == 1) {
		if (P->state == S_BEFORE_TITLE) {
			P->title_line = l->no;
			if (hn == 0)
				S_error(P, l->no, 1, "the title is empty: '# Count the ponies'");
			else
				P->ex->title = xstrndup(ht, hn);
			P->state = S_AFTER_TITLE;
		} else {
			S_error(P, l->no, 1, "an exercise has one '# ' title, at the top");
		}
		return;
	}
	if (level == 2 && text_is_word(ht, hn, "hints")) {
		if (P->state == S_BEFORE_TITLE)
			S_missing_title(P, l->no, 1);
		P->hints_line = l->no;
		P->in_fence = false;
		P->state = S_HINTS;
		return;
	}
	bool blank = text_blank(l);
	switch (P->state) {
	case S_BEFORE_TITLE:
		if (blank)
			return;
		S_missing_title(P, l->no, S_first_col(l));
		P->state = S_AFTER_TITLE;
		/* Settings go on as settings; anything else ("#Title") was meant
		 * as the title, and taking it as one keeps the settings after it
		 * from being read as the instructions. */
		if (S_looks_like_setting(l, false))
			S_line(P, l);
		else
			P->title_line = l->no;
		return;
	case S_AFTER_TITLE:
		if (blank)
			return;
		if (S_looks_like_setting(l, false)) {
			P->state = S_SETTINGS;
			S_settings_line(P, l);
		} else {
			S_begin_instructions(P, l);
		}
		return;
	case S_SETTINGS:
		if (blank)
			P->state = S_BETWEEN;
		else
			S_settings_line(P, l);
		return;
	case S_BETWEEN:
		if (blank)
			return;
		if (S_looks_like_setting(l, true)) {
			P->state = S_SETTINGS;
			S_settings_line(P, l);
		} else {
			S_begin_instructions(P, l);
		}
		return;
	case S_INSTRUCTIONS: S_instruction_line(P, l); return;
	case S_HINTS:
	case S_IGNORE: return;
	}
}

static void S_each_md_line(void *ctx, const struct text_line *l)
{
	struct S_parser *P = ctx;
	if (!S_check_text(P->r, P->path, l))
		P->errors++;
	S_line(P, l);
}

/* The instructions: their lines from first to last non-blank, CRs dropped. */
static char *S_instructions(const struct S_parser *P)
{
	struct buf b = {0};
	if (P->ins_end) {
		const char *s = P->text + P->ins_first, *e = P->text + P->ins_end;
		for (const char *c = s; c < e; c++)
			if (!(*c == '\r' && c + 1 < e && c[1] == '\n'))
				buf_putc(&b, *c);
	}
	return buf_detach(&b);
}

size_t exercise_parse(const char *path, const char *text, size_t len, const char *const *sections,
                      size_t n_sections, struct exercise *ex, struct exercise_report *r)
{
	memset(ex, 0, sizeof *ex);
	struct S_parser P = {
	    .path = path ? path : "-",
	    .ex = ex,
	    .r = r,
	    .sections = n_sections ? sections : NULL,
	    .n_sections = n_sections,
	    .text = text ? text : "",
	};
	S_each_line(text, text ? len : 0, S_each_md_line, &P);
	if (P.state == S_BEFORE_TITLE)
		S_missing_title(&P, 1, 1);
	S_end_hint(&P);
	buf_free(&P.hint);

	int at = P.title_line ? P.title_line : 1;
	if (!P.key_line[S_KEY_SECTION])
		S_error(&P, at, 1, "the exercise has no 'section:' setting (section: 5.4)");
	if (!P.key_line[S_KEY_KIND])
		S_error(&P, at, 1, "the exercise has no 'kind:' setting (kind: sql)");
	if (P.ins_end == 0)
		S_error(&P, at, 1,
		        "the exercise has no instructions: write them after the settings, before "
		        "'## Hints'");
	if (!P.hints_line)
		S_error(
		    &P, at, 1,
		    "the exercise has no '## Hints' section: end it with '## Hints' and a list, "
		    "one hint per item");
	else if (ex->n_hints == 0 && P.state == S_HINTS)
		S_error(&P, P.hints_line, 1,
		        "'## Hints' has no hints: give a list, one '- ' item per hint");
	if (P.errors) {
		exercise_free(ex);
		return P.errors;
	}
	ex->instructions = S_instructions(&P);
	return 0;
}

/* ---- SQL statements ---- */

static bool S_word_char(char c)
{
	return text_alpha(c) || text_digit(c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* Skips blanks and comments from i; counts newlines into *line. */
static size_t S_skip_blank(const char *s, size_t len, size_t i, int *line)
{
	while (i < len) {
		char c = s[i];
		if (c == '\n') {
			(*line)++;
			i++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			i++;
		} else if (c == '-' && i + 1 < len && s[i + 1] == '-') {
			while (i < len && s[i] != '\n')
				i++;
		} else if (c == '/' && i + 1 < len && s[i + 1] == '*') {
			i += 2;
			while (i < len && !(s[i] == '*' && i + 1 < len && s[i + 1] == '/'))
				*line += s[i++] == '\n';
			i = i < len ? i + 2 : len;
		} else {
			break;
		}
	}
	return i;
}

/* The word at s[i] (after blanks and comments): its start and length. */
static size_t S_next_word(const char *s, size_t len, size_t i, size_t *start)
{
	int line = 0;
	i = S_skip_blank(s, len, i, &line);
	*start = i;
	while (i < len && S_word_char(s[i]))
		i++;
	return i - *start;
}

/* Whether the statement at s[i] is CREATE [TEMP|TEMPORARY] TRIGGER, whose
 * body holds semicolons up to its END. */
static bool S_is_trigger(const char *s, size_t len, size_t i)
{
	size_t a, n = S_next_word(s, len, i, &a);
	if (!text_is_word(s + a, n, "create"))
		return false;
	n = S_next_word(s, len, a + n, &a);
	if (text_is_word(s + a, n, "temp") || text_is_word(s + a, n, "temporary"))
		n = S_next_word(s, len, a + n, &a);
	return text_is_word(s + a, n, "trigger");
}

bool exercise_sql_next(const char *sql, size_t len, size_t *pos, int *line_at,
                       struct exercise_sql_stmt *st)
{
	size_t i = *pos;
	int line = *line_at;
	for (;;) {
		i = S_skip_blank(sql, len, i, &line);
		if (i < len && sql[i] == ';') {
			i++;
			continue;
		}
		break;
	}
	if (i >= len) {
		*pos = len;
		*line_at = line;
		return false;
	}
	st->start = i;
	st->line = line;
	bool trigger = S_is_trigger(sql, len, i);
	bool after_end = false; /* the last word was END */
	while (i < len) {
		char c = sql[i];
		if (c == '\n' || text_space(c) || c == '\r' ||
		    (c == '-' && i + 1 < len && sql[i + 1] == '-') ||
		    (c == '/' && i + 1 < len && sql[i + 1] == '*')) {
			i = S_skip_blank(sql, len, i, &line);
		} else if (c == '\'' || c == '"' || c == '`' || c == '[') {
			char close = c == '[' ? ']' : c;
			i++;
			while (i < len && sql[i] != close)
				line += sql[i++] == '\n';
			i += i < len;
			after_end = false;
		} else if (c == ';') {
			if (!trigger || after_end)
				break;
			i++;
			after_end = false;
		} else if (S_word_char(c)) {
			size_t a = i;
			while (i < len && S_word_char(sql[i]))
				i++;
			after_end = text_is_word(sql + a, i - a, "end");
		} else {
			i++;
			after_end = false;
		}
	}
	size_t end = i;
	while (end > st->start &&
	       (text_space(sql[end - 1]) || sql[end - 1] == '\n' || sql[end - 1] == '\r' ||
	        sql[end - 1] == '\f' || sql[end - 1] == '\v'))
		end--;
	st->end = end;
	*pos = i < len ? i + 1 : len;
	*line_at = line;
	return true;
}

bool exercise_sql_is_query(const char *stmt, size_t len)
{
	size_t a, n = S_next_word(stmt, len, 0, &a);
	return text_is_word(stmt + a, n, "select") || text_is_word(stmt + a, n, "with") ||
	       text_is_word(stmt + a, n, "values");
}

/* ---- check.sql ---- */

enum S_part { S_PART_NONE, S_PART_BODY, S_PART_EXPECT, S_PART_GOT };

struct S_checks {
	const char *path;
	struct exercise_report *r;
	size_t errors;
	struct exercise_check *checks;
	size_t n, cap;
	struct buf before; /* text before the first check */
	bool started;      /* a "-- check:" line was seen */
	/* the check being read */
	enum S_part part;
	char *message;
	int line, body_line, expect_line, got_line;
	struct buf body, expect, got;
	bool bad; /* its directive was wrong: its parts are not judged */
};

__attribute__((format(printf, 4, 5))) static void S_cerror(struct S_checks *C, int line, int col,
                                                           const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	exercise_report_add(C->r, C->path, false, line, col, "%s", msg);
	C->errors++;
}

/* The statements of text: how many, and the last one's place. */
static size_t S_statements(const char *text, size_t len, struct exercise_sql_stmt *last)
{
	size_t pos = 0, count = 0;
	int line = 1;
	struct exercise_sql_stmt st;
	while (exercise_sql_next(text, len, &pos, &line, &st)) {
		count++;
		*last = st;
	}
	return count;
}

/* One query part ("expect" or "got") of a check that compares rows. */
static void S_check_query(struct S_checks *C, const struct buf *b, int first_line, int directive,
                          const char *what)
{
	struct exercise_sql_stmt last = {0};
	size_t n = S_statements(buf_cstr(b), b->len, &last);
	if (n == 0)
		S_cerror(C, directive, 1, "'-- %s:' needs a query (SELECT) on the lines after it",
		         what);
	else if (n > 1)
		S_cerror(C, first_line + last.line - 1, 1,
		         "'-- %s:' takes one query; this is statement %zu", what, n);
	else if (!exercise_sql_is_query(buf_cstr(b) + last.start, last.end - last.start))
		S_cerror(C, first_line + last.line - 1, 1,
		         "'-- %s:' takes a query (SELECT, WITH or VALUES)", what);
}

static void S_close_check(struct S_checks *C)
{
	if (C->part == S_PART_NONE)
		return;
	size_t errors = C->errors;
	if (!C->bad && C->part == S_PART_BODY) {
		struct exercise_sql_stmt last = {0};
		size_t n = S_statements(buf_cstr(&C->body), C->body.len, &last);
		if (n == 0)
			S_cerror(
			    C, C->line, 1,
			    "the check has no SQL: end it with a query whose value is true when "
			    "it passes");
		else if (!exercise_sql_is_query(buf_cstr(&C->body) + last.start,
		                                last.end - last.start))
			S_cerror(C, C->body_line + last.line - 1, 1,
			         "a check's last statement must be a query (SELECT) whose value is "
			         "true when the check passes");
	} else if (!C->bad) {
		S_check_query(C, &C->expect, C->expect_line + 1, C->expect_line, "expect");
		if (C->part == S_PART_EXPECT)
			S_cerror(C, C->expect_line, 1,
			         "the check compares rows: add '-- got:' and a query giving the "
			         "learner's rows after the expected ones");
		else
			S_check_query(C, &C->got, C->got_line + 1, C->got_line, "got");
	}
	if (!C->bad && C->errors == errors) {
		xgrow((void **)&C->checks, &C->cap, C->n + 1, sizeof *C->checks);
		struct exercise_check *k = &C->checks[C->n++];
		memset(k, 0, sizeof *k);
		k->message = C->message;
		k->line = C->line;
		if (C->part == S_PART_BODY) {
			k->sql = buf_detach(&C->body);
			k->sql_line = C->body_line;
		} else {
			k->expect = buf_detach(&C->expect);
			k->expect_line = C->expect_line + 1;
			k->got = buf_detach(&C->got);
			k->got_line = C->got_line + 1;
		}
		C->message = NULL;
	}
	free(C->message);
	C->message = NULL;
	buf_free(&C->body);
	buf_free(&C->expect);
	buf_free(&C->got);
	C->part = S_PART_NONE;
	C->bad = false;
}

/* A directive line "-- check: ...", "-- expect:", "-- got:": which one
 * (S_PART_BODY for check), and the text after its colon. */
static enum S_part S_directive(const struct text_line *l, const char **rest, size_t *rn)
{
	const char *s = l->s;
	size_t n = l->n;
	text_trim(&s, &n);
	if (n < 2 || s[0] != '-' || s[1] != '-')
		return S_PART_NONE;
	size_t i = 2;
	while (i < n && text_space(s[i]))
		i++;
	size_t a = i;
	while (i < n && text_alpha(s[i]))
		i++;
	size_t w = i - a;
	while (i < n && text_space(s[i]))
		i++;
	if (i >= n || s[i] != ':')
		return S_PART_NONE;
	*rest = s + i + 1;
	*rn = n - i - 1;
	text_trim(rest, rn);
	if (text_is_word(s + a, w, "check"))
		return S_PART_BODY;
	if (text_is_word(s + a, w, "expect"))
		return S_PART_EXPECT;
	if (text_is_word(s + a, w, "got"))
		return S_PART_GOT;
	return S_PART_NONE;
}

static void S_before_first(struct S_checks *C)
{
	struct exercise_sql_stmt last = {0};
	size_t pos = 0;
	int line = 1;
	if (exercise_sql_next(buf_cstr(&C->before), C->before.len, &pos, &line, &last))
		S_cerror(C, last.line, 1,
		         "SQL before the first '-- check: MESSAGE' line belongs to no check");
	buf_free(&C->before);
}

static void S_check_line(void *ctx, const struct text_line *l)
{
	struct S_checks *C = ctx;
	if (!S_check_text(C->r, C->path, l))
		C->errors++;
	const char *rest = NULL;
	size_t rn = 0;
	enum S_part d = S_directive(l, &rest, &rn);
	int col = S_first_col(l);
	switch (d) {
	case S_PART_BODY:
		if (!C->started)
			S_before_first(C);
		C->started = true;
		S_close_check(C);
		C->part = S_PART_BODY;
		C->line = l->no;
		C->body_line = l->no + 1;
		if (rn == 0) {
			S_cerror(C, l->no, col,
			         "'-- check:' needs its message, shown to the learner: '-- check: "
			         "the view exists'");
			C->bad = true;
		} else {
			C->message = xstrndup(rest, rn);
		}
		return;
	case S_PART_EXPECT:
	case S_PART_GOT: {
		const char *what = d == S_PART_EXPECT ? "expect" : "got";
		if (rn)
			S_cerror(C, l->no, text_col(l, rest),
			         "write the query on the lines after '-- %s:'", what);
		if (C->part == S_PART_NONE) {
			S_cerror(C, l->no, col,
			         "'-- %s:' belongs to a check: put '-- check: MESSAGE' above it",
			         what);
			buf_putc(&C->before, '\n'); /* keeps its lines numbered */
			return;
		}
		if (d == S_PART_EXPECT && C->part != S_PART_BODY) {
			S_cerror(C, l->no, col,
			         C->part == S_PART_EXPECT
			             ? "'-- expect:' is given twice in this check"
			             : "'-- expect:' comes before '-- got:'");
			C->bad = true;
			return;
		}
		if (d == S_PART_GOT && C->part != S_PART_EXPECT) {
			S_cerror(C, l->no, col,
			         C->part == S_PART_GOT
			             ? "'-- got:' is given twice in this check"
			             : "'-- got:' needs '-- expect:' and its query "
			               "above it");
			C->bad = true;
			return;
		}
		struct exercise_sql_stmt st;
		size_t pos = 0;
		int line = 1;
		if (d == S_PART_EXPECT &&
		    exercise_sql_next(buf_cstr(&C->body), C->body.len, &pos, &line, &st)) {
			S_cerror(C, C->body_line + st.line - 1, 1,
			         "a check that compares rows has no SQL before '-- expect:'");
			C->bad = true;
		}
		if (d == S_PART_EXPECT)
			C->expect_line = l->no;
		else
			C->got_line = l->no;
		C->part = d;
		return;
	}
	case S_PART_NONE: break;
	}
	struct buf *b = C->part == S_PART_BODY     ? &C->body
	                : C->part == S_PART_EXPECT ? &C->expect
	                : C->part == S_PART_GOT    ? &C->got
	                                           : &C->before;
	buf_append(b, l->s, l->n);
	buf_putc(b, '\n');
}

size_t exercise_parse_checks(const char *path, const char *text, size_t len,
                             struct exercise_check **out, size_t *n_out, struct exercise_report *r)
{
	struct S_checks C = {.path = path ? path : "-", .r = r};
	S_each_line(text, text ? len : 0, S_check_line, &C);
	if (!C.started)
		S_before_first(&C);
	S_close_check(&C);
	buf_free(&C.before);
	if (C.n == 0 && C.errors == 0)
		S_cerror(&C, 1, 1, "no checks: start each with a line '-- check: MESSAGE'");
	if (C.errors) {
		exercise_checks_free(C.checks, C.n);
		C.checks = NULL;
		C.n = 0;
	}
	*out = C.checks;
	*n_out = C.n;
	return C.errors;
}

void exercise_checks_free(struct exercise_check *checks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(checks[i].message);
		free(checks[i].sql);
		free(checks[i].expect);
		free(checks[i].got);
	}
	free(checks);
}

/* ---- loading a folder ---- */

bool exercise_id_valid(const char *id)
{
	if (!id || !(text_digit(id[0]) || (id[0] >= 'a' && id[0] <= 'z')) || strlen(id) > S_MAX_ID)
		return false;
	for (const char *p = id; *p; p++)
		if (!(text_digit(*p) || (*p >= 'a' && *p <= 'z') || *p == '-'))
			return false;
	return true;
}

const char *exercise_kind_name(enum exercise_kind kind)
{
	switch (kind) {
	case EXERCISE_SQL: return "sql";
	case EXERCISE_PYTHON: return "python";
	case EXERCISE_MIGRATION: return "migration";
	}
	return "?";
}

static int S_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the regular files under root/rel to *files as paths relative to
 * root. Hidden names are passed over; links and other special files are
 * errors (they would be followed when copying). */
static void S_list_tree(const char *root, const char *rel, int depth, char ***files, size_t *n,
                        size_t *cap, struct exercise_report *r)
{
	char *dir = *rel ? paths_join(root, rel) : xstrdup(root);
	DIR *d = opendir(dir);
	if (!d) {
		exercise_report_add(r, dir, false, 0, 0, "cannot read the folder: %s",
		                    strerror(errno));
		free(dir);
		return;
	}
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (ent->d_name[0] == '.')
			continue;
		char *sub = *rel ? paths_join(rel, ent->d_name) : xstrdup(ent->d_name);
		char *full = paths_join(root, sub);
		struct stat sb;
		if (lstat(full, &sb) != 0) {
			exercise_report_add(r, full, false, 0, 0, "cannot read: %s",
			                    strerror(errno));
		} else if (S_ISDIR(sb.st_mode) && depth < S_MAX_DEPTH) {
			S_list_tree(root, sub, depth + 1, files, n, cap, r);
		} else if (S_ISREG(sb.st_mode)) {
			xgrow((void **)files, cap, *n + 1, sizeof **files);
			(*files)[(*n)++] = sub;
			sub = NULL;
		} else if (S_ISDIR(sb.st_mode)) {
			exercise_report_add(r, full, false, 0, 0,
			                    "folders nest too deep (at most %d levels)",
			                    S_MAX_DEPTH);
		} else {
			exercise_report_add(
			    r, full, false, 0, 0,
			    "not a regular file (links and devices are not copied)");
		}
		free(sub);
		free(full);
	}
	closedir(d);
	free(dir);
}

static char **S_list_files(const char *root, size_t *n, struct exercise_report *r)
{
	char **files = NULL;
	size_t cap = 0;
	*n = 0;
	S_list_tree(root, "", 0, &files, n, &cap, r);
	if (*n)
		qsort(files, *n, sizeof *files, S_cmp_str);
	return files;
}

static bool S_contains(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(s + i, word, k) == 0)
			return true;
	return false;
}

static bool S_has(char **list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/* Whether name is one of the files the runner keeps in a workspace. */
static bool S_reserved(const char *name)
{
	return strcmp(name, "sandbox.db") == 0 || strncmp(name, "sandbox.db-", 11) == 0;
}

/* Lists starter/ and compares solution/ with it; md_ok: exercise.md was
 * read without errors, so ex->kind can be trusted. */
static void S_load_starter(struct exercise *ex, bool md_ok, struct exercise_report *r)
{
	char *starter = paths_join(ex->dir, "starter");
	char *solution = paths_join(ex->dir, "solution");
	struct stat sb;
	if (stat(starter, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		exercise_report_add(r, starter, false, 0, 0,
		                    "missing: starter/ holds the files the learner starts from");
		goto done;
	}
	ex->starter_files = S_list_files(starter, &ex->n_starter, r);
	if (ex->n_starter == 0)
		exercise_report_add(r, starter, false, 0, 0,
		                    "starter/ is empty: give the learner a file to work in");
	bool any_sql = false, any_todo = false;
	ex->starter_todo = xcalloc(ex->n_starter + 1, sizeof *ex->starter_todo);
	for (size_t i = 0; i < ex->n_starter; i++) {
		const char *name = ex->starter_files[i];
		char *path = paths_join(starter, name);
		size_t n = strlen(name);
		any_sql |= !strchr(name, '/') && n > 4 && strcmp(name + n - 4, ".sql") == 0;
		char *text = NULL;
		size_t len = 0;
		struct error err;
		if (S_reserved(name))
			exercise_report_add(
			    r, path, false, 0, 0,
			    "'%s' is the workspace's database: name the file otherwise", name);
		else if (paths_read_file(path, &text, &len, &err) != ST_OK)
			exercise_report_add(r, path, false, 0, 0, "%s", err.message);
		else if (S_contains(text, len, "TODO"))
			any_todo = ex->starter_todo[i] = true;
		else if (!ex->needs_python)
			exercise_report_add(r, path, false, 0, 0,
			                    "a starter file must say TODO where the learner's work "
			                    "goes");
		free(text);
		free(path);
	}
	/* A Python exercise may hand over files to read, not to change (an
	 * app, migrations made earlier); one file at least says TODO. */
	if (md_ok && ex->needs_python && ex->n_starter && !any_todo)
		exercise_report_add(
		    r, starter, false, 0, 0,
		    "no starter file says TODO: mark where the learner's work goes");
	if (md_ok && ex->kind == EXERCISE_SQL && ex->n_starter && !any_sql)
		exercise_report_add(r, starter, false, 0, 0,
		                    "an SQL exercise needs a .sql file in starter/ (answer.sql)");

	if (stat(solution, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		exercise_report_add(r, solution, false, 0, 0,
		                    "missing: solution/ holds the starter files, solved");
		goto done;
	}
	size_t n_sol = 0;
	char **sol = S_list_files(solution, &n_sol, r);
	for (size_t i = 0; i < ex->n_starter; i++)
		if (!S_has(sol, n_sol, ex->starter_files[i]))
			exercise_report_add(r, solution, false, 0, 0,
			                    "solution/ lacks %s (starter/ has it)",
			                    ex->starter_files[i]);
	for (size_t i = 0; i < n_sol; i++)
		if (!S_has(ex->starter_files, ex->n_starter, sol[i]))
			exercise_report_add(r, solution, false, 0, 0,
			                    "solution/%s is not in starter/", sol[i]);
	paths_list_free(sol, n_sol);
done:
	free(starter);
	free(solution);
}

/* The folder's last path component. */
static char *S_base_name(const char *dir)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	size_t a = n;
	while (a && dir[a - 1] != '/')
		a--;
	return xstrndup(dir + a, n - a);
}

static enum status S_load(const char *dir, const char *const *sections, size_t n_sections,
                          struct exercise *ex, struct exercise_report *r, struct error *err)
{
	memset(ex, 0, sizeof *ex);
	char *md = paths_join(dir, "exercise.md");
	char *text = NULL;
	size_t len = 0;
	enum status st = paths_read_file(md, &text, &len, err);
	if (st != ST_OK) {
		exercise_report_add(r, md, false, 0, 0, "%s",
		                    st == ST_NOT_FOUND
		                        ? "missing: an exercise folder holds exercise.md"
		                        : err->message);
		if (st == ST_NOT_FOUND)
			error_set(err, st, dir, "no exercise.md in %s", dir);
		free(md);
		return st;
	}
	bool md_ok = exercise_parse(md, text, len, sections, n_sections, ex, r) == 0;
	free(text);
	free(md);
	ex->dir = xstrdup(dir);
	ex->id = S_base_name(dir);
	if (!exercise_id_valid(ex->id)) {
		char *q = text_quote(ex->id, strlen(ex->id));
		exercise_report_add(
		    r, dir, false, 0, 0,
		    "'%s' is no exercise id: name the folder with a-z, 0-9 and '-', "
		    "starting with a letter or digit",
		    q);
		free(q);
	}

	char *check = paths_join(dir, "check.sql");
	struct error e2;
	if (paths_read_file(check, &text, &len, &e2) != ST_OK) {
		exercise_report_add(r, check, false, 0, 0, "%s",
		                    e2.status == ST_NOT_FOUND
		                        ? "missing: every exercise has its checks in check.sql"
		                        : e2.message);
	} else {
		exercise_parse_checks(check, text, len, &ex->checks, &ex->n_checks, r);
		free(text);
	}
	free(check);

	char *setup = paths_join(dir, "setup.sql");
	st = paths_read_file(setup, &ex->setup_sql, NULL, &e2);
	if (st != ST_OK && st != ST_NOT_FOUND)
		exercise_report_add(r, setup, false, 0, 0, "%s", e2.message);
	free(setup);

	if (md_ok && ex->needs_python) {
		char *driver = paths_join(dir, "driver.py");
		struct stat sb;
		if (stat(driver, &sb) != 0 || !S_ISREG(sb.st_mode))
			exercise_report_add(
			    r, driver, false, 0, 0,
			    "missing: a %s exercise runs the learner's code through "
			    "driver.py",
			    exercise_kind_name(ex->kind));
		free(driver);
	}
	S_load_starter(ex, md_ok, r);
	if (r->n_errors) {
		exercise_free(ex);
		return error_set(err, ST_PARSE, dir, "%zu error%s in exercise %s", r->n_errors,
		                 r->n_errors == 1 ? "" : "s", dir);
	}
	return ST_OK;
}

enum status exercise_load(const char *dir, const char *const *sections, size_t n_sections,
                          struct exercise *ex, struct buf *diagnostics, struct error *err)
{
	struct exercise_report r = {0};
	enum status st = S_load(dir, sections, n_sections, ex, &r, err);
	if (diagnostics)
		exercise_report_format(&r, diagnostics);
	exercise_report_clear(&r);
	return st;
}

/* Compares section numbers part by part as numbers: 5.9 < 5.10 < 6.1. */
static int S_section_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		unsigned long x = strtoul(a, NULL, 10), y = strtoul(b, NULL, 10);
		if (x != y)
			return x < y ? -1 : 1;
		a += strspn(a, "0123456789");
		b += strspn(b, "0123456789");
		if (!*a || !*b)
			return (*a != 0) - (*b != 0);
		a++; /* the dots */
		b++;
	}
	return 0;
}

static int S_exercise_cmp(const void *pa, const void *pb)
{
	const struct exercise *a = pa, *b = pb;
	int c = S_section_cmp(a->section, b->section);
	return c ? c : strcmp(a->id, b->id);
}

/* The folders inside exercises_dir that may be exercises (hidden ones and
 * plain files passed over), sorted, into a new array *names. */
static size_t S_list_folders(const char *exercises_dir, char ***names)
{
	*names = NULL;
	DIR *d = opendir(exercises_dir);
	if (!d)
		return 0;
	size_t n_names = 0, cap = 0;
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (ent->d_name[0] == '.')
			continue;
		char *path = paths_join(exercises_dir, ent->d_name);
		struct stat sb;
		if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			xgrow((void **)names, &cap, n_names + 1, sizeof **names);
			(*names)[n_names++] = path;
		} else {
			free(path);
		}
	}
	closedir(d);
	if (n_names)
		qsort(*names, n_names, sizeof **names, S_cmp_str);
	return n_names;
}

size_t exercise_count_folders(const char *exercises_dir)
{
	char **names;
	size_t n = S_list_folders(exercises_dir, &names);
	paths_list_free(names, n);
	return n;
}

size_t exercise_load_all(const char *exercises_dir, const char *const *sections, size_t n_sections,
                         struct exercise **out, struct buf *diagnostics)
{
	*out = NULL;
	char **names;
	size_t n_names = S_list_folders(exercises_dir, &names);
	struct exercise *list = n_names ? xcalloc(n_names, sizeof *list) : NULL;
	size_t n = 0;
	for (size_t i = 0; i < n_names; i++) {
		struct error err;
		if (exercise_load(names[i], sections, n_sections, &list[n], diagnostics, &err) ==
		    ST_OK)
			n++;
	}
	paths_list_free(names, n_names);
	if (n == 0) {
		free(list);
		return 0;
	}
	qsort(list, n, sizeof *list, S_exercise_cmp);
	*out = list;
	return n;
}

/* Whether starter/rel and solution/rel hold the same bytes (false when
 * either cannot be read). */
static bool S_same_as_starter(const struct exercise *ex, const char *rel, const char *solved,
                              size_t len)
{
	char *starter = paths_join(ex->dir, "starter");
	char *path = paths_join(starter, rel);
	char *text = NULL;
	size_t n = 0;
	struct error err;
	bool same = paths_read_file(path, &text, &n, &err) == ST_OK && n == len &&
	            memcmp(text, solved, len) == 0;
	free(text);
	free(path);
	free(starter);
	return same;
}

enum status exercise_solution_text(const struct exercise *ex, struct buf *out, struct error *err)
{
	char *dir = paths_join(ex->dir, "solution");
	enum status st = ST_OK;
	struct buf unchanged = {0};
	size_t shown = 0;
	for (size_t i = 0; i < ex->n_starter; i++) {
		char *path = paths_join(dir, ex->starter_files[i]);
		char *text;
		size_t len;
		struct error e2;
		if (paths_read_file(path, &text, &len, &e2) != ST_OK) {
			if (st == ST_OK)
				st = error_set(err, e2.status, e2.where, "%s", e2.message);
		} else if (S_same_as_starter(ex, ex->starter_files[i], text, len)) {
			buf_printf(&unchanged, "%s%s", unchanged.len ? ", " : "", ex->starter_files[i]);
			free(text);
		} else {
			buf_printf(out, "%s==> %s <==\n", shown++ ? "\n" : "", ex->starter_files[i]);
			buf_append(out, text, len);
			if (len && text[len - 1] != '\n')
				buf_putc(out, '\n');
			free(text);
		}
		free(path);
	}
	if (unchanged.len)
		buf_printf(out, "%sAs in the starter: %s.\n", shown ? "\n" : "", buf_cstr(&unchanged));
	buf_free(&unchanged);
	free(dir);
	return st;
}

void exercise_free(struct exercise *ex)
{
	if (!ex)
		return;
	free(ex->id);
	free(ex->dir);
	free(ex->title);
	free(ex->section);
	free(ex->dataset);
	free(ex->instructions);
	for (size_t i = 0; i < ex->n_hints; i++)
		free(ex->hints[i]);
	free(ex->hints);
	paths_list_free(ex->starter_files, ex->n_starter);
	free(ex->starter_todo);
	free(ex->setup_sql);
	exercise_checks_free(ex->checks, ex->n_checks);
	memset(ex, 0, sizeof *ex);
}

void exercise_free_all(struct exercise *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		exercise_free(&list[i]);
	free(list);
}
