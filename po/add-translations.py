#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Merge new strings of the sources into a .po file and fill in translations.

Usage: po/add-translations.py LANG TRANSLATIONS.json

Extracts the strings of po/POTFILES.in, merges them into po/LANG.po
without fuzzy matching (so no guess is ever taken for a translation), then
sets the msgstr of every untranslated msgid found in TRANSLATIONS.json, a
JSON object of msgid to msgstr. Prints the msgids still untranslated.
"""

import json
import os
import subprocess
import sys
import tempfile

KEYWORDS = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dngettext:2,3", "ngettext:1,2"]


def po_string(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def main():
    language, translations_path = sys.argv[1], sys.argv[2]
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    po_path = os.path.join(top, "po", f"{language}.po")

    with open(translations_path, encoding="utf-8") as f:
        translations = json.load(f)

    with tempfile.TemporaryDirectory() as work:
        pot = os.path.join(work, "sapa.pot")
        subprocess.run(["xgettext", "--package-name=sapa", "--from-code=UTF-8", "--add-comments"]
                       + [f"--keyword={k}" for k in KEYWORDS]
                       + ["--files-from=po/POTFILES.in", f"--output={pot}"],
                       cwd=top, check=True)
        subprocess.run(["msgmerge", "--quiet", "--no-wrap", "--no-fuzzy-matching",
                        "--update", "--backup=none", po_path, pot], check=True)

    # With --no-wrap every msgid and msgstr sits on one line, so an empty
    # translation is the line 'msgstr ""' right after its msgid.
    with open(po_path, encoding="utf-8") as f:
        lines = f.read().split("\n")

    missing = []
    for i, line in enumerate(lines[:-1]):
        if not line.startswith("msgid ") or lines[i + 1] != 'msgstr ""' or line == 'msgid ""':
            continue
        msgid = json.loads(line[len("msgid "):])
        if msgid in translations:
            lines[i + 1] = "msgstr " + po_string(translations[msgid])
        else:
            missing.append(msgid)

    with open(po_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))

    # Plural entries (msgid_plural, msgstr[N]) are left to the translator.
    for i, line in enumerate(lines[:-2]):
        if line.startswith("msgid_plural ") and lines[i + 1] == 'msgstr[0] ""':
            missing.append(json.loads(lines[i - 1][len("msgid "):]))

    for msgid in missing:
        print(f"untranslated: {msgid}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
