// SPDX-License-Identifier: GPL-2.0-or-later
/* Guest-physical address checks for a partition's RAM. */
#include <errno.h>
#include <weir/partition.h>

static bool gpa_range_ok(const struct partition *p, gpa_t gpa, u64 len)
{
	return len != 0 && gpa < p->ram_size && len <= p->ram_size - gpa;
}

int partition_gpa_to_phys(const struct partition *p, gpa_t gpa, u64 len,
			  phys_addr_t *phys)
{
	if (!gpa_range_ok(p, gpa, len))
		return -EFAULT;
	*phys = p->ram_phys + gpa;
	return 0;
}

void *partition_gpa_ptr(const struct partition *p, gpa_t gpa, u64 len)
{
	if (!gpa_range_ok(p, gpa, len) || !p->ram_host)
		return NULL;
	return (char *)p->ram_host + gpa;
}
