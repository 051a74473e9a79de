/* The guest's RAM at a fixed address, its size and place from a header
 * in include/ and a -D of the build (see Makefile). */
#include <sys/mman.h>

#include <guest/layout.h>

int main()
{
	void *ram = mmap(reinterpret_cast<void *>(GUEST_BASE + guest::ram_offset),
			 guest::ram_size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	return ram == MAP_FAILED;
}
