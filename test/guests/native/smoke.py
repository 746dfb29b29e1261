#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Native smoke test of the test-guest runtime (no hypervisor): boot each
guest linked with fakehv.c directly on QEMU ppce500 and expect its lines.
Run through `make -f test/guests/guests.mk guests-native-check` (or the
top Makefile once it includes guests.mk). Without a hypervisor the
attacker's memory attacks succeed: here only its reporting is tested."""
import os
import sys

import pexpect

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "pylib"))
import weir_qemu  # noqa: E402  (test/pylib)

QEMU = weir_qemu.PPCE500 + ["-m", "1G",
        "-nographic", "-no-reboot"]


def boot(native_dir, guest):
    args = QEMU + ["-kernel", f"{native_dir}/{guest}.elf",
                   "-dtb", f"{native_dir}/native.dtb"]
    p = pexpect.spawn(args[0], args[1:], encoding="utf-8", timeout=20,
                      codec_errors="replace")
    p.logfile_read = sys.stdout
    return p


def hello(d):
    p = boot(d, "hello")
    p.expect(r"hello from native \(guest-id 1\)")
    p.expect(r"hello: all checks done \((\d+) failed\)")
    failed = int(p.match.group(1))
    p.expect(r"alive 2 sum [0-9a-f]{8} ok")
    p.terminate(force=True)
    assert failed == 0, f"{failed} hello checks failed"


def echo(d):
    p = boot(d, "echo")
    p.expect("echo: ready")
    for send, want in [("hello world\r", r"echo: hello world"),
                       ("!status -1\r", r"status -1 = 0/1"),
                       ("!stop 99\r", r"stop 99 = 8"),
                       ("!reset\r", r"fakehv: machine reset")]:
        p.send(send)
        p.expect(want)
    p.expect(pexpect.EOF)


def attacker(d):
    p = boot(d, "attacker")
    for name in ["read-beyond-ram", "read-ccsr", "write-beyond-ram"]:
        p.expect(rf"attack {name}: ESCAPED")	# no hypervisor here
    p.expect(r"attack tlb-flood: survived \(63 entries filled, 100000 rewrites, mappings ok\)")
    for name in ["spr-ivpr", "spr-pid", "spr-sprg0", "bytechan-count",
                 "stop-other", "restart-other"]:
        p.expect(rf"attack {name}: contained")
    p.expect("attacker: done")
    p.expect(r"alive 1 sum [0-9a-f]{8} ok")
    p.terminate(force=True)


if __name__ == "__main__":
    native_dir = sys.argv[1]
    for test in (hello, echo, attacker):
        test(native_dir)
        print(f"\nnative smoke: {test.__name__} ok")
