#!/usr/bin/python3
"""Writes a synthetic native question bank (studyterm-bank(5)) into DIR.

N questions (default 100,000) spread over FILES files (default 10), one
chapter per file as in quizzes/: DIR/01-chapter.md .. DIR/10-chapter.md,
each question in a section of its chapter that exists in content/ (1.1 ..
10.5). Deterministic: the same arguments always give the same bytes.

The mix of types follows the built-in bank (about half single-answer, then
match, multi, true/false, order, short, numeric and sql); questions are
about as long as the built-in ones (~1 KB; quizzes/ averages 930 bytes):
a title, a metadata line, a stem of a few sentences with a fenced code
block in about a third of them, the answer block with feedback on some
options, and an explanation.
Ids are unique across the files. The bank checks clean: no errors, no
warnings. Usage: gen_bank.py DIR [N] [FILES]
"""
import os
import random
import sys

WORDS = ("pony owner handler stable session query model column relationship "
         "migration revision upgrade database engine template request response "
         "blueprint route view form field validator token cookie config factory "
         "context cache worker socket schema serializer fixture client").split()
FILLER = ("the a of to and with for every each which when after before its "
          "into from only then").split()

# The sections of chapters 1 to 10 in content/ (## headings).
SECTIONS = {1: 4, 2: 6, 3: 5, 4: 5, 5: 6, 6: 5, 7: 5, 8: 5, 9: 5, 10: 5}

# Type and weight, as in the built-in bank (single 54, match 12, multi 10,
# truefalse 10, order 8, short 6, numeric 5, sql 3 of 108).
TYPES = (("single", 50), ("match", 11), ("multi", 10), ("truefalse", 9), ("order", 8),
         ("short", 6), ("numeric", 5), ("sql", 3))

CODE = {
    "python": ['@app.route("/ponies/<int:pony_id>")', "def show(pony_id):",
               "    pony = db.get_or_404(Pony, pony_id)",
               '    return render_template("pony.html", pony=pony)'],
    "console": ["$ flask --app ponies db upgrade",
                "INFO  [alembic.runtime.migration] Running upgrade  -> 3f2a, add owner"],
    "jinja": ['{% extends "base.html" %}',
              "{% block body %}<p>{{ pony.name|title }}</p>{% endblock %}"],
    "sql": ["SELECT owner.name, COUNT(pony.id) FROM owner",
            "LEFT JOIN pony ON pony.owner_id = owner.id GROUP BY owner.id;"],
}

QUERIES = ["SELECT name FROM ponies WHERE age > %d ORDER BY name;",
           "SELECT o.name, count(p.id) AS n\nFROM owners o LEFT JOIN ponies p ON p.owner_id = o.id\n"
           "GROUP BY o.id HAVING n >= %d ORDER BY n DESC, o.name;",
           "SELECT colour, avg(age)\nFROM ponies\nWHERE age IS NOT NULL AND id > %d\nGROUP BY colour;"]


def words(rng, lo, hi):
    return " ".join(rng.choice(WORDS if rng.random() < 0.6 else FILLER)
                    for _ in range(rng.randint(lo, hi)))


def sentence(rng, lo=7, hi=16):
    ws = words(rng, lo, hi).capitalize().split()
    i = rng.randrange(1, len(ws))
    ws[i] = rng.choice(["*%s*", "**%s**", "`%s`", "`db.%s()`"]) % ws[i]
    return " ".join(ws) + "."


def wrap(text, width=88, prefix=""):
    lines, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            lines.append(prefix + line)
            line = w
        else:
            line = w if not line else line + " " + w
    lines.append(prefix + line)
    return "\n".join(lines)


def option(rng, n):
    """An option text, unique within its question through n."""
    code = rng.choice(["`%s.%s(%d)`", "`flask %s %s --limit %d`", "`%s_%s = %d`"]) % (
        rng.choice(WORDS), rng.choice(WORDS), n)
    return rng.choice(["%s", "%s " + words(rng, 4, 10), words(rng, 4, 10).capitalize() + " %s"]) % code


def feedback(rng):
    return "  > " + sentence(rng)


def stem(rng):
    out = [wrap(" ".join(sentence(rng) for _ in range(rng.randint(2, 4))))]
    if rng.random() < 0.35:
        lang = rng.choice(sorted(CODE))
        out.append("```%s\n%s\n```" % (lang, "\n".join(CODE[lang])))
        out.append(wrap(sentence(rng)))
    return out


def answers(rng, qtype, fields):
    if qtype in ("single", "multi"):
        n = rng.randint(3, 5)
        right = {rng.randrange(n)}
        if qtype == "multi":
            right |= {rng.randrange(n) for _ in range(2)}
            if len(right) == 1:
                fields.append("type: multi")
            if rng.random() < 0.3:
                fields.append("all-or-nothing")
        lines = []
        for k in range(n):
            lines.append("- [%s] %s" % ("x" if k in right else " ", option(rng, k)))
            if k not in right and rng.random() < 0.6:
                lines.append(feedback(rng))
        return "\n".join(lines)
    if qtype == "truefalse":
        return "- [x] True\n- [ ] False" if rng.random() < 0.5 else "- [ ] True\n- [x] False"
    if qtype == "short":
        fields.append("type: short")
        w = rng.choice(WORDS)
        lines = ["- %s" % w, "- `flask %s`" % w]
        if rng.random() < 0.5:
            lines += ["- (50%%) %s_%s" % (w, rng.choice(WORDS)), feedback(rng)]
        return "\n".join(lines)
    if qtype == "numeric":
        v = rng.randint(1, 9000)
        return rng.choice(["- %d" % v, "- %d ± %d" % (v, rng.randint(1, 5)),
                           "- %d\n- (50%%) %d..%d\n%s" % (v, v - 10, v + 10, feedback(rng))])
    if qtype == "order":
        return "\n".join("%d. %s" % (k + 1, option(rng, k)) for k in range(rng.randint(3, 5)))
    if qtype == "match":
        rows = ["| %s | %s |" % (rng.choice(WORDS).capitalize(), rng.choice(WORDS).capitalize()),
                "| --- | --- |"]
        rows += ["| `%s_%d` | %s |" % (rng.choice(WORDS), k, words(rng, 3, 8))
                 for k in range(rng.randint(3, 5))]
        return "\n".join(rows)
    fields.append("dataset: ponies")
    if rng.random() < 0.5:
        fields.append("ordered")
    return "```sql\n%s\n```" % (rng.choice(QUERIES) % rng.randint(1, 9))


def question(rng, n, chapter):
    section = "%d.%d" % (chapter, rng.randint(1, SECTIONS[chapter]))
    qtype = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
    slug = "-".join(rng.choice(WORDS) for _ in range(2))
    fields = ["id: c%d-%s-%06d" % (chapter, slug, n), "section: " + section,
              "difficulty: %d" % rng.randint(1, 3)]
    body = stem(rng)
    block = answers(rng, qtype, fields)
    expl = " ".join(sentence(rng) for _ in range(rng.randint(2, 5))) + " Re-read %s." % section
    title = "## " + words(rng, 3, 7).capitalize() + "\n" + " · ".join(fields)
    return "\n\n".join([title] + body + [block, wrap(expl, 86, "> ")])


def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    n_files = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    rng = random.Random(20261122)
    os.makedirs(out, exist_ok=True)
    n = 0
    for f in range(n_files):
        chapter = f % len(SECTIONS) + 1
        count = total // n_files + (f < total % n_files)
        parts = ["# Synthetic chapter %d\n\nGenerated by tests/bench/gen_bank.py." % chapter]
        for _ in range(count):
            parts.append(question(rng, n, chapter))
            n += 1
        with open(os.path.join(out, "%02d-chapter.md" % (f + 1)), "w") as fp:
            fp.write("\n\n".join(parts) + "\n")


main()
