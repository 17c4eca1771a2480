/* style: the semantic styles of laid-out text.
 *
 * Layout and highlighting describe what a piece of text IS (a heading, a
 * keyword, a search match); only tui/theme decides how that looks in a
 * terminal, and `studyterm render --color` maps the same styles to ANSI.
 * Keep MD_STYLE_COUNT last. */
#ifndef STUDYTERM_MD_STYLE_H
#define STUDYTERM_MD_STYLE_H

#define MD_STYLES(X)                                                              \
	X(MD_STYLE_TEXT, "text")                                                  \
	X(MD_STYLE_HEADING1, "heading1")                                          \
	X(MD_STYLE_HEADING2, "heading2")                                          \
	X(MD_STYLE_HEADING3, "heading3")                                          \
	X(MD_STYLE_HEADING4, "heading4")                                          \
	X(MD_STYLE_CODE, "code")             /* inline code */                    \
	X(MD_STYLE_CODE_BLOCK, "code-block") /* plain text in a fence */          \
	X(MD_STYLE_CODE_INFO, "code-info")   /* the fence's language label */     \
	X(MD_STYLE_LINK, "link")                                                  \
	X(MD_STYLE_QUOTE, "quote") /* the quote bar */                            \
	X(MD_STYLE_LIST_MARKER, "list-marker")                                    \
	X(MD_STYLE_RULE, "rule")                                                  \
	X(MD_STYLE_TABLE_BORDER, "table-border")                                  \
	X(MD_STYLE_TABLE_HEADER, "table-header")                                  \
	X(MD_STYLE_TASK_DONE, "task-done")                                        \
	X(MD_STYLE_TASK_OPEN, "task-open")                                        \
	X(MD_STYLE_HTML, "html") /* raw HTML passed through */                    \
	X(MD_STYLE_KEYWORD, "keyword")                                            \
	X(MD_STYLE_BUILTIN, "builtin")                                            \
	X(MD_STYLE_STRING, "string")                                              \
	X(MD_STYLE_COMMENT, "comment")                                            \
	X(MD_STYLE_NUMBER, "number")                                              \
	X(MD_STYLE_OPERATOR, "operator")                                          \
	X(MD_STYLE_FUNCTION, "function") /* name being defined */                 \
	X(MD_STYLE_DECORATOR, "decorator")                                        \
	X(MD_STYLE_TAG, "tag")             /* HTML tag names and <> */            \
	X(MD_STYLE_ATTRIBUTE, "attribute") /* HTML attribute names */             \
	X(MD_STYLE_TEMPLATE, "template")   /* {{ }} {% %} {# #} delimiters */     \
	X(MD_STYLE_PROMPT, "prompt")       /* "$ " in console blocks */           \
	X(MD_STYLE_OUTPUT, "output")       /* command output in console blocks */ \
	X(MD_STYLE_VARIABLE, "variable")   /* $VAR in shell */                    \
	X(MD_STYLE_MATCH, "match")         /* search hit */                       \
	X(MD_STYLE_MATCH_CURRENT, "match-current")                                \
	X(MD_STYLE_LINK_SELECTED, "link-selected")                                \
	X(MD_STYLE_CHART_BAR, "chart-bar")     /* a bar or column (md/chart) */   \
	X(MD_STYLE_CHART_GOOD, "chart-good")   /* at or over the mark: passed */  \
	X(MD_STYLE_CHART_BAD, "chart-bad")     /* under the mark: failed */       \
	X(MD_STYLE_CHART_AXIS, "chart-axis")   /* axes, scales, empty cells */    \
	X(MD_STYLE_CHART_MARK, "chart-mark")   /* the pass mark line */           \
	X(MD_STYLE_CHART_HEAT1, "chart-heat1") /* heatmap, least activity */      \
	X(MD_STYLE_CHART_HEAT2, "chart-heat2")                                    \
	X(MD_STYLE_CHART_HEAT3, "chart-heat3")                                    \
	X(MD_STYLE_CHART_HEAT4, "chart-heat4") /* heatmap, most activity */

enum md_style {
#define MD_STYLE_ENUM(name, label) name,
	MD_STYLES(MD_STYLE_ENUM)
#undef MD_STYLE_ENUM
	    MD_STYLE_COUNT
};

/* Inline attributes that combine with any style. */
enum md_attr {
	MD_ATTR_EMPH = 1 << 0,
	MD_ATTR_STRONG = 1 << 1,
	MD_ATTR_STRIKE = 1 << 2,
};

/* "heading1", "keyword", ...: stable names used in golden files. */
const char *md_style_name(enum md_style style);

#endif
