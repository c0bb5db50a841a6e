#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-with-postgres.sh: runs a test program against a throwaway PostgreSQL
# cluster that listens on a Unix socket only, then stops and deletes it.
#
# Usage: run-with-postgres.sh PROGRAM [ARGUMENTS]
#
# The program finds the cluster in $SAPA_TEST_POSTGRES, a libpq connection
# string. The cluster lives in a new folder under $TMPDIR (else /tmp).
# Without the PostgreSQL server programs the run is skipped: the script
# prints the TAP plan "1..0 # SKIP" and exits 0, because meson's TAP
# runner reports exit status 77 as an error, not as a skip.
set -eu

initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
if [ -z "$initdb" ]; then
  echo "1..0 # SKIP no PostgreSQL server; install the Debian package postgresql"
  exit 0
fi
bin=$(dirname "$initdb")

# initdb and pg_ctl refuse to run as root, so root runs them as postgres.
owner=""
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "1..0 # SKIP running as root and there is no postgres user to own the cluster"
    exit 0
  fi
  owner="runuser -u postgres --"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/sapa-pg-XXXXXX")
if [ -n "$owner" ]; then
  chown postgres "$dir"
fi

stop_cluster () {
  if [ -f "$dir/data/postmaster.pid" ]; then
    $owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap stop_cluster EXIT
trap 'exit 130' HUP INT QUIT TERM

if ! $owner "$bin/initdb" -A trust -U postgres -D "$dir/data" >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  exit 1
fi

# Durability settings are off: the cluster lives for one test run only.
if ! $owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
     -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
     start >/dev/null; then
  cat "$dir/server.log" >&2
  exit 1
fi

SAPA_TEST_POSTGRES="host=$dir dbname=postgres user=postgres"
export SAPA_TEST_POSTGRES

status=0
"$@" || status=$?
exit "$status"
