#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run.sh: installs what is missing, builds Sapa and starts it from the
# build folder, in Indonesian unless SAPA_LANGUAGE names another language.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/_build"

"$top/build-aux/install-deps.sh"
[ -f "$build/build.ninja" ] || meson setup "$build" "$top"
meson compile -C "$build"

language=${SAPA_LANGUAGE:-id}
if [ "$language" = id ]; then
  export LANG=id_ID.UTF-8 LANGUAGE=id
else
  export LANGUAGE="$language"
fi

GSETTINGS_SCHEMA_DIR="$build/data" SAPA_LOCALEDIR="$build/po" exec "$build/src/app/sapa" "$@"
