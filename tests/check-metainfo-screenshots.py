#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# check-metainfo-screenshots.py: fails when the metainfo names a screenshot
# missing from docs/screenshots/, or lists no screenshot.
import re
import sys
from pathlib import Path

metainfo, folder = Path(sys.argv[1]), Path(sys.argv[2])
names = re.findall(r'<image>@SCREENSHOT_BASE_URL@([^<]+)</image>', metainfo.read_text(encoding='utf-8'))

if not names:
    sys.exit(f'{metainfo}: no screenshot is listed')

missing = [name for name in names if not (folder / name).is_file()]
if missing:
    sys.exit(f'{metainfo}: not in {folder}: ' + ', '.join(missing))

print(f'{len(names)} screenshots, all in {folder}')
