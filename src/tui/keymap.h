/* keymap: keys to named requests, declared once.
 *
 * Every command the user can give is a request with a name and help text
 * (REQUESTS below). The bindings table maps keys to requests per context.
 * The help overlay and the man page's key list are both generated from
 * these two tables, so documentation cannot drift from behaviour. */
#ifndef STUDYTERM_TUI_KEYMAP_H
#define STUDYTERM_TUI_KEYMAP_H

#include <stddef.h>
#include <stdio.h>

/* name, help text */
#define REQUESTS(X)                                                                             \
	X(REQ_NONE, "")                                                                         \
	X(REQ_QUIT, "Close this screen (quit from the home screen)")                            \
	X(REQ_QUIT_ALL, "Quit studyterm")                                                       \
	X(REQ_HELP, "Show the keys for this screen")                                            \
	X(REQ_UP, "Move up a line")                                                             \
	X(REQ_DOWN, "Move down a line")                                                         \
	X(REQ_PAGE_UP, "Page up")                                                               \
	X(REQ_PAGE_DOWN, "Page down")                                                           \
	X(REQ_HALF_UP, "Half a page up")                                                        \
	X(REQ_HALF_DOWN, "Half a page down")                                                    \
	X(REQ_TOP, "Go to the start")                                                           \
	X(REQ_BOTTOM, "Go to the end")                                                          \
	X(REQ_NEXT_SECTION, "Next section (into the next chapter at the end)")                  \
	X(REQ_PREV_SECTION, "Previous section")                                                 \
	X(REQ_TOC, "Show or hide the table of contents")                                        \
	X(REQ_SEARCH, "Search this chapter")                                                    \
	X(REQ_FIND_NEXT, "Next search match")                                                   \
	X(REQ_FIND_PREV, "Previous search match")                                               \
	X(REQ_NEXT_LINK, "Select the next link on screen")                                      \
	X(REQ_PREV_LINK, "Select the previous link on screen")                                  \
	X(REQ_OPEN, "Open the selection / follow the selected link")                            \
	X(REQ_BACK, "Go back to where you were before following a link")                        \
	X(REQ_BOOKMARK, "Bookmark the current position")                                        \
	X(REQ_BOOKMARKS, "List bookmarks")                                                      \
	X(REQ_CONTINUE, "Continue reading where you left off")                                  \
	X(REQ_DELETE, "Delete the selected bookmark")                                           \
	X(REQ_PRACTICE, "Practise: due reviews and new questions (this section in the reader)") \
	X(REQ_CHOOSE,                                                                           \
	  "Pick option n (1-9); after the feedback, rate recall: 1 Again 2 Hard 3 Good 4 Easy") \
	X(REQ_PICK, "Pick option n (1-9); toggle it when several may be right")                 \
	X(REQ_TOGGLE, "Pick or toggle the option under the cursor")                             \
	X(REQ_SUBMIT, "Submit the answer; after the feedback, take the suggested rating")       \
	X(REQ_ITEM_UP, "Ordering: move the chosen item up")                                     \
	X(REQ_ITEM_DOWN, "Ordering: move the chosen item down")                                 \
	X(REQ_LETTER, "Matching: give the chosen item this letter")                             \
	X(REQ_READ_SECTION, "After the feedback: read the question's section (q comes back)")   \
	X(REQ_CONSOLE, "The SQL console on the ponies dataset")                                 \
	X(REQ_RUN_LINE, "Console: run the line (a statement runs once it ends with ;)")         \
	X(REQ_HISTORY_PREV, "Console: the previous line of the history")                        \
	X(REQ_HISTORY_NEXT, "Console: the next line of the history")                            \
	X(REQ_SCROLL_LEFT, "Console: scroll wide results left")                                 \
	X(REQ_SCROLL_RIGHT, "Console: scroll wide results right")                               \
	X(REQ_INTERRUPT, "Console: stop the running statement, or empty the line")              \
	X(REQ_LEAVE, "Console: leave (also .quit)")                                             \
	X(REQ_STATS, "Statistics: mastery, exam scores, activity, reviews due, reading")        \
	X(REQ_RECOMPUTE, "Compute the figures again")                                           \
	X(REQ_EXAMS, "Mock exams (resume the open one)")                                        \
	X(REQ_NEXT_QUESTION, "Exam: the next question")                                         \
	X(REQ_PREV_QUESTION, "Exam: the previous question")                                     \
	X(REQ_FLAG, "Exam: flag or unflag this question")                                       \
	X(REQ_GOTO, "Exam: go to a question (type its number, Enter)")                          \
	X(REQ_EXAM_SUBMIT, "Exam: submit (asks first, listing unanswered and flagged)")         \
	X(REQ_EXAM_LEAVE, "Exam: leave; answers are saved and the clock keeps running")         \
	X(REQ_EXAM_KEYS, "Exam, in a typed answer: use the exam keys (F G S q) next")           \
	X(REQ_REVIEW, "Results: review every question with its key and explanation")            \
	X(REQ_MISTAKES, "Results: practise the questions missed (rated Again)")                 \
	X(REQ_BY_SECTION, "Results: by section or by chapter")                                  \
	X(REQ_EXERCISES, "Hands-on exercises: the list by chapter, with your status")           \
	X(REQ_PANE, "Exercise: switch the pane that scrolls (instructions, results)")           \
	X(REQ_EX_EDIT, "Exercise: edit your files ($VISUAL, $EDITOR or vi), then check")        \
	X(REQ_EX_RUN, "Exercise: run your work and the checks")                                 \
	X(REQ_EX_HINT, "Exercise: the next hint (listed under the instructions)")               \
	X(REQ_EX_SOLUTION, "Exercise: the solution, once the checks have run (asks first)")     \
	X(REQ_EX_RESET, "Exercise: start again from the starter files (asks), then check")      \
	X(REQ_EX_NEXT, "Exercise: the next exercise of the list")                               \
	X(REQ_EX_WATCH, "Exercise: check whenever a file is saved (on/off)")                    \
	X(REQ_EX_SECTION, "Exercise: read the course section it practises")                     \
	X(REQ_REDRAW, "Redraw the screen")

enum request {
#define REQ_ENUM(name, help) name,
	REQUESTS(REQ_ENUM)
#undef REQ_ENUM
	    REQ_COUNT
};

/* Where a binding applies. A view looks up its own context first, then
 * KEYCTX_GLOBAL. */
enum keyctx {
	KEYCTX_GLOBAL,
	KEYCTX_HOME,
	KEYCTX_READER,
	KEYCTX_LIST, /* table of contents, bookmarks */
	KEYCTX_PRACTICE,
	KEYCTX_EXAM,
	KEYCTX_STATS,
	KEYCTX_CONSOLE,
	KEYCTX_EXERCISES, /* the list of exercises */
	KEYCTX_EXERCISE,  /* one exercise */
	KEYCTX_COUNT
};

enum request keymap_lookup(enum keyctx ctx, int key);
const char *keymap_request_help(enum request req);
const char *keymap_context_name(enum keyctx ctx);

/* Calls fn for each request bound in ctx (not GLOBAL), in table order,
 * with all its keys joined ("j, Down"). Requests bound only globally are
 * reported under KEYCTX_GLOBAL. */
typedef void (*keymap_entry_fn)(void *ctx, enum request req, const char *keys, const char *help);
void keymap_each(enum keyctx ctx, keymap_entry_fn fn, void *fn_ctx);

/* Writes the bindings of ctx as aligned plain text, one per line. */
void keymap_write_plain(FILE *out, enum keyctx ctx);
/* Writes the key list as man(7) markup, one subsection per context. */
void keymap_write_man(FILE *out);

#endif
