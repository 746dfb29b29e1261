// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Decode and emulate the privileged instructions a guest supervisor
 * executes while really in problem state. Encodings: Power ISA 2.06
 * Book I/III-E (opcode 31 X-form extended opcodes, opcode 19 XL-form
 * returns); Linux's KVM booke_emulate.c/e500_emulate.c handle the same
 * set for e500 guests.
 */
#include <weir/booke.h>
#include <weir/arch.h>
#include <weir/vcpu_emul.h>

#define OP(i) ((i) >> 26)
#define XO(i) (((i) >> 1) & 0x3ff)
#define RT(i) (((i) >> 21) & 0x1f)
#define RA(i) (((i) >> 16) & 0x1f)
#define RB(i) (((i) >> 11) & 0x1f)
#define SPR(i) ((((i) >> 16) & 0x1f) | (((i) >> 6) & 0x3e0))

enum {
	XO_TLBILX = 18,
	XO_WAIT = 62,
	XO_MFMSR = 83,
	XO_WRTEE = 131,
	XO_MTMSR = 146,
	XO_WRTEEI = 163,
	XO_MSGSND = 206,
	XO_MSGCLR = 238,
	XO_MFPMR = 334,
	XO_MFSPR = 339,
	XO_MTPMR = 462,
	XO_MTSPR = 467,
	XO_TLBSYNC = 566,
	XO_TLBIVAX = 786,
	XO_TLBSX = 914,
	XO_TLBRE = 946,
	XO_TLBWE = 978,
	XO19_RFMCI = 38,
	XO19_RFDI = 39,
	XO19_RFI = 50,
	XO19_RFCI = 51,
	/* cache locking (e500mc Core RM §3.5; Power ISA 2.06 E.CL) */
	XO_DCBTSTLS = 134,
	XO_DCBTLS = 166,
	XO_ICBLC = 230,
	XO_DCBLC = 390,
	XO_ICBTLS = 486,
};

static u32 ea_x(const struct vcpu *v, u32 insn)
{
	return (RA(insn) ? v->regs.gpr[RA(insn)] : 0) + v->regs.gpr[RB(insn)];
}

static enum emul_result do_return(struct vcpu *v, u32 pc, u32 msr)
{
	v->msr = msr;
	v->regs.pc = pc & ~3u;
	return EMUL_JUMP;
}

/* After a guest TLB change: drop only the shadows it made stale. */
static enum emul_result tlb_changed(struct vcpu *v, int err)
{
	if (err)
		return EMUL_ILLEGAL;
	vcpu_shadow_drop(v);
	return EMUL_NEXT;
}

static enum emul_result emulate_31(struct vcpu *v, u32 insn)
{
	u32 *gpr = v->regs.gpr, val;

	switch (XO(insn)) {
	case XO_MFMSR:
		gpr[RT(insn)] = v->msr;
		return EMUL_NEXT;
	case XO_MTMSR:
		v->msr = gpr[RT(insn)];
		return EMUL_NEXT;
	case XO_WRTEE:
		v->msr = (v->msr & ~MSR_EE) | (gpr[RT(insn)] & MSR_EE);
		return EMUL_NEXT;
	case XO_WRTEEI:
		v->msr = (v->msr & ~MSR_EE) | ((insn & 0x8000) ? MSR_EE : 0);
		return EMUL_NEXT;
	case XO_MFSPR:
		if (vcpu_mfspr(v, SPR(insn), &val))
			return EMUL_ILLEGAL;
		gpr[RT(insn)] = val;
		return EMUL_NEXT;
	case XO_MTSPR:
		return vcpu_mtspr(v, SPR(insn), gpr[RT(insn)]) ? EMUL_ILLEGAL :
								 EMUL_NEXT;
	case XO_MFPMR: /* no performance monitor for guests */
		gpr[RT(insn)] = 0;
		return EMUL_NEXT;
	case XO_MTPMR:
	case XO_TLBSYNC:
		return EMUL_NEXT;
	case XO_WAIT:
		v->idle = true;
		return EMUL_NEXT;
	case XO_TLBWE:
		return tlb_changed(v, vtlb_tlbwe(v));
	case XO_TLBRE:
		return vtlb_tlbre(v) ? EMUL_ILLEGAL : EMUL_NEXT;
	case XO_TLBSX:
		vtlb_tlbsx(v, ea_x(v, insn));
		return EMUL_NEXT;
	case XO_TLBIVAX:
		vcpu_tlbivax(v, ea_x(v, insn));
		return tlb_changed(v, 0);
	case XO_MSGSND:
		vcpu_msgsnd(v, gpr[RB(insn)]);
		return EMUL_NEXT;
	case XO_MSGCLR:
		vcpu_msgclr(v, gpr[RB(insn)]);
		return EMUL_NEXT;
	case XO_TLBILX:
		return tlb_changed(v,
				   vtlb_tlbilx(v, RT(insn) & 3, ea_x(v, insn)));
	default:
		return EMUL_ILLEGAL;
	}
}

enum emul_result vcpu_emulate(struct vcpu *v, u32 insn)
{
	if (OP(insn) == 31)
		return emulate_31(v, insn);
	if (OP(insn) == 19) {
		switch (XO(insn)) {
		case XO19_RFI:
			return do_return(v, v->srr0, v->srr1);
		case XO19_RFCI:
			return do_return(v, v->csrr0, v->csrr1);
		case XO19_RFMCI:
			return do_return(v, v->mcsrr0, v->mcsrr1);
		case XO19_RFDI:
			return do_return(v, v->dsrr0, v->dsrr1);
		}
	}
	return EMUL_ILLEGAL;
}

enum emul_result vcpu_emulate_cache_lock(struct vcpu *v, u32 insn)
{
	if (OP(insn) != 31)
		return EMUL_ILLEGAL;
	switch (XO(insn)) {
	case XO_DCBTLS:
	case XO_DCBTSTLS:
		v->l1csr0 |= L1CSR0_CUL;
		return EMUL_NEXT;
	case XO_ICBTLS:
		v->l1csr1 |= L1CSR1_ICUL;
		return EMUL_NEXT;
	case XO_DCBLC:
	case XO_ICBLC:
		return EMUL_NEXT; /* nothing was locked */
	default:
		return EMUL_ILLEGAL;
	}
}
