/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The oracle runner (doc/oracle.md): executes the compiled scenario
 * tables (test/oracle/scn.py emit_c) against one PAPR implementation and
 * prints one result line per operation. The same engine runs on QEMU
 * pseries (test/oracle/pseries), in a weir partition (test/guests/oracle.c)
 * and on the host against libweir.a (test/oracle/host); each supplies the
 * backend functions below. Freestanding: no libc.
 */
#ifndef ORACLE_RUNNER_H
#define ORACLE_RUNNER_H

typedef unsigned char o_u8;
typedef unsigned int o_u32;
typedef unsigned long long o_u64;
typedef long long o_s64;

/* Symbols (same order as SYMS in test/oracle/scn.py). */
enum {
	OSYM_NONE, OSYM_RAM, OSYM_RAMEND, OSYM_LIST, OSYM_BUID, OSYM_CFG,
	OSYM_DEFAULT, OSYM_DEFAULT_BASE, OSYM_DEFAULT_END,
	OSYM_DDW0,	/* ddwK = OSYM_DDW0 + 3K, .base +1, .end +2 */
	OSYM_TOK_QUERY = OSYM_DDW0 + 3 * 4,
	OSYM_TOK_CREATE, OSYM_TOK_REMOVE, OSYM_TOK_RESET,
	OSYM_COUNT
};

enum { OPART_FULL, OPART_HI, OPART_LO };
enum { OOP_GET = 1, OOP_PUT, OOP_STUFF, OOP_INDIRECT, OOP_HCALL, OOP_RTAS };

/* PAPR opcodes the engine issues (LoPAR; Linux asm/hvcall.h). */
#define OH_GET_TCE		0x1C
#define OH_PUT_TCE		0x20
#define OH_STUFF_TCE		0x138
#define OH_PUT_TCE_INDIRECT	0x13C

struct oval {
	o_u8 sym, part;
	o_u64 off;
};

struct orun {
	struct oval v;
	o_u64 step;
	o_u32 n;
};

/*
 * One operation. GET/PUT/STUFF: a = LIOBN, IOBA, TCE, count. INDIRECT:
 * a = LIOBN, IOBA, list address, count; runs fill the list page. HCALL:
 * a = opcode, up to 4 arguments. RTAS: a[0] = token, a[1..] = cells.
 */
struct oop {
	unsigned short scenario;
	o_u8 kind, nargs, nret, ncells;
	signed char bind;	/* RTAS create: DDW slot to bind, or -1 */
	unsigned short run_first, nruns;
	struct oval a[9];
};

extern const struct oop oracle_ops[];
extern const struct orun oracle_runs[];
extern const unsigned int oracle_nops;
extern const char *const oracle_scenarios[];
extern const unsigned int oracle_nscenarios;

struct oracle_env {
	o_u64 sym[OSYM_COUNT];	/* resolved by the backend before the run */
	unsigned char *list;	/* 4 KiB-aligned page at guest address sym[LIST] */
	const char *name;	/* "qemu", "weir", "host" */
};

/* ---- backend ---- */
/* hcall @opcode with 64-bit arguments @a (the backend applies its register
 * ABI); *@r4 in: preset value, out: r4 after the call. */
long oracle_be_hcall(o_u32 opcode, const o_u64 a[4], o_u64 *r4);
/* H_RTAS (KVMPPC_H_RTAS) on the big-endian rtas_args buffer @buf. */
long oracle_be_rtas(o_u32 *buf);
void oracle_be_puts(const char *s);

/* ---- engine ---- */
void oracle_run(struct oracle_env *e);
void oracle_print(const char *s);
void oracle_print_hex(o_u64 v);
void oracle_print_dec(o_s64 v);

/* ---- a minimal flattened-device-tree reader (big-endian blob) ---- */
/* Offset of the first node (at depth <= @maxdepth, any if < 0) that has
 * property @prop, or -1; *@len = its length. */
int ofdt_find_prop(const void *fdt, const char *node_prefix,
		   const char *prop, const void **val, int *len);
/* Property @prop of the node at @node (offset from ofdt_find_prop). */
const void *ofdt_getprop(const void *fdt, int node, const char *prop, int *len);
o_u32 ofdt_be32(const void *p);

#endif
