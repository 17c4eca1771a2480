#!/bin/sh
# End-to-end tests of the Python exercises on the real course, on the real
# Flask-SQLAlchemy (the Python sandbox/pyfind finds: Debian's in CI).
# The command line: an ORM exercise's untouched starter fails with the
# learner's file and line first, its solution passes and lists the SQL
# statements with their parameters, the run happens in .run/.
# A real terminal (tmux): the same exercise from starter to green with a
# scripted $EDITOR, the statements on the screen; then a program that
# never ends: its output streams in while the keys still work, and Ctrl-C
# stops it (not studyterm). Headless: a run is waited for. Where no Python
# has the packages (a mount namespace hides them): what to install, on the
# command line and on the screen, and the SQL exercises still run.
. tests/lib.sh
pin_env
unset VISUAL EDITOR
tmp=$(mktemp -d)
home=$STUDYTERM_HOME
sock=""
trap '[ -n "$sock" ] && tmux -L "$sock" -f /dev/null kill-server 2>/dev/null; rm -rf "$tmp" "$home"' EXIT
ID=orm-crud
EX="$PWD/content/exercises/$ID"
ex() { "$BIN" --content content --data data exercise "$@"; }

# ---- the command line ----
ex check "$ID" > "$tmp/starter.out" 2>&1
rc=$?
check "python exercise: the untouched starter fails (exit 1)" [ "$rc" = 1 ]
check "python exercise: the starter's checks are crossed" grep -q '^✗ ' "$tmp/starter.out"
check "python exercise: the learner's error comes first, file and line" \
	grep -qE '^    crud\.py:[0-9]+: [a-z_]+\(\): NotImplementedError' "$tmp/starter.out"
check "python exercise: the versions it ran on" grep -q '^Ran on Python 3.*Flask-SQLAlchemy' "$tmp/starter.out"
WS=$(ex path "$ID")
cp -R "$EX/solution/." "$WS/"
ex check "$ID" > "$tmp/solution.out" 2>&1
rc=$?
check "python exercise: the solution passes (exit 0)" [ "$rc" = 0 ]
n=$(grep -c -- '-- check:' "$EX/check.sql")
check "python exercise: every check passes" grep -q "^All $n checks pass. Well done!" "$tmp/solution.out"
check "python exercise: the statements sent, with how many were queries" \
	grep -qE '^Statements sent \([0-9]+, [0-9]+ quer(y|ies)\):' "$tmp/solution.out"
check "python exercise: an INSERT as SQLAlchemy sent it" \
	grep -qE '^ +[0-9]+\. INSERT INTO ponies \(name, colour, age, owner_id\) VALUES \(\?, \?, \?, \?\)' "$tmp/solution.out"
check "python exercise: with its parameters" grep -qE '^     params: \["Quince", ' "$tmp/solution.out"
check "python exercise: the run's copy holds the database" [ -f "$WS/.run/sandbox.db" ]
check "python exercise: the learner's files do not" [ ! -e "$WS/sandbox.db" ]
ex reset "$ID" --yes > /dev/null 2>&1

# ---- headless: the run is waited for ----
pos=$(ex list 2>/dev/null | awk '/^  [a-z0-9-]+ +[0-9.]+ / { n++; if ($1 == "'"$ID"'") print n }')
downs=""
i=1
while [ "$i" -lt "${pos:-1}" ]; do
	downs="${downs}j"
	i=$((i + 1))
done
printf 'keys x%s<Enter>\ndump\nkeys r\ndump\n' "$downs" > "$tmp/headless.keys"
"$BIN" --content content --data data --headless "$tmp/headless.keys" --size 120x40 \
	> "$tmp/headless.out" 2> "$tmp/headless.err"
screen() { awk -v n="$2" '/^--- screen [0-9]+ ---$/ { k++; next } k == n' "$tmp/$1.out"; }
screen headless 1 > "$tmp/headless.1"
screen headless 2 > "$tmp/headless.2"
check "python exercise headless: the exercise opens" grep -q 'Exercise · Create, read, update' "$tmp/headless.1"
check "python exercise headless: r waits for the run and shows the checks" grep -q "0 of $n checks pass." "$tmp/headless.2"
check "python exercise headless: the learner's error" grep -q 'crud.py:[0-9]*: ' "$tmp/headless.2"
if grep -qE 'Sanitizer|runtime error' "$tmp/headless.err"; then
	fail "python exercise headless: no sanitizer reports" "$(head -5 "$tmp/headless.err")"
fi

# ---- e opens the files that say TODO ----
# A migration exercise hands over migrations/ to read; the editor gets
# only the files to change.
MAC=migrate-add-column
mpos=$(ex list 2>/dev/null | awk '/^  [a-z0-9-]+ +[0-9.]+ / { n++; if ($1 == "'"$MAC"'") print n }')
mdowns=""
i=1
while [ "$i" -lt "${mpos:-1}" ]; do
	mdowns="${mdowns}j"
	i=$((i + 1))
done
printf '#!/bin/sh\necho "$@" > "%s"\n' "$tmp/edited" > "$tmp/logeditor"
chmod +x "$tmp/logeditor"
printf 'keys x%s<Enter>e\ndump\n' "$mdowns" > "$tmp/edit.keys"
EDITOR="$tmp/logeditor" "$BIN" --content content --data data --headless "$tmp/edit.keys" \
	--size 120x40 > "$tmp/edit.out" 2>&1
want=$(cd "content/exercises/$MAC/starter" && grep -rl TODO . | sed 's|^\./||' | sort | tr '\n' ' ')
check "e opens the starter files that say TODO, not the migrations handed over" \
	sh -c "[ \"\$(tr ' ' '\n' < '$tmp/edited' | sort | tr '\n' ' ')\" = '$want' ]"

# ---- no Python that can import Flask-SQLAlchemy ----
# In a mount namespace of its own, every python3 this machine has is a fake
# that lacks the packages (needs root and unshare; skipped without them).
printf '%s\n' '#!/bin/sh' 'echo /usr/bin/python3' \
	"echo \"ModuleNotFoundError: No module named 'flask_sqlalchemy'\" >&2" 'exit 1' > "$tmp/fakepy"
chmod +x "$tmp/fakepy"
if [ "$(id -u)" = 0 ] && unshare -m true 2> /dev/null; then
	# nopy CMD...: CMD where no Python has the packages.
	nopy() {
		unshare -m sh -c 'mount --bind "$0" /usr/bin/python3 && exec "$@"' "$tmp/fakepy" \
			env STUDYTERM_HOME="$tmp/nopy" PATH=/usr/bin:/bin "$@"
	}
	nopy "$BIN" --content content --data data exercise check "$ID" > "$tmp/nopy.out" 2> "$tmp/nopy.err"
	rc=$?
	check "no Python: exercise check exits 1" [ "$rc" = 1 ]
	check "no Python: says what to install with apt-get" \
		grep -q "sudo apt-get install python3-flask-sqlalchemy python3-flask-migrate" "$tmp/nopy.err"
	check "no Python: or with pip in a virtual environment" \
		grep -q "pip install flask-sqlalchemy flask-migrate, then set STUDYTERM_PYTHON" "$tmp/nopy.err"
	check "no Python: says what each Python lacked" \
		grep -q "/usr/bin/python3: No module named 'flask_sqlalchemy'" "$tmp/nopy.err"
	check "no Python: no checks ran" sh -c "! grep -q '✗' '$tmp/nopy.out'"
	nopy "$BIN" --content content --data data exercise check sql-select-basics > "$tmp/nopy-sql.out" 2>&1
	check "no Python: the SQL exercises still run" grep -q "checks pass" "$tmp/nopy-sql.out"
	printf 'keys x%s<Enter>r\ndump\n' "$downs" > "$tmp/nopy.keys"
	nopy "$BIN" --content content --data data --headless "$tmp/nopy.keys" --size 120x40 \
		> "$tmp/nopy-screen.out" 2>&1
	check "no Python: the exercise screen says the checks could not run" \
		grep -q "The checks could not run:" "$tmp/nopy-screen.out"
	check "no Python: and what to install" grep -q "python3-flask-migrate" "$tmp/nopy-screen.out"
fi

# ---- in a real terminal ----
if command -v tmux > /dev/null 2>&1; then
	T() { tmux -L "$sock" -f /dev/null "$@"; }
	start_tmux() {
		[ -n "$sock" ] && T kill-server 2>/dev/null
		sock="studyterm-expy-$$-$1"
		shift
		T new-session -d -s t -x 120 -y 40 "env LANG=C.UTF-8 TZ=UTC TERM=xterm-256color STUDYTERM_HOME=$tmp/home-tui HOME=$tmp/home-tui $* '$BIN' --content '$PWD/content' --data '$PWD/data'; echo EXITED=\$?; sleep 60"
		T set-option -t t status off > /dev/null
	}
	screen_now() { T capture-pane -p -J -t t 2>/dev/null; }
	wait_for() {
		i=0
		while [ $i -lt 400 ]; do
			screen_now | grep -qF -- "$1" && return 0
			sleep 0.05
			i=$((i + 1))
		done
		screen_now | sed 's/^/    | /' >&2
		return 1
	}
	mkdir -p "$tmp/home-tui"
	# The scripted editor writes the solution over the files it is given.
	cat > "$tmp/solve" <<EOF
#!/bin/sh
for f in "\$@"; do cp "$EX/solution/\$f" "\$f"; done
EOF
	# This one makes the program run for ever, printing as it goes.
	cat > "$tmp/runaway" <<'EOF'
#!/bin/sh
cat > crud.py <<'PY'
import time
n = 0
while True:
    n += 1
    print("still going", n, flush=True)
    time.sleep(0.1)
PY
EOF
	chmod +x "$tmp/solve" "$tmp/runaway"
	open_exercise() {
		T send-keys -t t x
		wait_for "Chapter 5 · Databases with Flask" || return 1
		[ -n "$downs" ] && T send-keys -t t "$downs"
		T send-keys -t t Enter
		wait_for "Exercise · Create, read, update and delete ponies"
	}

	start_tmux solve "EDITOR=$tmp/solve"
	check "tmux python exercise: opens from the list" open_exercise
	T send-keys -t t r
	check "tmux python exercise: the starter fails" wait_for "0 of $n checks pass."
	check "tmux python exercise: the learner's error, file and line first" wait_for "crud.py:"
	T send-keys -t t e
	check "tmux python exercise: e, the editor, then the checks all pass" wait_for "All $n checks pass. Well done!"
	check "tmux python exercise: the status is passed" wait_for "section 5.4 · passed"
	T send-keys -t t Tab
	for k in 1 2 3 4 5 6 7 8; do T send-keys -t t PageDown; done
	check "tmux python exercise: the SQL statements are on the screen" wait_for "DELETE FROM ponies WHERE ponies.id = ?"
	check "tmux python exercise: with their parameters" wait_for 'params: ["Quince", "roan", 3'
	T send-keys -t t c
	check "tmux python exercise: c reads the section it practises" wait_for "5 Databases with Flask › 5.4 CRUD Operations"
	T send-keys -t t q
	check "tmux python exercise: q comes back to the exercise" wait_for "Exercise · Create, read, update and delete ponies"
	T send-keys -t t q q q
	check "tmux python exercise: exits cleanly" wait_for "EXITED=0"

	start_tmux runaway "EDITOR=$tmp/runaway"
	check "tmux runaway: opens the exercise" open_exercise
	T send-keys -t t e
	check "tmux runaway: its output streams in while it runs" wait_for "still going 5"
	check "tmux runaway: the results say it is running" wait_for "Results · run 1 · running"
	check "tmux runaway: the footer says how to stop it" wait_for "Your code is running · Ctrl-C stops it"
	T send-keys -t t h
	check "tmux runaway: keys still work while it runs (a hint)" wait_for "Hint 1 of"
	T send-keys -t t Tab
	check "tmux runaway: and Tab" wait_for "▸ Results"
	T send-keys -t t C-c
	check "tmux runaway: Ctrl-C stops the program" wait_for "stopped before it finished (Ctrl-C)"
	check "tmux runaway: the checks ran on what it had done" wait_for "checks pass."
	check "tmux runaway: studyterm is still there" sh -c "! tmux -L '$sock' -f /dev/null capture-pane -p -t t | grep -q EXITED"
	T send-keys -t t q q q
	check "tmux runaway: exits cleanly" wait_for "EXITED=0"
	T kill-server 2>/dev/null
	sock=""
else
	fail "tmux python exercise: tmux is not installed"
fi
