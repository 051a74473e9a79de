/*
 * A generic lambda wrapping mmap, as C++ VMMs write their mapping
 * helpers: each call of the closure maps with its own arguments.
 * Written for vaslint's corpus; expectations in expect.yaml.
 */
#include <stddef.h>
#include <sys/mman.h>

int map_guest_windows(size_t tail)
{
	auto map_fixed = [] (auto addr, auto len) {
		return mmap((void *)addr, len, PROT_READ | PROT_WRITE,
		            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	};

	/* 1 MiB inside the guest shadow's reservation (shadow.c) */
	void *low = map_fixed(0x210000000UL, 0x100000UL);

	/* a length from the caller: unknown */
	void *rest = map_fixed(0x220000000UL, tail);

	return low == MAP_FAILED || rest == MAP_FAILED;
}
