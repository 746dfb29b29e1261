/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * QorIQ PAMU (Peripheral Access Management Unit) driver: the driver's own
 * header. The core reaches the PAMU only through include/weir/iommu.h
 * (struct iommu_driver pamu_iommu_driver, its iommu_ops); only the files
 * of drivers/iommu/pamu and the driver's unit tests
 * (test/unit/test_pamu_*.c, by path) include this.
 *
 * Sources for every layout and register below (our own code, no text or
 * code copied):
 *  - QorIQ reference manuals (P4080RM, T4240RM), PAMU chapter;
 *  - Linux drivers/iommu/fsl_pamu.h (6.1 and pre-5.13), the field masks;
 *  - NXP hypervisor libos include/libos/pamu.h and lib/pamu.c;
 *  - collected in shared/reference/pamu-and-linux-guest.md section 1 and
 *    shared/reference/topaz.md section 2.
 *
 * Bit masks are given as values of a big-endian 32-bit word (LSB = bit 0),
 * as Linux does; the manuals number the same bits MSB-0.
 *
 * Locking: none inside. The caller serialises every call on one struct
 * iommu (weir takes its DMA lock around stage/commit; the AV handler path
 * only reads tables and clears one V bit).
 */
#ifndef DRIVERS_IOMMU_PAMU_H
#define DRIVERS_IOMMU_PAMU_H

#include <weir/types.h>
#include <weir/alloc.h>
#include <weir/iommu.h>

/* ------------------------------------------------------------------ */
/* Table entries (PAACE / SPAACE / OME)                                */
/* ------------------------------------------------------------------ */

#define PAACE_SIZE 64u		     /* bytes per PAACE and SPAACE */
#define PAACE_WORDS (PAACE_SIZE / 4) /* 16 big-endian words */
#define OME_SIZE 128u		     /* bytes per OME (one MOE per IOE) */
#define OME_ENTRIES 16u		     /* libos/Linux OME_NUMBER_ENTRIES */
#define OMT_SIZE (OME_SIZE * OME_ENTRIES)

/* Word indices inside an entry (struct paace in Linux fsl_pamu.h). */
#define PAACE_W_WBAH 0	 /* 0x00 window base [63:32], primary */
#define PAACE_W_ADDR 1	 /* 0x04 addr_bitfields */
#define PAACE_W_DOMAIN 2 /* 0x08 domain_attr */
#define PAACE_W_IMPL 3	 /* 0x0C impl_attr */
#define PAACE_W_TWBAH 4	 /* 0x10 translated base [63:32] */
#define PAACE_W_WIN 5	 /* 0x14 win_bitfields */
#define PAACE_W_FSPI 6	 /* 0x18 first SPAACE index, primary */
#define PAACE_W_OP 7	 /* 0x1C op_encode (OMI in [15:0]) */

/* Word 1, primary only (fsl_pamu.h PPAACE_AF_*). */
#define PPAACE_AF_WBAL 0xfffff000u /* window base [31:12] */
#define PPAACE_AF_WSE 0x00000fc0u  /* size = 2^(WSE+1) */
#define PPAACE_AF_WSE_SHIFT 6
#define PPAACE_AF_MW 0x00000020u /* subwindows present */
/* Word 1, secondary only (fsl_pamu.h SPAACE_AF_LIODN). */
#define SPAACE_AF_LIODN 0xffff0000u
#define SPAACE_AF_LIODN_SHIFT 16
/* Word 1, both (fsl_pamu.h PAACE_AF_*). */
#define PAACE_AF_AP 0x00000018u
#define PAACE_AF_AP_SHIFT 3
#define PAACE_AF_DD 0x00000004u
#define PAACE_AF_PT 0x00000002u
#define PAACE_AF_V 0x00000001u
/* Word 2, DD=0 "to host": bytes did, pid, snpid, cr (PAACE_DA_HOST_CR). */
#define PAACE_DA_DID_SHIFT 24
#define PAACE_DA_PID_SHIFT 16
#define PAACE_DA_SNPID_SHIFT 8
#define PAACE_DA_HOST_CR 0x00000080u
/* Word 3 (fsl_pamu.h PAACE_IA_*). */
#define PAACE_IA_CID 0x00ff0000u
#define PAACE_IA_CID_SHIFT 16
#define PAACE_IA_WCE 0x000000f0u /* subwindows = 2^(WCE+1) */
#define PAACE_IA_WCE_SHIFT 4
#define PAACE_IA_ATM 0x0000000cu
#define PAACE_IA_ATM_SHIFT 2
#define PAACE_IA_OTM 0x00000003u
/* Word 5 (fsl_pamu.h PAACE_WIN_*). */
#define PAACE_WIN_TWBAL 0xfffff000u /* translated base [31:12] */
#define PAACE_WIN_SWSE 0x00000fc0u  /* subwindow size = 2^(SWSE+1) */
#define PAACE_WIN_SWSE_SHIFT 6
/* Word 7 with OTM=INDEXED: u16 reserved, u16 omi. */
#define PAACE_OP_OMI 0x0000ffffu

/* Field values (fsl_pamu.h). AP bits: QUERY = read, UPDATE = write. */
#define PAACE_AP_DENIED 0u
#define PAACE_AP_QUERY 1u
#define PAACE_AP_UPDATE 2u
#define PAACE_AP_ALL 3u
#define PAACE_PT_PRIMARY 0u
#define PAACE_PT_SECONDARY 1u
#define PAACE_ATM_NO_XLATE 0u
#define PAACE_ATM_WINDOW_XLATE 1u
#define PAACE_ATM_PAGE_XLATE 2u
#define PAACE_ATM_WIN_PG_XLATE 3u
#define PAACE_OTM_NO_XLATE 0u
#define PAACE_OTM_IMMEDIATE 1u
#define PAACE_OTM_INDEXED 2u
#define PAACE_WSE_4K 0x0bu
#define PAACE_WSE_4G 0x1fu

/*
 * struct paace_fields - one PAACE or SPAACE decoded to plain values.
 * @pt selects the layout of word 1: primary (WBAL/WSE/MW, plus WBAH and
 * FSPI words) or secondary (LIODN field, WBAH/FSPI words zero).
 * Addresses are byte addresses; the low 12 bits are not stored.
 */
struct paace_fields {
	u64 wba;   /* window base, primary */
	u8 wse;	   /* window size encoding, primary */
	bool mw;   /* multiple windows (subwindows), primary */
	u16 liodn; /* owning LIODN, secondary */
	u8 ap, dd, pt, v;
	u8 did, pid, snpid;
	bool cr; /* coherency required (M) */
	u8 cid, wce, atm, otm;
	u64 twba; /* translated window base */
	u8 swse;  /* subwindow size encoding */
	u32 fspi; /* first SPAACE index, primary */
	u32 op;	  /* word 7 raw; OMI in [15:0] when OTM=INDEXED */
};

void paace_encode(u32 *entry, const struct paace_fields *f);
void paace_decode(const u32 *entry, struct paace_fields *f);
int pamu_size_to_wse(u64 size, u8 *wse);
u64 pamu_wse_to_size(unsigned int wse);
int pamu_count_to_wce(unsigned int count, u8 *wce);
unsigned int pamu_wce_to_count(unsigned int wce);

/* OME: MOE byte for I/O operation index @ioe (libos/Linux IOE_*_IDX). */
#define PAMU_IOE_READ 0x00u
#define PAMU_IOE_WRITE 0x01u
#define PAMU_IOE_EREAD0 0x02u
#define PAMU_IOE_EWRITE0 0x03u
#define PAMU_IOE_DIRECT0 0x04u
#define PAMU_IOE_DIRECT1 0x07u
#define PAMU_EOE_VALID 0x80u
#define PAMU_EOE_READ 0x00u
#define PAMU_EOE_WRITE 0x01u
#define PAMU_EOE_LDEC 0x10u
#define PAMU_EOE_LDECPE 0x12u
#define PAMU_EOE_RSA 0x16u
#define PAMU_EOE_READI 0x18u
#define PAMU_EOE_WWSA 0x1bu
#define PAMU_EOE_WWSAO 0x1du
/* OMIs weir programs (Linux/Topaz setup_omt numbering). */
#define PAMU_OMI_QMAN IOMMU_OMI_QMAN
#define PAMU_OMI_FMAN IOMMU_OMI_FMAN
#define PAMU_OMI_QMAN_PRIV IOMMU_OMI_QMAN_PRIV
#define PAMU_OMI_CAAM IOMMU_OMI_CAAM

int pamu_ome_set(u8 *omt, unsigned int omi, unsigned int ioe, u8 eoe);
void pamu_omt_setup(u8 *omt);

/* What a LIODN's PAACEs carry besides its window: struct
 * iommu_liodn_attr, @indexed -> OTM = INDEXED with OMI @omi (word 7),
 * @stash -> CID = @cid, @no_coherency -> CR = 0 (else CR = 1). */

/* ------------------------------------------------------------------ */
/* Table manager and iommu_ops backend                                 */
/* ------------------------------------------------------------------ */

/* Table sizes: struct iommu_config (PAACT = max_liodn + 1 PAACEs, SPAACT
 * = spaace_entries SPAACEs). */

/* The single naturally aligned allocation holding all tables. */
struct pamu_tables {
	void *base; /* PAACT | SPAACT | OMT, zeroed */
	u64 size;   /* power of two, base aligned to it */
	u32 *paact;
	u32 num_paace;
	u32 *spaact;
	u32 num_spaace;
	u8 *omt;
};

int pamu_create(const struct iommu_config *cfg, struct iommu **out);
int pamu_set_liodn_attr(struct iommu *mmu, u32 liodn,
			const struct iommu_liodn_attr *attr);

/* Entries pamu_allocs() fills. */
#define PAMU_NR_ALLOCS IOMMU_NR_ALLOCS

/** pamu_allocs() - the hv_zalloc() calls pamu_create() makes for @cfg, in
 * order (drivers/iommu/pamu/tables.c); the plan counts weir's heap with
 * it. Return: PAMU_NR_ALLOCS, or pamu_create()'s negative errno for a
 * config it refuses. */
int pamu_allocs(const struct iommu_config *cfg,
		struct hv_alloc a[PAMU_NR_ALLOCS]);
void pamu_destroy(struct iommu *mmu);
const struct pamu_tables *pamu_tables(struct iommu *mmu);
u32 pamu_spaace_free(struct iommu *mmu);
unsigned int pamu_staged_count(struct iommu *mmu);
int pamu_block_liodn(struct iommu *mmu, u32 liodn);

/* ------------------------------------------------------------------ */
/* Registers (one 4 KiB block per PAMU instance)                       */
/* ------------------------------------------------------------------ */

#define PAMU_BLOCK_SIZE 0x1000u
#define PAMU_PPBAH 0x000
#define PAMU_PPBAL 0x004
#define PAMU_PPLAH 0x008
#define PAMU_PPLAL 0x00c
#define PAMU_SPBAH 0x010
#define PAMU_SPBAL 0x014
#define PAMU_SPLAH 0x018
#define PAMU_SPLAL 0x01c
#define PAMU_OBAH 0x020
#define PAMU_OBAL 0x024
#define PAMU_OLAH 0x028
#define PAMU_OLAL 0x02c
#define PAMU_AVS1 0x050
#define PAMU_AVS2 0x054
#define PAMU_AVAH 0x058
#define PAMU_AVAL 0x05c
#define PAMU_PC3 0xc08
#define PAMU_PC 0xc10
#define PAMU_PICS 0xc1c

#define PAMU_PC_PE 0x40000000u
#define PAMU_PC_OCE 0x00001000u
#define PAMU_PC_SPCC 0x00000010u
#define PAMU_PC_PPCC 0x00000001u
#define PAMU_PC3_MWCE(x) (((x) >> 21) & 0xfu)
#define PAMU_PICS_AVICS 0x8u /* AV interrupt status (w1c) */
#define PAMU_PICS_AVIE 0x4u  /* AV interrupt enable */

#define PAMU_AVS1_AV 0x1u
#define PAMU_AVS1_OTV 0x6u
#define PAMU_AVS1_APV 0x78u
#define PAMU_AVS1_WAV 0x380u
#define PAMU_AVS1_LAV 0x1c00u
#define PAMU_AVS1_GCV 0x2000u
#define PAMU_AVS1_PDV 0x4000u
#define PAMU_AVS1_MASK 0x7fffu
#define PAMU_AVS1_LIODN_SHIFT 16
#define PAMU_LAV_NOT_IN_PPAACT 0x400u

#define GUTS_PAMUBYPENR 0x604u

unsigned int pamu_hw_max_subwindows(const void *regs);
int pamu_hw_init_one(void *regs, unsigned int index,
		     const struct pamu_tables *t, void *guts);
int pamu_hw_init(void *regs, unsigned int count, const struct pamu_tables *t,
		 void *guts);

/* ------------------------------------------------------------------ */
/* SoC errata, keyed by SVR                                            */
/* ------------------------------------------------------------------ */

#define PAMU_QUIRK_A003638 BIT(0) /* AV for disabled LIODN: AV reporting off */
#define PAMU_QUIRK_A004510 BIT(1) /* tables need their own CSD (port id) */
#define PAMU_QUIRK_A005982 BIT(2) /* PC=OCE before writing table bases */
#define PAMU_QUIRK_PAMU3 BIT(3)	  /* P4080 rev 1: write PICS twice */

#define SVR_SECURITY 0x00080000u /* the E (encryption) bit of SVR */

u32 pamu_quirks(u32 svr);
u32 pamu_csd_port_id(u32 svr);

/*
 * A-004510 (drivers/iommu/pamu/csd.c): a coherence subdomain for the
 * tables. Offsets and fields from Linux 6.1 fsl_pamu.c create_csd().
 */
#define CCSR_LAW_OFFSET 0xc00u /* LAWs in the "fsl,corenet-law" block */
#define CCSR_LAW_STRIDE 0x10u
#define CCSR_LAWBARH 0x0u
#define CCSR_LAWBARL 0x4u
#define CCSR_LAWAR 0x8u
#define CCF_CSDID_OFFSET 0x600u /* CSD ID words in "fsl,corenet-cf" */
#define LAWAR_EN 0x80000000u
#define LAWAR_TARGET_MASK 0x0ff00000u
#define LAWAR_CSDID_SHIFT 12
#define LAWAR_CSDID_MASK 0x000ff000u
#define LAWAR_SIZE_MASK 0x0000003fu /* 2^(n+1) bytes */
#define LAWAR_SIZE_4K 0x0bu
#define LAWAR_SIZE_64G 0x23u /* largest in a 36-bit real address space */

/*
 * struct pamu_csd_regs - what pamu_csd_create() programs.
 * @lac:        the "fsl,corenet-law" block (reg 0), LAWs at +0xc00
 * @num_laws:   its "fsl,num-laws"
 * @ccf:        the "fsl,corenet-cf" block (reg 0), CSD IDs at +0x600
 * @num_csdids: its "fsl,ccf-num-csdids"
 */
struct pamu_csd_regs {
	void *lac;
	unsigned int num_laws;
	void *ccf;
	unsigned int num_csdids;
};

/* struct pamu_csd - what pamu_csd_create() programmed. */
struct pamu_csd {
	unsigned int csd_id;  /* CSD ID register given @port_id */
	unsigned int law;     /* LAW now mapping the tables */
	unsigned int ddr_law; /* LAW that mapped them before (its target) */
	u32 lawar;	      /* value written to LAWAR[@law] */
	u32 port_id;
};

int pamu_csd_create(const struct pamu_csd_regs *r, phys_addr_t phys, u64 size,
		    u32 port_id, struct pamu_csd *out);

struct dt_error;

/*
 * struct pamu_csd_info - where erratum A-004510's registers are (real
 * addresses and entry counts from the hardware tree); see
 * pamu_csd_info()
 */
struct pamu_csd_info {
	int lac_node; /* "fsl,corenet-law" */
	phys_addr_t lac_phys;
	u64 lac_size;
	u32 num_laws; /* "fsl,num-laws" */
	int ccf_node; /* "fsl,corenet-cf" */
	phys_addr_t ccf_phys;
	u64 ccf_size;
	u32 num_csdids; /* "fsl,ccf-num-csdids" */
};

/**
 * pamu_csd_info() - the LAW and CCF blocks erratum A-004510 programs
 * @fdt: hardware tree
 * @ci:  filled on success
 * @err: on failure, the node and property at fault
 *
 * The nodes and properties Linux 6.1 fsl_pamu.c create_csd() reads: "reg"
 * entry 0 and "fsl,num-laws" of the "fsl,corenet-law" node (LAWs at
 * +0xc00, 16 bytes each), "reg" entry 0 and "fsl,ccf-num-csdids" of the
 * "fsl,corenet-cf" node (CSD ID words at +0x600); p4080si-post.dtsi has
 * 32 of each.
 * Return: 0; -ENODEV when a node is missing (@err: "/", 'compatible');
 * -EINVAL when "reg" is missing or untranslatable, a count is missing,
 * not one cell or zero, a block is too small for its count, or there are
 * more than 256 CSD IDs (LAWAR holds 8 bits).
 */
int pamu_csd_info(const void *fdt, struct pamu_csd_info *ci,
		  struct dt_error *err);

/**
 * pamu_errata_a004510() - erratum A-004510 at boot (errata.c): on an SVR
 * of the quirk table, the PAMU tables [@phys, @phys + @size) get a
 * coherence subdomain of their own (Linux 6.1 fsl_pamu.c create_csd());
 * on any other SVR nothing is touched and @csd->port_id is 0. @map is
 * arch_ccsr_ptr() (a fake CCSR in host tests).
 * Return: 0, or -errno with @err naming the node and property (missing
 * "fsl,corenet-law"/"fsl,corenet-cf" node or count: -ENODEV/-EINVAL;
 * block outside CCSR: -ERANGE; no free CSD ID: -ENOSPC; no LAW maps the
 * tables: -ENOENT; no free LAW above it: -EBUSY).
 */
int pamu_errata_a004510(const void *hwfdt, u32 svr, phys_addr_t phys, u64 size,
			void *(*map)(phys_addr_t phys, u64 len),
			struct pamu_csd *csd, struct dt_error *err);

/* ------------------------------------------------------------------ */
/* Access violations (hardware and model share the record)            */
/* ------------------------------------------------------------------ */

enum pamu_av_kind {
	PAMU_AV_UNKNOWN = 0,
	PAMU_AV_LIODN,	 /* LAV: LIODN not in PPAACT (or entry invalid) */
	PAMU_AV_WINDOW,	 /* WAV: address outside window/subwindow */
	PAMU_AV_PERM,	 /* APV: access permission */
	PAMU_AV_OPTRANS, /* OTV: operation translation */
	PAMU_AV_GATE,	 /* GCV: gate closed */
	PAMU_AV_PDV,	 /* PDV (manual name; meaning unverified) */
};

/*
 * struct pamu_av - one access violation.
 * @unit:         PAMU instance index (0 for the model)
 * @liodn:        from AVS1[31:16]; may exceed the table
 * @liodn_valid:  @liodn indexes the PAACT (checked before any lookup)
 * @entry_valid:  the PAACE had V=1 when the violation was handled
 * @kind:         decoded from AVS1
 * @avs1, @avs2:  raw status words
 * @addr:         violating address (AVAH:AVAL), an IOVA
 * @write:        model only: the access was a write
 * @av_disabled:  A-003638 applied: AV reporting off on this unit
 */
struct pamu_av {
	unsigned int unit;
	u32 liodn;
	bool liodn_valid;
	bool entry_valid;
	enum pamu_av_kind kind;
	u32 avs1, avs2;
	u64 addr;
	bool write;
	bool av_disabled;
};

enum pamu_av_kind pamu_av_kind_decode(u32 avs1);
int pamu_av_handle(void *regs, unsigned int unit, struct iommu *mmu, u32 quirks,
		   struct pamu_av *av);
void pamu_av_reenable(void *regs, u32 quirks);

/* ------------------------------------------------------------------ */
/* Software PAMU model and emulated DMA engine                         */
/* ------------------------------------------------------------------ */

int pamu_model_translate(struct iommu *mmu, u32 liodn, u64 iova,
			 unsigned int access, phys_addr_t *phys,
			 struct iommu_fault *av);

int pamu_model_dma_copy(struct iommu *mmu, u32 liodn, u64 src_iova,
			u64 dst_iova, u64 len, const struct iommu_mem *mem,
			struct iommu_fault *av);

/* ------------------------------------------------------------------ */
/* The backend (driver.c): struct iommu_driver and the ops it adds     */
/* ------------------------------------------------------------------ */

extern const struct iommu_driver pamu_iommu_driver;

void pamu_fault_of(struct iommu_fault *f, const struct pamu_av *av);
void pamu_stats(struct iommu *mmu, struct iommu_stats *st); /* sandbox only */
void pamu_dump(struct iommu *mmu, bool all); /* dump.c, sandbox only */
void pamu_poll(struct iommu *mmu,
	       void (*report)(const struct iommu_fault *fault));

#endif
