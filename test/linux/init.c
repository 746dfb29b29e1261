// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * init for weir's Linux guest (doc/linux-guest.md): PID 1 of the built-in
 * initramfs. Mounts proc, sysfs and devtmpfs, prints the hypervisor node's
 * compatible, then offers a prompt on the console (the ePAPR byte channel,
 * drivers/tty/ehv_bytechan.c) with a few commands:
 *
 *   hv      show /proc/device-tree/hypervisor (properties as text or hex)
 *   dma     run the DMA-window exercise (loads /lib/modules/weirdma.ko)
 *   stop N  FH_PARTITION_STOP of partition N through /dev/fsl-hv
 *   halt    stop this partition (FSL_HV_IOCTL_PARTITION_STOP, partition -1)
 *   poweroff  reboot(2) power-off: corenet -hv maps it to fsl_hv_halt()
 *   selftest  fork/exec children that fill memory and use the FPU at once
 *           (context switches, page faults, TLB churn under weir)
 *   smp     the processors of /proc/cpuinfo; a process pinned to each of
 *           the first two CPUs, passing a byte back and forth through two
 *           pipes (each hand-over a cross-CPU wakeup: an IPI, a doorbell
 *           under weir), timed with the timebase
 *   pci     list /sys/bus/pci/devices: vendor, device and class of each
 *           function Linux enumerated (an assigned PCI controller)
 * Built with -DWEIR_INIT_PCI (the PCI guest's init, mk/linux.mk), also:
 *   blk [dev]  read a block device (default /dev/vda: the stock
 *           virtio-blk driver on an assigned controller) from start to
 *           end with O_DIRECT 1 MiB reads; print its size, CRC-32
 *           (zlib's) and the read rate (time in read(), by the timebase)
 *   edu [iova]  drive QEMU's edu device from user space: BAR0 mapped
 *           through sysfs resource0, bus mastering on through its config
 *           file, a buffer's guest-physical address from
 *           /proc/self/pagemap. Without an argument: edu DMA from a buffer
 *           into edu and back into another (data compared); with one: edu
 *           DMA from bus address @iova into edu (e.g. outside the
 *           partition's RAM: the IOMMU must stop it)
 *   uptime, help
 *
 * Static, built with powerpc-linux-gnu-gcc against Debian's
 * libc6-dev-powerpc-cross. PID 1 must never exit: at end of input it sleeps.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <math.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/fsl_hypervisor.h>

#define HV_NODE "/proc/device-tree/hypervisor"
#define DMA_MODULE "/lib/modules/weirdma.ko"

/* Read a whole small file; returns its length or -1 (errno set). */
static ssize_t slurp(const char *path, char *buf, size_t len)
{
	ssize_t n, got = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((size_t)got < len && (n = read(fd, buf + got, len - got)) > 0)
		got += n;
	close(fd);
	return got;
}

/* A property is printable text when it is NUL-terminated strings. */
static int is_text(const char *v, ssize_t n)
{
	ssize_t i;

	if (n <= 0 || v[n - 1] != '\0' || v[0] == '\0')
		return 0;
	for (i = 0; i < n; i++)
		if (v[i] != '\0' && (v[i] < 0x20 || v[i] > 0x7e))
			return 0;
	return 1;
}

static void print_prop(const char *name, const char *v, ssize_t n)
{
	ssize_t i;

	printf("  %s", name);
	if (n == 0) {
		printf("\n");
		return;
	}
	if (is_text(v, n)) {
		printf(" = \"");
		for (i = 0; i < n - 1; i++)
			if (v[i])
				putchar(v[i]);
			else
				fputs("\", \"", stdout);
		printf("\"\n");
		return;
	}
	printf(" = <");
	for (i = 0; i + 3 < n; i += 4)
		printf("%s0x%02x%02x%02x%02x", i ? " " : "",
		       (unsigned char)v[i], (unsigned char)v[i + 1],
		       (unsigned char)v[i + 2], (unsigned char)v[i + 3]);
	printf(">\n");
}

/* "weir,hypervisor-1", "epapr,hypervisor-1" -> one line, comma-separated. */
static void show_compatible(void)
{
	char v[256];
	ssize_t n = slurp(HV_NODE "/compatible", v, sizeof(v) - 1), i;

	if (n <= 0) {
		printf("weir-init: no %s/compatible (%s)\n", HV_NODE,
		       n < 0 ? strerror(errno) : "empty");
		return;
	}
	for (i = 0; i < n - 1; i++)
		if (v[i] == '\0')
			v[i] = ' ';
	v[n] = '\0';
	printf("weir-init: hypervisor compatible: %s\n", v);
}

static void show_node(const char *dir, int depth)
{
	char path[512], v[512];
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d) {
		printf("hv: %s: %s\n", dir, strerror(errno));
		return;
	}
	while ((de = readdir(d))) {
		struct stat st;
		ssize_t n;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			printf("%*s%s {\n", depth * 2, "", de->d_name);
			show_node(path, depth + 1);
			printf("%*s}\n", depth * 2, "");
			continue;
		}
		n = slurp(path, v, sizeof(v));
		if (n >= 0) {
			printf("%*s", depth * 2, "");
			print_prop(de->d_name, v, n);
		}
	}
	closedir(d);
}

static void stop_partition(unsigned int partition)
{
	struct fsl_hv_ioctl_stop s = { .partition = partition };
	int fd = open("/dev/fsl-hv", O_RDWR);

	if (fd < 0) {
		printf("stop: /dev/fsl-hv: %s\n", strerror(errno));
		return;
	}
	printf("weir-init: FH_PARTITION_STOP(%d)\n", (int)partition);
	fflush(stdout);
	if (ioctl(fd, FSL_HV_IOCTL_PARTITION_STOP, &s))
		printf("stop: ioctl: %s\n", strerror(errno));
	else
		printf("stop: hypervisor returned %u\n", s.ret);
	close(fd);
}

/*
 * The module runs the exercise in its init and reports each step through
 * printk (on this console); its init fails when a check failed.
 */
static void run_dma(void)
{
	int fd = open(DMA_MODULE, O_RDONLY);

	if (fd < 0) {
		printf("dma: %s: %s (module not in this initramfs)\n",
		       DMA_MODULE, strerror(errno));
		return;
	}
	if (syscall(SYS_finit_module, fd, "", 0))
		printf("dma: exercise failed: %s\n", strerror(errno));
	else
		printf("dma: exercise passed\n");
	close(fd);
	if (syscall(SYS_delete_module, "weirdma", O_NONBLOCK) && errno != ENOENT)
		printf("dma: delete_module: %s\n", strerror(errno));
}

#define CHILDREN	4
#define CHILD_BYTES	(4u << 20)

/*
 * A selftest child (`/init child <seed>`): touches CHILD_BYTES of fresh
 * anonymous memory page by page, checks it after yielding to its
 * siblings, and sums sqrt(1..10000) with the FPU (about 666716.46).
 * Exit status 0 when both are right.
 */
static int child(unsigned int seed)
{
	unsigned int *m = mmap(NULL, CHILD_BYTES, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned int words = CHILD_BYTES / sizeof(*m), i, bad = 0;
	volatile double sum = 0;

	if (m == MAP_FAILED)
		return 2;
	for (i = 0; i < words; i += 1024)
		m[i] = seed * 2654435761u + i;
	for (i = 1; i <= 10000; i++) {
		sum += sqrt((double)i);
		if (!(i % 1000))
			sched_yield();
	}
	for (i = 0; i < words; i += 1024)
		bad |= m[i] != seed * 2654435761u + i;
	if (bad)
		return 3;
	return fabs(sum - 666716.46) < 0.01 ? 0 : 4;
}

static void selftest(void)
{
	pid_t pid[CHILDREN];
	unsigned int n, ok = 0;
	char seed[16];
	int st;

	for (n = 0; n < CHILDREN; n++) {
		snprintf(seed, sizeof(seed), "%u", n + 1);
		pid[n] = fork();
		if (pid[n] == 0) {
			execl("/init", "init", "child", seed, (char *)NULL);
			_exit(5);
		}
	}
	for (n = 0; n < CHILDREN; n++) {
		if (pid[n] < 0 || waitpid(pid[n], &st, 0) != pid[n]) {
			printf("selftest: child %u: %s\n", n + 1, strerror(errno));
			continue;
		}
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			ok++;
		else
			printf("selftest: child %u: status 0x%x\n", n + 1, st);
	}
	printf("selftest: %u of %u children ok\n", ok, CHILDREN);
}

static void show_uptime(void)
{
	char v[64];
	ssize_t n = slurp("/proc/uptime", v, sizeof(v) - 1);

	if (n > 0) {
		v[n] = '\0';
		printf("uptime: %s", v);
	}
}

#define PINGS 200

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		printf("smp: pin to cpu %d: %s\n", cpu, strerror(errno));
}

static void smp_check(void)
{
	char buf[8192], *l, *save;
	int ab[2], ba[2], n = 0, i, st;
	unsigned long long t0, t;
	ssize_t len = slurp("/proc/cpuinfo", buf, sizeof(buf) - 1);
	pid_t pid;
	char c = 0;

	if (len < 0) {
		printf("smp: /proc/cpuinfo: %s\n", strerror(errno));
		return;
	}
	buf[len] = '\0';
	for (l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		if (!strncmp(l, "processor", 9)) {
			printf("smp: cpuinfo %s\n", l);
			n++;
		}
	printf("smp: %d processors\n", n);
	if (n < 2 || pipe(ab) || pipe(ba))
		return;
	pid = fork();
	if (pid == 0) {
		pin(1);
		for (i = 0; i < PINGS; i++)
			if (read(ab[0], &c, 1) != 1 || write(ba[1], &c, 1) != 1)
				_exit(1);
		_exit(sched_getcpu() == 1 ? 0 : 2);
	}
	pin(0);
	t0 = __builtin_ppc_get_timebase();
	for (i = 0; i < PINGS; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			break;
	t = __builtin_ppc_get_timebase() - t0;
	waitpid(pid, &st, 0);
	close(ab[0]);
	close(ab[1]);
	close(ba[0]);
	close(ba[1]);
	printf("smp: %d round trips cpu %d <-> cpu 1, %llu timebase ticks each, child status 0x%x: %s\n",
	       i, sched_getcpu(), i ? t / i : 0, st,
	       i == PINGS && st == 0 && sched_getcpu() == 0 ? "ok" : "FAIL");
}

/* One sysfs attribute of a PCI function, without its newline. */
static void pci_attr(const char *dev, const char *attr, char *v, size_t len)
{
	char path[300];
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", dev, attr);
	n = slurp(path, v, len - 1);
	if (n < 0)
		n = 0;
	while (n > 0 && (v[n - 1] == '\n' || v[n - 1] == '\r'))
		n--;
	v[n] = '\0';
}

static void show_pci(void)
{
	DIR *d = opendir("/sys/bus/pci/devices");
	struct dirent *e;
	char ven[16], dev[16], cls[16];
	unsigned int n = 0;

	if (!d) {
		printf("pci: /sys/bus/pci/devices: %s\n", strerror(errno));
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		pci_attr(e->d_name, "vendor", ven, sizeof(ven));
		pci_attr(e->d_name, "device", dev, sizeof(dev));
		pci_attr(e->d_name, "class", cls, sizeof(cls));
		printf("pci: %s vendor %s device %s class %s\n", e->d_name, ven,
		       dev, cls);
		n++;
	}
	closedir(d);
	printf("pci: %u functions\n", n);
}

#ifdef WEIR_INIT_PCI
/* The lines of /proc/interrupts naming @what, as "irq: <line>". */
static void show_irqs(const char *what)
{
	static char text[8192];
	ssize_t n = slurp("/proc/interrupts", text, sizeof(text) - 1);
	char *line, *save;

	if (n < 0)
		return;
	text[n] = '\0';
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (strstr(line, what))
			printf("irq: %s\n", line);
}

/* CRC-32 as zlib's crc32() (reflected, polynomial 0xedb88320). */
static unsigned int crc32_update(unsigned int crc, const unsigned char *p,
				 size_t n)
{
	static unsigned int table[256];
	unsigned int i, j, c;

	if (!table[1])
		for (i = 0; i < 256; i++) {
			for (c = i, j = 0; j < 8; j++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	crc = ~crc;
	while (n--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

#define TB_HZ 400000000ULL /* QEMU ppce500's timebase */

/*
 * Read @dev whole with O_DIRECT 1 MiB reads (every byte a device DMA,
 * as test/linux/pamu-init.c's timing passes on bare metal), CRC-32 over
 * it; the rate counts the time inside read() only (timebase).
 */
static void read_blk(const char *dev)
{
	const size_t chunk = 1 << 20;
	unsigned long long bytes = 0, t = 0, t0;
	unsigned int crc = 0;
	void *buf;
	ssize_t n;
	int fd = open(dev, O_RDONLY | O_DIRECT);

	if (fd < 0) {
		printf("blk: %s: %s\n", dev, strerror(errno));
		return;
	}
	if (posix_memalign(&buf, 4096, chunk)) {
		printf("blk: no memory\n");
		close(fd);
		return;
	}
	for (;;) {
		t0 = __builtin_ppc_get_timebase();
		n = read(fd, buf, chunk);
		t += __builtin_ppc_get_timebase() - t0;
		if (n <= 0)
			break;
		crc = crc32_update(crc, buf, (size_t)n);
		bytes += (unsigned long long)n;
	}
	if (n < 0)
		printf("blk: %s: read at %llu: %s\n", dev, bytes,
		       strerror(errno));
	close(fd);
	free(buf);
	printf("blk: %s %llu bytes crc32 0x%08x in %llu ticks (%llu KB/s)\n",
	       dev, bytes, crc, t, t ? bytes * TB_HZ / t / 1000 : 0);
	show_irqs("virtio");
}

/* edu (QEMU hw/misc/edu.c): registers, big-endian on ppc (native) */
#define EDU_ID 0x00
#define EDU_DMA_SRC 0x80
#define EDU_DMA_DST 0x88
#define EDU_DMA_CNT 0x90
#define EDU_DMA_CMD 0x98
#define EDU_CMD_RUN 0x1
#define EDU_CMD_TO_PCI 0x2 /* edu's buffer -> bus address */
#define EDU_BUF 0x40000	   /* edu's DMA buffer, 4 KiB */
/* bytes a DMA: QEMU 7.2's edu_check_range() refuses (hw_error, QEMU
 * exits) a range that ends at the end of the buffer, so not all 4 KiB */
#define EDU_LEN 2048

/* The sysfs directory of the first function @ven:@dev, in @out. */
static int pci_find(unsigned int ven, unsigned int dev, char *out, size_t len)
{
	DIR *d = opendir("/sys/bus/pci/devices");
	struct dirent *e;
	char v[16], i[16];
	int ret = -1;

	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		pci_attr(e->d_name, "vendor", v, sizeof(v));
		pci_attr(e->d_name, "device", i, sizeof(i));
		if (strtoul(v, NULL, 0) == ven && strtoul(i, NULL, 0) == dev) {
			snprintf(out, len, "/sys/bus/pci/devices/%s", e->d_name);
			ret = 0;
			break;
		}
	}
	if (d)
		closedir(d);
	return ret;
}

/* Guest-physical address of the (locked) byte at @p: /proc/self/pagemap. */
static unsigned long long phys_of(const void *p)
{
	unsigned long long ent = 0, va = (unsigned long)p;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0 || pread(fd, &ent, 8, (off_t)(va / 4096 * 8)) != 8)
		ent = 0;
	if (fd >= 0)
		close(fd);
	if (!(ent >> 63))
		return 0;
	return (ent & ((1ULL << 55) - 1)) * 4096 + va % 4096;
}

/*
 * One edu DMA of @n bytes; waits for it (edu runs it 100 ms later, QEMU
 * virtual clock), at most 2 s by the timebase.
 */
static int edu_dma(volatile unsigned int *r, unsigned int src,
		   unsigned int dst, unsigned int n, unsigned int cmd)
{
	unsigned long long t0 = __builtin_ppc_get_timebase();

	r[EDU_DMA_SRC / 4] = src;
	r[EDU_DMA_DST / 4] = dst;
	r[EDU_DMA_CNT / 4] = n;
	r[EDU_DMA_CMD / 4] = cmd | EDU_CMD_RUN;
	while (r[EDU_DMA_CMD / 4] & EDU_CMD_RUN) {
		if (__builtin_ppc_get_timebase() - t0 > 2 * TB_HZ) {
			printf("edu: dma src 0x%x dst 0x%x cnt 0x%x cmd 0x%x: still running\n",
			       r[EDU_DMA_SRC / 4], r[EDU_DMA_DST / 4],
			       r[EDU_DMA_CNT / 4], r[EDU_DMA_CMD / 4]);
			return -1;
		}
		usleep(10000);
	}
	return 0;
}

static void edu(const char *arg)
{
	char dir[300], path[340];
	unsigned char *a, *b;
	unsigned short cmd;
	volatile unsigned int *r;
	unsigned long long pa, pb;
	unsigned int i;
	int fd, cfg;

	if (pci_find(0x1234, 0x11e8, dir, sizeof(dir))) {
		printf("edu: no edu device\n");
		return;
	}
	snprintf(path, sizeof(path), "%s/enable", dir);
	fd = open(path, O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "1", 1) != 1)
			printf("edu: enable: %s\n", strerror(errno));
		close(fd);
	}
	/* bus mastering: the command register, little-endian in config space */
	snprintf(path, sizeof(path), "%s/config", dir);
	cfg = open(path, O_RDWR);
	if (cfg < 0 || pread(cfg, &cmd, 2, 4) != 2) {
		printf("edu: %s: %s\n", path, strerror(errno));
		return;
	}
	cmd |= 0x0600; /* memory space, bus master (bits 1, 2; byte-swapped) */
	if (pwrite(cfg, &cmd, 2, 4) != 2)
		printf("edu: bus master: %s\n", strerror(errno));
	close(cfg);
	snprintf(path, sizeof(path), "%s/resource0", dir);
	fd = open(path, O_RDWR | O_SYNC);
	r = fd < 0 ? MAP_FAILED :
		     mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (r == MAP_FAILED) {
		printf("edu: %s: %s\n", path, strerror(errno));
		return;
	}
	printf("edu: %s id 0x%08x\n", dir, r[EDU_ID / 4]);
	if (posix_memalign((void **)&a, 4096, 8192))
		return;
	b = a + 4096;
	for (i = 0; i < 4096; i++) {
		a[i] = (unsigned char)(i * 7 + 1);
		b[i] = 0;
	}
	mlock(a, 8192);
	pa = phys_of(a);
	pb = phys_of(b);
	if (arg) {
		unsigned long long iova = strtoull(arg, NULL, 0);

		printf("edu: dma from bus address 0x%llx into edu: %s\n", iova,
		       edu_dma(r, (unsigned int)iova, EDU_BUF, EDU_LEN, 0) ?
			       "timed out" :
			       "done");
	} else if (!pa || !pb) {
		printf("edu: no physical address (/proc/self/pagemap: %s)\n",
		       strerror(errno));
	} else if (edu_dma(r, (unsigned int)pa, EDU_BUF, EDU_LEN, 0) ||
		   edu_dma(r, EDU_BUF, (unsigned int)pb, EDU_LEN,
			   EDU_CMD_TO_PCI)) {
		printf("edu: dma timed out\n");
	} else {
		printf("edu: dma 0x%llx -> edu -> 0x%llx: data %s\n", pa, pb,
		       memcmp(a, b, EDU_LEN) ? "WRONG" : "correct");
	}
	munlock(a, 8192);
	free(a);
	munmap((void *)r, 1 << 20);
	close(fd);
}

#endif

static void help(void)
{
#ifdef WEIR_INIT_PCI
	printf("commands: hv, dma, pci, blk [dev], edu [iova], selftest, smp, uptime, stop <partition>, halt, poweroff, help\n");
#else
	printf("commands: hv, dma, pci, selftest, smp, uptime, stop <partition>, halt, poweroff, help\n");
#endif
}

static void command(char *line)
{
	char *cmd = strtok(line, " \t\r\n"), *arg = strtok(NULL, " \t\r\n");

	if (!cmd)
		return;
	if (!strcmp(cmd, "hv")) {
		printf("hypervisor {\n");
		show_node(HV_NODE, 1);
		printf("}\n");
	} else if (!strcmp(cmd, "dma")) {
		run_dma();
	} else if (!strcmp(cmd, "pci")) {
		show_pci();
#ifdef WEIR_INIT_PCI
	} else if (!strcmp(cmd, "edu")) {
		edu(arg);
	} else if (!strcmp(cmd, "blk")) {
		read_blk(arg ? arg : "/dev/vda");
#endif
	} else if (!strcmp(cmd, "selftest")) {
		selftest();
	} else if (!strcmp(cmd, "smp")) {
		smp_check();
	} else if (!strcmp(cmd, "uptime")) {
		show_uptime();
	} else if (!strcmp(cmd, "stop") && arg) {
		stop_partition(strtoul(arg, NULL, 0));
	} else if (!strcmp(cmd, "halt")) {
		stop_partition(-1);
	} else if (!strcmp(cmd, "poweroff")) {
		printf("weir-init: power off\n");
		fflush(stdout);
		sync();
		reboot(RB_POWER_OFF);
		printf("poweroff: %s\n", strerror(errno));
	} else if (!strcmp(cmd, "help")) {
		help();
	} else {
		printf("%s: unknown command\n", cmd);
		help();
	}
}

int main(int argc, char **argv)
{
	char line[256];

	if (argc == 3 && !strcmp(argv[1], "child"))
		return child(strtoul(argv[2], NULL, 0));

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* The timebase runs from machine reset on every core: with QEMU's
	 * -icount it counts instructions (test/py/test_linux.py). */
	printf("weir-init: userspace up (pid %d, timebase %llu)\n",
	       (int)getpid(), (unsigned long long)__builtin_ppc_get_timebase());
	show_uptime();
	show_compatible();
	help();
	for (;;) {
		printf("weir# ");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin)) {
			/* No console input: PID 1 must not exit. */
			for (;;)
				pause();
		}
		command(line);
	}
}
