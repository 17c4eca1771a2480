#!/usr/bin/python3
"""Writes a synthetic Markdown document of about SIZE bytes to stdout.

A deterministic mix of what a course chapter holds: numbered headings,
wrapped paragraphs with inline markup, lists, block quotes, fenced code in
the highlighted languages, and tables. Usage: gen.py SIZE_BYTES
"""
import random
import sys

WORDS = ("pony owner handler stable session query model column relationship "
         "migration revision upgrade database engine template request response "
         "the a of to and with for every each which when flask sqlalchemy").split()


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
    i = rng.randrange(len(words))
    words[i] = rng.choice(["*%s*", "**%s**", "`%s`", "[%s](#5.5)"]) % words[i]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return "\n".join(sentence(rng) for _ in range(rng.randint(3, 7)))


CODE = {
    "python": ['@app.route("/ponies/<int:pony_id>")', "def show(pony_id):",
               '    """Show one pony."""  # docstring',
               "    pony = db.get_or_404(Pony, pony_id)",
               '    return {"name": pony.name, "age": 3}'],
    "sql": ["SELECT owner.name, COUNT(pony.id) FROM owner",
            "LEFT JOIN pony ON pony.owner_id = owner.id -- all owners",
            "WHERE owner.name LIKE 'A%' GROUP BY owner.id;"],
    "console": ["$ flask --app ponies db upgrade",
                "INFO  [alembic.runtime.migration] Running upgrade"],
    "jinja": ['{% extends "base.html" %}',
              '{% block body %}<p class="x">{{ pony.name|title }}</p>{% endblock %}'],
}


def block(rng, n):
    kind = rng.random()
    if kind < 0.45:
        return paragraph(rng)
    if kind < 0.6:
        lang = rng.choice(sorted(CODE))
        return "```%s\n%s\n```" % (lang, "\n".join(CODE[lang] * rng.randint(1, 3)))
    if kind < 0.72:
        return "\n".join("- " + sentence(rng) for _ in range(rng.randint(2, 6)))
    if kind < 0.8:
        return "\n".join("> " + line for line in paragraph(rng).split("\n"))
    if kind < 0.92:
        rows = ["| Command | Meaning | Notes |", "|:--|:-:|--:|"]
        rows += ["| `flask db %s` | %s | %s |" % (rng.choice(WORDS), sentence(rng),
                                                  rng.choice(WORDS)) for _ in range(rng.randint(2, 6))]
        return "\n".join(rows)
    return "## %d.%d %s" % (n // 50 + 1, n % 50 + 1, sentence(rng)[:-1])


def main():
    size = int(sys.argv[1])
    rng = random.Random(20261122)
    out, total, n = ["# 1 Synthetic chapter\n"], 0, 0
    while total < size:
        b = block(rng, n) + "\n"
        out.append(b)
        total += len(b) + 1
        n += 1
    sys.stdout.write("\n".join(out))


main()
