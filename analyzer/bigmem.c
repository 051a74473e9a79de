#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "range.h"

/* x86-64's (and most arm64 kernels') transparent huge page; elsewhere the
 * mapping still works, with whatever pages the kernel gives it. */
#define HUGE_PAGE ((size_t)2 << 20)

/* In front of every array: what to give back.  The array starts a cache
 * line after it. */
typedef struct bigmem_head {
	void *base;   /* what mmap or calloc returned */
	size_t len;   /* bytes mapped at base; 0 when from calloc */
	size_t bytes; /* the array's own bytes */
} bigmem_head;

#define HEAD_ROOM 64

static bigmem_head *head_of(void *p)
{
	return (bigmem_head *)((char *)p - HEAD_ROOM);
}

/* len bytes (a multiple of HUGE_PAGE) at a HUGE_PAGE boundary, advised to
 * huge pages; NULL when the mapping fails.  A huge page can only back an
 * aligned 2 MiB of a mapping, so one more is mapped and the slack on either
 * side given back. */
static char *map_huge(size_t len)
{
	char *base, *start;
	size_t lead;

	base = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return NULL;
	lead = (HUGE_PAGE - (uintptr_t)base % HUGE_PAGE) % HUGE_PAGE;
	start = base + lead;
	if (lead)
		munmap(base, lead);
	munmap(start + len, HUGE_PAGE - lead);
#ifdef MADV_HUGEPAGE
	/* Advice only: refused, the mapping works with small pages. */
	madvise(start, len, MADV_HUGEPAGE);
#endif
	return start;
}

void *bigmem_calloc(size_t n, size_t size)
{
	uint64_t bytes, total, len = 0;
	char *base = NULL;

	if (!va_mul(n ? n : 1, size, &bytes) ||
	    !va_add(bytes, HEAD_ROOM, &total) || total > SIZE_MAX)
		return NULL;
	/* Less than a huge page gains nothing from a mapping of its own. */
	if (total >= HUGE_PAGE && va_align_up(total, HUGE_PAGE, &len) &&
	    len <= SIZE_MAX - HUGE_PAGE)
		base = map_huge(len);
	if (!base) {
		len = 0;
		base = calloc(1, total);
		if (!base)
			return NULL;
	}
	*(bigmem_head *)base = (bigmem_head){base, len, bytes};
	return base + HEAD_ROOM;
}

void *bigmem_realloc(void *p, size_t n, size_t size)
{
	void *q = bigmem_calloc(n, size);

	if (!q)
		return NULL;
	if (p) {
		size_t old = head_of(p)->bytes, now = head_of(q)->bytes;
		memcpy(q, p, old < now ? old : now);
		bigmem_free(p);
	}
	return q;
}

void bigmem_free(void *p)
{
	bigmem_head *h;

	if (!p)
		return;
	h = head_of(p);
	if (h->len)
		munmap(h->base, h->len);
	else
		free(h->base);
}
