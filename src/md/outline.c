/* outline: recognising section numbers (see outline.h). */
#include "md/outline.h"

static int S_digit(char c)
{
	return c >= '0' && c <= '9';
}

size_t md_outline_number(const char *text, size_t *title_offset)
{
	size_t i = 0;
	*title_offset = 0;
	while (S_digit(text[i])) {
		while (S_digit(text[i]))
			i++;
		if (text[i] == '.' && S_digit(text[i + 1]))
			i++;
		else
			break;
	}
	size_t num_end = i;
	if (num_end == 0)
		return 0;
	if (text[i] == '.')
		i++;
	if (text[i] != ' ')
		return 0;
	while (text[i] == ' ')
		i++;
	*title_offset = i;
	return num_end;
}

int md_outline_is_number(const char *s)
{
	if (!S_digit(*s))
		return 0;
	for (; *s; s++)
		if (!S_digit(*s) && !(*s == '.' && S_digit(s[1])))
			return 0;
	return 1;
}
