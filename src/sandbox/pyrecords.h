/* pyrecords: reading the records the Python harness writes on its
 * descriptor 3 (src/harness/studyterm_harness.py).
 *
 * A record is one type letter, then fields "LEN:BYTES" (LEN decimal, the
 * byte count), then "\n":
 *     S sql params   a statement the learner's code sent; params JSON or ""
 *     A name value   an answer for check.sql, value as JSON
 *     E where text   the learner's code failed; where "file:line" or ""
 *     V text         the versions in use
 * The text comes from a process the learner controls, so it is parsed
 * defensively: a record of an unknown type, a field count that does not
 * match, a length that runs past the data or a missing "\n" ends the
 * parse, which then says how far it got (a killed process may leave half
 * a record). Field bytes are taken as they are (NUL bytes included are
 * cut at the first NUL by the strings made from them).
 *
 * Ownership: struct pyrecords owns all its strings; pyrecords_free
 * releases them and zeroes it. */
#ifndef STUDYTERM_SANDBOX_PYRECORDS_H
#define STUDYTERM_SANDBOX_PYRECORDS_H

#include <stdbool.h>
#include <stddef.h>

struct pyrecord_statement {
	char *sql;    /* trimmed of surrounding white space */
	char *params; /* JSON text, "" for none */
};

struct pyrecord_answer {
	char *name, *json;
};

struct pyrecord_error {
	char *where; /* "queries.py:12", or "" */
	char *text;
};

struct pyrecords {
	struct pyrecord_statement *statements;
	size_t n_statements, cap_statements;
	struct pyrecord_answer *answers;
	size_t n_answers, cap_answers;
	struct pyrecord_error *errors;
	size_t n_errors, cap_errors;
	char *versions; /* the last V record, or NULL */
	bool damaged;   /* the data ended inside a record or held a bad one */
	size_t parsed;  /* bytes read as whole records */
};

/* Parses len bytes of records into r (zeroed first). Never fails: what
 * cannot be read is left out and r->damaged set. */
void pyrecords_parse(const char *data, size_t len, struct pyrecords *r);
void pyrecords_free(struct pyrecords *r);

#endif
