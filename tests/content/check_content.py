#!/usr/bin/python3
"""Check the course in content/ against tests/content/toc.txt.

What it verifies, and why each matters to a learner:
  - every chapter file and every numbered section is present, in order, with
    the exact number the reader and the question bank key on;
  - every internal link resolves: `#5.5` / `#5-5` section links, heading
    anchors, `practice:5.5`; `exercise:ID` links only warn until the sandbox
    exists (content/exercises/ID);
  - every ```python block runs as a standalone script under /usr/bin/python3
    in a fresh temp directory within 20 s and exits 0; blocks whose info
    string says `python fragment` must still compile;
  - every section has at least one example, an `> **Exam note:**` block and
    at least MIN_WORDS words of prose (code excluded).

Usage: check_content.py [--content DIR] [--toc FILE] [--results FILE]
                        [--only N[,N...]] [--no-run] [--jobs N]

Prints a per-chapter table, one line per problem as FILE:LINE: message, and
writes "PASS name" / "FAIL name" lines to --results for the make check
summary. Exit status 1 when anything failed.
"""

import argparse
import concurrent.futures
import os
import py_compile
import re
import subprocess
import sys
import tempfile

MIN_WORDS = 350
MIN_TOTAL_WORDS = 30000
RUN_TIMEOUT = 20
PYTHON = "/usr/bin/python3"

FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^`]*)$")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'_\-.]*")


class Block:
    def __init__(self, path, line, info, code):
        self.path, self.line, self.info, self.code = path, line, info, code

    @property
    def lang(self):
        return self.info.split()[0].lower() if self.info.split() else ""

    @property
    def is_fragment(self):
        return "fragment" in self.info.split()[1:]


class Section:
    def __init__(self, number, title, line):
        self.number, self.title, self.line = number, title, line
        self.words = 0
        self.examples = 0
        self.exam_note = False


def read_toc(path):
    chapters = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            raw = raw.rstrip("\n")
            if not raw or raw.startswith("#"):
                continue
            fname, number, title = raw.split("|", 2)
            if fname:
                chapters.append({"file": fname, "number": number, "title": title, "sections": []})
            else:
                chapters[-1]["sections"].append((number, title))
    return chapters


def slugify(text):
    """GitHub-style anchor: lower case, punctuation dropped, spaces to dashes."""
    text = re.sub(r"[`*_~\[\]()]", "", text).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def parse_chapter(path):
    """Split a chapter into headings, sections, code blocks and links."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    headings, blocks, links = [], [], []
    sections = []
    current = None
    fence = None
    code, code_start, info = [], 0, ""
    for i, line in enumerate(lines, 1):
        if fence:
            m = re.match(r"^ {0,3}(`{3,}|~{3,})\s*$", line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                blocks.append(Block(path, code_start, info, "\n".join(code) + "\n"))
                if current:
                    current.examples += 1
                fence = None
            else:
                code.append(line)
            continue
        m = FENCE_RE.match(line)
        if m:
            fence, info, code, code_start = m.group(2), m.group(3).strip(), [], i
            continue
        m = HEADING_RE.match(line)
        if m:
            level, text = len(m.group(1)), m.group(2)
            headings.append((level, text, i))
            if level == 2:
                num = text.split()[0] if text.split() else ""
                current = Section(num, text[len(num):].strip(), i)
                sections.append(current)
            continue
        for lm in LINK_RE.finditer(line):
            links.append((lm.group(1), i))
        if current:
            if re.match(r"^\s*>\s*\*\*Exam note:?\*\*", line):
                current.exam_note = True
            current.words += len(WORD_RE.findall(re.sub(r"\]\([^)]*\)", "]", line)))
    if fence:
        blocks.append(Block(path, code_start, info, "\n".join(code) + "\n"))
    return headings, sections, blocks, links


def run_block(block):
    """Run or compile one block; returns an error string or None."""
    with tempfile.TemporaryDirectory(prefix="studyterm-example-") as tmp:
        script = os.path.join(tmp, "example.py")
        with open(script, "w", encoding="utf-8") as f:
            f.write(block.code)
        if block.is_fragment:
            try:
                py_compile.compile(script, doraise=True)
            except py_compile.PyCompileError as e:
                return "fragment does not compile: %s" % str(e.msg).strip().splitlines()[-1]
            return None
        env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "LANG": "C.UTF-8",
               "PYTHONDONTWRITEBYTECODE": "1", "TZ": "UTC"}
        try:
            p = subprocess.run([PYTHON, script], cwd=tmp, env=env, capture_output=True,
                               text=True, timeout=RUN_TIMEOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return "example did not finish within %d s" % RUN_TIMEOUT
        if p.returncode != 0:
            tail = (p.stderr or p.stdout).strip().splitlines()[-3:]
            return "example exited %d: %s" % (p.returncode, " | ".join(tail))
    return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--content", default=os.path.join(here, "..", "..", "content"))
    ap.add_argument("--toc", default=os.path.join(here, "toc.txt"))
    ap.add_argument("--results")
    ap.add_argument("--only", help="comma-separated chapter numbers to check")
    ap.add_argument("--no-run", action="store_true", help="compile python blocks only")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    toc = read_toc(args.toc)
    only = set(args.only.split(",")) if args.only else None
    results = []  # (name, ok)
    problems = []
    warnings = []
    section_numbers = {s for ch in toc for s, _ in ch["sections"]} | {ch["number"] for ch in toc}
    all_anchors = set()
    parsed = {}

    def problem(path, line, msg):
        problems.append("%s:%d: %s" % (os.path.relpath(path), line, msg))

    for ch in toc:
        if only and ch["number"] not in only:
            continue
        path = os.path.join(args.content, ch["file"])
        if not os.path.exists(path):
            problem(path, 0, "chapter file missing")
            results.append(("content/%s present" % ch["file"], False))
            continue
        parsed[ch["number"]] = (path, parse_chapter(path))
        for level, text, _ in parsed[ch["number"]][1][0]:
            all_anchors.add(slugify(text))

    table = []
    total_words = 0
    all_blocks = []
    for ch in toc:
        if ch["number"] not in parsed:
            continue
        path, (headings, sections, blocks, links) = parsed[ch["number"]]
        ok = True
        want_h1 = "%s %s" % (ch["number"], ch["title"])
        h1 = [h for h in headings if h[0] == 1]
        if not h1 or h1[0][1] != want_h1:
            problem(path, h1[0][2] if h1 else 1, "first heading must be '# %s'" % want_h1)
            ok = False
        got = [(s.number, s.title) for s in sections]
        if got != ch["sections"]:
            for want, have in zip(ch["sections"], got + [None] * len(ch["sections"])):
                if want != have:
                    line = next((s.line for s in sections if have and s.number == have[0]), 1)
                    problem(path, line, "expected section '## %s %s', found %s" %
                            (want[0], want[1], "'## %s %s'" % have if have else "nothing"))
                    break
            if len(got) > len(ch["sections"]):
                problem(path, sections[len(ch["sections"])].line, "unexpected extra level-2 heading")
            ok = False
        results.append(("chapter %s sections in order" % ch["number"], ok))

        for s in sections:
            sok = True
            if s.words < MIN_WORDS:
                problem(path, s.line, "section %s has %d words of prose, needs %d" %
                        (s.number, s.words, MIN_WORDS))
                sok = False
            if s.examples < 1:
                problem(path, s.line, "section %s has no example (fenced code block)" % s.number)
                sok = False
            if not s.exam_note:
                problem(path, s.line, "section %s has no '> **Exam note:**' block" % s.number)
                sok = False
            results.append(("section %s words, example, exam note" % s.number, sok))
            total_words += s.words

        link_ok = True
        for target, line in links:
            if target.startswith("#"):
                anchor = target[1:]
                if anchor.replace("-", ".") in section_numbers or anchor in section_numbers:
                    continue
                if anchor in all_anchors:
                    continue
                problem(path, line, "internal link %s resolves to no section or heading" % target)
                link_ok = False
            elif target.startswith("practice:"):
                if target[len("practice:"):] not in section_numbers:
                    problem(path, line, "practice link %s names no section" % target)
                    link_ok = False
            elif target.startswith("exercise:"):
                ex = target[len("exercise:"):]
                if not os.path.isdir(os.path.join(args.content, "exercises", ex)):
                    warnings.append("%s:%d: warning: exercise %s does not exist yet" %
                                    (os.path.relpath(path), line, ex))
            elif not re.match(r"^(https?://|mailto:)", target):
                problem(path, line, "link target %s is neither internal nor absolute" % target)
                link_ok = False
        results.append(("chapter %s links resolve" % ch["number"], link_ok))

        py = [b for b in blocks if b.lang == "python"]
        all_blocks.extend(py)
        table.append((ch["number"], ch["title"], sections, len(blocks), len(py)))

    if args.no_run:
        for b in all_blocks:
            b.info = b.info if b.is_fragment else b.info + " fragment"
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        outcomes = list(pool.map(run_block, all_blocks))
    for b, err in zip(all_blocks, outcomes):
        name = "%s:%d python %s" % (os.path.relpath(b.path), b.line,
                                    "fragment compiles" if b.is_fragment else "example runs")
        if err:
            problem(b.path, b.line, err)
        results.append((name, err is None))

    print("%-4s %-42s %8s %6s %9s" % ("ch", "title", "sections", "words", "examples"))
    for number, title, sections, nblocks, npy in table:
        words = sum(s.words for s in sections)
        print("%-4s %-42s %8d %6d %9d" % (number, title[:42], len(sections), words, nblocks))
        for s in sections:
            print("     %-6s %-35s %6d %s" % (s.number, s.title[:35], s.words,
                                             "" if s.words >= MIN_WORDS else "< %d" % MIN_WORDS))
    print("total words: %d (floor %d)" % (total_words, MIN_TOTAL_WORDS))
    if not only:
        if total_words < MIN_TOTAL_WORDS:
            problems.append("content: %d words in all, needs %d" % (total_words, MIN_TOTAL_WORDS))
        results.append(("course total words", total_words >= MIN_TOTAL_WORDS))

    for w in warnings:
        print(w)
    for p in problems:
        print(p, file=sys.stderr)
    passed = sum(1 for _, ok in results if ok)
    failed = len(results) - passed
    if args.results:
        with open(args.results, "a", encoding="utf-8") as f:
            for name, ok in results:
                f.write("%s content: %s\n" % ("PASS" if ok else "FAIL", name))
    print("content: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
