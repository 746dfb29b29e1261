#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compile oracle scenarios (.scn) into the C tables the runners embed.

    compile.py OUT.c SCENARIO.scn...
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scn  # noqa: E402


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    try:
        scenarios = scn.load_all(sys.argv[2:])
    except (scn.ScnError, OSError) as e:
        sys.exit(f"compile.py: {e}")
    tmp = sys.argv[1] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(scn.emit_c(scenarios))
    os.replace(tmp, sys.argv[1])


if __name__ == "__main__":
    main()
