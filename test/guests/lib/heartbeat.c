// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Heartbeat: 1 MiB of guest RAM filled with a pattern derived from the
 * guest-id; every 0.5 s of time base its checksum is recomputed and
 * printed as "alive <k> sum <hex> ok late <us>" (or "CORRUPT" if the
 * memory changed under the guest). <us> is how long after its scheduled
 * time base the beat woke, in microseconds of guest time: a neighbour
 * that slows this partition down (through weir's console, a lock, the
 * tick) shows there, whatever the host is doing when QEMU runs with
 * -icount. Between beats the guest idles in EV_IDLE with the decrementer
 * armed.
 */
#include <stdio.h>
#include <stdlib.h>
#include "guest.h"

#define BEAT_BYTES	(1u << 20)

static u32 checksum(const u32 *buf, u32 words)
{
	u32 s = 0, i;

	for (i = 0; i < words; i++)
		s = ((s << 1) | (s >> 31)) + buf[i];
	return s;
}

void heartbeat(void)
{
	const u32 words = BEAT_BYTES / 4;
	u32 *buf = malloc(BEAT_BYTES);
	u32 x = guest.id * 0x9e3779b9u + 0x5eed0001u, want, sum, i, k;
	u64 freq = guest.tb_freq ? guest.tb_freq : 400000000u;
	u64 half = freq / 2, next;

	if (!buf) {
		printf("heartbeat: no memory for 1 MiB\n");
		guest_stop();
	}
	for (i = 0; i < words; i++) {
		x = x * 1664525u + 1013904223u;
		buf[i] = x;
	}
	want = checksum(buf, words);

	next = get_tb() + half;
	for (k = 1;; k++) {
		u64 now, late;

		wait_until(next);
		late = (get_tb() - next) * 1000000u / freq;
		sum = checksum(buf, words);
		printf("alive %u sum %08x %s late %u\n", (unsigned)k,
		       (unsigned)sum, sum == want ? "ok" : "CORRUPT",
		       (unsigned)late);
		now = get_tb();
		next += half;
		if (next <= now)
			next = now + half;
	}
}
