/*
 * Values that flow into mmap on Linux: local variables assigned in
 * steps, helpers that return a constant, and what must stay unknown
 * (a branch, a loop, an address that escapes).  Written for vaslint's
 * samples; the comment before each call says what the scan gives.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static size_t huge_page(void) { return 2u << 20; }

static void fill(size_t *len) { *len = 0x3000; }

static size_t scaled(size_t n) { return n * 4096; }

int main(int argc, char **argv)
{
	size_t page = 4096;
	size_t len = 4 * page;
	uintptr_t base = 0x200000000;
	int flags = ANON;

	(void)argv;
	/* size 0x4000 */
	mmap(NULL, len, PROT_READ, flags, -1, 0);

	/* size 0x400000 at 0x200200000, fixed: compound assignments */
	len *= 256;
	base += huge_page();
	flags |= MAP_FIXED;
	mmap((void *)base, len, PROT_READ | PROT_WRITE, flags, -1, 0);

	/* assigned in a branch: size unknown, line 40 */
	size_t chunk = huge_page();
	if (argc > 1)
		chunk = 2 * huge_page();
	mmap(NULL, chunk, PROT_READ, ANON, -1, 0);

	/* inside the branch that assigned it: size 0x1000 */
	if (argc > 2) {
		chunk = page;
		mmap(NULL, chunk, PROT_READ, ANON, -1, 0);
	}

	/* assigned later in the loop: unknown; the first round's value is
	 * not the second's */
	size_t step = page;
	for (int i = 0; i < 3; i++) {
		mmap(NULL, step, PROT_READ, ANON, -1, 0);
		step <<= 1;
	}

	/* its address escapes: unknown */
	size_t filled = page;
	fill(&filled);
	mmap(NULL, filled, PROT_READ, ANON, -1, 0);

	/* a helper with a parameter, bound to the argument: 0x4000 */
	mmap(NULL, scaled(4), PROT_READ, ANON, -1, 0);

	/* a switch: a case label between assignment and use */
	size_t sz = page;
	switch (argc) {
	case 1:
		sz = 2 * page;
		/* fall through */
	case 2:
		mmap(NULL, sz, PROT_READ, ANON, -1, 0);
		break;
	}

	/* volatile, and written by an asm statement: unknown */
	volatile size_t v = page;
	mmap(NULL, v, PROT_READ, ANON, -1, 0);
	size_t by_asm = page;
	__asm__ volatile("" : "+r"(by_asm));
	mmap(NULL, by_asm, PROT_READ, ANON, -1, 0);
	return 0;
}
