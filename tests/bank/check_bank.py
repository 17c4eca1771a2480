#!/usr/bin/python3
"""The built-in question bank's floors (issue 5), checked inside make check.

Runs `studyterm bank check --run --coverage quizzes` (every python-output
key proven by running its code), prints the coverage table, and appends one
PASS/FAIL line per rule to the results file:
  - the check exits 0 with 0 errors and 0 warnings;
  - every section 1.1-10.5 of content/ has at least 6 questions, chapter 11
    at least 20, and the bank at least 330;
  - at least 30% of the questions are not single-answer;
  - every chapter has an order or a match question;
  - chapter 5 has at least 12 sql questions;
  - each difficulty holds between a quarter and two fifths of the bank.
Usage: check_bank.py BINARY --results FILE
"""
import argparse
import glob
import re
import subprocess
import sys

TYPES = ["single", "multi", "t/f", "short", "num", "order", "match", "sql"]


def course_sections(content):
    sections = []
    for path in sorted(glob.glob(content + "/[0-9][0-9]-*.md")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"## (\d+\.\d+) ", line)
                if m:
                    sections.append(m.group(1))
    return sections


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--results", required=True)
    ap.add_argument("--content", default="content")
    ap.add_argument("--quizzes", default="quizzes")
    args = ap.parse_args()
    results = []

    def rule(ok, name):
        results.append(("PASS " if ok else "FAIL ") + "bank: " + name)

    p = subprocess.run([args.binary, "--content", args.content, "bank", "check", "--run",
                        "--coverage", args.quizzes], capture_output=True, text=True)
    sys.stdout.write(p.stdout)
    sys.stdout.write(p.stderr)
    rule(p.returncode == 0 and " 0 errors, 0 warnings" in p.stdout,
         "quizzes/ checks clean with every python-output key proven")

    rows = {}
    for line in p.stdout.splitlines():
        parts = line.split()
        if len(parts) == 1 + len(TYPES) + 4 and re.match(r"^\d+\.\d+$|^all$", parts[0]):
            counts = [int(x) for x in parts[1:]]
            rows[parts[0]] = dict(zip(TYPES + ["total", "d1", "d2", "d3"], counts))
        elif len(parts) == 2 + len(TYPES) + 4 and parts[0] == "ch":
            counts = [int(x) for x in parts[2:]]
            rows["ch " + parts[1]] = dict(zip(TYPES + ["total", "d1", "d2", "d3"], counts))

    sections = course_sections(args.content)
    thin = [s for s in sections if not s.startswith("11.") and rows.get(s, {}).get("total", 0) < 6]
    rule(bool(sections) and not thin,
         "every section 1.1-10.5 has 6 or more questions" + (" (short: %s)" % " ".join(thin) if thin else ""))
    ch11 = rows.get("ch 11", {}).get("total", 0)
    rule(ch11 >= 20, "chapter 11 has 20 or more review questions (%d)" % ch11)
    total = rows.get("all", {}).get("total", 0)
    rule(total >= 330, "330 or more questions in all (%d)" % total)
    share = 100 * (total - rows.get("all", {}).get("single", 0)) / total if total else 0
    rule(share >= 30, "30%% or more are not single-answer (%.0f%%)" % share)
    chapters = sorted({s.split(".")[0] for s in sections}, key=int)
    lacking = [c for c in chapters
               if rows.get("ch " + c, {}).get("order", 0) + rows.get("ch " + c, {}).get("match", 0) == 0]
    rule(bool(chapters) and not lacking,
         "every chapter has an order or match question" + (" (not: %s)" % " ".join(lacking) if lacking else ""))
    sql5 = rows.get("ch 5", {}).get("sql", 0)
    rule(sql5 >= 12, "chapter 5 has 12 or more sql questions (%d)" % sql5)
    for d in ("d1", "d2", "d3"):
        part = 100 * rows.get("all", {}).get(d, 0) / total if total else 0
        rule(25 <= part <= 40, "difficulty %s holds a quarter to two fifths (%.0f%%)" % (d[1], part))

    with open(args.results, "a", encoding="utf-8") as f:
        for line in results:
            f.write(line + "\n")
    for line in results:
        if line.startswith("FAIL"):
            print(line, file=sys.stderr)


if __name__ == "__main__":
    main()
