# SPDX-License-Identifier: GPL-2.0-or-later
"""The oracle's scenario format (doc/oracle.md): parse .scn files into
operations whose arguments are symbolic values (symbol + constant), and
emit them as C tables for the three runners (QEMU pseries, weir guest,
host).

A value is `sym + off`: `sym` names something each runner finds at run
time (RAM, a LIOBN, a window's bus base...), `off` is a 64-bit constant.
"""
import re

MASK64 = (1 << 64) - 1

# Symbols resolved by the runner (keep in sync with runner/runner.h).
SYMS = ["0", "ram", "ramend", "list", "buid", "cfg",
        "default", "default.base", "default.end"]
DDW_SLOTS = 4
for _k in range(DDW_SLOTS):
    SYMS += [f"ddw{_k}", f"ddw{_k}.base", f"ddw{_k}.end"]
SYMS += ["tok.query", "tok.create", "tok.remove", "tok.reset"]
SYM = {n: i for i, n in enumerate(SYMS)}
CONSTS = {"r": 1, "w": 2, "rw": 3}

# Cell parts of an RTAS argument.
PART_FULL, PART_HI, PART_LO = 0, 1, 2

OPS = {"get": 1, "put": 2, "stuff": 3, "indirect": 4, "hcall": 5, "rtas": 6}
PAPR_OPCODE = {"get": 0x1C, "put": 0x20, "stuff": 0x138, "indirect": 0x13C}
RUNS_MAX = 512          # entries of the list page


class ScnError(Exception):
    pass


class Val:
    """sym + off; sym is an index into SYMS (0: plain number)."""
    __slots__ = ("sym", "off", "part")

    def __init__(self, sym=0, off=0, part=PART_FULL):
        self.sym, self.off, self.part = sym, off & MASK64, part

    def __repr__(self):
        s = SYMS[self.sym] if self.sym else ""
        o = self.off if self.off < (1 << 63) else self.off - (1 << 64)
        t = s + (f"{'+' if o >= 0 else '-'}{abs(o):#x}" if o or not s else "")
        return t + ("" if self.part == PART_FULL else [".", ".hi", ".lo"][self.part])


_TOK = re.compile(r"\s*(0x[0-9a-fA-F]+|\d+|[A-Za-z_][\w.]*|<<|[-+|*()])")


def parse_expr(text, where):
    """EXPR := TERM (('+'|'-'|'|') TERM)*; TERM := NUM | SYMBOL | NUM '<<' NUM
    | '(' EXPR ')'. At most one symbol, with coefficient +1."""
    toks = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOK.match(text, pos)
        if not m:
            raise ScnError(f"{where}: bad expression {text!r}")
        toks.append(m.group(1))
        pos = m.end()
    toks.append(None)
    i = 0

    def term():
        nonlocal i
        t = toks[i]
        i += 1
        if t == "(":
            v = expr()
            if toks[i] != ")":
                raise ScnError(f"{where}: missing ) in {text!r}")
            i += 1
        elif t is not None and re.fullmatch(r"0x[0-9a-fA-F]+|\d+", t):
            v = (0, int(t, 0))
        elif t in CONSTS:
            v = (0, CONSTS[t])
        elif t in SYM and t != "0":
            v = (SYM[t], 0)
        else:
            raise ScnError(f"{where}: unknown name {t!r} in {text!r}")
        if toks[i] == "<<":
            i += 1
            s = term()
            if v[0] or s[0]:
                raise ScnError(f"{where}: << needs numbers")
            v = (0, v[1] << s[1])
        return v

    def expr():
        nonlocal i
        sym, off = term()
        while toks[i] in ("+", "-", "|"):
            op = toks[i]
            i += 1
            s, o = term()
            if op == "-":
                if s:
                    raise ScnError(f"{where}: cannot subtract a symbol")
                o = -o
            if s and sym:
                raise ScnError(f"{where}: two symbols in {text!r}")
            sym = sym or s
            off += o
        return sym, off

    sym, off = expr()
    if toks[i] is not None:
        raise ScnError(f"{where}: trailing {toks[i]!r} in {text!r}")
    return Val(sym, off)


class Op:
    """One scenario line. kind: get put stuff indirect hcall rtas.
    args: list of Val. For indirect: runs = [(Val start, step, n)] and
    args = liobn, ioba, list address, count. For rtas: token Val, nargs,
    nret, cell Vals (with parts), bind = DDW slot to bind or -1."""

    def __init__(self, kind, args, src, text):
        self.kind, self.args, self.src, self.text = kind, args, src, text
        self.runs = []
        self.nargs = self.nret = 0
        self.token = None
        self.bind = -1
        self.ddw = None          # "query" "create" "remove" "reset" or None


def _split_opts(words):
    pos, opts = [], {}
    for w in words:
        if "=" in w and not w.startswith("("):
            k, v = w.split("=", 1)
            opts[k] = v
        else:
            pos.append(w)
    return pos, opts


def _need(pos, n, where, usage):
    if len(pos) != n:
        raise ScnError(f"{where}: usage: {usage}")


def _parse_runs(words, where):
    runs = []
    for w in words:
        m = re.fullmatch(r"seq\((.*),(.*),(.*)\)", w)
        r = re.fullmatch(r"rep\((.*),(.*)\)", w)
        if m:
            runs.append((parse_expr(m.group(1), where), int(m.group(2), 0),
                         int(m.group(3), 0)))
        elif r:
            runs.append((parse_expr(r.group(1), where), 0, int(r.group(2), 0)))
        else:
            runs.append((parse_expr(w, where), 0, 1))
    if sum(n for _, _, n in runs) > RUNS_MAX:
        raise ScnError(f"{where}: more than {RUNS_MAX} list entries")
    return runs


def _buid_cells(opts, where):
    b = parse_expr(opts.get("buid", "buid"), where)
    cfg = parse_expr(opts.get("cfg", "cfg"), where)
    return [cfg, Val(b.sym, b.off, PART_HI), Val(b.sym, b.off, PART_LO)]


def parse_line(line, where):
    """Parse one line (without comment); None for an empty line."""
    words = line.split()
    if not words:
        return None
    kind, rest = words[0], words[1:]
    pos, opts = _split_opts(rest)
    E = lambda t: parse_expr(t, where)  # noqa: E731
    text = " ".join(words)
    if kind == "get":
        _need(pos, 2, where, "get LIOBN IOBA")
        return Op("get", [E(p) for p in pos], where, text)
    if kind == "put":
        _need(pos, 3, where, "put LIOBN IOBA TCE")
        return Op("put", [E(p) for p in pos], where, text)
    if kind == "stuff":
        _need(pos, 4, where, "stuff LIOBN IOBA TCE COUNT")
        return Op("stuff", [E(p) for p in pos], where, text)
    if kind == "indirect":
        if len(pos) < 3:
            raise ScnError(f"{where}: usage: indirect LIOBN IOBA COUNT [list=ADDR] TCES...")
        op = Op("indirect", [E(pos[0]), E(pos[1]), E(opts.get("list", "list")),
                             E(pos[2])], where, text)
        op.runs = _parse_runs(pos[3:], where)
        return op
    if kind == "hcall":
        if not 1 <= len(pos) <= 5:
            raise ScnError(f"{where}: usage: hcall OPCODE [ARG...] (up to 4)")
        return Op("hcall", [E(p) for p in pos], where, text)
    # RTAS-style DDW calls
    op = Op("rtas", [], where, text)
    if kind == "query":
        _need(pos, 0, where, "query [nret=5|6] [buid=X] [cfg=X]")
        op.token, op.ddw = Val(SYM["tok.query"]), "query"
        op.args = _buid_cells(opts, where)
        op.nret = int(opts.get("nret", "5"), 0)
    elif kind == "create":
        _need(pos, 2, where, "create PAGE_SHIFT WINDOW_SHIFT [as=ddwN] [buid=X]")
        op.token, op.ddw = Val(SYM["tok.create"]), "create"
        op.args = _buid_cells(opts, where) + [E(pos[0]), E(pos[1])]
        op.nret = int(opts.get("nret", "4"), 0)
        name = opts.get("as", "ddw0")
        m = re.fullmatch(r"ddw(\d)", name)
        if not m or int(m.group(1)) >= DDW_SLOTS:
            raise ScnError(f"{where}: as= names ddw0..ddw{DDW_SLOTS - 1}")
        op.bind = int(m.group(1))
    elif kind == "remove":
        _need(pos, 1, where, "remove LIOBN")
        op.token, op.ddw = Val(SYM["tok.remove"]), "remove"
        op.args = [E(pos[0])]
        op.nret = int(opts.get("nret", "1"), 0)
    elif kind == "reset":
        _need(pos, 0, where, "reset [buid=X] [nargs=4]")
        op.token, op.ddw = Val(SYM["tok.reset"]), "reset"
        op.args = _buid_cells(opts, where)
        if opts.get("nargs") == "4":
            op.args.append(Val(0, 1))
        op.nret = int(opts.get("nret", "1"), 0)
    elif kind == "rtas":
        if len(pos) < 1:
            raise ScnError(f"{where}: usage: rtas TOKEN [ARG...] nret=N")
        op.token = E(pos[0])
        op.args = [E(p) for p in pos[1:]]
        op.nret = int(opts.get("nret", "1"), 0)
    else:
        raise ScnError(f"{where}: unknown operation {kind!r}")
    if "nargs" in opts and kind != "reset":
        op.nargs = int(opts["nargs"], 0)
    else:
        op.nargs = len(op.args)
    if len(op.args) > 8 or not 1 <= op.nret <= 8:
        raise ScnError(f"{where}: at most 8 arguments and 1..8 returns")
    return op


def parse_file(path, name=None):
    """All operations of one .scn file, each with src 'name:line'."""
    name = name or path
    ops = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0]
            op = parse_line(line, f"{name}:{n}")
            if op:
                ops.append(op)
    return ops


# ------------------------------------------------------------------ C

def _cval(v):
    return f"{{{v.sym}, {v.part}, {v.off:#x}ULL}}"


def emit_c(scenarios):
    """C tables for runner/runner.c. scenarios: [(name, [Op])]."""
    out = ["/* Generated by test/oracle/compile.py: do not edit. */",
           '#include "runner.h"', ""]
    ops, runs = [], []
    for si, (_, sops) in enumerate(scenarios):
        for op in sops:
            first = len(runs)
            for (v, step, n) in op.runs:
                runs.append(f"\t{{{_cval(v)}, {step:#x}ULL, {n}}},")
            a = list(op.args)
            if op.kind == "rtas":
                a = [op.token] + a
            while len(a) < 9:
                a.append(Val())
            kind = OPS[op.kind]
            out_args = ", ".join(_cval(x) for x in a)
            ncells = len(op.args) if op.kind == "rtas" else 0
            ops.append(f"\t{{{si}, {kind}, {op.nargs}, {op.nret}, {ncells}, {op.bind}, "
                       f"{first}, {len(op.runs)}, {{{out_args}}}}},")
    out.append(f"const struct orun oracle_runs[{max(len(runs), 1)}] = {{")
    out += runs or ["\t{{0, 0, 0}, 0, 0},"]
    out.append("};")
    out.append(f"const struct oop oracle_ops[{len(ops)}] = {{")
    out += ops
    out.append("};")
    out.append(f"const unsigned int oracle_nops = {len(ops)};")
    names = ", ".join(f'"{n}"' for n, _ in scenarios)
    out.append(f"const char *const oracle_scenarios[{len(scenarios)}] = {{ {names} }};")
    out.append(f"const unsigned int oracle_nscenarios = {len(scenarios)};")
    return "\n".join(out) + "\n"


def load_all(paths):
    """[(name, [Op])] for the given .scn files, in order. Each scenario
    starts with an implicit `reset` (src name:0) so it begins from the
    boot state: the default window active and zeroed, no DDW."""
    import os
    out = []
    for p in paths:
        name = os.path.splitext(os.path.basename(p))[0]
        ops = [parse_line("reset", f"{name}:0")]
        ops += parse_file(p, name)
        out.append((name, ops))
    return out
