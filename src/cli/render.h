/* render: `studyterm render FILE`: a laid-out document on stdout.
 *
 * Plain text, or with ANSI SGR styles when colour is on. It is the golden
 * test driver and a pager-friendly way to read a chapter. */
#ifndef STUDYTERM_CLI_RENDER_H
#define STUDYTERM_CLI_RENDER_H

#include <stdio.h>

#include "md/layout.h"

void render_layout(const struct md_layout *layout, int color, FILE *out);

#endif
