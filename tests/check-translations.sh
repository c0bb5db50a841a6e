#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-translations.sh: fails when po/id.po lacks a translation of any
# string in the current sources, or has a fuzzy or invalid entry.
set -eu

srcdir=$1
language=${2:-id}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$srcdir"
xgettext --package-name=sapa --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --files-from=po/POTFILES.in --output="$work/sapa.pot"

msgmerge --quiet --no-fuzzy-matching "po/$language.po" "$work/sapa.pot" \
  --output-file="$work/$language.po"
msgfmt --check --output-file=/dev/null "$work/$language.po"

untranslated=$(msgattrib --untranslated --no-obsolete "$work/$language.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "po/$language.po" | grep -c '^msgid ' || true)

# msgattrib prints the header entry too when it prints anything.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))

if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
  echo "po/$language.po: $untranslated untranslated and $fuzzy fuzzy entries:" >&2
  msgattrib --untranslated --no-obsolete "$work/$language.po" | grep -A1 '^msgid ' | head -n 40 >&2
  exit 1
fi

echo "po/$language.po: every string of the sources is translated"
