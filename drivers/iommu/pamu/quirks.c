// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PAMU errata keyed by SVR.
 *
 * SVR = (SoC id << 8) | (major << 4) | minor; the security (E) bit
 * 0x00080000 is ignored, as Linux fsl_pamu.c does before matching.
 * SoC ids: Linux arch/powerpc/include/asm/mpc85xx.h (SVR_P4080 ...).
 * A-004510 list and CSD port ids: Linux fsl_pamu.c port_id_map[]
 * (pamu-and-linux-guest.md 1.1; Topaz src/ccm.c port_id_map); applied
 * by pamu_csd_create() (csd.c) through pamu_errata_a004510() (errata.c) at boot.
 * A-003638 (Linux pamu_av_isr, Topaz handle_access_violation) and
 * A-005982 (libos pamu_hw_init) are handled by both for every SoC, so
 * weir applies them to every SVR, including unknown ones.
 * PAMU3 (write PICS twice): Topaz detects P4080 rev 1 by PVR; keyed here
 * by the P4080 rev 1.0 SVR (unverified against the errata sheet).
 */
#include "pamu.h"

#define SOC_P2040 0x821000u
#define SOC_P2041 0x821001u
#define SOC_P3041 0x821103u
#define SOC_P4040 0x820100u
#define SOC_P4080 0x820000u
#define SOC_P5010 0x822100u
#define SOC_P5020 0x822000u
#define SOC_P5021 0x820500u
#define SOC_P5040 0x820400u
#define SVR(soc, rev) (((soc) << 8) | (rev))

#define PAMU_QUIRKS_ALL (PAMU_QUIRK_A003638 | PAMU_QUIRK_A005982)

struct pamu_quirk {
	u32 svr;	 /* exact SVR without the E bit */
	u32 flags;	 /* added to PAMU_QUIRKS_ALL */
	u32 csd_port_id; /* A-004510: snooper port mask for the table CSD */
};

static const struct pamu_quirk pamu_quirk_table[] = {
	{ SVR(SOC_P2040, 0x10), PAMU_QUIRK_A004510, 0xff000000u },
	{ SVR(SOC_P2040, 0x11), PAMU_QUIRK_A004510, 0xff000000u },
	{ SVR(SOC_P2041, 0x10), PAMU_QUIRK_A004510, 0xff000000u },
	{ SVR(SOC_P2041, 0x11), PAMU_QUIRK_A004510, 0xff000000u },
	{ SVR(SOC_P3041, 0x10), PAMU_QUIRK_A004510, 0xff000000u },
	{ SVR(SOC_P3041, 0x11), PAMU_QUIRK_A004510, 0xff000000u },
	{ SVR(SOC_P4040, 0x20), PAMU_QUIRK_A004510, 0xfff80000u },
	{ SVR(SOC_P4080, 0x10), PAMU_QUIRK_PAMU3, 0 },
	{ SVR(SOC_P4080, 0x20), PAMU_QUIRK_A004510, 0xfff80000u },
	{ SVR(SOC_P5010, 0x10), PAMU_QUIRK_A004510, 0xfc000000u },
	{ SVR(SOC_P5010, 0x20), PAMU_QUIRK_A004510, 0xfc000000u },
	{ SVR(SOC_P5020, 0x10), PAMU_QUIRK_A004510, 0xfc000000u },
	{ SVR(SOC_P5021, 0x10), PAMU_QUIRK_A004510, 0xff800000u },
	{ SVR(SOC_P5040, 0x10), PAMU_QUIRK_A004510, 0xff800000u },
};

static const struct pamu_quirk *quirk_find(u32 svr)
{
	unsigned int i;

	svr &= ~SVR_SECURITY;
	for (i = 0; i < ARRAY_SIZE(pamu_quirk_table); i++)
		if (pamu_quirk_table[i].svr == svr)
			return &pamu_quirk_table[i];
	return NULL;
}

/**
 * pamu_quirks() - PAMU_QUIRK_* flags for the SoC with @svr
 * Return: A-003638 | A-005982 for every SVR, plus the table's flags.
 */
u32 pamu_quirks(u32 svr)
{
	const struct pamu_quirk *q = quirk_find(svr);

	return PAMU_QUIRKS_ALL | (q ? q->flags : 0);
}

/**
 * pamu_csd_port_id() - A-004510 coherence-subdomain port mask for @svr
 * Return: the mask, or 0 when the SoC does not need the workaround.
 */
u32 pamu_csd_port_id(u32 svr)
{
	const struct pamu_quirk *q = quirk_find(svr);

	return q ? q->csd_port_id : 0;
}
