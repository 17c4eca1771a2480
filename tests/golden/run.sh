#!/bin/sh
# Golden tests: every case in cases/ laid out at widths 20, 40, 80 and 120
# must match expected/NAME.wWIDTH.txt exactly and never be wider than the
# width; cases named *.color.md are also compared with ANSI styles on.
# Pathological inputs are generated and must lay out within the width, in
# bounded time. UPDATE_GOLDEN=1 rewrites the expected files (review the diff!).
. tests/lib.sh
pin_env
dir=tests/golden
tmp=$(mktemp -d)

for case in "$dir"/cases/*.md; do
	name=$(basename "$case" .md)
	for w in 20 40 80 120; do
		exp="$dir/expected/$name.w$w.txt"
		out="$tmp/$name.w$w.txt"
		if ! "$BIN" render --no-color --width "$w" "$case" > "$out"; then
			fail "golden: $name at width $w (render failed)"
			continue
		fi
		widest=$(wc -L < "$out")
		if [ "$widest" -gt "$w" ]; then
			fail "golden: $name at width $w fits" "widest line is $widest columns"
		else
			pass "golden: $name at width $w fits"
		fi
		[ "${UPDATE_GOLDEN:-0}" = 1 ] && cp "$out" "$exp"
		if cmp -s "$out" "$exp"; then
			pass "golden: $name at width $w"
		else
			fail "golden: $name at width $w" "$(diff -u "$exp" "$out" 2>&1 | head -20)"
		fi
	done
	case "$name" in *.color)
		exp="$dir/expected/$name.ansi.txt"
		"$BIN" render --color --width 80 "$case" > "$tmp/ansi"
		[ "${UPDATE_GOLDEN:-0}" = 1 ] && cp "$tmp/ansi" "$exp"
		check "golden: $name with colour" cmp -s "$tmp/ansi" "$exp"
		;;
	esac
done

# Pathological inputs: (name, generator). Each must render at every width,
# within 20 seconds, with no line wider than the width.
gen() {
	case "$1" in
	deep-quotes) head -c 10000 /dev/zero | tr '\0' '>'; echo " deep" ;;
	deep-lists) i=0; while [ $i -lt 10000 ]; do printf -- '- '; i=$((i + 1)); done; echo deep ;;
	deep-emphasis) head -c 10000 /dev/zero | tr '\0' '*'; printf x; head -c 10000 /dev/zero | tr '\0' '*'; echo ;;
	deep-brackets) head -c 10000 /dev/zero | tr '\0' '['; echo x ;;
	wide-table)
		seq 5000 | sed 's/^/| c/' | tr -d '\n'; echo ' |'
		seq 5000 | sed 's/.*/|---/' | tr -d '\n'; echo '|'
		seq 5000 | sed 's/^/| v/' | tr -d '\n'; echo ' |' ;;
	long-line) yes 'lorem ipsum dolor' | head -c 1000000 | tr '\n' ' '; echo ;;
	long-word) head -c 1000000 /dev/zero | tr '\0' 'x'; echo ;;
	long-code) echo '```python'; head -c 1000000 /dev/zero | tr '\0' '"'; echo; echo '```' ;;
	wide-chars) yes '日本語テキスト' | head -c 300000 | tr '\n' ' '; echo ;;
	esac
}
for p in deep-quotes deep-lists deep-emphasis deep-brackets wide-table long-line long-word long-code wide-chars; do
	gen "$p" > "$tmp/$p.md"
	for w in 20 80; do
		if timeout 20 "$BIN" render --no-color --width "$w" "$tmp/$p.md" > "$tmp/$p.out"; then
			widest=$(wc -L < "$tmp/$p.out")
			if [ "$widest" -le "$w" ] && [ -s "$tmp/$p.out" ]; then
				pass "golden: pathological $p at width $w"
			else
				fail "golden: pathological $p at width $w" "widest line $widest, $(wc -c < "$tmp/$p.out") bytes"
			fi
		else
			fail "golden: pathological $p at width $w" "render failed or took over 20 s"
		fi
	done
done
rm -rf "$tmp" "$STUDYTERM_HOME"
