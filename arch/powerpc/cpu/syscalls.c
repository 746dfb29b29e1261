// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The few newlib system-call stubs weir's link needs (newlib configured
 * with --disable-newlib-supplied-syscalls; for powerpc-eabi it calls the
 * plain names, MISSING_SYSCALL_NAMES). weir has no files and no
 * processes; output goes to the console, the newlib heap is refused so
 * hypervisor memory only comes from hv_zalloc().
 */
#include <errno.h>
#include <sys/stat.h>
#include <weir/console.h>

/* What newlib's libc calls (its own headers declare some with other
 * types: off_t, _READ_WRITE_RETURN_TYPE); declared once, here. */
int write(int fd, const void *buf, size_t len);
int read(int fd, void *buf, size_t len);
int close(int fd);
int lseek(int fd, int off, int whence);
int isatty(int fd);
int getpid(void);
int kill(int pid, int sig);
int fstat(int fd, struct stat *st);
void *sbrk(ptrdiff_t incr);
void _exit(int status);

int write(int fd, const void *buf, size_t len)
{
	console_write(buf, len);
	return (int)len;
}

int read(int fd, void *buf, size_t len)
{
	return 0;
}
int close(int fd)
{
	return -1;
}
int lseek(int fd, int off, int whence)
{
	return 0;
}
int isatty(int fd)
{
	return 1;
}
int getpid(void)
{
	return 1;
}
int kill(int pid, int sig)
{
	errno = EINVAL;
	return -1;
}

int fstat(int fd, struct stat *st)
{
	st->st_mode = S_IFCHR;
	return 0;
}

void *sbrk(ptrdiff_t incr)
{
	errno = ENOMEM;
	return (void *)-1;
}

void _exit(int status)
{
	for (;;)
		__asm__ __volatile__("wait");
}
