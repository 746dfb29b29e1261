#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Generate a long random oracle scenario from a seed (doc/oracle.md).

    gen_random.py --seed N [--ops 600] -o OUT.scn

Mostly valid operations on a small pool of pages of the default window
(so GETs read back what PUT/STUFF/INDIRECT wrote), a few of every edge
case of the validation table in doc/tce.md, and DDW phases (remove the
default window, create a 16 MiB-page DDW, use it, reset). The same seed
always gives the same file.
"""
import argparse
import random

PG = 0x1000
WIN = 0x40000000                 # the default window: 1 GiB, 4 KiB pages
MSI = 0x8000000                  # weir's reserved MSI range (doc/tce.md)
RAM_POOL = 0x1000000             # valid TCEs point into the first 16 MiB


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        r = self.r
        pages = {0, PG, WIN - PG, WIN - 2 * PG, MSI - PG, MSI + 0x100000}
        while len(pages) < 40:
            pages.add(r.randrange(0, WIN // PG) * PG)
        self.pool = sorted(pages)
        self.lines = [f"# random scenario, seed {seed}"]

    def ioba(self):
        r = self.r
        x = r.choice(self.pool)
        if r.random() < 0.03:
            x += r.choice([0x8, 0x800, 0xff8])          # unaligned
        if r.random() < 0.02:
            x = r.choice([WIN, WIN + PG, 0xfffff000])   # beyond the end
        return x

    def tce(self, allow_bad=True):
        r = self.r
        perm = r.choice(["rw", "rw", "r", "w"])
        v = f"ram+{r.randrange(0, RAM_POOL // PG) * PG:#x}|{perm}"
        if not allow_bad:
            return v
        p = r.random()
        if p < 0.04:
            return f"ram+{r.randrange(0, RAM_POOL // PG) * PG:#x}|0x100|{perm}"
        if p < 0.08:
            return f"ramend+{r.randrange(0, 16) * PG:#x}|{perm}"
        if p < 0.12:
            return f"{r.randrange(0, 1 << 20) * PG:#x}"   # page fault, poison
        if p < 0.15:
            return "0"
        return v

    def emit(self, s):
        self.lines.append(s)

    def default_op(self, L="default"):
        r = self.r
        p = r.random()
        if p < 0.35:
            self.emit(f"get {L} {self.ioba():#x}")
        elif p < 0.6:
            self.emit(f"put {L} {self.ioba():#x} {self.tce()}")
        elif p < 0.78:
            n = r.choice([1, 1, 2, 16, 64, 512, r.randrange(0, 600)])
            val = "0" if r.random() < 0.9 else self.tce()
            self.emit(f"stuff {L} {self.ioba():#x} {val} {n}")
        elif p < 0.96:
            n = r.choice([1, 2, 4, 16, 32, r.randrange(0, 40)])
            if r.random() < 0.03:
                n = 512
            start = r.randrange(0, RAM_POOL // PG) * PG
            runs = f"seq(ram+{start:#x}|rw,0x1000,{min(n, 512)})"
            bad = ""
            if n and r.random() < 0.1:
                runs = f"seq(ram+{start:#x}|rw,0x1000,{n - 1}) {self.tce()}"
            q = r.random()
            if q < 0.03:
                bad = " list=list+8"
            elif q < 0.05:
                bad = " list=ramend"
            self.emit(f"indirect {L} {self.ioba():#x} {n}{bad} {runs}")
        else:
            bad = r.choice(["0x12345678", "default+0x10", "default|0x100000000"])
            self.emit(f"get {bad} {self.ioba():#x}")

    def ddw_phase(self):
        r = self.r
        self.emit("# DDW phase: trade the default window for a 16 MiB-page DDW")
        self.emit("query")
        self.emit("stuff default 0 0 512")
        self.emit("remove default")
        self.emit("query nret=6")
        self.emit("create 24 32 as=ddw0")
        for _ in range(r.randrange(10, 40)):
            p = r.random()
            i = r.randrange(0, 256)
            if p < 0.4:
                self.emit(f"get ddw0 ddw0.base+{i << 24:#x}")
            elif p < 0.7:
                self.emit(f"put ddw0 ddw0.base+{i << 24:#x} "
                          f"ram+{r.randrange(0, 16) << 24:#x}|{r.choice(['rw', 'r'])}")
            elif p < 0.85:
                n = r.randrange(1, 17)
                self.emit(f"indirect ddw0 ddw0.base+{i << 24:#x} {n} "
                          f"seq(ram|rw,0x1000000,{n})")
            else:
                self.emit(f"stuff ddw0 ddw0.base+{i << 24:#x} 0 {r.randrange(0, 17)}")
        self.emit("query")
        self.emit("reset")
        self.emit("query")

    def run(self, nops):
        while len(self.lines) < nops:
            if self.r.random() < 0.01:
                self.ddw_phase()
            else:
                self.default_op()
        return "\n".join(self.lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--ops", type=int, default=600)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    text = Gen(a.seed).run(a.ops)
    with open(a.output, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
