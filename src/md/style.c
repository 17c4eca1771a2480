/* style: names of semantic styles (see style.h). */
#include "md/style.h"

const char *md_style_name(enum md_style style)
{
	switch (style) {
#define MD_STYLE_CASE(name, label) \
	case name: return label;
		MD_STYLES(MD_STYLE_CASE)
#undef MD_STYLE_CASE
	case MD_STYLE_COUNT: break;
	}
	return "?";
}
