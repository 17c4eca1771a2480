/* load: one bank file of any format (see load.h). */
#include "bank/load.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "bank/aiken.h"
#include "bank/gift.h"
#include "bank/native.h"
#include "core/paths.h"
#include "core/xalloc.h"

static const char *S_ext(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	return dot && dot != base ? dot : NULL;
}

bool bank_format_of(const char *path, enum bank_format *out)
{
	const char *ext = S_ext(path);
	if (!ext)
		return false;
	if (strcmp(ext, ".md") == 0)
		*out = BANK_FORMAT_NATIVE;
	else if (strcmp(ext, ".gift") == 0)
		*out = BANK_FORMAT_GIFT;
	else if (strcmp(ext, ".txt") == 0)
		*out = BANK_FORMAT_AIKEN;
	else
		return false;
	return true;
}

char *bank_id_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *ext = S_ext(path);
	size_t n = ext ? (size_t)(ext - base) : strlen(base);
	char *id = xstrndup(base, n);
	for (char *p = id; *p; p++) {
		unsigned char c = (unsigned char)tolower((unsigned char)*p);
		*p = (isalnum(c) || c == '.' || c == '_' || c == '-') && c < 0x80 ? (char)c : '-';
	}
	if (!*id) {
		free(id);
		id = xstrdup("bank");
	}
	return id;
}

size_t bank_parse(enum bank_format fmt, const char *text, size_t len, struct bank *out,
                  struct bank_report *rep)
{
	size_t before = rep->n_errors;
	switch (fmt) {
	case BANK_FORMAT_NATIVE: bank_native_parse(text, len, out, rep); break;
	case BANK_FORMAT_GIFT: bank_gift_parse(text, len, out, rep); break;
	case BANK_FORMAT_AIKEN: bank_aiken_parse(text, len, out, rep); break;
	}
	bank_validate(out, rep);
	return rep->n_errors - before;
}

size_t bank_load_file(const char *path, const char *id, struct bank *out, struct bank_report *rep)
{
	bank_report_init(rep, path);
	out->id = id ? xstrdup(id) : bank_id_of(path);
	out->path = xstrdup(path);
	enum bank_format fmt;
	if (!bank_format_of(path, &fmt)) {
		bank_report_add(rep, BANK_ERROR, 0, 0,
		                "unknown bank format: name files .md (studyterm), .gift (Moodle "
		                "GIFT) or .txt (Aiken)");
		return 1;
	}
	char *text;
	size_t len;
	struct error err;
	if (paths_read_file(path, &text, &len, &err) != ST_OK) {
		bank_report_add(rep, BANK_ERROR, 0, 0, "%s", err.message);
		return 1;
	}
	size_t errors = bank_parse(fmt, text, len, out, rep);
	free(text);
	if (out->n_questions == 0 && errors == 0)
		bank_report_add(rep, BANK_WARNING, 0, 0, "no questions in this file");
	return errors;
}

bool bank_is_bank_file(const char *name)
{
	enum bank_format fmt;
	return bank_format_of(name, &fmt);
}
