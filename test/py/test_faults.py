# SPDX-License-Identifier: GPL-2.0-or-later
"""Fault tests: a partition flooding weir with garbage hcalls (guest
test/guests/flood.c) must not slow its neighbour, which keeps printing its
heartbeat on schedule ("alive <k>" every 0.5 s of time base, with how late
it woke) with its memory intact; and a DMA device storming access
violations, which weir contains to its owner without flooding the console.

Both run QEMU with -icount: the time base counts guest instructions, so
"on schedule" is measured in guest time and a busy host can make these
tests slower, never make them fail. The host timeouts only catch a hang."""
from test_dma import config as dma_config
from test_partitions import boot_direct, config_dtb, guest

BEAT_US = 500_000     # heartbeat period, guest time (test/guests/lib/heartbeat.c)
BEATS = 16            # beats watched: 8 s of guest time
# A beat that wakes more than a period late has missed its slot: the
# neighbour took the victim's time. Measured (deterministic under -icount):
# 558 us beside the flood, 10.5 ms beside the storm, 8.2 ms beside noisy.
MAX_LATE_US = BEAT_US
MAX_BEATS = 2000      # a test waiting longer than this has hung
STORM_LEN = 30000     # violations avstorm causes (test/guests/avstorm.c)
LOG_FIRST, LOG_EVERY = 8, 256   # include/weir/log.h
# 8 ns of virtual time per instruction (125 MIPS of guest time); idle
# cores warp to their next timer (sleep=off).
ICOUNT = ["-icount", "shift=3,sleep=off"]
# ends at the line's end: pexpect matches what has arrived so far, and
# "late 12" of "late 1234" would otherwise pass
BEAT = r"\[victim\] alive (\d+) sum ([0-9a-f]+) (ok|CORRUPT) late (\d+)\r*\n"


def watch_victim(c, other, on_other, done=lambda: True):
    """For BEATS heartbeats and until @done() is true, check the victim:
    every beat in order, its memory checksum unchanged, none woken more
    than MAX_LATE_US of guest time after its scheduled time base. Lines
    matching @other (a regex with its own groups, numbered from 5) go to
    @on_other(match) instead. Returns (beats, the latest wake-up in guest
    microseconds)."""
    last = want = None
    lates = []
    while len(lates) < BEATS or not done():
        assert len(lates) < MAX_BEATS, f"still not done after {MAX_BEATS} heartbeats"
        m = c.expect(BEAT + "|" + other, timeout=120)
        if m.group(1) is None:
            on_other(m)
            continue
        k, s, state = int(m.group(1)), m.group(2), m.group(3)
        if last is None:        # the first beat: the reference
            last, want = k, s
            continue
        assert state == "ok" and s == want, f"victim memory changed: {s}"
        assert k == last + 1, f"heartbeat {k} after {last}"
        lates.append(int(m.group(4)))
        last = k
    assert max(lates) < MAX_LATE_US, \
        f"heartbeat {lates.index(max(lates)) + 1} woke {max(lates)} us late (guest time)"
    return len(lates), max(lates)


def test_hcall_flood(qemu, build_dir, tmp_path):
    """The flood runs (it reports progress) while the victim's heartbeats
    keep coming: none missing, none late by more than a few periods."""
    dtb = config_dtb(tmp_path, "victim", "flood")
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), guest(build_dir, "flood"),
                    ICOUNT)
    c.expect(r"\[flood\] flood: start")
    c.expect(r"\[flood\] flood: \d+ calls")
    floods = []
    beats, late = watch_victim(c, r"\[flood\] flood: (\d+) calls", floods.append)
    print(f"flood: {beats} heartbeats, latest {late} us late (guest time), "
          f"{len(floods)} flood reports")
    assert floods, "the flood stopped"
    c.expect_silence(r"CORRUPT|fatal|ESCAPED", 1)


def test_access_violation_storm(qemu, build_dir, tmp_path):
    """A DMA device faulting in a loop (avstorm: copy from an unmapped IOVA,
    re-enable, again): every violation reaches only its owner's error queue,
    weir's console log of them is thinned, and the neighbour's heartbeat
    keeps its pace all along."""
    engine = 'dma-engine { compatible = "weir,dma-engine"; fsl,liodn = <0x10>; };'
    dtb = dma_config(tmp_path, "", engine, labels=("victim", "storm"))
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), guest(build_dir, "avstorm"),
                    ICOUNT)
    c.expect(r"\[storm\] avstorm: start")
    st = {"reports": 0, "violations": 0, "done": False}

    def storm(m):
        if m.group(8):
            st["done"] = True
            return
        st["reports"] += 1
        st["violations"] = int(m.group(5))
        assert int(m.group(7)) == 0, "a faulting copy did not get EV_EFAULT"
        assert int(m.group(6)) > 0, "no error records reached the owner"

    beats, late = watch_victim(
        c, r"\[storm\] avstorm: (\d+) violations, (\d+) records read, (\d+) unexpected"
           r"|\[storm\] avstorm: (done)", storm, lambda: st["done"])
    c.expect(r"\[storm\] alive \d+ sum [0-9a-f]+ ok")
    log = open(c.log_path, encoding="utf-8", errors="replace").read()
    lines = log.count("DMA access violation")
    print(f"storm: {st['violations']} violations reported over {beats} heartbeats, "
          f"{lines} console lines for {STORM_LEN}, latest beat {late} us late")
    assert st["reports"] >= 1 and st["violations"] >= 10000
    # the device's log budget: the first 8, then one per 256 violations
    assert lines == LOG_FIRST + STORM_LEN // LOG_EVERY, \
        f"{lines} log lines for {STORM_LEN} violations"
    assert "partition 'victim': DMA" not in log


NOISY_ROUNDS = 65536  # test/guests/noisy.c


def test_noisy_neighbour(qemu, build_dir, tmp_path):
    """A guest faulting outside its memory, running instructions weir does
    not emulate and printing terminal control bytes (noisy): the victim's
    heartbeat keeps its period in guest time; noisy's log lines stay
    within its own budget; no control byte reaches the UART raw, so its
    forged "weir:" line never starts a console line."""
    dtb = config_dtb(tmp_path, "victim", "noisy")
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), guest(build_dir, "noisy"),
                    ICOUNT)
    c.expect(r"\[noisy\] noisy: start")
    st = {"done": False, "reports": 0, "beats": 0}

    def noisy(m):
        if m.group(5):
            st["done"] = True
        else:
            st["reports"] += 1

    beats, late = watch_victim(
        c, r"\[noisy\] noisy: (done)|\[noisy\] noisy: \d+ rounds", noisy,
        lambda: st["done"])
    c.expect(r"\[noisy\] alive \d+ sum [0-9a-f]+ ok")
    log = open(c.log_path, encoding="utf-8", errors="replace").read()
    budget = LOG_FIRST + NOISY_ROUNDS // LOG_EVERY
    print(f"noisy: {beats} heartbeats, latest {late} us late (guest time)")
    assert st["reports"] == NOISY_ROUNDS // 4096
    assert log.count("partition 'noisy': data access") == budget
    assert log.count("partition 'noisy': privileged instruction") == budget
    assert "(255 suppressed)" in log
    assert "\x1b" not in log and "\x08" not in log and "\x07" not in log
    forged = "[noisy] \\x1b[2K\\x1b[1Gweir: forged by noisy\\x08\\x08\\x07"
    assert log.count(forged) == NOISY_ROUNDS // 1024
    # the noise overlapped the heartbeats it is measured against
    start, end = log.index("[noisy] noisy: start"), log.index("[noisy] noisy: done")
    assert log.count("[victim] alive", start, end) >= 4
    assert not any(ln.startswith("weir: forged") for ln in log.splitlines())
