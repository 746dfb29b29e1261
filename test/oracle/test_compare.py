# SPDX-License-Identifier: GPL-2.0-or-later
"""The comparer can fail: synthetic runner outputs for a small scenario
give identical, by-design, consequence and UNEXPECTED lines exactly where
they should (doc/oracle.md). Run by `make oracle` before the real runs."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCN = """put default 0x1000 ram+0x1000|rw
get default 0x1000
put default 0x2800 ram|rw
get default 0x2000
stuff default 0 0 513
get default 0x1000
"""
HDR = {"qemu": "0x80000000", "weir": "0x40000010"}


def out(side, results):
    lines = [f"H runner {side}", "H ram 0x0", "H ramend 0x10000000", "H list 0x4000",
             "H buid 0x800000020000000", "H cfg 0x0", f"H default {HDR[side]}",
             "H default.base 0x0", "H default.end 0x40000000", "S 0 t"]
    lines += [f"R {i} {r}" for i, r in enumerate(results)]
    return "\n".join(lines + [f"E {len(results)}"]) + "\n"


# line 0 is the implicit reset
QEMU = ["0 h=0", "0", "0 0x1003", "0", "0 0x3", "0", "0 0x0"]
WEIR = ["0 h=0", "0", "0 0x1003", "-4", "0 0x0", "-57", "0 0x1003"]


def run(tmp_path, qemu, weir, host=None, scenario=SCN):
    scn = tmp_path / "t.scn"
    scn.write_text(scenario)
    q, w = tmp_path / "q.out", tmp_path / "w.out"
    q.write_text(out("qemu", qemu))
    w.write_text(out("weir", weir))
    args = [sys.executable, os.path.join(HERE, "compare.py"), "--qemu", str(q),
            "--weir", str(w)]
    if host is not None:
        h = tmp_path / "h.out"
        h.write_text(out("weir", host))
        args += ["--host", str(h)]
    return subprocess.run(args + [str(scn)], capture_output=True, text=True)


def classes(stdout):
    return [ln.split(None, 1)[0] + " " + ln.split()[-1 if "(" not in ln else 0]
            for ln in stdout.splitlines() if ln.startswith("t:")]


def test_expected_classes(tmp_path):
    p = run(tmp_path, QEMU, WEIR, WEIR)
    assert p.returncode == 0, p.stdout
    text = p.stdout
    assert "t:1 " in text and "identical" in text.split("t:1 ")[1].splitlines()[0]
    assert "by design (ioba-unaligned)" in text
    assert "consequence (of t:3 (ioba-unaligned))" in text
    assert "by design (stuff-over-512)" in text
    # the QEMU stuff of 513 cleared 0x1000 there, weir refused: consequence
    assert "consequence (of t:5 (stuff-over-512))" in text
    assert "0 UNEXPECTED" in text


def test_unexplained_difference_fails(tmp_path):
    weir = list(WEIR)
    weir[2] = "0 0x1001"            # GET returns another TCE than QEMU
    p = run(tmp_path, QEMU, weir)
    assert p.returncode == 1
    assert "t:2 " in p.stdout and "UNEXPECTED (differs in r4)" in p.stdout


def test_wrong_code_for_a_rule_fails(tmp_path):
    weir = list(WEIR)
    weir[5] = "-4"                  # STUFF > 512 must be H_P4, not H_PARAMETER
    p = run(tmp_path, QEMU, weir)
    assert p.returncode == 1 and "UNEXPECTED" in p.stdout


def test_host_and_weir_must_agree(tmp_path):
    host = list(WEIR)
    host[1] = "-4"
    p = run(tmp_path, QEMU, WEIR, host)
    assert p.returncode == 1 and "host -4 != weir 0" in p.stdout


def test_incomplete_run_fails(tmp_path):
    p = run(tmp_path, QEMU[:-1], WEIR)
    assert p.returncode != 0


# QEMU creates a DDW of 2 MiB pages, weir refuses it by design (4 KiB and
# 64 KiB only): weir never binds ddw1, so it answers the lines naming ddw1
# with H_PARAMETER (unknown LIOBN) where QEMU succeeds.
SCN_REFUSED = """remove default
create 21 32 as=ddw1
put ddw1 ddw1.base ram|rw
get ddw1 ddw1.base
"""
QEMU_REFUSED = ["0 h=0", "0 h=0", "0 0x80000001 0x8 0x0 h=0", "0", "0 0x3"]
WEIR_REFUSED = ["0 h=0", "0 h=0", "-3 0x0 0x0 0x0 h=0", "-4", "-4 0x0"]


def test_unbound_window_is_a_consequence(tmp_path):
    """A window name weir never bound taints the lines using it as a
    consequence of the create it refused, naming that create's rule."""
    p = run(tmp_path, QEMU_REFUSED, WEIR_REFUSED, scenario=SCN_REFUSED)
    assert p.returncode == 0, p.stdout
    assert "by design (create-pagesize)" in p.stdout
    assert p.stdout.count("consequence (of t:2 (create-pagesize))") == 2, p.stdout
    # the same answers from a weir that did bind ddw1 are no consequence
    weir = list(WEIR_REFUSED)
    weir[2] = "0 0x40000020 0x8 0x0 h=0"
    p = run(tmp_path, QEMU_REFUSED, weir, scenario=SCN_REFUSED)
    assert p.returncode == 1 and "UNEXPECTED" in p.stdout
