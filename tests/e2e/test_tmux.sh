#!/bin/sh
# End-to-end tests in a real terminal: the binary runs in tmux, keys are sent
# with send-keys and the screen read with capture-pane. These cover what only
# a terminal shows: colours and NO_COLOR, resizing the window, a terminal too
# small, and the terminal restored on quit and on SIGTERM.
. tests/lib.sh
pin_env
if ! command -v tmux > /dev/null 2>&1; then
	fail "tmux: tmux is installed"
	exit 0
fi
# Each session gets its own server: reusing one right after kill-server
# races with the dying server.
n=0
sock="studyterm-test-$$-$n"
T() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$STUDYTERM_HOME"' EXIT

# start SIZE ENV... -- ARGS: a fresh session running the app
start() {
	cols=$1 rows=$2
	shift 2
	T kill-server 2>/dev/null
	n=$((n + 1))
	sock="studyterm-test-$$-$n"
	T new-session -d -s t -x "$cols" -y "$rows" \
		"env $* '$BIN' --content '$FIXTURE' read 1.1; echo EXITED=\$?; sleep 30"
	T set-option -t t status off > /dev/null
}
screen() { T capture-pane -p -t t; }
screen_escapes() { T capture-pane -p -e -t t; }
# wait_for TEXT: polls the screen (no fixed sleeps) for up to 5 s.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "    screen was:" >&2
	screen 2>&1 | sed 's/^/    | /' >&2
	return 1
}
env_common="LANG=C.UTF-8 TZ=UTC STUDYTERM_HOME=$STUDYTERM_HOME STUDYTERM_CLOCK=$STUDYTERM_CLOCK"

# Open, scroll, colours on a 256-colour terminal.
start 80 24 "$env_common TERM=xterm-256color"
check "tmux: reader opens at 1.1" wait_for "1.1 First Steps"
T send-keys -t t j
check "tmux: status line shows the section" wait_for "1 Basics › 1.1 First Steps"
check "tmux: 256-colour styles are drawn" sh -c "tmux -L '$sock' capture-pane -p -e -t t | grep -q '38;5;'"

# Resize the real window: smaller than the minimum, then back.
T resize-window -t t -x 30 -y 8
check "tmux: too small shows a message" wait_for "too small"
T resize-window -t t -x 100 -y 30
check "tmux: enlarging brings the text back" wait_for "1 Basics › 1.1 First Steps"

# Search highlight is visible as a colour change on the match.
T send-keys -t t / p o n y Enter
check "tmux: search reports matches" wait_for "for \"pony\""
check "tmux: the match is highlighted" sh -c "tmux -L '$sock' capture-pane -p -e -t t | grep -q '48;5;208m'"

# Quit restores the terminal and exits 0.
T send-keys -t t q q
check "tmux: q q exits with status 0" wait_for "EXITED=0"
check "tmux: the screen is restored after exit" sh -c "! tmux -L '$sock' capture-pane -p -t t | grep -q 'First Steps'"

# NO_COLOR: no colour codes at all, but bold remains.
start 80 24 "$env_common TERM=xterm-256color NO_COLOR=1"
check "tmux: NO_COLOR run opens" wait_for "1.1 First Steps"
if screen_escapes | grep -qE '\[(3[0-7]|38;5|4[0-7]|48;5)[;m]|;(3[0-7]|38;5|4[0-7]|48;5)[;m]'; then
	fail "tmux: NO_COLOR draws no colour" "$(screen_escapes | grep -oE '.\[[0-9;]*m' | sort -u | head)"
else
	pass "tmux: NO_COLOR draws no colour"
fi
check "tmux: NO_COLOR keeps bold" sh -c "tmux -L '$sock' capture-pane -p -e -t t | grep -q '\[1m'"

# An 8-colour terminal gets the 8-colour palette, not 256-colour codes.
start 80 24 "$env_common TERM=screen"
check "tmux: 8-colour run opens" wait_for "1.1 First Steps"
if screen_escapes | grep -q '38;5;'; then fail "tmux: 8 colours only"; else pass "tmux: 8 colours only"; fi

# SIGTERM: the app saves its place, restores the terminal and exits 0.
start 80 24 "$env_common TERM=xterm-256color"
wait_for "1.1 First Steps" > /dev/null 2>&1
T send-keys -t t ] ]
wait_for "2 Data" > /dev/null 2>&1
pid=$(pgrep -f "$BIN --content $FIXTURE read 1.1" | head -1)
kill -TERM "$pid" 2>/dev/null
check "tmux: SIGTERM exits cleanly" wait_for "EXITED=0"
T kill-server 2>/dev/null
printf 'dump\n' > "$STUDYTERM_HOME/k"
"$BIN" --content "$FIXTURE" --headless "$STUDYTERM_HOME/k" read > "$STUDYTERM_HOME/out"
check "tmux: the place saved at SIGTERM is restored" grep -q "^ 2 Data" "$STUDYTERM_HOME/out"

# Enter in a real terminal (a CR, not the NL scripts send) opens what is
# selected: from the home screen into the second chapter.
start 80 24 "$env_common TERM=xterm-256color"
wait_for "1.1 First Steps" > /dev/null 2>&1
T send-keys -t t q
wait_for "Continue reading" > /dev/null 2>&1
T send-keys -t t j j Enter
check "tmux: Enter on the home screen opens the chapter" wait_for "Chapter 2 introduction paragraph 1."
T send-keys -t t q q
T kill-server 2>/dev/null
