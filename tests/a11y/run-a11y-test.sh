#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-a11y-test.sh: runs test-a11y.py on a private X display with its own
# session bus, on which the AT-SPI bus and registry start on demand.
# Exits 77, which meson counts as skipped, when a tool it needs is missing.
#
# Usage: run-a11y-test.sh SAPA_BINARY SCHEMA_DIR LOCALE_DIR
set -eu

if [ $# -ne 3 ]; then
  echo "Usage: $0 SAPA_BINARY SCHEMA_DIR LOCALE_DIR" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
# Debian's pyatspi is installed for Debian's Python, which need not be the
# first python3 on PATH.
python=/usr/bin/python3
# Xvfb gets this long to start, in tenths of a second.
xvfb_start_limit=100

skip () {
  echo "SKIP: $1"
  exit 77
}

command -v Xvfb >/dev/null || skip "Xvfb is missing (Debian package xvfb)"
command -v xauth >/dev/null || skip "xauth is missing (Debian package xauth)"
command -v dbus-run-session >/dev/null || skip "dbus-run-session is missing (Debian package dbus-bin)"
[ -x /usr/libexec/at-spi-bus-launcher ] || skip "the AT-SPI bus launcher is missing (Debian package at-spi2-core)"
[ -x "$python" ] && "$python" -c 'import pyatspi' 2>/dev/null ||
  skip "pyatspi is missing from $python (Debian package python3-pyatspi)"

work=$(mktemp -d "${TMPDIR:-/tmp}/sapa-a11y-x.XXXXXX")
xvfb_pid=""

# The AT-SPI registry can outlive the session bus by a moment. When Xvfb
# stops first, it prints "X connection to :N broken" as it exits, which is
# harmless.
cleanup () {
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The X server accepts every cookie in its -auth file, whatever display
# the entry names (seen with Debian 12's xvfb 21.1). The clients get an
# entry for the real display number once Xvfb has chosen it.
: > "$work/Xauthority"
cookie=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
xauth -q -f "$work/Xauthority" add :0 MIT-MAGIC-COOKIE-1 "$cookie"

# With -displayfd, Xvfb takes a free display number itself and writes it
# once it accepts clients. "xvfb-run -a" guesses a number instead, which
# races with other X servers started at the same time. -noreset keeps the
# server from resetting when its last client leaves, because the AT-SPI
# bus launcher connects and leaves while Sapa starts, and a reset then
# drops Sapa's connection.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset -auth "$work/Xauthority" \
  3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!

waited=0
while [ ! -s "$work/display" ]; do
  if ! kill -0 "$xvfb_pid" 2>/dev/null || [ "$waited" -ge "$xvfb_start_limit" ]; then
    echo "FAIL: Xvfb did not start within $((xvfb_start_limit / 10)) s. Its log:" >&2
    cat "$work/xvfb.log" >&2
    exit 1
  fi
  sleep 0.1
  waited=$((waited + 1))
done

display=":$(tr -d '\n' < "$work/display")"
xauth -q -f "$work/Xauthority" add "$display" MIT-MAGIC-COOKIE-1 "$cookie"

status=0
DISPLAY=$display XAUTHORITY=$work/Xauthority GDK_BACKEND=x11 \
  dbus-run-session -- "$python" "$here/test-a11y.py" "$@" || status=$?
exit "$status"
