/* theme: style to curses attribute mapping (see theme.h). */
#include "tui/theme.h"

#include <stdlib.h>

enum palette { PALETTE_NONE, PALETTE_8, PALETTE_256 };

struct look {
	short fg256, bg256; /* -1: terminal default */
	short fg8, bg8;
	attr_t attrs;      /* kept in every palette */
	attr_t mono_extra; /* added when there is no colour */
};

static enum palette S_palette;
static short S_style_pair[MD_STYLE_COUNT];
static short S_ui_pair[THEME_UI_COUNT];

static const struct look S_styles[MD_STYLE_COUNT] = {
    [MD_STYLE_TEXT] = {-1, -1, -1, -1, 0, 0},
    [MD_STYLE_HEADING1] = {75, -1, COLOR_BLUE, -1, A_BOLD, A_UNDERLINE},
    [MD_STYLE_HEADING2] = {80, -1, COLOR_CYAN, -1, A_BOLD, 0},
    [MD_STYLE_HEADING3] = {114, -1, COLOR_GREEN, -1, A_BOLD, 0},
    [MD_STYLE_HEADING4] = {180, -1, COLOR_YELLOW, -1, A_BOLD, 0},
    [MD_STYLE_CODE] = {180, -1, COLOR_YELLOW, -1, 0, A_BOLD},
    [MD_STYLE_CODE_BLOCK] = {252, -1, COLOR_WHITE, -1, 0, 0},
    [MD_STYLE_CODE_INFO] = {243, -1, COLOR_WHITE, -1, 0, A_DIM},
    [MD_STYLE_LINK] = {39, -1, COLOR_BLUE, -1, A_UNDERLINE, 0},
    [MD_STYLE_QUOTE] = {243, -1, COLOR_WHITE, -1, 0, A_DIM},
    [MD_STYLE_LIST_MARKER] = {214, -1, COLOR_YELLOW, -1, 0, A_BOLD},
    [MD_STYLE_RULE] = {240, -1, COLOR_WHITE, -1, 0, A_DIM},
    [MD_STYLE_TABLE_BORDER] = {240, -1, COLOR_WHITE, -1, 0, A_DIM},
    [MD_STYLE_TABLE_HEADER] = {-1, -1, -1, -1, A_BOLD, 0},
    [MD_STYLE_TASK_DONE] = {114, -1, COLOR_GREEN, -1, A_BOLD, 0},
    [MD_STYLE_TASK_OPEN] = {214, -1, COLOR_YELLOW, -1, A_BOLD, 0},
    [MD_STYLE_HTML] = {243, -1, COLOR_WHITE, -1, 0, A_DIM},
    [MD_STYLE_KEYWORD] = {170, -1, COLOR_MAGENTA, -1, A_BOLD, 0},
    [MD_STYLE_BUILTIN] = {73, -1, COLOR_CYAN, -1, 0, 0},
    [MD_STYLE_STRING] = {114, -1, COLOR_GREEN, -1, 0, 0},
    [MD_STYLE_COMMENT] = {244, -1, COLOR_WHITE, -1, 0, A_DIM},
    [MD_STYLE_NUMBER] = {173, -1, COLOR_RED, -1, 0, 0},
    [MD_STYLE_OPERATOR] = {248, -1, -1, -1, 0, 0},
    [MD_STYLE_FUNCTION] = {75, -1, COLOR_BLUE, -1, A_BOLD, 0},
    [MD_STYLE_DECORATOR] = {179, -1, COLOR_YELLOW, -1, 0, 0},
    [MD_STYLE_TAG] = {75, -1, COLOR_BLUE, -1, 0, A_BOLD},
    [MD_STYLE_ATTRIBUTE] = {179, -1, COLOR_YELLOW, -1, 0, 0},
    [MD_STYLE_TEMPLATE] = {208, -1, COLOR_RED, -1, A_BOLD, 0},
    [MD_STYLE_PROMPT] = {244, -1, COLOR_WHITE, -1, A_BOLD, 0},
    [MD_STYLE_OUTPUT] = {248, -1, -1, -1, 0, A_DIM},
    [MD_STYLE_VARIABLE] = {173, -1, COLOR_RED, -1, 0, 0},
    [MD_STYLE_MATCH] = {16, 220, COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE},
    [MD_STYLE_MATCH_CURRENT] = {16, 208, COLOR_BLACK, COLOR_RED, A_BOLD, A_REVERSE},
    [MD_STYLE_LINK_SELECTED] = {16, 39, COLOR_BLACK, COLOR_CYAN, A_UNDERLINE, A_REVERSE},
    [MD_STYLE_CHART_BAR] = {75, -1, COLOR_BLUE, -1, 0, 0},
    [MD_STYLE_CHART_GOOD] = {114, -1, COLOR_GREEN, -1, 0, 0},
    [MD_STYLE_CHART_BAD] = {203, -1, COLOR_RED, -1, 0, 0},
    [MD_STYLE_CHART_AXIS] = {240, -1, COLOR_WHITE, -1, 0, A_DIM},
    [MD_STYLE_CHART_MARK] = {220, -1, COLOR_YELLOW, -1, 0, A_BOLD},
    [MD_STYLE_CHART_HEAT1] = {108, -1, COLOR_GREEN, -1, 0, 0},
    [MD_STYLE_CHART_HEAT2] = {71, -1, COLOR_GREEN, -1, 0, 0},
    [MD_STYLE_CHART_HEAT3] = {34, -1, COLOR_GREEN, -1, 0, 0},
    [MD_STYLE_CHART_HEAT4] = {46, -1, COLOR_GREEN, -1, A_BOLD, 0},
};

static const struct look S_ui[THEME_UI_COUNT] = {
    [THEME_STATUS] = {252, 237, COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE},
    [THEME_TITLE] = {75, -1, COLOR_BLUE, -1, A_BOLD, 0},
    [THEME_SELECTED] = {16, 75, COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
    [THEME_DIM] = {244, -1, COLOR_WHITE, -1, 0, A_DIM},
    [THEME_ERROR] = {203, -1, COLOR_RED, -1, A_BOLD, 0},
    [THEME_PROGRESS] = {114, -1, COLOR_GREEN, -1, 0, A_BOLD},
    [THEME_SIDEBAR] = {250, -1, -1, -1, 0, 0},
};

static short S_make_pair(const struct look *l, short *next)
{
	short fg = S_palette == PALETTE_256 ? l->fg256 : l->fg8;
	short bg = S_palette == PALETTE_256 ? l->bg256 : l->bg8;
	if (fg < 0 && bg < 0)
		return 0;
	short pair = (*next)++;
	init_pair(pair, fg, bg);
	return pair;
}

void theme_init(void)
{
	const char *no_color = getenv("NO_COLOR");
	S_palette = PALETTE_NONE;
	if ((!no_color || !*no_color) && has_colors() && start_color() == OK) {
		use_default_colors();
		S_palette = COLORS >= 256 ? PALETTE_256 : PALETTE_8;
	}
	if (S_palette == PALETTE_NONE)
		return;
	short next = 1;
	for (int s = 0; s < MD_STYLE_COUNT; s++)
		S_style_pair[s] = S_make_pair(&S_styles[s], &next);
	for (int u = 0; u < THEME_UI_COUNT; u++)
		S_ui_pair[u] = S_make_pair(&S_ui[u], &next);
}

static attr_t S_attrs(const struct look *l)
{
	return l->attrs | (S_palette == PALETTE_NONE ? l->mono_extra : 0);
}

attr_t theme_style(enum md_style style, unsigned md_attrs, short *pair)
{
	if (style >= MD_STYLE_COUNT)
		style = MD_STYLE_TEXT;
	attr_t a = S_attrs(&S_styles[style]);
	if (md_attrs & MD_ATTR_EMPH)
		a |= A_ITALIC;
	if (md_attrs & MD_ATTR_STRONG)
		a |= A_BOLD;
	if (md_attrs & MD_ATTR_STRIKE)
		a |= A_DIM; /* curses has no strikethrough; dim marks it */
	*pair = S_palette == PALETTE_NONE ? 0 : S_style_pair[style];
	return a;
}

attr_t theme_ui(enum theme_ui which, short *pair)
{
	*pair = S_palette == PALETTE_NONE ? 0 : S_ui_pair[which];
	return S_attrs(&S_ui[which]);
}

const char *theme_palette_name(void)
{
	return S_palette == PALETTE_256 ? "256" : S_palette == PALETTE_8 ? "8" : "none";
}
