# SPDX-License-Identifier: GPL-2.0-or-later
"""Fault tests: a partition flooding weir with garbage hcalls (guest
test/guests/flood.c) must not slow its neighbour, which keeps printing its
heartbeat on schedule ("alive <k>" every 0.5 s of timebase) with its
memory intact. (The second half of the issue, a device storming access
violations, needs the emulated DMA engine; see doc/robustness.md.)"""
import time

from test_partitions import boot_direct, config_dtb, guest

BEAT_S = 0.5          # heartbeat period (test/guests/lib/heartbeat.c)
WINDOW_S = 8          # how long the flood is watched


def test_hcall_flood(qemu, build_dir, tmp_path):
    """The flood runs (it reports progress) while the victim's heartbeats
    keep coming: none missing, none late by more than a few periods."""
    dtb = config_dtb(tmp_path, "victim", "flood")
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), guest(build_dir, "flood"))
    c.expect(r"\[flood\] flood: start")
    c.expect(r"\[flood\] flood: \d+ calls")
    m = c.expect(r"\[victim\] alive (\d+) sum ([0-9a-f]+) ok")
    first, want = int(m.group(1)), m.group(2)
    start = time.monotonic()
    last, beats, floods, gaps = first, 0, 0, []
    prev_t = start
    while time.monotonic() - start < WINDOW_S:
        m = c.expect(r"\[victim\] alive (\d+) sum ([0-9a-f]+) (ok|CORRUPT)"
                     r"|\[flood\] flood: (\d+) calls", timeout=10)
        if m.group(4):
            floods += 1
            continue
        k, s, state = int(m.group(1)), m.group(2), m.group(3)
        assert state == "ok" and s == want, f"victim memory changed: {s}"
        assert k == last + 1, f"heartbeat {k} after {last}"
        now = time.monotonic()
        gaps.append(now - prev_t)
        prev_t, last = now, k
        beats += 1
    print(f"flood: {beats} heartbeats in {WINDOW_S} s, longest gap "
          f"{max(gaps):.2f} s, {floods} flood reports")
    # QEMU's timebase follows host time (give a shared machine slack).
    assert beats >= WINDOW_S / BEAT_S / 2, f"only {beats} heartbeats"
    assert max(gaps) < 6 * BEAT_S, f"heartbeat stalled {max(gaps):.1f} s"
    assert floods >= 1, "the flood stopped"
    c.expect_silence(r"CORRUPT|fatal|ESCAPED", 1)
