# SPDX-License-Identifier: GPL-2.0-or-later
"""Fault tests: a partition flooding weir with garbage hcalls (guest
test/guests/flood.c) must not slow its neighbour, which keeps printing its
heartbeat on schedule ("alive <k>" every 0.5 s of timebase) with its
memory intact; and a DMA device storming access violations, which weir
contains to its owner without flooding the console.""" 
import time

from test_dma import config as dma_config
from test_partitions import boot_direct, config_dtb, guest

BEAT_S = 0.5          # heartbeat period (test/guests/lib/heartbeat.c)
WINDOW_S = 8          # how long the flood is watched
STORM_LEN = 30000     # violations avstorm causes (test/guests/avstorm.c)


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


def test_access_violation_storm(qemu, build_dir, tmp_path):
    """A DMA device faulting in a loop (avstorm: copy from an unmapped IOVA,
    re-enable, again): every violation reaches only its owner's error queue,
    weir's console log of them is thinned, and the neighbour's heartbeat
    keeps its pace."""
    engine = 'dma-engine { compatible = "weir,dma-engine"; fsl,liodn = <0x10>; };'
    dtb = dma_config(tmp_path, "", engine, labels=("victim", "storm"))
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), guest(build_dir, "avstorm"))
    c.expect(r"\[storm\] avstorm: start")
    m = c.expect(r"\[victim\] alive (\d+) sum ([0-9a-f]+) ok")
    last, want = int(m.group(1)), m.group(2)
    start = time.monotonic()
    beats, storms, prev_t, gaps, violations, done = 0, 0, start, [], 0, False
    while time.monotonic() - start < WINDOW_S:
        m = c.expect(r"\[victim\] alive (\d+) sum ([0-9a-f]+) (ok|CORRUPT)"
                     r"|\[storm\] avstorm: (\d+) violations, (\d+) records read, (\d+) unexpected"
                     r"|\[storm\] avstorm: (done)", timeout=10)
        if m.group(7):
            done = True
            continue
        if m.group(4):
            storms += 1
            violations = int(m.group(4))
            assert int(m.group(6)) == 0, "a faulting copy did not get EV_EFAULT"
            assert int(m.group(5)) > 0, "no error records reached the owner"
            continue
        k, s, state = int(m.group(1)), m.group(2), m.group(3)
        assert state == "ok" and s == want, f"victim memory changed: {s}"
        assert k == last + 1, f"heartbeat {k} after {last}"
        now = time.monotonic()
        gaps.append(now - prev_t)
        prev_t, last = now, k
        beats += 1
    if not done:
        c.expect(r"\[storm\] avstorm: done", timeout=60)
    c.expect(r"\[storm\] alive \d+ sum [0-9a-f]+ ok")
    log = open(c.log_path, encoding="utf-8", errors="replace").read()
    lines = log.count("DMA access violation")
    print(f"storm: {violations} violations reported in {WINDOW_S} s, "
          f"{lines} console lines for {STORM_LEN}, {beats} heartbeats, "
          f"longest gap {max(gaps):.2f} s")
    assert storms >= 1 and violations >= 10000
    assert beats >= WINDOW_S / BEAT_S / 2, f"only {beats} heartbeats"
    assert max(gaps) < 6 * BEAT_S, f"heartbeat stalled {max(gaps):.1f} s"
    # the first three, then one per 256 violations of the device
    assert lines == 3 + STORM_LEN // 256, \
        f"{lines} log lines for {STORM_LEN} violations"
    assert "partition 'victim': DMA" not in log
    assert "[victim] check" not in log or "FAIL" not in log
