#!/bin/sh
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for
# the given number of seconds on its committed corpus; new interesting
# inputs are added to the corpus directory. Usage: run.sh SECONDS
set -eu
seconds=${1:-60}
out=build-fuzz
mkdir -p "$out"
cflags="-std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc $(pkg-config --cflags ncursesw sqlite3 libcmark-gfm)"
libs="$(pkg-config --libs libcmark-gfm)"
srcs="src/core/xalloc.c src/core/buf.c src/core/utf8.c src/core/paths.c src/core/status.c src/md/*.c"
# shellcheck disable=SC2086
clang $cflags -o "$out/fuzz_markdown" tests/fuzz/fuzz_markdown.c $srcs $libs
mkdir -p tests/fuzz/corpus/markdown
echo "fuzz: fuzz_markdown for ${seconds}s"
"$out/fuzz_markdown" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
	-print_final_stats=1 tests/fuzz/corpus/markdown 2>&1 | tail -n 12
