#!/bin/sh
# End-to-end tests of `studyterm sql`: on a pipe it prints results as the
# sqlite3 shell does (compared with the real shell, byte for byte, on the
# same dataset); errors go to stderr with their line and set the exit
# status; in a terminal it prompts and draws box tables.
. tests/lib.sh
pin_env
tmp=$(mktemp -d)
home=$STUDYTERM_HOME
trap 'rm -rf "$tmp" "$home"; [ -n "${sock:-}" ] && tmux -L "$sock" kill-server 2>/dev/null' EXIT
sq() { "$BIN" --data "$PWD/data" sql "$@"; }

cat > "$tmp/script.sql" <<'SQL'
select name, age from ponies where age > 6 order by age desc, name;
select o.name, count(p.id) as n
  from owners o left join ponies p on p.owner_id = o.id
  group by o.id order by n desc, o.name;
select 1.0, 2.5, 1e20, -0.0, 1/3.0, x'41', null, 'a,b', 1e-5;
.mode csv
select 'he said "hi"', 3, null;
.headers on
select name, city from owners order by id;
.mode line
select 1 as a, 2.0 as bb, null as ccc union all select 2, 3, 4;
select count(*), avg(age), sum(age), total(age) from ponies;
SQL
sq ponies < "$tmp/script.sql" > "$tmp/ours.out" 2> "$tmp/ours.err"
check "sql: a script runs" [ $? -eq 0 ]
if command -v sqlite3 > /dev/null 2>&1; then
	cat data/sandbox/ponies.sql "$tmp/script.sql" | sqlite3 > "$tmp/shell.out" 2>&1
	check "sql: output is byte for byte the sqlite3 shell's" cmp -s "$tmp/ours.out" "$tmp/shell.out"
else
	fail "sql: the sqlite3 shell is installed (make deps)"
fi
check "sql: nothing on stderr" [ ! -s "$tmp/ours.err" ]

printf 'select 1;\nselect * from nope;\nselect 2;\n' | sq > "$tmp/err.out" 2> "$tmp/err.err"
check "sql: an error sets the exit status" [ $? -eq 1 ]
check "sql: and names its line on stderr" grep -qx "Error near line 2: no such table: nope" "$tmp/err.err"
check "sql: the statements after it still run" [ "$(cat "$tmp/err.out")" = "$(printf '1\n2')" ]
printf "attach '%s/evil.db' as evil;\n" "$tmp" | sq > /dev/null 2> "$tmp/attach.err"
check "sql: ATTACH is refused" grep -q "^Error near line 1: .*ATTACH" "$tmp/attach.err"
check "sql: and creates no file" [ ! -e "$tmp/evil.db" ]
printf 'with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r;\nselect 7;\n' |
	sq > "$tmp/slow.out" 2> "$tmp/slow.err"
check "sql: an endless query is stopped by the time limit" grep -q "^Error near line 1: query took longer than 5 s" "$tmp/slow.err"
check "sql: and the console goes on" grep -qx 7 "$tmp/slow.out"
sq nosuch < /dev/null > /dev/null 2> "$tmp/nods.err"
check "sql: an unknown dataset exits 1 with a message" sh -c "[ $? -eq 1 ] && grep -q 'nosuch' '$tmp/nods.err'"
sq ponies extra < /dev/null > /dev/null 2>&1
check "sql: a bad command line exits 2" [ $? -eq 2 ]

# In a terminal: the console screen: a prompt, a statement over two lines,
# box tables with NULL shown, the history kept across runs, .quit.
if command -v tmux > /dev/null 2>&1; then
	sock="studyterm-sql-$$"
	T() { tmux -L "$sock" -f /dev/null "$@"; }
	start_sql() {
		T kill-server 2>/dev/null
		sock="studyterm-sql-$$-$1"
		T new-session -d -s t -x 80 -y 24 "env LANG=C.UTF-8 TERM=xterm-256color STUDYTERM_HOME=$home '$BIN' --content '$FIXTURE' --data '$PWD/data' sql; echo EXITED=\$?; sleep 30"
	}
	wait_for() {
		i=0
		while [ $i -lt 100 ]; do
			T capture-pane -p -J -t t 2>/dev/null | grep -qF -- "$1" && return 0
			sleep 0.05
			i=$((i + 1))
		done
		T capture-pane -p -J -t t 2>&1 | sed 's/^/    | /' >&2
		return 1
	}
	start_sql 1
	check "sql tty: the console screen" wait_for "SQL console · ponies"
	check "sql tty: a prompt" wait_for "sql> "
	T send-keys -t t "select name, city from owners" Enter
	check "sql tty: a continuation prompt until the ';'" wait_for "   ...> "
	T send-keys -t t "where id = 4\\;" Enter # tmux reads a bare trailing ';' as its own separator
	check "sql tty: box tables with NULL shown" wait_for "│ Dev Patel │ NULL │"
	T send-keys -t t "select * from nope\\;" Enter
	check "sql tty: errors with SQLite's message" wait_for "Error near line 3: no such table: nope"
	T send-keys -t t ".er" Enter
	check "sql tty: .er draws the tables" wait_for "┌─ owners "
	check "sql tty: and the many-to-many" wait_for "ponies *──* handlers through pony_handlers"
	T send-keys -t t "select p.*, o.* from ponies p join owners o on o.id = p.owner_id where p.id = 1\\;" Enter
	check "sql tty: a wide result is cut at the window" wait_for "│ id │ name     │ colour │"
	T send-keys -t t S-Right S-Right S-Right S-Right S-Right S-Right S-Right S-Right
	check "sql tty: Shift-Right scrolls it sideways" wait_for "hart@example.org │ Bristol │"
	T send-keys -t t ".quit" Enter
	check "sql tty: .quit leaves the console" wait_for "c continue · p practise"
	T send-keys -t t q
	check "sql tty: the app exits cleanly" wait_for "EXITED=0"
	start_sql 2
	wait_for "sql> " > /dev/null
	T send-keys -t t Up Up Up Up
	check "sql tty: history is kept across runs" wait_for "sql> select * from nope;"
	T send-keys -t t Escape q
	check "sql tty: Esc leaves" wait_for "EXITED=0"
	check "sql tty: the history file" grep -qx "where id = 4;" "$home/sql_history"
	T kill-server 2>/dev/null
fi
