#!/bin/sh
# End-to-end tests of the exercise screens. Headless (keys from a script,
# screens dumped): the list by chapter with each exercise's status and a
# broken one counted, an exercise's instructions and "Not run yet", a run
# with its ✗ checks, hints, the solution refused before a run and shown
# after y, the panes stacked at 80 columns and side by side at 120, Tab,
# the next exercise, e with a scripted editor, reset, and following
# exercise: links from the reader. The course is the fixture course plus a
# chapter 5, the fixture exercises and two more, under a temp folder.
# Then in a real terminal (tmux) on the real course: e, R, w.
. tests/lib.sh
pin_env
unset VISUAL EDITOR
tmp=$(mktemp -d)
home=$STUDYTERM_HOME
sock=""
trap '[ -n "$sock" ] && tmux -L "$sock" -f /dev/null kill-server 2>/dev/null; rm -rf "$tmp" "$home"' EXIT
COURSE="$tmp/course"
mkdir -p "$COURSE" "$tmp/data"
cp "$FIXTURE"/*.md "$COURSE/"
cp -R tests/fixtures/exercises "$COURSE/exercises"
ln -s "$PWD/data/sandbox" "$tmp/data/sandbox"
cat > "$COURSE/05-databases.md" <<'EOF'
# 5 Databases

## 5.4 Views

Views name a query. [Try it](exercise:owner-pony-counts)

[Not there](exercise:no-such-one)

## 5.5 Ordering

ORDER BY sorts rows.
EOF
OPC=tests/fixtures/exercises/owner-pony-counts
NR=tests/fixtures/exercises/newest-riders
# An exercise in chapter 2, and a broken one (no kind).
cp -R "$OPC" "$COURSE/exercises/model-counts"
sed -e '1s/.*/# Count the models/' -e 's/^section: 5.4/section: 2.1/' "$OPC/exercise.md" \
	> "$COURSE/exercises/model-counts/exercise.md"
cp -R "$NR" "$COURSE/exercises/broken-one"
sed 's/^kind: sql · //' "$NR/exercise.md" > "$COURSE/exercises/broken-one/exercise.md"
WS="$home/workspace"

ex() { "$BIN" --content "$COURSE" --data "$tmp/data" exercise "$@"; }
# Before the screens: owner-pony-counts failed, newest-riders passed.
ex check owner-pony-counts > /dev/null 2>&1
ex path newest-riders > /dev/null 2>&1
cp "$NR/solution/answer.sql" "$WS/newest-riders/answer.sql"
ex check newest-riders > /dev/null 2>&1

# run NAME SIZE SCRIPT [ARGS...]: the app headless; screens in $tmp/NAME.out
run() {
	name=$1 size=$2 script=$3
	shift 3
	printf '%b' "$script" > "$tmp/$name.keys"
	"$BIN" --content "$COURSE" --data "$tmp/data" --headless "$tmp/$name.keys" --size "$size" "$@" \
		> "$tmp/$name.out" 2> "$tmp/$name.err"
	echo $? > "$tmp/$name.rc"
	if grep -qE 'Sanitizer|runtime error' "$tmp/$name.err"; then
		fail "exercise tui: $name runs without sanitizer reports" "$(grep -m3 -E 'ERROR|runtime error|#[0-9] ' "$tmp/$name.err")"
	fi
}
screen() { awk -v n="$2" '/^--- screen [0-9]+ ---$/ { k++; next } k == n' "$tmp/$1.out"; }
has() { screen "$1" "$2" | grep -qF -- "$3"; }
hasnt() { ! has "$@"; }
row() { screen "$1" "$2" | sed -n "$3p"; }
status_line() { screen "$1" "$2" | tail -n 1; }

# ---- the list ----
run list 80x24 'keys x\ndump\nkeys q\ndump\nkeys x\ndump\n'
screen list 1 | sed -n 1,8p > "$tmp/list.top"
cat > "$tmp/list.want" <<'EOF'
  Exercises
  3 exercises, 1 passed · 1 skipped (broken)

  Chapter 2 · Data
    2.1  new     sql        Count the models
  Chapter 5 · Databases
    5.4  failed  sql        Count each owner's ponies
    5.5  passed  sql        Newest riders first
EOF
check "exercise tui: the list by chapter, each with section, status and title" cmp -s "$tmp/list.want" "$tmp/list.top"
check "exercise tui: the list says how many were skipped" sh -c "tail -n 1 '$tmp/list.out' | grep -qx ' 1 exercise left out: broken (the problems are printed at exit).'"
check "exercise tui: x on the home screen, in its key line" sh -c "screen() { awk -v n=\"\$1\" '/^--- screen [0-9]+ ---\$/ { k++; next } k == n' '$tmp/list.out'; }; screen 2 | tail -n 1 | grep -q 'c continue · p practise · x exercises · e exams · s stats'"
check "exercise tui: the home key line fits 80 columns" sh -c "[ \$(awk '/^--- screen 2 ---\$/ { k=1; next } /^--- screen/ { k=0 } k' '$tmp/list.out' | tail -n 1 | wc -m) -le 80 ]"
check "exercise tui: the broken exercise's problems on stderr at exit, once" sh -c "[ \$(grep -c \"broken-one/exercise.md:1:1: error: the exercise has no 'kind:' setting\" '$tmp/list.err') -eq 1 ]"
check "exercise tui: the list exits cleanly" [ "$(cat "$tmp/list.rc")" = 0 ]

# ---- an exercise: instructions, not run yet, a run, Tab ----
run open 80x24 'keys x<Down><Enter>\ndump\nkeys r\ndump\nkeys <Tab>\ndump\n'
printf '%s\n' "  Exercise · Count each owner's ponies                    section 5.4 · failed" > "$tmp/header.want"
check "exercise tui: the header: title, section, status" sh -c "sed -n 2p '$tmp/open.out' | cmp -s - '$tmp/header.want'"
check "exercise tui: the instructions" has open 1 "The stable wants an overview: how many ponies does each owner have?"
check "exercise tui: not run yet" has open 1 "Not run yet: r runs the checks."
check "exercise tui: the keys in the footer" sh -c "[ \"\$(awk '/^--- screen 1 ---\$/ { k=1; next } /^--- screen/ { k=0 } k' '$tmp/open.out' | tail -n 1)\" = ' e edit · r run · h hint · s solution · R reset · n next · w watch' ]"
check "exercise tui: r runs: a ✗ per failing check" has open 2 "✗ the view owner_pony_counts exists"
check "exercise tui: with its detail, indented" has open 2 "      no such table: owner_pony_counts"
check "exercise tui: the summary first" has open 2 "0 of 4 checks pass."
check "exercise tui: the results are counted" has open 2 "Results · run 1"
check "exercise tui: the instructions pane has the focus first" sh -c "grep -q '^▸ Instructions' '$tmp/open.out'"
check "exercise tui: Tab gives the results pane the focus" sh -c "awk '/^--- screen 3 ---\$/ { k=1; next } k' '$tmp/open.out' | grep -q '^▸ Results · run 1' && ! awk '/^--- screen 3 ---\$/ { k=1; next } k' '$tmp/open.out' | grep -q '^▸ Instructions'"
ex list > "$tmp/list2.out" 2> /dev/null
check "exercise tui: the run is recorded" grep -q "^  owner-pony-counts  *5.4  *failed  " "$tmp/list2.out"

# ---- narrow: stacked; wide: side by side ----
run narrow 80x24 'keys x<Down><Enter>r\ndump\n'
run wide 120x30 'keys x<Down><Enter>r\ndump\n'
check "exercise tui: at 80 columns the instructions are alone on their rows" sh -c "row3=\$(sed -n 4p '$tmp/narrow.out'); [ \"\${row3%%   *}\" = '▸ Instructions' ] && ! sed -n 4p '$tmp/narrow.out' | grep -q Results"
check "exercise tui: at 80 columns the results come below" sh -c "sed -n '5,\$p' '$tmp/narrow.out' | grep -q '^  Results · run 1\$'"
check "exercise tui: at 120 columns side by side, a rule between" sh -c "sed -n 4p '$tmp/wide.out' | grep -q '^▸ Instructions  *│  Results · run 1\$'"
check "exercise tui: at 120 columns the summary beside the instructions" sh -c "grep -q '^  The stable wants an overview: how many ponies does each  *│  0 of 4 checks pass.\$' '$tmp/wide.out'"
check "exercise tui: where the files are" has wide 1 "owner-pony-counts · your files: $WS/owner-pony-counts"

# ---- hints ----
run hints 120x40 'keys x<Down><Enter>hh\ndump\n'
check "exercise tui: h twice shows two hints" sh -c "grep -q '^  Hint 1 of 3 ' '$tmp/hints.out' && grep -q '^  Hint 2 of 3 ' '$tmp/hints.out' && ! grep -q 'Hint 3 of 3' '$tmp/hints.out'"
check "exercise tui: the hint's text under the instructions" has hints 1 "A LEFT JOIN keeps the owners without ponies"
check "exercise tui: says how many are left" has hints 1 "h gives the next hint (1 more)."
ex hint owner-pony-counts > "$tmp/hint3.out" 2>&1
check "exercise tui: the hints are counted (the CLI gives the third next)" sh -c "head -n 1 '$tmp/hint3.out' | grep -qx 'Hint 3 of 3:'"
run hints2 120x40 'keys x<Down><Enter>\ndump\n'
check "exercise tui: hints shown stay listed" sh -c "grep -q 'Hint 3 of 3' '$tmp/hints2.out' && grep -q 'Every hint is shown.' '$tmp/hints2.out'"

# ---- the solution: refused before a run, then after y ----
run sol 100x30 'keys x<Enter>s\ndump\nkeys r\nkeys s\ndump\nkeys n\ndump\nkeys sy\ndump\n'
check "exercise tui: s before any run is refused" sh -c "awk '/^--- screen 1 ---\$/ { k=1; next } /^--- screen/ { k=0 } k' '$tmp/sol.out' | tail -n 1 | grep -q 'Try it first: r runs the checks; the solution opens after that.'"
check "exercise tui: and shows nothing of it" hasnt sol 1 "==> answer.sql <=="
check "exercise tui: after a run s asks first" sh -c "awk '/^--- screen 2 ---\$/ { k=1; next } /^--- screen/ { k=0 } k' '$tmp/sol.out' | tail -n 1 | grep -qx ' Show the solution? y shows it · n keeps it hidden'"
check "exercise tui: n keeps it hidden" sh -c "awk '/^--- screen 3 ---\$/ { k=1; next } /^--- screen/ { k=0 } k' '$tmp/sol.out' | tail -n 1 | grep -q 'Not shown.' && ! awk '/^--- screen 3 ---\$/ { k=1; next } /^--- screen/ { k=0 } k' '$tmp/sol.out' | grep -q 'answer.sql <=='"
check "exercise tui: y shows the solution in the results pane" sh -c "awk '/^--- screen 4 ---\$/ { k=1; next } k' '$tmp/sol.out' | grep -q '│  ==> answer.sql <==\$'"
check "exercise tui: the solution's SQL" has sol 4 "CREATE VIEW owner_pony_counts AS"

# ---- n: the next exercise, in list order ----
run next 80x24 'keys x<Enter>n\ndump\nkeys n\ndump\nkeys n\ndump\nkeys q\ndump\n'
check "exercise tui: n opens the next exercise" sh -c "sed -n 2p '$tmp/next.out' | grep -q 'Exercise · Count each owner.s ponies'"
check "exercise tui: and the one after" has next 2 "Exercise · Newest riders first"
check "exercise tui: at the last, says so" sh -c "awk '/^--- screen 3 ---\$/ { k=1; next } /^--- screen/ { k=0 } k' '$tmp/next.out' | tail -n 1 | grep -q 'This is the last exercise.'"
check "exercise tui: q goes back to the list" has next 4 "3 exercises, "

# ---- e with a scripted editor, then R ----
cat > "$tmp/editor" <<EOF
#!/bin/sh
# The learner's editor: answers with the solution.
echo "\$PWD \$*" > "$tmp/editor.args"
cp "$PWD/$OPC/solution/answer.sql" "\$1"
EOF
chmod +x "$tmp/editor"
VISUAL="$tmp/editor" EDITOR=/bin/false run edit 80x24 'keys x<Down><Enter>e\ndump\nkeys R\ndump\nkeys n\ndump\nkeys Ry\ndump\n'
check "exercise tui: e runs \$VISUAL on the starter files, in the workspace" [ "$(cat "$tmp/editor.args" 2>/dev/null)" = "$WS/owner-pony-counts answer.sql" ]
check "exercise tui: and the checks when it returns: all pass" has edit 1 "All 4 checks pass. Well done!"
check "exercise tui: every check ticked" sh -c "[ \$(awk '/^--- screen 1 ---\$/ { k=1; next } /^--- screen/ { k=0 } k' '$tmp/edit.out' | grep -c '^  ✓ ') -eq 4 ]"
check "exercise tui: the status is passed" sh -c "sed -n 2p '$tmp/edit.out' | grep -q 'section 5.4 · passed\$'"
check "exercise tui: R asks first" sh -c "awk '/^--- screen 2 ---\$/ { k=1; next } /^--- screen/ { k=0 } k' '$tmp/edit.out' | tail -n 1 | grep -qx ' Reset your files to the starter? y resets · n keeps them'"
check "exercise tui: n keeps the files" sh -c "awk '/^--- screen 3 ---\$/ { k=1; next } /^--- screen/ { k=0 } k' '$tmp/edit.out' | tail -n 1 | grep -q 'Not reset: your files are as they were.'"
check "exercise tui: R y resets and runs again" sh -c "awk '/^--- screen 4 ---\$/ { k=1; next } k' '$tmp/edit.out' | grep -q '✗ the view owner_pony_counts exists' && cmp -s '$OPC/starter/answer.sql' '$WS/owner-pony-counts/answer.sql'"
check "exercise tui: the reset says so" sh -c "tail -n 1 '$tmp/edit.out' | grep -q 'Reset: your files hold the starter again.'"
EDITOR="$tmp/no-such-editor --wait" run noeditor 80x24 'keys x<Down><Enter>e\ndump\n'
check "exercise tui: an editor that cannot run is named" sh -c "tail -n 1 '$tmp/noeditor.out' | grep -qF \"The editor '$tmp/no-such-editor --wait' could not be run\""

# ---- links from the reader ----
run link 80x24 'keys <Tab>\ndump\nkeys <Enter>\ndump\nkeys q\ndump\n' read 5.4
check "exercise tui: an exercise: link is selectable" sh -c "awk '/^--- screen 1 ---\$/ { k=1; next } /^--- screen/ { k=0 } k' '$tmp/link.out' | tail -n 1 | grep -q 'Link: exercise:owner-pony-counts'"
check "exercise tui: following it opens the exercise" has link 2 "Exercise · Count each owner's ponies"
check "exercise tui: q goes back to the reader" has link 3 "Views name a query. Try it"
run link2 80x24 'keys <Tab><Tab><Enter>\ndump\n' read 5.4
check "exercise tui: a link to an unknown exercise says so" sh -c "tail -n 1 '$tmp/link2.out' | grep -q \"No exercise 'no-such-one' in this course.\""

# ---- the keys ----
run help 100x40 'keys x<Enter>?\ndump\n'
check "exercise tui: ? lists the exercise keys" sh -c "grep -q ' e  *Exercise: edit your files (\$VISUAL, \$EDITOR or vi)' '$tmp/help.out' && grep -q ' w  *Exercise: check whenever a file is saved (on/off)' '$tmp/help.out'"
"$BIN" keys > "$tmp/keys.out"
check "exercise tui: studyterm keys has both screens" sh -c "grep -qx 'Exercises' '$tmp/keys.out' && grep -qx 'Exercise' '$tmp/keys.out' && grep -q '^  x  *Hands-on exercises' '$tmp/keys.out'"

# ---- in a real terminal (tmux), on the real course ----
if command -v tmux > /dev/null 2>&1; then
	T() { tmux -L "$sock" -f /dev/null "$@"; }
	# start_tmux NAME ENV... -- ARGS...: the app in a fresh 100x30 terminal.
	start_tmux() {
		[ -n "$sock" ] && T kill-server 2>/dev/null
		sock="studyterm-extui-$$-$1"
		shift
		envs=""
		while [ "$1" != "--" ]; do
			envs="$envs $1"
			shift
		done
		shift
		T new-session -d -s t -x 100 -y 30 "env LANG=C.UTF-8 TZ=UTC TERM=xterm-256color STUDYTERM_HOME=$tmp/home-tui $envs '$BIN' --content '$PWD/content' --data '$PWD/data' $*; echo EXITED=\$?; sleep 60"
		T set-option -t t status off > /dev/null
	}
	screen_now() { T capture-pane -p -J -t t 2>/dev/null; }
	wait_for() {
		i=0
		while [ $i -lt 200 ]; do
			screen_now | grep -qF -- "$1" && return 0
			sleep 0.05
			i=$((i + 1))
		done
		screen_now | sed 's/^/    | /' >&2
		return 1
	}
	mkdir -p "$tmp/home-tui"
	SB=content/exercises/sql-select-basics
	TWS="$tmp/home-tui/workspace/sql-select-basics"
	cat > "$tmp/tui-editor" <<EOF
#!/bin/sh
cp "$PWD/$SB/solution/answer.sql" "\$1"
EOF
	chmod +x "$tmp/tui-editor"

	# sql-select-basics's place in the list (section, then id).
	pos=$(STUDYTERM_HOME="$tmp/home-tui" "$BIN" --content content --data data exercise list 2>/dev/null |
		awk '/^  [a-z0-9-]+ +[0-9.]+ / { n++; if ($1 == "sql-select-basics") print n }')
	downs=""
	i=1
	while [ "$i" -lt "${pos:-1}" ]; do
		downs="${downs}j"
		i=$((i + 1))
	done
	start_tmux edit "EDITOR=$tmp/tui-editor" -- 
	check "tmux exercise: the home screen offers x" wait_for "x exercises"
	T send-keys -t t x
	check "tmux exercise: the list" wait_for "Chapter 5 · Databases with Flask"
	[ -n "$downs" ] && T send-keys -t t "$downs"
	T send-keys -t t Enter
	check "tmux exercise: opens the first exercise" wait_for "Exercise · Grey and black ponies, five or older"
	check "tmux exercise: not run yet" wait_for "Not run yet: r runs the checks."
	T send-keys -t t e
	check "tmux exercise: e, an editor, then the checks: all pass" wait_for "All 6 checks pass. Well done!"
	check "tmux exercise: the status is passed" wait_for "section 5.1 · passed"
	T send-keys -t t R
	check "tmux exercise: R asks first" wait_for "Reset your files to the starter? y resets · n keeps them"
	T send-keys -t t y
	check "tmux exercise: y resets and the checks fail again" wait_for "3 of 6 checks pass."
	check "tmux exercise: the TODO is back" grep -q TODO "$TWS/answer.sql"
	check "tmux exercise: the status follows" wait_for "section 5.1 · failed"
	T send-keys -t t w
	check "tmux exercise: w watches" wait_for "Results · run 2 · watching"
	sleep 0.3
	cp "$SB/solution/answer.sql" "$TWS/answer.sql"
	check "tmux exercise: a file saved from outside runs the checks by themselves" wait_for "All 6 checks pass. Well done!"
	check "tmux exercise: and says why" wait_for "A file changed: checked again."
	check "tmux exercise: the third run" wait_for "Results · run 3"
	T send-keys -t t q
	check "tmux exercise: q back to the list, its status updated" wait_for "5.1  passed  sql        Grey and black ponies"
	T send-keys -t t q q
	check "tmux exercise: exits cleanly" wait_for "EXITED=0"

	start_tmux link -- read 5.1
	wait_for "5.1 Introduction to SQLAlchemy" > /dev/null
	T send-keys -t t / "Try it" Enter Tab
	# The section's first link is the DB-API exercise's.
	check "tmux exercise: the reader selects the exercise link" wait_for "Link: exercise:py-dbapi-fetch"
	T send-keys -t t Enter
	check "tmux exercise: following it opens the exercise" wait_for "Exercise · Reading ponies through a sqlite3 cursor"
	check "tmux exercise: with its status" wait_for "section 5.1 · new"
	T send-keys -t t q
	check "tmux exercise: q goes back to the reader" wait_for "5 Databases with Flask › 5.1 Introduction to SQLAlchemy"
	T send-keys -t t q q
	check "tmux exercise: exits cleanly from the reader" wait_for "EXITED=0"
	T kill-server 2>/dev/null
	sock=""
fi
