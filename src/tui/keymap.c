/* keymap: binding table and the generated key documentation (see keymap.h). */
#include "tui/keymap.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"

#define CTRL(c) ((c)&0x1f)

struct binding {
	enum keyctx ctx;
	int key;
	enum request req;
};

/* Order matters: it is the order of the help screen and the man page. */
static const struct binding S_bindings[] = {
    {KEYCTX_GLOBAL, '?', REQ_HELP},
    {KEYCTX_GLOBAL, 'q', REQ_QUIT},
    {KEYCTX_GLOBAL, 'Q', REQ_QUIT_ALL},
    {KEYCTX_GLOBAL, CTRL('l'), REQ_REDRAW},

    {KEYCTX_HOME, 'j', REQ_DOWN},
    {KEYCTX_HOME, KEY_DOWN, REQ_DOWN},
    {KEYCTX_HOME, 'k', REQ_UP},
    {KEYCTX_HOME, KEY_UP, REQ_UP},
    {KEYCTX_HOME, 'g', REQ_TOP},
    {KEYCTX_HOME, KEY_HOME, REQ_TOP},
    {KEYCTX_HOME, 'G', REQ_BOTTOM},
    {KEYCTX_HOME, KEY_END, REQ_BOTTOM},
    {KEYCTX_HOME, '\n', REQ_OPEN},
    {KEYCTX_HOME, KEY_ENTER, REQ_OPEN},
    {KEYCTX_HOME, 'l', REQ_OPEN},
    {KEYCTX_HOME, KEY_RIGHT, REQ_OPEN},
    {KEYCTX_HOME, 'c', REQ_CONTINUE},
    {KEYCTX_HOME, 'B', REQ_BOOKMARKS},
    {KEYCTX_HOME, 'p', REQ_PRACTICE},
    {KEYCTX_HOME, 'e', REQ_EXAMS},
    {KEYCTX_HOME, 'x', REQ_EXERCISES},
    {KEYCTX_HOME, 's', REQ_STATS},
    {KEYCTX_HOME, 'C', REQ_CONSOLE},

    {KEYCTX_READER, 'j', REQ_DOWN},
    {KEYCTX_READER, KEY_DOWN, REQ_DOWN},
    {KEYCTX_READER, CTRL('e'), REQ_DOWN},
    {KEYCTX_READER, 'k', REQ_UP},
    {KEYCTX_READER, KEY_UP, REQ_UP},
    {KEYCTX_READER, CTRL('y'), REQ_UP},
    {KEYCTX_READER, ' ', REQ_PAGE_DOWN},
    {KEYCTX_READER, 'f', REQ_PAGE_DOWN},
    {KEYCTX_READER, KEY_NPAGE, REQ_PAGE_DOWN},
    {KEYCTX_READER, CTRL('f'), REQ_PAGE_DOWN},
    {KEYCTX_READER, 'b', REQ_PAGE_UP},
    {KEYCTX_READER, KEY_PPAGE, REQ_PAGE_UP},
    {KEYCTX_READER, CTRL('b'), REQ_PAGE_UP},
    {KEYCTX_READER, 'd', REQ_HALF_DOWN},
    {KEYCTX_READER, CTRL('d'), REQ_HALF_DOWN},
    {KEYCTX_READER, 'u', REQ_HALF_UP},
    {KEYCTX_READER, CTRL('u'), REQ_HALF_UP},
    {KEYCTX_READER, 'g', REQ_TOP},
    {KEYCTX_READER, KEY_HOME, REQ_TOP},
    {KEYCTX_READER, '<', REQ_TOP},
    {KEYCTX_READER, 'G', REQ_BOTTOM},
    {KEYCTX_READER, KEY_END, REQ_BOTTOM},
    {KEYCTX_READER, '>', REQ_BOTTOM},
    {KEYCTX_READER, ']', REQ_NEXT_SECTION},
    {KEYCTX_READER, '}', REQ_NEXT_SECTION},
    {KEYCTX_READER, '[', REQ_PREV_SECTION},
    {KEYCTX_READER, '{', REQ_PREV_SECTION},
    {KEYCTX_READER, 't', REQ_TOC},
    {KEYCTX_READER, '/', REQ_SEARCH},
    {KEYCTX_READER, 'n', REQ_FIND_NEXT},
    {KEYCTX_READER, 'N', REQ_FIND_PREV},
    {KEYCTX_READER, '\t', REQ_NEXT_LINK},
    {KEYCTX_READER, KEY_BTAB, REQ_PREV_LINK},
    {KEYCTX_READER, '\n', REQ_OPEN},
    {KEYCTX_READER, KEY_ENTER, REQ_OPEN},
    {KEYCTX_READER, KEY_BACKSPACE, REQ_BACK},
    {KEYCTX_READER, 127, REQ_BACK},
    {KEYCTX_READER, 'h', REQ_BACK},
    {KEYCTX_READER, KEY_LEFT, REQ_BACK},
    {KEYCTX_READER, 'm', REQ_BOOKMARK},
    {KEYCTX_READER, 'B', REQ_BOOKMARKS},
    {KEYCTX_READER, 'p', REQ_PRACTICE},

    {KEYCTX_LIST, 'j', REQ_DOWN},
    {KEYCTX_LIST, KEY_DOWN, REQ_DOWN},
    {KEYCTX_LIST, 'k', REQ_UP},
    {KEYCTX_LIST, KEY_UP, REQ_UP},
    {KEYCTX_LIST, KEY_NPAGE, REQ_PAGE_DOWN},
    {KEYCTX_LIST, ' ', REQ_PAGE_DOWN},
    {KEYCTX_LIST, KEY_PPAGE, REQ_PAGE_UP},
    {KEYCTX_LIST, 'g', REQ_TOP},
    {KEYCTX_LIST, KEY_HOME, REQ_TOP},
    {KEYCTX_LIST, 'G', REQ_BOTTOM},
    {KEYCTX_LIST, KEY_END, REQ_BOTTOM},
    {KEYCTX_LIST, '\n', REQ_OPEN},
    {KEYCTX_LIST, KEY_ENTER, REQ_OPEN},
    {KEYCTX_LIST, 'l', REQ_OPEN},
    {KEYCTX_LIST, 't', REQ_TOC},
    {KEYCTX_LIST, 27, REQ_QUIT},
    {KEYCTX_LIST, 'x', REQ_DELETE},
    {KEYCTX_LIST, KEY_DC, REQ_DELETE},

    /* The practice screen reads these keys itself (a typed answer takes
     * every key); the table documents them for the help and the man page. */
    {KEYCTX_PRACTICE, '1', REQ_CHOOSE},
    {KEYCTX_PRACTICE, '2', REQ_CHOOSE},
    {KEYCTX_PRACTICE, '3', REQ_CHOOSE},
    {KEYCTX_PRACTICE, '4', REQ_CHOOSE},
    {KEYCTX_PRACTICE, '5', REQ_CHOOSE},
    {KEYCTX_PRACTICE, '6', REQ_CHOOSE},
    {KEYCTX_PRACTICE, '7', REQ_CHOOSE},
    {KEYCTX_PRACTICE, '8', REQ_CHOOSE},
    {KEYCTX_PRACTICE, '9', REQ_CHOOSE},
    {KEYCTX_PRACTICE, 'j', REQ_DOWN},
    {KEYCTX_PRACTICE, KEY_DOWN, REQ_DOWN},
    {KEYCTX_PRACTICE, 'k', REQ_UP},
    {KEYCTX_PRACTICE, KEY_UP, REQ_UP},
    {KEYCTX_PRACTICE, KEY_NPAGE, REQ_PAGE_DOWN},
    {KEYCTX_PRACTICE, KEY_PPAGE, REQ_PAGE_UP},
    {KEYCTX_PRACTICE, ' ', REQ_TOGGLE},
    {KEYCTX_PRACTICE, '\n', REQ_SUBMIT},
    {KEYCTX_PRACTICE, KEY_ENTER, REQ_SUBMIT},
    {KEYCTX_PRACTICE, 'K', REQ_ITEM_UP},
    {KEYCTX_PRACTICE, 'J', REQ_ITEM_DOWN},
    {KEYCTX_PRACTICE, 'a', REQ_LETTER},
    {KEYCTX_PRACTICE, 'b', REQ_LETTER},
    {KEYCTX_PRACTICE, 'c', REQ_LETTER},
    {KEYCTX_PRACTICE, 'd', REQ_LETTER},
    {KEYCTX_PRACTICE, 'r', REQ_READ_SECTION},
    {KEYCTX_PRACTICE, 27, REQ_QUIT},

    /* The exam screen reads its keys itself too (answers as in practice);
     * the table documents them. */
    {KEYCTX_EXAM, '1', REQ_PICK},
    {KEYCTX_EXAM, '2', REQ_PICK},
    {KEYCTX_EXAM, '3', REQ_PICK},
    {KEYCTX_EXAM, '4', REQ_PICK},
    {KEYCTX_EXAM, '5', REQ_PICK},
    {KEYCTX_EXAM, '6', REQ_PICK},
    {KEYCTX_EXAM, '7', REQ_PICK},
    {KEYCTX_EXAM, '8', REQ_PICK},
    {KEYCTX_EXAM, '9', REQ_PICK},
    {KEYCTX_EXAM, ' ', REQ_TOGGLE},
    {KEYCTX_EXAM, 'K', REQ_ITEM_UP},
    {KEYCTX_EXAM, 'J', REQ_ITEM_DOWN},
    {KEYCTX_EXAM, 'a', REQ_LETTER},
    {KEYCTX_EXAM, 'b', REQ_LETTER},
    {KEYCTX_EXAM, 'c', REQ_LETTER},
    {KEYCTX_EXAM, 'd', REQ_LETTER},
    {KEYCTX_EXAM, KEY_RIGHT, REQ_NEXT_QUESTION},
    {KEYCTX_EXAM, '\t', REQ_NEXT_QUESTION},
    {KEYCTX_EXAM, ']', REQ_NEXT_QUESTION},
    {KEYCTX_EXAM, '\n', REQ_NEXT_QUESTION},
    {KEYCTX_EXAM, KEY_LEFT, REQ_PREV_QUESTION},
    {KEYCTX_EXAM, KEY_BTAB, REQ_PREV_QUESTION},
    {KEYCTX_EXAM, '[', REQ_PREV_QUESTION},
    {KEYCTX_EXAM, 'F', REQ_FLAG},
    {KEYCTX_EXAM, 'G', REQ_GOTO},
    {KEYCTX_EXAM, 'S', REQ_EXAM_SUBMIT},
    {KEYCTX_EXAM, 'q', REQ_EXAM_LEAVE},
    {KEYCTX_EXAM, 27, REQ_EXAM_KEYS},
    {KEYCTX_EXAM, 'r', REQ_REVIEW},
    {KEYCTX_EXAM, 'm', REQ_MISTAKES},
    {KEYCTX_EXAM, 's', REQ_BY_SECTION},

    {KEYCTX_STATS, 'j', REQ_DOWN},
    {KEYCTX_STATS, KEY_DOWN, REQ_DOWN},
    {KEYCTX_STATS, 'k', REQ_UP},
    {KEYCTX_STATS, KEY_UP, REQ_UP},
    {KEYCTX_STATS, ' ', REQ_PAGE_DOWN},
    {KEYCTX_STATS, KEY_NPAGE, REQ_PAGE_DOWN},
    {KEYCTX_STATS, 'b', REQ_PAGE_UP},
    {KEYCTX_STATS, KEY_PPAGE, REQ_PAGE_UP},
    {KEYCTX_STATS, 'd', REQ_HALF_DOWN},
    {KEYCTX_STATS, 'u', REQ_HALF_UP},
    {KEYCTX_STATS, 'g', REQ_TOP},
    {KEYCTX_STATS, KEY_HOME, REQ_TOP},
    {KEYCTX_STATS, 'G', REQ_BOTTOM},
    {KEYCTX_STATS, KEY_END, REQ_BOTTOM},
    {KEYCTX_STATS, 'r', REQ_RECOMPUTE},

    /* The console reads every key itself (the line takes them); the table
     * documents them. */
    {KEYCTX_CONSOLE, '\n', REQ_RUN_LINE},
    {KEYCTX_CONSOLE, KEY_UP, REQ_HISTORY_PREV},
    {KEYCTX_CONSOLE, KEY_DOWN, REQ_HISTORY_NEXT},
    {KEYCTX_CONSOLE, KEY_PPAGE, REQ_PAGE_UP},
    {KEYCTX_CONSOLE, KEY_NPAGE, REQ_PAGE_DOWN},
    {KEYCTX_CONSOLE, KEY_SLEFT, REQ_SCROLL_LEFT},
    {KEYCTX_CONSOLE, KEY_SRIGHT, REQ_SCROLL_RIGHT},
    {KEYCTX_CONSOLE, 3, REQ_INTERRUPT},
    {KEYCTX_CONSOLE, 27, REQ_LEAVE},

    {KEYCTX_EXERCISES, 'j', REQ_DOWN},
    {KEYCTX_EXERCISES, KEY_DOWN, REQ_DOWN},
    {KEYCTX_EXERCISES, 'k', REQ_UP},
    {KEYCTX_EXERCISES, KEY_UP, REQ_UP},
    {KEYCTX_EXERCISES, ' ', REQ_PAGE_DOWN},
    {KEYCTX_EXERCISES, KEY_NPAGE, REQ_PAGE_DOWN},
    {KEYCTX_EXERCISES, KEY_PPAGE, REQ_PAGE_UP},
    {KEYCTX_EXERCISES, 'g', REQ_TOP},
    {KEYCTX_EXERCISES, KEY_HOME, REQ_TOP},
    {KEYCTX_EXERCISES, 'G', REQ_BOTTOM},
    {KEYCTX_EXERCISES, KEY_END, REQ_BOTTOM},
    {KEYCTX_EXERCISES, '\n', REQ_OPEN},
    {KEYCTX_EXERCISES, KEY_ENTER, REQ_OPEN},
    {KEYCTX_EXERCISES, 'l', REQ_OPEN},
    {KEYCTX_EXERCISES, 27, REQ_QUIT},

    {KEYCTX_EXERCISE, 'e', REQ_EX_EDIT},
    {KEYCTX_EXERCISE, 'r', REQ_EX_RUN},
    {KEYCTX_EXERCISE, 'h', REQ_EX_HINT},
    {KEYCTX_EXERCISE, 's', REQ_EX_SOLUTION},
    {KEYCTX_EXERCISE, 'R', REQ_EX_RESET},
    {KEYCTX_EXERCISE, 'n', REQ_EX_NEXT},
    {KEYCTX_EXERCISE, 'w', REQ_EX_WATCH},
    {KEYCTX_EXERCISE, 'c', REQ_EX_SECTION},
    {KEYCTX_EXERCISE, '\t', REQ_PANE},
    {KEYCTX_EXERCISE, KEY_BTAB, REQ_PANE},
    {KEYCTX_EXERCISE, 'j', REQ_DOWN},
    {KEYCTX_EXERCISE, KEY_DOWN, REQ_DOWN},
    {KEYCTX_EXERCISE, 'k', REQ_UP},
    {KEYCTX_EXERCISE, KEY_UP, REQ_UP},
    {KEYCTX_EXERCISE, ' ', REQ_PAGE_DOWN},
    {KEYCTX_EXERCISE, KEY_NPAGE, REQ_PAGE_DOWN},
    {KEYCTX_EXERCISE, 'b', REQ_PAGE_UP},
    {KEYCTX_EXERCISE, KEY_PPAGE, REQ_PAGE_UP},
    {KEYCTX_EXERCISE, 'g', REQ_TOP},
    {KEYCTX_EXERCISE, KEY_HOME, REQ_TOP},
    {KEYCTX_EXERCISE, 'G', REQ_BOTTOM},
    {KEYCTX_EXERCISE, KEY_END, REQ_BOTTOM},
    {KEYCTX_EXERCISE, 27, REQ_QUIT},
};

#define NBINDINGS (sizeof S_bindings / sizeof S_bindings[0])

enum request keymap_lookup(enum keyctx ctx, int key)
{
	for (size_t i = 0; i < NBINDINGS; i++)
		if (S_bindings[i].ctx == ctx && S_bindings[i].key == key)
			return S_bindings[i].req;
	for (size_t i = 0; i < NBINDINGS; i++)
		if (S_bindings[i].ctx == KEYCTX_GLOBAL && S_bindings[i].key == key)
			return S_bindings[i].req;
	return REQ_NONE;
}

const char *keymap_request_help(enum request req)
{
	switch (req) {
#define REQ_HELP_CASE(name, help) \
	case name: return help;
		REQUESTS(REQ_HELP_CASE)
#undef REQ_HELP_CASE
	case REQ_COUNT: break;
	}
	return "";
}

const char *keymap_context_name(enum keyctx ctx)
{
	static const char *const names[KEYCTX_COUNT] = {
	    "Everywhere", "Home screen", "Reader",     "Lists (contents, bookmarks)",
	    "Practice",   "Mock exam",   "Statistics", "SQL console",
	    "Exercises",  "Exercise"};
	return ctx < KEYCTX_COUNT ? names[ctx] : "";
}

static void S_key_name(int key, struct buf *out)
{
	switch (key) {
	case KEY_DOWN: buf_puts(out, "Down"); return;
	case KEY_UP: buf_puts(out, "Up"); return;
	case KEY_LEFT: buf_puts(out, "Left"); return;
	case KEY_RIGHT: buf_puts(out, "Right"); return;
	case KEY_NPAGE: buf_puts(out, "PgDn"); return;
	case KEY_PPAGE: buf_puts(out, "PgUp"); return;
	case KEY_HOME: buf_puts(out, "Home"); return;
	case KEY_END: buf_puts(out, "End"); return;
	case KEY_ENTER:
	case '\n': buf_puts(out, "Enter"); return;
	case KEY_BTAB: buf_puts(out, "Shift-Tab"); return;
	case KEY_SLEFT: buf_puts(out, "Shift-Left"); return;
	case KEY_SRIGHT: buf_puts(out, "Shift-Right"); return;
	case KEY_BACKSPACE:
	case 127: buf_puts(out, "Backspace"); return;
	case KEY_DC: buf_puts(out, "Delete"); return;
	case '\t': buf_puts(out, "Tab"); return;
	case ' ': buf_puts(out, "Space"); return;
	case 27: buf_puts(out, "Esc"); return;
	default: break;
	}
	if (key >= 1 && key < 32)
		buf_printf(out, "Ctrl-%c", key + 'A' - 1);
	else if (key > 32 && key < 127)
		buf_putc(out, (char)key);
	else
		buf_printf(out, "key %d", key);
}

void keymap_each(enum keyctx ctx, keymap_entry_fn fn, void *fn_ctx)
{
	int seen[REQ_COUNT] = {0};
	for (size_t i = 0; i < NBINDINGS; i++) {
		enum request req = S_bindings[i].req;
		if (S_bindings[i].ctx != ctx || seen[req])
			continue;
		seen[req] = 1;
		struct buf keys = {0};
		char last[32] = "";
		for (size_t k = i; k < NBINDINGS; k++) {
			if (S_bindings[k].ctx != ctx || S_bindings[k].req != req)
				continue;
			struct buf name = {0};
			S_key_name(S_bindings[k].key, &name);
			/* Enter and KEY_ENTER print the same: list it once. */
			if (strcmp(buf_cstr(&name), last) != 0) {
				if (keys.len)
					buf_puts(&keys, ", ");
				buf_puts(&keys, buf_cstr(&name));
				snprintf(last, sizeof last, "%s", buf_cstr(&name));
			}
			buf_free(&name);
		}
		fn(fn_ctx, req, buf_cstr(&keys), keymap_request_help(req));
		buf_free(&keys);
	}
}

static void S_man_entry(void *ctx, enum request req, const char *keys, const char *help)
{
	FILE *out = ctx;
	(void)req;
	fputs(".TP\n.B ", out);
	for (const char *p = keys; *p; p++) { /* escape for roff */
		if (*p == '\\')
			fputs("\\e", out);
		else if (*p == '-')
			fputs("\\-", out);
		else
			fputc(*p, out);
	}
	fprintf(out, "\n%s\n", help);
}

void keymap_write_man(FILE *out)
{
	for (int c = 0; c < KEYCTX_COUNT; c++) {
		fprintf(out, ".SS %s\n", keymap_context_name((enum keyctx)c));
		keymap_each((enum keyctx)c, S_man_entry, out);
	}
}

static void S_plain_entry(void *ctx, enum request req, const char *keys, const char *help)
{
	(void)req;
	fprintf(ctx, "  %-22s %s\n", keys, help);
}

void keymap_write_plain(FILE *out, enum keyctx ctx)
{
	keymap_each(ctx, S_plain_entry, out);
}
