#!/bin/sh
# Builds docs/studyterm.1 from the template: the @KEYS@ line is replaced by
# the key list that `studyterm keys --man` prints from the keymap table.
# Usage: make-man.sh BINARY TEMPLATE > studyterm.1
set -eu
bin=$1
template=$2
keys=$(mktemp)
"$bin" keys --man > "$keys"
awk -v keys="$keys" '
	$0 == "@KEYS@" { while ((getline line < keys) > 0) print line; next }
	{ print }
' "$template"
rm -f "$keys"
