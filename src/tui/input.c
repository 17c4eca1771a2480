/* input: terminal keys or a headless script (see input.h). */
#include "tui/input.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "tui/display.h"

enum event_type { EV_KEY, EV_RESIZE, EV_DUMP, EV_CLOCK };

struct event {
	enum event_type type;
	int key;
	int cols, rows;
	long long seconds;
};

static struct event *S_events;
static size_t S_nevents, S_cap, S_next;
static int S_scripted, S_dumps;

static void S_push(struct event ev)
{
	void *p = S_events;
	xgrow(&p, &S_cap, S_nevents + 1, sizeof *S_events);
	S_events = p;
	S_events[S_nevents++] = ev;
}

static const struct {
	const char *name;
	int key;
} S_key_names[] = {
    {"Down", KEY_DOWN},    {"Up", KEY_UP},      {"Left", KEY_LEFT},  {"Right", KEY_RIGHT},
    {"PgDn", KEY_NPAGE},   {"PgUp", KEY_PPAGE}, {"Home", KEY_HOME},  {"End", KEY_END},
    {"Enter", '\n'},       {"Tab", '\t'},       {"S-Tab", KEY_BTAB}, {"Esc", 27},
    {"BS", KEY_BACKSPACE}, {"Del", KEY_DC},     {"Space", ' '},      {"lt", '<'},
};

/* Parses the argument of `keys`; returns 0 or -1 with a message. */
static int S_parse_keys(const char *s, char *msg, size_t msglen)
{
	while (*s) {
		if (*s != '<') {
			S_push((struct event){.type = EV_KEY, .key = (unsigned char)*s});
			s++;
			continue;
		}
		const char *close = strchr(s, '>');
		if (!close) {
			snprintf(msg, msglen, "unterminated key name starting at '%s'", s);
			return -1;
		}
		size_t n = (size_t)(close - s - 1);
		const char *name = s + 1;
		int key = -1;
		if (n == 3 && name[0] == 'C' && name[1] == '-')
			key = name[2] & 0x1f;
		for (size_t i = 0; key < 0 && i < sizeof S_key_names / sizeof *S_key_names; i++)
			if (strlen(S_key_names[i].name) == n &&
			    strncmp(S_key_names[i].name, name, n) == 0)
				key = S_key_names[i].key;
		if (key < 0) {
			snprintf(msg, msglen, "unknown key name <%.*s>", (int)n, name);
			return -1;
		}
		S_push((struct event){.type = EV_KEY, .key = key});
		s = close + 1;
	}
	return 0;
}

enum status input_load_script(const char *path, struct error *err)
{
	char *text;
	if (paths_read_file(path, &text, NULL, err) != ST_OK)
		return err ? err->status : ST_IO;
	S_scripted = 1;
	int lineno = 0;
	char *save = NULL;
	enum status st = ST_OK;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		char where[300], msg[200] = "";
		snprintf(where, sizeof where, "%s:%d", path, lineno);
		while (*line == ' ' || *line == '\t')
			line++;
		size_t len = strlen(line);
		while (len && (line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!*line || *line == '#')
			continue;
		if (strncmp(line, "keys ", 5) == 0) {
			if (S_parse_keys(line + 5, msg, sizeof msg) != 0) {
				st = error_set(err, ST_PARSE, where, "%s", msg);
				break;
			}
		} else if (strcmp(line, "dump") == 0) {
			S_push((struct event){.type = EV_DUMP});
		} else if (strncmp(line, "resize ", 7) == 0) {
			int c, r;
			if (sscanf(line + 7, "%dx%d", &c, &r) != 2 || c < 1 || r < 1 || c > 1000 ||
			    r > 1000) {
				st = error_set(err, ST_PARSE, where,
				               "resize wants COLSxROWS, e.g. resize 80x24");
				break;
			}
			S_push((struct event){.type = EV_RESIZE, .cols = c, .rows = r});
		} else if (strncmp(line, "clock +", 7) == 0) {
			S_push((struct event){.type = EV_CLOCK, .seconds = atoll(line + 7)});
		} else {
			st = error_set(
			    err, ST_PARSE, where,
			    "unknown command '%s' (expected keys, dump, resize or clock)", line);
			break;
		}
	}
	free(text);
	return st;
}

void input_free(void)
{
	free(S_events);
	S_events = NULL;
	S_nevents = S_cap = S_next = 0;
}

static void S_dump(void)
{
	printf("--- screen %d ---\n", ++S_dumps);
	display_dump(stdout);
}

int input_next(void)
{
	return input_next_within(-1);
}

int input_next_within(int ms)
{
	if (!S_scripted) {
		/* Never longer than the quarter second that notices signals. */
		if (ms >= 0 && ms < 250)
			timeout(ms);
		int key = getch();
		if (ms >= 0 && ms < 250)
			timeout(250);
		/* With nonl() (display.c) the terminal's Enter arrives as CR; the
		 * keymap and the views know it as '\n', as scripts send it. */
		if (key == '\r')
			key = '\n';
		if (display_quit_requested())
			return INPUT_KEY_QUIT;
		return key;
	}
	while (S_next < S_nevents) {
		struct event *ev = &S_events[S_next++];
		switch (ev->type) {
		case EV_KEY: return ev->key;
		case EV_RESIZE: display_resize(ev->cols, ev->rows); return KEY_RESIZE;
		case EV_DUMP: S_dump(); break;
		case EV_CLOCK: clock_advance(ev->seconds); return ERR;
		}
	}
	if (!S_dumps)
		S_dump();
	S_dumps = S_dumps ? S_dumps : 1;
	return INPUT_KEY_QUIT;
}
