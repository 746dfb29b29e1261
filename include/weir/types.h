/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fixed-width types used throughout weir. The same header serves the
 * e500mc target (newlib) and the sandbox host build (glibc).
 */
#ifndef WEIR_TYPES_H
#define WEIR_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

/* A physical (real) address: 36 bits on e500mc, kept in 64 bits. */
typedef u64 phys_addr_t;
/* A guest-physical address, 0-based inside a partition. */
typedef u64 gpa_t;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) (1UL << (n))
#define BIT_ULL(n) (1ULL << (n))
#define ALIGN_UP(x, a) (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define IS_POWER_OF_2(x) ((x) != 0 && (((x) & ((x)-1)) == 0))
#define SZ_4K 0x1000ULL
#define SZ_1M 0x100000ULL
#define SZ_1G 0x40000000ULL

/* [a, a + alen) and [b, b + blen) share a byte (bytes; no wrap-around:
 * callers' ranges end below 2^64). */
static inline bool ranges_overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

#ifndef __unused
#define __unused __attribute__((unused))
#endif
#ifndef __noreturn
#define __noreturn __attribute__((noreturn))
#endif
#ifndef __aligned
#define __aligned(x) __attribute__((aligned(x)))
#endif

#endif
