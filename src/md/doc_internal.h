/* doc_internal: what md's own modules see of a document (cmark types).
 * Not for use outside src/md. */
#ifndef STUDYTERM_MD_DOC_INTERNAL_H
#define STUDYTERM_MD_DOC_INTERNAL_H

#include <cmark-gfm.h>

#include "md/doc.h"

/* The GFM extension node types live in libcmark-gfm-extensions but Debian's
 * headers do not declare them. */
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;

struct md_doc {
	cmark_node *root;
};

#endif
