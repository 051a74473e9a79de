/*
 * Guest memory of a small VMM project built from a compilation database
 * with relative paths: layout.h comes from -Iinclude, SHADOW_BASE from
 * -D on the command line.  Written for vaslint's samples.
 */
#define _GNU_SOURCE
#include <sys/mman.h>

#include "layout.h"

void *guest_memory(void)
{
	return mmap((void *)SHADOW_BASE, GUEST_RAM, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
}
