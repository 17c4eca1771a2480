/* test_highlight: unit tests for the syntax-highlighting lexers.
 *
 * Most tests render the spans inline, "[keyword:def] [function:f](x):",
 * and compare with the expected string, so a failure shows the whole
 * picture. Every rendering also checks the output contract (sorted,
 * non-overlapping, non-empty, merged, in range, no split UTF-8 sequence);
 * the random and pathological tests check only the contract and speed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "md/highlight.h"
#include "md/highlight_lexers.h"

static const enum md_lang all_langs[] = {
    MD_LANG_PYTHON, MD_LANG_SQL, MD_LANG_BASH, MD_LANG_CONSOLE, MD_LANG_HTML, MD_LANG_JINJA,
};
#define N_LANGS (sizeof(all_langs) / sizeof(all_langs[0]))

/* ---- helpers ---------------------------------------------------------- */

/* Fails the test unless spans satisfy the contract of md_highlight. */
static void check_spans(const char *code, size_t len, const struct md_hl_span *spans, size_t n)
{
	if (n == 0) {
		assert_null(spans);
		return;
	}
	assert_non_null(spans);
	for (size_t k = 0; k < n; k++) {
		const struct md_hl_span *sp = &spans[k];
		assert_true(sp->start < sp->end);
		assert_true(sp->end <= len);
		assert_true((int)sp->style > (int)MD_STYLE_TEXT &&
		            (int)sp->style < (int)MD_STYLE_COUNT);
		if (k > 0) {
			assert_true(spans[k - 1].end <= sp->start);
			/* touching spans of one style should have been merged */
			assert_false(spans[k - 1].end == sp->start &&
			             spans[k - 1].style == sp->style);
		}
		/* A boundary between two bytes >= 0x80 could split a sequence. */
		uint32_t cuts[2] = {sp->start, sp->end};
		for (int c = 0; c < 2; c++) {
			size_t b = cuts[c];
			if (b > 0 && b < len)
				assert_false((unsigned char)code[b - 1] >= 0x80 &&
				             (unsigned char)code[b] >= 0x80);
		}
	}
}

static char render_buf[16384];
static size_t render_len;

/* Renders code of len bytes with its spans inline into render_buf (and
 * render_len, for renderings with NUL bytes). Returns render_buf. */
static const char *render_n(enum md_lang lang, const char *code, size_t len)
{
	char *buf = render_buf;
	size_t bufsize = sizeof(render_buf);
	struct md_hl_span *spans;
	size_t n = md_highlight(lang, code, len, &spans);
	check_spans(code, len, spans, n);

	size_t o = 0, at = 0;
	for (size_t k = 0; k <= n; k++) {
		size_t plain_end = k < n ? spans[k].start : len;
		assert_true(o + (plain_end - at) < bufsize);
		memcpy(buf + o, code + at, plain_end - at);
		o += plain_end - at;
		if (k == n)
			break;
		const char *name = md_style_name(spans[k].style);
		size_t name_len = strlen(name), text_len = spans[k].end - spans[k].start;
		assert_true(o + name_len + text_len + 3 < bufsize);
		buf[o++] = '[';
		memcpy(buf + o, name, name_len);
		o += name_len;
		buf[o++] = ':';
		memcpy(buf + o, code + spans[k].start, text_len);
		o += text_len;
		buf[o++] = ']';
		at = spans[k].end;
	}
	buf[o] = '\0';
	render_len = o;
	free(spans);
	return buf;
}

/* For code and expectations with NUL bytes: compares whole buffers. */
static void assert_render_bytes(enum md_lang lang, const char *code, size_t len,
                                const char *expected, size_t expected_len)
{
	render_n(lang, code, len);
	if (render_len != expected_len || memcmp(render_buf, expected, expected_len) != 0) {
		for (size_t k = 0; k < render_len; k++)
			render_buf[k] = render_buf[k] ? render_buf[k] : '0';
		fail_msg("rendering differs (NUL shown as 0): %s", render_buf);
	}
}

#define assert_hl_bytes(lang, code, expected) \
	assert_render_bytes((lang), (code), sizeof(code) - 1, (expected), sizeof(expected) - 1)

static const char *render(enum md_lang lang, const char *code)
{
	return render_n(lang, code, strlen(code));
}

#define assert_hl(lang, code, expected) assert_string_equal(render((lang), (code)), (expected))

/* ---- language names and tables ---------------------------------------- */

static void test_lang_names(void **state)
{
	(void)state;
	assert_int_equal(md_highlight_lang("python"), MD_LANG_PYTHON);
	assert_int_equal(md_highlight_lang("Python fragment"), MD_LANG_PYTHON);
	assert_int_equal(md_highlight_lang("pycon"), MD_LANG_PYTHON);
	assert_int_equal(md_highlight_lang("py3"), MD_LANG_PYTHON);
	assert_int_equal(md_highlight_lang("SQLite"), MD_LANG_SQL);
	assert_int_equal(md_highlight_lang("postgresql"), MD_LANG_SQL);
	assert_int_equal(md_highlight_lang("sh"), MD_LANG_BASH);
	assert_int_equal(md_highlight_lang("zsh"), MD_LANG_BASH);
	assert_int_equal(md_highlight_lang("console"), MD_LANG_CONSOLE);
	assert_int_equal(md_highlight_lang("shell-session"), MD_LANG_CONSOLE);
	assert_int_equal(md_highlight_lang("HTML"), MD_LANG_HTML);
	assert_int_equal(md_highlight_lang("xml"), MD_LANG_HTML);
	assert_int_equal(md_highlight_lang("jinja2"), MD_LANG_JINJA);
	assert_int_equal(md_highlight_lang("html+jinja"), MD_LANG_JINJA);
	assert_int_equal(md_highlight_lang("  j2 title=x"), MD_LANG_JINJA);
	assert_int_equal(md_highlight_lang("pythonic"), MD_LANG_NONE);
	assert_int_equal(md_highlight_lang("py"), MD_LANG_PYTHON);
	assert_int_equal(md_highlight_lang("p"), MD_LANG_NONE);
	assert_int_equal(md_highlight_lang(""), MD_LANG_NONE);
	assert_int_equal(md_highlight_lang(NULL), MD_LANG_NONE);
}

/* An unsorted table makes binary search miss words without any error. */
static void test_word_tables_sorted(void **state)
{
	(void)state;
	const struct md_hl_words *tables[] = {
	    &md_hl_python_keywords, &md_hl_python_builtins, &md_hl_sql_keywords,
	    &md_hl_sql_types,       &md_hl_sql_functions,   &md_hl_shell_keywords,
	    &md_hl_shell_builtins,  &md_hl_jinja_keywords,
	};
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		const struct md_hl_words *list = tables[t];
		assert_true(list->count > 0);
		for (size_t k = 0; k < list->count; k++) {
			const char *w = list->words[k];
			if (k > 0 && strcmp(list->words[k - 1], w) >= 0)
				fail_msg("table %zu: \"%s\" sorts before \"%s\"", t, w,
				         list->words[k - 1]);
			for (const char *p = w; list->fold_case && *p; p++)
				assert_false(*p >= 'A' && *p <= 'Z');
			/* and binary search finds every word */
			assert_true(md_hl_words_has(list, w, strlen(w)));
		}
		assert_false(md_hl_words_has(list, "zzzzzz", 6));
		assert_false(md_hl_words_has(list, "", 0));
	}
}

static void test_empty_and_none(void **state)
{
	(void)state;
	static struct md_hl_span sentinel;
	struct md_hl_span *spans;
	for (size_t k = 0; k < N_LANGS; k++) {
		spans = &sentinel; /* must be overwritten with NULL */
		assert_int_equal(md_highlight(all_langs[k], "", 0, &spans), 0);
		assert_null(spans);
		spans = &sentinel;
		assert_int_equal(md_highlight(all_langs[k], "\n\n", 2, &spans), 0);
		assert_null(spans);
	}
	spans = &sentinel;
	assert_int_equal(md_highlight(MD_LANG_NONE, "def f(): pass", 13, &spans), 0);
	assert_null(spans);
	/* only len counts: the bytes after it are not code */
	assert_string_equal(render_n(MD_LANG_PYTHON, "x = 'abc' # def", 6), "x = [string:'a]");
}

/* ---- python ----------------------------------------------------------- */

static void test_python_basics(void **state)
{
	(void)state;
	assert_hl(MD_LANG_PYTHON, "def f(x):\n    return len(x)  # count\n",
	          "[keyword:def] [function:f](x):\n    [keyword:return] [builtin:len](x)  "
	          "[comment:# count]\n");
	assert_hl(MD_LANG_PYTHON, "@app.route('/')\nclass Foo(Base):\n    pass",
	          "[decorator:@app.route]([string:'/'])\n[keyword:class] [function:Foo](Base):\n   "
	          " [keyword:pass]");
	assert_hl(MD_LANG_PYTHON, "async def main():\n    await run(None, True, False)",
	          "[keyword:async] [keyword:def] [function:main]():\n    [keyword:await] "
	          "run([keyword:None], "
	          "[keyword:True], [keyword:False])");
	assert_hl(
	    MD_LANG_PYTHON, "if isinstance(x, dict) and not y: print(super().f)",
	    "[keyword:if] [builtin:isinstance](x, [builtin:dict]) [keyword:and] [keyword:not] y: "
	    "[builtin:print]([builtin:super]().f)");
	/* attributes are not builtins or keywords; digits inside names are not numbers */
	assert_hl(MD_LANG_PYTHON, "self.list = obj.print + x1", "self.list = obj.print + x1");
	/* '@' in an expression is matrix multiplication */
	assert_hl(MD_LANG_PYTHON, "c = a @ b\n    @staticmethod",
	          "c = a @ b\n    [decorator:@staticmethod]");
	assert_hl(MD_LANG_PYTHON, "ünïcode = déf", "ünïcode = déf");
}

static void test_python_strings(void **state)
{
	(void)state;
	assert_hl(MD_LANG_PYTHON, "a = 'it\\'s' + \"q\\\"\"",
	          "a = [string:'it\\'s'] + [string:\"q\\\"\"]");
	assert_hl(MD_LANG_PYTHON, "x = rb'\\d' + f\"{y}\" + u'z' + BR\"w\" + fr'{a}'",
	          "x = [string:rb'\\d'] + [string:f\"{y}\"] + [string:u'z'] + [string:BR\"w\"] + "
	          "[string:fr'{a}']");
	/* a name that merely ends in a prefix letter is no prefix */
	assert_hl(MD_LANG_PYTHON, "bar'x'", "bar[string:'x']");
	assert_hl(MD_LANG_PYTHON, "s = \"\"\"one\n'two'\n\"\"\"\nNone",
	          "s = [string:\"\"\"one\n'two'\n\"\"\"]\n[keyword:None]");
	assert_hl(MD_LANG_PYTHON, "s = f'''{x}\n'' '''", "s = [string:f'''{x}\n'' ''']");
	assert_hl(MD_LANG_PYTHON, "e = '' + \"\"", "e = [string:''] + [string:\"\"]");
}

static void test_python_unterminated(void **state)
{
	(void)state;
	/* a triple-quoted string runs to the end of the block */
	assert_hl(MD_LANG_PYTHON, "x = '''abc\ndef = 1", "x = [string:'''abc\ndef = 1]");
	/* a single-quoted one stops at the end of its line */
	assert_hl(MD_LANG_PYTHON, "x = 'abc\nTrue", "x = [string:'abc]\n[keyword:True]");
	assert_hl(MD_LANG_PYTHON, "x = \"ab\\", "x = [string:\"ab\\]");
	assert_hl(MD_LANG_PYTHON, "'", "[string:']");
	assert_hl(MD_LANG_PYTHON, "# comment", "[comment:# comment]");
}

static void test_python_numbers(void **state)
{
	(void)state;
	assert_hl(
	    MD_LANG_PYTHON, "1 + 1_000 + 3.14 + .5 + 1e-3 + 0xFF + 0o17 + 0b10 + 2j + 1.5E+10J",
	    "[number:1] + [number:1_000] + [number:3.14] + [number:.5] + [number:1e-3] + "
	    "[number:0xFF] + [number:0o17] + [number:0b10] + [number:2j] + [number:1.5E+10J]");
	assert_hl(MD_LANG_PYTHON, "x[0].real + 1.", "x[[number:0]].real + [number:1.]");
}

static void test_python_soft_keywords(void **state)
{
	(void)state;
	assert_hl(
	    MD_LANG_PYTHON,
	    "match command:\n    case [x, *rest]:\n        pass\n    case _:\n        pass\n",
	    "[keyword:match] command:\n    [keyword:case] [x, *rest]:\n        [keyword:pass]\n"
	    "    [keyword:case] _:\n        [keyword:pass]\n");
	assert_hl(MD_LANG_PYTHON, "match = re.match(p, s)\nmatch.group(1)\ncase(x)",
	          "match = re.match(p, s)\nmatch.group([number:1])\ncase(x)");
	assert_hl(MD_LANG_PYTHON, "type Point = tuple\nt = type(x)",
	          "[keyword:type] Point = [builtin:tuple]\nt = [builtin:type](x)");
}

static void test_python_session(void **state)
{
	(void)state;
	assert_hl(MD_LANG_PYTHON, ">>> x = 1\n>>> print(x)\n1\n>>>\n",
	          "[prompt:>>> ]x = [number:1]\n[prompt:>>> "
	          "][builtin:print](x)\n[output:1]\n[prompt:>>>]\n");
	/* a triple-quoted string continues over "... " lines */
	assert_hl(MD_LANG_PYTHON, ">>> s = '''a\n... b'''\n>>> s\n'a\\nb'",
	          "[prompt:>>> ]s = [string:'''a\n][prompt:... ][string:b''']\n[prompt:>>> "
	          "]s\n[output:'a\\nb']");
	assert_hl(MD_LANG_PYTHON,
	          ">>> def f():\n...     return 1\n...\nTraceback (most recent call last):",
	          "[prompt:>>> ][keyword:def] [function:f]():\n[prompt:... ]    [keyword:return] "
	          "[number:1]\n"
	          "[prompt:...]\n[output:Traceback (most recent call last):]");
	/* a banner before the first prompt is output */
	assert_hl(MD_LANG_PYTHON, "Python 3.11.2\n>>> 1 + 1\n2",
	          "[output:Python 3.11.2]\n[prompt:>>> ][number:1] + [number:1]\n[output:2]");
	/* in a script, a doctest inside a docstring is just string */
	assert_hl(MD_LANG_PYTHON, "def f():\n    \"\"\"\n>>> f()\n    \"\"\"",
	          "[keyword:def] [function:f]():\n    [string:\"\"\"\n>>> f()\n    \"\"\"]");
	assert_hl(MD_LANG_PYTHON, "'''Doc.\n\n>>> 1\n...\n'''\nx = 1",
	          "[string:'''Doc.\n\n>>> 1\n...\n''']\nx = [number:1]");
	/* "..." alone (Ellipsis) does not make a session */
	assert_hl(MD_LANG_PYTHON, "def f():\n...\n", "[keyword:def] [function:f]():\n...\n");
}

/* ---- sql -------------------------------------------------------------- */

static void test_sql_keywords_case_insensitive(void **state)
{
	(void)state;
	assert_hl(MD_LANG_SQL, "select * FROM t Where id = 1;",
	          "[keyword:select] * [keyword:FROM] t [keyword:Where] id = [number:1];");
	assert_hl(
	    MD_LANG_SQL, "SeLeCt DISTINCT a FROM b LEFT OUTER JOIN c ON b.x = c.x GROUP BY a",
	    "[keyword:SeLeCt] [keyword:DISTINCT] a [keyword:FROM] b [keyword:LEFT] [keyword:OUTER] "
	    "[keyword:JOIN] c [keyword:ON] b.x = c.x [keyword:GROUP] [keyword:BY] a");
	/* a keyword spelled inside a longer word is not a keyword */
	assert_hl(MD_LANG_SQL, "selected_from fromage", "selected_from fromage");
}

static void test_sql_literals(void **state)
{
	(void)state;
	assert_hl(
	    MD_LANG_SQL,
	    "CREATE TABLE t (id INTEGER PRIMARY KEY, n text NOT NULL DEFAULT 'it''s');",
	    "[keyword:CREATE] [keyword:TABLE] t (id [builtin:INTEGER] [keyword:PRIMARY] "
	    "[keyword:KEY], "
	    "n [builtin:text] [keyword:NOT] [keyword:NULL] [keyword:DEFAULT] [string:'it''s']);");
	assert_hl(MD_LANG_SQL, "LIMIT 10 OFFSET 2.5e3 + 0x1F",
	          "[keyword:LIMIT] [number:10] [keyword:OFFSET] "
	          "[number:2.5e3] + [number:0x1F]");
	/* quoted identifiers are names, never keywords */
	assert_hl(MD_LANG_SQL, "SELECT \"order\", `group` FROM t",
	          "[keyword:SELECT] \"order\", `group` [keyword:FROM] t");
	assert_hl(MD_LANG_SQL, "SELECT 'open", "[keyword:SELECT] [string:'open]");
	assert_hl(MD_LANG_SQL, "AS $$ SELECT 1; $$ LANGUAGE sql; AS $fn$ x $$ y $fn$ z",
	          "[keyword:AS] [string:$$ SELECT 1; $$] [keyword:LANGUAGE] sql; [keyword:AS] "
	          "[string:$fn$ x $$ y $fn$] z");
}

static void test_sql_functions_and_params(void **state)
{
	(void)state;
	/* count( is a function, a column called count is not */
	assert_hl(MD_LANG_SQL, "SELECT COUNT(*), count, max (x), t.date FROM t",
	          "[keyword:SELECT] [builtin:COUNT](*), count, [builtin:max] (x), t.date "
	          "[keyword:FROM] t");
	assert_hl(
	    MD_LANG_SQL, "WHERE a = :name AND b = ? AND c = $1 AND d = @v AND e = ?2 AND f::int",
	    "[keyword:WHERE] a = [variable::name] [keyword:AND] b = [variable:?] [keyword:AND] c = "
	    "[variable:$1] [keyword:AND] d = [variable:@v] [keyword:AND] e = [variable:?2] "
	    "[keyword:AND] f::[builtin:int]");
}

static void test_sql_comments(void **state)
{
	(void)state;
	assert_hl(MD_LANG_SQL, "-- note\nSELECT 1 /* multi\nline */ FROM t",
	          "[comment:-- note]\n[keyword:SELECT] [number:1] [comment:/* multi\nline */] "
	          "[keyword:FROM] t");
	assert_hl(MD_LANG_SQL, "SELECT /* open\n-- x", "[keyword:SELECT] [comment:/* open\n-- x]");
	assert_hl(MD_LANG_SQL, "a - b / c -", "a - b / c -");
}

/* ---- bash ------------------------------------------------------------- */

static void test_bash_comments_and_words(void **state)
{
	(void)state;
	assert_hl(MD_LANG_BASH, "echo a#b # c\n# whole line",
	          "[builtin:echo] a#b [comment:# c]\n[comment:# whole line]");
	/* keywords and commands only count in command position */
	assert_hl(MD_LANG_BASH, "echo done if ls", "[builtin:echo] done if ls");
	assert_hl(MD_LANG_BASH, "FOO=1 make && sudo ls|grep x;cd /",
	          "FOO=1 [builtin:make] && [builtin:sudo] ls|[builtin:grep] x;[builtin:cd] /");
	assert_hl(MD_LANG_BASH, "ls 2>&1 >/dev/null | tee log",
	          "[builtin:ls] 2>&1 >/dev/null | [builtin:tee] log");
}

static void test_bash_keywords(void **state)
{
	(void)state;
	assert_hl(MD_LANG_BASH, "for f in *.txt; do\n  echo \"$f\"\ndone",
	          "[keyword:for] f [keyword:in] *.txt; [keyword:do]\n  [builtin:echo] "
	          "[string:\"][variable:$f][string:\"]\n[keyword:done]");
	assert_hl(MD_LANG_BASH, "if [ -f x ]; then\n  exit 1\nelif true; then :; else return 2; fi",
	          "[keyword:if] [ -f x ]; [keyword:then]\n  [builtin:exit] 1\n[keyword:elif] "
	          "[builtin:true]; "
	          "[keyword:then] :; [keyword:else] [keyword:return] 2; [keyword:fi]");
	assert_hl(
	    MD_LANG_BASH, "case \"$1\" in\n  start) run ;;\nesac",
	    "[keyword:case] [string:\"][variable:$1][string:\"] [keyword:in]\n  start) run ;;\n"
	    "[keyword:esac]");
	assert_hl(MD_LANG_BASH, "function greet {\n  local name=$1\n}\nhello() { export X; }",
	          "[keyword:function] [function:greet] {\n  [keyword:local] name=[variable:$1]\n}\n"
	          "[function:hello]() { [keyword:export] X; }");
}

static void test_bash_strings_and_variables(void **state)
{
	(void)state;
	assert_hl(
	    MD_LANG_BASH, "echo '$x' \"a ${b:-c} $(d) `e` \\\"$\" $'\\''",
	    "[builtin:echo] [string:'$x'] [string:\"a ][variable:${b:-c}][string: ][variable:$(d)]"
	    "[string: ][variable:`e`][string: \\\"$\"] [string:$'\\'']");
	assert_hl(
	    MD_LANG_BASH, "echo $HOME$1 $? $# ${#arr[@]} $((1 + 2)) $",
	    "[builtin:echo] [variable:$HOME$1] [variable:$?] [variable:$#] [variable:${#arr[@]}] "
	    "[variable:$((1 + 2))] $");
	/* quotes inside a command substitution inside quotes */
	assert_hl(MD_LANG_BASH, "x=\"$(echo \"$(date \")\")\")\" y",
	          "x=[string:\"][variable:$(echo \"$(date \")\")\")][string:\"] y");
	/* unterminated strings and substitutions run to the end */
	assert_hl(MD_LANG_BASH, "echo \"abc\ndef", "[builtin:echo] [string:\"abc\ndef]");
	assert_hl(MD_LANG_BASH, "echo $(ls 'x", "[builtin:echo] [variable:$(ls 'x]");
}

static void test_bash_heredoc(void **state)
{
	(void)state;
	assert_hl(MD_LANG_BASH, "cat <<EOF > out\nhello $x\nEOF\necho hi",
	          "[builtin:cat] <<EOF > out\n[string:hello $x\nEOF]\n[builtin:echo] hi");
	assert_hl(MD_LANG_BASH, "cat <<-'END'\n\tx\n\tEND\nls",
	          "[builtin:cat] <<-'END'\n[string:\tx\n\tEND]\n[builtin:ls]");
	/* an arithmetic shift is no here-document */
	assert_hl(MD_LANG_BASH, "(( x = y << 2 ))\necho", "(( x = y << 2 ))\n[builtin:echo]");
	assert_hl(MD_LANG_BASH, "cat <<EOF\nnever closed",
	          "[builtin:cat] <<EOF\n[string:never closed]");
}

/* ---- console ---------------------------------------------------------- */

static void test_console(void **state)
{
	(void)state;
	assert_hl(MD_LANG_CONSOLE,
	          "$ ls -la # list\ntotal 0\n# apt-get install x\n(venv) $ pip install "
	          "flask\nSuccessfully "
	          "installed\n",
	          "[prompt:$ ][builtin:ls] -la [comment:# list]\n[output:total 0]\n[prompt:# "
	          "][builtin:apt-get] "
	          "install x\n[prompt:(venv) $ ][builtin:pip] install flask\n[output:Successfully "
	          "installed]\n");
	/* a command continued with a backslash is bash on the next line too */
	assert_hl(
	    MD_LANG_CONSOLE, "$ docker run \\\n  -it \"$IMG\"\ndone\n$\n$HOME is not a prompt",
	    "[prompt:$ ][builtin:docker] run \\\n  -it [string:\"][variable:$IMG][string:\"]\n"
	    "[output:done]\n[prompt:$]\n[output:$HOME is not a prompt]");
	/* an escaped backslash does not continue the line */
	assert_hl(MD_LANG_CONSOLE, "$ echo \\\\\nls",
	          "[prompt:$ ][builtin:echo] \\\\\n[output:ls]");
	/* a string left open does not leak into the output lines */
	assert_hl(MD_LANG_CONSOLE, "$ echo \"abc\nout",
	          "[prompt:$ ][builtin:echo] [string:\"abc]\n[output:out]");
}

/* ---- html and jinja --------------------------------------------------- */

static void test_html(void **state)
{
	(void)state;
	assert_hl(MD_LANG_HTML,
	          "<!DOCTYPE html>\n<a href=\"x\" class='y' hidden>link &amp; a < b</a><!-- c -->",
	          "[tag:<!DOCTYPE html>]\n[tag:<a] [attribute:href]=[string:\"x\"] "
	          "[attribute:class]=[string:'y'] "
	          "[attribute:hidden][tag:>]link &amp; a < b[tag:</a>][comment:<!-- c -->]");
	assert_hl(MD_LANG_HTML, "<br/><img src=x.png alt = \"\" />",
	          "[tag:<br/><img] [attribute:src]=[string:x.png] [attribute:alt] = [string:\"\"] "
	          "[tag:/>]");
	/* script bodies are not markup */
	assert_hl(MD_LANG_HTML, "<script>if (a<b) x();</script><p>",
	          "[tag:<script>]if (a<b) x();[tag:</script><p>]");
	assert_hl(MD_LANG_HTML, "<STYLE>p>a{}</Style>", "[tag:<STYLE>]p>a{}[tag:</Style>]");
	/* unterminated comments and values run to the end */
	assert_hl(MD_LANG_HTML, "<p>x<!-- open\n<b>", "[tag:<p>]x[comment:<!-- open\n<b>]");
	assert_hl(MD_LANG_HTML, "<a title=\"open>\n<b>",
	          "[tag:<a] [attribute:title]=[string:\"open>\n<b>]");
	/* a broken tag does not swallow the next one */
	assert_hl(MD_LANG_HTML, "<a href <b>", "[tag:<a] [attribute:href] [tag:<b>]");
	/* no template regions in plain HTML */
	assert_hl(MD_LANG_HTML, "<p>{{ x }}</p>", "[tag:<p>]{{ x }}[tag:</p>]");
}

static void test_jinja(void **state)
{
	(void)state;
	assert_hl(MD_LANG_JINJA, "{% for x in items %}<li>{{ x.name|upper }}</li>{% endfor %}",
	          "[template:{%] [keyword:for] x [keyword:in] items "
	          "[template:%}][tag:<li>][template:{{] x.name|"
	          "[function:upper] [template:}}][tag:</li>][template:{%] [keyword:endfor] "
	          "[template:%}]");
	assert_hl(
	    MD_LANG_JINJA, "{%- if a is not none -%}{# note #}{{ 42 ~ \"s\" | default('x') }}",
	    "[template:{%-] [keyword:if] a [keyword:is] [keyword:not] [keyword:none] [template:-%}]"
	    "[comment:{# note #}][template:{{] [number:42] ~ [string:\"s\"] | [function:default]"
	    "([string:'x']) [template:}}]");
	assert_hl(MD_LANG_JINJA, "{% macro card(title) %}{% block content %}",
	          "[template:{%] [keyword:macro] [function:card](title) [template:%}{%] "
	          "[keyword:block] [function:content] [template:%}]");
	/* {% raw %} turns templates off until {% endraw %} */
	assert_hl(MD_LANG_JINJA, "{% raw %}{{ x }}{% endraw %}{{ y }}",
	          "[template:{%] [keyword:raw] [template:%}]{{ x }}[template:{%] [keyword:endraw] "
	          "[template:%}{{] y [template:}}]");
	/* unterminated regions run to the end; a '}}' inside a string does not close */
	assert_hl(MD_LANG_JINJA, "{{ '}}' ", "[template:{{] [string:'}}'] ");
	assert_hl(MD_LANG_JINJA, "{# open", "[comment:{# open]");
}

static void test_jinja_in_attributes(void **state)
{
	(void)state;
	assert_hl(
	    MD_LANG_JINJA, "<link href=\"{{ url_for('static', filename='x.css') }}\">",
	    "[tag:<link] [attribute:href]=[string:\"][template:{{] url_for([string:'static'], "
	    "filename=[string:'x.css']) [template:}}][string:\"][tag:>]");
	/* a double quote inside the region belongs to the template */
	assert_hl(
	    MD_LANG_JINJA, "<a title=\"a {{ \"b\" }} c\" id={{ n }}>",
	    "[tag:<a] [attribute:title]=[string:\"a ][template:{{] [string:\"b\"] [template:}}]"
	    "[string: c\"] [attribute:id]=[template:{{] n [template:}}][tag:>]");
	assert_hl(
	    MD_LANG_JINJA, "<div {% if x %}hidden{% endif %}>",
	    "[tag:<div] [template:{%] [keyword:if] x [template:%}][attribute:hidden][template:{%] "
	    "[keyword:endif] [template:%}][tag:>]");
	assert_hl(MD_LANG_JINJA, "<script>var a = {{ v|tojson }};</script>",
	          "[tag:<script>]var a = [template:{{] v|[function:tojson] "
	          "[template:}}];[tag:</script>]");
}

/* ---- hostile input ---------------------------------------------------- */

static void test_nul_and_invalid_utf8(void **state)
{
	(void)state;
	static const char py[] = "x = '\0\xff'\n\xc3(def\0 \xe2\x82 # \x80\n\xff\xfe";
	assert_hl_bytes(
	    MD_LANG_PYTHON, py,
	    "x = [string:'\0\xff']\n\xc3([keyword:def]\0 \xe2\x82 [comment:# \x80]\n\xff\xfe");
	static const char sh[] = "\xc3\xa9"
	                         "cho \0$\xc3\xa9 \"\xff$x\xff\"";
	assert_hl_bytes(MD_LANG_BASH, sh,
	                "\xc3\xa9"
	                "cho \0$\xc3\xa9 [string:\"\xff][variable:$x][string:\xff\"]");
	static const char sql[] = "SELECT\0\xe9"
	                          "FROM 'a\0' \xff";
	assert_hl_bytes(MD_LANG_SQL, sql,
	                "[keyword:SELECT]\0\xe9"
	                "FROM [string:'a\0'] \xff");
	static const char html[] = "<\xc3\xa9 a\xff=\xff><p\0>";
	assert_hl_bytes(MD_LANG_HTML, html, "<\xc3\xa9 a\xff=\xff>[tag:<p\0>]");
	/* a keyword glued to a non-ASCII byte is part of a longer word */
	static const char glued[] = "def\xc3\xa9 = 1";
	assert_hl_bytes(MD_LANG_PYTHON, glued, "def\xc3\xa9 = [number:1]");
}

/* xorshift64: a fixed seed keeps failures reproducible. */
static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Random inputs biased towards the bytes the lexers care about, so that
 * every state (strings, nesting, prompts, regions) is actually reached. */
static void test_random_invariants(void **state)
{
	(void)state;
	static const char *const pieces[] = {
	    "'",         "\"",      "'''",    "\"\"\"", "`",         "\\",
	    "\n",        " ",       "#",      "$",      "${",        "$(",
	    ")",         "}",       "{{",     "}}",     "{%",        "%}",
	    "{#",        "#}",      "-",      "<",      ">",         "</",
	    "<!--",      "-->",     "=",      "/*",     "*/",        "--",
	    "@",         ">>> ",    "... ",   "$ ",     "(venv) $ ", "def ",
	    "class ",    "<<EOF\n", "EOF",    "0x",     "1e",        ".",
	    "::",        ":",       "?",      "|",      "\xc3\xa9",  "\xe2\x82\xac",
	    "\xff",      "\x80",    "\0",     "\t",     "\r",        "<script>",
	    "</script>", "raw",     "endraw", "match ", "in ",       "for ",
	    "((",        "f\"",     "r'",     "&",      ";",
	};
	size_t n_pieces = sizeof(pieces) / sizeof(pieces[0]);
	uint64_t seed = 0x5eed5eed12345678u;
	char code[512];

	for (int round = 0; round < 4000; round++) {
		size_t len = 0;
		size_t target = rng_next(&seed) % 200;
		while (len < target) {
			uint64_t r = rng_next(&seed);
			if (r % 4 == 0) {
				code[len++] = (char)(r >> 8);
			} else {
				const char *p = pieces[(r >> 8) % n_pieces];
				size_t plen = p[0] ? strlen(p) : 1;
				if (len + plen > sizeof(code))
					break;
				memcpy(code + len, p, plen);
				len += plen;
			}
		}
		/* an exact-size copy lets AddressSanitizer see reads past len */
		char *exact = malloc(len ? len : 1);
		assert_non_null(exact);
		memcpy(exact, code, len);
		for (size_t k = 0; k < N_LANGS; k++) {
			struct md_hl_span *spans;
			size_t n = md_highlight(all_langs[k], exact, len, &spans);
			check_spans(exact, len, spans, n);
			free(spans);
		}
		free(exact);
	}
}

/* Megabyte inputs that a careless lexer handles in quadratic time. The
 * budget is generous: linear lexing takes milliseconds, quadratic would
 * take minutes. */
static void test_pathological_linear(void **state)
{
	(void)state;
	static const char *const patterns[] = {
	    "'",         "\"",        "'''",       "x",        "$(", "\"$(",
	    "${",        "`",         "{{ '",      "{%",       "{{", "<a ",
	    "<a b=\"",   "<!--",      "/*",        "$a$",      "$$", "<<EOF\n",
	    "\\",        ">>> '''\n", "{% raw %}", "<script>", "((", "(venv) $ x\\\n",
	    "$ echo \"", "'\n",       "#",         "-- ",      "a",  "\xc3",
	    "::",        "@x.",
	};
	const size_t size = 1 << 20;
	char *code = malloc(size);
	assert_non_null(code);

	for (size_t p = 0; p < sizeof(patterns) / sizeof(patterns[0]); p++) {
		size_t plen = strlen(patterns[p]);
		for (size_t k = 0; k < size; k++)
			code[k] = patterns[p][k % plen];
		for (size_t l = 0; l < N_LANGS; l++) {
			clock_t t0 = clock();
			struct md_hl_span *spans;
			size_t n = md_highlight(all_langs[l], code, size, &spans);
			double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
			check_spans(code, size, spans, n);
			free(spans);
			if (secs > 2.0)
				fail_msg("pattern %zu (\"%s\") in language %zu took %.1f s", p,
				         patterns[p], l, secs);
		}
	}
	free(code);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lang_names),
	    cmocka_unit_test(test_word_tables_sorted),
	    cmocka_unit_test(test_empty_and_none),
	    cmocka_unit_test(test_python_basics),
	    cmocka_unit_test(test_python_strings),
	    cmocka_unit_test(test_python_unterminated),
	    cmocka_unit_test(test_python_numbers),
	    cmocka_unit_test(test_python_soft_keywords),
	    cmocka_unit_test(test_python_session),
	    cmocka_unit_test(test_sql_keywords_case_insensitive),
	    cmocka_unit_test(test_sql_literals),
	    cmocka_unit_test(test_sql_functions_and_params),
	    cmocka_unit_test(test_sql_comments),
	    cmocka_unit_test(test_bash_comments_and_words),
	    cmocka_unit_test(test_bash_keywords),
	    cmocka_unit_test(test_bash_strings_and_variables),
	    cmocka_unit_test(test_bash_heredoc),
	    cmocka_unit_test(test_console),
	    cmocka_unit_test(test_html),
	    cmocka_unit_test(test_jinja),
	    cmocka_unit_test(test_jinja_in_attributes),
	    cmocka_unit_test(test_nul_and_invalid_utf8),
	    cmocka_unit_test(test_random_invariants),
	    cmocka_unit_test(test_pathological_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
