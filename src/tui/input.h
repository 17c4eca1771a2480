/* input: where keys come from.
 *
 * From the terminal, or in headless mode from a script file, one command
 * per line:
 *     keys TEXT     type TEXT; <Down> <Up> <Left> <Right> <PgDn> <PgUp>
 *                   <Home> <End> <Enter> <Tab> <S-Tab> <Esc> <BS> <Del>
 *                   <Space> <C-x> and <lt> (a literal '<') name keys
 *     resize COLSxROWS   resize the virtual terminal
 *     dump          print the screen to stdout (a line "--- screen N ---" first)
 *     clock +SECS   move the injected clock forward (the loop then redraws,
 *                   as it does each second a real clock ticks)
 *     # ...         a comment; blank lines are ignored
 * When the script ends the app is asked to quit (and the screen is dumped
 * if the script never asked for a dump). */
#ifndef STUDYTERM_TUI_INPUT_H
#define STUDYTERM_TUI_INPUT_H

#include "core/status.h"

/* A key returned when the script has ended or a quit signal arrived. */
#define INPUT_KEY_QUIT (-2)

/* Loads a headless script; errors name the file and line. */
enum status input_load_script(const char *path, struct error *err);
void input_free(void);
/* Blocks until a key is available; returns a curses key code,
 * KEY_RESIZE, KEY_MOUSE or INPUT_KEY_QUIT. ERR on a real-terminal timeout
 * (a quarter second: signals are noticed) or after a script's clock move. */
int input_next(void);
/* The same, waiting at most ms milliseconds (ms < 0: as input_next). */
int input_next_within(int ms);

#endif
