/* export: native Markdown, GIFT and Anki TSV writers (see export.h). */
#include "bank/export.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "md/doc.h"

static const char *const S_format_names[] = {
    [BANK_EXPORT_MD] = "md",
    [BANK_EXPORT_GIFT] = "gift",
    [BANK_EXPORT_ANKI_TSV] = "anki-tsv",
};

#define S_N_FORMATS (sizeof S_format_names / sizeof S_format_names[0])

bool bank_export_format_parse(const char *name, enum bank_export_format *out)
{
	for (size_t i = 0; name && i < S_N_FORMATS; i++) {
		if (strcmp(name, S_format_names[i]) == 0) {
			*out = (enum bank_export_format)i;
			return true;
		}
	}
	return false;
}

const char *bank_export_format_name(enum bank_export_format f)
{
	return (unsigned)f < S_N_FORMATS ? S_format_names[f] : "?";
}

/* ---- shared helpers ---- */

static bool S_blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* Block text without its leading blank lines and trailing white space:
 * neither means anything in Markdown, and leading spaces on the first real
 * line (an indented code block) must survive. Returns the start; *len gets
 * the length. */
static const char *S_trim_block(const char *s, size_t *len)
{
	if (!s) {
		*len = 0;
		return "";
	}
	const char *start = s;
	for (const char *p = s; *p; p++) {
		if (*p == '\n')
			start = p + 1;
		else if (*p != ' ' && *p != '\t' && *p != '\r')
			break;
	}
	size_t n = strlen(start);
	while (n > 0 && strchr(" \t\r\n", start[n - 1]))
		n--;
	*len = n;
	return start;
}

/* The shortest "%.Ng" spelling of v that reads back as exactly v, so
 * numbers survive a write and a parse unchanged. */
static void S_fmt_double(char *out, size_t size, double v)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, size, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

/* A credit fraction as the percentage the native format writes: the
 * shortest spelling whose value / 100 gives back the same fraction. Some
 * fractions (1/3) have none; they get the closest, with 17 digits. */
static void S_fmt_percent(char *out, size_t size, double fraction)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, size, "%.*g", prec, fraction * 100.0);
		if (strtod(out, NULL) / 100.0 == fraction)
			return;
	}
}

/* ---- native Markdown ---- */

/* Appends each line of text (trimmed as a block) with prefix; empty lines
 * get blank_prefix so that no line ends in white space. */
static void S_put_lines(struct buf *out, const char *text, const char *prefix,
                        const char *blank_prefix)
{
	size_t len;
	const char *s = S_trim_block(text, &len);
	const char *end = s + len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *stop = nl ? nl : end;
		size_t n = (size_t)(stop - s);
		if (n && s[n - 1] == '\r')
			n--;
		buf_puts(out, n ? prefix : blank_prefix);
		buf_append(out, s, n);
		buf_putc(out, '\n');
		s = nl ? nl + 1 : end;
	}
}

/* One list item: marker, optional credit, the inline text with its
 * continuation lines indented under the marker, then the option's feedback
 * as a blockquote nested in the item. */
static void S_md_item(struct buf *out, const char *marker, size_t indent, const char *credit,
                      const char *text, const char *feedback)
{
	char pad[16];
	if (indent >= sizeof pad - 2)
		indent = sizeof pad - 3;
	memset(pad, ' ', indent);
	pad[indent] = '\0';
	buf_puts(out, marker);
	if (credit)
		buf_printf(out, "(%s%%) ", credit);
	size_t len;
	const char *s = S_trim_block(text, &len);
	for (size_t i = 0; i < len; i++) {
		buf_putc(out, s[i]);
		if (s[i] == '\n' && i + 1 < len && s[i + 1] != '\n')
			buf_puts(out, pad);
	}
	buf_putc(out, '\n');
	if (!S_blank(feedback)) {
		char quote[24], blank[24];
		snprintf(quote, sizeof quote, "%s> ", pad);
		snprintf(blank, sizeof blank, "%s>", pad);
		S_put_lines(out, feedback, quote, blank);
	}
}

/* The bullet character and ordered-list delimiter for the answer block.
 * CommonMark joins two adjacent lists with the same marker into one, so
 * when the stem itself ends with a list the answers switch marker: the
 * parser then still sees the stem's list and the answer block apart. */
static void S_answer_markers(const char *stem, char *bullet, char *delim)
{
	*bullet = '-';
	*delim = '.';
	if (S_blank(stem))
		return;
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	if (!parser)
		abort();
	cmark_parser_feed(parser, stem, strlen(stem));
	cmark_node *root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (!root)
		abort();
	cmark_node *last = cmark_node_last_child(root);
	if (last && cmark_node_get_type(last) == CMARK_NODE_LIST) {
		if (cmark_node_get_list_type(last) == CMARK_ORDERED_LIST) {
			if (cmark_node_get_list_delim(last) != CMARK_PAREN_DELIM)
				*delim = ')';
		} else {
			/* cmark keeps the bullet character private: read it from
			 * the list's first line in the source. */
			const char *p = stem;
			for (int line = cmark_node_get_start_line(last); line > 1 && p; line--) {
				p = strchr(p, '\n');
				if (p)
					p++;
			}
			while (p && (*p == ' ' || *p == '\t'))
				p++;
			if (p && *p == '-')
				*bullet = '*';
		}
	}
	cmark_node_free(root);
}

static void S_md_number(struct buf *out, const struct bank_number *n)
{
	char a[40], b[40];
	if (n->is_range) {
		S_fmt_double(a, sizeof a, n->lo);
		S_fmt_double(b, sizeof b, n->hi);
		buf_printf(out, "%s..%s", a, b);
	} else if (n->tolerance != 0) {
		S_fmt_double(a, sizeof a, n->value);
		S_fmt_double(b, sizeof b, n->tolerance);
		buf_printf(out, "%s \xc2\xb1 %s", a, b);
	} else {
		S_fmt_double(a, sizeof a, n->value);
		buf_puts(out, a);
	}
}

/* A table cell keeps to one line, and a literal pipe would end it. */
static void S_md_cell(struct buf *out, const char *text)
{
	size_t len;
	const char *s = S_trim_block(text, &len);
	buf_puts(out, "| ");
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '|')
			buf_puts(out, "\\|");
		else if (s[i] == '\n')
			buf_putc(out, ' ');
		else if (s[i] != '\r')
			buf_putc(out, s[i]);
	}
	buf_putc(out, ' ');
}

/* A fence longer than any run of backticks in the query, so the query can
 * never close it early. */
static void S_md_fence(struct buf *out, const char *sql)
{
	size_t longest = 0, run = 0;
	for (const char *p = sql ? sql : ""; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	buf_repeat(out, "`", longest >= 3 ? longest + 1 : 3);
}

/* Appends " · word" for each flag q carries, in a fixed order. */
static void S_put_flags(struct buf *out, const struct bank_question *q)
{
	unsigned flag;
	const char *word;
	for (size_t i = 0; (word = bank_flag_word(i, &flag)); i++)
		if (q->flags & flag)
			buf_printf(out, " \xc2\xb7 %s", word);
}

static void S_md_meta(struct buf *out, const struct bank_question *q)
{
	buf_printf(out, "id: %s", q->id ? q->id : "");
	if (!S_blank(q->section))
		buf_printf(out, " \xc2\xb7 section: %s", q->section);
	if (q->difficulty)
		buf_printf(out, " \xc2\xb7 difficulty: %d", q->difficulty);
	buf_printf(out, " \xc2\xb7 type: %s", bank_qtype_name(q->type));
	S_put_flags(out, q);
	if (!S_blank(q->dataset))
		buf_printf(out, " \xc2\xb7 dataset: %s", q->dataset);
	buf_putc(out, '\n');
}

static void S_md_answers(const struct bank_question *q, struct buf *out, char bullet, char delim)
{
	char marker[32], credit[40];
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE:
	case BANK_SHORT:
		for (size_t i = 0; i < q->n_choices; i++) {
			const struct bank_choice *c = &q->choices[i];
			if (q->type == BANK_SHORT)
				snprintf(marker, sizeof marker, "%c ", bullet);
			else
				snprintf(marker, sizeof marker, "%c [%c] ", bullet,
				         c->correct ? 'x' : ' ');
			if (c->has_weight)
				S_fmt_percent(credit, sizeof credit, c->weight);
			S_md_item(out, marker, 2, c->has_weight ? credit : NULL, c->text,
			          c->feedback);
		}
		break;
	case BANK_ORDER:
		/* Item feedback would reveal the order mid-question, and the
		 * native format rejects it; bank_export reports it as dropped. */
		for (size_t i = 0; i < q->n_choices; i++) {
			snprintf(marker, sizeof marker, "%zu%c ", i + 1, delim);
			S_md_item(out, marker, strlen(marker), NULL, q->choices[i].text, NULL);
		}
		break;
	case BANK_NUMERIC:
		for (size_t i = 0; i < q->n_numbers; i++) {
			const struct bank_number *n = &q->numbers[i];
			struct buf num = {0};
			S_md_number(&num, n);
			snprintf(marker, sizeof marker, "%c ", bullet);
			if (n->weight != 1.0)
				S_fmt_percent(credit, sizeof credit, n->weight);
			S_md_item(out, marker, 2, n->weight != 1.0 ? credit : NULL, buf_cstr(&num),
			          n->feedback);
			buf_free(&num);
		}
		break;
	case BANK_MATCH:
		/* The header row is required by GFM but carries no data. */
		buf_puts(out, "| Left | Right |\n| --- | --- |\n");
		for (size_t i = 0; i < q->n_pairs; i++) {
			S_md_cell(out, q->pairs[i].left);
			S_md_cell(out, q->pairs[i].right);
			buf_puts(out, "|\n");
		}
		break;
	case BANK_SQL: {
		size_t len;
		const char *sql = S_trim_block(q->sql, &len);
		S_md_fence(out, q->sql);
		buf_puts(out, "sql\n");
		if (len) {
			buf_append(out, sql, len);
			buf_putc(out, '\n');
		}
		S_md_fence(out, q->sql);
		buf_putc(out, '\n');
		break;
	}
	case BANK_QTYPE_COUNT: break;
	}
}

/* A heading is one line: a newline in a title becomes a space. */
static void S_md_heading(struct buf *out, const char *marks, const char *title)
{
	buf_puts(out, marks);
	if (!S_blank(title)) {
		size_t len;
		const char *s = S_trim_block(title, &len);
		buf_putc(out, ' ');
		for (size_t i = 0; i < len; i++)
			if (s[i] != '\r')
				buf_putc(out, s[i] == '\n' ? ' ' : s[i]);
	}
	buf_putc(out, '\n');
}

void bank_export_md_question(const struct bank_question *q, struct buf *out)
{
	S_md_heading(out, "##", q->title);
	S_md_meta(out, q);
	char bullet, delim;
	S_answer_markers(q->stem, &bullet, &delim);
	if (!S_blank(q->stem)) {
		buf_putc(out, '\n');
		S_put_lines(out, q->stem, "", "");
	}
	buf_putc(out, '\n');
	S_md_answers(q, out, bullet, delim);
	if (!S_blank(q->explanation)) {
		buf_putc(out, '\n');
		S_put_lines(out, q->explanation, "> ", ">");
	}
}

static void S_export_md(const struct bank *b, struct buf *out, struct bank_report *rep)
{
	if (!S_blank(b->title))
		S_md_heading(out, "#", b->title);
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct bank_question *q = &b->questions[i];
		if (i > 0 || !S_blank(b->title))
			buf_putc(out, '\n');
		bank_export_md_question(q, out);
		for (size_t j = 0; q->type == BANK_ORDER && j < q->n_choices; j++)
			if (!S_blank(q->choices[j].feedback))
				bank_report_add(
				    rep, BANK_WARNING, q->line, 1,
				    "question '%s': ordering items cannot carry feedback; "
				    "the feedback of item %zu is left out",
				    q->id ? q->id : "", j + 1);
	}
}

/* ---- GIFT ---- */

/* The grades Moodle's question bank accepts (question_bank's full list of
 * fractions, as percentages); importing any other value fails unless the
 * teacher picks "nearest grade". Negative grades mirror the positive ones. */
static const struct {
	double fraction;
	const char *percent;
} S_moodle_grades[] = {
    {1.0, "100"},
    {0.9, "90"},
    {0.8333333, "83.33333"},
    {0.8, "80"},
    {0.75, "75"},
    {0.7, "70"},
    {0.6666667, "66.66667"},
    {0.6, "60"},
    {0.5, "50"},
    {0.4, "40"},
    {0.3333333, "33.33333"},
    {0.3, "30"},
    {0.25, "25"},
    {0.2, "20"},
    {0.1666667, "16.66667"},
    {0.1428571, "14.28571"},
    {0.125, "12.5"},
    {0.1111111, "11.11111"},
    {0.1, "10"},
    {0.05, "5"},
    {0.0, "0"},
};

/* Moodle's own test for "the same grade" when it matches imported grades. */
#define S_MOODLE_GRADE_EPSILON 0.00001

/* Writes the Moodle grade nearest to fraction as "%<percent>%", and warns
 * when that changes the credit. what names the answer in the warning. */
static void S_gift_grade(struct buf *out, double fraction, const struct bank_question *q,
                         const char *what, size_t index, struct bank_report *rep)
{
	double mag = fabs(fraction);
	size_t best = 0;
	for (size_t i = 1; i < sizeof S_moodle_grades / sizeof S_moodle_grades[0]; i++)
		if (fabs(S_moodle_grades[i].fraction - mag) <
		    fabs(S_moodle_grades[best].fraction - mag))
			best = i;
	bool negative = fraction < 0 && S_moodle_grades[best].fraction > 0;
	buf_printf(out, "%%%s%s%%", negative ? "-" : "", S_moodle_grades[best].percent);
	if (fabs(S_moodle_grades[best].fraction - mag) > S_MOODLE_GRADE_EPSILON)
		bank_report_add(rep, BANK_WARNING, q->line, 1,
		                "question '%s': Moodle has no %.6g%% grade; %s %zu is written "
		                "as %s%s%%",
		                q->id, fraction * 100.0, what, index + 1, negative ? "-" : "",
		                S_moodle_grades[best].percent);
}

/* Every character GIFT gives a meaning is escaped, and newlines become \n
 * because a blank line ends a GIFT question. */
static void S_gift_text(struct buf *out, const char *text, bool block)
{
	size_t len;
	const char *s = text ? text : "";
	if (block) {
		s = S_trim_block(text, &len);
	} else {
		len = strlen(s);
		while (len && strchr(" \t\r\n", s[len - 1]))
			len--;
		while (len && strchr(" \t\r\n", *s)) {
			s++;
			len--;
		}
	}
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\r')
			continue;
		if (c == '\n')
			buf_puts(out, "\\n");
		else if (strchr("\\~=#{}:", c))
			buf_printf(out, "\\%c", c);
		else
			buf_putc(out, c);
	}
}

static void S_gift_answer(struct buf *out, const char *lead, const char *text, const char *feedback)
{
	buf_putc(out, '\t');
	buf_puts(out, lead);
	S_gift_text(out, text, false);
	if (!S_blank(feedback)) {
		buf_putc(out, '#');
		S_gift_text(out, feedback, true);
	}
	buf_putc(out, '\n');
}

/* Moodle reads a "%n%" right after "~" (and after "=" in short answers)
 * as a credit, and GIFT has no escape for '%'. An answer text that starts
 * with '%' behind a bare lead therefore gets its credit spelled out. */
static void S_gift_guard_percent(struct buf *lead, const char *text, const char *credit)
{
	while (text && (*text == ' ' || *text == '\t'))
		text++;
	if (text && *text == '%' && lead->len == 1)
		buf_puts(lead, credit);
}

/* The reason a question cannot be written as GIFT, or NULL. */
static const char *S_gift_unsupported(const struct bank_question *q)
{
	switch (q->type) {
	case BANK_ORDER: return "GIFT has no ordering questions";
	case BANK_SQL: return "GIFT has no SQL questions";
	case BANK_SINGLE:
	case BANK_MULTI:
		if (q->n_choices < 2)
			return "a GIFT multiple-choice question needs at least two options";
		break;
	case BANK_TRUEFALSE:
		if (q->n_choices != 2)
			return "a GIFT true/false question needs exactly two options";
		break;
	case BANK_SHORT:
		if (q->n_choices == 0)
			return "a GIFT short-answer question needs an accepted answer";
		break;
	case BANK_NUMERIC:
		if (q->n_numbers == 0)
			return "a GIFT numerical question needs an accepted number";
		break;
	case BANK_MATCH:
		if (q->n_pairs < 2)
			return "a GIFT matching question needs at least two pairs";
		for (size_t i = 0; i < q->n_pairs; i++)
			if (strstr(q->pairs[i].left ? q->pairs[i].left : "", "->"))
				return "GIFT cannot write '->' inside the left side of a pair";
		break;
	case BANK_QTYPE_COUNT: return "its type is unknown";
	}
	return NULL;
}

static void S_gift_choices(const struct bank_question *q, struct buf *out, struct bank_report *rep)
{
	size_t right = 0, wrong = 0;
	bool weighted = false;
	for (size_t i = 0; i < q->n_choices; i++) {
		right += q->choices[i].correct;
		weighted |= q->choices[i].has_weight;
	}
	wrong = q->n_choices - right;
	for (size_t i = 0; i < q->n_choices; i++) {
		const struct bank_choice *c = &q->choices[i];
		struct buf lead = {0};
		if (q->type == BANK_SINGLE) {
			/* "=" is full credit and tells Moodle there is one answer. */
			double credit = c->has_weight ? c->weight : c->correct ? 1.0 : 0.0;
			if (credit == 1.0) {
				buf_putc(&lead, '=');
			} else {
				buf_putc(&lead, '~');
				if (credit != 0.0)
					S_gift_grade(&lead, credit, q, "option", i, rep);
			}
		} else {
			/* Multiple response: no "=" at all, and the default shares
			 * mirror studyterm's rule of right/num_right minus
			 * wrong/num_wrong; with explicit credits an option without
			 * one is worth nothing, as in the grader's sum. */
			double credit;
			if (weighted)
				credit = c->has_weight ? c->weight : 0.0;
			else
				credit = c->correct ? 1.0 / (double)right : -1.0 / (double)wrong;
			buf_putc(&lead, '~');
			if (credit != 0.0)
				S_gift_grade(&lead, credit, q, "option", i, rep);
		}
		if (lead.data[0] == '~')
			S_gift_guard_percent(&lead, c->text, "%0%");
		S_gift_answer(out, buf_cstr(&lead), c->text, c->feedback);
		buf_free(&lead);
	}
	if (q->type == BANK_MULTI && (q->flags & BANK_ALL_OR_NOTHING))
		bank_report_add(rep, BANK_WARNING, q->line, 1,
		                "question '%s': Moodle has no all-or-nothing grading and will give "
		                "partial credit (studyterm keeps the flag in its comment line)",
		                q->id);
}

static bool S_is_word(const char *text, const char *word)
{
	size_t len;
	const char *s = S_trim_block(text, &len);
	return len == strlen(word) && strncasecmp(s, word, len) == 0;
}

/* GIFT's true/false form: {T#feedback when wrong#feedback when right}. */
static void S_gift_truefalse(const struct bank_question *q, struct buf *out,
                             struct bank_report *rep)
{
	size_t t = S_is_word(q->choices[1].text, "true") ? 1 : 0;
	size_t answer = q->choices[0].correct ? 0 : 1;
	const struct bank_choice *right = &q->choices[answer];
	const struct bank_choice *wrong = &q->choices[1 - answer];
	if (!S_is_word(q->choices[t].text, "true") || !S_is_word(q->choices[1 - t].text, "false"))
		bank_report_add(rep, BANK_WARNING, q->line, 1,
		                "question '%s': GIFT true/false options are always True and False; "
		                "the option texts are not kept",
		                q->id);
	for (size_t i = 0; i < 2; i++) {
		const struct bank_choice *c = &q->choices[i];
		if (c->has_weight && c->weight != (c->correct ? 1.0 : 0.0))
			bank_report_add(rep, BANK_WARNING, q->line, 1,
			                "question '%s': GIFT true/false has no partial credit; the "
			                "credit of option %zu is dropped",
			                q->id, i + 1);
	}
	buf_putc(out, answer == t ? 'T' : 'F');
	if (!S_blank(wrong->feedback)) {
		buf_putc(out, '#');
		S_gift_text(out, wrong->feedback, true);
	} else if (!S_blank(right->feedback)) {
		buf_putc(out, '#');
	}
	if (!S_blank(right->feedback)) {
		buf_putc(out, '#');
		S_gift_text(out, right->feedback, true);
	}
	if (!S_blank(q->explanation)) {
		buf_puts(out, "####");
		S_gift_text(out, q->explanation, true);
	}
}

static void S_gift_numbers(const struct bank_question *q, struct buf *out, struct bank_report *rep)
{
	char a[40], b[40];
	for (size_t i = 0; i < q->n_numbers; i++) {
		const struct bank_number *n = &q->numbers[i];
		struct buf lead = {0};
		buf_putc(&lead, '=');
		if (n->weight != 1.0)
			S_gift_grade(&lead, n->weight, q, "answer", i, rep);
		if (n->is_range) {
			S_fmt_double(a, sizeof a, n->lo);
			S_fmt_double(b, sizeof b, n->hi);
			buf_printf(&lead, "%s..%s", a, b);
		} else {
			S_fmt_double(a, sizeof a, n->value);
			buf_puts(&lead, a);
			if (n->tolerance != 0) {
				S_fmt_double(b, sizeof b, n->tolerance);
				buf_printf(&lead, ":%s", b);
			}
		}
		/* The number goes in the lead so that ':' and '..' stay
		 * unescaped: they are GIFT syntax here, not text. */
		S_gift_answer(out, buf_cstr(&lead), "", n->feedback);
		buf_free(&lead);
	}
}

static void S_gift_question(const struct bank_question *q, struct buf *out, struct bank_report *rep)
{
	buf_puts(out, "// studyterm: id: ");
	buf_puts(out, q->id ? q->id : "");
	if (!S_blank(q->section))
		buf_printf(out, " \xc2\xb7 section: %s", q->section);
	if (q->difficulty)
		buf_printf(out, " \xc2\xb7 difficulty: %d", q->difficulty);
	S_put_flags(out, q);
	buf_putc(out, '\n');
	if (!S_blank(q->title)) {
		buf_puts(out, "::");
		S_gift_text(out, q->title, false);
		buf_puts(out, "::");
	}
	buf_puts(out, "[markdown]");
	S_gift_text(out, q->stem, true);
	buf_putc(out, '{');
	if (q->type == BANK_TRUEFALSE) {
		S_gift_truefalse(q, out, rep);
		buf_puts(out, "}\n");
		return;
	}
	if (q->type == BANK_NUMERIC)
		buf_putc(out, '#');
	buf_putc(out, '\n');
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI: S_gift_choices(q, out, rep); break;
	case BANK_SHORT:
		for (size_t i = 0; i < q->n_choices; i++) {
			const struct bank_choice *c = &q->choices[i];
			struct buf lead = {0};
			buf_putc(&lead, '=');
			if (c->has_weight && c->weight != 1.0)
				S_gift_grade(&lead, c->weight, q, "answer", i, rep);
			S_gift_guard_percent(&lead, c->text, "%100%");
			S_gift_answer(out, buf_cstr(&lead), c->text, c->feedback);
			buf_free(&lead);
		}
		if (q->flags & BANK_CASE_SENSITIVE)
			bank_report_add(
			    rep, BANK_WARNING, q->line, 1,
			    "question '%s': GIFT cannot mark a short answer case-sensitive; "
			    "Moodle will ignore case (studyterm keeps the flag in its "
			    "comment line)",
			    q->id);
		break;
	case BANK_NUMERIC: S_gift_numbers(q, out, rep); break;
	case BANK_MATCH:
		for (size_t i = 0; i < q->n_pairs; i++) {
			buf_puts(out, "\t=");
			S_gift_text(out, q->pairs[i].left, false);
			buf_puts(out, " -> ");
			S_gift_text(out, q->pairs[i].right, false);
			buf_putc(out, '\n');
		}
		break;
	case BANK_TRUEFALSE:
	case BANK_ORDER:
	case BANK_SQL:
	case BANK_QTYPE_COUNT: break;
	}
	if (!S_blank(q->explanation)) {
		buf_puts(out, "\t####");
		S_gift_text(out, q->explanation, true);
		buf_putc(out, '\n');
	}
	buf_puts(out, "}\n");
}

static void S_export_gift(const struct bank *b, struct buf *out, struct bank_report *rep)
{
	const char *category = NULL;
	bool first = true;
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct bank_question *q = &b->questions[i];
		const char *why = S_gift_unsupported(q);
		if (why) {
			bank_report_add(rep, BANK_SKIPPED, q->line, 1, "question '%s' left out: %s",
			                q->id ? q->id : "", why);
			continue;
		}
		const char *section = q->section ? q->section : "";
		if (!first)
			buf_putc(out, '\n');
		first = false;
		/* Moodle reads the category name raw (no unescaping), so it is
		 * written as is; sections hold no newlines. */
		if (*section && (!category || strcmp(category, section) != 0)) {
			buf_printf(out, "$CATEGORY: %s\n\n", section);
			category = section;
		}
		S_gift_question(q, out, rep);
	}
}

/* ---- Anki TSV ---- */

/* Renders Markdown to HTML with the reader's extensions (md/doc): a card
 * runs inside Anki's web view, so raw HTML is left out, and soft breaks
 * become spaces so the only newlines outside <pre> are layout between
 * tags. With inline_only, a lone paragraph loses its <p> so an option fits
 * in a list item. */
static void S_html(struct buf *out, const char *markdown, bool inline_only)
{
	size_t len;
	const char *md = S_trim_block(markdown, &len);
	if (!len)
		return;
	char *html = md_render_html(md, len, inline_only);
	buf_puts(out, html);
	free(html);
}

static void S_html_escape(struct buf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		default: buf_putc(out, *s); break;
		}
	}
}

static bool S_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Copies html into one TSV field. A tab or newline would end the field or
 * the note, so inside <pre> newlines become <br> and tabs spaces to the
 * next stop of 4; elsewhere a newline is layout between tags and goes, or
 * (in text we did not render) becomes the space HTML would show. Anki
 * reads a field that opens with '"' as quoted; ours open with a tag, and
 * cmark writes quotes in text as &quot;. */
static void S_tsv_field(struct buf *out, const char *html)
{
	bool in_pre = false;
	size_t col = 0;
	char prev = '\0';
	for (const char *p = html; *p; p++) {
		char c = *p;
		if (S_starts(p, "<pre"))
			in_pre = true;
		else if (S_starts(p, "</pre>"))
			in_pre = false;
		if (c == '\r')
			continue;
		if (c == '\n') {
			col = 0;
			if (in_pre) {
				if (!S_starts(p + 1, "</code></pre>"))
					buf_puts(out, "<br>");
			} else if (prev != '>' && p[1] != '<' && p[1] != '\0') {
				buf_putc(out, ' ');
				prev = ' ';
			}
			continue;
		}
		if (c == '\t') {
			size_t spaces = in_pre ? 4 - col % 4 : 1;
			buf_repeat(out, " ", spaces);
			col += spaces;
			prev = ' ';
			continue;
		}
		buf_putc(out, c);
		if (((unsigned char)c & 0xC0) != 0x80)
			col++;
		prev = c;
	}
}

/* A fixed, question-specific permutation of 0..n-1 that differs from the
 * identity: the card front must not show the answer's order, and the same
 * bank must export to the same deck. */
static size_t *S_scramble(const char *id, size_t n)
{
	size_t *perm = xcalloc(n ? n : 1, sizeof *perm);
	uint32_t h = 2166136261u;
	for (const char *p = id ? id : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	for (size_t i = n; i > 1; i--) {
		h ^= h << 13;
		h ^= h >> 17;
		h ^= h << 5;
		size_t j = h % i;
		size_t t = perm[i - 1];
		perm[i - 1] = perm[j];
		perm[j] = t;
	}
	bool identity = true;
	for (size_t i = 0; i < n; i++)
		identity &= perm[i] == i;
	if (identity && n > 1) {
		for (size_t i = 0; i < n; i++)
			perm[i] = (i + 1) % n;
	}
	return perm;
}

static void S_anki_credit(struct buf *out, double credit)
{
	if (credit < 1.0)
		buf_printf(out, "(%.4g%%) ", credit * 100.0);
}

static void S_anki_li(struct buf *out, const char *markdown)
{
	buf_puts(out, "<li>");
	S_html(out, markdown, true);
	buf_puts(out, "</li>");
}

static void S_anki_front(const struct bank_question *q, struct buf *f)
{
	S_html(f, q->stem, false);
	switch (q->type) {
	case BANK_MULTI:
		buf_puts(f, "<p><em>Several options may be correct.</em></p>");
		/* fall through */
	case BANK_SINGLE:
	case BANK_TRUEFALSE:
		buf_puts(f, "<ul>");
		for (size_t i = 0; i < q->n_choices; i++)
			S_anki_li(f, q->choices[i].text);
		buf_puts(f, "</ul>");
		break;
	case BANK_ORDER: {
		size_t *perm = S_scramble(q->id, q->n_choices);
		buf_puts(f, "<p><em>Put these in order:</em></p><ul>");
		for (size_t i = 0; i < q->n_choices; i++)
			S_anki_li(f, q->choices[perm[i]].text);
		buf_puts(f, "</ul>");
		free(perm);
		break;
	}
	case BANK_MATCH: {
		size_t *perm = S_scramble(q->id, q->n_pairs);
		buf_puts(f, "<p><em>Match each item on the left with one on the right:</em></p>"
		            "<table>");
		for (size_t i = 0; i < q->n_pairs; i++) {
			buf_puts(f, "<tr><td>");
			S_html(f, q->pairs[i].left, true);
			buf_puts(f, "</td><td>");
			S_html(f, q->pairs[perm[i]].right, true);
			buf_puts(f, "</td></tr>");
		}
		buf_puts(f, "</table>");
		free(perm);
		break;
	}
	case BANK_SQL:
		buf_puts(f, "<p><em>Write a query on the dataset <code>");
		S_html_escape(f, q->dataset);
		buf_puts(f, "</code>.</em></p>");
		break;
	case BANK_SHORT:
	case BANK_NUMERIC:
	case BANK_QTYPE_COUNT: break;
	}
}

static void S_anki_back(const struct bank_question *q, struct buf *k)
{
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE:
	case BANK_SHORT:
		buf_puts(k, "<ul>");
		for (size_t i = 0; i < q->n_choices; i++) {
			const struct bank_choice *c = &q->choices[i];
			double credit = c->has_weight                           ? c->weight
			                : (c->correct || q->type == BANK_SHORT) ? 1.0
			                                                        : 0.0;
			if (credit <= 0)
				continue;
			buf_puts(k, "<li>");
			S_anki_credit(k, credit);
			S_html(k, c->text, true);
			buf_puts(k, "</li>");
		}
		buf_puts(k, "</ul>");
		break;
	case BANK_NUMERIC:
		buf_puts(k, "<ul>");
		for (size_t i = 0; i < q->n_numbers; i++) {
			if (q->numbers[i].weight <= 0)
				continue;
			buf_puts(k, "<li>");
			S_anki_credit(k, q->numbers[i].weight);
			S_md_number(k, &q->numbers[i]);
			buf_puts(k, "</li>");
		}
		buf_puts(k, "</ul>");
		break;
	case BANK_ORDER:
		buf_puts(k, "<ol>");
		for (size_t i = 0; i < q->n_choices; i++)
			S_anki_li(k, q->choices[i].text);
		buf_puts(k, "</ol>");
		break;
	case BANK_MATCH:
		buf_puts(k, "<table>");
		for (size_t i = 0; i < q->n_pairs; i++) {
			buf_puts(k, "<tr><td>");
			S_html(k, q->pairs[i].left, true);
			buf_puts(k, "</td><td>");
			S_html(k, q->pairs[i].right, true);
			buf_puts(k, "</td></tr>");
		}
		buf_puts(k, "</table>");
		break;
	case BANK_SQL: {
		size_t len;
		const char *sql = S_trim_block(q->sql, &len);
		char *copy = xstrndup(sql, len);
		buf_puts(k, "<pre><code class=\"language-sql\">");
		S_html_escape(k, copy);
		buf_puts(k, "</code></pre>");
		free(copy);
		break;
	}
	case BANK_QTYPE_COUNT: break;
	}
	S_html(k, q->explanation, false);
}

/* Anki splits tags at spaces. */
static void S_anki_tag(struct buf *out, const char *prefix, const char *value)
{
	buf_putc(out, ' ');
	buf_puts(out, prefix);
	for (const char *p = value; *p; p++)
		buf_putc(out, (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ? '_' : *p);
}

static void S_export_anki(const struct bank *b, struct buf *out)
{
	buf_puts(out, "#separator:tab\n#html:true\n#tags column:3\n");
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct bank_question *q = &b->questions[i];
		struct buf field = {0};
		S_anki_front(q, &field);
		S_tsv_field(out, buf_cstr(&field));
		buf_putc(out, '\t');
		buf_reset(&field);
		S_anki_back(q, &field);
		S_tsv_field(out, buf_cstr(&field));
		buf_putc(out, '\t');
		buf_reset(&field);
		buf_puts(&field, "studyterm");
		if (!S_blank(b->id))
			S_anki_tag(&field, "bank::", b->id);
		if (!S_blank(q->section))
			S_anki_tag(&field, "section::", q->section);
		S_anki_tag(&field, "", bank_qtype_name(q->type));
		buf_puts(out, buf_cstr(&field));
		buf_putc(out, '\n');
		buf_free(&field);
	}
}

void bank_export(const struct bank *b, enum bank_export_format f, struct buf *out,
                 struct bank_report *rep)
{
	switch (f) {
	case BANK_EXPORT_MD: S_export_md(b, out, rep); break;
	case BANK_EXPORT_GIFT: S_export_gift(b, out, rep); break;
	case BANK_EXPORT_ANKI_TSV: S_export_anki(b, out); break;
	}
}
