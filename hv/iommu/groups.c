// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IOMMU groups of the partition config: which assigned devices share a
 * DMA address space, their LIODNs, and the checks that keep a group and
 * a LIODN inside one partition. The rules follow Linux's FSL PAMU
 * grouping (seeds 000/001: drivers/iommu/fsl_pamu_domain.c
 * fsl_pamu_device_group() after commit 139a57a9918e); doc/iommu-groups.md
 * has them with their sources.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <weir/fdt_util.h>
#include <weir/iommu_groups.h>

/* One config child: a device assignment (hw >= 0) or a DMA engine. */
struct assign {
	unsigned int part;
	int cfg;
	int hw; /* hardware node, -1 for a weir,dma-engine */
};

struct gctx {
	const void *cfg, *hw;
	struct plan *plan;
	struct dt_error *err;
	u32 limit;  /* largest LIODN accepted */
	u32 hw_max; /* largest hardware LIODN <= limit */
	struct assign a[PARTITION_MAX * (CONFIG_MAX_DEVICES + 4)];
	unsigned int na;
	int opts_node[PLAN_MAX_GROUPS]; /* config node with the options */
};

const char *iommu_group_kind_name(enum group_kind kind)
{
	switch (kind) {
	case GROUP_DEVICE:
		return "device";
	case GROUP_PCI_HOSE:
		return "pci-hose";
	case GROUP_DMA_ENGINE:
		return "dma-engine";
	}
	return "?";
}

static const char *part_name(const struct gctx *c, unsigned int i)
{
	return c->plan->part[i].name;
}

/* Every device child and DMA engine of every partition, in config order. */
static int collect(struct gctx *c)
{
	unsigned int i;
	int child;

	for (i = 0; i < c->plan->nparts; i++) {
		fdt_for_each_subnode(child, c->cfg, c->plan->part[i].cfg_node)
		{
			const char *dev =
				fdt_getprop(c->cfg, child, "device", NULL);
			bool engine = !fdt_node_check_compatible(
				c->cfg, child, "weir,dma-engine");
			const char *opt;
			int hw = -1;

			if (dev && engine)
				return dt_fail(
					c->err, c->cfg, child, "device",
					-EINVAL,
					"a weir,dma-engine has no hardware device");
			if (dev) {
				hw = fdt_resolve_path(c->hw, dev);
				if (hw < 0) /* config_parse checked it */
					continue;
			} else if (!engine) {
				opt = fdt_getprop(c->cfg, child, "fsl,liodn",
						  NULL) ?
					      "fsl,liodn" :
					      config_dma_first_opt(c->cfg,
								   child);
				if (opt)
					return dt_fail(
						c->err, c->cfg, child, opt,
						-EINVAL,
						"needs a 'device' (or compatible = \"weir,dma-engine\")");
				continue;
			}
			if (c->na == ARRAY_SIZE(c->a))
				return dt_fail(
					c->err, c->cfg, child, "compatible",
					-E2BIG,
					"too many devices and DMA engines");
			c->a[c->na++] = (struct assign){ i, child, hw };
		}
	}
	return 0;
}

/* The assignment of hardware node @hw, or NULL. */
static const struct assign *assign_of(const struct gctx *c, int hw)
{
	unsigned int k;

	for (k = 0; k < c->na; k++)
		if (c->a[k].hw == hw)
			return &c->a[k];
	return NULL;
}

/*
 * check_liodns() - limit and duplicates of the @n LIODNs of one
 * "fsl,liodn" list; errors name config node @node of @fdt, with @what
 * saying where the list came from.
 */
static int check_liodns(const struct gctx *c, const u32 *l, int n,
			const void *fdt, int node, const char *what)
{
	int i, j;

	for (i = 0; i < n; i++) {
		if (l[i] > c->limit)
			return dt_fail(
				c->err, fdt, node, "fsl,liodn", -ERANGE,
				"%sLIODN %u exceeds the largest LIODN %u", what,
				l[i], c->limit);
		for (j = 0; j < i; j++)
			if (l[i] == l[j])
				return dt_fail(c->err, fdt, node, "fsl,liodn",
					       -EINVAL,
					       "%sLIODN %u is listed twice",
					       what, l[i]);
	}
	return 0;
}

/*
 * node_liodns() - the LIODNs of hardware node @hw: its config child's
 * "fsl,liodn" when it has one, else the hardware tree's
 * (check_hw_liodn() makes the two agree where both exist).
 * Hardware problems are reported at config node @errnode.
 * Return: the count (0: none) or -errno with c->err filled.
 */
static int node_liodns(const struct gctx *c, int hw, int errnode, u32 *l)
{
	const struct assign *a = assign_of(c, hw);
	char path[PLAN_GROUP_NAME_MAX], what[PLAN_GROUP_NAME_MAX + 16];
	int n, ret;

	if (a && fdt_getprop(c->cfg, a->cfg, "fsl,liodn", NULL)) {
		n = iommu_hw_liodns(c->cfg, a->cfg, l, DMA_GROUP_MAX_LIODNS);
		if (n < 0)
			return dt_fail(c->err, c->cfg, a->cfg, "fsl,liodn", n,
				       n == -E2BIG ? "more than %d LIODNs" :
						     "need 1 to %d cells",
				       DMA_GROUP_MAX_LIODNS);
		ret = check_liodns(c, l, n, c->cfg, a->cfg, "");
		return ret ? ret : n;
	}
	fdt_path_of(c->hw, hw, path, sizeof(path));
	n = iommu_hw_liodns(c->hw, hw, l, DMA_GROUP_MAX_LIODNS);
	if (n < 0)
		return dt_fail(c->err, c->cfg, errnode, "fsl,liodn", n,
			       "hardware %s: malformed or more than %d LIODNs",
			       path, DMA_GROUP_MAX_LIODNS);
	snprintf(what, sizeof(what), "hardware %s: ", path);
	ret = check_liodns(c, l, n, c->cfg, errnode, what);
	return ret ? ret : n;
}

/* Nearest PCI controller at or above @node, or -1. */
static int pci_ctrl_of(const struct gctx *c, int node, enum pci_ctrl_kind *kind)
{
	for (; node >= 0; node = fdt_parent_offset(c->hw, node)) {
		*kind = iommu_hw_pci_kind(c->hw, node);
		if (*kind != PCI_CTRL_NONE)
			return node;
	}
	return -1;
}

/*
 * Endpoint root of @node below partitioned controller @ctrl: the highest
 * node on the path (@ctrl excluded) that has LIODNs, or -1 when none has.
 * Return: 0 with *@ep set, or -errno.
 */
static int endpoint_of(const struct gctx *c, int ctrl, int node, int errnode,
		       int *ep)
{
	u32 l[DMA_GROUP_MAX_LIODNS];
	int n;

	*ep = -1;
	for (; node >= 0 && node != ctrl;
	     node = fdt_parent_offset(c->hw, node)) {
		n = node_liodns(c, node, errnode, l);
		if (n < 0)
			return n;
		if (n)
			*ep = node;
	}
	return 0;
}

/*
 * endpoint_refused() - a LIODN-carrying node @ep (an endpoint, or a root
 * port given a LIODN) below PCIe controller @ctrl with endpoint
 * partitioning (IP >= 2.4). Its transactions carry its own LIODN only
 * once the controller's requester-ID -> LIODN table maps its bus/devfn to
 * it (U-Boot only publishes the numbers, "fsl,liodn-offset-list"; Linux
 * never uses them: doc/iommu-groups.md). weir does not program that
 * table, so such a group would not be the device's real DMA identity.
 * Return: -EOPNOTSUPP with c->err naming config node @errnode, "device".
 */
static int endpoint_refused(const struct gctx *c, int ctrl, int ep, int errnode)
{
	char ctrl_path[PLAN_GROUP_NAME_MAX], ep_path[PLAN_GROUP_NAME_MAX];

	fdt_path_of(c->hw, ctrl, ctrl_path, sizeof(ctrl_path));
	fdt_path_of(c->hw, ep, ep_path, sizeof(ep_path));
	return dt_fail(
		c->err, c->cfg, errnode, "device", -EOPNOTSUPP,
		"%s has a LIODN of its own below %s (PCIe IP >= 2.4): weir does not program the controller's requester-ID -> LIODN table, so assign the controller (its hose group)",
		ep_path, ctrl_path);
}

/*
 * dma_master() - the DMA master of hardware node @hw outside any PCI
 * controller: the nearest node at or above it with LIODNs (a DMA channel,
 * an interrupt or a port node without "fsl,liodn" issues its transactions
 * with its controller's LIODN).
 * Return: 1 with *@master set; 0 when no node on the path has LIODNs;
 * -errno (a malformed or out-of-range LIODN on the path).
 */
static int dma_master(const struct gctx *c, int hw, int errnode, int *master)
{
	u32 l[DMA_GROUP_MAX_LIODNS];
	int n;

	for (; hw >= 0; hw = fdt_parent_offset(c->hw, hw)) {
		n = node_liodns(c, hw, errnode, l);
		if (n < 0)
			return n;
		if (n) {
			*master = hw;
			return 1;
		}
	}
	return 0;
}

/*
 * group_root() - the group hardware node @hw belongs to
 * Return: 1 with *@root and *@kind set; 0 when @hw is not a DMA master
 * (no LIODN, not on a PCI hose); -errno.
 */
static int group_root(const struct gctx *c, int hw, int errnode, int *root,
		      enum group_kind *kind)
{
	enum pci_ctrl_kind pk;
	int ctrl = pci_ctrl_of(c, hw, &pk), ret;

	if (ctrl >= 0) {
		*root = ctrl;
		*kind = GROUP_PCI_HOSE;
		if (pk != PCI_CTRL_PARTITIONED)
			return 1;
		ret = endpoint_of(c, ctrl, hw, errnode, root);
		if (ret)
			return ret;
		if (*root >= 0)
			return endpoint_refused(c, ctrl, *root, errnode);
		*root = ctrl;
		return 1;
	}
	ret = dma_master(c, hw, errnode, root);
	if (ret <= 0)
		return ret;
	*kind = GROUP_DEVICE;
	return 1;
}

static int add_liodns(const struct gctx *c, struct group_plan *g, int node)
{
	u32 l[DMA_GROUP_MAX_LIODNS];
	unsigned int j;
	int n, i;

	n = node_liodns(c, node, g->cfg_node, l);
	for (i = 0; i < n; i++) {
		for (j = 0; j < g->dma.nr_liodns; j++)
			if (g->dma.liodns[j] == l[i])
				break;
		if (j < g->dma.nr_liodns)
			continue; /* two nodes of one group, one LIODN */
		if (g->dma.nr_liodns == DMA_GROUP_MAX_LIODNS)
			return dt_fail(c->err, c->cfg, g->cfg_node, "fsl,liodn",
				       -E2BIG,
				       "group %s has more than %d LIODNs",
				       g->name, DMA_GROUP_MAX_LIODNS);
		g->dma.liodns[g->dma.nr_liodns++] = l[i];
	}
	return n < 0 ? n : 0;
}

static int add_node(const struct gctx *c, struct group_plan *g, int node)
{
	if (g->nnodes == PLAN_GROUP_MAX_NODES)
		return dt_fail(c->err, c->cfg, g->cfg_node, "device", -E2BIG,
			       "group %s has more than %d device nodes",
			       g->name, PLAN_GROUP_MAX_NODES);
	g->hw_node[g->nnodes++] = node;
	return add_liodns(c, g, node);
}

/*
 * Members of a hardware group: the root; for a device the nodes below it
 * whose DMA master it is (subtrees of nodes with LIODNs of their own
 * left out); for a PCI hose every node below the controller except, with
 * endpoint partitioning, the subtrees of endpoints with LIODNs of their
 * own (refused if assigned: endpoint_refused(); their LIODNs stay
 * blocked).
 */
static int fill_from(const struct gctx *c, struct group_plan *g, int root)
{
	int depth = 0, skip = 0, node, ep, ret;
	bool split = g->kind == GROUP_PCI_HOSE &&
		     iommu_hw_pci_kind(c->hw, root) == PCI_CTRL_PARTITIONED;
	u32 l[DMA_GROUP_MAX_LIODNS];

	ret = add_node(c, g, root);
	if (ret)
		return ret;
	for (node = fdt_next_node(c->hw, root, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(c->hw, node, &depth)) {
		if (g->kind == GROUP_DEVICE) {
			if (skip && depth > skip)
				continue; /* below a master of its own */
			skip = 0;
			ret = node_liodns(c, node, g->cfg_node, l);
			if (ret < 0)
				return ret;
			if (ret) {
				skip = depth;
				continue;
			}
		} else if (split) {
			ret = endpoint_of(c, root, node, g->cfg_node, &ep);
			if (ret)
				return ret;
			if (ep >= 0)
				continue;
		}
		ret = add_node(c, g, node);
		if (ret)
			return ret;
	}
	return 0;
}

static bool has_liodn(const struct group_plan *g, u32 liodn)
{
	unsigned int i;

	for (i = 0; i < g->dma.nr_liodns; i++)
		if (g->dma.liodns[i] == liodn)
			return true;
	return false;
}

static bool has_node(const struct group_plan *g, int node)
{
	unsigned int i;

	for (i = 0; i < g->nnodes; i++)
		if (g->hw_node[i] == node)
			return true;
	return false;
}

/*
 * add_sharers() - the other DMA masters U-Boot gave one of device group
 * @g's LIODNs (P4080's four SEC job rings all have LIODNs 146 and 154,
 * U-Boot p4080_ids.c): they DMA through the same PAACEs, so they are one
 * IOMMU group. Each joins with its members, until no master outside @g
 * shares a LIODN with it.
 * Return: 0 or -errno (fill_from()).
 */
static int add_sharers(const struct gctx *c, struct group_plan *g)
{
	u32 l[DMA_GROUP_MAX_LIODNS];
	enum pci_ctrl_kind pk;
	bool added = true;
	int node, n, i, ret;

	while (added) {
		added = false;
		for (node = fdt_next_node(c->hw, -1, NULL); node >= 0;
		     node = fdt_next_node(c->hw, node, NULL)) {
			if (has_node(g, node) || pci_ctrl_of(c, node, &pk) >= 0)
				continue;
			/* the hardware's LIODNs: a config's are checked
			 * against them (check_hw_liodn()) or refused when
			 * another node has them (check_outsiders()) */
			n = iommu_hw_liodns(c->hw, node, l,
					    DMA_GROUP_MAX_LIODNS);
			for (i = 0; i < n && !has_liodn(g, l[i]); i++)
				;
			if (n <= 0 || i == n)
				continue;
			ret = fill_from(c, g, node);
			if (ret)
				return ret;
			added = true;
		}
	}
	return 0;
}

/*
 * Members of @g from its root (hw_node[0]); for a device whose LIODNs the
 * hardware tree gives, its sharers (a LIODN only the config gives a node
 * is no fact about other nodes: check_outsiders() refuses one another
 * node has).
 */
static int fill_members(const struct gctx *c, struct group_plan *g)
{
	int ret;

	g->nnodes = 0;
	ret = fill_from(c, g, g->hw_node[0]);
	if (!ret && g->kind == GROUP_DEVICE &&
	    fdt_getprop(c->hw, g->hw_node[0], "fsl,liodn", NULL))
		ret = add_sharers(c, g);
	return ret;
}

static struct group_plan *new_group(struct gctx *c, const struct assign *a)
{
	struct plan *plan = c->plan;
	struct group_plan *g;

	if (plan->ngroups == PLAN_MAX_GROUPS) {
		dt_fail(c->err, c->cfg, a->cfg,
			a->hw >= 0 ? "device" : "compatible", -E2BIG,
			"more than %d IOMMU groups", PLAN_MAX_GROUPS);
		return NULL;
	}
	g = &plan->group[plan->ngroups];
	memset(g, 0, sizeof(*g));
	g->part = a->part;
	g->cfg_node = a->cfg;
	g->dma_enabled = true;
	dma_group_config_init(&g->dma);
	g->dma.index = plan->ngroups;
	c->opts_node[plan->ngroups] = -1;
	plan->ngroups++;
	return g;
}

/* A weir,dma-engine node: one group, exactly one LIODN from the config. */
static int engine_group(struct gctx *c, const struct assign *a)
{
	struct group_plan *g;
	u32 liodn;
	int ret;

	if (!fdt_getprop(c->cfg, a->cfg, "fsl,liodn", NULL))
		return dt_fail(c->err, c->cfg, a->cfg, "fsl,liodn", -EINVAL,
			       "missing: a weir,dma-engine needs its LIODN");
	if (iommu_hw_liodns(c->cfg, a->cfg, &liodn, 1) != 1)
		return dt_fail(c->err, c->cfg, a->cfg, "fsl,liodn", -EINVAL,
			       "need exactly one LIODN");
	ret = check_liodns(c, &liodn, 1, c->cfg, a->cfg, "");
	if (ret)
		return ret;
	g = new_group(c, a);
	if (!g)
		return -E2BIG;
	g->kind = GROUP_DMA_ENGINE;
	g->dma.liodns[0] = liodn;
	g->dma.nr_liodns = 1;
	fdt_path_of(c->cfg, a->cfg, g->name, sizeof(g->name));
	return 0;
}

static struct group_plan *find_hw_group(const struct gctx *c, int root)
{
	unsigned int i;

	for (i = 0; i < c->plan->ngroups; i++)
		if (has_node(&c->plan->group[i], root))
			return &c->plan->group[i];
	return NULL;
}

/*
 * A device child: join (or create) its group. A group is never split:
 * every member goes to the partition that took the group first.
 */
static int device_group(struct gctx *c, const struct assign *a,
			struct group_plan **out)
{
	char path[PLAN_GROUP_NAME_MAX];
	enum group_kind kind;
	struct group_plan *g;
	int root, ret;

	*out = NULL;
	ret = group_root(c, a->hw, a->cfg, &root, &kind);
	if (ret <= 0)
		return ret;
	g = find_hw_group(c, root);
	if (g && g->part != a->part && kind == GROUP_DEVICE && root != a->hw)
		return dt_fail(
			c->err, c->cfg, a->cfg, "device", -EBUSY,
			"%s has no LIODN: it DMAs as %s, whose IOMMU group is in partition '%s', cannot also go to '%s'",
			fdt_path_of(c->hw, a->hw, path, sizeof(path)), g->name,
			part_name(c, g->part), part_name(c, a->part));
	if (g && g->part != a->part)
		return dt_fail(
			c->err, c->cfg, a->cfg, "device", -EBUSY,
			"IOMMU group %s (%s) is in partition '%s', cannot also go to '%s'",
			g->name, iommu_group_kind_name(g->kind),
			part_name(c, g->part), part_name(c, a->part));
	if (!g) {
		g = new_group(c, a);
		if (!g)
			return -E2BIG;
		g->kind = kind;
		g->hw_node[0] = root;
		fdt_path_of(c->hw, root, g->name, sizeof(g->name));
		ret = fill_members(c, g);
		if (ret)
			return ret;
		if (!g->dma.nr_liodns)
			return dt_fail(
				c->err, c->cfg, a->cfg, "fsl,liodn", -EINVAL,
				"IOMMU group %s has no LIODN: give U-Boot's value here",
				g->name);
	}
	*out = g;
	return 0;
}

/* DMA options of config node @a->cfg for group @g (at most one node). */
static int group_opts(struct gctx *c, const struct assign *a,
		      struct group_plan *g)
{
	const char *opt = config_dma_first_opt(c->cfg, a->cfg);
	char path[PLAN_GROUP_NAME_MAX];
	int *on;

	if (!opt)
		return 0;
	if (!g)
		return dt_fail(c->err, c->cfg, a->cfg, opt, -EINVAL,
			       "%s has no LIODN: not a DMA master",
			       fdt_path_of(c->hw, a->hw, path, sizeof(path)));
	on = &c->opts_node[g->dma.index];
	if (*on >= 0 && *on != a->cfg)
		return dt_fail(c->err, c->cfg, a->cfg, opt, -EINVAL,
			       "group %s already has DMA options from %s",
			       g->name,
			       fdt_path_of(c->cfg, *on, path, sizeof(path)));
	*on = a->cfg;
	return config_dma_opts(c->cfg, a->cfg, &g->dma, &g->dma_enabled,
			       c->plan->part[g->part].ram_phys,
			       c->plan->part[g->part].ram_size, c->err);
}

/* A LIODN is in one group only (the PAACE is per LIODN). */
static int check_shared(const struct gctx *c)
{
	const struct plan *plan = c->plan;
	const struct group_plan *g, *h;
	unsigned int i, j, k;

	for (j = 0; j < plan->ngroups; j++) {
		g = &plan->group[j];
		for (k = 0; k < g->dma.nr_liodns; k++) {
			for (i = 0; i < j; i++) {
				h = &plan->group[i];
				if (!has_liodn(h, g->dma.liodns[k]))
					continue;
				return dt_fail(
					c->err, c->cfg, g->cfg_node,
					"fsl,liodn", -EBUSY,
					"LIODN %u is also in group %s of partition '%s' (this group: '%s')",
					g->dma.liodns[k], h->name,
					part_name(c, h->part),
					part_name(c, g->part));
			}
		}
	}
	return 0;
}

static bool is_member(const struct plan *plan, int node)
{
	unsigned int i, j;

	for (i = 0; i < plan->ngroups; i++)
		for (j = 0; j < plan->group[i].nnodes; j++)
			if (plan->group[i].hw_node[j] == node)
				return true;
	return false;
}

/*
 * A hardware node outside every group must not carry a group's LIODN:
 * its DMA would go through that group's window.
 */
static int check_outsiders(const struct gctx *c)
{
	const struct plan *plan = c->plan;
	char path[PLAN_GROUP_NAME_MAX];
	unsigned int i;
	int node, len, k;
	const u32 *p;

	if (!plan->ngroups)
		return 0;
	for (node = fdt_next_node(c->hw, -1, NULL); node >= 0;
	     node = fdt_next_node(c->hw, node, NULL)) {
		p = fdt_getprop(c->hw, node, "fsl,liodn", &len);
		if (!p || is_member(plan, node))
			continue;
		for (k = 0; k < len / 4; k++)
			for (i = 0; i < plan->ngroups; i++)
				if (has_liodn(&plan->group[i],
					      fdt32_to_cpu(p[k])))
					return dt_fail(
						c->err, c->cfg,
						plan->group[i].cfg_node,
						"fsl,liodn", -EBUSY,
						"LIODN %u is also used by %s, outside group %s",
						fdt32_to_cpu(p[k]),
						fdt_path_of(c->hw, node, path,
							    sizeof(path)),
						plan->group[i].name);
	}
	return 0;
}

/* "<a b c>" of the @n LIODNs @l into @buf. */
static const char *liodn_list(const u32 *l, int n, char *buf, size_t size)
{
	size_t off = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n && off < size; i++)
		off += (size_t)snprintf(buf + off, size - off, "%s%u",
					i ? " " : "<", l[i]);
	if (off < size)
		snprintf(buf + off, size - off, ">");
	return buf;
}

/*
 * check_hw_liodn() - a config "fsl,liodn" on a device whose hardware node
 * has one must list the same LIODNs (in any order): the LIODN is what the
 * device's LIODN register holds, which weir does not reprogram, so any
 * other value would program another device's PAACE. Without a hardware
 * value the config supplies it (U-Boot's, on trees it did not fix up).
 * Return: 0; -EINVAL naming config node @a->cfg, "fsl,liodn" and both
 * values (or the malformed hardware property); -ERANGE as node_liodns().
 */
static int check_hw_liodn(const struct gctx *c, const struct assign *a)
{
	u32 cl[DMA_GROUP_MAX_LIODNS], hl[DMA_GROUP_MAX_LIODNS];
	char path[PLAN_GROUP_NAME_MAX], cb[80], hb[80];
	int cn, hn, i, j;

	if (a->hw < 0 || !fdt_getprop(c->cfg, a->cfg, "fsl,liodn", NULL))
		return 0;
	cn = node_liodns(c, a->hw, a->cfg, cl);
	if (cn < 0)
		return cn;
	fdt_path_of(c->hw, a->hw, path, sizeof(path));
	hn = iommu_hw_liodns(c->hw, a->hw, hl, DMA_GROUP_MAX_LIODNS);
	if (hn < 0)
		return dt_fail(c->err, c->cfg, a->cfg, "fsl,liodn", -EINVAL,
			       "hardware %s: malformed or more than %d LIODNs",
			       path, DMA_GROUP_MAX_LIODNS);
	if (!hn)
		return 0;
	for (i = 0; i < cn && cn == hn; i++) {
		for (j = 0; j < hn; j++)
			if (cl[i] == hl[j])
				break;
		if (j == hn)
			break;
	}
	if (cn == hn && i == cn)
		return 0;
	return dt_fail(
		c->err, c->cfg, a->cfg, "fsl,liodn", -EINVAL,
		"%s differs from %s's LIODN %s in the hardware tree (weir does not reprogram LIODN registers)",
		liodn_list(cl, cn, cb, sizeof(cb)), path,
		liodn_list(hl, hn, hb, sizeof(hb)));
}

/* Is @node of the hardware tree a bus ("simple-bus")? */
static bool is_bus(const struct gctx *c, int node)
{
	return !fdt_node_check_compatible(c->hw, node, "simple-bus");
}

/* Is @anc a proper ancestor of @node in the hardware tree? */
static bool is_ancestor(const struct gctx *c, int anc, int node)
{
	int d = fdt_node_depth(c->hw, anc);

	if (d < 0 || node == anc || fdt_node_depth(c->hw, node) <= d)
		return false;
	return fdt_supernode_atdepth_offset(c->hw, node, d, NULL) == anc;
}

/*
 * check_nesting() - assignment @a against every earlier one. A bus node
 * is refused: it is no device, and assigning it would not give its
 * devices' IOMMU groups. A node assigned together with its ancestor or
 * descendant is refused too (whether to two partitions or twice to one):
 * a child without LIODN DMAs as its ancestor, and a child with one is a
 * group of its own, so "the parent and everything in it" has no meaning.
 * Inside a PCI controller (the controller included) the group rules
 * decide instead: a hose is one group, endpoints with partitioning are
 * groups of their own, and several nodes of one group may be named.
 * Return: 0; -EINVAL for a bus; -EBUSY naming both nodes and both
 * config nodes.
 */
static int check_nesting(const struct gctx *c, unsigned int k)
{
	const struct assign *a = &c->a[k], *b;
	char pa[PLAN_GROUP_NAME_MAX], pb[PLAN_GROUP_NAME_MAX];
	char cb[PLAN_GROUP_NAME_MAX], why[80];
	enum pci_ctrl_kind pk;
	unsigned int i;
	int anc, desc, master, ret;
	bool inside;

	if (a->hw < 0)
		return 0;
	fdt_path_of(c->hw, a->hw, pa, sizeof(pa));
	if (is_bus(c, a->hw))
		return dt_fail(
			c->err, c->cfg, a->cfg, "device", -EINVAL,
			"%s is a bus (\"simple-bus\"): assign the devices on it, each with its IOMMU group",
			pa);
	for (i = 0; i < k; i++) {
		b = &c->a[i];
		if (b->hw < 0)
			continue;
		inside = is_ancestor(c, b->hw, a->hw);
		if (!inside && !is_ancestor(c, a->hw, b->hw))
			continue;
		anc = inside ? b->hw : a->hw;
		desc = inside ? a->hw : b->hw;
		if (pci_ctrl_of(c, anc, &pk) >= 0)
			continue;
		fdt_path_of(c->hw, b->hw, pb, sizeof(pb));
		fdt_path_of(c->cfg, b->cfg, cb, sizeof(cb));
		ret = dma_master(c, desc, a->cfg, &master);
		if (ret < 0)
			return ret;
		if (b->part == a->part)
			snprintf(why, sizeof(why), "assign only one of them");
		else
			snprintf(why, sizeof(why), "cannot also go to '%s'",
				 part_name(c, a->part));
		return dt_fail(
			c->err, c->cfg, a->cfg, "device", -EBUSY,
			"%s %s %s%s, which %s assigns to partition '%s': %s",
			pa, inside ? "is inside" : "contains", pb,
			ret && master == anc ?
				(inside ? " (its DMA master)" :
					  " (which DMAs as it)") :
				"",
			cb, part_name(c, b->part), why);
	}
	return 0;
}

/*
 * BUID: a PCI hose group is its controller, named by its register base
 * (as a PAPR BUID names a PHB); other groups get PLAN_BUID_WEIR | index.
 */
static void set_buid(const struct gctx *c, struct group_plan *g)
{
	phys_addr_t base;

	g->dma.buid = PLAN_BUID_WEIR | g->dma.index;
	if (g->kind == GROUP_PCI_HOSE &&
	    !fdt_reg_phys(c->hw, g->hw_node[0], 0, &base, NULL))
		g->dma.buid = base;
}

static int build(struct gctx *c)
{
	struct plan *plan = c->plan;
	struct group_plan *g;
	unsigned int k, i;
	int ret;

	ret = collect(c);
	for (k = 0; !ret && k < c->na; k++) {
		ret = check_hw_liodn(c, &c->a[k]);
		if (!ret)
			ret = check_nesting(c, k);
	}
	for (k = 0; !ret && k < c->na; k++) {
		const struct assign *a = &c->a[k];

		if (a->hw < 0) {
			ret = engine_group(c, a);
			g = ret ? NULL : &plan->group[plan->ngroups - 1];
		} else {
			ret = device_group(c, a, &g);
		}
		if (!ret)
			ret = group_opts(c, a, g);
	}
	if (!ret)
		ret = check_shared(c);
	if (!ret)
		ret = check_outsiders(c);
	if (ret)
		return ret;
	plan->max_liodn = c->hw_max;
	for (i = 0; i < plan->ngroups; i++) {
		g = &plan->group[i];
		set_buid(c, g);
		for (k = 0; k < g->dma.nr_liodns; k++)
			if (g->dma.liodns[k] > plan->max_liodn)
				plan->max_liodn = g->dma.liodns[k];
	}
	iommu_driver_find(c->hw, &plan->iommu_node);
	return iommu_hw_units(c->hw, plan->iommu_node, plan->iommu_phys,
			      PLAN_MAX_IOMMU_UNITS, &plan->niommus, c->err);
}

int iommu_groups_build(const void *cfg, const void *hwfdt, struct plan *plan,
		       struct dt_error *err)
{
	struct gctx c = {
		.cfg = cfg,
		.hw = hwfdt,
		.plan = plan,
		.err = err,
	};
	int ret;

	iommu_hw_liodn_range(hwfdt, &c.limit, &c.hw_max);
	plan->ngroups = 0;
	plan->iommu_node = -1;
	ret = build(&c);
	if (ret) {
		memset(plan->group, 0, sizeof(plan->group));
		plan->ngroups = 0;
		plan->max_liodn = 0;
		plan->iommu_node = -1;
		plan->niommus = 0;
	}
	return ret;
}
