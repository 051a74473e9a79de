/*
 * A Linux VMM's guest shadow, in the shape of vaslint's reference VMM
 * and of dosemu2's low-memory setup: a PROT_NONE reservation, fixed
 * mappings inside it, and one outside.  Written for vaslint's corpus;
 * expectations in expect.yaml.
 */
#define _GNU_SOURCE
#include <sys/mman.h>

#define SHADOW_BASE 0x200000000UL
#define SHADOW_SIZE (1UL << 30)

int setup(void)
{
	/* reserve the guest's whole physical space */
	void *shadow = mmap((void *)SHADOW_BASE, SHADOW_SIZE, PROT_NONE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
				MAP_FIXED_NOREPLACE,
			    -1, 0);

	/* guest RAM inside the reservation */
	mmap((void *)SHADOW_BASE, 0x10000000, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	/* 1 MiB at 0x40000000: inside Genode's stack area, and replacing
	 * whatever is there */
	mmap((void *)0x40000000, 0x100000, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	/* a hint only: the kernel picks the place */
	mmap((void *)0x40000000, 0x200000, PROT_READ,
	     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return shadow == MAP_FAILED;
}
