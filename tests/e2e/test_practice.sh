#!/bin/sh
# End-to-end tests of practice and the bank commands on the real binary:
# headless screens for the practice screen, a tmux session for a real
# terminal, the plain mode with answers on stdin, and bank check / build /
# export from the command line. A bank built from the sample fixture (one
# question of every type, sections of the fixture course) stands in for the
# built-in bank; the clock is pinned and the draw seeded.
. tests/lib.sh
pin_env
tmp=$(mktemp -d)
home=$STUDYTERM_HOME
trap 'rm -rf "$tmp" "$home"; [ -n "${sock:-}" ] && tmux -L "$sock" kill-server 2>/dev/null' EXIT
SAMPLE="$PWD/tests/fixtures/banks/sample.md"
DATA="$tmp/data"
mkdir -p "$DATA"
ln -s "$PWD/data/sandbox" "$DATA/sandbox"

"$BIN" --content "$FIXTURE" bank build -o "$DATA/bank.sqlite" "$SAMPLE" > "$tmp/build.out" 2>&1
check "bank: build reports what it wrote" grep -q "wrote $DATA/bank.sqlite: 8 questions in 1 file: single 1, multi 1, truefalse 1, short 1, numeric 1, order 1, match 1, sql 1; 0 errors, 0 warnings" "$tmp/build.out"

# run NAME SIZE SCRIPT [ARGS...]: the app headless; screens in $tmp/NAME.out.
# Each run starts with no history unless HOME_OF names an earlier run.
run() {
	name=$1 size=$2 script=$3
	shift 3
	printf '%b' "$script" > "$tmp/$name.keys"
	mkdir -p "$tmp/home-${HOME_OF:-$name}"
	STUDYTERM_HOME="$tmp/home-${HOME_OF:-$name}" "$BIN" --content "$FIXTURE" --data "$DATA" --headless "$tmp/$name.keys" --size "$size" "$@" \
		> "$tmp/$name.out" 2> "$tmp/$name.err"
	echo $? > "$tmp/$name.rc"
	if grep -qE 'Sanitizer|runtime error' "$tmp/$name.err"; then
		fail "practice: $name runs without sanitizer reports" "$(grep -m3 -E 'ERROR|runtime error|#[0-9] ' "$tmp/$name.err")"
	fi
}
screen() { awk -v n="$2" '/^--- screen [0-9]+ ---$/ { k++; next } k == n' "$tmp/$1.out"; }
has() { screen "$1" "$2" | grep -qF -- "$3"; }
hasnt() { ! has "$@"; }
# label NAME N TEXT: the option number shown before TEXT on screen N
label() { screen "$1" "$2" | grep -F -- "$3" | sed -n 's/.*[])] \([0-9]\)  .*/\1/p' | head -n 1; }

# Home offers practice with the counts.
run home 80x24 'dump\nkeys q\n'
check "practice: home counts questions" has home 1 "8 questions, 0 due: p to practise"

# Section 1.1 holds a single-answer and an SQL question; the seeded draw
# asks the single-answer one first. Look at it, then answer it right.
run look 80x30 'dump\n' practice --section 1.1 --seed 7
check "practice: the title names section and kind" has look 1 "Practice · 1 of 20 · 1.1 Applying migrations · new"
check "practice: the stem is shown" has look 1 "Which command applies pending migrations"
right=$(label look 1 "flask db upgrade")
wrong=$(label look 1 "flask db migrate")
check "practice: options are numbered" [ -n "$right" ] && [ -n "$wrong" ]

# A question taller than the screen opens at its top, PgDn and PgUp move
# through it and stay put, and feedback opens at the verdict.
cat > "$tmp/tall.md" <<'BANK'
## A long stem
id: tall · section: 3.1 · difficulty: 1

The first line of a stem that is much taller than the screen.

```python
one = 1
two = 2
three = 3
four = 4
five = 5
six = 6
```

The question comes last: is this stem long?

- [x] Yes
- [ ] No

> It has a code block of six lines. Re-read 3.1.
BANK
run tall 60x12 "dump\nkeys <PgDn>\ndump\nkeys <PgUp>\ndump\nkeys 1\ndump\nkeys <Enter>\ndump\n" --bank "$tmp/tall.md" practice --section 3.1 --seed 1
check "practice: a tall question opens at its top" has tall 1 "The first line of a stem"
check "practice: the footer offers PgDn" has tall 1 "PgDn more"
check "practice: PgDn scrolls the stem away" hasnt tall 2 "The first line of a stem"
check "practice: the footer then offers PgUp" has tall 2 "PgUp back"
check "practice: PgUp comes back to the top" has tall 3 "The first line of a stem"
check "practice: picking brings the option into view" has tall 4 "(•) 1  Yes"
check "practice: feedback opens at the verdict" has tall 5 "✓ Right."
check "practice: the explanation follows the verdict" has tall 5 "six lines"

run right 80x30 "keys $right\ndump\nkeys <Enter>\ndump\nkeys <Enter>\ndump\n" practice --section 1.1 --seed 7
check "practice: a number picks the option" has right 1 "(•) $right  flask db upgrade"
check "practice: a right answer says so" has right 2 "✓ Right."
check "practice: the explanation follows" has right 2 "runs it against the database."
check "practice: the rating defaults to Good" has right 2 "(Enter: good)"
check "practice: Enter rates and moves on" has right 3 "Practice · 2 of 20 · 1.1 Ponies per owner · new"

# A wrong answer: marks, the key, the option's own feedback; r reads the
# section and q comes back to the feedback.
run wrong 80x30 "keys $wrong<Enter>\ndump\nkeys r\ndump\nkeys q\ndump\nkeys 1\ndump\nkeys <Esc>\ndump\n" practice --section 1.1 --seed 7
check "practice: a wrong answer says so" has wrong 1 "✗ Not right."
check "practice: the key is given" has wrong 1 "The answer: $right"
check "practice: the wrong pick is marked" has wrong 1 "✗ (•) $wrong  flask db migrate"
check "practice: the right option is marked" has wrong 1 "✓ ( ) $right  flask db upgrade"
check "practice: the picked option's feedback shows" has wrong 1 "This one only writes a revision script."
check "practice: r opens the section in the reader" has wrong 2 "1.1 First Steps"
check "practice: q in the reader comes back to the feedback" has wrong 3 "✗ Not right."
check "practice: rated Again, the next question comes" has wrong 4 "2 of 20"
check "practice: Esc ends with a summary" has wrong 5 "0 of 1 right (0% of the credit)"
check "practice: the summary names the weak section" has wrong 5 "Weakest sections: 1.1 (0%)"
check "practice: the summary says when reviews are due" has wrong 5 "next one in 1 min 0 s"

# Quit and resume: the missed question is due after its one-minute step.
HOME_OF=wrong STUDYTERM_CLOCK=$((STUDYTERM_CLOCK + 120)) run resume 80x30 'dump\n' practice --seed 99
check "practice: the missed question returns as a review" has resume 1 "1.1 Applying migrations · review"
HOME_OF=wrong run home2 80x24 'dump\n'
check "practice: home counts the due review" has home2 1 "8 questions, 0 due"
HOME_OF=wrong STUDYTERM_CLOCK=$((STUDYTERM_CLOCK + 120)) run home3 80x24 'dump\n'
check "practice: home counts it once due" has home3 1 "8 questions, 1 due"

# Each type's input: ordering with J/K, matching with letters, typed text.
run order 80x30 'dump\nkeys J\ndump\n' practice --section 3.1 --seed 1
first=$(screen order 1 | grep -m1 '^ *1\.  ' | sed 's/^ *1\.  //')
check "practice: J moves the chosen item down" sh -c "awk -v n=2 '/^--- screen [0-9]+ ---\$/ { k++; next } k == n' '$tmp/order.out' | grep -qF -- '2.  $first'"
run short 80x30 'keys upgrade<Enter>\ndump\n' practice --section 2.2 --seed 1
check "practice: a typed answer is graded" has short 1 "✓ Right."
run numeric 80x30 'keys 4995<Enter>\ndump\n' practice --section 2.3 --seed 1
check "practice: a number in the partial range earns part" has numeric 1 "◐ Partly right: 50% credit."
# A reply with a unit is refused, not marked wrong: the learner types again.
run units 80x30 'keys 5000 port<Enter>\ndump\nkeys <BS><BS><BS><BS><BS><Enter>\ndump\n' practice --section 2.3 --seed 1
check "practice: a numeric reply with a unit is refused" has units 1 "Not a number: type digits only"
check "practice: a refused reply is not graded" hasnt units 1 "Not right"
check "practice: the corrected reply is graded" has units 2 "✓ Right."
run sql 100x40 'keys x\ndump\n' practice --section 1.1 --seed 7 --due
check "practice: --due with nothing due says so" has sql 1 "Nothing is due for review."

# The plain mode: same session, text on stdout, answers from stdin.
STUDYTERM_HOME="$tmp/home-plain-units"
printf '5000 port\n5000\n\n' | "$BIN" --content "$FIXTURE" --data "$DATA" practice --plain --section 2.3 --seed 1 --count 1 > "$tmp/plain-units.out" 2>&1
check "plain: a numeric reply with a unit is asked again" grep -q "^'5000 port' is not a number: type digits only, like 42 or 3.5.$" "$tmp/plain-units.out"
check "plain: then the number is graded" grep -qx "Right." "$tmp/plain-units.out"
STUDYTERM_HOME="$tmp/home-plain"
printf '%s\n\n' "$right" | "$BIN" --content "$FIXTURE" --data "$DATA" practice --plain --section 1.1 --seed 7 --count 1 > "$tmp/plain.out" 2>&1
check "plain: the question is printed" grep -q "^Question 1 of 1 · section 1.1 · new · flask/mig-upgrade" "$tmp/plain.out"
check "plain: options are numbered" grep -q "^  $right) flask db upgrade" "$tmp/plain.out"
check "plain: the verdict" grep -qx "Right." "$tmp/plain.out"
check "plain: the summary" grep -q "^1 of 1 right (100% of the credit)" "$tmp/plain.out"
printf 'SELECT name FROM owners;\n1\n' | "$BIN" --content "$FIXTURE" --data "$DATA" practice --plain --section 1.1 --seed 7 --count 1 > "$tmp/plainsql.out" 2>&1
check "plain: an SQL answer is run and compared" grep -q "expected result has 2" "$tmp/plainsql.out"
printf 'q\n' | "$BIN" --content "$FIXTURE" --data "$DATA" practice --plain --chapter 9 > "$tmp/none.out" 2>&1
check "plain: an empty selection says so" grep -qx "No questions to practise here." "$tmp/none.out"
"$BIN" practice --chapter x > /dev/null 2> "$tmp/badopt.err"
check "plain: a bad option exits 2" [ $? -eq 2 ]
"$BIN" practice --retention 1.5 > /dev/null 2> "$tmp/badret.err"
check "plain: a retention out of range exits 2 and says the range" grep -q "between 0.70 and 0.99" "$tmp/badret.err"
# Easy on a new question jumps straight to review; a higher retention asks
# for it back sooner (fuzz off, so the intervals are exact).
for r in 0.80 0.95; do
	mkdir -p "$tmp/home-ret$r"
	printf '%s\n4\n' "$right" | STUDYTERM_HOME="$tmp/home-ret$r" "$BIN" --content "$FIXTURE" --data "$DATA" practice --plain --section 1.1 --seed 7 --count 1 --no-fuzz --retention $r > "$tmp/ret$r.out" 2>&1
done
check "plain: retention shortens intervals" [ "$(sed -n 's/^Next time in \([0-9]*\) days*\./\1/p' "$tmp/ret0.95.out")" -lt "$(sed -n 's/^Next time in \([0-9]*\) days*\./\1/p' "$tmp/ret0.80.out")" ]

STUDYTERM_HOME="$tmp/home-bank"
mkdir -p "$STUDYTERM_HOME"
# bank check: every error with file:line:col, exit 1; warnings alone exit 0.
cat > "$tmp/bad.md" <<'BANK'
# Bad

## No answers
id: a · section: 1.1

Just a question.

## Two right
id: b · section: 9.9 · type: single

Pick.

- [x] one
- [x] two
BANK
"$BIN" --content "$FIXTURE" bank check "$tmp/bad.md" > "$tmp/check.out" 2> "$tmp/check.err"
check "bank: check exits 1 on errors" [ $? -eq 1 ]
check "bank: no-answers error has its position" grep -q "bad.md:6:1: error: question 'No answers' has no answers" "$tmp/check.err"
check "bank: single with two [x] is an error" grep -q "bad.md:8:1: error: single-answer question 'b' needs exactly one \[x\] option" "$tmp/check.err"
check "bank: an unknown section is a warning" grep -q "bad.md:8:1: warning: question 'b': section 9.9 is not in the course" "$tmp/check.err"
check "bank: no explanation is a warning" grep -q "bad.md:8:1: warning: question 'b' has no explanation" "$tmp/check.err"
"$BIN" --content "$FIXTURE" bank check "$SAMPLE" > "$tmp/check2.out" 2>&1
check "bank: a clean bank checks clean" [ $? -eq 0 ]
# bank check --run proves python-output keys by running the code.
PYBANK=tests/fixtures/banks/pyoutput.md
"$BIN" --content "$FIXTURE" bank check "$PYBANK" > "$tmp/py0.out" 2>&1
check "bank: python-output code is not run without --run" [ $? -eq 0 ]
check "bank: check says the code was not run" grep -q "4 python-output questions: code not run (--run runs it)" "$tmp/py0.out"
"$BIN" --content "$FIXTURE" bank check --run "$PYBANK" > "$tmp/py1.out" 2> "$tmp/py1.err"
check "bank: --run fails on a wrong key" [ $? -eq 1 ]
check "bank: the wrong key is named with what the code printed" grep -q "pyoutput.md:52:1: error: question 'py-wrong': its python code printed '8', but the key says '6'" "$tmp/py1.err"
check "bank: right keys (printed, raised, numeric) pass" [ "$(grep -c error "$tmp/py1.err")" -eq 1 ]
"$BIN" --content "$FIXTURE" bank check --python /nonexistent/python3 "$PYBANK" > /dev/null 2> "$tmp/py2.err"
check "bank: a missing interpreter is an error" grep -q "cannot run /nonexistent/python3" "$tmp/py2.err"
"$BIN" --content "$FIXTURE" bank check --coverage "$SAMPLE" > "$tmp/cov.out" 2>&1
check "bank: --coverage prints the section x type table" grep -q "^sect\.  single  multi    t/f  short    num  order  match    sql total  d1  d2  d3$" "$tmp/cov.out"
check "bank: the table totals every question" grep -q "^all  *[0-9 ]* 8 " "$tmp/cov.out"
check "bank: the table fits 80 columns" [ "$(sed -n '/^sect\./,/^not single/p' "$tmp/cov.out" | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')" -eq 80 ]
cp "$DATA/bank.sqlite" "$tmp/before.sqlite"
"$BIN" --content "$FIXTURE" bank build -o "$DATA/bank.sqlite" "$tmp/bad.md" > /dev/null 2>&1
check "bank: a broken bank is not built" [ $? -eq 1 ]
check "bank: the previous database stays" cmp -s "$DATA/bank.sqlite" "$tmp/before.sqlite"

# export md round-trips; the other formats say what they leave out.
"$BIN" --content "$FIXTURE" --data "$DATA" bank export --format md > "$tmp/export.md" 2> "$tmp/export.err"
"$BIN" --content "$FIXTURE" bank build -o "$tmp/again.sqlite" "$tmp/export.md" > "$tmp/again.out" 2>&1
check "bank: an md export builds again" grep -q "8 questions in 1 file" "$tmp/again.out"
"$BIN" --content "$FIXTURE" --data "$DATA" bank export --format md --bank flask > "$tmp/export2.md" 2>/dev/null
check "bank: export is stable" cmp -s "$tmp/export.md" "$tmp/export2.md"
"$BIN" --content "$FIXTURE" --data "$DATA" bank export --format gift > "$tmp/export.gift" 2> "$tmp/gift.err"
check "bank: gift export reports the order question it leaves out" grep -q "skipped: .*lifecycle" "$tmp/gift.err"
check "bank: gift export carries ids" grep -q "^// studyterm: id: mig-upgrade" "$tmp/export.gift"
"$BIN" --content "$FIXTURE" --data "$DATA" bank export --format anki-tsv > "$tmp/export.tsv" 2>/dev/null
check "bank: anki export has a note per question" [ "$(grep -vc '^#' "$tmp/export.tsv")" -eq 8 ]
"$BIN" --data "$DATA" bank list > "$tmp/list.out" 2>&1
check "bank: list counts the bank" grep -q "^flask  *8 questions" "$tmp/list.out"

# Search: every word in any form, phrases, prefixes, exclusions; the title
# counts most. Nothing found exits 1, like grep.
"$BIN" --data "$DATA" bank search migration > "$tmp/search1.out" 2>&1
check "bank search: a word finds its other forms, title matches first" sh -c "head -n 1 '$tmp/search1.out' | grep -q '^flask/mig-upgrade  *1.1  *single  *Applying migrations$'"
check "bank search: every question holding the word" [ "$(grep -c '^flask/' "$tmp/search1.out")" -eq 2 ]
"$BIN" --data "$DATA" bank search '"flask db upgrade"' > "$tmp/search2.out" 2>&1
check "bank search: a quoted phrase" grep -q "^flask/mig-upgrade " "$tmp/search2.out"
"$BIN" --data "$DATA" bank search upgrade -revision > "$tmp/search3.out" 2>&1
check "bank search: -word excludes" sh -c "grep -q '^flask/short-upgrade ' '$tmp/search3.out' && ! grep -q '^flask/mig-upgrade ' '$tmp/search3.out'"
"$BIN" --data "$DATA" bank search --limit 1 upgrade > "$tmp/search4.out" 2>&1
check "bank search: --limit, and says there may be more" sh -c "[ \$(grep -c '^flask/' '$tmp/search4.out') -eq 1 ] && grep -q 'the best 1; --limit N shows more' '$tmp/search4.out'"
"$BIN" --data "$DATA" bank search xyzzy > "$tmp/search5.out" 2>&1
check "bank search: nothing found exits 1 and says so" sh -c "[ $? -eq 1 ] && grep -q 'no question matches xyzzy' '$tmp/search5.out'"
"$BIN" --data "$DATA" bank search '...' > "$tmp/search6.out" 2>&1
check "bank search: a query without words is refused" sh -c "[ $? -eq 1 ] && grep -q 'no word to look for' '$tmp/search6.out'"

# Instructor banks: a good file loads beside the built-in bank, a broken one
# is skipped whole with its errors.
mkdir -p "$STUDYTERM_HOME/banks"
cp "$SAMPLE" "$STUDYTERM_HOME/banks/extra.md"
cp "$tmp/bad.md" "$STUDYTERM_HOME/banks/broken.md"
"$BIN" --content "$FIXTURE" --data "$DATA" bank list > "$tmp/list2.out" 2> "$tmp/list2.err"
check "bank: an instructor bank loads under its own id" grep -q "^extra  *8 questions" "$tmp/list2.out"
check "bank: a broken instructor bank is skipped whole" grep -q "broken.md:0:0: error: skipped: none of this file's 2 questions were loaded" "$tmp/list2.err"
check "bank: nothing of the broken bank is loaded" sh -c "! grep -q '^broken' '$tmp/list2.out'"
rm -f "$STUDYTERM_HOME/banks/broken.md" "$STUDYTERM_HOME/banks/extra.md"

# A real terminal: answer, see feedback, rate, end.
if command -v tmux > /dev/null 2>&1; then
	STUDYTERM_HOME="$tmp/home-tmux"
	sock="studyterm-practice-$$"
	T() { tmux -L "$sock" -f /dev/null "$@"; }
	T new-session -d -s t -x 80 -y 30 "env LANG=C.UTF-8 TZ=UTC TERM=xterm-256color STUDYTERM_HOME=$STUDYTERM_HOME STUDYTERM_CLOCK=$STUDYTERM_CLOCK '$BIN' --content '$FIXTURE' --data '$DATA' practice --section 1.1 --seed 7; echo EXITED=\$?; sleep 30"
	T set-option -t t status off > /dev/null
	wait_for() {
		i=0
		while [ $i -lt 100 ]; do
			T capture-pane -p -t t 2>/dev/null | grep -qF -- "$1" && return 0
			sleep 0.05
			i=$((i + 1))
		done
		T capture-pane -p -t t 2>&1 | sed 's/^/    | /' >&2
		return 1
	}
	check "tmux: practice shows the question" wait_for "Which command applies pending migrations"
	T send-keys -t t "$right" Enter
	check "tmux: feedback after Enter" wait_for "✓ Right."
	T send-keys -t t 4
	check "tmux: rating moves on" wait_for "2 of 20"
	T send-keys -t t Escape
	check "tmux: Esc in a typed answer ends the session" wait_for "1 of 1 right (100% of the credit)"
	T send-keys -t t q
	T send-keys -t t q
	check "tmux: the app exits cleanly" wait_for "EXITED=0"
	T kill-server 2>/dev/null

	# Wrong, read the section, come back, rate Again, quit; a new session two
	# minutes later starts with that question as a review.
	# A fresh server each time: reusing one right after kill-server races.
	start_tmux() {
		T kill-server 2>/dev/null
		sock="studyterm-practice-$$-$1"
		T new-session -d -s t -x 80 -y 30 "env LANG=C.UTF-8 TZ=UTC TERM=xterm-256color STUDYTERM_HOME=$tmp/home-tmux2 STUDYTERM_CLOCK=$1 '$BIN' --content '$FIXTURE' --data '$DATA' practice --section 1.1 --seed 7; echo EXITED=\$?; sleep 30"
		T set-option -t t status off > /dev/null
	}
	mkdir -p "$tmp/home-tmux2"
	start_tmux "$STUDYTERM_CLOCK"
	check "tmux: second session starts" wait_for "Which command applies pending migrations"
	T send-keys -t t "$wrong" Enter
	check "tmux: a wrong answer is marked" wait_for "✗ Not right."
	T send-keys -t t r
	check "tmux: r opens the reader at the section" wait_for "1 Basics › 1.1 First Steps"
	T send-keys -t t q
	check "tmux: q returns to the feedback" wait_for "The answer: $right"
	T send-keys -t t 1
	check "tmux: rated Again" wait_for "2 of 20"
	T send-keys -t t Escape q q
	check "tmux: quits" wait_for "EXITED=0"
	start_tmux $((STUDYTERM_CLOCK + 120))
	check "tmux: after a restart the missed question is a review" wait_for "1.1 Applying migrations · review"
	T send-keys -t t q q q
	T kill-server 2>/dev/null
fi
