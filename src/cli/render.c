/* render: layout to text or ANSI (see render.h). */
#include "cli/render.h"

#include "md/style.h"

/* SGR parameters per style, for 256-colour terminals; kept close to the
 * curses theme so `render --color` previews what the reader shows. */
static const char *const S_sgr[MD_STYLE_COUNT] = {
    [MD_STYLE_HEADING1] = "1;38;5;75",   [MD_STYLE_HEADING2] = "1;38;5;80",
    [MD_STYLE_HEADING3] = "1;38;5;114",  [MD_STYLE_HEADING4] = "1;38;5;180",
    [MD_STYLE_CODE] = "38;5;180",        [MD_STYLE_CODE_BLOCK] = "38;5;252",
    [MD_STYLE_CODE_INFO] = "38;5;243",   [MD_STYLE_LINK] = "4;38;5;39",
    [MD_STYLE_QUOTE] = "38;5;243",       [MD_STYLE_LIST_MARKER] = "38;5;214",
    [MD_STYLE_RULE] = "38;5;240",        [MD_STYLE_TABLE_BORDER] = "38;5;240",
    [MD_STYLE_TABLE_HEADER] = "1",       [MD_STYLE_TASK_DONE] = "1;38;5;114",
    [MD_STYLE_TASK_OPEN] = "1;38;5;214", [MD_STYLE_HTML] = "38;5;243",
    [MD_STYLE_KEYWORD] = "1;38;5;170",   [MD_STYLE_BUILTIN] = "38;5;73",
    [MD_STYLE_STRING] = "38;5;114",      [MD_STYLE_COMMENT] = "38;5;244",
    [MD_STYLE_NUMBER] = "38;5;173",      [MD_STYLE_OPERATOR] = "38;5;248",
    [MD_STYLE_FUNCTION] = "1;38;5;75",   [MD_STYLE_DECORATOR] = "38;5;179",
    [MD_STYLE_TAG] = "38;5;75",          [MD_STYLE_ATTRIBUTE] = "38;5;179",
    [MD_STYLE_TEMPLATE] = "1;38;5;208",  [MD_STYLE_PROMPT] = "1;38;5;244",
    [MD_STYLE_OUTPUT] = "38;5;248",      [MD_STYLE_VARIABLE] = "38;5;173",
    [MD_STYLE_MATCH] = "30;48;5;220",    [MD_STYLE_MATCH_CURRENT] = "1;30;48;5;208",
    [MD_STYLE_LINK_SELECTED] = "4;7",    [MD_STYLE_CHART_BAR] = "38;5;75",
    [MD_STYLE_CHART_GOOD] = "38;5;114",  [MD_STYLE_CHART_BAD] = "38;5;203",
    [MD_STYLE_CHART_AXIS] = "38;5;240",  [MD_STYLE_CHART_MARK] = "38;5;220",
    [MD_STYLE_CHART_HEAT1] = "38;5;108", [MD_STYLE_CHART_HEAT2] = "38;5;71",
    [MD_STYLE_CHART_HEAT3] = "38;5;34",  [MD_STYLE_CHART_HEAT4] = "1;38;5;46",
};

static void S_line(const struct md_line *line, FILE *out)
{
	for (uint32_t i = 0; i < line->nspans; i++) {
		const struct md_span *s = &line->spans[i];
		const char *sgr = s->style < MD_STYLE_COUNT ? S_sgr[s->style] : NULL;
		int styled = sgr || s->attrs;
		if (styled) {
			fputs("\033[", out);
			fputs(sgr ? sgr : "0", out);
			if (s->attrs & MD_ATTR_STRONG)
				fputs(";1", out);
			if (s->attrs & MD_ATTR_EMPH)
				fputs(";3", out);
			if (s->attrs & MD_ATTR_STRIKE)
				fputs(";9", out);
			fputc('m', out);
		}
		fwrite(line->text + s->start, 1, s->end - s->start, out);
		if (styled)
			fputs("\033[0m", out);
	}
	fputc('\n', out);
}

void render_layout(const struct md_layout *layout, int color, FILE *out)
{
	for (size_t i = 0; i < layout->nlines; i++) {
		if (color)
			S_line(&layout->lines[i], out);
		else {
			fwrite(layout->lines[i].text, 1, layout->lines[i].len, out);
			fputc('\n', out);
		}
	}
}
