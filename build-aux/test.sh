#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test.sh: installs what is missing, builds Sapa and runs every test
# suite, ending with one line "N passed, N failed, N skipped".
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/_build"

"$top/build-aux/install-deps.sh"
[ -f "$build/build.ninja" ] || meson setup "$build" "$top"
meson compile -C "$build"

status=0
meson test -C "$build" --print-errorlogs "$@" || status=$?
python3 "$top/build-aux/count-results.py" "$build/meson-logs/testlog.json" || status=1
exit "$status"
