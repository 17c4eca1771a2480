/* plain: questions as plain text for the modes without curses (practice
 * and exam --plain): Markdown laid out at 78 columns, options labelled as
 * replies name them (quiz/shown.h), lines read from stdin. */
#include "cli/plain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "md/doc.h"
#include "md/layout.h"

#define S_WIDTH 78

void cli_plain_md(const char *md, int indent)
{
	struct md_doc *doc = md_doc_parse(md, strlen(md));
	struct md_layout *layout = md_layout_build(doc, S_WIDTH - indent);
	for (size_t i = 0; i < layout->nlines; i++)
		printf("%*s%s\n", layout->lines[i].text[0] ? indent : 0, "", layout->lines[i].text);
	md_layout_free(layout);
	md_doc_free(doc);
}

/* A label and inline Markdown on one (wrapped) item. */

static void S_print_item(const char *label, const char *text)
{
	struct buf md = {0};
	buf_puts(&md, text);
	struct md_doc *doc = md_doc_parse(md.data, md.len);
	int indent = (int)strlen(label) + 3;
	struct md_layout *layout = md_layout_build(doc, S_WIDTH - indent);
	for (size_t i = 0; i < layout->nlines; i++) {
		if (i == 0)
			printf("  %s %s\n", label, layout->lines[i].text);
		else if (layout->lines[i].text[0])
			printf("%*s%s\n", indent, "", layout->lines[i].text);
	}
	md_layout_free(layout);
	md_doc_free(doc);
	buf_free(&md);
}

void cli_plain_question(const struct quiz_shown *s)
{
	const struct bank_question *q = s->q;
	cli_plain_md(q->stem, 0);
	printf("\n");
	char label[32];
	switch (q->type) {
	case BANK_SINGLE:
	case BANK_MULTI:
	case BANK_TRUEFALSE:
	case BANK_ORDER:
		for (size_t i = 0; i < s->n_order; i++) {
			snprintf(label, sizeof label, "%zu)", i + 1);
			S_print_item(label, q->choices[s->order[i]].text);
		}
		break;
	case BANK_MATCH:
		for (size_t i = 0; i < q->n_pairs; i++) {
			snprintf(label, sizeof label, "%zu)", i + 1);
			S_print_item(label, q->pairs[i].left);
		}
		printf("\n");
		for (size_t i = 0; i < s->n_right; i++) {
			snprintf(label, sizeof label, "%c)", (char)('a' + i));
			S_print_item(label, q->pairs[s->right[i]].right);
		}
		break;
	default: break;
	}
}

const char *cli_plain_prompt(const struct quiz_shown *s, bool q_to_stop)
{
	/* Two spellings of each, so the strings stay literals. */
	switch (s->q->type) {
	case BANK_SINGLE:
	case BANK_TRUEFALSE:
		return q_to_stop ? "Your answer (an option number; q to stop):"
		                 : "Your answer (an option number):";
	case BANK_MULTI:
		return q_to_stop ? "Your answer (every right option number, e.g. 1 3; q to stop):"
		                 : "Your answer (every right option number, e.g. 1 3):";
	case BANK_ORDER:
		return q_to_stop ? "Your answer (the item numbers in the right order, e.g. 3 1 2; "
		                   "q to stop):"
		                 : "Your answer (the item numbers in the right order, e.g. 3 1 2):";
	case BANK_MATCH:
		return q_to_stop
		           ? "Your answer (a letter for each item in turn, e.g. b a c; q to stop):"
		           : "Your answer (a letter for each item in turn, e.g. b a c):";
	case BANK_NUMERIC: return "Your answer (a number):";
	case BANK_SQL: return "Your query (one line):";
	default: return "Your answer:";
	}
}

/* Reads one line without its newline; NULL at end of input. */
char *cli_plain_read_line(void)
{
	struct buf line = {0};
	int c;
	while ((c = getchar()) != EOF && c != '\n')
		buf_putc(&line, (char)c);
	if (c == EOF && line.len == 0) {
		buf_free(&line);
		return NULL;
	}
	if (line.len && line.data[line.len - 1] == '\r')
		line.data[--line.len] = '\0';
	return buf_detach(&line);
}

bool cli_plain_is_choice(enum bank_qtype t)
{
	return t != BANK_SHORT && t != BANK_NUMERIC && t != BANK_SQL;
}

void cli_plain_feedback(const struct quiz_shown *s, const struct quiz_reply *r,
                        const struct quiz_grade *g)
{
	const struct bank_question *q = s->q;
	if (g->correct)
		printf("Right.\n");
	else if (g->score > 0)
		printf("Partly right: %.0f%% credit.\n", g->score * 100);
	else
		printf("Not right.\n");
	if (g->message)
		printf("%s\n", g->message);
	if (!g->correct) {
		struct buf key = {0};
		quiz_key_describe(s, &key);
		if (q->type == BANK_SQL)
			printf("A query that works:\n%s\n", buf_cstr(&key));
		else
			printf("The answer: %s\n", buf_cstr(&key));
		buf_free(&key);
	}
	if (q->type == BANK_SINGLE || q->type == BANK_MULTI || q->type == BANK_TRUEFALSE)
		for (size_t i = 0; i < s->n_order; i++) {
			const struct bank_choice *c = &q->choices[s->order[i]];
			if (r->picked[s->order[i]] && c->feedback) {
				printf("On %zu: ", i + 1);
				cli_plain_md(c->feedback, 0);
			}
		}
	if (g->matched != QUIZ_NONE) {
		const char *fb = q->type == BANK_NUMERIC ? q->numbers[g->matched].feedback
		                                         : q->choices[g->matched].feedback;
		if (fb)
			cli_plain_md(fb, 0);
	}
	if (q->explanation) {
		printf("\n");
		cli_plain_md(q->explanation, 2);
	}
}
