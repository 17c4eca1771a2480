/* search: smart-case substring search over layout lines (see search.h). */
#include "md/search.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static char S_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

size_t md_search(const struct md_layout *layout, const char *query, struct md_match **out)
{
	*out = NULL;
	size_t qlen = strlen(query), count = 0, cap = 0;
	if (!qlen)
		return 0;
	int exact = 0;
	for (const char *p = query; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			exact = 1;
	char first = exact ? query[0] : S_lower(query[0]);
	for (size_t l = 0; l < layout->nlines; l++) {
		const struct md_line *line = &layout->lines[l];
		if (line->len < qlen)
			continue;
		for (size_t i = 0; i + qlen <= line->len; i++) {
			char c = exact ? line->text[i] : S_lower(line->text[i]);
			if (c != first)
				continue;
			size_t k = 1;
			while (k < qlen &&
			       (exact ? line->text[i + k] == query[k]
			              : S_lower(line->text[i + k]) == S_lower(query[k])))
				k++;
			if (k < qlen)
				continue;
			void *p = *out;
			xgrow(&p, &cap, count + 1, sizeof **out);
			*out = p;
			(*out)[count++] = (struct md_match){l, (uint32_t)i, (uint32_t)(i + qlen)};
			i += qlen - 1;
		}
	}
	return count;
}

long md_search_next(const struct md_match *matches, size_t count, size_t from, int forward)
{
	if (!count)
		return -1;
	if (forward) {
		for (size_t i = 0; i < count; i++)
			if (matches[i].line >= from)
				return (long)i;
		return 0;
	}
	for (size_t i = count; i-- > 0;)
		if (matches[i].line <= from)
			return (long)i;
	return (long)count - 1;
}
