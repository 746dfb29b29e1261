/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Big-endian accessors for in-memory hardware tables (PAACT, SPAACT, OMT,
 * TCE tables), and little-endian for what PCI devices write (MSI data). e500mc is big-endian, so on the target these are plain
 * loads/stores; the sandbox host build (little-endian x86) swaps.
 */
#ifndef WEIR_BYTEORDER_H
#define WEIR_BYTEORDER_H

#include <weir/types.h>

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define cpu_to_be32(x) ((u32)(x))
#define cpu_to_be64(x) ((u64)(x))
#define cpu_to_le32(x) __builtin_bswap32((u32)(x))
#else
#define cpu_to_be32(x) __builtin_bswap32((u32)(x))
#define cpu_to_be64(x) __builtin_bswap64((u64)(x))
#define cpu_to_le32(x) ((u32)(x))
#endif
#define be32_to_cpu(x) cpu_to_be32(x)
#define be64_to_cpu(x) cpu_to_be64(x)

/* Read/write a big-endian 32-bit word of a table in ordinary memory. */
static inline u32 get_be32(const volatile u32 *p)
{
	return be32_to_cpu(*p);
}
static inline void put_be32(volatile u32 *p, u32 v)
{
	*p = cpu_to_be32(v);
}
static inline u64 get_be64(const volatile u64 *p)
{
	return be64_to_cpu(*p);
}
static inline void put_be64(volatile u64 *p, u64 v)
{
	*p = cpu_to_be64(v);
}

#endif
