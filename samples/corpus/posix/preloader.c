/*
 * Wine's preloader reserves the low ranges Windows programs expect before
 * ld.so runs, with its own mmap system call; in the shape of Wine's
 * loader/preloader.c.  Written for vaslint's corpus; expectations in
 * expect.yaml.
 */
#include <sys/mman.h>

#include "wrappers.h"

static void reserve_low(void)
{
	/* DOS area and the low 1 GiB, no rights */
	wld_mmap((void *)0x10000, 0x100000 - 0x10000, PROT_NONE,
		 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
		 0);
	wld_mmap((void *)0x110000, 0x30000000 - 0x110000, PROT_NONE,
		 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
		 0);
}

void wld_start(void)
{
	reserve_low();
}
