#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare the oracle runs (doc/oracle.md) and classify every scenario line:

  identical     QEMU pseries and weir gave the same normalised result;
  by design     they differ, and a rule of doc/oracle.md explains each
                differing field (weir is stricter, or its DDW model differs);
  consequence   they differ because an earlier by-design line left the two
                tables (or window sets) in different states;
  UNEXPECTED    anything else, or the host and weir-guest columns differ.

    compare.py --qemu Q.out --weir W.out [--host H.out] [--report F] SCN...

Exit status 1 on any UNEXPECTED line (both outputs are shown).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scn  # noqa: E402

MSI_BASE, MSI_LEN = 0x8000000, 0x100000   # weir's reserved range (doc/tce.md)
WEIR_DDW_BASE = 1 << 35                    # weir's DDW bus address (doc/tce.md)
WEIR_PAGE_MASK = 0x7                       # 4K | 64K | 16M
WEIR_PAGE_SHIFTS = (12, 16, 24)
WEIR_MAX_TCES = 256                        # exact DDWs (PAMU subwindows)
QEMU_PAGE_MASK = 0x107                     # spapr_pci pgsz: 4K|64K|2M|16M
QEMU_LARGEST = {5: 0x80000000, 6: 0x2000000000}   # hard-coded in QEMU 7.2

# Rule id -> one-line summary; doc/oracle.md has a section per id.
RULES = {
    "abi32-liobn": "weir's 32-bit ABI passes the LIOBN in one register",
    "ioba-unaligned": "IOBA not aligned to the IOMMU page: weir H_PARAMETER, QEMU rounds down",
    "stuff-over-512": "H_STUFF_TCE count > 512: weir H_P4 (LoPAR), QEMU no limit",
    "msi-range": "weir reserves the MSI range of every window",
    "count-zero": "STUFF/INDIRECT count 0: weir H_SUCCESS (KVM), QEMU H_PARAMETER",
    "stuff-rw": "H_STUFF_TCE with R/W: weir H_PARAMETER (KVM), QEMU stores",
    "tce-reserved": "TCE reserved bits: weir H_PARAMETER, QEMU stores",
    "tce-not-ram": "TCE page not in the partition's RAM: weir H_PARAMETER (LoPAR), QEMU stores",
    "list-not-ram": "INDIRECT list not in RAM: weir H_PARAMETER (LoPAR), QEMU stores zeros",
    "partial-write": "failing STUFF/INDIRECT: weir writes nothing, QEMU a prefix",
    "get-fail-r4": "failed H_GET_TCE: weir r4 = 0, QEMU leaves r4",
    "query-windows": "one active window per group: weir reports one window less",
    "query-largest": "weir DDWs are exact (<= 256 TCEs); QEMU reports a fixed block",
    "query-pagesizes": "page sizes: weir 4K|64K|16M, QEMU adds 2M",
    "create-one-window": "weir: create needs the default window removed first",
    "create-pagesize": "weir offers no 2M DDW pages",
    "create-not-exact": "weir refuses a DDW of more than 256 TCEs",
    "create-full-status": "no window available: weir -3 (LoPAR), QEMU -1",
    "ddw-placement": "DDW bus address: weir 2^35, QEMU 2^59 (or 0)",
    "remove-restores-default": "removing the last DDW restores the default window (LoPAR); QEMU 7.2 does not after reusing its LIOBN",
    "hcall-bulk": "opcode 0x124 (H_BULK_REMOVE): weir has no hash-MMU hcalls (H_FUNCTION), QEMU implements it",
    "qemu-liobn-reuse": "QEMU gives a DDW created after removing the default window the default LIOBN",
    "rtas-unknown-token": "unknown RTAS token: weir's H_RTAS returns H_SUCCESS with status -3, QEMU H_PARAMETER",
}


# ------------------------------------------------------------------ input

class Result:
    def __init__(self, words):
        self.rc = int(words[0])
        self.outs = []
        self.h = None
        for w in words[1:]:
            if w.startswith("h="):
                self.h = int(w[2:])
            else:
                self.outs.append(int(w, 16))

    def __repr__(self):
        s = str(self.rc) + "".join(f" {o:#x}" for o in self.outs)
        return s + (f" h={self.h}" if self.h is not None else "")


def read_out(path):
    """(symbols, {op index: Result}) of one runner output; fatal if the
    run did not reach its end line."""
    syms, res, done = {}, {}, None
    scens = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            w = line.split()
            if not w:
                continue
            if w[0] == "H" and len(w) == 3:
                syms[w[1]] = int(w[2], 16) if w[2].startswith("0x") else w[2]
            elif w[0] == "R" and len(w) >= 3:
                res[int(w[1])] = Result(w[2:])
            elif w[0] == "S" and len(w) == 3:
                scens.append(w[2])
            elif w[0] == "E":
                done = int(w[1])
            elif w[0] == "F":
                sys.exit(f"compare: {path}: runner failed: {line}")
    if done is None:
        sys.exit(f"compare: {path}: incomplete run (no end line)")
    return syms, res, scens, done


# ------------------------------------------------------------------ model

class Win:
    def __init__(self, liobn, base, end, pshift, active=True):
        self.liobn, self.base, self.end, self.pshift = liobn, base, end, pshift
        self.active = active


class Side:
    """What the comparer knows of one implementation: its symbols and its
    windows by scenario name (default, ddw0..)."""

    def __init__(self, name, syms):
        self.name, self.syms = name, syms
        self.reset()

    def reset(self):
        """Boot state: the default window only; DDW names stay bound to
        their last LIOBN (as in the runner), inactive."""
        s = self.syms
        for x in getattr(self, "wins", {}).values():
            x.active = False
        old = getattr(self, "wins", {})
        old["default"] = Win(s["default"], s["default.base"],
                             s["default.end"], 12)
        self.wins = old

    def active(self):
        return sum(1 for w in self.wins.values() if w.active)

    def value(self, v):
        name = scn.SYMS[v.sym]
        if v.sym == 0:
            x = 0
        elif name.startswith("ddw"):
            k, _, field = name.partition(".")
            w = self.wins.get(k)
            x = 0 if w is None else {"": w.liobn, "base": w.base,
                                     "end": w.end}[field]
        elif name.startswith("tok."):
            x = 0
        else:
            x = self.syms[name]
        x = (x + v.off) & scn.MASK64
        if v.part == scn.PART_HI:
            return x >> 32
        if v.part == scn.PART_LO:
            return x & 0xffffffff
        return x

    def in_ram(self, addr, size):
        return self.syms["ram"] <= addr and addr + size <= self.syms["ramend"]

    def apply_rtas(self, op, r):
        """Track windows after an RTAS line that succeeded here."""
        if r.rc != 0:
            return
        if op.ddw == "reset":
            self.reset()
        elif op.ddw == "create" and len(r.outs) >= 3:
            start = r.outs[1] << 32 | r.outs[2]
            ps, ws = self.value(op.args[3]), self.value(op.args[4])
            self.wins[f"ddw{op.bind}"] = Win(r.outs[0], start,
                                             start + (1 << ws), ps)
        elif op.ddw == "remove":
            liobn = self.value(op.args[0])
            gone = [n for n, w in self.wins.items()
                    if w.active and w.liobn == liobn]
            for n in gone:
                self.wins[n].active = False
            if gone and gone[0] != "default" and self.active() == 0:
                self.restore_default(liobn)

    def restore_default(self, removed_liobn):
        if self.name == "qemu" and removed_liobn == self.syms["default"]:
            return      # QEMU 7.2 def_win: the reused LIOBN keeps def_win
        self.wins["default"].active = True


def window_of(op):
    """The scenario window an op names (default, ddwK), or None. A ddwK
    that one side never bound still names that window: when weir refused
    the create QEMU honoured, update() tainted ddwK with the create's line
    and rule, and every later line naming it is a consequence of that."""
    v = op.args[0]
    name = scn.SYMS[v.sym]
    if v.off or not (name == "default" or
                     (name.startswith("ddw") and "." not in name)):
        return None
    return name


# ------------------------------------------------------------------ rules

class Ctx:
    def __init__(self, op, q, w, sq, sw):
        self.op, self.q, self.w, self.sq, self.sw = op, q, w, sq, sw
        self.win = window_of(op)
        self.geo = sw.wins.get(self.win) if self.win else None
        a = [sw.value(x) for x in op.args]
        self.a = a
        self.page = 1 << self.geo.pshift if self.geo else 0x1000
        if op.kind in ("stuff", "indirect"):
            self.count = a[3] & 0xffffffff
        else:
            self.count = 1
        if op.kind == "indirect":
            self.tces = []
            for (v, step, n) in op.runs:
                base = sw.value(v)
                self.tces += [(base + step * i) & scn.MASK64 for i in range(n)]
            self.tces = self.tces[:min(self.count, 512)]
            self.tces += [0] * (min(self.count, 512) - len(self.tces))
        elif op.kind in ("put", "stuff"):
            self.tces = [a[2]]
        else:
            self.tces = []

    def ioba_ok(self):
        g = self.geo
        return g and g.active and g.base <= self.a[1] < g.end

    def first(self):
        return (self.a[1] - self.geo.base) // self.page

    def span(self):
        """TCE indices the op names, clipped to the window."""
        if not self.ioba_ok():
            return None
        f = self.first()
        n = min(self.count, (self.geo.end - self.geo.base) // self.page - f)
        return (self.win, f, f + n)

    def reserved(self, t):
        return t & (self.page - 1) & ~3 != 0

    def not_ram(self, t):
        return (t & 3) and not self.sw.in_ram(t & ~(self.page - 1), self.page)


def tce_rules(c):
    """[(rule, explains, sig_ok, taints_span)] for a TCE hcall line."""
    op, q, w, k = c.op, c.q, c.w, c.op.kind
    out = []
    write = k in ("put", "stuff", "indirect")
    if k == "get" and q.rc == w.rc != 0:
        out.append(("get-fail-r4", {"r4"}, w.outs == [0], False))
    if c.sq.value(op.args[0]) >> 32:
        out.append(("abi32-liobn", {"rc", "r4"}, q.rc == -4, write and w.rc == 0))
    if not c.ioba_ok():
        return out
    if c.a[1] % c.page:
        out.append(("ioba-unaligned", {"rc", "r4"}, w.rc == -4, write))
        return out
    if k == "stuff" and c.count > 512:
        out.append(("stuff-over-512", {"rc"}, w.rc == -57, True))
        return out
    if k == "indirect" and c.count > 512:
        return out
    span_bytes = max(c.count, 1) * c.page
    touches_msi = (c.win == "default" and c.a[1] < MSI_BASE + MSI_LEN and
                   c.a[1] + span_bytes > MSI_BASE)
    clearing = k == "stuff" and c.a[2] == 0
    if touches_msi and not clearing and (c.count or k in ("get", "put")):
        out.append(("msi-range", {"rc", "r4"}, w.rc == -4, write))
    if k in ("stuff", "indirect") and c.count == 0:
        out.append(("count-zero", {"rc"}, q.rc == -4 and w.rc == 0, False))
        return out
    crosses = c.a[1] + c.count * c.page > c.geo.end
    if crosses:
        out.append(("partial-write", set(), q.rc == w.rc == -4, True))
    if k == "stuff" and c.a[2] & 3:
        out.append(("stuff-rw", {"rc"}, w.rc == -4, True))
    if k == "indirect" and c.sw.value(op.args[2]) % 4096 == 0 and \
            not c.sw.in_ram(c.sw.value(op.args[2]), 4096):
        out.append(("list-not-ram", {"rc"}, w.rc == -4, True))
    if any(c.reserved(t) for t in c.tces):
        out.append(("tce-reserved", {"rc"}, w.rc == -4, True))
    if any(c.not_ram(t) for t in c.tces) and not (k == "stuff" and c.a[2] & 3):
        out.append(("tce-not-ram", {"rc"}, w.rc == -4, True))
    return out


def hcall_rules(c):
    if c.a[0] == 0x124:
        return [("hcall-bulk", {"rc"}, c.w.rc == -2, False)]
    return []


def rtas_rules(c):
    op, q, w = c.op, c.q, c.w
    out = []
    if op.ddw is None:
        out.append(("rtas-unknown-token", {"h"}, q.rc == w.rc == -3 and
                    w.h == 0 and q.h == -4, False))
        return out
    if op.ddw == "query" and q.rc == w.rc == 0 and len(w.outs) >= 4:
        n = len(w.outs)
        out.append(("query-windows", {"avail"},
                    q.outs[0] == w.outs[0] + 1, False))
        largest = w.outs[1] if n == 4 else w.outs[1] << 32 | w.outs[2]
        out.append(("query-largest", {"largest"},
                    largest == (WEIR_MAX_TCES if w.outs[0] else 0), False))
        out.append(("query-pagesizes", {"mask"},
                    w.outs[n - 2] == WEIR_PAGE_MASK and
                    q.outs[n - 2] == QEMU_PAGE_MASK, False))
    if op.ddw == "create":
        ps, ws = c.a[3], c.a[4]
        refused = w.rc == -3 and q.rc == 0
        if ps not in WEIR_PAGE_SHIFTS:
            out.append(("create-pagesize", {"status"}, refused, False))
        elif ws - ps > 8:
            out.append(("create-not-exact", {"status"}, refused, False))
        if c.sw.active() >= 1:
            out.append(("create-one-window", {"status"}, refused, False))
            out.append(("create-full-status", {"status"},
                        w.rc == -3 and q.rc == -1, False))
        if q.rc == w.rc == 0:
            out.append(("ddw-placement", {"start"},
                        (w.outs[1] << 32 | w.outs[2]) == WEIR_DDW_BASE, False))
    return out


def diff_fields(op, q, w):
    d = set()
    if op.kind == "rtas":
        if q.rc != w.rc:
            d.add("status")
        elif q.rc == 0:
            if op.ddw == "query":
                n = len(w.outs)
                names = ["avail"] + (["largest"] if n == 4 else
                                     ["largest", "largest"]) + ["mask", "migr"]
                for i, f in enumerate(names):
                    if i >= len(q.outs) or q.outs[i] != w.outs[i]:
                        d.add(f)
            elif op.ddw == "create":
                if q.outs[1:3] != w.outs[1:3]:
                    d.add("start")
            elif q.outs != w.outs:
                d.add("outs")
        if q.h != w.h:
            d.add("h")
        return d
    if q.rc != w.rc:
        d.add("rc")
    if op.kind == "get" and q.outs != w.outs:
        d.add("r4")
    return d


class Taints:
    """Entries (window, index) and whole windows whose content may differ
    between the two sides, each with the line and rule that caused it."""

    def __init__(self):
        self.entries = {}
        self.windows = {}

    def clear(self):
        self.entries.clear()
        self.windows.clear()

    def add_span(self, span, why):
        if span:
            win, a, b = span
            d = self.entries.setdefault(win, {})
            for i in range(a, b):
                d[i] = why

    def drop_span(self, span):
        if span:
            win, a, b = span
            d = self.entries.get(win, {})
            for i in range(a, b):
                d.pop(i, None)

    def find(self, win, span):
        if win in self.windows:
            return self.windows[win]
        if span:
            d = self.entries.get(span[0], {})
            for i in range(span[1], span[2]):
                if i in d:
                    return d[i]
        return None


# ------------------------------------------------------------------ compare

def classify(ops, qout, wout, hout):
    sq, qres = qout[:2]
    sw, wres = wout[:2]
    Q, W = Side("qemu", sq), Side("weir", sw)
    taints = Taints()
    rows = []
    for idx, op in enumerate(ops):
        q, w = qres.get(idx), wres.get(idx)
        if q is None or w is None:
            rows.append((op, "UNEXPECTED", "missing result", q, w))
            continue
        host_bad = None
        if hout is not None:
            h = hout[1].get(idx)
            if h is None or not _same_host(op, h, w, hout[0], sw):
                host_bad = f"host {h} != weir {w}"
        c = Ctx(op, q, w, Q, W)
        rules = rtas_rules(c) if op.kind == "rtas" else \
            tce_rules(c) if op.kind != "hcall" else hcall_rules(c)
        diff = diff_fields(op, q, w)
        good = [r for r in rules if r[2]]
        explained = set()
        for r in good:
            explained |= r[1]
        why = f"{op.src}"
        if not diff:
            cls, note = "identical", ""
        elif diff <= explained:
            ids = [r[0] for r in good if r[1] & diff]
            cls, note = "by design", " ".join(ids)
        else:
            # stored TCEs change only what a GET returns; a window that
            # exists on one side only changes any call naming it
            span = c.span() if op.kind == "get" else None
            t = taints.find(c.win, span) if c.win or span else None
            if t is None and op.kind == "rtas":
                t = next(iter(taints.windows.values()), None)
            if t is not None:
                cls, note = "consequence", f"of {t[0]} ({t[1]})"
            else:
                cls, note = "UNEXPECTED", "differs in " + ",".join(sorted(diff))
        if host_bad:
            cls, note = "UNEXPECTED", host_bad
        rows.append((op, cls, note, q, w))
        update(op, c, rules, why, Q, W, taints)
    return rows


def update(op, c, rules, why, Q, W, taints):
    """Track both sides' windows and the taints after one line."""
    q, w = c.q, c.w
    if op.kind == "rtas":
        Q.apply_rtas(op, q)
        W.apply_rtas(op, w)
        if op.ddw == "reset" and q.rc == w.rc == 0:
            taints.clear()
        good = [r[0] for r in rules if r[2]]
        for name in sorted(set(Q.wins) | set(W.wins)):
            qa = name in Q.wins and Q.wins[name].active
            wa = name in W.wins and W.wins[name].active
            if qa != wa and name not in taints.windows:
                rule = {"remove": "remove-restores-default"}.get(
                    op.ddw, good[0] if good else "ddw")
                taints.windows[name] = (why, rule)
        # QEMU reuses the default LIOBN for a DDW created while no window
        # is active: that ddwK names QEMU's default window from then on
        for name, x in Q.wins.items():
            if name != "default" and x.liobn == Q.syms["default"]:
                taints.windows.setdefault(name, (why, "qemu-liobn-reuse"))
                if x.active:
                    taints.windows.setdefault("default", (why, "qemu-liobn-reuse"))
    elif op.kind in ("put", "stuff", "indirect"):
        span = c.span()
        tainting = [r[0] for r in rules if r[3]]
        if tainting:
            taints.add_span(span, (why, tainting[0]))
        elif q.rc == w.rc == 0:
            taints.drop_span(span)


def _same_host(op, h, w, hsyms, wsyms):
    """Host and weir guest agree: the same fields, except that a LIOBN
    returned by create is compared relative to the side's default LIOBN
    (both derive it from their group index, doc/tce.md)."""
    if op.kind == "rtas" and op.ddw == "create" and h.rc == w.rc == 0 and \
            h.outs and w.outs:
        return (h.outs[0] - hsyms["default"] == w.outs[0] - wsyms["default"]
                and h.outs[1:] == w.outs[1:] and h.h == w.h)
    return repr(h) == repr(w)


# ------------------------------------------------------------------ report

def fmt_row(op, cls, note, q, w):
    """One line per scenario line; both outputs when they differ."""
    s = f"{op.src:<18} {op.text[:56]:<56} {cls}"
    if note:
        s += f" ({note})"
    if cls == "UNEXPECTED":
        s += f"\n{'':19}qemu: {q}\n{'':19}weir: {w}"
    elif cls != "identical":
        s += f"  [qemu {q} | weir {w}]"
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--weir", required=True)
    ap.add_argument("--host")
    ap.add_argument("--report")
    ap.add_argument("--brief", action="store_true",
                    help="stdout: non-identical lines and the summary only")
    ap.add_argument("scenarios", nargs="+")
    a = ap.parse_args()
    scens = scn.load_all(a.scenarios)
    ops = [op for _, sops in scens for op in sops]
    qout, wout = read_out(a.qemu), read_out(a.weir)
    hout = read_out(a.host) if a.host else None
    names = [n for n, _ in scens]
    for path, o in ((a.qemu, qout), (a.weir, wout), (a.host, hout)):
        if o is not None and (o[2] != names or o[3] != len(ops)):
            sys.exit(f"compare: {path} ran other scenarios ({o[3]} operations "
                     f"of {o[2]}); rebuild the runners")
    rows = classify(ops, qout, wout, hout)
    lines, counts, used = [], {}, set()
    for r in rows:
        counts[r[1]] = counts.get(r[1], 0) + 1
        if r[1] == "by design":
            used.update(r[2].split())
        lines.append(fmt_row(*r))
    summary = [f"oracle: {len(rows)} lines in {len(scens)} scenarios: " +
               ", ".join(f"{counts.get(k, 0)} {k}" for k in
                         ("identical", "by design", "consequence", "UNEXPECTED"))]
    summary += [f"  by design [{k}] {RULES[k]}" for k in RULES if k in used]
    if a.report:
        with open(a.report, "w", encoding="utf-8") as f:
            f.write("\n".join(lines + summary) + "\n")
    for r, text in zip(rows, lines):
        if not a.brief or r[1] != "identical":
            print(text)
    print("\n".join(summary))
    if a.report:
        print(f"  full report: {a.report}")
    return 1 if counts.get("UNEXPECTED") else 0


if __name__ == "__main__":
    sys.exit(main())
