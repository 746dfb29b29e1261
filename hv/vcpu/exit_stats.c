// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CONFIG_DEBUG_EXIT_STATS: what guests trap on. Every exit is counted by
 * exception (IVOR) and every privileged instruction that reaches
 * emulation by kind, mfspr/mtspr per SPR number; every EXIT_STATS_EVERY
 * exits the counts are printed, largest first. Shared by all vCPUs and
 * not atomic: approximate on SMP, enough to rank. Off, the callers'
 * IS_ENABLED() removes every call.
 */
#include <stdio.h>
#include <weir/booke.h>
#include <weir/vcpu_emul.h>

#define EXIT_STATS_EVERY 8192u
#define NR_SPRS 1024

enum kind {
	K_MFMSR,
	K_MTMSR,
	K_WRTEE,
	K_WRTEEI,
	K_RFI,
	K_RFCI_RFMCI_RFDI,
	K_TLBWE,
	K_TLBRE,
	K_TLBSX,
	K_TLBIVAX_TLBILX,
	K_TLBSYNC_MSGSND_WAIT,
	K_OTHER,
	NR_KINDS
};

static const char *const kind_name[NR_KINDS] = {
	"mfmsr",
	"mtmsr",
	"wrtee",
	"wrteei",
	"rfi",
	"rfci/rfmci/rfdi",
	"tlbwe",
	"tlbre",
	"tlbsx",
	"tlbivax/tlbilx",
	"tlbsync/msgsnd/wait",
	"other",
};

static struct {
	u32 exits, ivor[42], kind[NR_KINDS], mfspr[NR_SPRS], mtspr[NR_SPRS];
	u64 idle; /* timebase ticks */
} stats;

static enum kind classify(u32 insn)
{
	u32 op = insn >> 26, xo = (insn >> 1) & 0x3ff;

	if (op == 19)
		return xo == 50				  ? K_RFI :
		       (xo == 51 || xo == 38 || xo == 39) ? K_RFCI_RFMCI_RFDI :
							    K_OTHER;
	if (op != 31)
		return K_OTHER;
	switch (xo) {
	case 83:
		return K_MFMSR;
	case 146:
		return K_MTMSR;
	case 131:
		return K_WRTEE;
	case 163:
		return K_WRTEEI;
	case 978:
		return K_TLBWE;
	case 946:
		return K_TLBRE;
	case 914:
		return K_TLBSX;
	case 786:
	case 18:
		return K_TLBIVAX_TLBILX;
	case 566:
	case 206:
	case 62:
		return K_TLBSYNC_MSGSND_WAIT;
	default:
		return K_OTHER;
	}
}

/* The @n largest of @c (@len counters), named by @name or by index. */
static void print_top(const char *what, const u32 *c, unsigned int len,
		      const char *const *name, unsigned int n)
{
	u32 last = 0xffffffffu;
	unsigned int shown = 0, i, best;

	printf("weir: exit stats: %s:", what);
	while (shown < n) {
		best = len;
		for (i = 0; i < len; i++)
			if (c[i] && c[i] < last &&
			    (best == len || c[i] > c[best]))
				best = i;
		if (best == len)
			break;
		for (i = 0; i < len && shown < n; i++) {
			if (c[i] != c[best])
				continue;
			if (name)
				printf(" %s %u", name[i], c[i]);
			else
				printf(" %u:%u", i, c[i]);
			shown++;
		}
		last = c[best];
	}
	printf("\n");
}

static void print_stats(void)
{
	printf("weir: exit stats: %u exits, %llu timebase ticks idle\n",
	       stats.exits, (unsigned long long)stats.idle);
	print_top("by IVOR", stats.ivor, 42, NULL, 8);
	print_top("emulated", stats.kind, NR_KINDS, kind_name, NR_KINDS);
	print_top("mfspr SPR", stats.mfspr, NR_SPRS, NULL, 8);
	print_top("mtspr SPR", stats.mtspr, NR_SPRS, NULL, 8);
}

void exit_stats_count(unsigned int ivor)
{
	if (ivor < 42)
		stats.ivor[ivor]++;
	if (!(++stats.exits % EXIT_STATS_EVERY))
		print_stats();
}

void exit_stats_insn(u32 insn)
{
	enum kind k = classify(insn);
	u32 spr = ((insn >> 16) & 0x1f) | ((insn >> 6) & 0x3e0);

	stats.kind[k]++;
	if (insn >> 26 == 31 && ((insn >> 1) & 0x3ff) == 339)
		stats.mfspr[spr]++;
	else if (insn >> 26 == 31 && ((insn >> 1) & 0x3ff) == 467)
		stats.mtspr[spr]++;
}

void exit_stats_idle(u64 ticks)
{
	stats.idle += ticks;
}
