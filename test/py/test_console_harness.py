# SPDX-License-Identifier: GPL-2.0-or-later
"""The console harness itself (conftest.Console), without QEMU: a line
that weir writes ("[name] ..." or "weir: ...") is matched only at the
start of a console line, so a guest printing its neighbour's line in the
middle of its own cannot make a test pass or fail for the neighbour."""
import pytest

from conftest import Console, top_alternatives

FORGED = ("[attacker] [victim] alive 7 sum 0 ok late 0\r\n"
          "[attacker] xx weir: partition 'victim' stopped\r\n"
          "[victim] alive 3 sum 833a4f63 ok late 12\r\n"
          "weir: partition 'attacker' stopped\r\n")


@pytest.fixture
def console(tmp_path):
    script = tmp_path / "out.txt"
    script.write_text(FORGED)
    c = Console(["cat", str(script)], str(tmp_path / "console.log"), timeout=5)
    yield c
    c.close()


def test_line_start_only(console):
    m = console.expect(r"\[victim\] alive (\d+)")
    assert m.group(1) == "3"
    m = console.expect(r"weir: partition '(\w+)' stopped")
    assert m.group(1) == "attacker"


def test_alternatives_anchored_each(console):
    m = console.expect(r"\[victim\] alive (\d+)|weir: partition '(\w+)' stopped")
    assert m.group(1) == "3"


def test_other_patterns_unanchored(console):
    # a pattern for text inside a line (not a line weir starts) still finds it
    m = console.expect(r"alive (\d+) sum 0")
    assert m.group(1) == "7"


def test_expect_all_anchored(console):
    console.expect_all([r"weir: partition '(\w+)' stopped", r"\[victim\] alive (\d+)"])
    # unanchored, the forged "[victim] alive 7" and "... 'victim' stopped"
    # of the attacker's lines would have matched
    assert "'attacker' stopped" in console.proc.match.group(0)


def test_top_alternatives():
    assert top_alternatives(r"a|b(c|d)|[|]|\||e") == ["a", "b(c|d)", "[|]", r"\|", "e"]
