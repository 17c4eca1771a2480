#!/bin/sh
# End-to-end tests of the real binary in headless mode: keys from a script,
# screens dumped as text, environment and clock pinned.
. tests/lib.sh
pin_env
tmp=$(mktemp -d)

# run NAME SIZE SCRIPT [ARGS...]: runs the app; the screens land in $tmp/NAME.out
run() {
	name=$1 size=$2 script=$3
	shift 3
	printf '%b' "$script" > "$tmp/$name.keys"
	"$BIN" --content "$FIXTURE" --headless "$tmp/$name.keys" --size "$size" "$@" \
		> "$tmp/$name.out" 2> "$tmp/$name.err"
	echo $? > "$tmp/$name.rc"
	# Under the sanitizers a report is a failure even if the screens look right.
	if grep -qE 'Sanitizer|runtime error' "$tmp/$name.err"; then
		fail "e2e: $name runs without sanitizer reports" "$(grep -m3 -E 'ERROR|runtime error|#[0-9] ' "$tmp/$name.err")"
	fi
}
# screen NAME N: prints screen N of a run
screen() {
	awk -v n="$2" '/^--- screen [0-9]+ ---$/ { k++; next } k == n' "$tmp/$1.out"
}
has() { screen "$1" "$2" | grep -qF -- "$3"; }
row() { screen "$1" "$2" | sed -n "$3p"; }
status_line() { screen "$1" "$2" | tail -n 1; }
status_has() { status_line "$1" "$2" | grep -q -- "$3"; }
row_has() { row "$1" "$2" "$3" | grep -q -- "$4"; }

# Home screen lists the course.
run home 80x24 'dump\nkeys q\n'
check "e2e: home lists chapters" has home 1 "1  Basics"
check "e2e: home counts sections" has home 1 "3 chapters, 6 sections"
check "e2e: home exits cleanly" [ "$(cat "$tmp/home.rc")" = 0 ]

# Open the reader from home; exact first screen.
run open 80x24 'keys <Enter>\ndump\n'
screen open 1 > "$tmp/open.screen"
[ "${UPDATE_GOLDEN:-0}" = 1 ] && cp "$tmp/open.screen" tests/e2e/screens/reader-80x24.txt
check "e2e: reader first screen matches" cmp -s "$tmp/open.screen" tests/e2e/screens/reader-80x24.txt
check "e2e: status shows chapter and percent" status_has open 1 '1 Basics.*%  ? help'

# Scrolling: j, PgDn, G, g.
run scroll 80x24 'keys <Enter>\nkeys j\ndump\nkeys <PgDn>\ndump\nkeys G\ndump\nkeys g\ndump\n'
check "e2e: j scrolls one line" [ "$(row scroll 1 1)" = "$(row open 1 2)" ]
check "e2e: PgDn scrolls a page" [ "$(row scroll 2 1)" = "$(row open 1 23)" ]
check "e2e: G reaches 100%" status_has scroll 3 '100%'
check "e2e: g returns to the top" [ "$(row scroll 4 1)" = "$(row open 1 1)" ]

# TOC jump: t, down to 2.1, Enter.
run toc 100x24 'keys <Enter>t\ndump\nkeys jjjj<Enter>\ndump\n'
check "e2e: toc lists sections" has toc 1 "2.2 Relationships"
check "e2e: toc jump shows 2.1 at the top" row_has toc 2 1 '2.1 Models'
check "e2e: status names the section" status_has toc 2 '2 Data › 2.1 Models'

# Search with highlighted match and n wrapping.
run search 80x24 'keys <Enter>/needle<Enter>\ndump\nkeys n\ndump\nkeys /zzzz<Enter>\ndump\n' read 2
check "e2e: search finds the match" has search 1 "needle in the haystack"
check "e2e: search reports the match" status_has search 1 'Match 1 of 1'
check "e2e: n wraps around" status_has search 2 'wrapped'
check "e2e: missing text is reported" status_has search 3 'Not found: zzzz'

# Sections: ] and [ across a chapter boundary.
run sections 80x24 'keys ]]]\ndump\nkeys [[\ndump\n' read 1.1
check "e2e: ] crosses into the next chapter" status_has sections 1 '^ 2 Data'
check "e2e: [ goes back into the previous chapter" status_has sections 2 '1.2 Routes and Views'

# Links: Tab selects, Enter follows #2.3 into chapter 2, h comes back.
run links 80x24 'keys /migrations section<Enter><Tab>\ndump\nkeys <Enter>\ndump\nkeys h\ndump\n' read 1.1
check "e2e: Tab selects a link" status_has links 1 'Link: #2.3'
check "e2e: Enter follows it to 2.3" row_has links 2 1 '2.3 Migrations'
check "e2e: h goes back" has links 3 "migrations section"

# Resize keeps the same text on top; a tiny terminal gets a message.
run resize 100x24 'keys jjjjj\ndump\nresize 50x24\ndump\nresize 30x8\ndump\nresize 100x24\ndump\n' read 1.1
# The text that was on top is still in the top line (which may now start
# a few words earlier, as the paragraph wraps differently).
top_words=$(row resize 1 1 | awk '{print $1, $2, $3}')
check "e2e: resize keeps the reading position" row_has resize 2 1 "$top_words"
check "e2e: tiny terminal shows a message" has resize 3 "too small"
check "e2e: enlarging recovers" [ "$(screen resize 4)" = "$(screen resize 1)" ]

# Position restore across runs (same STUDYTERM_HOME).
run first 80x24 'keys <PgDn><PgDn>j\ndump\nkeys q\n' read 2
run second 80x24 'dump\n' read
check "e2e: position restored on the next run" [ "$(row second 1 1)" = "$(row first 1 1)" ]
run home2 80x24 'dump\n'
check "e2e: home offers to continue" has home2 1 "Continue reading: 2 Data"

# read SECTION opens at the section.
run section 80x24 'dump\n' read 2.2
check "e2e: read 2.2 opens at 2.2" row_has section 1 1 '2.2 Relationships'

# Bookmarks: m, then B lists it; Enter opens it.
run marks 80x24 'keys m\ndump\nkeys B\ndump\nkeys <Enter>\ndump\n' read 2.3
check "e2e: m bookmarks" status_has marks 1 'Bookmarked: 2.3 Migrations'
check "e2e: B lists bookmarks" has marks 2 "Data  2.3 Migrations"
check "e2e: a bookmark opens the reader there" row_has marks 3 1 '2.3 Migrations'

# Help overlay from the keymap.
run help 80x24 'keys ?\ndump\nkeys x\ndump\n' read
check "e2e: ? shows help" has help 1 "Search this chapter"
if has help 2 "Search this chapter"; then fail "e2e: help closes"; else pass "e2e: help closes"; fi

# Bad input: clear messages, non-zero exits.
"$BIN" --content "$FIXTURE" read 9.9 > /dev/null 2> "$tmp/err"
rc=$?
check "e2e: unknown section is an error" sh -c "[ $rc -ne 0 ] && grep -q 'no section 9.9' '$tmp/err'"
"$BIN" --content /nonexistent > /dev/null 2> "$tmp/err"
check "e2e: missing course is an error" grep -q '/nonexistent: cannot open the course directory' "$tmp/err"
printf 'keys j\nbogus\n' > "$tmp/bad.keys"
"$BIN" --content "$FIXTURE" --headless "$tmp/bad.keys" > /dev/null 2> "$tmp/err"
check "e2e: bad script names file and line" grep -q "bad.keys:2: unknown command 'bogus'" "$tmp/err"
"$BIN" render --width 3 x.md > /dev/null 2> "$tmp/err"
rc=$?
check "e2e: render rejects a tiny width" sh -c "[ $rc -eq 2 ] && grep -q 'at least 8' '$tmp/err'"
"$BIN" render /nonexistent.md > /dev/null 2> "$tmp/err"
check "e2e: render names a missing file" grep -q '/nonexistent.md: cannot open' "$tmp/err"

# The man page's key list is the keymap's.
"$BIN" keys --man > "$tmp/keys.man"
check "e2e: man page keys are current" sh -c "sh docs/make-man.sh '$BIN' docs/studyterm.1.in | cmp -s - docs/studyterm.1"

rm -rf "$tmp" "$STUDYTERM_HOME"
