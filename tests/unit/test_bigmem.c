/* Unit tests for analyzer/bigmem.c: small and large arrays come zeroed and
 * whole, moving keeps the contents and zeroes the rest, sizes that
 * overflow fail, and a large array is advised to huge pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bigmem.h"

#define MIB ((size_t)1 << 20)

static void assert_zero(const unsigned char *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (p[i] != 0)
			fail_msg("byte %zu is %u", i, p[i]);
}

static void small_and_large_arrays_come_zeroed(void **state)
{
	static const size_t sizes[] = {1,	100,	    MIB, 2 * MIB - 64,
				       2 * MIB, 9 * MIB + 7};

	(void)state;
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		unsigned char *p = bigmem_calloc(sizes[k], 1);
		assert_non_null(p);
		assert_zero(p, 0, sizes[k]);
		memset(p, 0xa5, sizes[k]); /* all of it is ours */
		bigmem_free(p);
	}
	/* No elements still gives room for one. */
	uint64_t *one = bigmem_calloc(0, sizeof(*one));
	assert_non_null(one);
	*one = 1;
	bigmem_free(one);
	bigmem_free(NULL);
}

static void size_that_overflows_fails(void **state)
{
	(void)state;
	assert_null(bigmem_calloc(SIZE_MAX / 2, 3));
	assert_null(bigmem_calloc(SIZE_MAX, 1));
}

static void moving_keeps_contents_and_zeroes_the_rest(void **state)
{
	/* Small to large (calloc to mapping), larger, then smaller. */
	static const size_t steps[] = {1000, 3 * MIB, 5 * MIB, 4096};
	unsigned char *p = bigmem_calloc(10, 1);
	size_t have = 10;

	(void)state;
	assert_non_null(p);
	memset(p, 0x11, have);
	for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
		size_t n = steps[k], kept = have < n ? have : n;
		unsigned char *q = bigmem_realloc(p, n, 1);
		assert_non_null(q);
		for (size_t i = 0; i < kept; i++)
			if (q[i] != (unsigned char)(0x11 * (k + 1)))
				fail_msg("step %zu: byte %zu lost", k, i);
		assert_zero(q, kept, n);
		memset(q, 0x11 * (k + 2), n);
		p = q;
		have = n;
	}
	bigmem_free(p);
}

/* The flags the kernel shows for the mapping that holds p: NULL when
 * /proc/self/smaps cannot be read. */
static char *vm_flags_of(const void *p, char *buf, size_t len)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	bool in = false;
	char *found = NULL;

	if (!f)
		return NULL;
	while (!found && fgets(buf, (int)len, f)) {
		unsigned long lo, hi;
		if (sscanf(buf, "%lx-%lx ", &lo, &hi) == 2)
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
		else if (in && strncmp(buf, "VmFlags:", 8) == 0)
			found = buf;
	}
	fclose(f);
	return found;
}

static void large_array_is_advised_to_huge_pages(void **state)
{
	char line[512], *flags;
	unsigned char *p;

	(void)state;
	if (access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK) != 0)
		skip(); /* a kernel without transparent huge pages */
	p = bigmem_calloc(8 * MIB, 1);
	assert_non_null(p);
	flags = vm_flags_of(p, line, sizeof(line));
	assert_non_null(flags);
	/* "hg": madvise(MADV_HUGEPAGE) */
	assert_non_null(strstr(flags, " hg"));
	bigmem_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(small_and_large_arrays_come_zeroed),
	    cmocka_unit_test(size_that_overflows_fails),
	    cmocka_unit_test(moving_keeps_contents_and_zeroes_the_rest),
	    cmocka_unit_test(large_array_is_advised_to_huge_pages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
