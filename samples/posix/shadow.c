/*
 * A VMM's guest shadow on Linux: reserve the range with PROT_NONE first,
 * then map inside it with MAP_FIXED.  Written for vaslint's samples; the
 * comment at the end of a line says what `vaslint check` finds there.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

#define SHADOW_BASE 0x100000000ULL
#define SHADOW_SIZE (1ULL << 30)
#define MIB(x)	    ((size_t)(x) << 20)
#define ANON	    (MAP_PRIVATE | MAP_ANONYMOUS)
/* a whole call in a macro: reported where the macro is used */
#define MAP_AT(a, s)                                                           \
	mmap((void *)(a), (s), PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0)

enum { CHUNK = 2 << 20 };

static const size_t page = 4096;

int main(int argc, char **argv)
{
	(void)argv;

	/* the reservation: PROT_NONE, at a fixed address, never replacing */
	void *shadow = mmap((void *)SHADOW_BASE, SHADOW_SIZE, PROT_NONE,
			    ANON | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (shadow == MAP_FAILED)
		return 1;

	/* inside the reservation: clean */
	mmap((void *)(SHADOW_BASE + CHUNK), CHUNK, PROT_READ | PROT_WRITE,
	     ANON | MAP_FIXED, -1, 0);

	/* inside too, through a macro: clean */
	MAP_AT(SHADOW_BASE + SHADOW_SIZE - CHUNK, CHUNK);

	/* outside it: replaces whatever is mapped there */
	mmap((void *)0x200000000, MIB(4), PROT_READ | PROT_WRITE,
	     ANON | MAP_FIXED, -1, 0); /* fixed-outside-reservation */

	/* a hint, not fixed: the kernel picks the place */
	mmap((void *)0x300000000, 3 * CHUNK + page, PROT_READ, ANON, -1,
	     0); /* unalignable-size */

	/* a size known only at run time */
	mmap(NULL, (size_t)argc << 20, PROT_READ | PROT_WRITE, ANON, -1, 0);

	/* flags known only at run time: fixed or not cannot be told */
	int flags = ANON;
	if (argc > 2)
		flags |= MAP_FIXED;
	mmap((void *)(SHADOW_BASE + 0x1000), CHUNK, PROT_READ, flags, -1, 0);
	return 0;
}
