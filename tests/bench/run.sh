#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run.sh: builds the benchmarks if needed, makes or reuses the data set and runs every benchmark
#
# Usage: tests/bench/run.sh [--quick|--tiny] [--build-dir DIR] [--data-dir DIR] [--no-build]
#
#   (default)  1,000,000 tickets, 2,000 registrations, 200 searches of each
#              kind, 20 rounds of each report, 5 rounds of the Tickets page
#              per renderer, 100,000 activities pushed to sapa-server and
#              pulled by a new desk
#   --quick    100,000 tickets, 500 registrations, 50 searches, 10 report
#              rounds, 3 Tickets page rounds, 20,000 activities
#   --tiny     2,000 tickets, 20 registrations, 5 searches, 1 round, 300
#              activities, with
#              the generator's comparison against sapa_store_record() and
#              no met/missed marks: it only proves that the benchmarks work
#
# The build directory defaults to _build in the source tree, the data
# directory to bench-data inside the build directory. A data set is made
# once per size, seed and generator version and reused after that; the
# registration benchmark writes into a copy of it.
set -eu

source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$source_dir/_build
data_dir=
size=default
build=yes
seed=20261204

while [ $# -gt 0 ]; do
  case $1 in
    --quick) size=quick ;;
    --tiny) size=tiny ;;
    --build-dir) build_dir=$2; shift ;;
    --data-dir) data_dir=$2; shift ;;
    --no-build) build=no ;;
    -h|--help) sed -n '3,21p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

case $size in
  default) tickets=1000000 registrations=2000 queries=200 reports=20 rounds=5 activities=100000 ;;
  quick) tickets=100000 registrations=500 queries=50 reports=10 rounds=3 activities=20000 ;;
  tiny) tickets=2000 registrations=20 queries=5 reports=1 rounds=1 activities=300 ;;
esac
targets=
check=
if [ "$size" = tiny ]; then
  targets=--no-targets
  check=--check
fi

data_dir=${data_dir:-$build_dir/bench-data}
bench=$build_dir/tests/bench

if [ "$build" = yes ]; then
  if [ ! -f "$build_dir/build.ninja" ]; then
    meson setup "$build_dir" "$source_dir" >&2
  fi
  ninja -C "$build_dir" >&2
fi

mkdir -p "$data_dir"

# The data set's name carries a hash of the code that writes it, so a
# change to the generator or to the store's schema makes a new one.
version=$(cat "$source_dir/tests/bench/bench-generate.c" "$source_dir/tests/bench/bench-data.c" \
              "$source_dir/src/core/sapa-store-schema.c" | sha256sum | cut -c1-12)
data=$data_dir/tickets-$tickets-s$seed-$version.db
if [ ! -f "$data" ] || [ -n "$check" ]; then
  echo "run.sh: generating $tickets tickets into $data" >&2
  "$bench/bench-generate" --tickets "$tickets" --seed "$seed" --output "$data" $check >&2
fi

# Registration writes, so it gets a copy; the other benchmarks only read.
# The copy is flushed first: otherwise the kernel writes its 5.8 GB back
# during the registrations, and their fsyncs wait behind it.
work=$data_dir/work.db
rm -f "$work" "$work-wal" "$work-shm"
cp "$data" "$work"
sync

commit=$(git -C "$source_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "Sapa benchmarks, $size size ($tickets tickets, seed $seed), commit $commit, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| benchmark | metric | Sapa | raw limit | ratio | target | met |"
echo "| --- | --- | --- | --- | --- | --- | --- |"

"$bench/bench-register" --store "$work" --registrations "$registrations" --seed "$seed" $targets
rm -f "$work" "$work-wal" "$work-shm"

"$bench/bench-search" --store "$data" --queries "$queries" --seed "$seed" $targets

"$bench/bench-report" --store "$data" --rounds "$reports" $targets

if [ -x "$bench/bench-sync" ] && [ -x "$build_dir/src/server/sapa-server" ]; then
  "$bench/bench-sync" --server "$build_dir/src/server/sapa-server" --activities "$activities" --seed "$seed" $targets
else
  echo "| server ingest | - | skipped: built without the server | - | - | - | - |"
fi

if command -v xvfb-run >/dev/null 2>&1; then
  for renderer in default cairo; do
    (
      export GSETTINGS_SCHEMA_DIR="$build_dir/data" GSETTINGS_BACKEND=memory
      export GTK_A11Y=none NO_AT_BRIDGE=1
      if [ "$renderer" = cairo ]; then
        export GSK_RENDERER=cairo
      fi
      xvfb-run -a -s '-screen 0 1280x800x24' \
        "$bench/bench-ticket-list" --store "$data" --rounds "$rounds" --label "$renderer renderer" $targets
    )
  done
else
  echo "| open the Tickets page | - | skipped: xvfb-run is not installed | - | - | - | - |"
fi
