// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Walking the units (include/weir/unit.h) in their order. There are a
 * handful: each step scans the section for the next (order, position)
 * pair, which needs neither sorting nor a writable copy.
 */
#include <weir/unit.h>

/* Defined by the linker; weak: a host program may link no unit at all. */
extern const struct unit __start_weir_units[] __attribute__((weak));
extern const struct unit __stop_weir_units[] __attribute__((weak));

/* (order, position) of @a before that of @b */
static bool before(const struct unit *a, const struct unit *b)
{
	return a->order < b->order || (a->order == b->order && a < b);
}

/*
 * The section's entries: its two ends are distinct symbols, so they are
 * compared as addresses, not as pointers into one array.
 */
static size_t unit_count(void)
{
	return ((uintptr_t)__stop_weir_units - (uintptr_t)__start_weir_units) /
	       sizeof(struct unit);
}

/* The first unit after @prev (NULL: the first of all), or NULL. */
static const struct unit *after(const struct unit *prev)
{
	const struct unit *u, *best = NULL;
	size_t i, n = unit_count();

	for (i = 0; i < n; i++) {
		u = &__start_weir_units[i];
		if ((!prev || before(prev, u)) && (!best || before(u, best)))
			best = u;
	}
	return best;
}

const struct unit *unit_first(void)
{
	return after(NULL);
}

const struct unit *unit_next(const struct unit *u)
{
	return after(u);
}
