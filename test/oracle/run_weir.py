#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run the oracle guest in a weir partition on QEMU ppce500 and keep its
runner lines (doc/oracle.md).

    run_weir.py --build-dir build --config test/oracle/config.dts -o OUT

weir.elf is entered directly by QEMU (as test/py's boot_direct), the
config tree and build/guests/oracle.elf are loaded as raw blobs. The
guest's console lines ("[oracle] ...") are written to OUT without the
prefix; QEMU is stopped at the runner's end line ("E <n>"), on a runner
failure ("F ...") or after --timeout seconds (then the exit status is 1
and the console is kept next to OUT).
"""
import argparse
import os
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pylib"))
import weir_qemu  # noqa: E402  (test/pylib)

CONFIG_ADDR = "0x4000000"
IMAGE_ADDR = "0x4100000"
PREFIX = "[oracle] "


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--config", required=True)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--timeout", type=float, default=120)
    a = ap.parse_args()
    b = a.build_dir
    dtb = a.output + ".config.dtb"
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, a.config],
                   check=True)
    cmd = weir_qemu.PPCE500 + ["-smp", "2",
           "-m", "1G", "-nographic", "-no-reboot",
           "-kernel", os.path.join(b, "weir.elf"),
           "-device", f"loader,file={dtb},addr={CONFIG_ADDR},force-raw=on",
           "-device", f"loader,file={os.path.join(b, 'guests', 'oracle.elf')},"
           f"addr={IMAGE_ADDR},force-raw=on",
           "-append", f"config-addr={CONFIG_ADDR}"]
    console = a.output + ".console"
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + a.timeout
    buf, lines, ok = b"", [], False
    try:
        with open(console, "wb") as con:
            while time.monotonic() < deadline:
                r, _, _ = select.select([proc.stdout], [], [], 1.0)
                if not r:
                    if proc.poll() is not None:
                        break
                    continue
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                con.write(chunk)
                buf += chunk
                *done, buf = buf.split(b"\n")
                for raw in done:
                    line = raw.decode("utf-8", "replace").rstrip("\r")
                    if line.startswith(PREFIX):
                        line = line[len(PREFIX):]
                        lines.append(line)
                        if line.startswith("E ") or line.startswith("F "):
                            ok = line.startswith("E ")
                            deadline = 0
                    elif "weir: fatal" in line or "weir: stopped" in line:
                        deadline = 0
    finally:
        proc.kill()
        proc.wait()
    with open(a.output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    if not ok:
        sys.exit(f"run_weir: the oracle guest did not finish; console: {console}")


if __name__ == "__main__":
    main()
