# SPDX-License-Identifier: GPL-2.0-or-later
"""weir-plan on real board trees (make plan-check).

Linux 6.1's p4080ds.dts and t4240qds.dts are compiled by mk/plan.mk into
$WEIR_PLAN_O/board/, the example configs of tools/weir-plan/examples/ into
$WEIR_PLAN_O/config/. The expected values are read from the config blobs
with fdtget, never written here: every assigned LIODN must appear once
with its partition, and each decoded PAACE/SPAACE must carry the window,
page size, state and real addresses the config implies.
"""
import os
import re
import shutil
import subprocess

import pytest

TOOL = os.environ.get("WEIR_PLAN", "build/sandbox/tools/weir-plan/weir-plan")
OUT = os.environ.get("WEIR_PLAN_O", "build/plan")
MAX_SUBWINDOWS = 256            # weir-plan's default (-s)
PAMU_UNITS = {"p4080ds": 5, "t4240qds": 6}   # reg 0x5000 / 0x6000 in the dtsi


def fdtget(blob, *args):
    out = subprocess.run(["fdtget", blob, *args], capture_output=True, text=True)
    return out.stdout.split() if out.returncode == 0 else None


def fdtget_u64(blob, node, prop):
    v = fdtget(blob, "-t", "u", node, prop)
    return None if v is None else (int(v[0]) << 32) | int(v[1])


def read_config(blob):
    """Partitions and groups of a config, straight from the blob."""
    parts, groups = [], []
    for pname in fdtget(blob, "-l", "/partitions"):
        pnode = "/partitions/" + pname
        label = fdtget(blob, "-t", "s", pnode, "label")
        mem = [int(x) for x in fdtget(blob, "-t", "u", pnode, "guest-memory")]
        part = {"name": label[0] if label else pname, "ram": (mem[0] << 32) | mem[1]}
        parts.append(part)
        for child in fdtget(blob, "-l", pnode) or []:
            node = pnode + "/" + child
            liodns = fdtget(blob, "-t", "u", node, "fsl,liodn")
            if not liodns:
                continue
            shift = fdtget(blob, "-t", "u", node, "dma-page-shift")
            groups.append({
                "part": part,
                "liodns": [int(x) for x in liodns],
                "size": fdtget_u64(blob, node, "dma-window-size") or 1 << 30,
                "shift": int(shift[0]) if shift else 12,
                "enabled": fdtget(blob, node, "dma-disabled") is None,
                "device": (fdtget(blob, "-t", "s", node, "device") or [None])[0],
            })
    return parts, groups


def run(*args):
    return subprocess.run([TOOL, *args], capture_output=True, text=True)


def section(text, name):
    """Rows (lists of fields) of a section, header line skipped."""
    m = re.search(r"^%s\b.*\n((?:  .*\n)*)" % re.escape(name), text, re.M)
    assert m, "no section %r in:\n%s" % (name, text)
    rows = [line.split() for line in m.group(1).splitlines()]
    return rows[1:]


def plan(board, *opts):
    hw = "%s/board/%s.dtb" % (OUT, board)
    cfg = "%s/config/%s.dtb" % (OUT, board)
    r = run(*opts, hw, cfg)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    return r.stdout, cfg


def paace_rows(text):
    cols = section(text, "paact")
    rows = []
    for r in cols:
        rows.append(dict(zip(
            ["entry", "index", "v", "pt", "ap", "dd", "wba", "size", "mw", "subw",
             "fspi", "atm", "otm", "twba", "swsize", "cr", "cid", "did", "pid",
             "snpid", "liodn", "omi"], r)))
    return rows


@pytest.mark.parametrize("board", ["p4080ds", "t4240qds"])
def test_liodn_owners(board):
    text, cfg = plan(board)
    parts, groups = read_config(cfg)
    want = {l: g["part"]["name"] for g in groups for l in g["liodns"]}
    got = section(text, "liodns")
    liodns = [int(r[0]) for r in got]
    assert len(liodns) == len(set(liodns)), "a LIODN listed twice"
    assert {int(r[0]): r[1] for r in got} == want
    head = text.splitlines()[0]
    assert "%d partitions, %d IOMMU groups, max LIODN %d" % (
        len(parts), len(groups), max(want)) in head
    units = text.splitlines()[1].split()[1:]
    assert len(units) == PAMU_UNITS[board]
    assert all(int(u, 16) % 0x1000 == 0 for u in units)


@pytest.mark.parametrize("board", ["p4080ds", "t4240qds"])
def test_groups_match_config(board):
    text, cfg = plan(board)
    _, groups = read_config(cfg)
    rows = {r[-1]: r for r in section(text, "groups") if r[0] != "node"}
    assert len(rows) == len(groups)
    for g in groups:
        name = g["device"] or None
        row = [r for r in rows.values() if r[7] == ",".join(map(str, g["liodns"]))]
        assert len(row) == 1, g
        row = row[0]
        assert row[2] == g["part"]["name"]
        assert row[5] == {12: "4K", 16: "64K", 24: "16M"}[g["shift"]]
        assert row[6] == ("enabled" if g["enabled"] else "disabled")
        if name and name.startswith("/pcie@"):
            # A PCI controller group: BUID = its register base, its root
            # port listed with it.
            assert row[1] == "pci-hose"
            assert row[-1] == name.split("/pcie@0")[0]
            base = fdtget(OUT + "/board/%s.dtb" % board, "-t", "x", row[-1], "reg")
            assert int(row[3], 16) == (int(base[0], 16) << 32) | int(base[1], 16)
            assert "     node %s/pcie@0" % row[-1] in text


@pytest.mark.parametrize("board", ["p4080ds", "t4240qds"])
def test_paace_decode(board):
    """-t maps slot 0 to guest page 0 and the last slot to guest page 1."""
    text, cfg = plan(board, "-t")
    _, groups = read_config(cfg)
    rows = paace_rows(text)
    primaries = {int(r["index"]): r for r in rows if r["entry"] == "paace"}
    secondaries = [r for r in rows if r["entry"] == "spaace"]
    enabled = [g for g in groups if g["enabled"]]
    assert len(enabled) < len(groups), "the examples must have a dma-disabled group"
    assert len(primaries) == sum(len(g["liodns"]) for g in enabled)
    for g in groups:
        if g["enabled"]:
            continue
        # dma-disabled: no window reaches the tables, LIODN blocked (V=0)
        for liodn in g["liodns"]:
            assert liodn not in primaries
            assert not [r for r in secondaries if int(r["liodn"]) == liodn]
    runs = []
    for g in enabled:
        page = 1 << g["shift"]
        subw = min(MAX_SUBWINDOWS, g["size"] >> g["shift"])
        for liodn in g["liodns"]:
            p = primaries[liodn]
            assert (p["v"], p["pt"], p["wba"], p["atm"], p["ap"]) == (
                "1", "0", "0x000000000", "1", "3")
            assert int(p["size"]) == g["size"]
            assert int(p["subw"]) == subw and p["mw"] == str(int(subw > 1))
            assert int(p["twba"], 16) == g["part"]["ram"]
            assert int(p["swsize"]) == page
            fspi = int(p["fspi"])
            runs.append((fspi, fspi + subw - 1))
            s = [r for r in secondaries if int(r["liodn"]) == liodn]
            assert len(s) == 1
            s = s[0]
            assert int(s["index"]) == fspi + subw - 2   # the last slot
            assert (s["v"], s["pt"], s["ap"]) == ("1", "1", "3")
            assert int(s["twba"], 16) == g["part"]["ram"] + page
            assert int(s["swsize"]) == page
    runs.sort()
    for a, b in zip(runs, runs[1:]):
        assert a[1] <= b[0], "SPAACE runs overlap"
    m = re.search(r"paact \((\d+) entries, (\d+) SPAACEs\)", text)
    assert int(m.group(1)) == max(primaries) + 1
    assert int(m.group(2)) >= sum(b - a for a, b in runs)
    assert re.search(r"^spaact: %d entries in runs, %d valid" % (
        sum(b - a for a, b in runs), len(secondaries)), text, re.M)


def test_nothing_mapped_without_tces():
    text, _ = plan("p4080ds")
    rows = paace_rows(text)
    assert rows and all(r["entry"] == "paace" and r["ap"] == "0" for r in rows)
    assert re.search(r"^spaact: \d+ entries in runs, 0 valid", text, re.M)


@pytest.mark.parametrize("cfg,line", [
    ("p4080ds-split",
     "weir-plan: config /partitions/p2/port: 'device': IOMMU group /pcie@ffe200000 "
     "(pci-hose) is in partition 'linux', cannot also go to 'net'"),
    ("t4240qds-shared",
     "weir-plan: config /partitions/p2/dma-engine: 'fsl,liodn': LIODN 147 is also in "
     "group /soc@ffe000000/dma@100300 of partition 'linux' (this group: 'rtos')"),
    ("p4080ds-swap",
     "weir-plan: config /partitions/p1/dma1: 'fsl,liodn': <197> differs from "
     "/soc@ffe000000/dma@100300's LIODN <196> in the hardware tree (weir does not "
     "reprogram LIODN registers)"),
    ("p4080ds-channel",
     "weir-plan: config /partitions/p2/chan: 'device': /soc@ffe000000/dma@100300/"
     "dma-channel@0 is inside /soc@ffe000000/dma@100300 (its DMA master), which "
     "/partitions/p1/dma1 assigns to partition 'linux': cannot also go to 'net'"),
    ("p4080ds-bus",
     "weir-plan: config /partitions/p1/soc: 'device': /soc@ffe000000 is a bus "
     "(\"simple-bus\"): assign the devices on it, each with its IOMMU group"),
])
def test_refused(cfg, line):
    board = cfg.split("-")[0]
    r = run("%s/board/%s.dtb" % (OUT, board), "%s/config/%s.dtb" % (OUT, cfg))
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr.splitlines() == [line]


def test_usage():
    assert run().returncode == 2
    assert run("-s", "3", "a", "b").returncode == 2
    r = run("%s/board/p4080ds.dtb" % OUT, "/nonexistent.dtb")
    assert r.returncode == 2 and "nonexistent" in r.stderr


def test_empty_file(tmp_path):
    """An empty config (or hardware tree) is no blob, not "Success"."""
    empty = tmp_path / "empty.dtb"
    empty.write_bytes(b"")
    r = run("%s/board/p4080ds.dtb" % OUT, str(empty))
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "weir-plan: %s: empty file, not a device tree blob" % empty]
    r = run(str(empty), "%s/config/p4080ds.dtb" % OUT)
    assert r.returncode == 2 and "empty file" in r.stderr
    assert "Success" not in r.stderr


# ---- weir's heap and MSI banks: what boot refuses, weir-plan refuses ----

def config_blob(tmp_path, parts):
    """A config with one partition per entry of @parts (a list of lists
    of child node texts), each with 256 MiB of RAM from 0x10000000."""
    body = []
    for i, children in enumerate(parts):
        body.append("""p%d {
            compatible = "weir,partition";
            cpus = <%d 1>;
            guest-memory = <0 0x%x 0 0x10000000>;
            guest-image = <0 0x%x 0 0 0 0x100000>;
            %s
        };""" % (i + 1, i, 0x10000000 * (i + 1), 0x4100000 + 0x100000 * i,
                 "\n".join(children)))
    dts = tmp_path / "cfg.dts"
    dts.write_text('/dts-v1/;\n/ { compatible = "weir,config-1";\n'
                   "partitions { %s };\n};\n" % "\n".join(body))
    blob = tmp_path / "cfg.dtb"
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(blob),
                    str(dts)], check=True)
    return str(blob)


def plan_cfg(board, blob, *opts):
    return run(*opts, "%s/board/%s.dtb" % (OUT, board), blob)


def memory_line(text):
    m = re.search(r"^memory: heap (\d+) / (\d+) bytes used / available", text,
                  re.M)
    assert m, text
    return int(m.group(1)), int(m.group(2))


def engines(n, prefix="e"):
    return ['%s%d { compatible = "weir,dma-engine"; fsl,liodn = <%d>; };'
            % (prefix, i, 300 + i) for i in range(n)]


@pytest.mark.parametrize("board", ["p4080ds", "t4240qds"])
def test_memory_budget_printed(board):
    text, _ = plan(board)
    used, avail = memory_line(text)
    # Kconfig's heap: HV_MEM_SIZE - HV_IMAGE_MAX (64 MiB - 2 MiB); at
    # least one 1 GiB 4K window's TCE table (2 MiB) per group
    assert avail == 0x4000000 - 0x200000
    assert 2 << 20 <= used <= avail


def test_heap_refuses_40_dma_engines(tmp_path):
    # 40 default windows: 80 MiB of TCE tables in a 62 MiB heap. Boot ran
    # out of memory at the 30th group; the plan refuses the config, naming
    # the first group that does not fit.
    r = plan_cfg("p4080ds", config_blob(tmp_path, [engines(40)]))
    assert r.returncode == 1, r.stdout
    m = re.match(r"weir-plan: config (/partitions/p1/e(\d+)): 'compatible': "
                 r"weir's heap: group (\d+) brings it to (\d+) bytes .*?"
                 r"(\d+) available", r.stderr)
    assert m, r.stderr
    assert m.group(2) == m.group(3)
    assert int(m.group(4)) > int(m.group(5)) == 0x4000000 - 0x200000
    # one fewer group fits: the same config up to the group before
    n = int(m.group(2))
    r = plan_cfg("p4080ds", config_blob(tmp_path, [engines(n)]))
    assert r.returncode == 0, r.stderr
    used, avail = memory_line(r.stdout)
    assert used <= avail


def test_heap_names_window_size(tmp_path):
    r = plan_cfg("p4080ds", config_blob(tmp_path, [engines(40)]))
    n = int(re.search(r"group (\d+) brings", r.stderr).group(1))
    # the group that does not fit sets its window: that property is named
    big = engines(n) + ['w { compatible = "weir,dma-engine"; '
                        'fsl,liodn = <400>; dma-window-size = <0 0x40000000>; };']
    r = plan_cfg("p4080ds", config_blob(tmp_path, [big]))
    assert r.returncode == 1
    assert r.stderr.startswith("weir-plan: config /partitions/p1/w: "
                               "'dma-window-size': weir's heap"), r.stderr
    # smaller tables fit: 64 KiB pages cut each TCE table by 16
    small = ['%s dma-page-shift = <16>; };' % e[:-3] for e in engines(40)]
    r = plan_cfg("p4080ds", config_blob(tmp_path, [small]))
    assert r.returncode == 0, r.stderr


def test_msi_v43_banks(tmp_path):
    # t4240 (e6500) banks are MPIC 4.3: each doorbell is its MSIIR1 alias
    # (0x44148, 0x45148, ...), a page of its own, so two partitions can
    # each have one; each window of the owner maps its own alias page
    blob = config_blob(tmp_path, [
        ['msi { device = "/soc@ffe000000/msi@41600"; };',
         'dma1 { device = "/soc@ffe000000/dma@100300"; fsl,liodn = <147>; };'],
        ['msi { device = "/soc@ffe000000/msi@41800"; };',
         'dma2 { device = "/soc@ffe000000/dma@101300"; fsl,liodn = <227>; };']])
    r = plan_cfg("t4240qds", blob)
    assert r.returncode == 0, r.stderr
    rows = paace_rows(r.stdout)
    for page, liodn in ((0xffe044000, "147"), (0xffe045000, "227")):
        bell = [x for x in rows if x["twba"] == "0x%09x" % page]
        assert [x["liodn"] for x in bell] == [liodn], r.stdout


def test_msi_alias_pages(tmp_path):
    # P4080 banks 0x41600 and 0x41800 share a register page, but their
    # MSIIR aliases (0x44140, 0x45140) are pages of their own: the
    # doorbells, so two partitions are fine
    blob = config_blob(tmp_path, [
        ['msi { device = "/soc@ffe000000/msi@41600"; };'],
        ['msi { device = "/soc@ffe000000/msi@41800"; };']])
    r = plan_cfg("p4080ds", blob)
    assert r.returncode == 0, r.stderr


def test_msi_two_banks_one_partition_refused(tmp_path):
    blob = config_blob(tmp_path, [[
        'msi0 { device = "/soc@ffe000000/msi@41600"; };',
        'msi1 { device = "/soc@ffe000000/msi@41800"; };']])
    r = plan_cfg("p4080ds", blob)
    assert r.returncode == 1, r.stdout
    assert "/partitions/p1/msi1: 'device': " in r.stderr
    assert "a partition gets one MSI bank" in r.stderr


def test_msi_doorbell_in_dump(tmp_path):
    # the doorbell page (the bank's MSIIR alias 0xffe044140, not the
    # register page 0xffe041000 holding every bank and the MPIC's timers)
    # 1:1 at the MSI IOVA of every window of the bank's owner, as boot
    # maps it
    blob = config_blob(tmp_path, [[
        'msi { device = "/soc@ffe000000/msi@41600"; };',
        'dma1 { device = "/soc@ffe000000/dma@100300"; fsl,liodn = <196>; };']])
    r = plan_cfg("p4080ds", blob)
    assert r.returncode == 0, r.stderr
    rows = paace_rows(r.stdout)
    bell = [x for x in rows if x["twba"] == "0x%09x" % 0xffe044000]
    assert len(bell) == 1, r.stdout
    assert not [x for x in rows if x["twba"] == "0x%09x" % 0xffe041000]
    assert bell[0]["v"] == "1" and bell[0]["entry"] == "spaace"
    assert bell[0]["liodn"] == "196"



def test_msi_doorbell_page_decision(tmp_path):
    """The doorbell-page decision (doc/tce.md, "The doorbell page"): P4080's
    MSIIR alias is a page of its own ("own" in the msi: table); the same
    bank without its alias (a pre-QorIQ or QEMU-like tree) rings MSIIR in
    the page of the MPIC's global registers: refused, naming the config
    child and "device", until the child says weir,doorbell-shares-mpic-page
    ("mpic-shared"); the acknowledgement on a bank that does not need it is
    refused naming it."""
    bank = "/soc@ffe000000/msi@41600"
    ack = "weir,doorbell-shares-mpic-page;"
    r = plan_cfg("p4080ds", config_blob(tmp_path, [['msi { device = "%s"; };' % bank]]))
    assert r.returncode == 0, r.stderr
    assert section(r.stdout, "msi") == [["p1", "0xffe044140", "own", bank]]
    r = plan_cfg("p4080ds", config_blob(tmp_path, [['msi { device = "%s"; %s };' % (bank, ack)]]))
    assert r.returncode == 1
    assert r.stderr.startswith("weir-plan: config /partitions/p1/msi: "
                               "'weir,doorbell-shares-mpic-page': %s: not needed" % bank), r.stderr

    hw = tmp_path / "noalias.dtb"
    shutil.copy("%s/board/p4080ds.dtb" % OUT, hw)
    subprocess.run(["fdtput", "-t", "x", str(hw), bank, "reg", "41600", "200"], check=True)
    r = run(str(hw), config_blob(tmp_path, [['msi { device = "%s"; };' % bank]]))
    assert r.returncode == 1
    assert r.stderr.startswith("weir-plan: config /partitions/p1/msi: 'device': %s: "
                               "its doorbell 0xffe041740 shares the 4 KiB page 0xffe041000 "
                               "with MPIC registers" % bank), r.stderr
    assert ack[:-1] in r.stderr
    r = run(str(hw), config_blob(tmp_path, [['msi { device = "%s"; %s };' % (bank, ack)]]))
    assert r.returncode == 0, r.stderr
    assert section(r.stdout, "msi") == [["p1", "0xffe041740", "mpic-shared", bank]]

def test_no_dma_group(tmp_path):
    """A config that assigns no DMA master plans (empty tables) and exits
    0: the PAMU tables stay reachable for the run (no LeakSanitizer
    report, which made the sanitized tool exit non-zero)."""
    r = plan_cfg("p4080ds", config_blob(tmp_path, [[]]))
    assert r.returncode == 0, r.stderr
    assert "LeakSanitizer" not in r.stderr
    assert "spaact: 0 entries" in r.stdout


# ---- operation mapping and stashing (Linux 6.1 fsl_pamu.c setup_liodns) ----

QBMAN_DEVICES = [
    'qp0 { device = "/qman-portals@ff4200000/qman-portal@0"; fsl,liodn = <1>; };',
    'qman { device = "/soc@ffe000000/qman@318000"; fsl,liodn = <31>; };',
    'bman { device = "/soc@ffe000000/bman@31a000"; fsl,liodn = <32>; };',
    'fmrx { device = "/soc@ffe000000/fman@400000/port@88000"; fsl,liodn = <33>; };',
    'sec { device = "/soc@ffe000000/crypto@300000"; fsl,liodn = <34>; };',
]


def attr_rows(text):
    """"liodn attributes:" rows by LIODN: kind, omi, stash, cr, node."""
    return {r[0]: dict(zip(["liodn", "kind", "omi", "stash", "cr", "node"], r))
            for r in section(text, "liodn attributes")}


def stash_board(tmp_path, stash_id):
    """p4080ds with the L3 (CPC) "cache-stash-id" U-Boot would add."""
    blob = tmp_path / "hw.dtb"
    shutil.copy("%s/board/p4080ds.dtb" % OUT, blob)
    subprocess.run(["fdtput", "-t", "u", str(blob),
                    "/soc@ffe000000/l3-cache-controller@10000",
                    "cache-stash-id", str(stash_id)], check=True)
    return str(blob)


def test_qbman_fman_sec_attributes(tmp_path):
    """QMan portal: OMI 0 + L3 stash id; QMan: OMI 2 + L3 stash id, CR 0;
    BMan: CR 0; FMan and SEC: nothing (what Linux 6.1 setup_liodns()
    writes); the PAACEs carry it."""
    blob = config_blob(tmp_path, [QBMAN_DEVICES])
    r = run(stash_board(tmp_path, 28), blob)
    assert r.returncode == 0, r.stderr
    a = attr_rows(r.stdout)
    assert (a["1"]["kind"], a["1"]["omi"], a["1"]["stash"], a["1"]["cr"]) == \
        ("qman-portal", "0", "28", "1")
    assert (a["31"]["kind"], a["31"]["omi"], a["31"]["stash"], a["31"]["cr"]) == \
        ("qman", "2", "28", "0")
    assert (a["32"]["kind"], a["32"]["omi"], a["32"]["stash"], a["32"]["cr"]) == \
        ("bman", "-", "-", "0")
    for liodn, kind in (("33", "fman-port"), ("34", "sec")):
        assert (a[liodn]["kind"], a[liodn]["omi"], a[liodn]["stash"],
                a[liodn]["cr"]) == (kind, "-", "-", "1")
    assert "FMan ports (OMI_FMAN unused)" in r.stdout and "OMI_CAAM unused" in r.stdout
    p = {x["index"]: x for x in paace_rows(r.stdout) if x["entry"] == "paace"}
    # otm 2 = INDEXED; cid = the stash id; omi = op_encode's index
    assert (p["1"]["otm"], p["1"]["cid"], p["1"]["omi"], p["1"]["cr"]) == \
        ("2", "28", "0", "1")
    assert (p["31"]["otm"], p["31"]["cid"], p["31"]["omi"], p["31"]["cr"]) == \
        ("2", "28", "2", "0")
    assert (p["32"]["otm"], p["32"]["cid"], p["32"]["cr"]) == ("0", "0", "0")
    for liodn in ("33", "34"):
        assert (p[liodn]["otm"], p[liodn]["cid"], p[liodn]["cr"]) == \
            ("0", "0", "1")


def test_no_l3_stash_id_says_so(tmp_path):
    """Linux's p4080ds tree has no cache-stash-id: the OMI is set, the
    stash stays off (CID 0, "-") and the output says why."""
    blob = config_blob(tmp_path, [QBMAN_DEVICES[:2]])
    r = plan_cfg("p4080ds", blob)
    assert r.returncode == 0, r.stderr
    a = attr_rows(r.stdout)
    assert (a["1"]["omi"], a["1"]["stash"]) == ("0", "-")
    assert (a["31"]["omi"], a["31"]["stash"]) == ("2", "-")
    assert "stash off: the L3 cache controller node has no cache-stash-id" \
        in r.stdout
    p = {x["index"]: x for x in paace_rows(r.stdout) if x["entry"] == "paace"}
    assert (p["1"]["otm"], p["1"]["cid"]) == ("2", "0")
