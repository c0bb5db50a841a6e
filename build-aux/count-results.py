#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count test results in meson's testlog.json, one per TAP subtest.

meson's own summary counts whole test programs; this counts each GTest
case of a TAP program, and each other program as one test. A program that
crashed or timed out counts as one more failure beside its subtests.
"""

import json
import re
import sys

TAP_LINE = re.compile(r"^(not ok|ok)\b(.*)$")
TAP_PLAN = re.compile(r"^1\.\.\d+", re.MULTILINE)


def count(log_path):
    passed = failed = skipped = 0

    with open(log_path, encoding="utf-8") as log:
        for line in log:
            if not line.strip():
                continue
            test = json.loads(line)
            result = test.get("result")
            subtests = 0

            stdout = test.get("stdout") or ""

            # testlog.json does not name the protocol: a TAP plan line
            # marks a TAP program.
            if TAP_PLAN.search(stdout):
                for output_line in stdout.splitlines():
                    match = TAP_LINE.match(output_line)
                    if not match:
                        continue
                    subtests += 1
                    if "# SKIP" in match.group(2):
                        skipped += 1
                    elif match.group(1) == "ok":
                        passed += 1
                    else:
                        failed += 1

            if subtests == 0:
                if result == "OK":
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    failed += 1
            elif result not in ("OK", "SKIP", "FAIL"):
                failed += 1

    return passed, failed, skipped


def main():
    passed, failed, skipped = count(sys.argv[1])
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
