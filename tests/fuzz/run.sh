#!/bin/sh
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for
# the given number of seconds on its committed corpus; new interesting
# inputs are added to the corpus directory. Usage: run.sh SECONDS
#   fuzz_markdown  the Markdown engine (parse, layout at a fuzzed width, search)
#   fuzz_native    the native bank parser, with an export round trip
#   fuzz_gift      the Moodle GIFT importer
#   fuzz_aiken     the Aiken importer
#   fuzz_profile   the exam profile parser, with and without a course's sections
#   fuzz_exercise  the exercise format: exercise.md, check.sql and the SQL splitter
#   fuzz_pyrecords the records the Python harness writes (a learner's program can forge them)
set -eu
seconds=${1:-60}
out=build-fuzz
mkdir -p "$out"
cflags="-std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc $(pkg-config --cflags ncursesw sqlite3 libcmark-gfm)"
libs="$(pkg-config --libs libcmark-gfm) -lm"
core="src/core/xalloc.c src/core/buf.c src/core/utf8.c src/core/paths.c src/core/status.c src/core/text.c"
md="src/md/*.c"
bank="src/bank/question.c src/bank/native.c src/bank/gift.c src/bank/aiken.c src/bank/export.c
	src/bank/profile.c"
sandbox="src/sandbox/exercise.c src/sandbox/pyrecords.c"
status=0
for target in markdown native gift aiken profile exercise pyrecords; do
	# shellcheck disable=SC2086
	clang $cflags -o "$out/fuzz_$target" "tests/fuzz/fuzz_$target.c" $core $md $bank $sandbox $libs
	mkdir -p "tests/fuzz/corpus/$target"
	echo "fuzz: fuzz_$target for ${seconds}s"
	"$out/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
		-print_final_stats=1 "tests/fuzz/corpus/$target" > "$out/fuzz_$target.log" 2>&1 ||
		status=1
	tail -n 12 "$out/fuzz_$target.log"
done
exit $status
