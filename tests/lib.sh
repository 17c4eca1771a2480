# Shared by the shell test suites: result recording and a pinned environment.
# Sourced, not run. Needs RESULTS and BUILD from tests/run.sh (defaults for
# running a suite alone).
: "${BUILD:=build}"
: "${RESULTS:=/dev/stdout}"
BIN="$PWD/$BUILD/studyterm"
FIXTURE="$PWD/tests/fixtures/content"

# A deterministic environment: no user locale, timezone, colours or home.
pin_env() {
	export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
	export STUDYTERM_CLOCK=1767225600 # 2026-01-01 00:00:00 UTC
	unset NO_COLOR XDG_DATA_HOME COLUMNS LINES
	STUDYTERM_HOME=$(mktemp -d)
	HOME=$STUDYTERM_HOME
	export STUDYTERM_HOME HOME
}

pass() { echo "PASS $1" >> "$RESULTS"; }
fail() {
	echo "FAIL $1" >> "$RESULTS"
	shift
	[ $# -gt 0 ] && printf '    %s\n' "$@" >&2
	return 0
}

# check NAME COMMAND...: records PASS when the command succeeds.
check() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}
