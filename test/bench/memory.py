# SPDX-License-Identifier: GPL-2.0-or-later
"""placeholder"""


def run(top, bdir, smoke):
    raise RuntimeError("not written yet")
