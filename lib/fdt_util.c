// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Device-tree helpers: "reg" translation through "ranges" (Devicetree
 * Specification v0.4 §2.3.6, §2.3.8) and alias/path resolution (§3.3).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <weir/fdt_util.h>

u64 fdt_read_cells(const u32 *p, int cells)
{
	u64 v = 0;
	int i;

	for (i = 0; i < cells; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

static bool cells_ok(int ac, int sc)
{
	return ac >= 1 && ac <= 2 && sc >= 0 && sc <= 2;
}

/*
 * The deepest "reg" translation followed: a chain of nested buses deeper
 * than this is refused (-EINVAL). Real trees nest 3-5 levels.
 */
#define FDT_MAX_BUS_DEPTH 32

/*
 * The ancestors of @node, root first: @anc[0] is the root, @anc[n - 1]
 * @node's parent, n returned (0 for the root). One walk from the start of
 * the structure block: libfdt's fdt_parent_offset() walks it twice per
 * call, which made every "reg" translation quadratic in the depth (most
 * of weir's boot-time tree cost, doc/performance.md).
 * Return: n; -EINVAL when @node is deeper than @max or not a node.
 */
static int fdt_ancestors(const void *fdt, int node, int *anc, int max)
{
	int off = 0, depth = 0;

	while (off >= 0 && depth >= 0) {
		if (depth > max)
			return -EINVAL;
		if (off == node)
			return depth;
		if (depth < max)
			anc[depth] = off;
		off = fdt_next_node(fdt, off, &depth);
	}
	return -EINVAL;
}

/* Translate @addr, a child address of bus @bus, into the address space of
 * @parent, @bus's parent. */
static int translate_one(const void *fdt, int bus, int parent, u64 *addr)
{
	int cac = fdt_address_cells(fdt, bus), csc = fdt_size_cells(fdt, bus);
	int pac, entry, len, i;
	const u32 *r;

	pac = fdt_address_cells(fdt, parent);
	r = fdt_getprop(fdt, bus, "ranges", &len);
	if (!r)
		return -ERANGE;
	if (len == 0)
		return 0; /* identity */
	if (!cells_ok(cac, csc) || !cells_ok(pac, 1))
		return -EINVAL;
	entry = (cac + pac + csc) * 4;
	if (len % entry)
		return -EINVAL;
	for (i = 0; i < len / entry; i++, r += entry / 4) {
		u64 child = fdt_read_cells(r, cac);
		u64 par = fdt_read_cells(r + cac, pac);
		u64 size = fdt_read_cells(r + cac + pac, csc);

		if (*addr >= child && *addr - child < size) {
			*addr = par + (*addr - child);
			return 0;
		}
	}
	return -ERANGE;
}

/* @addr, in the child space of bus @anc[n - 1], translated through it and
 * every bus above it (@anc[0] is the root, whose space is physical). */
static int translate_up(const void *fdt, const int *anc, int n, u64 *addr)
{
	int i, ret;

	for (i = n - 1; i > 0; i--) {
		ret = translate_one(fdt, anc[i], anc[i - 1], addr);
		if (ret)
			return ret;
	}
	return 0;
}

int fdt_reg_phys(const void *fdt, int node, int index, phys_addr_t *addr,
		 u64 *size)
{
	int anc[FDT_MAX_BUS_DEPTH];
	int n = fdt_ancestors(fdt, node, anc, FDT_MAX_BUS_DEPTH);
	int parent, ac, sc, len, ret;
	const u32 *reg;
	u64 a;

	if (n <= 0)
		return -EINVAL;
	parent = anc[n - 1];
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (!cells_ok(ac, sc))
		return -EINVAL;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg)
		return -ENOENT;
	if (len % ((ac + sc) * 4))
		return -EINVAL;
	if (index < 0 || index >= len / ((ac + sc) * 4))
		return -ENOENT;
	reg += index * (ac + sc);
	a = fdt_read_cells(reg, ac);
	if (size)
		*size = fdt_read_cells(reg + ac, sc);
	ret = translate_up(fdt, anc, n, &a);
	if (ret)
		return ret;
	if (addr)
		*addr = a;
	return 0;
}

int fdt_bus_addr_phys(const void *fdt, int bus, u64 *addr)
{
	int anc[FDT_MAX_BUS_DEPTH + 1];
	int n = fdt_ancestors(fdt, bus, anc, FDT_MAX_BUS_DEPTH);

	if (n < 0)
		return n;
	anc[n] = bus;
	return translate_up(fdt, anc, n + 1, addr);
}

const char *fdt_path_of(const void *fdt, int node, char *buf, int len)
{
	if (fdt_get_path(fdt, node, buf, len) < 0)
		snprintf(buf, (size_t)len, "<node %d>", node);
	return buf;
}

int fdt_resolve_path(const void *fdt, const char *path)
{
	const char *colon = strchr(path, ':');
	int len = colon ? (int)(colon - path) : (int)strlen(path);

	if (len == 0)
		return -FDT_ERR_BADPATH;
	return fdt_path_offset_namelen(fdt, path, len);
}

/* A property at @offset: its value inside the block, its name a string. */
static int check_prop(const void *fdt, int offset)
{
	const struct fdt_property *prop;
	u64 end;

	prop = fdt_offset_ptr(fdt, offset, sizeof(*prop));
	if (!prop)
		return -FDT_ERR_TRUNCATED;
	end = (u64)offset + sizeof(*prop) + fdt32_to_cpu(prop->len);
	if (end > fdt_size_dt_struct(fdt))
		return -FDT_ERR_TRUNCATED;
	if (!fdt_get_string(fdt, (int)fdt32_to_cpu(prop->nameoff), NULL))
		return -FDT_ERR_BADOFFSET;
	return 0;
}

/*
 * The reservation map ends with its terminator inside the tree, and no
 * two blocks overlap: fdt_open_into() moves each block by the size it
 * computes (a map without terminator gave it a negative size).
 */
static int check_layout(const void *fdt)
{
	u64 rsv = fdt_off_mem_rsvmap(fdt), st = fdt_off_dt_struct(fdt);
	u64 str = fdt_off_dt_strings(fdt), rsvlen;
	int n = fdt_num_mem_rsv(fdt);

	if (n < 0)
		return n;
	rsvlen = ((u64)n + 1) * sizeof(struct fdt_reserve_entry);
	if (ranges_overlap(rsv, rsvlen, st, fdt_size_dt_struct(fdt)) ||
	    ranges_overlap(rsv, rsvlen, str, fdt_size_dt_strings(fdt)) ||
	    ranges_overlap(st, fdt_size_dt_struct(fdt), str,
			   fdt_size_dt_strings(fdt)))
		return -FDT_ERR_BADLAYOUT;
	return 0;
}

int fdt_check_tree(const void *fdt)
{
	int offset = 0, next = 0, depth = 0, roots = 0, ret;
	u32 tag;

	ret = fdt_check_header(fdt);
	if (ret)
		return ret;
	if (fdt_version(fdt) < 17) /* no size_dt_struct to bound the walk */
		return -FDT_ERR_BADVERSION;
	/* The blocks' own alignment (spec §5.1: reservation map 8 bytes,
	 * structure block 4 bytes); libfdt reads them as aligned words.
	 * fdt_check_header() already wants the tree 8-byte aligned. */
	if ((fdt_off_mem_rsvmap(fdt) & 7) || (fdt_off_dt_struct(fdt) & 3))
		return -FDT_ERR_ALIGNMENT;
	ret = check_layout(fdt);
	if (ret)
		return ret;
	for (;;) {
		offset = next;
		tag = fdt_next_tag(fdt, offset, &next);
		if (next < 0)
			return next;
		if (next <= offset)
			return -FDT_ERR_BADSTRUCTURE;
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && roots++)
				return -FDT_ERR_BADSTRUCTURE;
			if (++depth > FDT_CHECK_MAX_DEPTH)
				return -FDT_ERR_BADSTRUCTURE;
			break;
		case FDT_END_NODE:
			if (--depth < 0)
				return -FDT_ERR_BADSTRUCTURE;
			break;
		case FDT_PROP:
			if (depth == 0)
				return -FDT_ERR_BADSTRUCTURE;
			ret = check_prop(fdt, offset);
			if (ret)
				return ret;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			return depth == 0 && roots == 1 ? 0 :
							  -FDT_ERR_BADSTRUCTURE;
		default:
			return -FDT_ERR_BADSTRUCTURE;
		}
	}
}

int fdt_copy_compact(void *dst, int dstsize, const void *src)
{
	u32 end, e;
	int ret = fdt_check_header(src);

	if (ret)
		return ret;
	if (fdt_version(src) < 17)
		return -FDT_ERR_BADVERSION;
	end = fdt_off_dt_struct(src) + fdt_size_dt_struct(src);
	e = fdt_off_dt_strings(src) + fdt_size_dt_strings(src);
	if (e > end)
		end = e;
	if (fdt_off_mem_rsvmap(src) > end || end > fdt_totalsize(src))
		return -FDT_ERR_BADLAYOUT;
	if (end > (u32)dstsize)
		return -FDT_ERR_NOSPACE;
	memcpy(dst, src, end);
	/* the copied bytes only: fdt_open_into() moves totalsize bytes
	 * onto themselves (memmove of the whole buffer was 90 k of the
	 * hand-off's instructions) and then grows the tree to @dstsize */
	fdt_set_totalsize(dst, end);
	ret = fdt_check_tree(dst);
	if (ret)
		return ret;
	return fdt_open_into(dst, dst, dstsize);
}

static bool type_is_pci(const void *fdt, int node)
{
	const char *t = fdt_getprop(fdt, node, "device_type", NULL);

	return t && !strcmp(t, "pci");
}

bool fdt_under_pci(const void *fdt, int node)
{
	for (node = fdt_parent_offset(fdt, node); node >= 0;
	     node = fdt_parent_offset(fdt, node))
		if (type_is_pci(fdt, node))
			return true;
	return false;
}

bool fdt_is_pci_host(const void *fdt, int node)
{
	return type_is_pci(fdt, node) && !fdt_under_pci(fdt, node);
}
