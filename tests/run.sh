#!/bin/sh
# Runs every test suite and ends with one line: "N passed, N failed".
#
# Each suite appends "PASS name" / "FAIL name" lines to one results file:
#   unit     cmocka binaries in $BUILD/tests (TAP output, one line per test)
#   golden   Markdown in, laid-out text out, at several widths; pathological input
#   e2e      the real binary: headless scripted screens and tmux sessions
#   bank     the question bank's checks and floors (tests/bank; not in the sanitizer run)
#   content  the course checker (skipped in the sanitizer run: it tests no C)
# Environment: BUILD (default build), SANITIZED=1 for the asan run.
set -u
BUILD=${BUILD:-build}
export BUILD
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
results=$(mktemp)
export RESULTS="$results"
trap 'rm -f "$results"' EXIT

echo "== unit"
# test_exam_draw draws every shipped exam profile from the built-in bank.
if [ -z "${STUDYTERM_TEST_BANK:-}" ] && [ -f data/bank.sqlite ]; then
	STUDYTERM_TEST_BANK="$top/data/bank.sqlite"
	export STUDYTERM_TEST_BANK
fi
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$t" 2>&1)
	rc=$?
	echo "$out" | sed -n 's/^ok [0-9]* - \(.*\)$/PASS unit: '"$name"': \1/p' >> "$results"
	echo "$out" | sed -n 's/^not ok [0-9]* - \(.*\)$/FAIL unit: '"$name"': \1/p' >> "$results"
	if [ $rc -ne 0 ]; then
		echo "$out" | grep -v '^ok ' | head -40
		# A crash (sanitizer report, abort) counts even when no test line says so.
		echo "$out" | grep -q '^not ok' || echo "FAIL unit: $name exited $rc" >> "$results"
	fi
done

echo "== golden"
sh tests/golden/run.sh

echo "== e2e"
for t in tests/e2e/test_*.sh; do
	sh "$t"
done

if [ "${SANITIZED:-0}" != 1 ]; then
	# The built-in bank: clean, python-output keys proven by running their
	# code, and the floors of every section (the coverage table prints here).
	echo "== bank"
	/usr/bin/python3 tests/bank/check_bank.py "$BUILD/studyterm" --results "$results" |
		sed -n '/^sect\./,/python-output/p'
	echo "== content"
	/usr/bin/python3 tests/content/check_content.py --results "$results" >/dev/null 2>"$results.err" ||
		cat "$results.err"
	rm -f "$results.err"
fi

grep '^FAIL' "$results" | sed 's/^/  /'
passed=$(grep -c '^PASS' "$results")
failed=$(grep -c '^FAIL' "$results")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
