# SPDX-License-Identifier: GPL-2.0-or-later
"""Memory: weir's text/data/bss (size of build/weir.elf), the static
per-partition state (symbol sizes in weir.elf / PARTITION_MAX), the heap
a DMA group, the PAMU tables and the PAMU staging log take (bench_host
memory, which counts hv_zalloc() bytes on the host build: the same code
and sizes, but 64-bit pointers make host structures somewhat larger),
TCE table bytes per window and the PAACT/SPAACT entries in use.
"""
import os
import re
import subprocess

import host_bench

PER_PARTITION = ["parts", "boot_vcpus", "consoles", "pics"]
PAACE_BYTES = 64


def nm_sizes(elf):
    out = subprocess.run(["powerpc-linux-gnu-nm", "-S", elf], check=True,
                         capture_output=True, text=True).stdout
    sizes = {}
    for line in out.splitlines():
        w = line.split()
        if len(w) == 4:
            sizes[w[3]] = int(w[1], 16)
    return sizes


def partition_max(top):
    with open(os.path.join(top, "include", "weir", "partition.h"), encoding="utf-8") as f:
        m = re.search(r"#define PARTITION_MAX\s+(\d+)", f.read())
    return int(m.group(1))


def run(top, bdir, smoke):
    elf = os.path.join(bdir, "weir.elf")
    text, data, bss = (int(x) for x in subprocess.run(
        ["powerpc-linux-gnu-size", elf], check=True, capture_output=True,
        text=True).stdout.splitlines()[1].split()[:3])
    syms = nm_sizes(elf)
    pmax = partition_max(top)
    per_part = {s: syms.get(s, 0) // pmax for s in PER_PARTITION}
    out = {"weir_text": {"value": text}, "weir_data": {"value": data},
           "weir_bss": {"value": bss}, "weir_text_data": {"value": text + data},
           "per_partition_static": {"value": sum(per_part.values()), "parts": per_part}}
    exe = os.path.join(top, host_bench.BENCH_HOST)
    host = {k: int(v) for k, v in (l.split() for l in subprocess.run(
        [exe, "memory"], check=True, capture_output=True, text=True).stdout.splitlines())}
    out["dma_group_heap"] = {"value": host["heap-group"]}
    out["tce_table_default_1g_4k"] = {"value": host["tce-table-default"]}
    out["tce_table_ddw_256"] = {"value": host["tce-table-ddw"]}
    out["pamu_tables"] = {"value": host["pamu-tables-total"],
                          "paace": host["paace-count"], "spaace": host["spaace-count"]}
    out["paact_spaact_used_default"] = {"value": (1 + host["spaace-used-default"]) * PAACE_BYTES,
                                        "spaace": host["spaace-used-default"]}
    out["paact_spaact_used_ddw"] = {"value": (1 + host["spaace-used-ddw"]) * PAACE_BYTES,
                                    "spaace": host["spaace-used-ddw"]}
    for n in (1, 2, 8):
        out[f"pamu_stage_log_{n}"] = {"value": host[f"pamu-stage-log-{n}"],
                                      "ops": n * 257,
                                      "op_bytes": host["pamu-stage-op-bytes"]}
    print_table(out)
    return out


def print_table(out):
    print("== memory (bytes) ==")
    labels = [("weir_text", "weir text"), ("weir_data", "weir data"), ("weir_bss", "weir bss"),
              ("weir_text_data", "weir text+data"),
              ("per_partition_static", "per partition (static: partition, vcpu, console, pic)"),
              ("dma_group_heap", "per DMA group (heap, host build, both tables)"),
              ("tce_table_default_1g_4k", "TCE table, default window 1 GiB / 4 KiB"),
              ("tce_table_ddw_256", "TCE table, DDW (256 TCEs)"),
              ("pamu_tables", "PAMU tables (PAACT+SPAACT+OMT, 16 LIODNs, 1024 SPAACEs)"),
              ("paact_spaact_used_default", "PAACT+SPAACT used per LIODN, default window"),
              ("paact_spaact_used_ddw", "PAACT+SPAACT used per LIODN, DDW"),
              ("pamu_stage_log_1", "PAMU staging log, largest group 1 LIODN (257 ops)"),
              ("pamu_stage_log_2", "PAMU staging log, largest group 2 LIODNs (514 ops)"),
              ("pamu_stage_log_8", "PAMU staging log, largest group 8 LIODNs (2056 ops)")]
    for key, label in labels:
        print(f"  {label:60} {out[key]['value']:>10,}")
