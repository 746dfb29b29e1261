// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The oracle backend on QEMU pseries (doc/oracle.md): a bare-metal 64-bit
 * big-endian program started by `qemu-system-ppc64 -M pseries -bios`.
 *
 * hcalls: `sc 1`, r3 = opcode, arguments r4.., status r3, outputs r4..
 * (LoPAR; QEMU hw/ppc/spapr_hcall.c). Console: H_PUT_TERM_CHAR to vty 0.
 * RTAS: there is no firmware to instantiate it, so calls go straight to
 * QEMU through KVMPPC_H_RTAS (0xf000) with r4 = the rtas_args buffer, as
 * SLOF's RTAS blob does (QEMU h_rtas() reads token, nargs, nret from it).
 * From the tree: the PHB's ibm,dma-window (LIOBN, bus base, size), its
 * reg (BUID), ibm,ddw-applicable and ibm,ddw-extensions (tokens), /rtas
 * power-off, /memory@0 (RAM size).
 */
#include "runner.h"

#define H_PUT_TERM_CHAR		0x58
#define KVMPPC_H_RTAS		0xf000

extern char __bss_start[], __bss_end[];

static unsigned char list_page[4096] __attribute__((aligned(4096)));

static long hcall6(unsigned long op, unsigned long a0, unsigned long a1,
		   unsigned long a2, unsigned long a3, unsigned long a4,
		   unsigned long *out)
{
	register unsigned long r3 __asm__("r3") = op;
	register unsigned long r4 __asm__("r4") = a0;
	register unsigned long r5 __asm__("r5") = a1;
	register unsigned long r6 __asm__("r6") = a2;
	register unsigned long r7 __asm__("r7") = a3;
	register unsigned long r8 __asm__("r8") = a4;

	__asm__ volatile("sc 1"
			 : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7),
			   "+r"(r8)
			 :
			 : "r0", "r9", "r10", "r11", "r12", "cr0", "ctr",
			   "xer", "memory");
	if (out)
		*out = r4;
	return (long)r3;
}

void oracle_be_puts(const char *s)
{
	while (*s) {
		unsigned long w[2] = { 0, 0 };
		unsigned long n = 0;

		while (s[n] && n < 16) {
			w[n / 8] |= (unsigned long)(unsigned char)s[n]
				    << (56 - 8 * (n % 8));
			n++;
		}
		hcall6(H_PUT_TERM_CHAR, 0, n, w[0], w[1], 0, 0);
		s += n;
	}
}

long oracle_be_hcall(o_u32 opcode, const o_u64 a[4], o_u64 *r4)
{
	unsigned long out = *r4;
	long rc;

	rc = hcall6(opcode, a[0], a[1], a[2], a[3], 0, &out);
	/* QEMU's h_get_tce writes r4 only on success: on failure r4 keeps
	 * its input, the LIOBN; the engine preset *r4 to it */
	*r4 = out;
	return rc;
}

long oracle_be_rtas(o_u32 *buf)
{
	return hcall6(KVMPPC_H_RTAS, (unsigned long)buf, 0, 0, 0, 0, 0);
}

static void die(const char *why)
{
	oracle_print("F ");
	oracle_print(why);
	oracle_print("\n");
	for (;;)
		;
}

static o_u64 cells(const unsigned char *p, int n)
{
	o_u64 v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v << 32 | ofdt_be32(p + 4 * i);
	return v;
}

static void power_off(const void *fdt)
{
	const void *v;
	int len;
	o_u32 buf[8] = { 0 };

	if (ofdt_find_prop(fdt, "rtas", "power-off", &v, &len) < 0)
		die("no /rtas power-off token");
	buf[0] = ofdt_be32(v);
	buf[1] = 2;
	buf[2] = 1;
	oracle_be_rtas(buf);
	die("power-off returned");
}

void pseries_main(const void *fdt)
{
	static struct oracle_env env;
	const unsigned char *dw, *reg, *app, *ext, *mem;
	int node, len, acells = 2, scells = 2;
	const void *v;
	char *p;

	for (p = __bss_start; p < __bss_end; p++)
		*p = 0;
	env.name = "qemu";
	env.list = list_page;
	env.sym[OSYM_LIST] = (o_u64)(unsigned long)list_page;

	if (ofdt_find_prop(fdt, "memory@0", "reg", &v, &len) < 0 || len < 16)
		die("no /memory@0 reg");
	mem = v;
	env.sym[OSYM_RAM] = cells(mem, 2);
	env.sym[OSYM_RAMEND] = env.sym[OSYM_RAM] + cells(mem + 8, 2);

	node = ofdt_find_prop(fdt, "pci@", "ibm,dma-window", &v, &len);
	if (node < 0)
		die("no PHB with ibm,dma-window");
	dw = v;
	if ((v = ofdt_getprop(fdt, node, "ibm,#dma-address-cells", 0)))
		acells = (int)ofdt_be32(v);
	if ((v = ofdt_getprop(fdt, node, "ibm,#dma-size-cells", 0)))
		scells = (int)ofdt_be32(v);
	env.sym[OSYM_DEFAULT] = ofdt_be32(dw);
	env.sym[OSYM_DEFAULT_BASE] = cells(dw + 4, acells);
	env.sym[OSYM_DEFAULT_END] = env.sym[OSYM_DEFAULT_BASE] +
				    cells(dw + 4 + 4 * acells, scells);
	reg = ofdt_getprop(fdt, node, "reg", &len);
	if (!reg || len < 8)
		die("PHB without reg");
	env.sym[OSYM_BUID] = cells(reg, 2);
	env.sym[OSYM_CFG] = 0;
	app = ofdt_getprop(fdt, node, "ibm,ddw-applicable", &len);
	if (!app || len < 12)
		die("no ibm,ddw-applicable (run QEMU with ddw on)");
	env.sym[OSYM_TOK_QUERY] = ofdt_be32(app);
	env.sym[OSYM_TOK_CREATE] = ofdt_be32(app + 4);
	env.sym[OSYM_TOK_REMOVE] = ofdt_be32(app + 8);
	ext = ofdt_getprop(fdt, node, "ibm,ddw-extensions", &len);
	if (!ext || len < 8 || ofdt_be32(ext) < 1)
		die("no reset token in ibm,ddw-extensions");
	env.sym[OSYM_TOK_RESET] = ofdt_be32(ext + 4);

	oracle_run(&env);
	power_off(fdt);
}
