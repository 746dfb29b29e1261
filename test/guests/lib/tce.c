// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PAPR TCE hcalls and weir's DMA engine copy, as guests call them
 * (doc/tce.md "Guest ABI", doc/dma-engine.md): 64-bit IOBAs and TCEs in
 * two registers, high word first (include/weir/papr.h shapes).
 */
#include "guest.h"

s32 papr_hcall(u32 op, u32 a0, u64 a1, u64 a2, u32 a3, u64 *out)
{
	u32 args[8] = { a0, (u32)(a1 >> 32), (u32)a1, (u32)(a2 >> 32),
			(u32)a2, a3, 0, 0 }, o[8];
	s32 r = (s32)hcall_raw((3u << 16) | op, args, o);

	if (out)
		*out = (u64)o[1] << 32 | o[2];
	return r;
}

s32 tce_put(u32 liobn, u64 ioba, u64 tce)
{
	return papr_hcall(H_PUT_TCE, liobn, ioba, tce, 0, NULL);
}

s32 tce_stuff(u32 liobn, u64 ioba, u64 tce, u32 n)
{
	return papr_hcall(H_STUFF_TCE, liobn, ioba, tce, n, NULL);
}

s32 tce_indirect(u32 liobn, u64 ioba, const u32 *list, u32 n)
{
	return papr_hcall(H_PUT_TCE_INDIRECT, liobn, ioba, (u32)list, n, NULL);
}

u64 tce_get(u32 liobn, u64 ioba)
{
	u64 t = ~0ULL;

	papr_hcall(H_GET_TCE, liobn, ioba, 0, 0, &t);
	return t;
}

u32 weir_dma_copy(u32 handle, u64 src, u64 dst, u32 len)
{
	u32 args[8] = { handle, (u32)(src >> 32), (u32)src, (u32)(dst >> 32),
			(u32)dst, len, 0, 0 };

	return hcall_raw(EV_HCALL_TOKEN(WEIR_VENDOR_ID, WEIR_HC_DMA_COPY),
			 args, NULL);
}
