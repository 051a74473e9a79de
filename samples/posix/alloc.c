/*
 * Aligned allocations, shared memory and remapping on Linux.  Written for
 * vaslint's samples.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/shm.h>

#define LARGE_PAGE (2UL << 20)

int main(void)
{
	void *p = NULL;

	if (posix_memalign(&p, LARGE_PAGE, 4 * LARGE_PAGE))
		return 1;
	void *q = aligned_alloc(4096, 3 * 4096);
	void *r = memalign(LARGE_PAGE, LARGE_PAGE + 4096); /* unalignable */

	/* attach shared memory at a fixed address, replacing what is there */
	int id = shmget(IPC_PRIVATE, LARGE_PAGE, IPC_CREAT | 0600);
	void *s = shmat(id, (void *)0x500000000, SHM_REMAP);
	void *t = shmat(id, NULL, 0);

	/* grow a mapping and move it to a fixed place */
	void *m = mremap(p, 4 * LARGE_PAGE, 8 * LARGE_PAGE,
			 MREMAP_MAYMOVE | MREMAP_FIXED, (void *)0x600000000);
	void *n = mremap(q, 3 * 4096, 4 * 4096, MREMAP_MAYMOVE);

	free(r);
	return s == t || m == n;
}
