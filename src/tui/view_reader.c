/* view_reader: reading a chapter.
 *
 * Scrolling like less and vim, a table of contents sidebar, search with
 * highlighted matches, links that can be selected and followed (with a way
 * back), bookmarks, and the reading position saved as it changes. The
 * layout is rebuilt whenever the text column changes width; the reader
 * keeps its place by source position, not by line number, so a resize
 * never loses the text being read. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "md/doc.h"
#include "md/layout.h"
#include "md/search.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/list.h"

#define READER_MAX_TEXT_WIDTH     100
#define READER_HISTORY            32
#define TOC_SIDE_BY_SIDE_MIN_COLS 70

struct toc_entry {
	size_t chapter;
	long section; /* -1: the chapter itself */
};

struct place {
	size_t chapter;
	struct md_pos pos;
};

struct reader {
	size_t chapter;
	struct md_doc *doc;
	struct md_layout *lay;
	size_t top;
	struct md_pos anchor; /* source position of the top line: survives relayout */
	int text_rows, text_x, text_w;

	int toc_visible, toc_focus;
	struct toc_entry *toc;
	size_t ntoc;
	struct list_cursor toc_cursor;

	char query[128];
	struct md_match *matches;
	size_t nmatches;
	long current_match;
	int prompt_active;
	char prompt[128];
	size_t prompt_len;

	long link_line; /* selected link: line and span index, -1 none */
	long link_span;

	struct place history[READER_HISTORY];
	int nhistory;
};

/* -------------------------------------------------------------- helpers */

static const struct course_chapter *S_chapter(const struct reader *r, const struct app *app)
{
	return &app->course->chapters[r->chapter];
}

static size_t S_max_top(const struct reader *r)
{
	size_t rows = r->text_rows > 0 ? (size_t)r->text_rows : 1;
	return r->lay && r->lay->nlines > rows ? r->lay->nlines - rows : 0;
}

static void S_set_top(struct reader *r, long top)
{
	if (top < 0)
		top = 0;
	if ((size_t)top > S_max_top(r))
		top = (long)S_max_top(r);
	r->top = (size_t)top;
	if (r->lay && r->lay->nlines)
		r->anchor = r->lay->lines[r->top].pos;
	r->link_line = r->link_span = -1;
}

static int S_percent(const struct reader *r)
{
	if (!r->lay || r->lay->nlines == 0)
		return 100;
	size_t seen = r->top + (size_t)r->text_rows;
	if (seen >= r->lay->nlines)
		return 100;
	return (int)(seen * 100 / r->lay->nlines);
}

static void S_save_position(struct reader *r, struct app *app)
{
	if (!app->progress || !r->lay)
		return;
	struct progress_position pos = {r->anchor.src_line, r->anchor.offset, S_percent(r), 0};
	struct error err;
	if (progress_set_position(app->progress, S_chapter(r, app)->key, &pos, &err) != ST_OK)
		app_message(app, 1, "Cannot save your place: %s", err.message);
}

static void S_clear_search(struct reader *r)
{
	free(r->matches);
	r->matches = NULL;
	r->nmatches = 0;
	r->current_match = -1;
}

static void S_run_search(struct reader *r)
{
	S_clear_search(r);
	if (r->query[0] && r->lay)
		r->nmatches = md_search(r->lay, r->query, &r->matches);
}

/* Lays the chapter out for the current text width if it changed. */
static void S_relayout(struct reader *r, int width)
{
	if (r->lay && r->lay->width == width)
		return;
	struct md_pos anchor = r->anchor;
	md_layout_free(r->lay);
	r->lay = md_layout_build(r->doc, width);
	r->top = md_layout_line_at(r->lay, anchor);
	if (r->top > S_max_top(r))
		r->top = S_max_top(r);
	r->anchor = anchor;
	S_run_search(r);
}

static int S_load_chapter(struct reader *r, struct app *app, size_t chapter)
{
	struct error err = {0};
	struct md_doc *doc = md_doc_load(app->course->chapters[chapter].path, &err);
	if (!doc) {
		app_message(app, 1, "%s: %s", err.where, err.message);
		return -1;
	}
	md_doc_free(r->doc);
	md_layout_free(r->lay);
	r->lay = NULL;
	r->doc = doc;
	r->chapter = chapter;
	r->anchor = (struct md_pos){0, 0};
	r->top = 0;
	r->link_line = r->link_span = -1;
	S_clear_search(r);
	return 0;
}

/* Where the text column is and how wide, for the screen and sidebar. */
static void S_geometry(struct reader *r, int rows, int cols)
{
	r->text_rows = rows - 1;
	int left = 0; /* the sidebar's width, then a separator column */
	if (r->toc_visible && cols >= TOC_SIDE_BY_SIDE_MIN_COLS)
		left = (cols / 3 < 36 ? cols / 3 : 36) + 1;
	r->text_x = left + 1;
	int avail = cols - r->text_x - 1;
	r->text_w = avail < READER_MAX_TEXT_WIDTH ? avail : READER_MAX_TEXT_WIDTH;
}

static void S_goto_line(struct reader *r, size_t line)
{
	S_set_top(r, (long)line);
}

static int S_goto_section(struct reader *r, const char *number)
{
	int h = md_layout_find_heading(r->lay, number);
	if (h < 0)
		return -1;
	S_goto_line(r, r->lay->headings[h].line);
	return 0;
}

static void S_push_history(struct reader *r)
{
	if (r->nhistory == READER_HISTORY) {
		memmove(r->history, r->history + 1, sizeof r->history[0] * (READER_HISTORY - 1));
		r->nhistory--;
	}
	r->history[r->nhistory++] = (struct place){r->chapter, r->anchor};
}

/* Opens another chapter (saving this one's place) and lays it out. */
static int S_switch_chapter(struct reader *r, struct app *app, size_t chapter)
{
	if (chapter == r->chapter && r->doc)
		return 0;
	S_save_position(r, app);
	if (S_load_chapter(r, app, chapter) != 0)
		return -1;
	S_relayout(r, r->text_w);
	return 0;
}

/* ------------------------------------------------------------------ TOC */

static void S_build_toc(struct reader *r, const struct course *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nchapters; i++)
		n += 1 + c->chapters[i].nsections;
	r->toc = xcalloc(n ? n : 1, sizeof *r->toc);
	for (size_t i = 0; i < c->nchapters; i++) {
		r->toc[r->ntoc++] = (struct toc_entry){i, -1};
		for (size_t s = 0; s < c->chapters[i].nsections; s++)
			r->toc[r->ntoc++] = (struct toc_entry){i, (long)s};
	}
}

/* The TOC entry for what is on screen now. */
static size_t S_toc_current(const struct reader *r, const struct app *app)
{
	const struct course_chapter *ch = S_chapter(r, app);
	int h = r->lay ? md_layout_heading_for_line(r->lay, r->top, 2) : -1;
	const char *num = h >= 0 ? r->lay->headings[h].number : NULL;
	size_t found = 0;
	for (size_t i = 0; i < r->ntoc; i++) {
		if (r->toc[i].chapter != r->chapter)
			continue;
		if (r->toc[i].section < 0)
			found = i;
		else if (num && strcmp(ch->sections[r->toc[i].section].number, num) == 0)
			return i;
	}
	return found;
}

static void S_draw_toc(struct reader *r, struct app *app, int rows, int width)
{
	const struct course *c = app->course;
	size_t current = S_toc_current(r, app);
	if (!r->toc_focus)
		r->toc_cursor.selected = current;
	list_cursor_scroll(&r->toc_cursor, rows > 0 ? (size_t)rows : 1);
	for (int y = 0; y < rows && r->toc_cursor.top + (size_t)y < r->ntoc; y++) {
		size_t i = r->toc_cursor.top + (size_t)y;
		const struct toc_entry *e = &r->toc[i];
		const struct course_chapter *ch = &c->chapters[e->chapter];
		char text[300];
		if (e->section < 0)
			snprintf(text, sizeof text, "%s %s", ch->number, ch->title);
		else
			snprintf(text, sizeof text, "  %s %s", ch->sections[e->section].number,
			         ch->sections[e->section].title);
		enum theme_ui look = e->section < 0 ? THEME_TITLE : THEME_SIDEBAR;
		if (i == r->toc_cursor.selected && r->toc_focus) {
			draw_fill(y, 0, width, THEME_SELECTED);
			look = THEME_SELECTED;
		}
		draw_ui_text(y, 1, width - 2, i == current ? "▸" : " ", THEME_PROGRESS);
		draw_ui_text(y, 2, width - 3, text, look);
	}
}

static void S_toc_open_selected(struct reader *r, struct app *app)
{
	const struct toc_entry *e = &r->toc[r->toc_cursor.selected];
	S_push_history(r);
	if (S_switch_chapter(r, app, e->chapter) != 0)
		return;
	if (e->section < 0)
		S_goto_line(r, 0);
	else
		S_goto_section(r, app->course->chapters[e->chapter].sections[e->section].number);
	S_save_position(r, app);
}

static unsigned S_toc_handle(struct reader *r, struct app *app, enum request req)
{
	if (list_cursor_move(&r->toc_cursor, r->ntoc, req, (size_t)r->text_rows))
		return VIEW_HANDLED;
	switch (req) {
	case REQ_OPEN:
		S_toc_open_selected(r, app);
		r->toc_focus = 0;
		if (COLS < TOC_SIDE_BY_SIDE_MIN_COLS)
			r->toc_visible = 0;
		break;
	case REQ_QUIT:
		r->toc_focus = 0;
		if (COLS < TOC_SIDE_BY_SIDE_MIN_COLS)
			r->toc_visible = 0;
		break;
	case REQ_TOC: r->toc_focus = r->toc_visible = 0; break;
	case REQ_HELP:
	case REQ_QUIT_ALL:
	case REQ_REDRAW: return VIEW_IGNORED;
	default: break;
	}
	return VIEW_HANDLED;
}

/* ---------------------------------------------------------------- links */

/* Finds the next (dir > 0) or previous link span on screen after the
 * current selection. */
static void S_select_link(struct reader *r, int dir)
{
	size_t first = r->top, last = r->top + (size_t)r->text_rows;
	if (last > r->lay->nlines)
		last = r->lay->nlines;
	long line = r->link_line, span = r->link_span;
	if (line < 0) {
		line = dir > 0 ? (long)first : (long)last - 1;
		span = dir > 0 ? -1 : (line >= 0 ? (long)r->lay->lines[line].nspans : 0);
	}
	for (;;) {
		if (line < (long)first || line >= (long)last)
			break;
		const struct md_line *l = &r->lay->lines[line];
		for (span += dir; span >= 0 && span < (long)l->nspans; span += dir)
			if (l->spans[span].link >= 0 &&
			    (r->link_line < 0 || line != r->link_line ||
			     l->spans[span].link !=
			         r->lay->lines[r->link_line].spans[r->link_span].link)) {
				r->link_line = line;
				r->link_span = span;
				return;
			}
		line += dir;
		if (line >= 0 && line < (long)r->lay->nlines)
			span = dir > 0 ? -1 : (long)r->lay->lines[line].nspans;
	}
	r->link_line = r->link_span = -1;
}

/* Opens a practice session on one section (or chapter: "5"). */
static void S_practise(struct app *app, const char *number)
{
	struct practice_filter f = {0};
	f.section = number;
	app_push(app, view_practice_new(app, &f, 10));
}

static void S_follow_link(struct reader *r, struct app *app, const char *target)
{
	if (strncmp(target, "practice:", 9) == 0) {
		S_practise(app, target + 9);
		return;
	}
	if (strncmp(target, "exercise:", 9) == 0) {
		struct view *v = view_exercise_new(app, target + 9);
		if (v)
			app_push(app, v);
		return;
	}
	if (strstr(target, "://") || strncmp(target, "mailto:", 7) == 0) {
		app_message(app, 0, "External link: %s", target);
		return;
	}
	/* "file.md#anchor", "#anchor", "#5.6", "5.6" */
	char file[256] = "";
	const char *anchor = strchr(target, '#');
	if (anchor && anchor != target)
		snprintf(file, sizeof file, "%.*s", (int)(anchor - target), target);
	if (!anchor && strstr(target, ".md"))
		snprintf(file, sizeof file, "%s", target);
	size_t chapter = r->chapter;
	if (file[0]) {
		long c = course_chapter_by_key(app->course, file);
		if (c < 0) {
			app_message(app, 1, "No chapter named %s in this course.", file);
			return;
		}
		chapter = (size_t)c;
	}
	const char *name = anchor ? anchor + 1 : (file[0] ? "" : target);
	char number[64]; /* outlives the block below: name may point into it */
	S_push_history(r);
	if (!file[0] && name[0] && md_layout_find_heading(r->lay, name) < 0) {
		/* A section number in another chapter: "#5.6" from chapter 2. */
		snprintf(number, sizeof number, "%s", name);
		for (char *p = number; *p; p++)
			if (*p == '-')
				*p = '.';
		long section;
		if (course_find(app->course, number, &chapter, &section) != 0) {
			r->nhistory--;
			app_message(app, 1, "Link target %s is not in this course.", target);
			return;
		}
		name = number;
	}
	if (S_switch_chapter(r, app, chapter) != 0)
		return;
	if (!name[0])
		S_goto_line(r, 0);
	else if (S_goto_section(r, name) != 0)
		app_message(app, 1, "Link target %s is not in this chapter.", target);
	S_save_position(r, app);
}

/* --------------------------------------------------------------- search */

static void S_show_match(struct reader *r, struct app *app, long index, int wrapped)
{
	r->current_match = index;
	size_t line = r->matches[index].line;
	if (line < r->top || line >= r->top + (size_t)r->text_rows)
		S_set_top(r, (long)line - r->text_rows / 3);
	if (wrapped)
		app_message(app, 0, "Search wrapped around: match %ld of %zu", index + 1,
		            r->nmatches);
	else
		app_message(app, 0, "Match %ld of %zu for \"%s\"", index + 1, r->nmatches,
		            r->query);
}

static void S_search_step(struct reader *r, struct app *app, int forward)
{
	if (!r->query[0]) {
		app_message(app, 1, "No search yet: press / to search.");
		return;
	}
	if (!r->nmatches) {
		app_message(app, 1, "Not found: %s", r->query);
		return;
	}
	long next;
	int wrapped = 0;
	if (r->current_match < 0) {
		next = md_search_next(r->matches, r->nmatches, r->top, forward);
	} else if (forward) {
		next = r->current_match + 1;
		if (next >= (long)r->nmatches) {
			next = 0;
			wrapped = 1;
		}
	} else {
		next = r->current_match - 1;
		if (next < 0) {
			next = (long)r->nmatches - 1;
			wrapped = 1;
		}
	}
	S_show_match(r, app, next, wrapped);
}

static unsigned S_prompt_key(struct reader *r, struct app *app, int key)
{
	if (key == 27) {
		r->prompt_active = 0;
	} else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		r->prompt_active = 0;
		if (r->prompt_len) {
			snprintf(r->query, sizeof r->query, "%s", r->prompt);
			S_run_search(r);
		}
		r->current_match = -1;
		S_search_step(r, app, 1);
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		/* Remove one UTF-8 character. */
		while (r->prompt_len > 0) {
			unsigned char c = (unsigned char)r->prompt[--r->prompt_len];
			if ((c & 0xC0) != 0x80)
				break;
		}
		r->prompt[r->prompt_len] = '\0';
	} else if (key >= 32 && key < 256 && key != 127 && r->prompt_len + 1 < sizeof r->prompt) {
		r->prompt[r->prompt_len++] = (char)key;
		r->prompt[r->prompt_len] = '\0';
	}
	return VIEW_HANDLED;
}

/* ------------------------------------------------------------- sections */

static void S_next_section(struct reader *r, struct app *app)
{
	for (size_t i = 0; i < r->lay->nheadings; i++)
		if (r->lay->headings[i].level <= 2 && r->lay->headings[i].line > r->top) {
			if (r->lay->headings[i].line > S_max_top(r))
				break; /* already showing the end: go on to the next chapter */
			S_goto_line(r, r->lay->headings[i].line);
			return;
		}
	if (r->chapter + 1 < app->course->nchapters) {
		if (S_switch_chapter(r, app, r->chapter + 1) == 0)
			S_goto_line(r, 0);
	} else {
		app_message(app, 0, "This is the last section of the course.");
	}
}

static void S_prev_section(struct reader *r, struct app *app)
{
	for (size_t i = r->lay->nheadings; i-- > 0;)
		if (r->lay->headings[i].level <= 2 && r->lay->headings[i].line < r->top) {
			S_goto_line(r, r->lay->headings[i].line);
			return;
		}
	if (r->chapter > 0) {
		if (S_switch_chapter(r, app, r->chapter - 1) != 0)
			return;
		for (size_t i = r->lay->nheadings; i-- > 0;)
			if (r->lay->headings[i].level <= 2) {
				S_goto_line(r, r->lay->headings[i].line);
				return;
			}
		S_goto_line(r, 0);
	} else {
		app_message(app, 0, "This is the start of the course.");
	}
}

static void S_bookmark(struct reader *r, struct app *app)
{
	if (!app->progress) {
		app_message(app, 1, "Bookmarks cannot be saved (no progress database).");
		return;
	}
	int h = md_layout_heading_for_line(r->lay, r->top, 6);
	char label[200];
	if (h >= 0)
		snprintf(label, sizeof label, "%s%s%s",
		         r->lay->headings[h].number ? r->lay->headings[h].number : "",
		         r->lay->headings[h].number ? " " : "", r->lay->headings[h].title);
	else
		snprintf(label, sizeof label, "%s", S_chapter(r, app)->title);
	struct error err;
	if (progress_add_bookmark(app->progress, S_chapter(r, app)->key, r->anchor.src_line,
	                          r->anchor.offset, label, &err) != ST_OK)
		app_message(app, 1, "Cannot save the bookmark: %s", err.message);
	else
		app_message(app, 0, "Bookmarked: %s", label);
}

/* ------------------------------------------------------------------ view */

static void S_reader_draw(struct view *view, struct app *app, int rows, int cols)
{
	struct reader *r = view->state;
	S_geometry(r, rows, cols);
	int narrow_toc = r->toc_visible && cols < TOC_SIDE_BY_SIDE_MIN_COLS;
	if (r->doc)
		S_relayout(r, r->text_w);
	if (r->top > S_max_top(r))
		r->top = S_max_top(r);

	if (r->toc_visible) {
		int w = narrow_toc ? cols : r->text_x - 2;
		S_draw_toc(r, app, r->text_rows, w);
		if (!narrow_toc)
			for (int y = 0; y < r->text_rows; y++)
				draw_ui_text(y, w, 1, "│", THEME_DIM);
	}
	if (!narrow_toc && r->lay) {
		/* Search matches on screen, found by binary search from the top. */
		size_t m = 0;
		for (size_t lo = 0, hi = r->nmatches; lo < hi;) {
			size_t mid = (lo + hi) / 2;
			if (r->matches[mid].line < r->top)
				lo = mid + 1;
			else
				hi = mid;
			m = lo;
		}
		struct draw_overlay ov[64];
		for (int y = 0; y < r->text_rows && r->top + (size_t)y < r->lay->nlines; y++) {
			size_t line = r->top + (size_t)y;
			size_t nov = 0;
			if ((long)line == r->link_line) {
				const struct md_span *s = &r->lay->lines[line].spans[r->link_span];
				ov[nov++] =
				    (struct draw_overlay){s->start, s->end, MD_STYLE_LINK_SELECTED};
			}
			for (; m < r->nmatches && r->matches[m].line == line; m++)
				if (nov < sizeof ov / sizeof ov[0] &&
				    (nov == 0 || r->matches[m].start >= ov[nov - 1].end))
					ov[nov++] = (struct draw_overlay){
					    r->matches[m].start, r->matches[m].end,
					    (long)m == r->current_match ? MD_STYLE_MATCH_CURRENT
					                                : MD_STYLE_MATCH};
			/* The selected link may sit after a match on the same line. */
			if (nov > 1 && ov[0].style == MD_STYLE_LINK_SELECTED)
				for (size_t i = 1; i < nov && ov[i - 1].start > ov[i].start; i++) {
					struct draw_overlay t = ov[i];
					ov[i] = ov[i - 1];
					ov[i - 1] = t;
				}
			draw_md_line(y, r->text_x, r->text_w, &r->lay->lines[line], ov, nov);
		}
	}

	if (r->prompt_active) {
		draw_fill(rows - 1, 0, cols, THEME_STATUS);
		char p[160];
		snprintf(p, sizeof p, "/%s", r->prompt);
		int w = draw_ui_text(rows - 1, 0, cols - 1, p, THEME_STATUS);
		curs_set(1);
		move(rows - 1, w < cols ? w : cols - 1);
		return;
	}
	curs_set(0);
	const struct course_chapter *ch = S_chapter(r, app);
	char left[400], right[64];
	int h = r->lay ? md_layout_heading_for_line(r->lay, r->top, 2) : -1;
	if (h >= 0 && r->lay->headings[h].level == 2)
		snprintf(left, sizeof left, "%s %s › %s %s", ch->number, ch->title,
		         r->lay->headings[h].number ? r->lay->headings[h].number : "",
		         r->lay->headings[h].title);
	else
		snprintf(left, sizeof left, "%s %s", ch->number, ch->title);
	snprintf(right, sizeof right, "%3d%%  ? help", S_percent(r));
	app_draw_status(app, rows - 1, cols, left, right);
}

static unsigned S_reader_handle(struct view *view, struct app *app, enum request req, int key)
{
	struct reader *r = view->state;
	if (r->prompt_active)
		return S_prompt_key(r, app, key);
	if (!r->lay)
		return req == REQ_QUIT ? VIEW_CLOSE : VIEW_IGNORED;
	if (r->toc_focus) {
		unsigned res = S_toc_handle(r, app, req);
		view->ctx = r->toc_focus ? KEYCTX_LIST : KEYCTX_READER;
		return res;
	}
	size_t before_top = r->top, before_chapter = r->chapter;
	long page = r->text_rows > 2 ? r->text_rows - 2 : 1;
	switch (req) {
	case REQ_DOWN: S_set_top(r, (long)r->top + 1); break;
	case REQ_UP: S_set_top(r, (long)r->top - 1); break;
	case REQ_PAGE_DOWN: S_set_top(r, (long)r->top + page); break;
	case REQ_PAGE_UP: S_set_top(r, (long)r->top - page); break;
	case REQ_HALF_DOWN: S_set_top(r, (long)r->top + r->text_rows / 2); break;
	case REQ_HALF_UP: S_set_top(r, (long)r->top - r->text_rows / 2); break;
	case REQ_TOP: S_set_top(r, 0); break;
	case REQ_BOTTOM: S_set_top(r, (long)S_max_top(r)); break;
	case REQ_NEXT_SECTION: S_next_section(r, app); break;
	case REQ_PREV_SECTION: S_prev_section(r, app); break;
	case REQ_PRACTICE: {
		int h = md_layout_heading_for_line(r->lay, r->top, 2);
		const char *number = h >= 0 && r->lay->headings[h].number
		                         ? r->lay->headings[h].number
		                         : S_chapter(r, app)->number;
		S_practise(app, number);
		break;
	}
	case REQ_TOC:
		r->toc_visible = 1;
		r->toc_focus = 1;
		r->toc_cursor.selected = S_toc_current(r, app);
		view->ctx = KEYCTX_LIST;
		break;
	case REQ_SEARCH:
		r->prompt_active = 1;
		r->prompt_len = 0;
		r->prompt[0] = '\0';
		break;
	case REQ_FIND_NEXT: S_search_step(r, app, 1); break;
	case REQ_FIND_PREV: S_search_step(r, app, 0); break;
	case REQ_NEXT_LINK:
	case REQ_PREV_LINK:
		S_select_link(r, req == REQ_NEXT_LINK ? 1 : -1);
		if (r->link_line < 0)
			app_message(app, 0, "No links on this screen.");
		else
			app_message(
			    app, 0, "Link: %s  (Enter follows it)",
			    r->lay->links[r->lay->lines[r->link_line].spans[r->link_span].link]);
		break;
	case REQ_OPEN:
		if (r->link_line < 0) {
			app_message(app, 0, "Select a link with Tab first.");
		} else {
			char *target = xstrdup(
			    r->lay->links[r->lay->lines[r->link_line].spans[r->link_span].link]);
			S_follow_link(r, app, target);
			free(target);
		}
		break;
	case REQ_BACK:
		if (r->nhistory == 0) {
			app_message(app, 0, "Nothing to go back to.");
		} else {
			struct place p = r->history[--r->nhistory];
			if (S_switch_chapter(r, app, p.chapter) == 0)
				S_goto_line(r, md_layout_line_at(r->lay, p.pos));
		}
		break;
	case REQ_BOOKMARK: S_bookmark(r, app); break;
	case REQ_BOOKMARKS: app_push(app, view_bookmarks_new(app)); break;
	default: return VIEW_IGNORED;
	}
	if (r->top != before_top || r->chapter != before_chapter)
		S_save_position(r, app);
	return VIEW_HANDLED;
}

static void S_reader_close(struct view *view, struct app *app)
{
	struct reader *r = view->state;
	S_save_position(r, app);
	md_layout_free(r->lay);
	md_doc_free(r->doc);
	free(r->matches);
	free(r->toc);
	free(r);
	free(view);
}

static const struct view_ops S_reader_ops = {
    .name = "reader",
    .draw = S_reader_draw,
    .handle = S_reader_handle,
    .close = S_reader_close,
};

static struct view *S_new(struct app *app, size_t chapter)
{
	struct reader *r = xcalloc(1, sizeof *r);
	r->link_line = r->link_span = -1;
	r->current_match = -1;
	S_build_toc(r, app->course);
	S_geometry(r, LINES, COLS);
	if (S_load_chapter(r, app, chapter) == 0)
		S_relayout(r, r->text_w > 0 ? r->text_w : MD_LAYOUT_MIN_WIDTH);
	struct view *v = xcalloc(1, sizeof *v);
	v->ops = &S_reader_ops;
	v->ctx = KEYCTX_READER;
	v->state = r;
	return v;
}

struct view *view_reader_new(struct app *app, size_t chapter, long section)
{
	struct view *v = S_new(app, chapter);
	struct reader *r = v->state;
	if (!r->lay)
		return v;
	if (section >= 0) {
		S_goto_section(r, app->course->chapters[chapter].sections[section].number);
		S_save_position(r, app);
	} else if (app->progress) {
		struct progress_position pos;
		if (progress_get_position(app->progress, app->course->chapters[chapter].key, &pos,
		                          NULL) == ST_OK) {
			r->anchor = (struct md_pos){pos.src_line, pos.offset};
			r->top = md_layout_line_at(r->lay, r->anchor);
			if (r->top > S_max_top(r))
				r->top = S_max_top(r);
		}
	}
	return v;
}

struct view *view_reader_new_at(struct app *app, size_t chapter, uint32_t src_line, uint32_t offset)
{
	struct view *v = S_new(app, chapter);
	struct reader *r = v->state;
	if (r->lay) {
		r->anchor = (struct md_pos){src_line, offset};
		r->top = md_layout_line_at(r->lay, r->anchor);
		if (r->top > S_max_top(r))
			r->top = S_max_top(r);
	}
	return v;
}
