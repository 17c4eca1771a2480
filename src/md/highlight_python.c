/* highlight_python: the Python lexer, including interactive sessions.
 *
 * One pass over the block, token by token. A line that starts with ">>>"
 * outside a string cannot be Python, so it marks an interactive session
 * (pycon): the block is then lexed again with ">>> " and "... " opening
 * code lines and every other line taken as output. Doctests inside a
 * docstring stay part of the string. */
#include <stdlib.h>
#include <string.h>

#include "md/highlight_lexers.h"

static const char *const md_hl_py_keyword_list[] = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",
};

static const char *const md_hl_py_builtin_list[] = {
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "Ellipsis",
    "Exception",
    "FileNotFoundError",
    "ImportError",
    "IndexError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "ModuleNotFoundError",
    "NameError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PermissionError",
    "RecursionError",
    "RuntimeError",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SystemExit",
    "TimeoutError",
    "TypeError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "ValueError",
    "ZeroDivisionError",
    "__file__",
    "__import__",
    "__name__",
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
};

const struct md_hl_words md_hl_python_keywords = MD_HL_WORDS(md_hl_py_keyword_list, false);
const struct md_hl_words md_hl_python_builtins = MD_HL_WORDS(md_hl_py_builtin_list, false);

struct md_hl_py {
	const char *s;
	size_t len;
	size_t i;
	struct md_hl_spans *out;
	bool session;     /* pycon: prompts open code lines, the rest is output */
	bool stmt_start;  /* no token yet on this line: decorators, soft keywords */
	bool after_dot;   /* the previous token was '.': an attribute name follows */
	bool expect_name; /* the previous token was def or class */
};

/* ---- sessions --------------------------------------------------------- */

/* Length of a ">>> " or "... " prompt at i (a bare ">>>" ending the line
 * counts too), or 0. */
static size_t md_hl_py_prompt_len(const char *s, size_t i, size_t len)
{
	if (len - i < 3)
		return 0;
	if (memcmp(s + i, ">>>", 3) != 0 && memcmp(s + i, "...", 3) != 0)
		return 0;
	if (i + 3 == len || s[i + 3] == '\n' || s[i + 3] == '\r')
		return 3;
	return s[i + 3] == ' ' ? 4 : 0;
}

/* At the start of a line of a session: style the prompt, or the whole
 * line as output when it has none. */
static void md_hl_py_session_line(struct md_hl_py *py)
{
	size_t prompt = md_hl_py_prompt_len(py->s, py->i, py->len);
	if (prompt > 0) {
		md_hl_emit(py->out, py->i, py->i + prompt, MD_STYLE_PROMPT);
		py->i += prompt;
		return;
	}
	size_t eol = md_hl_line_end(py->s, py->i, py->len);
	md_hl_emit(py->out, py->i, eol, MD_STYLE_OUTPUT);
	py->i = eol;
}

/* ---- strings ---------------------------------------------------------- */

/* r"", b'', f"""...""", rb'' ...: one or two prefix letters. Pairs that
 * Python rejects (bf'') are accepted too; that only colours bad code. */
static bool md_hl_py_is_string_prefix(const char *w, size_t n)
{
	if (n == 0 || n > 2)
		return false;
	for (size_t k = 0; k < n; k++) {
		if (!md_hl_in_set((unsigned char)w[k], "rRbBuUfFtT"))
			return false;
	}
	return true;
}

/* In a session, a triple-quoted string continues on "... " lines: the
 * prompt cuts the string span in two. Returns where the string resumes. */
static size_t md_hl_py_string_prompt(struct md_hl_py *py, size_t *seg, size_t nl)
{
	size_t line = nl + 1;
	size_t prompt = md_hl_py_prompt_len(py->s, line, py->len);
	if (prompt == 0)
		return line;
	md_hl_emit(py->out, *seg, line, MD_STYLE_STRING);
	md_hl_emit(py->out, line, line + prompt, MD_STYLE_PROMPT);
	*seg = line + prompt;
	return line + prompt;
}

/* A string whose prefix starts at start and whose quote is at quote. A
 * single-quoted string ends at an unescaped newline when unterminated; a
 * triple-quoted one runs to the end of the block. */
static void md_hl_py_string(struct md_hl_py *py, size_t start, size_t quote)
{
	const char *s = py->s;
	char q = s[quote];
	bool triple = py->len - quote >= 3 && s[quote + 1] == q && s[quote + 2] == q;
	size_t seg = start;
	size_t j = quote + (triple ? 3 : 1);

	while (j < py->len) {
		char c = s[j];
		if (c == '\\') {
			j = py->len - j >= 2 ? j + 2 : py->len;
		} else if (c == q && !triple) {
			j++;
			break;
		} else if (c == q && py->len - j >= 3 && s[j + 1] == q && s[j + 2] == q) {
			j += 3;
			break;
		} else if (c == '\n' && !triple) {
			break;
		} else if (c == '\n' && py->session) {
			j = md_hl_py_string_prompt(py, &seg, j);
		} else {
			j++;
		}
	}
	md_hl_emit(py->out, seg, j, MD_STYLE_STRING);
	py->i = j;
}

/* ---- numbers ---------------------------------------------------------- */

static size_t md_hl_py_skip_digits(const char *s, size_t j, size_t len)
{
	while (j < len && (md_hl_is_digit(md_hl_at(s, j)) || s[j] == '_'))
		j++;
	return j;
}

/* 42, 1_000, 3.14, .5, 1e-3, 0x1F, 0o17, 0b1010, 2j. */
static void md_hl_py_number(struct md_hl_py *py)
{
	const char *s = py->s;
	size_t len = py->len;
	size_t j = py->i;

	if (s[j] == '0' && len - j >= 2 && md_hl_in_set(md_hl_at(s, j + 1), "xXoObB")) {
		j += 2;
		while (j < len && (md_hl_is_hex_digit(md_hl_at(s, j)) || s[j] == '_'))
			j++;
	} else {
		j = md_hl_py_skip_digits(s, j, len);
		if (j < len && s[j] == '.')
			j = md_hl_py_skip_digits(s, j + 1, len);
		if (j < len && (s[j] == 'e' || s[j] == 'E')) {
			size_t k = j + 1;
			if (k < len && (s[k] == '+' || s[k] == '-'))
				k++;
			if (k < len && md_hl_is_digit(md_hl_at(s, k)))
				j = md_hl_py_skip_digits(s, k, len);
		}
		if (j < len && (s[j] == 'j' || s[j] == 'J'))
			j++;
	}
	md_hl_emit(py->out, py->i, j, MD_STYLE_NUMBER);
	py->i = j;
}

/* ---- names ------------------------------------------------------------ */

static bool md_hl_py_word_is(const char *w, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

/* match, case and type are keywords only where a statement starts and
 * something other than an operator follows: `match = re.match(...)` and
 * `type(x)` stay names. */
static bool md_hl_py_soft_keyword(const struct md_hl_py *py, const char *w, size_t n, size_t after)
{
	bool type = md_hl_py_word_is(w, n, "type");
	bool match = md_hl_py_word_is(w, n, "match") || md_hl_py_word_is(w, n, "case");
	if (!py->stmt_start || (!type && !match))
		return false;
	size_t next = md_hl_skip_blanks(py->s, after, py->len);
	if (next == after || next >= py->len)
		return false;
	unsigned char c = md_hl_at(py->s, next);
	if (type)
		return md_hl_is_ident_start(c);
	return !md_hl_in_set(c, "=.,:;)]}\n#+*/%&|^<>!");
}

static void md_hl_py_word(struct md_hl_py *py)
{
	const char *s = py->s;
	size_t start = py->i;
	size_t end = md_hl_skip_ident(s, start, py->len);
	const char *w = s + start;
	size_t n = end - start;

	if (end < py->len && (s[end] == '"' || s[end] == '\'') && md_hl_py_is_string_prefix(w, n)) {
		md_hl_py_string(py, start, end);
		py->stmt_start = py->after_dot = py->expect_name = false;
		return;
	}

	enum md_style style = MD_STYLE_TEXT;
	bool defines = false;
	if (py->expect_name) {
		style = MD_STYLE_FUNCTION;
	} else if (!py->after_dot) {
		if (md_hl_words_has(&md_hl_python_keywords, w, n)) {
			style = MD_STYLE_KEYWORD;
			defines = md_hl_py_word_is(w, n, "def") || md_hl_py_word_is(w, n, "class");
		} else if (md_hl_py_soft_keyword(py, w, n, end)) {
			style = MD_STYLE_KEYWORD;
		} else if (md_hl_words_has(&md_hl_python_builtins, w, n)) {
			style = MD_STYLE_BUILTIN;
		}
	}
	if (style != MD_STYLE_TEXT)
		md_hl_emit(py->out, start, end, style);
	py->i = end;
	py->stmt_start = py->after_dot = false;
	py->expect_name = defines;
}

/* @name or @name.attr.attr at the start of a statement; anywhere else '@'
 * is matrix multiplication. */
static void md_hl_py_decorator(struct md_hl_py *py)
{
	size_t j = md_hl_skip_ident(py->s, py->i + 1, py->len);
	while (py->len - j >= 2 && py->s[j] == '.' && md_hl_is_ident_start(md_hl_at(py->s, j + 1)))
		j = md_hl_skip_ident(py->s, j + 1, py->len);
	md_hl_emit(py->out, py->i, j, MD_STYLE_DECORATOR);
	py->i = j;
	py->stmt_start = false;
}

/* ---- driver ----------------------------------------------------------- */

/* Consumes one token (at least one byte) at py->i. */
static void md_hl_py_token(struct md_hl_py *py)
{
	const char *s = py->s;
	unsigned char c = md_hl_at(s, py->i);
	bool next_digit = py->len - py->i >= 2 && md_hl_is_digit(md_hl_at(s, py->i + 1));

	if (c == '\n') {
		py->i++;
		py->stmt_start = true;
		py->after_dot = py->expect_name = false;
	} else if (md_hl_is_blank(c)) {
		py->i = md_hl_skip_blanks(s, py->i, py->len);
	} else if (c == '#') {
		size_t eol = md_hl_line_end(s, py->i, py->len);
		md_hl_emit(py->out, py->i, eol, MD_STYLE_COMMENT);
		py->i = eol;
	} else if (c == '"' || c == '\'') {
		md_hl_py_string(py, py->i, py->i);
		py->stmt_start = py->after_dot = py->expect_name = false;
	} else if (md_hl_is_digit(c) || (c == '.' && next_digit)) {
		md_hl_py_number(py);
		py->stmt_start = py->after_dot = py->expect_name = false;
	} else if (md_hl_is_ident_start(c)) {
		md_hl_py_word(py);
	} else if (c == '@' && py->stmt_start && py->len - py->i >= 2 &&
	           md_hl_is_ident_start(md_hl_at(s, py->i + 1))) {
		md_hl_py_decorator(py);
	} else {
		py->i++;
		py->after_dot = c == '.';
		py->stmt_start = py->expect_name = false;
	}
}

/* Lexes the block; returns false, having stopped, when a script pass
 * meets a ">>>" prompt and the block must be lexed as a session. */
static bool md_hl_py_run(struct md_hl_py *py)
{
	const char *s = py->s;
	while (py->i < py->len) {
		if (py->i == 0 || s[py->i - 1] == '\n') {
			/* token boundaries are never inside a string */
			if (py->session)
				md_hl_py_session_line(py);
			else if (md_hl_py_prompt_len(s, py->i, py->len) > 0 && s[py->i] == '>')
				return false;
		}
		if (py->i < py->len)
			md_hl_py_token(py);
	}
	return true;
}

/* Moves the spans of from to the end of out and empties from. */
static void md_hl_py_move_spans(struct md_hl_spans *out, struct md_hl_spans *from)
{
	if (out->count == 0) {
		free(out->items);
		*out = *from;
	} else {
		for (size_t k = 0; k < from->count; k++) {
			const struct md_hl_span *sp = &from->items[k];
			md_hl_emit(out, sp->start, sp->end, sp->style);
		}
		free(from->items);
	}
	*from = (struct md_hl_spans){0};
}

void md_hl_lex_python(const char *s, size_t len, struct md_hl_spans *out)
{
	/* Lexed aside first: a session found halfway means starting over. */
	struct md_hl_spans script = {0};
	struct md_hl_py py = {.s = s, .len = len, .out = &script, .stmt_start = true};
	if (md_hl_py_run(&py)) {
		md_hl_py_move_spans(out, &script);
		return;
	}
	free(script.items);

	py = (struct md_hl_py){
	    .s = s,
	    .len = len,
	    .out = out,
	    .session = true,
	    .stmt_start = true,
	};
	md_hl_py_run(&py);
}
