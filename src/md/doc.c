/* doc: cmark-gfm parsing (see doc.h). */
#include "md/doc_internal.h"

#include <cmark-gfm-core-extensions.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "core/paths.h"
#include "core/xalloc.h"

/* The first two make blocks; the last two only change inline content. */
static const char *const S_extensions[] = {"table", "tasklist", "strikethrough", "autolink"};
enum { S_BLOCK_EXTENSIONS = 2, S_ALL_EXTENSIONS = 4 };

/* cmark-gfm registers its extensions behind an unguarded flag: two
 * threads parsing their first document at once (the bank builder's
 * workers) could both register them. Once per process, for every thread. */
static once_flag S_registered = ONCE_FLAG_INIT;

/* A parser with the first n GFM extensions of S_extensions, allocating
 * from mem (NULL: cmark's default allocator). */
static cmark_parser *S_parser_with(int options, size_t n, cmark_mem *mem)
{
	call_once(&S_registered, cmark_gfm_core_extensions_ensure_registered);
	cmark_parser *parser =
	    mem ? cmark_parser_new_with_mem(options, mem) : cmark_parser_new(options);
	if (!parser)
		abort();
	for (size_t i = 0; i < n; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(S_extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	return parser;
}

/* A parser with the GFM extensions every studyterm document uses. */
static cmark_parser *S_parser(int options)
{
	return S_parser_with(options, S_ALL_EXTENSIONS, NULL);
}

struct md_doc *md_doc_parse(const char *text, size_t len)
{
	cmark_parser *parser = S_parser(CMARK_OPT_VALIDATE_UTF8);
	cmark_parser_feed(parser, text, len);
	struct md_doc *doc = xcalloc(1, sizeof *doc);
	doc->root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (!doc->root)
		abort();
	return doc;
}

/* ---- scratch memory ---- */

enum { S_SCRATCH_BLOCK = 256 * 1024, S_ALIGN = 16 };

/* Each allocation is preceded by its size, so realloc knows what to copy. */
struct S_block {
	struct S_block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

struct md_scratch {
	struct S_block *first, *current;
	unsigned char *last; /* the newest allocation: realloc grows it in place */
};

/* cmark_mem has no context pointer: the scratch this thread parsed into
 * last, which every allocation through S_scratch_mem uses until it is
 * freed. */
static _Thread_local struct md_scratch *S_active;

struct md_scratch *md_scratch_new(void)
{
	return xcalloc(1, sizeof(struct md_scratch));
}

void md_scratch_free(struct md_scratch *s)
{
	if (!s)
		return;
	if (S_active == s)
		S_active = NULL;
	for (struct S_block *b = s->first, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(s);
}

static size_t S_round(size_t n)
{
	return (n + S_ALIGN - 1) & ~(size_t)(S_ALIGN - 1);
}

static void *S_scratch_alloc(size_t n)
{
	struct md_scratch *s = S_active;
	size_t need = S_ALIGN + S_round(n ? n : 1);
	if (need < n)
		abort(); /* overflow */
	struct S_block *b = s->current;
	while (b && b->size - b->used < need) {
		b = b->next;
		if (b)
			b->used = 0;
	}
	if (!b) {
		size_t size = need > S_SCRATCH_BLOCK ? need : S_SCRATCH_BLOCK;
		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		/* After current, so blocks already past stay in the chain. */
		if (s->current) {
			b->next = s->current->next;
			s->current->next = b;
		} else {
			b->next = NULL;
			s->first = b;
		}
	}
	s->current = b;
	unsigned char *p = b->data + b->used + S_ALIGN;
	memcpy(p - sizeof(size_t), &n, sizeof n);
	b->used += need;
	s->last = p;
	return p;
}

static size_t S_size_of(const void *p)
{
	size_t n;
	memcpy(&n, (const unsigned char *)p - sizeof n, sizeof n);
	return n;
}

static void *S_scratch_calloc(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		abort();
	void *p = S_scratch_alloc(count * size);
	memset(p, 0, count * size);
	return p;
}

static void *S_scratch_realloc(void *old, size_t n)
{
	if (!old)
		return S_scratch_alloc(n);
	struct md_scratch *s = S_active;
	size_t had = S_size_of(old);
	struct S_block *b = s->current;
	if (old == s->last && n >= had) {
		/* The newest allocation: grow it where it is when there is room
		 * (cmark's buffers grow this way most of the time). */
		size_t start = (size_t)((unsigned char *)old - b->data);
		if (S_round(n ? n : 1) <= b->size - start) {
			b->used = start + S_round(n ? n : 1);
			memcpy((unsigned char *)old - sizeof n, &n, sizeof n);
			return old;
		}
	}
	void *p = S_scratch_alloc(n);
	memcpy(p, old, had < n ? had : n);
	return p;
}

/* Memory is given back all at once by the next parse. */
static void S_scratch_release(void *p)
{
	(void)p;
}

static cmark_mem S_scratch_mem = {S_scratch_calloc, S_scratch_realloc, S_scratch_release};

struct md_doc *md_doc_parse_blocks(struct md_scratch *s, const char *text, size_t len)
{
	/* Everything the last parse made is garbage now. */
	s->current = s->first;
	if (s->first)
		s->first->used = 0;
	s->last = NULL;
	S_active = s;
	/* No CMARK_OPT_VALIDATE_UTF8: the caller has checked (see doc.h). */
	cmark_parser *parser = S_parser_with(CMARK_OPT_DEFAULT, S_BLOCK_EXTENSIONS, &S_scratch_mem);
	cmark_parser_feed(parser, text, len);
	struct md_doc *doc = S_scratch_calloc(1, sizeof *doc);
	doc->root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	/* S_active stays: some cmark getters (fence info, literals) allocate
	 * from the node's memory on first call, long after the parse. */
	if (!doc->root)
		abort();
	return doc;
}

struct md_doc *md_doc_load(const char *path, struct error *err)
{
	char *text;
	size_t len;
	if (paths_read_file(path, &text, &len, err) != ST_OK)
		return NULL;
	struct md_doc *doc = md_doc_parse(text, len);
	free(text);
	return doc;
}

void md_doc_free(struct md_doc *doc)
{
	if (!doc)
		return;
	cmark_node_free(doc->root);
	free(doc);
}

char *md_last_code_block(const char *text, size_t len, const char *lang)
{
	struct md_doc *doc = md_doc_parse(text, len);
	char *found = NULL;
	size_t lang_len = strlen(lang);
	cmark_iter *it = cmark_iter_new(doc->root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK)
			continue;
		const char *info = cmark_node_get_fence_info(n);
		if (!info || strncmp(info, lang, lang_len) != 0 ||
		    (info[lang_len] && info[lang_len] != ' ' && info[lang_len] != '\t'))
			continue;
		const char *code = cmark_node_get_literal(n);
		free(found);
		found = xstrdup(code ? code : "");
	}
	cmark_iter_free(it);
	md_doc_free(doc);
	return found;
}

char *md_render_html(const char *text, size_t len, bool inline_only)
{
	cmark_parser *parser = S_parser(CMARK_OPT_VALIDATE_UTF8);
	cmark_parser_feed(parser, text, len);
	cmark_node *root = cmark_parser_finish(parser);
	if (!root)
		abort();
	cmark_node *only = cmark_node_first_child(root);
	bool strip = inline_only && only && only == cmark_node_last_child(root) &&
	             cmark_node_get_type(only) == CMARK_NODE_PARAGRAPH;
	char *html =
	    cmark_render_html(root, CMARK_OPT_NOBREAKS, cmark_parser_get_syntax_extensions(parser));
	if (!html)
		abort();
	size_t n = strlen(html);
	const char *s = html;
	if (strip && n >= 8 && strncmp(s, "<p>", 3) == 0 && strcmp(s + n - 5, "</p>\n") == 0) {
		s += 3;
		n -= 8;
	}
	char *out = xstrndup(s, n);
	cmark_get_default_mem_allocator()->free(html);
	cmark_node_free(root);
	cmark_parser_free(parser);
	return out;
}
