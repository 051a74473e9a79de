/*
 * A C library's own mmap, in the shape of musl's src/mman/mmap.c: the
 * definition is no call, and the system call inside it names no rule.
 * Must stay silent.  Written for vaslint's corpus.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

void *mmap(void *start, size_t len, int prot, int flags, int fd, off_t off)
{
	if (off & 4095) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return (void *)syscall(SYS_mmap, start, len, prot, flags, fd, off);
}

/* A function pointer to mmap is not a call of it. */
void *(*mmap_hook)(void *, size_t, int, int, int, off_t) = mmap;
