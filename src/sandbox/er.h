/* er: an entity-relationship diagram of a schema, drawn as text.
 *
 * Every table is a box with its name in the top border and one line per
 * column: a marker (PK, FK or PK FK), the name and the declared type.
 * Foreign keys are drawn as lines from the referencing column ("*", the
 * many side) to the referenced one ("1"); lines from the same parent column
 * share their "1" and branch. Parents stand to the left of their children
 * and an association table (schema_table.is_association) between the two
 * tables it links; each many-to-many relationship is also named in a line
 * under the diagram ("ponies *──* handlers through pony_handlers").
 *
 * The layout is chosen among a few column arrangements by how straight and
 * short their lines are. When none fits the width (or there are more than
 * 16 tables), the boxes are stacked one under another and the foreign keys
 * listed as lines ("ponies.owner_id *──1 owners.id"). A relationship that
 * could not be drawn is listed the same way. The last line is always the
 * legend.
 *
 * Pure text: no terminal, no database. Names are shown with control
 * characters replaced, long ones cut with "…".
 */
#ifndef STUDYTERM_SANDBOX_ER_H
#define STUDYTERM_SANDBOX_ER_H

#include "core/buf.h"
#include "sandbox/schema.h"

/* Appends the diagram of s to out: UTF-8 lines, each ending in '\n' and
 * none wider than width display columns (lines that cannot fit are cut
 * with "…"). A width below 1 appends nothing. Never fails. */
void er_draw(const struct schema *s, int width, struct buf *out);

#endif
