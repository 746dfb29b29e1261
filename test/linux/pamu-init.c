// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * init for bare-metal Linux on QEMU ppce500 (doc/pamu-linux.md, issue 17):
 * PID 1 of the kernel built from configs/linux/pamu-bare.config. It
 *
 *  1. reports what Linux's PAMU driver (drivers/iommu/fsl_pamu.c) did: the
 *     device tree's fsl,pamu node and the PCI controller's fsl,liodn, whether
 *     the "fsl-of-pamu" platform driver is bound, the "pamu" interrupt line
 *     of /proc/interrupts (the access-violation ISR), the iommu0 class
 *     device, the IOMMU group of each PCI device, and the kernel's own
 *     "fsl-pamu:" log lines;
 *  2. reads the whole virtio-blk disk /dev/vda with buffered 1 MiB read()s,
 *     computes its checksum and the read speed, then reads it again with
 *     O_DIRECT (no page cache; every byte is a device DMA) and checks the
 *     checksum again; `pamu.passes=<n>` (default 1) O_DIRECT passes in all,
 *     the ones after the first without a checksum ("timing": the device's
 *     and the kernel's work only, for speed figures);
 *  3. with `pamu.window=<n>` on the kernel command line, first makes the PCI
 *     controller's PAACE window 2^n bytes at address 0 (through /dev/mem, in
 *     the PAACT Linux allocated: PPBAH/PPBAL of the unit name it), so the
 *     disk's buffers lie outside the window;
 *  4. restarts the machine (QEMU's RSTCR, fsl,has-rstcr; run QEMU with
 *     -no-reboot so it exits).
 *
 * The reading happens in a child process that reports its progress through a
 * pipe: when the device's DMA is blocked (the PAMU drops it) the read never
 * completes, and after `pamu.stall=<s>` seconds (kernel command line,
 * default 5) without progress the parent says so and ends the run.
 *
 * Checksum ("fnv64w"): FNV-1a 64 over the disk as big-endian 64-bit words
 * (one multiply per 8 bytes: cheap under TCG); test/py/test_pamu_linux.py
 * computes the same on the host. The disk size must be a multiple of 8.
 *
 * Console lines all start with "pamu-init: ". Static, glibc
 * (libc6-dev-powerpc-cross), like test/linux/init.c.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64	/* /dev/mem offsets above 4 GiB (CCSR) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/fs.h>

#define DISK "/dev/vda"
#define CHUNK (1u << 20)
#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("pamu-init: ");
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

static ssize_t slurp(const char *path, char *buf, size_t len)
{
	ssize_t n, got = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((size_t)got + 1 < len && (n = read(fd, buf + got, len - 1 - got)) > 0)
		got += n;
	close(fd);
	buf[got] = '\0';
	return got;
}

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* ------------------------------------------------------------ PAMU report */

/* A device-tree node compatible with @compat under /proc/device-tree (one
 * level of nesting below the root is enough for QEMU's tree). */
static int find_compatible(const char *dir, const char *compat, char *out, size_t len, int depth)
{
	char path[512], buf[600];
	struct dirent *d;
	DIR *dp = opendir(dir);
	ssize_t n;
	int found = 0;

	if (!dp)
		return 0;
	while (!found && (d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.' || d->d_type != DT_DIR)
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, d->d_name) >= (int)sizeof(path))
			continue;
		snprintf(buf, sizeof(buf), "%s/compatible", path);
		n = slurp(buf, buf, sizeof(buf));
		for (ssize_t i = 0; n > 0 && i < n; i += strlen(buf + i) + 1)
			if (strcmp(buf + i, compat) == 0) {
				snprintf(out, len, "%s", path);
				found = 1;
				break;
			}
		if (!found && depth > 0)
			found = find_compatible(path, compat, out, len, depth - 1);
	}
	closedir(dp);
	return found;
}

static void report_dt(void)
{
	char node[512], path[600];
	unsigned char v[64];
	int fd, n;

	if (find_compatible("/proc/device-tree", "fsl,pamu", node, sizeof(node), 1))
		say("dt: fsl,pamu node %s\n", node + strlen("/proc/device-tree"));
	else
		say("dt: no fsl,pamu node\n");
	if (find_compatible("/proc/device-tree", "fsl,qoriq-device-config-1.0", node, sizeof(node), 1))
		say("dt: guts node %s\n", node + strlen("/proc/device-tree"));
	if (!find_compatible("/proc/device-tree", "fsl,mpc8540-pci", node, sizeof(node), 0))
		return;
	snprintf(path, sizeof(path), "%s/fsl,liodn", node);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		say("dt: pci %s has no fsl,liodn\n", node + strlen("/proc/device-tree"));
		return;
	}
	n = read(fd, v, sizeof(v));
	close(fd);
	printf("pamu-init: dt: pci %s fsl,liodn =", node + strlen("/proc/device-tree"));
	for (int i = 0; i + 4 <= n; i += 4)
		printf(" %u", (unsigned)v[i] << 24 | v[i + 1] << 16 | v[i + 2] << 8 | v[i + 3]);
	printf("\n");
}

static void report_pamu(int full)
{
	static char buf[65536];
	char path[512], link[256];
	struct dirent *d;
	DIR *dp;
	char *line, *save;
	int irq_seen = 0, n;

	if (!full)
		goto irq;
	report_dt();
	say("driver fsl-of-pamu: %s\n",
	    exists("/sys/bus/platform/drivers/fsl-of-pamu/fsl-of-pamu.0") ? "bound" :
	    exists("/sys/bus/platform/drivers/fsl-of-pamu") ? "registered, not bound" : "absent");
	say("iommu class device iommu0: %s\n",
	    exists("/sys/class/iommu/iommu0") ? "present" : "absent");
irq:
	if (slurp("/proc/interrupts", buf, sizeof(buf)) > 0)
		for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			if (strstr(line, " pamu")) {
				say("irq:%s\n", line);
				irq_seen = 1;
			}
	if (!irq_seen)
		say("irq: no pamu interrupt\n");
	dp = full ? opendir("/sys/bus/pci/devices") : NULL;
	while (dp && (d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", d->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n > 0) {
			link[n] = '\0';
			say("pci %s: iommu group %s\n", d->d_name, strrchr(link, '/') + 1);
		} else {
			say("pci %s: no iommu group\n", d->d_name);
		}
	}
	if (dp)
		closedir(dp);
	/* The driver's own lines (pr_fmt "fsl-pamu: <function>: ") */
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, sizeof(buf) - 1);
	if (n > 0) {
		int count = 0;

		buf[n] = '\0';
		for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			if (strstr(line, "fsl-pamu") || strstr(line, "fsl-of-pamu"))
				count++;
		say("kernel log: %d fsl-pamu lines\n", count);
	}
}

/* ------------------------------------------------------------ window */

/* A property as big-endian cells; the number of cells or -1. */
static int prop_cells(const char *node, const char *name, uint32_t *v, int max)
{
	char path[700];
	unsigned char b[256];
	int fd, n;

	snprintf(path, sizeof(path), "%s/%s", node, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n < 0)
		return -1;
	n /= 4;
	for (int i = 0; i < n && i < max; i++)
		v[i] = (uint32_t)b[4 * i] << 24 | b[4 * i + 1] << 16 | b[4 * i + 2] << 8 | b[4 * i + 3];
	return n < max ? n : max;
}

static uint64_t cells_value(const uint32_t *c, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | c[i];
	return v;
}

/* The physical address of @node's first reg entry, for a node one level
 * below a bus of the root (QEMU's soc@...: ranges child -> parent). */
static int node_phys(const char *node, uint64_t *phys)
{
	char parent[600];
	uint32_t reg[4], ranges[64], v;
	int ac, pac, sc, n, stride;
	uint64_t addr;

	snprintf(parent, sizeof(parent), "%s", node);
	*strrchr(parent, '/') = '\0';
	ac = prop_cells(parent, "#address-cells", &v, 1) == 1 ? (int)v : 2;
	sc = prop_cells(parent, "#size-cells", &v, 1) == 1 ? (int)v : 1;
	pac = prop_cells("/proc/device-tree", "#address-cells", &v, 1) == 1 ? (int)v : 2;
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || pac < 1 || pac > 2 ||
	    prop_cells(node, "reg", reg, 4) < ac)
		return -1;
	addr = cells_value(reg, ac);
	n = prop_cells(parent, "ranges", ranges, 64);
	stride = ac + pac + sc;
	for (int i = 0; n > 0 && i + stride <= n; i += stride) {
		uint64_t child = cells_value(ranges + i, ac);
		uint64_t par = cells_value(ranges + i + ac, pac);
		uint64_t size = cells_value(ranges + i + ac + pac, sc);

		if (addr >= child && addr - child < size) {
			*phys = par + (addr - child);
			return 0;
		}
	}
	return -1;
}

/* PAACE word 1 (addr_bitfields), Linux drivers/iommu/fsl_pamu.h: WBAL
 * 0xfffff000, WSE 0xfc0 (window = 2^(WSE+1) bytes), V 0x1. */
#define PAACE_WBAL	0xfffff000u
#define PAACE_WSE	0x00000fc0u
#define PAACE_WSE_SHIFT	6
#define PAACE_V		0x00000001u

static int mem_word(int fd, uint64_t pa, uint32_t *val, int write_it)
{
	unsigned char b[4];

	if (write_it) {
		b[0] = *val >> 24; b[1] = *val >> 16; b[2] = *val >> 8; b[3] = *val;
		return pwrite(fd, b, 4, (off_t)pa) == 4 ? 0 : -1;
	}
	if (pread(fd, b, 4, (off_t)pa) != 4)
		return -1;
	*val = (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	return 0;
}

/* Make the PCI controller's PAACE a 2^@log2 byte window at 0, with the
 * update order of the PAMU (clear V, change, set V). 0 when done. */
static int shrink_window(int log2)
{
	char pamu[512], pci[512];
	uint32_t liodn, ppbah, ppbal, w1, nw1, zero = 0;
	uint64_t regs, paact, paace;
	volatile uint32_t *r;
	int fd, ok;

	if (log2 < 12 || log2 > 36) {
		say("window: pamu.window=%d: not 12..36\n", log2);
		return -1;
	}
	if (!find_compatible("/proc/device-tree", "fsl,pamu", pamu, sizeof(pamu), 1) ||
	    node_phys(pamu, &regs)) {
		say("window: no PAMU registers in the tree\n");
		return -1;
	}
	if (!find_compatible("/proc/device-tree", "fsl,mpc8540-pci", pci, sizeof(pci), 0) ||
	    prop_cells(pci, "fsl,liodn", &liodn, 1) != 1) {
		say("window: the PCI controller has no fsl,liodn\n");
		return -1;
	}
	fd = open("/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0) {
		say("window: /dev/mem: %s\n", strerror(errno));
		return -1;
	}
	r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, (off_t)regs);
	if (r == MAP_FAILED) {
		say("window: mmap of the PAMU at 0x%" PRIx64 ": %s\n", regs, strerror(errno));
		close(fd);
		return -1;
	}
	ppbah = r[0];	/* PPBAH, PPBAL: the primary PAACT Linux set up */
	ppbal = r[1];
	munmap((void *)r, 4096);
	paact = (uint64_t)ppbah << 32 | ppbal;
	if (!paact) {
		say("window: PAMU at 0x%" PRIx64 ": PPBA 0, tables not programmed\n", regs);
		close(fd);
		return -1;
	}
	paace = paact + 64ull * liodn;
	if (mem_word(fd, paace + 4, &w1, 0)) {
		say("window: reading PAACE %u at 0x%" PRIx64 ": %s\n", liodn, paace, strerror(errno));
		close(fd);
		return -1;
	}
	/* invalid first; then WBAH = 0, WBAL = 0 and the new WSE; then valid */
	nw1 = (w1 & ~(PAACE_WBAL | PAACE_WSE | PAACE_V)) |
	      ((uint32_t)(log2 - 1) << PAACE_WSE_SHIFT);
	w1 &= ~PAACE_V;
	ok = !mem_word(fd, paace + 4, &w1, 1);
	__sync_synchronize();
	ok = ok && !mem_word(fd, paace, &zero, 1) && !mem_word(fd, paace + 4, &nw1, 1);
	__sync_synchronize();
	nw1 |= PAACE_V;
	ok = ok && !mem_word(fd, paace + 4, &nw1, 1);
	__sync_synchronize();
	close(fd);
	if (!ok) {
		say("window: writing PAACE %u: %s\n", liodn, strerror(errno));
		return -1;
	}
	say("window: PAACE[%u] at 0x%" PRIx64 " (PAACT 0x%" PRIx64 "): word1 -> %08x, "
	    "window %llu bytes at 0\n", liodn, paace, paact, nw1, 1ull << log2);
	return 0;
}

/* ------------------------------------------------------------ disk */

struct progress {
	uint64_t done;		/* bytes read so far */
	uint64_t hash;		/* set with final = 1 */
	uint64_t read_ns;	/* time in read() only */
	int final, err;
};

static uint64_t fnv64w(uint64_t h, const unsigned char *p, size_t len)
{
	for (size_t i = 0; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8);	/* big-endian CPU: the disk's BE word */
		h ^= w;
		h *= FNV_PRIME;
	}
	return h;
}

/* The child: read the disk, report progress after every chunk. */
static void reader(int wfd, int direct, int hash_it)
{
	struct progress pr = { 0 };
	unsigned char *buf;
	int fd;

	if (posix_memalign((void **)&buf, 4096, CHUNK))
		_exit(2);
	fd = open(DISK, O_RDONLY | (direct ? O_DIRECT : 0));
	if (fd < 0) {
		pr.err = errno;
		pr.final = 1;
		write(wfd, &pr, sizeof(pr));
		_exit(1);
	}
	pr.hash = FNV_OFFSET;
	for (;;) {
		uint64_t t0 = now_ns();
		ssize_t n = read(fd, buf, CHUNK);

		pr.read_ns += now_ns() - t0;
		if (n < 0) {
			pr.err = errno;
			break;
		}
		if (n == 0)
			break;
		if (hash_it)
			pr.hash = fnv64w(pr.hash, buf, n);
		pr.done += n;
		write(wfd, &pr, sizeof(pr));
	}
	pr.final = 1;
	write(wfd, &pr, sizeof(pr));
	_exit(0);
}

/* One pass over the disk; 0 and the checksum on success. */
/* @hash NULL: no checksum (a timing pass: the device's work only). */
static int read_disk(const char *name, int direct, int stall_s, uint64_t *hash)
{
	struct progress pr = { 0 }, got;
	int p[2], status;
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		reader(p[1], direct, hash != NULL);
	}
	close(p[1]);
	for (;;) {
		struct pollfd pfd = { .fd = p[0], .events = POLLIN };
		int r = poll(&pfd, 1, stall_s * 1000);

		if (r == 0) {
			say("%s read: stalled, no progress for %d s at byte %" PRIu64
			    " (device DMA blocked?)\n", name, stall_s, pr.done);
			kill(pid, SIGKILL);
			close(p[0]);
			return -1;
		}
		if (read(p[0], &got, sizeof(got)) != sizeof(got)) {
			say("%s read: reader died\n", name);
			close(p[0]);
			return -1;
		}
		pr = got;
		if (pr.final)
			break;
	}
	close(p[0]);
	waitpid(pid, &status, 0);
	if (pr.err) {
		say("%s read: error %s at byte %" PRIu64 "\n", name, strerror(pr.err), pr.done);
		return -1;
	}
	/* MB/s = bytes / (ns / 1e9) / 1e6 = bytes * 1000 / ns */
	printf("pamu-init: %s read: %" PRIu64 " bytes", name, pr.done);
	if (hash)
		printf(" fnv64w %016" PRIx64, pr.hash);
	printf(" in %" PRIu64 " us: %" PRIu64 ".%01" PRIu64 " MB/s\n", pr.read_ns / 1000,
	       pr.read_ns ? pr.done * 1000 / pr.read_ns : 0,
	       pr.read_ns ? pr.done * 10000 / pr.read_ns % 10 : 0);
	fflush(stdout);
	if (hash)
		*hash = pr.hash;
	return 0;
}

static int cmdline_int(const char *key, int def)
{
	char buf[1024], *p;

	if (slurp("/proc/cmdline", buf, sizeof(buf)) <= 0)
		return def;
	p = strstr(buf, key);
	return p ? atoi(p + strlen(key)) : def;
}

int main(void)
{
	uint64_t h1 = 0, h2 = 0;
	unsigned long long size = 0;
	int stall_s, passes, window, fd, ok;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	say("userspace up\n");
	stall_s = cmdline_int("pamu.stall=", 5);
	passes = cmdline_int("pamu.passes=", 1);

	report_pamu(1);
	/* Bit 33, VIRTIO_F_ACCESS_PLATFORM: the device's DMA goes through the
	 * platform's IOMMU (QEMU: iommu_platform=on), so through the PAMU. The
	 * sysfs file has one '0'/'1' per feature bit. */
	{
		char f[128];

		if (slurp("/sys/bus/virtio/devices/virtio0/features", f, sizeof(f)) > 33)
			say("virtio0: ACCESS_PLATFORM %s\n", f[33] == '1' ? "on" : "off");
	}
	window = cmdline_int("pamu.window=", 0);
	if (window)
		shrink_window(window);

	fd = open(DISK, O_RDONLY);
	if (fd < 0) {
		say("no disk %s: %s\n", DISK, strerror(errno));
		ok = 0;
	} else {
		ioctl(fd, BLKGETSIZE64, &size);
		close(fd);
		say("disk %s: %llu bytes\n", DISK, size);
		ok = read_disk("buffered", 0, stall_s, &h1) == 0 &&
		     read_disk("direct", 1, stall_s, &h2) == 0;
		if (ok && h1 != h2) {
			say("checksums differ: buffered %016" PRIx64 " direct %016" PRIx64 "\n",
			    h1, h2);
			ok = 0;
		}
		if (ok)
			say("disk checksum fnv64w %016" PRIx64 "\n", h1);
		for (int i = 1; ok && i < passes; i++)
			ok = read_disk("timing", 1, stall_s, NULL) == 0;
	}
	say("result: %s\n", ok ? "disk read ok" : "disk read FAILED");
	/* Everything the kernel said about the PAMU meanwhile */
	report_pamu(0);
	say("restarting\n");
	sync();
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}
