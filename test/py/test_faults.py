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


def watch_victim(c, other, on_other):
    """For WINDOW_S seconds, check the victim's heartbeat: every beat in
    order, its memory checksum unchanged, none late by more than a few
    periods. Lines matching @other (a regex with its own groups) go to
    @on_other(match) instead. Returns (beats, longest gap in seconds)."""
    m = c.expect(r"\[victim\] alive (\d+) sum ([0-9a-f]+) ok")
    last, want = int(m.group(1)), m.group(2)
    start = prev_t = time.monotonic()
    gaps = []
    while time.monotonic() - start < WINDOW_S:
        m = c.expect(r"\[victim\] alive (\d+) sum ([0-9a-f]+) (ok|CORRUPT)|" + other,
                     timeout=10)
        if m.group(1) is None:
            on_other(m)
            continue
        k, s, state = int(m.group(1)), m.group(2), m.group(3)
        assert state == "ok" and s == want, f"victim memory changed: {s}"
        assert k == last + 1, f"heartbeat {k} after {last}"
        now = time.monotonic()
        gaps.append(now - prev_t)
        prev_t, last = now, k
    # QEMU's timebase follows host time (give a shared machine slack).
    assert len(gaps) >= WINDOW_S / BEAT_S / 2, f"only {len(gaps)} heartbeats"
    assert max(gaps) < 6 * BEAT_S, f"heartbeat stalled {max(gaps):.1f} s"
    return len(gaps), max(gaps)


def test_hcall_flood(qemu, build_dir, tmp_path):
    """The flood runs (it reports progress) while the victim's heartbeats
    keep coming: none missing, none late by more than a few periods."""
    dtb = config_dtb(tmp_path, "victim", "flood")
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), guest(build_dir, "flood"))
    c.expect(r"\[flood\] flood: start")
    c.expect(r"\[flood\] flood: \d+ calls")
    floods = []
    beats, gap = watch_victim(c, r"\[flood\] flood: (\d+) calls",
                              floods.append)
    print(f"flood: {beats} heartbeats in {WINDOW_S} s, longest gap "
          f"{gap:.2f} s, {len(floods)} flood reports")
    assert floods, "the flood stopped"
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
    st = {"reports": 0, "violations": 0, "done": False}

    def storm(m):
        if m.group(7):
            st["done"] = True
            return
        st["reports"] += 1
        st["violations"] = int(m.group(4))
        assert int(m.group(6)) == 0, "a faulting copy did not get EV_EFAULT"
        assert int(m.group(5)) > 0, "no error records reached the owner"

    beats, gap = watch_victim(
        c, r"\[storm\] avstorm: (\d+) violations, (\d+) records read, (\d+) unexpected"
           r"|\[storm\] avstorm: (done)", storm)
    if not st["done"]:
        c.expect(r"\[storm\] avstorm: done", timeout=60)
    c.expect(r"\[storm\] alive \d+ sum [0-9a-f]+ ok")
    log = open(c.log_path, encoding="utf-8", errors="replace").read()
    lines = log.count("DMA access violation")
    print(f"storm: {st['violations']} violations reported in {WINDOW_S} s, "
          f"{lines} console lines for {STORM_LEN}, {beats} heartbeats, "
          f"longest gap {gap:.2f} s")
    assert st["reports"] >= 1 and st["violations"] >= 10000
    # the first three, then one per 256 violations of the device
    assert lines == 3 + STORM_LEN // 256, \
        f"{lines} log lines for {STORM_LEN} violations"
    assert "partition 'victim': DMA" not in log
