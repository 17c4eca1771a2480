/* highlight_sql: the SQL lexer, one lexer for the SQLite, PostgreSQL and
 * MySQL snippets of the course.
 *
 * Keywords are matched ignoring case. Quoted identifiers ("name",
 * `name`) are skipped unstyled, so that a column called "order" is not
 * shown as a keyword; parameters (:name, ?, ?1, $1, @name) are variables;
 * PostgreSQL dollar-quoted bodies ($$ ... $$) are strings. */
#include <string.h>

#include "md/highlight_lexers.h"

/* Lower case, sorted (fold_case tables compare lowered text). */
static const char *const md_hl_sql_keyword_list[] = {
    "abort",        "action",       "add",          "after",
    "all",          "alter",        "analyze",      "and",
    "as",           "asc",          "attach",       "autoincrement",
    "before",       "begin",        "between",      "by",
    "cascade",      "case",         "cast",         "check",
    "collate",      "column",       "commit",       "concurrently",
    "conflict",     "constraint",   "create",       "cross",
    "current",      "current_date", "current_time", "current_timestamp",
    "database",     "declare",      "default",      "deferrable",
    "deferred",     "delete",       "desc",         "detach",
    "distinct",     "do",           "drop",         "each",
    "else",         "end",          "escape",       "except",
    "exclusive",    "exists",       "explain",      "extension",
    "fail",         "false",        "fetch",        "filter",
    "first",        "following",    "for",          "foreign",
    "from",         "full",         "function",     "glob",
    "grant",        "group",        "groups",       "having",
    "if",           "ignore",       "ilike",        "immediate",
    "in",           "index",        "indexed",      "initially",
    "inner",        "insert",       "instead",      "intersect",
    "into",         "is",           "isnull",       "join",
    "key",          "language",     "last",         "lateral",
    "left",         "like",         "limit",        "match",
    "materialized", "natural",      "next",         "no",
    "not",          "nothing",      "notnull",      "null",
    "nulls",        "of",           "offset",       "on",
    "only",         "or",           "order",        "outer",
    "over",         "partition",    "plan",         "pragma",
    "preceding",    "primary",      "procedure",    "query",
    "raise",        "range",        "recursive",    "references",
    "regexp",       "reindex",      "release",      "rename",
    "replace",      "restrict",     "returning",    "returns",
    "revoke",       "right",        "rollback",     "row",
    "rows",         "savepoint",    "schema",       "select",
    "sequence",     "set",          "similar",      "table",
    "temp",         "temporary",    "then",         "ties",
    "to",           "transaction",  "trigger",      "true",
    "truncate",     "unbounded",    "union",        "unique",
    "unknown",      "update",       "using",        "vacuum",
    "values",       "view",         "virtual",      "when",
    "where",        "window",       "with",         "without",
};

static const char *const md_hl_sql_type_list[] = {
    "bigint",    "bigserial", "blob",        "bool",     "boolean", "bytea",    "char",
    "character", "clob",      "date",        "datetime", "decimal", "double",   "float",
    "int",       "integer",   "interval",    "json",     "jsonb",   "money",    "nchar",
    "numeric",   "nvarchar",  "precision",   "real",     "serial",  "smallint", "text",
    "time",      "timestamp", "timestamptz", "tinyint",  "uuid",    "varchar",
};

/* Styled only when called: count, min or max are common column names. */
static const char *const md_hl_sql_function_list[] = {
    "abs",          "array_agg",   "avg",          "char_length", "coalesce",
    "concat",       "count",       "date_trunc",   "dense_rank",  "extract",
    "first_value",  "greatest",    "group_concat", "ifnull",      "instr",
    "json_extract", "json_object", "julianday",    "lag",         "last_insert_rowid",
    "last_value",   "lead",        "least",        "left",        "length",
    "lower",        "ltrim",       "max",          "min",         "now",
    "ntile",        "nullif",      "position",     "printf",      "random",
    "rank",         "replace",     "right",        "round",       "row_number",
    "rtrim",        "strftime",    "string_agg",   "substr",      "substring",
    "sum",          "to_char",     "total",        "trim",        "typeof",
    "upper",
};

const struct md_hl_words md_hl_sql_keywords = MD_HL_WORDS(md_hl_sql_keyword_list, true);
const struct md_hl_words md_hl_sql_types = MD_HL_WORDS(md_hl_sql_type_list, true);
const struct md_hl_words md_hl_sql_functions = MD_HL_WORDS(md_hl_sql_function_list, true);

/* Longest $tag$ looked for: bounds the cost of searching for the closing
 * tag at every '$' of the body, keeping the lexer linear. */
#define MD_HL_SQL_MAX_TAG 64

/* ---- literals --------------------------------------------------------- */

/* 'it''s': a doubled quote stays inside. Runs to the end when unterminated.
 * Also skips "quoted" and `quoted` identifiers, which escape the same way. */
static size_t md_hl_sql_quoted_end(const char *s, size_t i, size_t len)
{
	char q = s[i];
	size_t j = i + 1;
	while (j < len) {
		const char *hit = memchr(s + j, q, len - j);
		if (!hit)
			return len;
		j = (size_t)(hit - s) + 1;
		if (j < len && s[j] == q)
			j++;
		else
			return j;
	}
	return len;
}

static size_t md_hl_sql_digits_end(const char *s, size_t j, size_t len)
{
	while (j < len && md_hl_is_digit(md_hl_at(s, j)))
		j++;
	return j;
}

static size_t md_hl_sql_number_end(const char *s, size_t i, size_t len)
{
	if (s[i] == '0' && len - i >= 3 && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
	    md_hl_is_hex_digit(md_hl_at(s, i + 2))) {
		size_t j = i + 2;
		while (j < len && md_hl_is_hex_digit(md_hl_at(s, j)))
			j++;
		return j;
	}
	size_t j = md_hl_sql_digits_end(s, i, len);
	if (j < len && s[j] == '.')
		j = md_hl_sql_digits_end(s, j + 1, len);
	if (j < len && (s[j] == 'e' || s[j] == 'E')) {
		size_t k = j + 1;
		if (k < len && (s[k] == '+' || s[k] == '-'))
			k++;
		if (k < len && md_hl_is_digit(md_hl_at(s, k)))
			j = md_hl_sql_digits_end(s, k, len);
	}
	return j;
}

/* Length of a dollar-quote opener ($$ or $tag$) at i, or 0. */
static size_t md_hl_sql_dollar_tag_len(const char *s, size_t i, size_t len)
{
	size_t j = i + 1;
	if (j < len && md_hl_is_digit(md_hl_at(s, j)))
		return 0;
	while (j < len && j - i <= MD_HL_SQL_MAX_TAG && md_hl_at(s, j) < 0x80 &&
	       md_hl_is_ident_char(md_hl_at(s, j)))
		j++;
	return j < len && s[j] == '$' ? j + 1 - i : 0;
}

static size_t md_hl_sql_dollar_string_end(const char *s, size_t i, size_t tag_len, size_t len)
{
	return md_hl_find_past(s, i + tag_len, len, s + i, tag_len);
}

/* ---- words ------------------------------------------------------------ */

/* Identifiers may contain '$' (PostgreSQL, MySQL). */
static size_t md_hl_sql_word_end(const char *s, size_t i, size_t len)
{
	while (i < len && (md_hl_is_ident_char(md_hl_at(s, i)) || s[i] == '$'))
		i++;
	return i;
}

static enum md_style md_hl_sql_word_style(const char *s, size_t i, size_t end, size_t len)
{
	const char *w = s + i;
	size_t n = end - i;

	/* t.order or t.date names a column, whatever it is spelled like. */
	if (i > 0 && s[i - 1] == '.')
		return MD_STYLE_TEXT;
	size_t next = md_hl_skip_blanks(s, end, len);
	if (next < len && s[next] == '(' && md_hl_words_has(&md_hl_sql_functions, w, n))
		return MD_STYLE_BUILTIN;
	if (md_hl_words_has(&md_hl_sql_keywords, w, n))
		return MD_STYLE_KEYWORD;
	if (md_hl_words_has(&md_hl_sql_types, w, n))
		return MD_STYLE_BUILTIN;
	return MD_STYLE_TEXT;
}

/* ---- driver ----------------------------------------------------------- */

/* ':name' is a parameter, but '::' is a PostgreSQL cast. */
static bool md_hl_sql_colon_param(const char *s, size_t i, size_t len)
{
	return len - i >= 2 && md_hl_is_ident_start(md_hl_at(s, i + 1)) &&
	       (i == 0 || s[i - 1] != ':');
}

/* Styles one token at i and returns its end (always > i). */
static size_t md_hl_sql_token(const char *s, size_t i, size_t len, struct md_hl_spans *out)
{
	unsigned char c = md_hl_at(s, i);
	unsigned char next = len - i >= 2 ? md_hl_at(s, i + 1) : 0;
	size_t end = i + 1;
	enum md_style style = MD_STYLE_TEXT;

	if (c == '-' && next == '-') {
		end = md_hl_line_end(s, i, len);
		style = MD_STYLE_COMMENT;
	} else if (c == '/' && next == '*') {
		end = md_hl_find_past(s, i + 2, len, "*/", 2);
		style = MD_STYLE_COMMENT;
	} else if (c == '\'') {
		end = md_hl_sql_quoted_end(s, i, len);
		style = MD_STYLE_STRING;
	} else if (c == '"' || c == '`') {
		end = md_hl_sql_quoted_end(s, i, len);
	} else if (md_hl_is_digit(c) || (c == '.' && md_hl_is_digit(next))) {
		end = md_hl_sql_number_end(s, i, len);
		style = MD_STYLE_NUMBER;
	} else if (md_hl_is_ident_start(c)) {
		end = md_hl_sql_word_end(s, i, len);
		style = md_hl_sql_word_style(s, i, end, len);
	} else if (c == '?') {
		end = md_hl_sql_digits_end(s, i + 1, len);
		style = MD_STYLE_VARIABLE;
	} else if ((c == ':' && md_hl_sql_colon_param(s, i, len)) ||
	           (c == '@' && md_hl_is_ident_start(next))) {
		end = md_hl_sql_word_end(s, i + 1, len);
		style = MD_STYLE_VARIABLE;
	} else if (c == '$' && md_hl_is_digit(next)) {
		end = md_hl_sql_digits_end(s, i + 1, len);
		style = MD_STYLE_VARIABLE;
	} else if (c == '$') {
		size_t tag_len = md_hl_sql_dollar_tag_len(s, i, len);
		if (tag_len > 0) {
			end = md_hl_sql_dollar_string_end(s, i, tag_len, len);
			style = MD_STYLE_STRING;
		} else if (md_hl_is_ident_start(next)) {
			end = md_hl_sql_word_end(s, i + 1, len);
			style = MD_STYLE_VARIABLE;
		}
	}
	if (style != MD_STYLE_TEXT)
		md_hl_emit(out, i, end, style);
	return end;
}

void md_hl_lex_sql(const char *s, size_t len, struct md_hl_spans *out)
{
	size_t i = 0;
	while (i < len)
		i = md_hl_sql_token(s, i, len, out);
}
