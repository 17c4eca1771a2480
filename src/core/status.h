/* status: the result codes every fallible function returns, with messages.
 *
 * One X-macro lists each code once with its message, so the enum and the
 * text cannot drift apart. Functions that fail return a status and, where a
 * caller needs more, fill a `struct error` with a detailed message and the
 * file and line that caused it. */
#ifndef STUDYTERM_CORE_STATUS_H
#define STUDYTERM_CORE_STATUS_H

#define STATUS_CODES(X)                       \
	X(ST_OK, "success")                   \
	X(ST_IO, "input/output error")        \
	X(ST_NOT_FOUND, "not found")          \
	X(ST_INVALID, "invalid input")        \
	X(ST_PARSE, "could not parse")        \
	X(ST_DB, "database error")            \
	X(ST_TOO_SMALL, "terminal too small") \
	X(ST_USAGE, "bad command line")

enum status {
#define STATUS_ENUM(name, msg) name,
	STATUS_CODES(STATUS_ENUM)
#undef STATUS_ENUM
};

/* A static string describing st; never NULL. */
const char *status_message(enum status st);

/* Details of a failure: where and why. Fixed size so it can live on the
 * stack; messages longer than the buffer are cut. */
struct error {
	enum status status;
	char where[256]; /* "file:line" or a path; "" when not about a file */
	char message[512];
};

__attribute__((format(printf, 4, 5))) enum status
error_set(struct error *err, enum status st, const char *where, const char *fmt, ...);

#endif
