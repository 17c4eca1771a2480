/* status: messages for status codes (see status.h). */
#include "core/status.h"

#include <stdarg.h>
#include <stdio.h>

const char *status_message(enum status st)
{
	switch (st) {
#define STATUS_CASE(name, msg) \
	case name: return msg;
		STATUS_CODES(STATUS_CASE)
#undef STATUS_CASE
	}
	return "unknown status";
}

enum status error_set(struct error *err, enum status st, const char *where, const char *fmt, ...)
{
	if (!err)
		return st;
	err->status = st;
	snprintf(err->where, sizeof err->where, "%s", where ? where : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return st;
}
