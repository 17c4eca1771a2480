/* highlight_shell: the bash lexer and the console (shell session) lexer
 * built on it.
 *
 * Bash is lexed word by word, because that is how the shell itself decides
 * what things are: '#' starts a comment only at the start of a word, and
 * `if` or `echo` are keywords or commands only in command position (so
 * `echo done` shows no keyword). Inside double quotes, expansions ($VAR,
 * ${...}, $(...), `...`) cut the string span. Expansions with nesting are
 * skipped with a small explicit stack rather than recursion, so hostile
 * input cannot exhaust the C stack. */
#include <string.h>

#include "md/highlight_lexers.h"

static const char *const md_hl_sh_keyword_list[] = {
    "case",     "coproc", "do",    "done",   "elif",   "else", "esac", "export", "fi",    "for",
    "function", "if",     "local", "return", "select", "then", "time", "until",  "while",
};

/* Shell builtins and the commands the course runs most. */
static const char *const md_hl_sh_builtin_list[] = {
    "alias",   "apt",     "apt-get", "awk",      "bg",       "break",  "builtin", "cat",
    "cd",      "chmod",   "chown",   "command",  "continue", "cp",     "curl",    "cut",
    "declare", "diff",    "docker",  "echo",     "eval",     "exec",   "exit",    "false",
    "fg",      "find",    "getopts", "git",      "grep",     "gzip",   "hash",    "head",
    "jobs",    "kill",    "less",    "let",      "ln",       "ls",     "make",    "mkdir",
    "mv",      "npm",     "pip",     "pip3",     "popd",     "printf", "pushd",   "pwd",
    "python",  "python3", "read",    "readonly", "rm",       "rmdir",  "sed",     "set",
    "shift",   "shopt",   "sort",    "source",   "sqlite3",  "ssh",    "sudo",    "tail",
    "tar",     "tee",     "test",    "touch",    "tr",       "trap",   "true",    "type",
    "typeset", "ulimit",  "umask",   "unalias",  "uniq",     "unset",  "wait",    "wc",
    "wget",    "xargs",
};

const struct md_hl_words md_hl_shell_keywords = MD_HL_WORDS(md_hl_sh_keyword_list, false);
const struct md_hl_words md_hl_shell_builtins = MD_HL_WORDS(md_hl_sh_builtin_list, false);

/* Where `in` is a keyword: `for NAME in`, `case WORD in`. */
enum md_hl_sh_list {
	MD_HL_SH_LIST_NONE,
	MD_HL_SH_LIST_NAME, /* after for/case/select: the next word is the name */
	MD_HL_SH_LIST_IN,   /* after the name: `in` may follow */
};

/* Longest here-document delimiter remembered. */
#define MD_HL_SH_MAX_DELIM 64

struct md_hl_sh {
	const char *s;
	size_t end;
	size_t i;
	struct md_hl_spans *out;
	bool cmd_pos;   /* the next word is a command name */
	bool func_name; /* the next word follows `function` */
	enum md_hl_sh_list list;
	/* A `<<DELIM` seen on this line: its body starts on the next line. */
	bool heredoc;
	bool heredoc_tabs; /* <<- strips leading tabs before the delimiter */
	size_t heredoc_delim;
	size_t heredoc_len;
};

static bool md_hl_sh_is_meta(unsigned char c)
{
	return md_hl_in_set(c, ";&|()<>");
}

static bool md_hl_sh_is_name_char(unsigned char c)
{
	return c < 0x80 && md_hl_is_ident_char(c);
}

static size_t md_hl_sh_skip_escape(size_t j, size_t end)
{
	return end - j >= 2 ? j + 2 : end;
}

/* ---- nested expansions ------------------------------------------------ */

enum md_hl_sh_ctx {
	MD_HL_SH_PAREN,    /* $( ... ) or a ( inside it */
	MD_HL_SH_BRACE,    /* ${ ... } */
	MD_HL_SH_DQUOTE,   /* " ... " inside one of the others */
	MD_HL_SH_BACKTICK, /* ` ... ` */
};

/* Deeper nesting than this is treated as running to the end. */
#define MD_HL_SH_MAX_NEST 64

static size_t md_hl_sh_single_quote_end(const char *s, size_t quote, size_t end)
{
	const char *hit = quote + 1 < end ? memchr(s + quote + 1, '\'', end - quote - 1) : NULL;
	return hit ? (size_t)(hit - s) + 1 : end;
}

/* The context a byte opens inside top, if any; *len is the opener length. */
static bool md_hl_sh_opens(enum md_hl_sh_ctx top, unsigned char c, unsigned char next,
                           enum md_hl_sh_ctx *ctx, size_t *len)
{
	*len = 1;
	if (c == '$' && (next == '(' || next == '{')) {
		*ctx = next == '(' ? MD_HL_SH_PAREN : MD_HL_SH_BRACE;
		*len = 2;
		return true;
	}
	if (c == '`') {
		*ctx = MD_HL_SH_BACKTICK;
		return true;
	}
	if (top == MD_HL_SH_DQUOTE)
		return false;
	if (c == '"') {
		*ctx = MD_HL_SH_DQUOTE;
		return true;
	}
	if (c == '(' && top == MD_HL_SH_PAREN) {
		*ctx = MD_HL_SH_PAREN;
		return true;
	}
	return false;
}

static bool md_hl_sh_closes(enum md_hl_sh_ctx top, unsigned char c)
{
	switch (top) {
	case MD_HL_SH_PAREN: return c == ')';
	case MD_HL_SH_BRACE: return c == '}';
	case MD_HL_SH_DQUOTE: return c == '"';
	case MD_HL_SH_BACKTICK: return c == '`';
	}
	return false;
}

/* End of an expansion whose opener (of kind first) ends just before j:
 * just past its matching closer, or end when unterminated. */
static size_t md_hl_sh_nested_end(const char *s, size_t j, size_t end, enum md_hl_sh_ctx first)
{
	enum md_hl_sh_ctx stack[MD_HL_SH_MAX_NEST];
	size_t depth = 0;
	stack[depth++] = first;

	while (j < end) {
		enum md_hl_sh_ctx top = stack[depth - 1];
		unsigned char c = md_hl_at(s, j);
		unsigned char next = end - j >= 2 ? md_hl_at(s, j + 1) : 0;
		enum md_hl_sh_ctx ctx;
		size_t len;

		if (c == '\\') {
			j = md_hl_sh_skip_escape(j, end);
		} else if (top == MD_HL_SH_BACKTICK && c != '`') {
			j++;
		} else if (md_hl_sh_closes(top, c)) {
			j++;
			if (--depth == 0)
				return j;
		} else if (md_hl_sh_opens(top, c, next, &ctx, &len)) {
			if (depth == MD_HL_SH_MAX_NEST)
				return end;
			stack[depth++] = ctx;
			j += len;
		} else if (c == '\'' && top != MD_HL_SH_DQUOTE) {
			j = md_hl_sh_single_quote_end(s, j, end);
		} else {
			j++;
		}
	}
	return end;
}

/* ---- quoting and expansions ------------------------------------------- */

/* $'...' (ANSI-C quoting): backslash escapes a quote. */
static size_t md_hl_sh_ansi_c_end(const char *s, size_t quote, size_t end)
{
	size_t j = quote + 1;
	while (j < end) {
		if (s[j] == '\\')
			j = md_hl_sh_skip_escape(j, end);
		else if (s[j++] == '\'')
			return j;
	}
	return end;
}

/* The expansion starting with the '$' at i: returns its end and sets
 * *style to VARIABLE, to STRING for $'...' (not recognised inside double
 * quotes), or to TEXT for a literal '$' (end i + 1). */
static size_t md_hl_sh_dollar_end(const char *s, size_t i, size_t end, bool in_dquote,
                                  enum md_style *style)
{
	unsigned char c = end - i >= 2 ? md_hl_at(s, i + 1) : 0;
	*style = MD_STYLE_VARIABLE;
	if (c == '{')
		return md_hl_sh_nested_end(s, i + 2, end, MD_HL_SH_BRACE);
	if (c == '(')
		return md_hl_sh_nested_end(s, i + 2, end, MD_HL_SH_PAREN);
	if (md_hl_sh_is_name_char(c) && !md_hl_is_digit(c)) {
		size_t j = i + 1;
		while (j < end && md_hl_sh_is_name_char(md_hl_at(s, j)))
			j++;
		return j;
	}
	if (md_hl_is_digit(c) || md_hl_in_set(c, "@*#?$!-"))
		return i + 2;
	if (c == '\'' && !in_dquote) {
		*style = MD_STYLE_STRING;
		return md_hl_sh_ansi_c_end(s, i + 1, end);
	}
	*style = MD_STYLE_TEXT;
	return i + 1;
}

/* A double-quoted string whose span starts at start (the '$' of $"...")
 * and whose quote is at quote. Returns its end. */
static size_t md_hl_sh_dquote(struct md_hl_sh *sh, size_t start, size_t quote)
{
	const char *s = sh->s;
	size_t seg = start;
	size_t j = quote + 1;

	while (j < sh->end) {
		unsigned char c = md_hl_at(s, j);
		if (c == '"') {
			md_hl_emit(sh->out, seg, j + 1, MD_STYLE_STRING);
			return j + 1;
		}
		if (c == '\\') {
			j = md_hl_sh_skip_escape(j, sh->end);
			continue;
		}
		enum md_style style = MD_STYLE_TEXT;
		size_t k = j + 1;
		if (c == '$')
			k = md_hl_sh_dollar_end(s, j, sh->end, true, &style);
		if (c == '`') {
			k = md_hl_sh_nested_end(s, j + 1, sh->end, MD_HL_SH_BACKTICK);
			style = MD_STYLE_VARIABLE;
		}
		if (style == MD_STYLE_VARIABLE) {
			md_hl_emit(sh->out, seg, j, MD_STYLE_STRING);
			md_hl_emit(sh->out, j, k, MD_STYLE_VARIABLE);
			seg = k;
		}
		j = k;
	}
	md_hl_emit(sh->out, seg, sh->end, MD_STYLE_STRING);
	return sh->end;
}

/* ---- here-documents --------------------------------------------------- */

/* After `<<` or `<<-` (at i): remembers the delimiter word so that the
 * body can be styled as a string from the next line on. */
static void md_hl_sh_heredoc_start(struct md_hl_sh *sh)
{
	const char *s = sh->s;
	size_t j = sh->i;
	sh->heredoc_tabs = j < sh->end && s[j] == '-';
	if (sh->heredoc_tabs)
		j++;
	j = md_hl_skip_blanks(s, j, sh->end);
	if (j < sh->end && s[j] == '\\')
		j++;

	size_t delim = j, delim_end;
	if (j < sh->end && (s[j] == '\'' || s[j] == '"')) {
		delim = j + 1;
		delim_end = delim;
		while (delim_end < sh->end && s[delim_end] != s[j] && s[delim_end] != '\n')
			delim_end++;
		j = delim_end < sh->end && s[delim_end] == s[j] ? delim_end + 1 : delim_end;
	} else {
		while (j < sh->end && !md_hl_is_blank(md_hl_at(s, j)) && s[j] != '\n' &&
		       !md_hl_sh_is_meta(md_hl_at(s, j)))
			j++;
		delim_end = j;
	}
	sh->i = j;
	/* Delimiters are words (EOF, SQL, END): `1 << 2` is not one. */
	sh->heredoc = delim_end > delim && delim_end - delim <= MD_HL_SH_MAX_DELIM &&
	              md_hl_is_ident_start(md_hl_at(s, delim));
	sh->heredoc_delim = delim;
	sh->heredoc_len = delim_end - delim;
}

static bool md_hl_sh_is_delim_line(const struct md_hl_sh *sh, size_t ls, size_t le)
{
	if (sh->heredoc_tabs) {
		while (ls < le && sh->s[ls] == '\t')
			ls++;
	}
	if (le > ls && sh->s[le - 1] == '\r')
		le--;
	return le - ls == sh->heredoc_len &&
	       memcmp(sh->s + ls, sh->s + sh->heredoc_delim, le - ls) == 0;
}

/* At the newline ending the line with `<<DELIM`: styles the body and its
 * closing delimiter line as one string. */
static void md_hl_sh_heredoc_body(struct md_hl_sh *sh)
{
	size_t body = sh->i + 1;
	size_t ls = body;
	size_t le = md_hl_line_end(sh->s, ls, sh->end);
	while (!md_hl_sh_is_delim_line(sh, ls, le) && le < sh->end) {
		ls = le + 1;
		le = md_hl_line_end(sh->s, ls, sh->end);
	}
	md_hl_emit(sh->out, body, le, MD_STYLE_STRING);
	sh->i = le;
	sh->heredoc = false;
}

/* ---- words ------------------------------------------------------------ */

static bool md_hl_sh_word_is(const char *w, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

/* NAME=value or NAME+=value: a command may still follow. */
static bool md_hl_sh_is_assignment(const char *w, size_t n)
{
	size_t k = 0;
	if (n == 0 || md_hl_is_digit(md_hl_at(w, 0)))
		return false;
	while (k < n && md_hl_sh_is_name_char(md_hl_at(w, k)))
		k++;
	if (k > 0 && k < n && w[k] == '+')
		k++;
	return k > 0 && k < n && w[k] == '=';
}

/* `name()` or `name ()` in command position defines a function. */
static bool md_hl_sh_defines_function(const struct md_hl_sh *sh, size_t after)
{
	size_t j = md_hl_skip_blanks(sh->s, after, sh->end);
	if (j >= sh->end || sh->s[j] != '(')
		return false;
	j = md_hl_skip_blanks(sh->s, j + 1, sh->end);
	return j < sh->end && sh->s[j] == ')';
}

static void md_hl_sh_after_keyword(struct md_hl_sh *sh, const char *w, size_t n)
{
	sh->cmd_pos = false;
	if (md_hl_sh_word_is(w, n, "for") || md_hl_sh_word_is(w, n, "case") ||
	    md_hl_sh_word_is(w, n, "select"))
		sh->list = MD_HL_SH_LIST_NAME;
	else if (md_hl_sh_word_is(w, n, "function"))
		sh->func_name = true;
	else if (!md_hl_sh_word_is(w, n, "fi") && !md_hl_sh_word_is(w, n, "done") &&
	         !md_hl_sh_word_is(w, n, "esac") && !md_hl_sh_word_is(w, n, "export") &&
	         !md_hl_sh_word_is(w, n, "local") && !md_hl_sh_word_is(w, n, "return"))
		sh->cmd_pos = true; /* if, then, do, while, ...: a command follows */
}

/* Styles the finished word [start, end); plain words have no quoting or
 * expansions, so they alone can be keywords or command names. */
static void md_hl_sh_classify(struct md_hl_sh *sh, size_t start, size_t end, bool plain)
{
	const char *w = sh->s + start;
	size_t n = end - start;

	if (sh->func_name) {
		if (plain)
			md_hl_emit(sh->out, start, end, MD_STYLE_FUNCTION);
		sh->func_name = sh->cmd_pos = false;
	} else if (sh->list == MD_HL_SH_LIST_NAME) {
		sh->list = MD_HL_SH_LIST_IN;
	} else if (sh->list == MD_HL_SH_LIST_IN && plain && md_hl_sh_word_is(w, n, "in")) {
		md_hl_emit(sh->out, start, end, MD_STYLE_KEYWORD);
		sh->list = MD_HL_SH_LIST_NONE;
	} else if (!sh->cmd_pos || !plain) {
		sh->list = MD_HL_SH_LIST_NONE;
		sh->cmd_pos = false;
	} else if (md_hl_sh_is_assignment(w, n)) {
		/* FOO=bar cmd: still in command position */
	} else if (md_hl_words_has(&md_hl_shell_keywords, w, n)) {
		md_hl_emit(sh->out, start, end, MD_STYLE_KEYWORD);
		md_hl_sh_after_keyword(sh, w, n);
	} else if (md_hl_sh_word_is(w, n, "{") || md_hl_sh_word_is(w, n, "!")) {
		/* group or negation: a command follows */
	} else {
		if (md_hl_words_has(&md_hl_shell_builtins, w, n))
			md_hl_emit(sh->out, start, end, MD_STYLE_BUILTIN);
		else if (md_hl_sh_defines_function(sh, end))
			md_hl_emit(sh->out, start, end, MD_STYLE_FUNCTION);
		sh->cmd_pos = false;
	}
}

static void md_hl_sh_word(struct md_hl_sh *sh)
{
	const char *s = sh->s;
	size_t start = sh->i, j = start;
	bool plain = true;

	while (j < sh->end) {
		unsigned char c = md_hl_at(s, j);
		unsigned char next = sh->end - j >= 2 ? md_hl_at(s, j + 1) : 0;
		if (md_hl_is_blank(c) || c == '\n' || md_hl_sh_is_meta(c))
			break;
		if (c == '\\') {
			j = md_hl_sh_skip_escape(j, sh->end);
		} else if (c == '\'') {
			size_t k = md_hl_sh_single_quote_end(s, j, sh->end);
			md_hl_emit(sh->out, j, k, MD_STYLE_STRING);
			j = k;
		} else if (c == '"' || (c == '$' && next == '"')) {
			j = md_hl_sh_dquote(sh, j, c == '"' ? j : j + 1);
		} else if (c == '$') {
			enum md_style style;
			size_t k = md_hl_sh_dollar_end(s, j, sh->end, false, &style);
			if (style != MD_STYLE_TEXT)
				md_hl_emit(sh->out, j, k, style);
			j = k;
		} else if (c == '`') {
			size_t k = md_hl_sh_nested_end(s, j + 1, sh->end, MD_HL_SH_BACKTICK);
			md_hl_emit(sh->out, j, k, MD_STYLE_VARIABLE);
			j = k;
		} else {
			j++;
			continue;
		}
		plain = false;
	}
	sh->i = j;
	md_hl_sh_classify(sh, start, j, plain);
}

/* ---- operators -------------------------------------------------------- */

/* Redirections (<, >>, 2>&1, &>, <<EOF) leave the command position alone;
 * ; & | ( ) start a new command. An arithmetic command (( ... )) is
 * skipped whole, so that its `x << 2` does not open a here-document. */
static void md_hl_sh_operator(struct md_hl_sh *sh)
{
	const char *s = sh->s;
	unsigned char c = md_hl_at(s, sh->i);
	size_t rest = sh->end - sh->i;
	unsigned char next = rest >= 2 ? md_hl_at(s, sh->i + 1) : 0;
	bool redirect = c == '<' || c == '>' || (c == '&' && next == '>');

	if (c == '(' && next == '(') {
		sh->i = md_hl_sh_nested_end(s, sh->i + 1, sh->end, MD_HL_SH_PAREN);
		sh->cmd_pos = false;
		sh->list = MD_HL_SH_LIST_NONE;
		return;
	}
	if (c == '<' && next == '<' && (rest == 2 || s[sh->i + 2] != '<')) {
		sh->i += 2;
		md_hl_sh_heredoc_start(sh);
		return;
	}
	sh->i++;
	if (!redirect) {
		sh->cmd_pos = true;
		sh->list = MD_HL_SH_LIST_NONE;
		return;
	}
	while (sh->i < sh->end && md_hl_in_set(md_hl_at(s, sh->i), "<>&|-"))
		sh->i++;
}

/* ---- bash driver ------------------------------------------------------ */

static void md_hl_sh_newline(struct md_hl_sh *sh)
{
	if (sh->heredoc)
		md_hl_sh_heredoc_body(sh);
	else
		sh->i++;
	sh->cmd_pos = true;
	sh->func_name = false;
	sh->list = MD_HL_SH_LIST_NONE;
}

void md_hl_lex_bash(const char *s, size_t start, size_t end, struct md_hl_spans *out)
{
	struct md_hl_sh sh = {
	    .s = s,
	    .end = end,
	    .i = start,
	    .out = out,
	    .cmd_pos = true,
	};
	while (sh.i < end) {
		unsigned char c = md_hl_at(s, sh.i);
		if (c == '\n') {
			md_hl_sh_newline(&sh);
		} else if (md_hl_is_blank(c)) {
			sh.i = md_hl_skip_blanks(s, sh.i, end);
		} else if (c == '#') {
			size_t eol = md_hl_line_end(s, sh.i, end);
			md_hl_emit(out, sh.i, eol, MD_STYLE_COMMENT);
			sh.i = eol;
		} else if (md_hl_sh_is_meta(c)) {
			md_hl_sh_operator(&sh);
		} else {
			md_hl_sh_word(&sh);
		}
	}
}

/* ---- console ---------------------------------------------------------- */

/* Length of a "$ ", "# " or "(venv) $ " prompt at the start of the line
 * [ls, le), or 0. A bare "$" ending the line is an empty command. */
static size_t md_hl_console_prompt_len(const char *s, size_t ls, size_t le)
{
	size_t j = ls;
	if (j < le && s[j] == '(') {
		const char *close = memchr(s + j, ')', le - j);
		if (!close)
			return 0;
		j = (size_t)(close - s) + 1;
		if (j >= le || s[j] != ' ')
			return 0;
		j++;
	}
	if (j >= le || (s[j] != '$' && s[j] != '#'))
		return 0;
	if (j + 1 == le || s[j + 1] == '\r')
		return j + 1 - ls;
	return s[j + 1] == ' ' ? j + 2 - ls : 0;
}

/* Whether the line ending at le ends in an unescaped backslash. */
static bool md_hl_console_continues(const char *s, size_t ls, size_t le)
{
	if (le > ls && s[le - 1] == '\r')
		le--;
	size_t backslashes = 0;
	while (le > ls && s[le - 1] == '\\') {
		le--;
		backslashes++;
	}
	return backslashes % 2 == 1;
}

void md_hl_lex_console(const char *s, size_t len, struct md_hl_spans *out)
{
	size_t ls = 0;
	while (ls < len) {
		size_t le = md_hl_line_end(s, ls, len);
		size_t prompt = md_hl_console_prompt_len(s, ls, le);
		if (prompt > 0) {
			md_hl_emit(out, ls, ls + prompt, MD_STYLE_PROMPT);
			size_t cmd_end = le;
			size_t cont_ls = ls + prompt;
			while (cmd_end < len && md_hl_console_continues(s, cont_ls, cmd_end)) {
				cont_ls = cmd_end + 1;
				cmd_end = md_hl_line_end(s, cont_ls, len);
			}
			md_hl_lex_bash(s, ls + prompt, cmd_end, out);
			le = cmd_end;
		} else {
			md_hl_emit(out, ls, le, MD_STYLE_OUTPUT);
		}
		ls = le + 1;
	}
}
