/* schema: what tables, columns, keys and views a sandbox database holds.
 *
 * schema_read asks the sandbox through the same door a learner uses
 * (sandbox_query, under the authorizer): sqlite_schema for the tables and
 * views, and the read-only pragma functions pragma_table_list,
 * pragma_table_info, pragma_foreign_key_list, pragma_index_list and
 * pragma_index_info for the details. The model is plain data for the ER
 * diagram (er.h) and the sandbox screens.
 *
 * Ownership: a struct schema owns every string and array in it;
 * schema_free releases them and zeroes it. All strings are non-NULL except
 * schema_column.dflt (NULL when the column has no default).
 *
 * Failure: schema_read returns the sandbox's status and message (ST_DB for a
 * broken database, ST_INVALID if the sandbox refused a query); *out is then
 * empty and needs no schema_free (calling it is harmless).
 */
#ifndef STUDYTERM_SANDBOX_SCHEMA_H
#define STUDYTERM_SANDBOX_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"
#include "sandbox/sandbox.h"

struct schema_column {
	char *name;
	char *type;    /* as declared ("INTEGER", "VARCHAR(80)"); "" when none */
	bool pk;       /* part of the primary key */
	bool not_null; /* declared NOT NULL */
	bool unique;   /* a UNIQUE constraint or unique index on this column alone
	                * (the primary key and partial indexes not counted) */
	int pk_order;  /* 1-based position in the primary key; 0 when not in it */
	char *dflt;    /* the default as SQL text ("0", "'draft'"), NULL if none */
};

/* One column of a foreign key. A key over several columns gives one entry
 * per column, in the key's order. */
struct schema_fk {
	char *from_col;  /* the column in this table */
	char *to_table;  /* as written in the REFERENCES clause */
	char *to_col;    /* the parent's column; when the clause names none, the
	                  * parent's primary key column ("" if that is unknown) */
	char *on_delete; /* "NO ACTION", "CASCADE", "SET NULL", ... */
	char *on_update;
};

struct schema_table {
	char *name;
	struct schema_column *cols; /* in declaration order */
	size_t n_cols;
	struct schema_fk *fks; /* in declaration order */
	size_t n_fks;
	/* The link of a many-to-many relationship: its primary key is made of
	 * foreign keys to two different tables (pony_handlers, which may also
	 * hold a column such as a date), or it has a single-column key and no
	 * column but foreign keys to two different tables. */
	bool is_association;
	char *sql; /* the CREATE TABLE statement as stored; "" when none */
};

struct schema {
	struct schema_table *tables; /* by name (byte order), sqlite_* and
	                              * virtual tables' shadow tables left out */
	size_t n_tables;
	char **views; /* view names, by name */
	size_t n_views;
};

/* Reads the schema of sb's main database into *out (see the file comment
 * for failure). */
enum status schema_read(struct sandbox *sb, struct schema *out, struct error *err);
void schema_free(struct schema *s);

/* The table called name (ASCII case ignored, as SQLite does), or NULL. */
const struct schema_table *schema_table_named(const struct schema *s, const char *name);
/* The index of t's column called name (ASCII case ignored), or -1. */
int schema_column_index(const struct schema_table *t, const char *name);
/* For an association table, the two tables it links (as its foreign keys
 * name them, in the order the keys are declared) into ends; returns false
 * and leaves ends alone for any other table. The pointers live as long as t. */
bool schema_association_ends(const struct schema_table *t, const char *ends[2]);

#endif
