#!/bin/sh
# End-to-end tests of `studyterm stats`: a bank built from the sample
# fixture, questions answered with `practice --plain` on two days under a
# pinned clock, two mock exams with `exam --plain`, a chapter read in the
# headless reader; then the figures of `stats --json` and the charts of
# `stats --no-color` at several widths.
. tests/lib.sh
pin_env
tmp=$(mktemp -d)
home=$STUDYTERM_HOME
trap 'rm -rf "$tmp" "$home"' EXIT
SAMPLE="$PWD/tests/fixtures/banks/sample.md"
DATA="$tmp/data"
mkdir -p "$DATA"
ln -s "$PWD/data/sandbox" "$DATA/sandbox"
T0=$STUDYTERM_CLOCK # 2026-01-01 00:00 UTC, a Thursday
st() { "$BIN" --content "$FIXTURE" --data "$DATA" "$@"; }

st bank build -o "$DATA/bank.sqlite" "$SAMPLE" > "$tmp/build.out" 2>&1
check "stats: the fixture bank builds" grep -q "8 questions" "$tmp/build.out"

# Nothing answered yet: every figure is zero and the charts still show.
st stats --json > "$tmp/empty.json" 2> "$tmp/empty.err"
check "stats: --json with no history exits 0" [ $? -eq 0 ]
check "stats: nothing answered" grep -q '^    "answered": 0,$' "$tmp/empty.json"
check "stats: no streak" grep -q '^    "streak": 0,$' "$tmp/empty.json"
check "stats: no exams" grep -q '^  "exams": \[\],$' "$tmp/empty.json"
st stats --no-color --width 80 > "$tmp/empty80.out" 2>&1

# Yesterday (31 Dec): the short answer of 2.2, right. Today (1 Jan, just
# after midnight): the migration question of 1.1, right, and the numeric
# question of 2.3, wrong.
printf 'upgrade\n\n' | STUDYTERM_CLOCK=$((T0 - 86400)) st practice --plain --section 2.2 --seed 1 --count 1 > "$tmp/p1.out" 2>&1
check "stats: yesterday's answer is right" grep -qx "Right." "$tmp/p1.out"
printf 'q\n' | st practice --plain --section 1.1 --seed 7 --count 1 > "$tmp/look.out" 2>&1
right=$(sed -n 's/^  \([0-9]\)) flask db upgrade$/\1/p' "$tmp/look.out")
printf '%s\n\n' "$right" | STUDYTERM_CLOCK=$((T0 + 60)) st practice --plain --section 1.1 --seed 7 --count 1 > "$tmp/p2.out" 2>&1
check "stats: today's first answer is right" grep -qx "Right." "$tmp/p2.out"
printf '1\n\n' | STUDYTERM_CLOCK=$((T0 + 120)) st practice --plain --section 2.3 --seed 1 --count 1 > "$tmp/p3.out" 2>&1
check "stats: today's second answer is wrong" grep -qx "Not right." "$tmp/p3.out"
# Read a page of chapter 2 in the headless reader: its place is saved.
printf 'keys <PgDn>\nkeys q\n' > "$tmp/read.keys"
st --headless "$tmp/read.keys" --size 80x24 read 2 > /dev/null 2>&1

# Two mock exams, neither answered: one left open two days ago that ran out
# of time, one submitted today. The title's quotes must be escaped in JSON.
mkdir -p "$DATA/exams"
cat > "$DATA/exams/sample.md" <<'EOF'
# Sample "mock" exam

questions: 6 · time: 10 min · pass: 50%
shuffle: no

## Draw

| from | weight |
| --- | --- |
| chapter 1 | 2 |
| chapter 2 | 1 |
EOF
printf 'q\n' | STUDYTERM_CLOCK=$((T0 - 2 * 86400)) st exam sample --plain --seed 9 > "$tmp/e1.out" 2>&1
STUDYTERM_CLOCK=$((T0 - 2 * 86400 + 900)) st exam sample --plain < /dev/null > "$tmp/e2.out" 2>&1
check "stats: the first exam timed out" grep -q "timed out" "$tmp/e2.out"
printf 's\ny\n' | STUDYTERM_CLOCK=$((T0 + 300)) st exam sample --plain --seed 5 > "$tmp/e3.out" 2>&1
check "stats: the second exam was submitted" grep -q "submitted" "$tmp/e3.out"

STUDYTERM_CLOCK=$((T0 + 3600)) st stats --json > "$tmp/stats.json" 2> "$tmp/stats.err"
check "stats: --json exits 0" [ $? -eq 0 ]
check "stats: nothing on stderr" [ ! -s "$tmp/stats.err" ]
if command -v python3 > /dev/null 2>&1; then
	check "stats: the JSON parses" python3 -m json.tool "$tmp/stats.json" > /dev/null
fi
has() { grep -qF -- "$1" "$tmp/stats.json"; }
check "stats: now and today" sh -c "grep -q '^  \"now\": $((T0 + 3600)),\$' '$tmp/stats.json' && grep -q '^  \"today\": \"2026-01-01\",\$' '$tmp/stats.json'"
check "stats: answered and total" sh -c "grep -q '^    \"answered\": 3,\$' '$tmp/stats.json' && grep -q '^    \"total\": 8,\$' '$tmp/stats.json'"
check "stats: overall mastery is the mean of latest scores" has '"mastery": 0.2500,'
check "stats: chapter 1: one of four right" has '{"chapter": 1, "title": "Basics", "questions": 4, "answered": 1, "mastery": 0.2500}'
check "stats: chapter 2: one of three right, two answered" has '{"chapter": 2, "title": "Data", "questions": 3, "answered": 2, "mastery": 0.3333}'
check "stats: chapter 3: nothing yet" has '{"chapter": 3, "title": "Review", "questions": 1, "answered": 0, "mastery": 0.0000}'
check "stats: three answers in the heatmap" grep -q '^    "total": 3,$' "$tmp/stats.json"
check "stats: on two days" grep -q '^    "active_days": 2,$' "$tmp/stats.json"
check "stats: a streak of two days" grep -q '^    "streak": 2,$' "$tmp/stats.json"
check "stats: the last day is today, with two answers" has "{\"date\": \"2026-01-01\", \"start\": $T0, \"answers\": 2}"
check "stats: yesterday has one" has "{\"date\": \"2025-12-31\", \"start\": $((T0 - 86400)), \"answers\": 1}"
check "stats: the heatmap starts 83 days back" has "{\"date\": \"2025-10-10\", \"start\": $((T0 - 83 * 86400)), \"answers\": 0}"
check "stats: two exams" [ "$(grep -c '"finished_at": ' "$tmp/stats.json")" -eq 2 ]
check "stats: the timed-out exam first, title escaped" grep -qE '^    \{"finished_at": [0-9]+, "date": "2025-12-30", "profile": "sample", "title": "Sample \\"mock\\" exam", "percent": 0.0, "pass": 50.0, "passed": false, "timed_out": true\},$' "$tmp/stats.json"
check "stats: then today's" grep -qE '^    \{"finished_at": [0-9]+, "date": "2026-01-01", .*"passed": false, "timed_out": false\}$' "$tmp/stats.json"
check "stats: 84 days" [ "$(grep -c '"answers": ' "$tmp/stats.json")" -eq 84 ]
check "stats: 14 due days, today first" sh -c "[ \$(grep -c '\"due\": [0-9]' '$tmp/stats.json') -eq 14 ] && grep -q '{\"date\": \"2026-01-01\", \"start\": $T0, \"due\": ' '$tmp/stats.json'"
# Every answered question has a card, due within the fortnight.
check "stats: every card falls due within 14 days" sh -c "sed -n '/\"due\": {/,/^  }/p' '$tmp/stats.json' | grep -q '^    \"total\": 3,\$'"
check "stats: reading: chapter 2 was opened" grep -qE '\{"number": "2", "key": "02-data.md", "title": "Data", "percent": [1-9][0-9]*, "opened": true\}' "$tmp/stats.json"
check "stats: reading: chapter 1 was not" has '{"number": "1", "key": "01-basics.md", "title": "Basics", "percent": 0, "opened": false}'

# Days are local: in New York the pinned clock is still 31 Dec, and the
# answers fall on 30 and 31 Dec.
TZ=America/New_York STUDYTERM_CLOCK=$((T0 + 3600)) st stats --json > "$tmp/ny.json" 2>&1
check "stats: today in New York" grep -q '^  "today": "2025-12-31",$' "$tmp/ny.json"
check "stats: New York's midnight" grep -qF "{\"date\": \"2025-12-31\", \"start\": $((T0 - 86400 + 5 * 3600)), \"answers\": 2}" "$tmp/ny.json"
check "stats: a streak in New York too" grep -q '^    "streak": 2,$' "$tmp/ny.json"

# The charts: every heading, nothing wider than asked.
for w in 40 80 120; do
	STUDYTERM_CLOCK=$((T0 + 3600)) st stats --no-color --width $w > "$tmp/w$w.out" 2> "$tmp/w$w.err"
	check "stats: charts at $w columns exit 0" [ $? -eq 0 ]
	check "stats: no line wider than $w" [ "$(wc -L < "$tmp/w$w.out")" -le $w ]
	check "stats: no colours with --no-color at $w" sh -c "! grep -q \"\$(printf '\\033')\" '$tmp/w$w.out'"
done
for heading in "Mastery by chapter" "Mock exam scores" "Activity, last 12 weeks" "Reviews due, next 14 days" "Reading progress"; do
	check "stats: heading '$heading'" grep -qx "$heading" "$tmp/w80.out"
done
check "stats: mastery bars with notes" grep -q "^1 Basics  *█.* 25%  1/4 answered$" "$tmp/w80.out"
check "stats: no exam yet says so" grep -qx "No mock exam finished yet." "$tmp/empty80.out"
check "stats: both exams at 0%, under the pass line" grep -q "^  0 ┤○  *○$" "$tmp/w80.out"
check "stats: the pass line at 50%" grep -q "^ 50 ┤╌╌*$" "$tmp/w80.out"
check "stats: the latest exam" grep -qx 'Latest: Sample "mock" exam, 0% (failed). 0 of 2 passed.' "$tmp/w80.out"
check "stats: the heatmap has a row per weekday" [ "$(grep -cE '^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ' "$tmp/w80.out")" -eq 7 ]
check "stats: the heatmap's legend" grep -q "less ░▒▓█ more" "$tmp/w80.out"
check "stats: the activity line" grep -qx "3 answers on 2 of 84 days; streak: 2 days." "$tmp/w80.out"
check "stats: due columns labelled from today" grep -q "^ *Th Fr Sa Su Mo Tu We Th Fr Sa Su Mo Tu We$" "$tmp/w80.out"
check "stats: reading bars" grep -q "^1 Basics  *unread$" "$tmp/w80.out"
STUDYTERM_CLOCK=$((T0 + 3600)) st stats --color --width 80 > "$tmp/color.out" 2>&1
check "stats: --color styles the charts" grep -q "$(printf '\033')\[1;38;5;80mMastery by chapter" "$tmp/color.out"
COLUMNS=50 STUDYTERM_CLOCK=$((T0 + 3600)) st stats > "$tmp/cols.out" 2>&1
check "stats: the width defaults to COLUMNS off a terminal" [ "$(wc -L < "$tmp/cols.out")" -le 50 ]

# Bad command lines exit 2 and say why.
st stats --width 7 > /dev/null 2> "$tmp/bad1.err"
check "stats: a too small width exits 2" [ $? -eq 2 ]
check "stats: and says so" grep -q "width wants a number of columns" "$tmp/bad1.err"
st stats --frobnicate > /dev/null 2> "$tmp/bad2.err"
check "stats: an unknown option exits 2" [ $? -eq 2 ]
if grep -qE 'Sanitizer|runtime error' "$tmp"/*.err; then
	fail "stats: runs without sanitizer reports" "$(grep -h -m3 -E 'ERROR|runtime error' "$tmp"/*.err)"
fi

# The statistics screen (s on the home screen) shows the same charts.
printf 'keys s\ndump\nkeys G\ndump\nkeys q\ndump\n' > "$tmp/stats.keys"
STUDYTERM_CLOCK=$((T0 + 3600)) st --headless "$tmp/stats.keys" --size 80x24 > "$tmp/screen.out" 2> "$tmp/screen.err"
check "stats screen: s on home opens the charts" sh -c "screen_n() { awk -v n=\"\$1\" '/^--- screen [0-9]+ ---\$/ { k++; next } k == n' '$tmp/screen.out'; }; screen_n 1 | grep -q '^  Statistics' && screen_n 1 | grep -q '^  Mastery by chapter'"
check "stats screen: the same figures as stats" sh -c "grep -q 'Overall: [0-9]* of 8 questions answered' '$tmp/screen.out' && grep 'Overall:' '$tmp/w80.out' | sed 's/^ *//' | xargs -I{} grep -qF '{}' '$tmp/screen.out'"
check "stats screen: G reaches reading progress" sh -c "awk '/^--- screen 2 ---\$/ { k=1; next } /^--- screen 3 ---\$/ { k=0 } k' '$tmp/screen.out' | grep -q 'Reading progress'"
check "stats screen: q goes back home" sh -c "awk '/^--- screen 3 ---\$/ { k=1; next } k' '$tmp/screen.out' | grep -q 's stats'"
