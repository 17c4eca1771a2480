/* highlight: syntax highlighting for fenced code blocks.
 *
 * Small hand-written state-machine lexers, one per language, that mark
 * keywords, strings, comments, numbers and the like in a whole code block.
 * They never fail and never reject input: unknown or broken syntax is
 * simply left unstyled. Lexing the whole block at once (not line by line)
 * lets strings, comments and template regions span lines. */
#ifndef STUDYTERM_MD_HIGHLIGHT_H
#define STUDYTERM_MD_HIGHLIGHT_H

#include <stddef.h>
#include <stdint.h>

#include "md/style.h"

enum md_lang {
	MD_LANG_NONE,    /* no highlighting */
	MD_LANG_PYTHON,  /* python, py, python3, pycon (">>> " prompts) */
	MD_LANG_SQL,     /* sql, sqlite, postgresql, mysql */
	MD_LANG_BASH,    /* bash, sh, shell, zsh */
	MD_LANG_CONSOLE, /* console, shell-session: "$ cmd" lines are bash, the rest output */
	MD_LANG_HTML,    /* html, xml, htm */
	MD_LANG_JINJA,   /* jinja, jinja2, html+jinja, j2: HTML plus {{ }} {% %} {# #} */
};

/* A styled byte range [start, end) of the code block. */
struct md_hl_span {
	uint32_t start;
	uint32_t end;
	enum md_style style;
};

/* The language named by the first word of a fence's info string
 * ("python fragment" is python); case-insensitive; MD_LANG_NONE if unknown. */
enum md_lang md_highlight_lang(const char *info);

/* Lexes code (len bytes, need not be NUL-terminated) and returns the number
 * of spans written to a newly allocated array in *spans_out (the caller
 * frees it; NULL when 0). Spans are sorted, non-overlapping, non-empty,
 * and never split a UTF-8 sequence. Text outside spans is plain code. */
size_t md_highlight(enum md_lang lang, const char *code, size_t len, struct md_hl_span **spans_out);

#endif
