// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Cross-check: our PAACE/SPAACE encoding is byte-identical to one built
 * with Linux's own drivers/iommu/fsl_pamu.h struct and macros.
 *
 * At test time the header is extracted from Debian's linux-source-6.1
 * (never committed) into build/sandbox/pamu-linux/, a small reference
 * program written below in terms of that header is compiled with the
 * host gcc, and its output (64 bytes as a big-endian e500mc would hold
 * them) is compared with paace_encode() for a spread of windows and
 * subwindows. Skipped when the tarball or gcc is absent.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "../../drivers/iommu/pamu/pamu.h"

#define DIR "build/sandbox/pamu-linux"
#define TARBALL "/usr/src/linux-source-6.1.tar.xz"
#define MEMBER "linux-source-6.1/drivers/iommu/fsl_pamu.h"

/*
 * The reference: argv = kind(P|S) addr size count phys ap omi snpid cid
 * liodn fspi subsize. Field by field with the Linux masks, then
 * serialised in struct paace member order as big-endian memory.
 */
static const char ref_src[] =
"typedef unsigned char u8; typedef unsigned short u16;\n"
"typedef unsigned int u32; typedef unsigned long long u64;\n"
"typedef unsigned int uint32_t;\n"
"#define __packed __attribute__((packed))\n"
"struct device;\n"
"#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
"#include \"fsl_pamu.h\"\n"
"#define SETBF(v, m, x) ((v) = ((v) & ~(m)) | (((x) << m##_SHIFT) & (m)))\n"
"static unsigned lg(u64 x) { return 63 - __builtin_clzll(x); }\n"
"static void be32(u32 v) { printf(\"%02x%02x%02x%02x\", v >> 24,"
" (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff); }\n"
"int main(int c, char **a) {\n"
" struct paace p; u64 addr, size, phys, sub; unsigned n, ap, omi, snp,"
" cid, liodn, fspi, i;\n"
" if (c != 13) return 2;\n"
" memset(&p, 0, sizeof(p));\n"
" addr = strtoull(a[2], 0, 0); size = strtoull(a[3], 0, 0);\n"
" n = strtoul(a[4], 0, 0); phys = strtoull(a[5], 0, 0);\n"
" ap = strtoul(a[6], 0, 0); omi = strtoul(a[7], 0, 0);\n"
" snp = strtoul(a[8], 0, 0); cid = strtoul(a[9], 0, 0);\n"
" liodn = strtoul(a[10], 0, 0); fspi = strtoul(a[11], 0, 0);\n"
" sub = strtoull(a[12], 0, 0);\n"
" SETBF(p.domain_attr.to_host.coherency_required, PAACE_DA_HOST_CR,"
" PAACE_M_COHERENCE_REQ);\n"
" p.domain_attr.to_host.snpid = snp;\n"
" if (a[1][0] == 'P') {\n"
"  SETBF(p.addr_bitfields, PAACE_AF_PT, PAACE_PT_PRIMARY);\n"
"  p.wbah = addr >> 32;\n"
"  SETBF(p.addr_bitfields, PPAACE_AF_WBAL, addr >> PPAACE_AF_WBAL_SHIFT);\n"
"  SETBF(p.addr_bitfields, PPAACE_AF_WSE, lg(size) - 1);\n"
"  if (n > 1) {\n"
"   SETBF(p.impl_attr, PAACE_IA_WCE, lg(n) - 1);\n"
"   SETBF(p.addr_bitfields, PPAACE_AF_MW, PAACE_MW_SUBWINDOWS);\n"
"   p.fspi = fspi;\n"
"   SETBF(p.win_bitfields, PAACE_WIN_SWSE, lg(sub) - 1);\n"
"  }\n"
" } else {\n"
"  SETBF(p.addr_bitfields, PAACE_AF_PT, PAACE_PT_SECONDARY);\n"
"  SETBF(p.addr_bitfields, SPAACE_AF_LIODN, liodn);\n"
"  SETBF(p.win_bitfields, PAACE_WIN_SWSE, lg(sub) - 1);\n"
" }\n"
" if (omi < 16) { SETBF(p.impl_attr, PAACE_IA_OTM, PAACE_OTM_INDEXED);"
" p.op_encode.index_ot.omi = omi; }\n"
" SETBF(p.impl_attr, PAACE_IA_CID, cid);\n"
" SETBF(p.impl_attr, PAACE_IA_ATM, PAACE_ATM_WINDOW_XLATE);\n"
" p.twbah = (phys >> 12) >> 20;\n"
" SETBF(p.win_bitfields, PAACE_WIN_TWBAL, phys >> 12);\n"
" SETBF(p.addr_bitfields, PAACE_AF_AP, ap);\n"
" SETBF(p.addr_bitfields, PAACE_AF_V, PAACE_V_VALID);\n"
" be32(p.wbah); be32(p.addr_bitfields);\n"
" printf(\"%02x%02x%02x%02x\", p.domain_attr.to_host.did,"
" p.domain_attr.to_host.pid, p.domain_attr.to_host.snpid,"
" p.domain_attr.to_host.coherency_required);\n"
" be32(p.impl_attr); be32(p.twbah); be32(p.win_bitfields); be32(p.fspi);\n"
" printf(\"%04x%04x\", p.op_encode.index_ot.reserved,"
" p.op_encode.index_ot.omi);\n"
" for (i = 0; i < 8; i++) be32(p.reserved[i]);\n"
" printf(\"\\n\"); return 0;\n}\n";

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static char ref_bin[128];

/*
 * Extract the header (cached) and build the reference program. Several
 * `make unit` runs may share the build directory, so every file this
 * process writes has its pid in the name and is renamed into place.
 */
static int setup(void **state)
{
	char cmd[512], src[128];
	struct stat st;
	int pid = (int)getpid();

	*state = NULL;
	if (stat(TARBALL, &st) || system("command -v gcc >/dev/null 2>&1"))
		return 0;
	if (system("mkdir -p " DIR "/linux " DIR "/asm"))
		return -1;
	if (stat(DIR "/fsl_pamu.h", &st)) {
		snprintf(cmd, sizeof(cmd), "tar -xJf " TARBALL " -O " MEMBER
			 " > " DIR "/fsl_pamu.h.%d && mv -f " DIR
			 "/fsl_pamu.h.%d " DIR "/fsl_pamu.h", pid, pid);
		if (system(cmd))
			return -1;
	}
	snprintf(src, sizeof(src), DIR "/ref.%d.c", pid);
	snprintf(ref_bin, sizeof(ref_bin), DIR "/ref.%d", pid);
	if (write_file(DIR "/linux/iommu.h", "") ||
	    write_file(DIR "/linux/pci.h", "") ||
	    write_file(DIR "/asm/fsl_pamu_stash.h", "") ||
	    write_file(src, ref_src))
		return -1;
	snprintf(cmd, sizeof(cmd), "gcc -w -I" DIR " -o %s %s", ref_bin, src);
	if (system(cmd))
		return -1;
	remove(src);
	*state = ref_bin;
	return 0;
}

static int teardown(void **state)
{
	if (*state)
		remove(ref_bin);
	return 0;
}

struct ref_case {
	char kind;
	u64 addr, size;
	unsigned int count;
	u64 phys;
	unsigned int ap, omi, snpid, cid, liodn, fspi;
	u64 sub;
};

static const struct ref_case cases[] = {
	{ 'P', 0, SZ_4K, 1, 0x7000, 3, 0xffff, 0, 0, 0, 0, 0 },
	{ 'P', 0x10000000, SZ_1M, 1, 0x20000000, 1, 0xffff, 0, 0, 0, 0, 0 },
	{ 'P', 0x400000000ULL, 64 * SZ_1M, 4, 0x100000000ULL, 3, 0xffff, 0,
	  0, 0, 0, 16 * SZ_1M },
	{ 'P', 0x840000000ULL, SZ_1G, 16, 0xa12345000ULL, 2, 3, 5, 0x21, 0,
	  0x123, 0x4000000 },
	{ 'P', 0, 1ULL << 36, 256, 0xfff000000ULL, 3, 0, 1, 0xff, 0, 0x7f01,
	  SZ_4K },
	{ 'P', 0x80000000ULL, 4 * SZ_1G / 2, 2, 0, 0, 2, 0, 0, 0, 7,
	  SZ_1G },
	{ 'S', 0, 0, 0, 0x50000000, 2, 0xffff, 0, 0, 4, 0, SZ_4K },
	{ 'S', 0, 0, 0, 0x300002000ULL, 1, 1, 3, 0x10, 0x1ab, 0, SZ_4K },
	{ 'S', 0, 0, 0, 0xf00000000ULL, 3, 15, 0xff, 0xfe, 0xffff, 0,
	  SZ_1G },
};

/* Our encoding of @c, as hex of the 64 bytes in memory. */
static void ours(const struct ref_case *c, char *hex)
{
	struct paace_fields f = { .v = 1, .cr = true, .ap = c->ap,
				  .atm = PAACE_ATM_WINDOW_XLATE,
				  .snpid = c->snpid, .cid = c->cid,
				  .twba = c->phys };
	u8 e[PAACE_SIZE];
	unsigned int i;

	if (c->kind == 'P') {
		f.pt = PAACE_PT_PRIMARY;
		f.wba = c->addr;
		assert_int_equal(pamu_size_to_wse(c->size, &f.wse), 0);
		if (c->count > 1) {
			f.mw = true;
			assert_int_equal(pamu_count_to_wce(c->count, &f.wce),
					 0);
			f.fspi = c->fspi;
			assert_int_equal(pamu_size_to_wse(c->sub, &f.swse), 0);
		}
	} else {
		f.pt = PAACE_PT_SECONDARY;
		f.liodn = c->liodn;
		assert_int_equal(pamu_size_to_wse(c->sub, &f.swse), 0);
	}
	if (c->omi < 16) {
		f.otm = PAACE_OTM_INDEXED;
		f.op = c->omi;
	}
	paace_encode((u32 *)e, &f);
	for (i = 0; i < PAACE_SIZE; i++)
		sprintf(hex + 2 * i, "%02x", e[i]);
}

static void test_linux_identical(void **state)
{
	char cmd[512], theirs[256], mine[2 * PAACE_SIZE + 1];
	unsigned int i;
	FILE *p;

	if (!*state)
		skip();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct ref_case *c = &cases[i];

		snprintf(cmd, sizeof(cmd),
			 "%s %c 0x%llx 0x%llx %u 0x%llx %u %u %u %u %u %u"
			 " 0x%llx", ref_bin, c->kind, (unsigned long long)c->addr,
			 (unsigned long long)c->size, c->count,
			 (unsigned long long)c->phys, c->ap, c->omi, c->snpid,
			 c->cid, c->liodn, c->fspi,
			 (unsigned long long)c->sub);
		p = popen(cmd, "r");
		assert_non_null(p);
		assert_non_null(fgets(theirs, sizeof(theirs), p));
		assert_int_equal(pclose(p), 0);
		theirs[strcspn(theirs, "\n")] = 0;
		ours(c, mine);
		if (strcmp(theirs, mine))
			print_error("case %u\n linux %s\n weir  %s\n", i, theirs,
				    mine);
		assert_string_equal(theirs, mine);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linux_identical),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
