# SPDX-License-Identifier: GPL-2.0-or-later
"""QEMU console tests in the style of U-Boot's test/py: boot a machine,
expect lines on its console, fail on timeout, keep the console log of
every test under build/test-logs/ (kept for failed tests)."""
import os
import re
import shutil
import subprocess
import sys

import pexpect
import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "test", "pylib"))
import weir_qemu  # noqa: E402  (test/pylib)

UBOOT = weir_qemu.UBOOT


def pytest_addoption(parser):
    parser.addoption("--build-dir", default="build", help="weir build directory")


@pytest.fixture(scope="session")
def build_dir(request):
    d = request.config.getoption("--build-dir")
    return d if os.path.isabs(d) else os.path.join(TOP, d)


# Console lines that begin with these are written by weir: a partition's
# "[name] ..." and weir's own "weir: ...". Patterns for them match only at
# the start of a console line.
LINE_STARTS = (r"\[", "weir:")


def top_alternatives(pattern):
    """@pattern split at its top-level '|' (outside groups, classes and
    escapes)."""
    alts, depth, cls, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if cls:
            cls = ch != "]"
        elif ch == "[":
            cls = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            alts.append(pattern[start:i])
            start = i + 1
        i += 1
    return alts + [pattern[start:]]


class Console:
    """One QEMU run; every byte of its console goes to a log file.

    A pattern (or top-level alternative) that starts with "\\[" or
    "weir:" names a line weir wrote and matches only at the start of a
    console line: a guest cannot print "[victim] alive ..." in the middle
    of its own line (which weir prefixes with its name) and pass for its
    neighbour."""

    def __init__(self, args, log_path, timeout=30):
        self.log_path = log_path
        self.logf = open(log_path, "w", encoding="utf-8", errors="replace")
        self.logf.write("$ " + " ".join(args) + "\n")
        self.proc = pexpect.spawn(args[0], args[1:], encoding="utf-8",
                                  codec_errors="replace", timeout=timeout)
        self.proc.logfile_read = self.logf
        self.at_line_start = True   # what pexpect consumed ends a line

    def anchored(self, pattern):
        """@pattern with its weir-line alternatives anchored at a line start."""
        bol = r"(?:\A|(?<=\n))" if self.at_line_start else r"(?<=\n)"
        return "|".join(bol + a if a.startswith(LINE_STARTS) else a
                        for a in top_alternatives(pattern))

    def expect(self, pattern, timeout=None):
        """Wait for a regex on the console; return the match."""
        try:
            # pexpect: -1 is the spawn's default timeout, None is forever
            self.proc.expect(self.anchored(pattern),
                             timeout=-1 if timeout is None else timeout)
        except pexpect.TIMEOUT:
            pytest.fail(f"timeout waiting for {pattern!r}; console log: {self.log_path}")
        except pexpect.EOF:
            pytest.fail(f"QEMU exited waiting for {pattern!r}; console log: {self.log_path}")
        self.at_line_start = self.proc.match.group(0).endswith("\n")
        return self.proc.match

    def expect_all(self, patterns, timeout=None):
        """Wait for every regex of @patterns, in any order (lines of two
        cores, or of weir and a guest, may interleave either way)."""
        left = list(patterns)
        while left:
            self.expect("|".join(f"({self.anchored(p)})" for p in left), timeout)
            groups = self.proc.match.groups()
            # drop the alternative that matched (its group is the first
            # one set among the top-level groups, counted as compiled)
            idx, n = 0, 0
            for i, p in enumerate(left):
                if groups[n] is not None:
                    idx = i
                    break
                n += 1 + re.compile(p).groups
            del left[idx]

    def expect_silence(self, pattern, seconds):
        """Fail if @pattern appears within @seconds."""
        try:
            self.proc.expect(self.anchored(pattern), timeout=seconds)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return
        pytest.fail(f"unexpected {pattern!r} on console; log: {self.log_path}")

    def close(self):
        self.proc.terminate(force=True)
        self.logf.close()


@pytest.fixture
def qemu(request, build_dir):
    """qemu(kind, extra_args): start QEMU booting weir.

    kind "uboot": U-Boot autoboots build/weir.itb or @itb (make_fit(); the
    real boot path);
    kind "direct": QEMU enters weir.elf directly (ePAPR), which lets a test
    hand weir a modified device tree with -dtb.
    """
    logdir = os.path.join(build_dir, "test-logs")
    os.makedirs(logdir, exist_ok=True)
    consoles = []

    def start(kind="uboot", extra=(), smp=2, timeout=30, itb=None):
        args = weir_qemu.PPCE500 + ["-smp", str(smp), "-m", "1G", "-nographic", "-no-reboot"]
        if kind == "uboot":
            args += ["-bios", UBOOT, "-kernel", itb or os.path.join(build_dir, "weir.itb")]
        else:
            args += ["-kernel", os.path.join(build_dir, "weir.elf")]
        args += list(extra)
        log = os.path.join(logdir, request.node.name.replace("/", "_") + ".log")
        c = Console(args, log, timeout)
        consoles.append(c)
        return c

    yield start
    for c in consoles:
        c.close()
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.passed:
        for c in consoles:
            os.unlink(c.log_path)


def make_fit(build_dir, tmp_path, name, dtb, images, desc):
    """A FIT as mk/linux.mk and the Makefile make it (scripts/mkits): weir,
    the partition config @dtb at CONFIG_WEIR_CONFIG_ADDR and @images, a
    list of (name, file, load address) U-Boot copies before weir runs.
    Return: the .itb path, in @tmp_path."""
    cfg = open(os.path.join(build_dir, ".config")).read()
    text_base = re.search(r"^CONFIG_TEXT_BASE=(\S+)", cfg, re.M).group(1)
    cfg_addr = re.search(r"^CONFIG_WEIR_CONFIG_ADDR=(\S+)", cfg, re.M).group(1)
    top = os.path.join(os.path.dirname(__file__), "..", "..")
    its = subprocess.run([os.path.join(top, "scripts", "mkits"),
                          os.path.join(build_dir, "weir.bin"), text_base, str(dtb),
                          cfg_addr, desc] + [str(x) for img in images for x in img],
                         check=True, capture_output=True).stdout
    (tmp_path / f"{name}.its").write_bytes(its)
    subprocess.run(["mkimage", "-f", str(tmp_path / f"{name}.its"), str(tmp_path / f"{name}.itb")],
                   check=True, capture_output=True)
    return str(tmp_path / f"{name}.itb")


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


@pytest.fixture(scope="session")
def qemu_dtb(build_dir, tmp_path_factory):
    """QEMU's own ppce500 device tree (dumpdtb), as a dict-free path."""
    out = tmp_path_factory.mktemp("dtb") / "qemu.dtb"
    subprocess.run(weir_qemu.PPCE500 + ["-smp", "2",
                    "-m", "1G", "-nographic", "-kernel", os.path.join(build_dir, "weir.elf"),
                    "-machine", f"dumpdtb={out}"], check=True, capture_output=True)
    return str(out)


def fdtput(dtb, *args):
    subprocess.run(["fdtput", dtb] + list(args), check=True)


def modified_dtb(src, dst, *edits):
    """Copy @src to @dst and apply fdtput edits, each a tuple of arguments."""
    shutil.copy(src, dst)
    for e in edits:
        fdtput(str(dst), *e)
    return str(dst)
