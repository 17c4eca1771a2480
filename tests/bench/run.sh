#!/bin/sh
# make bench: figures, not pass/fail. Usage: run.sh BINARY
set -eu
exec /usr/bin/python3 "$(dirname "$0")/bench.py" "$@"
