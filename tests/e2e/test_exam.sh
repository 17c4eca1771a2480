#!/bin/sh
# End-to-end tests of mock exams on the real binary, without a terminal:
# profiles listed and checked, a whole exam in --plain mode with navigation,
# flags and submission, leaving and resuming with every answer kept and the
# clock having run on, time running out while away, giving up, and
# `studyterm history`. The sample fixture bank stands in for the built-in
# bank; the clock is pinned (STUDYTERM_CLOCK) and moved by hand.
. tests/lib.sh
pin_env
tmp=$(mktemp -d)
home=$STUDYTERM_HOME
trap 'rm -rf "$tmp" "$home"' EXIT
SAMPLE="$PWD/tests/fixtures/banks/sample.md"
DATA="$tmp/data"
mkdir -p "$DATA/exams"
ln -s "$PWD/data/sandbox" "$DATA/sandbox"
"$BIN" --content "$FIXTURE" bank build -o "$DATA/bank.sqlite" "$SAMPLE" > /dev/null 2>&1
T0=$STUDYTERM_CLOCK

# A profile for the sample bank: six of its eight questions, ten minutes.
cat > "$DATA/exams/sample.md" <<'EOF'
# Sample exam

questions: 6 · time: 10 min · pass: 50%
shuffle: no

Six questions from the sample bank.

## Draw

| from | weight |
| --- | --- |
| chapter 1 | 2 |
| chapter 2 | 1 |
EOF
cat > "$tmp/too-big.md" <<'EOF'
# Too big

questions: 9 · time: 10 min · pass: 50%
EOF
cat > "$tmp/broken.md" <<'EOF'
# Broken

questions: 6 · time: soon · pass: 50%
EOF

exam() { "$BIN" --content "$FIXTURE" --data "$DATA" exam "$@"; }

exam --list > "$tmp/list.out" 2>&1
check "exam: --list shows the profile and its settings" grep -q "^sample  *Sample exam$" "$tmp/list.out"
check "exam: --list shows what each row draws" grep -q "draw: chapter 1 4 · chapter 2 2$" "$tmp/list.out"
exam --check "$DATA/exams/sample.md" > "$tmp/check1.out" 2>&1
check "exam: --check passes a good profile" sh -c "[ $? -eq 0 ] && grep -q '1 profile checked: 0 errors' '$tmp/check1.out'"
exam --check "$tmp/too-big.md" "$tmp/broken.md" > "$tmp/check2.out" 2>&1
check "exam: --check fails on errors" [ $? -eq 1 ]
check "exam: --check says when the bank is too small" grep -q "too-big.md.*needs 9 questions" "$tmp/check2.out"
check "exam: --check gives file:line:col for a bad setting" grep -q "broken.md:3:[0-9]*: error: .*time" "$tmp/check2.out"
exam nosuch --plain > "$tmp/nosuch.out" 2>&1
check "exam: an unknown profile is an error" sh -c "[ $? -eq 1 ] && grep -q \"no exam profile 'nosuch'\" '$tmp/nosuch.out'"

# A first sitting: skip, flag, answer, go back, then leave with q.
printf 'n\nf\n1\ng 1\n\nq\n' | exam sample --plain --seed 9 > "$tmp/s1.out" 2>&1
check "exam: the header shows the question number and time left" grep -q "^--- Question 1 of 6 · 10:00 left ---$" "$tmp/s1.out"
check "exam: a flag shows in the header" grep -q "^--- Question 2 of 6 · 10:00 left · flagged ---$" "$tmp/s1.out"
check "exam: leaving keeps the attempt open" grep -q "Left the exam open, 1 of 6 answered; its clock keeps running" "$tmp/s1.out"
check "exam: no feedback during the exam" sh -c "! grep -qE '^(Right|Not right|Partly right)' '$tmp/s1.out'"
"$BIN" history > "$tmp/h1.out" 2>&1
check "history: an open attempt" grep -q "sample  *open  *-  *-  *1/6" "$tmp/h1.out"

# Four minutes later (a crash, a closed terminal): resume where it was.
STUDYTERM_CLOCK=$((T0 + 240)) exam sample --plain < /dev/null > "$tmp/s2.out" 2>&1
check "exam: resumes the open attempt" grep -q "^Resuming Sample exam: 1 of 6 answered.$" "$tmp/s2.out"
check "exam: the clock ran on while away, back at the question left" grep -q "^--- Question 2 of 6 · 06:00 left · answered · flagged ---$" "$tmp/s2.out"
check "exam: the flag is still there" sh -c "printf 'g 2\nq\n' | STUDYTERM_CLOCK=$((T0 + 241)) '$BIN' --content '$FIXTURE' --data '$DATA' exam sample --plain | grep -q '^--- Question 2 of 6 · 05:59 left · answered · flagged ---$'"

# Six more minutes: time ran out while away; submitted as it stood.
STUDYTERM_CLOCK=$((T0 + 900)) exam sample --plain < /dev/null > "$tmp/s3.out" 2>&1
check "exam: time that ran out while away is handled" grep -q "ran out of time while you were away" "$tmp/s3.out"
check "exam: timed out, scored, time used is the limit" grep -q "^=== Sample exam: timed out ===" "$tmp/s3.out"
check "exam: the score line" grep -qE "^Score [0-9.]+ of 6 \([0-9]+%\), pass mark 50%: (PASSED|not passed). Time used 10 min. Answered 1 of 6" "$tmp/s3.out"
check "exam: results by chapter" sh -c "grep -q '^  Chapter 1 ' '$tmp/s3.out' && grep -q '^  Chapter 2 ' '$tmp/s3.out'"
check "exam: the review shows the key of unanswered questions" grep -q "^Not answered. The answer: " "$tmp/s3.out"
check "exam: a new attempt is not started behind the learner's back" grep -q "^Run the same command again for a new attempt.$" "$tmp/s3.out"

# A second attempt, submitted: every question answered with the first option.
STUDYTERM_CLOCK=$((T0 + 1000))
export STUDYTERM_CLOCK
{
	for i in 1 2 3 4 5 6; do echo s; done
	echo n
} | exam sample --plain --seed 4 > "$tmp/s4.out" 2>&1
check "exam: submitting lists the unanswered and flagged questions" grep -q "^Answered 0 of 6. Unanswered: 1, 2, 3, 4, 5, 6.$" "$tmp/s4.out"
check "exam: no means not submitted" grep -q "Left the exam open, 0 of 6 answered" "$tmp/s4.out"
printf 's\ny\n' | exam sample --plain > "$tmp/s5.out" 2>&1
check "exam: yes submits" grep -q "^=== Sample exam: submitted ===" "$tmp/s5.out"
check "exam: zero answered scores zero and fails" grep -q "(0%), pass mark 50%: not passed" "$tmp/s5.out"

# Giving up.
printf 'q\n' | exam sample --plain --seed 5 > /dev/null 2>&1
exam sample --abandon > "$tmp/s6.out" 2>&1
check "exam: --abandon gives up the open attempt" grep -q "^Gave up Sample exam: it will not count.$" "$tmp/s6.out"

"$BIN" history > "$tmp/h2.out" 2>&1
check "history: every attempt, oldest first" sh -c "[ \$(grep -c ' sample ' '$tmp/h2.out') -eq 3 ] && sed -n 2p '$tmp/h2.out' | grep -q 'failed\|passed' && sed -n 4p '$tmp/h2.out' | grep -q abandoned"
"$BIN" history --csv > "$tmp/h.csv" 2>&1
check "history: --csv has a header and a row per attempt" sh -c "head -n 1 '$tmp/h.csv' | grep -q '^id,started,profile,title,state,result,score,questions,percent,pass,answered,seconds$' && [ \$(wc -l < '$tmp/h.csv') -eq 4 ]"
check "history: --csv records the timed-out attempt's time" grep -q "^1,2026-01-01 00:00,sample,Sample exam,timed out,[a-z]*,[0-9.]*,6,[0-9.]*,50,1,600$" "$tmp/h.csv"

# ---- the exam screen in a real terminal (tmux) ----
# The built-in bank and profiles: a full quick-20 with flags and
# navigation, then results and review; time running out with the clock
# sped up; kill -9 in the middle and a resume with every answer kept.
if command -v tmux > /dev/null 2>&1 && [ -f data/bank.sqlite ] && [ -d data/exams ]; then
	sock=""
	T() { tmux -L "$sock" -f /dev/null "$@"; }
	# start_tmux NAME ENV... -- ARGS...: the app in a fresh 90x30 terminal.
	start_tmux() {
		[ -n "$sock" ] && T kill-server 2>/dev/null
		sock="studyterm-exam-$$-$1"
		shift
		envs=""
		while [ "$1" != "--" ]; do
			envs="$envs $1"
			shift
		done
		shift
		T new-session -d -s t -x 90 -y 30 "env LANG=C.UTF-8 TZ=UTC TERM=xterm-256color STUDYTERM_HOME=$tmp/home-tui $envs '$BIN' --content '$PWD/content' --data '$PWD/data' $*; echo EXITED=\$?; sleep 60"
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

	start_tmux full STUDYTERM_CLOCK=$T0 -- exam quick-20 --seed 11
	check "tmux exam: the profile is introduced before the clock starts" wait_for "Enter starts the exam and its clock."
	T send-keys -t t Enter
	check "tmux exam: header with the question, the count and the clock" wait_for "Question 1 of 20 · 25:00 left"
	# Every question: 1 then Enter (a pick, a typed 1, or an ordering as
	# shown; a match stays unanswered). Flag 3 and 7 on the way.
	n=1
	while [ $n -le 20 ]; do
		T send-keys -t t 1
		[ $n -eq 3 ] || [ $n -eq 7 ] && T send-keys -t t F
		T send-keys -t t Enter
		[ $n -lt 20 ] && wait_for "Question $((n + 1)) of 20" > /dev/null
		n=$((n + 1))
	done
	check "tmux exam: the navigator shows the flags" sh -c "screen_now() { tmux -L '$sock' -f /dev/null capture-pane -p -J -t t; }; screen_now | grep -q ' 3⚑' && screen_now | grep -q ' 7⚑'"
	T send-keys -t t Left Left
	check "tmux exam: Left goes back" wait_for "Question 18 of 20"
	T send-keys -t t G 5 Enter
	check "tmux exam: G jumps to a question" wait_for "Question 5 of 20"
	answered=$(screen_now | sed -n 's/.* \([0-9]*\)\/20 answered.*/\1/p')
	check "tmux exam: most questions were answered" [ "${answered:-0}" -ge 12 ]
	T send-keys -t t S
	check "tmux exam: submit asks first" wait_for "Submit the exam?"
	check "tmux exam: and lists the flagged questions" wait_for "Flagged: 3 7"
	T send-keys -t t n
	check "tmux exam: n goes back to the exam" wait_for "Question 5 of 20"
	T send-keys -t t S y
	check "tmux exam: results after submitting" wait_for "Results · Quick check"
	check "tmux exam: a bar per chapter against the pass mark" wait_for "│ pass mark"
	check "tmux exam: the score line" sh -c "tmux -L '$sock' -f /dev/null capture-pane -p -J -t t | grep -qE '(NOT PASSED|PASSED) +[0-9]+%  \\([0-9.]+ of 20\\)   pass mark 70%'"
	T send-keys -t t s
	check "tmux exam: s shows the results by section" wait_for "By section"
	T send-keys -t t r
	check "tmux exam: r opens the review" wait_for "Review · Quick check · question 1 of 20"
	check "tmux exam: the review gives the explanation's section" wait_for "· section "
	T send-keys -t t Right
	check "tmux exam: Right moves through the review" wait_for "question 2 of 20"
	T send-keys -t t q q
	check "tmux exam: q leaves the results for the list" wait_for "Mock exams"
	T send-keys -t t G
	check "tmux exam: the list ends with the finished attempt" wait_for "2026-01-01 00:00 · Quick check · "
	T send-keys -t t Enter
	check "tmux exam: a past attempt opens at its results" wait_for "Results · Quick check"
	T send-keys -t t q
	T send-keys -t t q q
	check "tmux exam: the app exits cleanly" wait_for "EXITED=0"
	"$BIN" history > "$tmp/h3.out" 2>&1
	check "tmux exam: the attempt is in the history" env STUDYTERM_HOME="$tmp/home-tui" sh -c "'$BIN' history | grep -q 'quick-20 .* [0-9]*/20'"

	# Time runs out: 15 minutes at 150 seconds a second.
	start_tmux fast STUDYTERM_CLOCK=$((T0 + 10000)) STUDYTERM_CLOCK_SPEED=150 -- exam chapter-05 --seed 3
	wait_for "Enter starts the exam and its clock." > /dev/null
	T send-keys -t t Enter 1
	check "tmux exam: the countdown runs" wait_for " left"
	check "tmux exam: time running out submits the exam" wait_for "submitted when time ran out"
	check "tmux exam: the message says so" wait_for "Time ran out: the exam was submitted as it stood."
	T send-keys -t t q q q
	check "tmux exam: exits after time ran out" wait_for "EXITED=0"

	# kill -9 in the middle, five minutes away, then resume.
	start_tmux crash STUDYTERM_CLOCK=$((T0 + 20000)) -- exam chapter-02 --seed 5
	wait_for "Enter starts the exam and its clock." > /dev/null
	T send-keys -t t Enter
	wait_for "Question 1 of 10 · 15:00 left" > /dev/null
	T send-keys -t t 2
	wait_for "1/10 answered" > /dev/null
	T send-keys -t t Right 1 F
	check "tmux exam: answered and flagged before the crash" wait_for "2/10 answered"
	first=$(screen_now | grep -m1 '(•)' | sed 's/^ *//')
	pid=$(pgrep -f "studyterm --content $PWD/content --data $PWD/data exam chapter-02" | head -n 1)
	kill -9 "$pid" 2>/dev/null
	check "tmux exam: killed with -9" wait_for "EXITED=137"
	start_tmux resume STUDYTERM_CLOCK=$((T0 + 20300)) --
	check "tmux exam: the home screen offers the open exam with the time left" wait_for "An exam is under way: Chapter 2: Flask Basics · 10:00 left · e resumes it"
	T send-keys -t t e
	check "tmux exam: resumed at the question left, answers kept" wait_for "Question 2 of 10 · 10:00 left"
	check "tmux exam: the count of answers survived" wait_for "2/10 answered"
	check "tmux exam: the flag survived" wait_for " 2⚑"
	check "tmux exam: the answer survived" sh -c "tmux -L '$sock' -f /dev/null capture-pane -p -J -t t | grep -qF -- '$first'"
	T send-keys -t t Left
	check "tmux exam: the first answer is there too" wait_for "(•) 2"
	T send-keys -t t q y q
	check "tmux exam: leaving keeps it open" env STUDYTERM_HOME="$tmp/home-tui" sh -c "'$BIN' history | grep -q 'chapter-02 .*open'"
	T kill-server 2>/dev/null
fi
