/* question: the question model every bank format parses into and every
 * grader, exporter and view reads.
 *
 * A question owns all its strings (heap copies). Text fields hold Markdown
 * source (inline Markdown for options, answers and pairs; block Markdown
 * for the stem and the explanation) so every front end renders them with
 * md. A bank owns its questions. Parsers report problems as diagnostics in
 * a bank_report (file, line, column, severity, message) instead of
 * stopping at the first, so `studyterm bank check` lists every error.
 *
 * The meaning of `choices` depends on the type:
 *   single, multi, truefalse  the options, in source order; `correct` marks [x]
 *   short                     the accepted answers (alternatives)
 *   order                     the items in their correct order
 *   numeric, match, sql       unused (numbers, pairs, sql instead)
 */
#ifndef STUDYTERM_BANK_QUESTION_H
#define STUDYTERM_BANK_QUESTION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

#define BANK_QTYPES(X)                 \
	X(BANK_SINGLE, "single")       \
	X(BANK_MULTI, "multi")         \
	X(BANK_TRUEFALSE, "truefalse") \
	X(BANK_SHORT, "short")         \
	X(BANK_NUMERIC, "numeric")     \
	X(BANK_ORDER, "order")         \
	X(BANK_MATCH, "match")         \
	X(BANK_SQL, "sql")

enum bank_qtype {
#define BANK_QTYPE_ENUM(name, word) name,
	BANK_QTYPES(BANK_QTYPE_ENUM)
#undef BANK_QTYPE_ENUM
	    BANK_QTYPE_COUNT
};

/* "single", "multi", ...; never NULL for a valid type. */
const char *bank_qtype_name(enum bank_qtype type);
/* Returns true and sets *out when word names a type. */
bool bank_qtype_parse(const char *word, enum bank_qtype *out);

/* Flags a question may carry (written as bare words on its metadata line). */
enum bank_flag {
	BANK_NO_SHUFFLE = 1u << 0,     /* "no-shuffle": options shown in source order */
	BANK_ALL_OR_NOTHING = 1u << 1, /* "all-or-nothing": multi gives no partial credit */
	BANK_CASE_SENSITIVE = 1u << 2, /* "case-sensitive": short answers compare case */
	BANK_ORDERED = 1u << 3,        /* "ordered": sql rows compared in order */
	/* "python-output": the stem's last ```python block prints (or raises)
	 * the keyed answer; `bank check --run` runs it to prove the key. */
	BANK_PYTHON_OUTPUT = 1u << 4,
};

/* The flag written as word (len bytes), or 0 when word is no flag. */
unsigned bank_flag_parse(const char *word, size_t len);
/* Flag words in their fixed order: index 0.. until NULL; *flag is set. */
const char *bank_flag_word(size_t index, unsigned *flag);
/* True when id is a well-formed question id: [a-z0-9][a-z0-9._-]*. */
bool bank_id_valid(const char *id);

/* An option (single/multi/truefalse), an accepted answer (short) or an item
 * (order). */
struct bank_choice {
	char *text;      /* inline Markdown; never NULL */
	bool correct;    /* [x] (single/multi/truefalse); true for every short answer */
	bool has_weight; /* an explicit credit was written: "(50%)" in native, %50% in GIFT */
	double weight;   /* credit as a fraction, -1.0..1.0, meaningful when has_weight */
	char *feedback;  /* Markdown shown when this option is picked, or NULL */
};

/* One accepted numeric answer: any value in [lo, hi] earns `weight`. */
struct bank_number {
	double value;     /* the written value (midpoint for a tolerance form) */
	double tolerance; /* the written tolerance, 0 for exact; unused for ranges */
	bool is_range;    /* written as "lo..hi" rather than "value ± tolerance" */
	double lo, hi;    /* the accepted interval, always filled */
	double weight;    /* 0..1, 1.0 unless a partial credit was written */
	char *feedback;   /* or NULL */
};

/* A pair of a match question: left is shown in order, right shuffled. */
struct bank_pair {
	char *left, *right; /* inline Markdown */
};

struct bank_question {
	char *id;             /* unique in its bank: [a-z0-9][a-z0-9._-]* */
	char *title;          /* the heading text */
	char *section;        /* "5.6"; may be any text in instructor banks */
	int difficulty;       /* 1..3, 0 when not given */
	enum bank_qtype type; /* BANK_QTYPE_COUNT only in a question a parser
	                       * already reported as having no answers */
	unsigned flags;       /* enum bank_flag */
	char *stem;           /* block Markdown; never NULL */
	char *explanation;    /* block Markdown, or NULL */
	struct bank_choice *choices;
	size_t n_choices;
	struct bank_number *numbers;
	size_t n_numbers;
	struct bank_pair *pairs;
	size_t n_pairs;
	char *sql;     /* sql: the reference query */
	char *dataset; /* sql: dataset name under data/sandbox/ (without .sql) */
	int line;      /* 1-based source line of the question's start, 0 if unknown */
};

struct bank {
	char *id;    /* "flask", or an instructor bank's file name without extension */
	char *title; /* the "# " heading, or NULL */
	char *path;  /* the file it came from, or NULL */
	struct bank_question *questions;
	size_t n_questions;
};

/* Releases what q owns and zeroes it. */
void bank_question_clear(struct bank_question *q);
/* Appends a zeroed question to b and returns it (valid until the next append). */
struct bank_question *bank_add_question(struct bank *b);
/* Appends to q's arrays; the returned element is zeroed except as noted. */
struct bank_choice *bank_question_add_choice(struct bank_question *q);
struct bank_number *bank_question_add_number(struct bank_question *q); /* weight = 1.0 */
struct bank_pair *bank_question_add_pair(struct bank_question *q);
/* Releases everything b owns and zeroes it. */
void bank_clear(struct bank *b);
/* Index of the question with this id, or -1. Linear. */
long bank_find(const struct bank *b, const char *id);

/* ---- diagnostics ---- */

enum bank_severity { BANK_ERROR, BANK_WARNING, BANK_SKIPPED };

struct bank_diag {
	enum bank_severity severity; /* SKIPPED: an import could not convert something */
	int line, col;               /* 1-based; 0 when unknown */
	char *message;
};

struct bank_report {
	char *path; /* file the diagnostics are about; owned */
	struct bank_diag *diags;
	size_t n_diags;
	size_t n_errors, n_warnings, n_skipped;
};

void bank_report_init(struct bank_report *r, const char *path);
__attribute__((format(printf, 5, 6))) void bank_report_add(struct bank_report *r,
                                                           enum bank_severity sev, int line,
                                                           int col, const char *fmt, ...);
/* Appends every diagnostic as "path:line:col: error: message\n" (warning:,
 * skipped:) to out. */
void bank_report_format(const struct bank_report *r, struct buf *out);
void bank_report_clear(struct bank_report *r);

/* Checks what every format must satisfy (ids present, well formed and
 * unique; section present; difficulty 1..3 or 0; a type's answers present
 * and consistent: single has exactly one correct option, multi at least
 * one, truefalse two options; short at least one answer; numeric at least
 * one number with lo <= hi; order at least two items; match at least two
 * pairs; sql has a query and a dataset) and the warnings for weak
 * questions (no explanation, duplicate option text, only one option).
 * Errors and warnings go to r with each question's line. Returns the number
 * of errors added. */
size_t bank_validate(const struct bank *b, struct bank_report *r);

/* Makes a valid id from free text ("Applying migrations" -> "applying-migrations"). */
char *bank_slug(const char *text);

#endif
