# SPDX-License-Identifier: GPL-2.0-or-later
"""weir-plan on every corenet board tree of Linux 6.1 (make plan-check).

The boards are found by pattern, not by a list: every .dts of Linux 6.1's
arch/powerpc/boot/dts/fsl (extracted by mk/plan.mk) whose compiled tree has
an "fsl,pamu" node. Each gets what U-Boot adds at boot (RAM, timebase, the
"fsl,liodn" of every DMA master: U-Boot's own numbers where
tools/weir-plan/uboot-liodns.json has the SoC, else distinct ones in U-Boot's
manner, one per device), then a config a user would write: the cores and RAM
split over two partitions, the DMA masters dealt out between them (masters U-Boot gave the same
LIODNs, P4080's SEC job rings, together: one IOMMU group). That
config must plan (exit 0) with every assigned LIODN listed once with its
partition. Then one hostile variant per rule of doc/iommu-groups.md, each of
which must be refused with exit 1 and one line naming the config node and
property (issue 21):

  swap    the LIODNs of two devices of different partitions exchanged
  twice   one device given to both partitions
  bus     the SoC bus node assigned as a device
  child   a DMA master's child given to the other partition
  missing a device the hardware tree does not have
  taken   weir's emulated DMA engine on a LIODN a device of the other
          partition has

pylibfdt (python3-libfdt, the dtc project's binding) reads and edits the
trees; nothing here parses device-tree text.
"""
import functools
import json
import os
import re
import subprocess

import libfdt
import pytest

TOOL = os.environ.get("WEIR_PLAN", "build/sandbox/tools/weir-plan/weir-plan")
OUT = os.environ.get("WEIR_PLAN_O", "build/plan")
DTSDIR = os.path.join(OUT, "linux-source-6.1/arch/powerpc/boot/dts/fsl")
DTINC = os.path.join(OUT, "linux-source-6.1/include")
HERE = os.path.dirname(os.path.abspath(__file__))
BOARD_O = os.path.join(OUT, "boards")

# What U-Boot's fdt_fixup_liodn() gives a LIODN to, by compatible
# (arch/powerpc/cpu/mpc85xx/liodn.c and <soc>_ids.c): the kinds a user
# assigns to a partition.
DMA_MASTERS = ("fsl,qoriq-pcie", "fsl,eloplus-dma", "fsl,elo3-dma",
               "fsl-usb2-mph", "fsl-usb2-dr", "fsl,esdhc", "fsl,pq-sata-v2",
               "fsl,sec-v4.0-job-ring")
SYNTHETIC_BASE = 1000          # above every LIODN of U-Boot's tables


def compile_dts(name):
    """Linux's board .dts -> blob with room for U-Boot's additions, or None
    when dtc refuses it (then it is no board weir can run on anyway)."""
    os.makedirs(BOARD_O, exist_ok=True)
    pp = os.path.join(BOARD_O, name + ".pp.dts")
    dtb = os.path.join(BOARD_O, name + ".dtb")
    src = os.path.join(DTSDIR, name + ".dts")
    if not (os.path.exists(dtb) and os.path.getmtime(dtb) >= os.path.getmtime(src)):
        subprocess.run(["cpp", "-nostdinc", "-I", DTSDIR, "-I", DTINC, "-undef", "-x",
                        "assembler-with-cpp", src, "-o", pp], check=True)
        r = subprocess.run(["dtc", "-q", "-p", "16384", "-i", DTSDIR, "-I", "dts",
                            "-O", "dtb", "-o", dtb, pp], capture_output=True)
        if r.returncode:
            return None
    with open(dtb, "rb") as f:
        return f.read()


def nodes(fdt):
    """(offset, path) of every node, in tree order."""
    off, depth, stack = 0, 0, []
    while off >= 0:
        del stack[depth:]
        stack.append(fdt.get_name(off))
        yield off, "/" + "/".join(stack[1:])
        off, depth = next_node(fdt, off, depth)


def next_node(fdt, off, depth):
    off, depth = fdt.next_node(off, depth, libfdt.QUIET_NOTFOUND)
    return (off, depth) if off >= 0 and depth > 0 else (-1, 0)


def getprop(fdt, off, name):
    """@name's value at node @off, or None. Walks the node's properties:
    Debian's pylibfdt 1.6.1 getprop() of a missing property, even with
    QUIET_NOTFOUND, drops a reference to None it never took, which aborts
    the interpreter at exit."""
    prop = fdt.first_property_offset(off, libfdt.QUIET_NOTFOUND)
    while prop >= 0:
        p = fdt.get_property_by_offset(prop)
        if p.name == name:
            return bytes(p)
        prop = fdt.next_property_offset(prop, libfdt.QUIET_NOTFOUND)
    return None


def compatibles(fdt, off):
    p = getprop(fdt, off, "compatible")
    return [] if p is None else [c.decode() for c in p.split(b"\0") if c]


def is_corenet(name):
    blob = compile_dts(name)
    if blob is None:
        return False
    fdt = libfdt.FdtRo(blob)
    return any("fsl,pamu" in compatibles(fdt, off) for off, _ in nodes(fdt))


def corenet_boards():
    if not os.path.isdir(DTSDIR):
        return []
    names = sorted(f[:-4] for f in os.listdir(DTSDIR) if f.endswith(".dts"))
    return [n for n in names if is_corenet(n)]


BOARDS = corenet_boards()


@functools.lru_cache(None)
def uboot_tables():
    """board name -> (SoC, {node path: [LIODN...]}) from uboot-liodns.json."""
    with open(os.path.join(HERE, "uboot-liodns.json")) as f:
        data = json.load(f)
    return {b: (s["soc"], s["nodes"]) for s in data["socs"] for b in s["boards"]}


class Board:
    """A board tree with U-Boot's additions, and the config a user writes."""

    def __init__(self, name):
        self.name = name
        fdt = libfdt.Fdt(bytearray(compile_dts(name)))
        self.soc, table = uboot_tables().get(name, (None, {}))
        self.uboot = 0             # masters with U-Boot's own LIODNs
        self.cpus = sum(1 for off, p in nodes(fdt)
                        if getprop(fdt, off, "device_type") == b"cpu\0")
        self.masters = []          # (path, [liodn...])
        self.buses = sorted((p for off, p in nodes(fdt)
                             if "simple-bus" in compatibles(fdt, off) and p.count("/") == 1),
                            key=lambda p: not p.startswith("/soc"))
        self.children = {}         # master path -> first child path
        synthetic = SYNTHETIC_BASE
        for off, path in list(nodes(fdt)):
            compat = compatibles(fdt, off)
            if not any(any(c.startswith(m) for c in compat) for m in DMA_MASTERS):
                continue
            if any(path.startswith(m + "/") for m, _ in self.masters):
                continue          # a port/child of a master already listed
            liodns = table.get(path)
            if liodns is None:
                liodns = [synthetic]
                synthetic += 1
            else:
                self.uboot += 1
            self.masters.append((path, liodns))
        for path, liodns in self.masters:
            off = fdt.path_offset(path)
            fdt.setprop(off, "fsl,liodn",
                        b"".join(l.to_bytes(4, "big") for l in liodns))
            sub = fdt.first_subnode(off, libfdt.QUIET_NOTFOUND)
            if sub >= 0 and not path.startswith("/pcie"):
                self.children[path] = path + "/" + fdt.get_name(sub)
        # Masters sharing LIODNs (P4080's SEC job rings) are one IOMMU
        # group: a user gives them to one partition together.
        self.clusters = []
        for p, ls in self.masters:
            for cl in self.clusters:
                if any(set(ls) & set(m[1]) for m in cl):
                    cl.append((p, ls))
                    break
            else:
                self.clusters.append([(p, ls)])
        self.assignable = [m for cl in self.clusters for m in cl]
        off = fdt.path_offset("/memory")
        fdt.setprop(off, "reg", (0).to_bytes(8, "big") + (0x80000000).to_bytes(8, "big"))
        fdt.setprop_u32(fdt.path_offset("/cpus"), "timebase-frequency", 37500000)
        fdt.pack()
        self.hw = os.path.join(BOARD_O, name + ".uboot.dtb")
        with open(self.hw, "wb") as f:
            f.write(fdt.as_bytearray())

    def config(self, tmp_path, variant="user"):
        """The config blob for @variant; (path, {config node: expected owner})."""
        n1 = max(1, self.cpus // 2)
        parts = [["p1", "linux", 0, n1, 0x10000000, []],
                 ["p2", "rtos", n1, self.cpus - n1, 0x20000000, []]]
        for i, cluster in enumerate(self.clusters):
            parts[i % 2][5].extend([path, list(liodns)] for path, liodns in cluster)
        if variant == "swap":
            a, b = parts[0][5][0], parts[1][5][0]
            a[1], b[1] = b[1], a[1]
        elif variant == "twice":
            parts[1][5].append(list(parts[0][5][0]))
        elif variant == "bus":
            parts[0][5].append([self.buses[0], None])
        elif variant == "child":
            master = next(p for p, _ in parts[0][5] if p in self.children)
            parts[1][5].append([self.children[master], None])
        elif variant == "missing":
            parts[0][5].append(["/soc/no-such-device@0", None])
        elif variant == "taken":
            parts[0][5].append([None, list(parts[1][5][0][1])])
        lines = ['/dts-v1/;', '/ {', 'compatible = "weir,config-1";',
                 'model = "weir-plan board test: %s %s";' % (self.name, variant),
                 'partitions {']
        owner = {}
        for node, label, first, count, ram, devices in parts:
            lines += ['%s {' % node, 'compatible = "weir,partition";',
                      'label = "%s";' % label, 'cpus = <%d %d>;' % (first, count),
                      'guest-memory = <0 0x%x 0 0x10000000>;' % ram,
                      'guest-image = <0 0x%x 0 0 0 0x100000>;' % (0x4000000 + ram // 0x100)]
            if node == "p1":
                lines.append("manager;")
            for i, (path, liodns) in enumerate(devices):
                child = "dev%d" % i
                owner["/partitions/%s/%s" % (node, child)] = (label, path, liodns)
                prop = "" if liodns is None else " fsl,liodn = <%s>;" % " ".join(map(str, liodns))
                what = ('device = "%s";' % path if path else
                        'compatible = "weir,dma-engine";')   # weir's own master
                lines.append('%s { %s%s };' % (child, what, prop))
            lines.append("};")
        lines += ["};", "};"]
        src = tmp_path / ("%s-%s.dts" % (self.name, variant))
        src.write_text("\n".join(lines) + "\n")
        blob = tmp_path / ("%s-%s.dtb" % (self.name, variant))
        subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(blob), str(src)],
                       check=True)
        return str(blob), owner


@functools.lru_cache(None)
def board(name):
    return Board(name)


def run(hw, cfg):
    return subprocess.run([TOOL, hw, cfg], capture_output=True, text=True)


def test_boards_found():
    """The pattern finds the P, T and B corenet families (a change of the
    tarball's layout must not quietly test nothing), and U-Boot's tables
    number the DMA masters of most boards."""
    families = {b[0] for b in BOARDS}
    assert {"p", "t", "b"} <= families, BOARDS
    assert len(BOARDS) >= 15, BOARDS
    with_uboot = [b for b in BOARDS if board(b).uboot]
    assert len(with_uboot) >= len(BOARDS) - 3, with_uboot


@pytest.mark.parametrize("name", BOARDS)
def test_user_config_plans(name, tmp_path):
    b = board(name)
    assert b.assignable, "%s: no DMA master found" % name
    cfg, owner = b.config(tmp_path)
    r = run(b.hw, cfg)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    m = re.search(r"^liodns:.*\n((?:  .*\n)*)", r.stdout, re.M)
    assert m, r.stdout
    rows = [l.split() for l in m.group(1).splitlines()][1:]
    got = {int(row[0]): row[1] for row in rows}
    assert len(got) == len(rows), "a LIODN listed twice"
    want = {l: label for label, _, ls in owner.values() for l in ls}
    assert got == want


HOSTILE = {
    # variant: (config node of the culprit, property, words of the message)
    "swap": ("fsl,liodn", r"differs from .*'s LIODN <\d+> in the hardware tree"),
    "twice": ("device", r"p1|linux"),
    "bus": ("device", r"is a bus"),
    "child": ("device", r"is inside .* \(its DMA master\)"),
    "missing": ("device", r'"/soc/no-such-device@0" is not in the hardware tree'),
    "taken": ("fsl,liodn", r"LIODN \d+ is also in group /partitions/p[12]/dev\d+ of "
                           r"partition '(linux|rtos)' \(this group: '(linux|rtos)'\)"),
}


@pytest.mark.parametrize("variant", sorted(HOSTILE))
@pytest.mark.parametrize("name", BOARDS)
def test_hostile_config_refused(name, variant, tmp_path):
    b = board(name)
    if variant == "child" and not any(p in b.children
                                      for cl in b.clusters[0::2] for p, _ in cl):
        pytest.skip("%s: no DMA master with children in partition 1" % name)
    cfg, _ = b.config(tmp_path, variant)
    r = run(b.hw, cfg)
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    prop, words = HOSTILE[variant]
    m = re.match(r"weir-plan: config (/partitions/p[12]/dev\d+): '([^']+)': (.*)", lines[0])
    assert m, lines[0]
    assert m.group(2) == prop, lines[0]
    assert re.search(words, m.group(3)), lines[0]
