/* profile: the exam profile parser (see profile.h).
 *
 * One forward pass over the lines with a small state machine: title,
 * settings, description, the Draw heading, the table's header, separator
 * and rows, and what may (nothing) follow the table. A problem is reported
 * and parsing goes on, so an author sees every mistake at once; after an
 * error the profile is thrown away. Quoted user text is cut short and
 * cleaned (bad bytes become U+FFFD), so a diagnostic is always valid UTF-8
 * whatever the input was. */
#include "bank/profile.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/paths.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define S_MAX_WEIGHT  1000000 /* keeps N * weight / sum far from overflow */
#define S_MAX_CHAPTER 99999   /* well within what catalog_chapter_of reads */

enum S_key {
	S_KEY_QUESTIONS,
	S_KEY_TIME,
	S_KEY_PASS,
	S_KEY_NAVIGATION,
	S_KEY_TIMEOUT,
	S_KEY_REVIEW,
	S_KEY_SHUFFLE,
	S_KEY_BANK,
	S_KEY_COUNT
};

static const char *const S_key_names[S_KEY_COUNT] = {
    [S_KEY_QUESTIONS] = "questions",   [S_KEY_TIME] = "time",       [S_KEY_PASS] = "pass",
    [S_KEY_NAVIGATION] = "navigation", [S_KEY_TIMEOUT] = "timeout", [S_KEY_REVIEW] = "review",
    [S_KEY_SHUFFLE] = "shuffle",       [S_KEY_BANK] = "bank",
};

enum S_state {
	S_BEFORE_TITLE,
	S_AFTER_TITLE, /* blank lines before the settings */
	S_SETTINGS,    /* inside a settings paragraph */
	S_BETWEEN,     /* a blank line after settings: more settings or prose next */
	S_DESCRIPTION, /* prose up to "## Draw" */
	S_DRAW_START,  /* after "## Draw": the table's header next */
	S_TABLE_SEP,   /* the separator row next */
	S_TABLE_ROWS,  /* body rows until a blank line */
	S_SKIP_TABLE,  /* a broken header: its lines are passed over */
	S_AFTER_TABLE, /* only blank lines may follow */
	S_IGNORE,      /* after an error: skip to the next "##" heading */
};

struct S_parser {
	struct bank_profile *p;
	struct bank_report *r;
	const char *const *sections;
	size_t n_sections;
	size_t errors;
	enum S_state state;
	int title_line;     /* 0 until the title was seen */
	bool title_missing; /* reported already */
	int key_line[S_KEY_COUNT], key_col[S_KEY_COUNT];
	bool untimed; /* time: none */
	/* description: the lines from first to last non-blank one */
	const char *desc_text;       /* the whole input, to cut lines from */
	size_t desc_first, desc_end; /* byte offsets; desc_end 0 while empty */
	bool in_fence;
	char fence_char;
	size_t fence_len;
	int draw_line, header_line;
	size_t row_lines; /* body rows read, good or bad */
	size_t cap_rows;
};

__attribute__((format(printf, 4, 5))) static void S_error(struct S_parser *P, int line, int col,
                                                          const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	bank_report_add(P->r, BANK_ERROR, line, col, "%s", msg);
	P->errors++;
}

/* ---- values ---- */

/* A decimal number "12" or "12.5" at the start of s (at most 15 digits,
 * so it is exact enough and never overflows); computed by hand because
 * strtod follows the locale's decimal point. Returns the bytes used, 0
 * when s does not start with one. */
static size_t S_decimal(const char *s, size_t n, double *out)
{
	size_t i = 0, digits = 0;
	double v = 0;
	while (i < n && text_digit(s[i])) {
		v = v * 10 + (s[i] - '0');
		i++;
		digits++;
	}
	if (!digits)
		return 0;
	if (i + 1 < n && s[i] == '.' && text_digit(s[i + 1])) {
		double scale = 1;
		i++;
		while (i < n && text_digit(s[i])) {
			scale /= 10;
			v += (s[i] - '0') * scale;
			i++;
			digits++;
		}
	}
	if (digits > 15)
		return 0;
	*out = v;
	return i;
}

/* A whole number of at most 9 digits: the whole of s. */
static bool S_whole(const char *s, size_t n, long *out)
{
	if (n == 0 || n > 9)
		return false;
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!text_digit(s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Which part of a duration a unit word names: 0 hours, 1 minutes,
 * 2 seconds, -1 none. */
static int S_unit(const char *s, size_t n)
{
	static const char *const hours[] = {"h", "hr", "hrs", "hour", "hours"};
	static const char *const minutes[] = {"m", "min", "mins", "minute", "minutes"};
	static const char *const seconds[] = {"s", "sec", "secs", "second", "seconds"};
	for (size_t i = 0; i < 5; i++) {
		if (text_is_word(s, n, hours[i]))
			return 0;
		if (text_is_word(s, n, minutes[i]))
			return 1;
		if (text_is_word(s, n, seconds[i]))
			return 2;
	}
	return -1;
}

/* "1 h 30 min", "90m", "1h30m", "45 s": hours, minutes and seconds in
 * that order, each at most once, whole numbers (below 60 after a larger
 * unit). Returns the seconds, or -1
 * when s is no duration. Never more than the largest part allows, so an
 * absurd value is caught by the caller's 24 h limit, not by overflow. */
static long S_duration(const char *s, size_t n)
{
	long total = 0;
	int last = -1;
	size_t i = 0;
	static const long scale[] = {3600, 60, 1};
	if (n == 0)
		return -1;
	while (i < n) {
		size_t a = i;
		while (i < n && text_digit(s[i]))
			i++;
		long v;
		if (!S_whole(s + a, i - a, &v))
			return -1;
		while (i < n && text_space(s[i]))
			i++;
		size_t u = i;
		while (i < n && text_alpha(s[i]))
			i++;
		int unit = S_unit(s + u, i - u);
		if (unit <= last)
			return -1; /* no unit, an unknown one, or out of order */
		if (last >= 0 && v >= 60)
			return -1; /* "1 h 90 min": say "2 h 30 min" */
		last = unit;
		total += v * scale[unit];
		while (i < n && text_space(s[i]))
			i++;
	}
	return total;
}

/* A duration value that must be more than 0 and at most 24 h; none is
 * allowed where untimed makes sense. Returns false after reporting. */
static bool S_duration_value(struct S_parser *P, const struct text_line *l, const char *v, size_t n,
                             const char *what, bool none_ok, int *out)
{
	if (none_ok && text_is_word(v, n, "none")) {
		*out = 0;
		return true;
	}
	long d = S_duration(v, n);
	char *q = text_quote(v, n);
	bool ok = false;
	if (d < 0)
		S_error(
		    P, l->no, text_col(l, v),
		    "%s must be a duration such as '90 min', '1 h 30 min' or '45 s'%s, not '%s'",
		    what, none_ok ? " (or 'none')" : "", q);
	else if (d == 0)
		S_error(P, l->no, text_col(l, v), "%s must be more than 0%s", what,
		        none_ok ? "; write 'none' for an untimed exam" : "");
	else if (d > BANK_PROFILE_MAX_SECONDS)
		S_error(P, l->no, text_col(l, v), "%s may be at most 24 h, not '%s'", what, q);
	else
		ok = true;
	free(q);
	if (ok)
		*out = (int)d;
	return ok;
}

static bool S_yes_no(struct S_parser *P, const struct text_line *l, const char *key, const char *v,
                     size_t n, bool *out)
{
	if (text_is_word(v, n, "yes") || text_is_word(v, n, "no")) {
		*out = text_lower(v[0]) == 'y';
		return true;
	}
	char *q = text_quote(v, n);
	S_error(P, l->no, text_col(l, v), "%s must be yes or no, not '%s'", key, q);
	free(q);
	return false;
}

/* The words of v with runs of spaces taken as one: "not   counted". */
static bool S_words(const char *v, size_t n, const char *words)
{
	size_t i = 0;
	for (const char *w = words; *w; w++) {
		if (*w == ' ') {
			if (i >= n || !text_space(v[i]))
				return false;
			while (i < n && text_space(v[i]))
				i++;
		} else {
			if (i >= n || text_lower(v[i]) != *w)
				return false;
			i++;
		}
	}
	return i == n;
}

/* ---- settings ---- */

static int S_key_of(const char *k, size_t n)
{
	for (int i = 0; i < S_KEY_COUNT; i++)
		if (text_is_word(k, n, S_key_names[i]))
			return i;
	return -1;
}

static void S_setting(struct S_parser *P, const struct text_line *l, int key, const char *v,
                      size_t n)
{
	struct bank_profile *p = P->p;
	char *q = text_quote(v, n);
	int col = text_col(l, v);
	switch ((enum S_key)key) {
	case S_KEY_QUESTIONS: {
		long k;
		if (S_whole(v, n, &k) && k >= 1 && k <= BANK_PROFILE_MAX_QUESTIONS)
			p->questions = (int)k;
		else
			S_error(P, l->no, col,
			        "questions must be a whole number from 1 to %d, not '%s'",
			        BANK_PROFILE_MAX_QUESTIONS, q);
		break;
	}
	case S_KEY_TIME:
		S_duration_value(P, l, v, n, "time", true, &p->time_limit);
		P->untimed = text_is_word(v, n, "none");
		break;
	case S_KEY_PASS: {
		double d;
		size_t k = S_decimal(v, n, &d), e = k;
		while (k && e < n && text_space(v[e]))
			e++;
		if (k && e + 1 == n && v[e] == '%' && d <= 100)
			p->pass = d;
		else
			S_error(
			    P, l->no, col,
			    "pass must be a percentage from 0%% to 100%% such as '70%%', not '%s'",
			    q);
		break;
	}
	case S_KEY_NAVIGATION:
		if (text_is_word(v, n, "free"))
			p->navigation = BANK_PROFILE_FREE;
		else if (text_is_word(v, n, "sequential"))
			p->navigation = BANK_PROFILE_SEQUENTIAL;
		else
			S_error(P, l->no, col, "navigation must be free or sequential, not '%s'",
			        q);
		break;
	case S_KEY_TIMEOUT:
		if (text_is_word(v, n, "submit")) {
			p->timeout = BANK_PROFILE_SUBMIT;
		} else if (S_words(v, n, "not counted")) {
			p->timeout = BANK_PROFILE_NOT_COUNTED;
		} else if (n >= 5 && text_is_word(v, 5, "grace") && (n == 5 || text_space(v[5]))) {
			const char *d = v + 5;
			size_t dn = n - 5;
			text_trim(&d, &dn);
			if (dn == 0)
				S_error(P, l->no, col, "grace needs its duration: 'grace 2 min'");
			else if (S_duration_value(P, l, d, dn, "the grace period", false,
			                          &p->grace))
				p->timeout = BANK_PROFILE_GRACE;
		} else {
			S_error(P, l->no, col,
			        "timeout must be submit, grace DURATION or not counted, not '%s'",
			        q);
		}
		break;
	case S_KEY_REVIEW: S_yes_no(P, l, "review", v, n, &p->review); break;
	case S_KEY_SHUFFLE: S_yes_no(P, l, "shuffle", v, n, &p->shuffle); break;
	case S_KEY_BANK: {
		char *id = xstrndup(v, n);
		if (strlen(id) == n && bank_id_valid(id)) {
			free(p->bank);
			p->bank = id;
			id = NULL;
		} else {
			S_error(
			    P, l->no, col,
			    "bank must be a bank id such as 'flask' (a-z, 0-9, '.', '_' and '-'), "
			    "not '%s'",
			    q);
		}
		free(id);
		break;
	}
	case S_KEY_COUNT: break;
	}
	free(q);
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
		        "the description)",
		        q);
		free(q);
		return;
	}
	const char *k = s, *v = colon + 1;
	size_t kn = (size_t)(colon - s), vn = n - kn - 1;
	text_trim(&k, &kn);
	text_trim(&v, &vn);
	int key = S_key_of(k, kn);
	char *q = text_quote(k, kn);
	if (key < 0) {
		S_error(P, l->no, text_col(l, s),
		        "unknown setting '%s' (known: questions, time, pass, navigation, timeout, "
		        "review, shuffle, bank)",
		        q);
	} else if (P->key_line[key]) {
		S_error(P, l->no, text_col(l, s), "'%s' is given twice (first at line %d)",
		        S_key_names[key], P->key_line[key]);
	} else {
		P->key_line[key] = l->no;
		P->key_col[key] = text_col(l, s);
		if (vn == 0)
			S_error(P, l->no, text_col(l, s), "'%s:' has no value", S_key_names[key]);
		else
			S_setting(P, l, key, v, vn);
	}
	free(q);
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

/* ---- the Draw table ---- */

struct S_cell {
	const char *s;
	size_t n;
};

/* Splits a table line into trimmed cells (at most max; *count gets the
 * real number). Optional leading and trailing pipes; "\|" is no divider. */
static size_t S_cells(const struct text_line *l, struct S_cell *cells, size_t max)
{
	const char *s = l->s;
	size_t n = l->n, count = 0;
	text_trim(&s, &n);
	if (n && s[0] == '|')
		s++, n--;
	if (n && s[n - 1] == '|' && !(n >= 2 && s[n - 2] == '\\'))
		n--;
	size_t a = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && !(s[i] == '|' && !(i && s[i - 1] == '\\')))
			continue;
		const char *c = s + a;
		size_t cn = i - a;
		text_trim(&c, &cn);
		if (count < max)
			cells[count] = (struct S_cell){.s = c, .n = cn};
		count++;
		a = i + 1;
	}
	return count;
}

static void S_header(struct S_parser *P, const struct text_line *l)
{
	struct S_cell c[2];
	size_t n = S_cells(l, c, 2);
	P->header_line = l->no;
	if (n == 2 && text_is_word(c[0].s, c[0].n, "from") &&
	    text_is_word(c[1].s, c[1].n, "weight")) {
		P->state = S_TABLE_SEP;
		return;
	}
	const char *s = l->s;
	size_t sn = l->n;
	text_trim(&s, &sn);
	S_error(P, l->no, text_col(l, s),
	        "the Draw table's header is '| from | weight |' (then '| --- | ---: |')");
	P->state = S_SKIP_TABLE;
}

static void S_separator(struct S_parser *P, const struct text_line *l)
{
	struct S_cell c[2];
	size_t n = S_cells(l, c, 2);
	bool ok = n == 2;
	for (size_t i = 0; ok && i < 2; i++) {
		const char *s = c[i].s;
		size_t k = c[i].n, dashes = 0;
		if (k && s[0] == ':')
			s++, k--;
		if (k && s[k - 1] == ':')
			k--;
		for (size_t j = 0; j < k; j++)
			dashes += s[j] == '-';
		ok = dashes && dashes == k;
	}
	if (ok) {
		P->state = S_TABLE_ROWS;
		return;
	}
	const char *s = l->s;
	size_t sn = l->n;
	text_trim(&s, &sn);
	S_error(P, l->no, text_col(l, s),
	        "the Draw table needs its separator row '| --- | ---: |' right under the header");
	P->state = S_SKIP_TABLE;
}

static bool S_same_row(const struct bank_profile_row *a, const struct bank_profile_row *b)
{
	if (a->from != b->from)
		return false;
	if (a->from == BANK_PROFILE_CHAPTER)
		return a->chapter == b->chapter;
	if (a->from == BANK_PROFILE_SECTION)
		return strcmp(a->section, b->section) == 0;
	return true;
}

/* Whether the course has a section the row would draw from. */
static bool S_in_course(const struct S_parser *P, const struct bank_profile_row *row)
{
	for (size_t i = 0; i < P->n_sections; i++) {
		const char *s = P->sections[i];
		if (!s)
			continue;
		if (row->from == BANK_PROFILE_CHAPTER) {
			int ch = 0;
			for (const char *c = s; text_digit(*c) && ch <= S_MAX_CHAPTER; c++)
				ch = ch * 10 + (*c - '0');
			if (ch == row->chapter)
				return true;
		} else {
			size_t k = strlen(row->section);
			if (strncmp(s, row->section, k) == 0 && (s[k] == '\0' || s[k] == '.'))
				return true;
		}
	}
	return false;
}

static void S_row(struct S_parser *P, const struct text_line *l)
{
	struct S_cell c[2];
	size_t n = S_cells(l, c, 2);
	P->row_lines++;
	if (n != 2) {
		const char *s = l->s;
		size_t sn = l->n;
		text_trim(&s, &sn);
		S_error(P, l->no, text_col(l, s),
		        "a Draw row has two cells, from and weight; this one has %zu", n);
		return;
	}
	struct bank_profile_row row = {.line = l->no};
	bool ok = true;
	const char *f = c[0].s;
	size_t fn = c[0].n, w = 0;
	while (w < fn && !text_space(f[w]))
		w++;
	const char *arg = f + w;
	size_t an = fn - w;
	text_trim(&arg, &an);
	long num = 0;
	if (text_is_word(f, fn, "all")) {
		row.from = BANK_PROFILE_ALL;
	} else if (text_is_word(f, w, "chapter") && S_whole(arg, an, &num) && num >= 1 &&
	           num <= S_MAX_CHAPTER) {
		row.from = BANK_PROFILE_CHAPTER;
		row.chapter = (int)num;
	} else if (text_is_word(f, w, "section") && text_section_number(arg, an)) {
		row.from = BANK_PROFILE_SECTION;
		row.section = xstrndup(arg, an);
		S_whole(arg, (size_t)(strchr(row.section, '.') - row.section), &num);
		row.chapter = (int)num;
	} else {
		char *q = text_quote(f, fn);
		if (text_is_word(f, w, "section") && S_whole(arg, an, &num))
			S_error(
			    P, l->no, text_col(l, f),
			    "'%s' names a whole chapter: write 'chapter %ld', or a section such as "
			    "'section %ld.1'",
			    q, num, num);
		else
			S_error(P, l->no, text_col(l, f),
			        "'%s' is not a Draw row: write 'all', 'chapter N' or 'section N.M'",
			        q);
		free(q);
		ok = false;
	}

	const char *v = c[1].s;
	size_t vn = c[1].n;
	double weight = 0;
	size_t k = S_decimal(v, vn, &weight), e = k;
	while (k && e < vn && text_space(v[e]))
		e++;
	if (k && e < vn && v[e] == '%')
		e++;
	if (!k || e != vn || weight <= 0 || weight > S_MAX_WEIGHT) {
		char *q = text_quote(v, vn);
		if (k && e == vn && weight <= 0)
			S_error(P, l->no, text_col(l, v), "weight must be more than 0, not '%s'",
			        q);
		else if (k && e == vn)
			S_error(P, l->no, text_col(l, v), "weight may be at most %d, not '%s'",
			        S_MAX_WEIGHT, q);
		else
			S_error(P, l->no, text_col(l, v),
			        "weight must be a positive number such as 2, 0.5 or 25%%, not '%s'",
			        q);
		free(q);
		ok = false;
	}
	row.weight = weight;

	struct bank_profile *p = P->p;
	for (size_t i = 0; ok && i < p->n_rows; i++)
		if (S_same_row(&p->rows[i], &row)) {
			struct buf name = {0};
			bank_profile_row_name(&row, &name);
			S_error(P, l->no, text_col(l, f), "'%s' is given twice (first at line %d)",
			        buf_cstr(&name), p->rows[i].line);
			buf_free(&name);
			ok = false;
		}
	if (!ok) {
		free(row.section);
		return;
	}
	if (P->sections && row.from != BANK_PROFILE_ALL && !S_in_course(P, &row)) {
		struct buf name = {0};
		bank_profile_row_name(&row, &name);
		bank_report_add(P->r, BANK_WARNING, l->no, text_col(l, f),
		                "%s is not in the course", buf_cstr(&name));
		buf_free(&name);
	}
	xgrow((void **)&p->rows, &P->cap_rows, p->n_rows + 1, sizeof *p->rows);
	p->rows[p->n_rows++] = row;
}

/* Tracks ``` and ~~~ fences in the description, where "## " is code. */
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

/* Reports the first byte of l that is not UTF-8 or is a control character. */
static void S_check_text(struct S_parser *P, const struct text_line *l)
{
	for (size_t i = 0; i < l->n;) {
		uint32_t cp;
		size_t k = utf8_decode(l->s + i, l->n - i, &cp);
		int col = text_col(l, l->s + i);
		if (cp == UTF8_REPLACEMENT && k == 1) {
			S_error(P, l->no, col,
			        "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
			        (unsigned)(unsigned char)l->s[i]);
			return;
		}
		if ((cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
			S_error(P, l->no, col, "control character U+%04X is not allowed",
			        (unsigned)cp);
			return;
		}
		i += k;
	}
}

static void S_description_line(struct S_parser *P, const struct text_line *l)
{
	size_t off = (size_t)(l->s - P->desc_text);
	if (P->desc_end == 0 && text_blank(l))
		return; /* leading blank lines are trimmed */
	if (P->desc_end == 0)
		P->desc_first = off;
	if (!text_blank(l))
		P->desc_end = off + l->n;
}

/* The description's first line, which may open a code fence. */
static void S_begin_description(struct S_parser *P, const struct text_line *l)
{
	P->state = S_DESCRIPTION;
	S_fence(P, l);
	S_description_line(P, l);
}

static void S_missing_title(struct S_parser *P, int line, int col)
{
	if (!P->title_missing)
		S_error(P, line, col, "a profile starts with its title: '# Full mock exam'");
	P->title_missing = true;
}

static void S_no_table(struct S_parser *P, int line, int col)
{
	S_error(P, line, col,
	        "the Draw section needs a table: '| from | weight |', '| --- | ---: |', then one "
	        "row per line");
}

/* The table's end (a blank line, a heading, the end of the file): reports
 * what it lacks. */
static void S_end_table(struct S_parser *P)
{
	if (P->state == S_DRAW_START)
		S_no_table(P, P->draw_line, 1);
	else if (P->state == S_TABLE_SEP)
		S_error(P, P->header_line, 1,
		        "the Draw table needs its separator row '| --- | ---: |' right under the "
		        "header");
	else if (P->state == S_TABLE_ROWS && P->row_lines == 0)
		S_error(P, P->header_line, 1, "the Draw table has no rows");
}

static void S_line(struct S_parser *P, const struct text_line *l)
{
	const char *ht = NULL;
	size_t hn = 0;
	if (P->state == S_DESCRIPTION) {
		bool in_code = P->in_fence;
		if (S_fence(P, l) || in_code) {
			S_description_line(P, l);
			return;
		}
	}
	int level = text_heading(l, &ht, &hn);
	if (level == 1) {
		if (P->state == S_BEFORE_TITLE) {
			P->title_line = l->no;
			if (hn == 0)
				S_error(P, l->no, 1, "the title is empty: '# Full mock exam'");
			else
				P->p->title = xstrndup(ht, hn);
			P->state = S_AFTER_TITLE;
		} else {
			S_error(P, l->no, 1, "a profile has one '# ' title, at the top");
		}
		return;
	}
	if (level == 2) {
		if (P->state == S_BEFORE_TITLE)
			S_missing_title(P, l->no, 1);
		S_end_table(P);
		if (!text_is_word(ht, hn, "draw")) {
			char *q = text_quote(ht, hn);
			S_error(P, l->no, 1,
			        "unknown section '## %s': a profile has only a '## Draw' section",
			        q);
			free(q);
			P->state = S_IGNORE;
		} else if (P->draw_line) {
			S_error(P, l->no, 1, "'## Draw' is given twice (first at line %d)",
			        P->draw_line);
			P->state = S_IGNORE;
		} else {
			P->draw_line = l->no;
			P->state = S_DRAW_START;
		}
		return;
	}
	bool blank = text_blank(l);
	switch (P->state) {
	case S_BEFORE_TITLE:
		if (blank)
			return;
		{
			const char *s = l->s;
			size_t n = l->n;
			text_trim(&s, &n);
			S_missing_title(P, l->no, text_col(l, s));
		}
		P->state = S_AFTER_TITLE;
		/* Settings go on as settings; anything else ("#Title", "Mock
		 * exam") was meant as the title, and taking it as one keeps the
		 * settings after it from being read as the description. */
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
			S_begin_description(P, l);
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
			S_begin_description(P, l);
		}
		return;
	case S_DESCRIPTION: S_description_line(P, l); return;
	case S_DRAW_START:
		if (blank)
			return;
		if (memchr(l->s, '|', l->n)) {
			S_header(P, l);
		} else {
			const char *s = l->s;
			size_t n = l->n;
			text_trim(&s, &n);
			S_no_table(P, l->no, text_col(l, s));
			P->state = S_IGNORE;
		}
		return;
	case S_TABLE_SEP:
		if (blank) {
			S_end_table(P);
			P->state = S_AFTER_TABLE;
		} else {
			S_separator(P, l);
		}
		return;
	case S_TABLE_ROWS:
		if (blank) {
			S_end_table(P);
			P->state = S_AFTER_TABLE;
		} else {
			S_row(P, l);
		}
		return;
	case S_SKIP_TABLE:
		if (blank)
			P->state = S_AFTER_TABLE;
		return;
	case S_AFTER_TABLE:
		if (blank)
			return;
		{
			const char *s = l->s;
			size_t n = l->n;
			text_trim(&s, &n);
			S_error(P, l->no, text_col(l, s),
			        "text after the Draw table: the table ends the profile");
		}
		P->state = S_IGNORE;
		return;
	case S_IGNORE: return;
	}
}

/* ---- the profile ---- */

static char *S_id_of(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 3 && text_is_word(base + n - 3, 3, ".md"))
		n -= 3;
	return xstrndup(base, n);
}

/* The description: its lines from first to last non-blank, CRs dropped. */
static char *S_description(const struct S_parser *P)
{
	struct buf b = {0};
	if (P->desc_end) {
		const char *s = P->desc_text + P->desc_first, *e = P->desc_text + P->desc_end;
		for (const char *c = s; c < e; c++)
			if (!(*c == '\r' && c + 1 < e && c[1] == '\n'))
				buf_putc(&b, *c);
	}
	return buf_detach(&b);
}

size_t bank_profile_parse(const char *path, const char *text, size_t len,
                          const char *const *sections, size_t n_sections, struct bank_profile *p,
                          struct bank_report *r)
{
	memset(p, 0, sizeof *p);
	p->review = true;
	p->shuffle = true;
	const char *s = text ? text : "";
	len = text ? len : 0;
	struct S_parser P = {
	    .p = p,
	    .r = r,
	    .sections = n_sections ? sections : NULL,
	    .n_sections = n_sections,
	    .desc_text = s,
	};
	size_t i = 0;
	int line = 0;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* a byte order mark is not part of line 1 */
	for (;;) {
		size_t e = i;
		while (e < len && s[e] != '\n')
			e++;
		if (line < INT_MAX)
			line++;
		struct text_line l = {.s = s + i, .n = e - i, .no = line};
		if (l.n && l.s[l.n - 1] == '\r')
			l.n--; /* CRLF */
		if (!(e >= len && l.n == 0 && line > 1)) {
			/* (the empty "line" after a final newline is none) */
			S_check_text(&P, &l);
			S_line(&P, &l);
		}
		if (e >= len)
			break;
		i = e + 1;
	}
	if (P.state == S_BEFORE_TITLE)
		S_missing_title(&P, 1, 1);
	S_end_table(&P);

	int at = P.title_line ? P.title_line : 1;
	if (!P.key_line[S_KEY_QUESTIONS])
		S_error(&P, at, 1, "the profile has no 'questions:' setting (questions: 1 to %d)",
		        BANK_PROFILE_MAX_QUESTIONS);
	if (!P.key_line[S_KEY_TIME])
		S_error(&P, at, 1,
		        "the profile has no 'time:' setting (time: 90 min, or time: none)");
	if (!P.key_line[S_KEY_PASS])
		S_error(&P, at, 1, "the profile has no 'pass:' setting (pass: 70%%)");

	if (P.key_line[S_KEY_TIMEOUT] && P.untimed)
		bank_report_add(r, BANK_WARNING, P.key_line[S_KEY_TIMEOUT],
		                P.key_col[S_KEY_TIMEOUT],
		                "timeout has no effect: the exam is untimed (time: none)");
	if (P.errors) {
		bank_profile_clear(p);
		return P.errors;
	}
	p->path = xstrdup(path ? path : "-");
	p->id = S_id_of(p->path);
	p->description = S_description(&P);
	if (p->n_rows == 0) {
		p->rows = xcalloc(1, sizeof *p->rows);
		p->rows[0] = (struct bank_profile_row){.from = BANK_PROFILE_ALL, .weight = 1.0};
		p->n_rows = 1;
	}
	return 0;
}

size_t bank_profile_load(const char *path, const char *const *sections, size_t n_sections,
                         struct bank_profile *p, struct bank_report *r)
{
	bank_report_init(r, path);
	memset(p, 0, sizeof *p);
	char *text;
	size_t len;
	struct error err;
	if (paths_read_file(path, &text, &len, &err) != ST_OK) {
		bank_report_add(r, BANK_ERROR, 0, 0, "%s", err.message);
		return 1;
	}
	size_t errors = bank_profile_parse(path, text, len, sections, n_sections, p, r);
	free(text);
	return errors;
}

void bank_profile_clear(struct bank_profile *p)
{
	free(p->id);
	free(p->title);
	free(p->description);
	free(p->bank);
	free(p->path);
	for (size_t i = 0; i < p->n_rows; i++)
		free(p->rows[i].section);
	free(p->rows);
	memset(p, 0, sizeof *p);
}

void bank_profile_format_duration(int seconds, struct buf *out)
{
	if (seconds <= 0) {
		buf_puts(out, "none");
		return;
	}
	int h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
	const char *sep = "";
	if (h) {
		buf_printf(out, "%d h", h);
		sep = " ";
	}
	if (m) {
		buf_printf(out, "%s%d min", sep, m);
		sep = " ";
	}
	if (s)
		buf_printf(out, "%s%d s", sep, s);
}

void bank_profile_row_name(const struct bank_profile_row *row, struct buf *out)
{
	switch (row->from) {
	case BANK_PROFILE_ALL: buf_puts(out, "all"); break;
	case BANK_PROFILE_CHAPTER: buf_printf(out, "chapter %d", row->chapter); break;
	case BANK_PROFILE_SECTION:
		buf_printf(out, "section %s", row->section ? row->section : "?");
		break;
	}
}

void bank_profile_describe(const struct bank_profile *p, const char *sep, struct buf *out)
{
	buf_printf(out, "%d question%s%s", p->questions, p->questions == 1 ? "" : "s", sep);
	if (p->time_limit)
		bank_profile_format_duration(p->time_limit, out);
	else
		buf_puts(out, "untimed");
	buf_printf(out, "%spass %g%%", sep, p->pass);
	if (p->navigation == BANK_PROFILE_SEQUENTIAL)
		buf_printf(out, "%sforward only", sep);
	if (p->timeout == BANK_PROFILE_GRACE) {
		buf_printf(out, "%sthen ", sep);
		bank_profile_format_duration(p->grace, out);
		buf_puts(out, " to submit");
	} else if (p->timeout == BANK_PROFILE_NOT_COUNTED) {
		buf_printf(out, "%snot counted unless submitted in time", sep);
	}
}
