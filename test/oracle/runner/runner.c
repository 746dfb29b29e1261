// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The oracle engine: runs every compiled operation through the backend
 * and prints one line per operation (doc/oracle.md "Runner output"):
 *
 *   H <symbol> <hex>            resolved symbols, before the first op
 *   S <index> <scenario>        a scenario starts
 *   R <op> <rc> [<hex>...]      one operation: rc and its outputs
 *   E <ops>                     the end
 *
 * GET prints r4 (preset to the LIOBN, as QEMU leaves it on failure);
 * RTAS prints rets[0] as rc, then rets[1..nret-1], then h=<hcall rc>.
 */
#include "runner.h"

#define OFDT_MAGIC	0xd00dfeed
#define OFDT_BEGIN_NODE	1
#define OFDT_END_NODE	2
#define OFDT_PROP	3
#define OFDT_NOP		4
#define OFDT_END		9

/* ------------------------------------------------------------ printing */

void oracle_print(const char *s)
{
	oracle_be_puts(s);
}

void oracle_print_hex(o_u64 v)
{
	char b[19];
	int i = 18, d;

	b[i] = 0;
	do {
		d = (int)(v & 0xf);
		b[--i] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v >>= 4;
	} while (v);
	b[--i] = 'x';
	b[--i] = '0';
	oracle_be_puts(b + i);
}

void oracle_print_dec(o_s64 v)
{
	char b[24];
	int i = 23;
	o_u64 u = v < 0 ? (o_u64)-v : (o_u64)v;

	b[i] = 0;
	do {
		/* 64-bit division by 10 without libgcc's __udivdi3 */
		o_u64 q = (u >> 1) + (u >> 2);

		q += q >> 4;
		q += q >> 8;
		q += q >> 16;
		q += q >> 32;
		q >>= 3;
		while (u - q * 10 >= 10)
			q++;
		b[--i] = (char)('0' + (int)(u - q * 10));
		u = q;
	} while (u);
	if (v < 0)
		b[--i] = '-';
	oracle_be_puts(b + i);
}

/* ------------------------------------------------------------ FDT */

o_u32 ofdt_be32(const void *p)
{
	const unsigned char *b = p;

	return (o_u32)b[0] << 24 | (o_u32)b[1] << 16 | (o_u32)b[2] << 8 | b[3];
}

static int ofdt_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static int ofdt_prefix(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return 0;
	return 1;
}

static o_u32 ofdt_strlen(const char *s)
{
	o_u32 n = 0;

	while (s[n])
		n++;
	return n;
}

/* Walk the properties of the node whose BEGIN_NODE token is at @node. */
const void *ofdt_getprop(const void *fdt, int node, const char *prop, int *len)
{
	const unsigned char *base = fdt;
	const unsigned char *st = base + ofdt_be32(base + 8);
	const char *strs = (const char *)base + ofdt_be32(base + 12);
	o_u32 off = (o_u32)node;

	if (node < 0 || ofdt_be32(st + off) != OFDT_BEGIN_NODE)
		return 0;
	off += 4 + ((ofdt_strlen((const char *)st + off + 4) + 4) & ~3u);
	for (;;) {
		o_u32 tag = ofdt_be32(st + off);

		if (tag == OFDT_NOP) {
			off += 4;
		} else if (tag == OFDT_PROP) {
			o_u32 plen = ofdt_be32(st + off + 4);

			if (ofdt_streq(strs + ofdt_be32(st + off + 8), prop)) {
				if (len)
					*len = (int)plen;
				return st + off + 12;
			}
			off += 12 + ((plen + 3) & ~3u);
		} else {
			return 0;
		}
	}
}

int ofdt_find_prop(const void *fdt, const char *node_prefix,
		   const char *prop, const void **val, int *len)
{
	const unsigned char *base = fdt;
	const unsigned char *st;
	o_u32 off = 0;

	if (ofdt_be32(base) != OFDT_MAGIC)
		return -1;
	st = base + ofdt_be32(base + 8);
	for (;;) {
		o_u32 tag = ofdt_be32(st + off);

		if (tag == OFDT_BEGIN_NODE) {
			const char *name = (const char *)st + off + 4;

			if (ofdt_prefix(name, node_prefix)) {
				const void *v = ofdt_getprop(fdt, (int)off, prop, len);

				if (v) {
					if (val)
						*val = v;
					return (int)off;
				}
			}
			off += 4 + ((ofdt_strlen(name) + 4) & ~3u);
		} else if (tag == OFDT_PROP) {
			off += 12 + ((ofdt_be32(st + off + 4) + 3) & ~3u);
		} else if (tag == OFDT_END_NODE || tag == OFDT_NOP) {
			off += 4;
		} else {
			return -1;
		}
	}
}

/* ------------------------------------------------------------ engine */

static o_u64 val(const struct oracle_env *e, const struct oval *v)
{
	o_u64 x = e->sym[v->sym] + v->off;

	if (v->part == OPART_HI)
		return x >> 32;
	if (v->part == OPART_LO)
		return x & 0xffffffffu;
	return x;
}

static void put_be64(unsigned char *p, o_u64 v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = (unsigned char)v;
		v >>= 8;
	}
}

/* Fill the list page: zeros, then the runs of @op (at most 512 TCEs). */
static void fill_list(const struct oracle_env *e, const struct oop *op)
{
	unsigned int r, k, i = 0;

	for (k = 0; k < 4096; k++)
		e->list[k] = 0;
	for (r = 0; r < op->nruns; r++) {
		const struct orun *run = &oracle_runs[op->run_first + r];
		o_u64 v = val(e, &run->v);

		for (k = 0; k < run->n && i < 512; k++, i++)
			put_be64(e->list + 8 * i, v + run->step * k);
	}
}

static void result_start(unsigned int idx, long rc)
{
	oracle_print("R ");
	oracle_print_dec(idx);
	oracle_print(" ");
	oracle_print_dec(rc);
}

static void run_hcall(struct oracle_env *e, unsigned int idx,
		      const struct oop *op)
{
	o_u64 a[4] = { 0, 0, 0, 0 }, r4;
	o_u32 opcode;
	long rc;
	int i;

	if (op->kind == OOP_HCALL) {
		opcode = (o_u32)val(e, &op->a[0]);
		for (i = 0; i < 4; i++)
			a[i] = val(e, &op->a[1 + i]);
	} else {
		static const o_u32 opc[] = { 0, OH_GET_TCE, OH_PUT_TCE,
					     OH_STUFF_TCE, OH_PUT_TCE_INDIRECT };

		opcode = opc[op->kind];
		for (i = 0; i < 4; i++)
			a[i] = val(e, &op->a[i]);
		if (op->kind == OOP_INDIRECT)
			fill_list(e, op);
	}
	r4 = a[0];
	rc = oracle_be_hcall(opcode, a, &r4);
	result_start(idx, rc);
	if (op->kind == OOP_GET) {
		oracle_print(" ");
		oracle_print_hex(r4);
	}
	oracle_print("\n");
}

static void run_rtas(struct oracle_env *e, unsigned int idx,
		     const struct oop *op)
{
	o_u32 buf[3 + 16 + 8];
	unsigned int i, ncells = 0;
	long hrc;

	for (i = 0; i < 27; i++)
		buf[i] = 0;
	buf[0] = (o_u32)val(e, &op->a[0]);
	buf[1] = op->nargs;
	buf[2] = op->nret;
	ncells = op->ncells;
	for (i = 0; i < ncells && i < 16; i++)
		buf[3 + i] = (o_u32)val(e, &op->a[1 + i]);
	/* rets at 3 + nargs: make sure they start as a visible marker */
	for (i = 0; i < op->nret && 3 + op->nargs + i < 27; i++)
		buf[3 + op->nargs + i] = 0xdeadbeef;
	/* the buffer is big-endian: convert (no-op on BE targets) */
	for (i = 0; i < 27; i++) {
		unsigned char *b = (unsigned char *)&buf[i];
		o_u32 v = buf[i];

		b[0] = (unsigned char)(v >> 24);
		b[1] = (unsigned char)(v >> 16);
		b[2] = (unsigned char)(v >> 8);
		b[3] = (unsigned char)v;
	}
	hrc = oracle_be_rtas(buf);
	for (i = 0; i < 27; i++)
		buf[i] = ofdt_be32(&buf[i]);
	result_start(idx, (long)(int)buf[3 + op->nargs]);
	for (i = 1; i < op->nret; i++) {
		oracle_print(" ");
		oracle_print_hex(buf[3 + op->nargs + i]);
	}
	oracle_print(" h=");
	oracle_print_dec(hrc);
	oracle_print("\n");
	if (op->bind >= 0 && op->nret >= 4 && buf[3 + op->nargs] == 0) {
		unsigned int s = OSYM_DDW0 + 3 * (unsigned int)op->bind;
		o_u64 base = (o_u64)buf[3 + op->nargs + 2] << 32 |
			     buf[3 + op->nargs + 3];

		e->sym[s] = buf[3 + op->nargs + 1];
		e->sym[s + 1] = base;
		e->sym[s + 2] = base + (1ULL << (val(e, &op->a[5]) & 63));
	}
}

static const char *const sym_names[] = {
	"ram", "ramend", "list", "buid", "cfg", "default", "default.base",
	"default.end",
};

void oracle_run(struct oracle_env *e)
{
	unsigned int i, scn = ~0u;

	oracle_print("H runner ");
	oracle_print(e->name);
	oracle_print("\n");
	for (i = 0; i < sizeof(sym_names) / sizeof(sym_names[0]); i++) {
		oracle_print("H ");
		oracle_print(sym_names[i]);
		oracle_print(" ");
		oracle_print_hex(e->sym[OSYM_RAM + i]);
		oracle_print("\n");
	}
	for (i = 0; i < oracle_nops; i++) {
		const struct oop *op = &oracle_ops[i];

		if (op->scenario != scn) {
			scn = op->scenario;
			oracle_print("S ");
			oracle_print_dec(scn);
			oracle_print(" ");
			oracle_print(oracle_scenarios[scn]);
			oracle_print("\n");
		}
		if (op->kind == OOP_RTAS)
			run_rtas(e, i, op);
		else
			run_hcall(e, i, op);
	}
	oracle_print("E ");
	oracle_print_dec(oracle_nops);
	oracle_print("\n");
}
