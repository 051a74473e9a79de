/*
 * Genode on Linux: base-linux reserves the stack area and attaches
 * dataspaces with lx_mmap, in the shape of repos/base-linux/src/lib/base/
 * region_map_mmap.cc.  Written for vaslint's corpus; expectations in
 * expect.yaml.
 */
#include <sys/mman.h>

#include "wrappers.h"

void reserve_and_attach(int fd)
{
	/* the linker area above the program: reserved, no rights */
	lx_mmap((void *)0x50000000, 0x15e00000, PROT_NONE,
		MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	/* a dataspace into the linker area's reservation */
	lx_mmap((void *)0x50000000, 0x200000, PROT_READ | PROT_WRITE,
		MAP_FIXED | MAP_SHARED, fd, 0);

	/* a dataspace anywhere, from its second page on */
	lx_mmap(0, 0x4000, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0x1000);
}
