/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * weir's emulated DMA engine (doc/dma-engine.md): a device of weir's own
 * (config child `dma-engine`, compatible "weir,dma-engine") with one
 * LIODN, owned by a partition like any DMA master. The guest programs a
 * copy job with the WEIR_HC_DMA_COPY hcall; weir performs it through the
 * software PAMU model, so every byte goes through the same PAACT/SPAACT
 * entries a hardware device would use, and a fault takes the
 * access-violation path (hv/dma/fault.c).
 */
#ifndef WEIR_DMA_ENGINE_H
#define WEIR_DMA_ENGINE_H

#include <weir/types.h>

struct partition;
struct dma_group;

#define DMA_ENGINE_MAX_LEN SZ_1M /* bytes per copy job */

/**
 * dma_engine_add() - make group @g (one LIODN, a PAMU backend) an
 * emulated DMA engine. Return: 0, or -EINVAL when @g has no LIODN.
 */
int dma_engine_add(struct dma_group *g);

/* Is @g an emulated DMA engine? */
bool dma_engine_is(const struct dma_group *g);

/**
 * dma_engine_copy() - run one copy job of the engine named by DMA handle
 * @handle for partition @p
 * @src, @dst: bus addresses (IOVAs) read and written by the device
 * @len: bytes, 1..DMA_ENGINE_MAX_LEN
 *
 * Every page of both ranges is translated before anything is copied.
 * Return: 0; -EINVAL (not an engine handle, bad length, range wraps);
 * -EPERM (the engine belongs to another partition); -EFAULT (access
 * violation: nothing copied, the owner's error queue has the record and
 * the engine's DMA is disabled until FH_DMA_ENABLE).
 */
int dma_engine_copy(struct partition *p, u32 handle, u64 src, u64 dst, u64 len);

#endif
