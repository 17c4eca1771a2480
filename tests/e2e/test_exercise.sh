#!/bin/sh
# End-to-end tests of `studyterm exercise` on the real binary, without a
# terminal: the fixture exercises listed by chapter with their status (and
# a broken one reported and left out), a check on the untouched starter
# and on the solution, the workspace's path, hints in order, the solution
# refused before a check run, reset, and watch running again when a file
# changes, following a reset, and stopping at the end of its input or on
# Ctrl-C. The course is the fixture course plus a chapter 5 and the
# fixture exercises, copied under a temp folder.
. tests/lib.sh
pin_env
tmp=$(mktemp -d)
home=$STUDYTERM_HOME
watcher=""
trap 'exec 3>&- 4>&- 2>/dev/null; [ -n "$watcher" ] && kill "$watcher" 2>/dev/null; rm -rf "$tmp" "$home"' EXIT
COURSE="$tmp/course"
mkdir -p "$COURSE" "$tmp/data"
cp "$FIXTURE"/*.md "$COURSE/"
cp -R tests/fixtures/exercises "$COURSE/exercises"
ln -s "$PWD/data/sandbox" "$tmp/data/sandbox"
cat > "$COURSE/05-databases.md" <<'EOF'
# 5 Databases

## 5.4 Views

Views name a query.

## 5.5 Ordering

ORDER BY sorts rows.
EOF
# A broken copy: no kind.
cp -R tests/fixtures/exercises/newest-riders "$COURSE/exercises/broken-one"
sed 's/^kind: sql · //' tests/fixtures/exercises/newest-riders/exercise.md \
	> "$COURSE/exercises/broken-one/exercise.md"

ex() { "$BIN" --content "$COURSE" --data "$tmp/data" exercise "$@"; }
WS="$home/workspace"
OPC=tests/fixtures/exercises/owner-pony-counts
NR=tests/fixtures/exercises/newest-riders

# ---- list ----
ex list > "$tmp/list1.out" 2> "$tmp/list1.err"
check "exercise list: exits 0" [ $? -eq 0 ]
check "exercise list: the chapter with its title" grep -qx "Chapter 5 · Databases" "$tmp/list1.out"
check "exercise list: the fixtures, by section, new" sh -c "grep -A2 '^Chapter 5' '$tmp/list1.out' | sed -n 2,3p | tr -s ' ' > '$tmp/rows' && printf '%s\n' \" owner-pony-counts 5.4 new sql Count each owner's ponies\" ' newest-riders 5.5 new sql Newest riders first' | cmp -s - '$tmp/rows'"
check "exercise list: the count" grep -qx "2 exercises, 0 passed. studyterm exercise check ID runs one." "$tmp/list1.out"
check "exercise list: a broken exercise is left out" sh -c "! grep -q broken-one '$tmp/list1.out'"
check "exercise list: and reported with file:line:col" grep -q "exercises/broken-one/exercise.md:1:1: error: the exercise has no 'kind:' setting" "$tmp/list1.err"
check "exercise list: no other complaint" [ "$(wc -l < "$tmp/list1.err")" -eq 1 ]

# ---- the solution is refused before any check run ----
ex solution newest-riders --yes > "$tmp/s1.out" 2>&1
check "exercise solution: refused before a check run (exit 1)" [ $? -eq 1 ]
check "exercise solution: says to try first" grep -q "try it first: .*studyterm exercise check newest-riders" "$tmp/s1.out"
check "exercise solution: and shows nothing of it" sh -c "! grep -q 'ORDER BY joined DESC, name' '$tmp/s1.out'"

# ---- check on the untouched starter ----
ex check owner-pony-counts > "$tmp/c1.out" 2>&1
check "exercise check: the starter fails (exit 1)" [ $? -eq 1 ]
check "exercise check: a cross and the check's message" grep -qx "✗ the view owner_pony_counts exists" "$tmp/c1.out"
check "exercise check: a failing check's detail, indented" grep -qx "    no such table: owner_pony_counts" "$tmp/c1.out"
check "exercise check: no tick on the starter" sh -c "! grep -q '^✓' '$tmp/c1.out'"
check "exercise check: the count of checks passed" grep -qx "0 of 4 checks pass." "$tmp/c1.out"
check "exercise check: the workspace was made from the starter" grep -q "TODO" "$WS/owner-pony-counts/answer.sql"
ex list > "$tmp/list2.out" 2>/dev/null
check "exercise list: a failed run shows as failed" grep -q "^  owner-pony-counts  *5.4  *failed  " "$tmp/list2.out"

# ---- path ----
ex path owner-pony-counts > "$tmp/path.out" 2>&1
check "exercise path: prints the workspace" [ "$(cat "$tmp/path.out")" = "$WS/owner-pony-counts" ]
ex path newest-riders > "$tmp/path2.out" 2>&1
check "exercise path: creates a workspace not made yet" sh -c "[ \"\$(cat '$tmp/path2.out')\" = '$WS/newest-riders' ] && cmp -s '$NR/starter/answer.sql' '$WS/newest-riders/answer.sql'"

# ---- the solution in the workspace passes ----
cp "$OPC/solution/answer.sql" "$WS/owner-pony-counts/answer.sql"
ex check owner-pony-counts > "$tmp/c2.out" 2>&1
check "exercise check: the solution passes (exit 0)" [ $? -eq 0 ]
check "exercise check: every check ticked" sh -c "[ \$(grep -c '^✓ ' '$tmp/c2.out') -eq 4 ] && ! grep -q '^✗' '$tmp/c2.out'"
check "exercise check: the statements sent, numbered" grep -qx "  1. CREATE VIEW owner_pony_counts AS" "$tmp/c2.out"
check "exercise check: says all pass" grep -qx "All 4 checks pass. Well done!" "$tmp/c2.out"
ex list > "$tmp/list3.out" 2>/dev/null
check "exercise list: then passed" grep -q "^  owner-pony-counts  *5.4  *passed  *sql  *Count each owner's ponies$" "$tmp/list3.out"
check "exercise list: the count of passed" grep -qx "2 exercises, 1 passed. studyterm exercise check ID runs one." "$tmp/list3.out"

# The learner's SQL error and output.
printf 'SELECT 40 + 2 AS answer;\nSELECT * FROM nope;\n' > "$WS/newest-riders/answer.sql"
ex check newest-riders > "$tmp/c3.out" 2>&1
check "exercise check: the learner's SQL error with file:line" sh -c "grep -qx 'Your SQL stopped with an error:' '$tmp/c3.out' && grep -qx '    answer.sql:2: no such table: nope' '$tmp/c3.out'"
check "exercise check: the output of the statements that ran" sh -c "grep -qx -- '-- answer.sql:1' '$tmp/c3.out' && grep -q '│     42 │' '$tmp/c3.out'"

# ---- hints, in order ----
ex hint newest-riders > "$tmp/h1.out" 2>&1
printf '%s\n' "Hint 1 of 2:" "  ORDER BY joined DESC puts the newest first: ISO dates sort as text." > "$tmp/h1.want"
check "exercise hint: the first hint" sh -c "head -n 2 '$tmp/h1.out' | cmp -s - '$tmp/h1.want'"
check "exercise hint: how many remain" grep -qx "1 more hint: run studyterm exercise hint newest-riders again." "$tmp/h1.out"
ex hint newest-riders > "$tmp/h2.out" 2>&1
check "exercise hint: then the second" sh -c "head -n 1 '$tmp/h2.out' | grep -qx 'Hint 2 of 2:' && grep -q '^    ORDER BY joined DESC, name$' '$tmp/h2.out'"
check "exercise hint: the last one says so" grep -qx "That was the last hint." "$tmp/h2.out"
ex hint newest-riders > "$tmp/h3.out" 2>&1
check "exercise hint: after the last, all of them again" sh -c "[ $? -eq 0 ] && grep -qx 'Hint 1 of 2:' '$tmp/h3.out' && grep -qx 'Hint 2 of 2:' '$tmp/h3.out'"

# ---- solution: only after a check run, confirmed ----
ex solution newest-riders < /dev/null > "$tmp/s2.out" 2>&1
check "exercise solution: without --yes off a terminal: exit 2" [ $? -eq 2 ]
check "exercise solution: asks for --yes" grep -q "add --yes" "$tmp/s2.out"
ex solution newest-riders --yes > "$tmp/s3.out" 2>&1
check "exercise solution: shown after a failed run with --yes" sh -c "[ $? -eq 0 ] && printf '==> answer.sql <==\n' | cat - '$NR/solution/answer.sql' | cmp -s - '$tmp/s3.out'"

# ---- reset ----
ex reset owner-pony-counts < /dev/null > "$tmp/r1.out" 2>&1
check "exercise reset: without --yes off a terminal: exit 2" [ $? -eq 2 ]
check "exercise reset: leaves the files alone then" cmp -s "$OPC/solution/answer.sql" "$WS/owner-pony-counts/answer.sql"
ex reset owner-pony-counts --yes > "$tmp/r2.out" 2>&1
check "exercise reset: --yes resets (exit 0)" [ $? -eq 0 ]
check "exercise reset: the starter is back (TODO)" sh -c "cmp -s '$OPC/starter/answer.sql' '$WS/owner-pony-counts/answer.sql' && grep -q TODO '$WS/owner-pony-counts/answer.sql'"
check "exercise reset: says where" grep -qx "Reset owner-pony-counts: $WS/owner-pony-counts holds the starter files again." "$tmp/r2.out"

# ---- bad usage ----
ex check no-such > "$tmp/u1.out" 2>&1
check "exercise: an unknown id exits 2" sh -c "[ $? -eq 2 ] && grep -q \"no exercise 'no-such'\" '$tmp/u1.out'"
ex check ../../etc > "$tmp/u2.out" 2>&1
check "exercise: an id that is a path exits 2" [ $? -eq 2 ]
ex check broken-one > "$tmp/u3.out" 2>&1
check "exercise: a broken exercise exits 1 with its errors" sh -c "[ $? -eq 1 ] && grep -q 'broken-one/exercise.md:1:1: error:' '$tmp/u3.out'"
ex frobnicate > /dev/null 2>&1
check "exercise: an unknown subcommand exits 2" [ $? -eq 2 ]
ex check > /dev/null 2>&1
check "exercise: check without an ID exits 2" [ $? -eq 2 ]

# ---- watch ----
# wait_for FILE TEXT [COUNT]: until FILE has COUNT lines containing TEXT
# (default 1), at most ten seconds.
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		[ "$(grep -cF -- "$2" "$1" 2>/dev/null)" -ge "${3:-1}" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	sed 's/^/    | /' "$1" >&2
	return 1
}
ex reset newest-riders --yes > /dev/null 2>&1
mkfifo "$tmp/in"
# The binary itself in the background (not the ex function, whose subshell
# would get the signal instead).
"$BIN" --content "$COURSE" --data "$tmp/data" exercise watch newest-riders < "$tmp/in" > "$tmp/w.out" 2>&1 &
watcher=$!
exec 3> "$tmp/in"
check "exercise watch: a first run" wait_for "$tmp/w.out" "Waiting for changes in $WS/newest-riders"
check "exercise watch: the first run fails on the starter" grep -qx "✗ the view newest_riders exists" "$tmp/w.out"
cp "$NR/solution/answer.sql" "$WS/newest-riders/answer.sql"
check "exercise watch: a change runs the checks again" wait_for "$tmp/w.out" "All 4 checks pass. Well done!"
check "exercise watch: with a separator line and the time" grep -q "^──── 00:00:00 · run 2 ─" "$tmp/w.out"
check "exercise watch: waits again afterwards" wait_for "$tmp/w.out" "Waiting for changes" 2
# Files that do not matter: an editor's swap file and lock, a backup, the
# database's journal. Proving that nothing happens needs a wait: a run
# would start within its 100 ms of settling.
echo x > "$WS/newest-riders/.answer.sql.swp"
echo x > "$WS/newest-riders/.#answer.sql"
echo x > "$WS/newest-riders/answer.sql~"
echo x > "$WS/newest-riders/sandbox.db-journal"
rm "$WS/newest-riders/sandbox.db-journal"
sleep 0.5
check "exercise watch: swap, lock, backup and journal files do not run it" sh -c "! grep -q 'run 3' '$tmp/w.out'"
# A reset replaces the folder: the watch follows it.
ex reset newest-riders --yes > /dev/null 2>&1
check "exercise watch: follows a reset workspace" wait_for "$tmp/w.out" "run 3 ─"
check "exercise watch: and runs the starter again" wait_for "$tmp/w.out" "Waiting for changes" 3
cp "$NR/solution/answer.sql" "$WS/newest-riders/answer.sql"
check "exercise watch: and keeps watching the new folder" wait_for "$tmp/w.out" "run 4 ─"
wait_for "$tmp/w.out" "Waiting for changes" 4 > /dev/null 2>&1
exec 3>&-
wait "$watcher"
rc=$?
watcher=""
check "exercise watch: the end of its input stops it with exit 0" [ $rc -eq 0 ]
check "exercise watch: says it stopped" sh -c "tail -n 1 '$tmp/w.out' | grep -qx 'Stopped watching newest-riders.'"
check "exercise watch: four runs in all (three separators)" [ "$(grep -c '^──── .* · run ' "$tmp/w.out")" -eq 3 ]

# Ctrl-C (SIGINT) stops it too, with exit 0.
mkfifo "$tmp/in2"
"$BIN" --content "$COURSE" --data "$tmp/data" exercise watch newest-riders < "$tmp/in2" > "$tmp/w2.out" 2>&1 &
watcher=$!
exec 4> "$tmp/in2"
wait_for "$tmp/w2.out" "Waiting for changes" > /dev/null 2>&1
kill -INT "$watcher"
wait "$watcher"
rc=$?
watcher=""
exec 4>&-
check "exercise watch: Ctrl-C stops it with exit 0" sh -c "[ $rc -eq 0 ] && grep -qx 'Stopped watching newest-riders.' '$tmp/w2.out'"
