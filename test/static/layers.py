#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The arch boundary holds (doc/architecture.md).

  layers.py [--objs DIR] [--report]

Includes, from the sources:
  - a file under arch/ includes, of weir's own headers, only the boundary
    (weir/arch.h, and weir/vcpu.h: the vCPU it passes, with weir/vcpu_asm.h
    its offsets for assembly) and the headers of
    the layers below the core (lib/, drivers/, types and ISA constants):
    never a core header;
  - no file under hv/, and no header of include/weir/ but the boundary,
    includes <asm/...>.
The PAMU stays behind iommu_ops, from the sources of the whole tree:
  - no C file outside drivers/iommu/pamu/ and the driver's own unit tests
    (test/unit/test_pamu_*.c) includes pamu.h or pamu_priv.h or names a
    pamu_* identifier (comments and strings aside), but the registry
    (drivers/iommu/registry.c), which names pamu_iommu_driver.
Calls, from the objects of a target build in DIR (--objs):
  - arch/ calls into hv/ only functions the boundary declares (arch.h and
    the headers it includes);
  - hv/ calls into arch/ only functions the boundary declares.
--report prints every file-to-file link between arch/ and hv/.
Exit status 1 on any violation, each printed as file: what.
"""
import argparse
import collections
import glob
import os
import re
import subprocess
import sys

# vcpu_asm.h: the offsets the arch's assembly reads in struct vcpu
BOUNDARY = {"arch.h", "vcpu.h", "vcpu_asm.h"}
# include/weir/ headers that are not the core's: who implements them.
BELOW_CORE = {
    "types.h": "types", "kconfig.h": "Kconfig", "booke.h": "ISA constants",
    "byteorder.h": "lib", "log.h": "lib", "console.h": "lib",
    "heap.h": "lib", "fdt_util.h": "lib", "spinlock.h": "lib",
    "alloc.h": "lib", "ns16550.h": "drivers/serial", "timer.h": "arch",
    "board.h": "board",
}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def sources(top, exts=(".c", ".h", ".S")):
    for root, _, files in os.walk(top):
        for f in sorted(files):
            if f.endswith(exts):
                yield os.path.join(root, f)


def includes(path):
    with open(path, encoding="utf-8") as f:
        return INCLUDE.findall(f.read())


def check_includes():
    bad = []
    for path in sources("arch"):
        for inc in includes(path):
            if inc.startswith("weir/"):
                h = inc[len("weir/"):]
                if h not in BOUNDARY and h not in BELOW_CORE:
                    bad.append(f"{path}: includes core header <{inc}> "
                               "(reach the core through <weir/arch.h>)")
            elif "hv/" in inc:
                bad.append(f"{path}: includes \"{inc}\"")
    core = list(sources("hv")) + [p for p in sources("include/weir")
                                  if os.path.basename(p) != "arch.h"]
    for path in core:
        for inc in includes(path):
            if inc.startswith("asm/"):
                bad.append(f"{path}: includes <{inc}> "
                           "(arch headers only through <weir/arch.h>)")
    return bad


PAMU_DIR = "drivers/iommu/pamu/"
PAMU_TESTS = re.compile(r"^test/unit/test_pamu_[a-z0-9_]+\.c$")
PAMU_ALLOWED = {"drivers/iommu/registry.c": {"pamu_iommu_driver"}}
PAMU_HEADER = re.compile(r"(^|/)pamu(_priv)?\.h$")
PAMU_NAME = re.compile(r"\bpamu_[A-Za-z0-9_]*")
# comments, then string and character literals (no symbol in them)
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
LITERAL = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'')


def tree_sources(top="."):
    """Every C source and header of the tree, as paths relative to it."""
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs
                         if not d.startswith(".") and
                         not (root == top and d == "build"))
        for f in sorted(files):
            if f.endswith((".c", ".h", ".S")):
                yield os.path.relpath(os.path.join(root, f), top)


def check_pamu(top="."):
    bad = []
    for path in tree_sources(top):
        if path.startswith(PAMU_DIR) or PAMU_TESTS.match(path):
            continue
        with open(os.path.join(top, path), encoding="utf-8",
                  errors="replace") as f:
            text = f.read()
        for inc in INCLUDE.findall(text):
            if PAMU_HEADER.search(inc):
                bad.append(f"{path}: includes \"{inc}\" (the PAMU is "
                           "reached through iommu_ops, <weir/iommu.h>)")
        code = LITERAL.sub('""', COMMENT.sub(" ", text))
        code = "\n".join(l for l in code.splitlines()
                         if not re.match(r"\s*#\s*include", l))
        allowed = PAMU_ALLOWED.get(path, set())
        for name in sorted(set(PAMU_NAME.findall(code)) - allowed):
            bad.append(f"{path}: uses {name} (PAMU internals outside "
                       f"{PAMU_DIR}; reach it through iommu_ops)")
    return bad


DECL = re.compile(r"\b([a-z_][a-z0-9_]*)\s*\(")
# data the boundary exports: "extern ... name[...];" or "extern ... name;"
DATA = re.compile(r"^extern\b.*?\b([a-z_][a-z0-9_]*)\s*(?:\[[^\]]*\])?\s*;")


def boundary_names():
    """Functions and data declared by arch.h and the weir headers it
    includes."""
    names, todo, seen = set(), ["arch.h"], set()
    while todo:
        h = todo.pop()
        if h in seen:
            continue
        seen.add(h)
        with open(os.path.join("include/weir", h), encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        for line in text.splitlines():
            if re.match(r"^(static|#|\s)", line):
                continue
            names.update(DECL.findall(line))
            names.update(DATA.findall(line))
        todo += [i[len("weir/"):] for i in INCLUDE.findall(text)
                 if i.startswith("weir/")]
    return names


def object_links(objdir, nm):
    defs, undef = {}, collections.defaultdict(set)
    for layer in ("arch", "hv"):
        for o in glob.glob(os.path.join(objdir, layer, "**/*.o"),
                           recursive=True):
            src = os.path.relpath(o, objdir)[:-2]
            if not any(os.path.exists(src + e) for e in (".c", ".S")):
                continue  # left over from a source since removed
            out = subprocess.run([nm, o], capture_output=True, text=True,
                                 check=True).stdout
            for line in out.splitlines():
                f = line.split()
                if len(f) == 2 and f[0] == "U":
                    undef[src].add(f[1])
                elif len(f) == 3 and f[1] in "TDBRG":
                    defs[f[2]] = src
    links = collections.defaultdict(set)
    for src, syms in undef.items():
        for s in syms:
            if s in defs:
                links[(src, defs[s])].add(s)
    return links


def check_calls(objdir, nm, report):
    allowed, bad = boundary_names(), []
    links = object_links(objdir, nm)
    for a, b in (("arch", "hv"), ("hv", "arch")):
        pairs = sorted((k, v) for k, v in links.items()
                       if k[0].split("/")[0] == a and k[1].split("/")[0] == b)
        if report:
            print(f"{a}/ -> {b}/: {len(pairs)} file links, "
                  f"{sum(len(v) for _, v in pairs)} functions")
            for (x, y), v in pairs:
                print(f"  {x} -> {y}: {' '.join(sorted(v))}")
        for (x, y), v in pairs:
            for s in sorted(v - allowed):
                bad.append(f"{x}: calls {s} ({y}), not declared by "
                           "<weir/arch.h>")
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--objs", help="object directory of a target build")
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--report", action="store_true")
    args = ap.parse_args()
    bad = check_includes() + check_pamu()
    if args.objs:
        bad += check_calls(args.objs, args.nm, args.report)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
