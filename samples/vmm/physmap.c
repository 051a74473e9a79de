#include "physmap.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much larger than the merged tail of a run the region before it
 * may be and still be merged with it (physmap_compact).  From 2 to 64
 * the soft backend's fill of 256 MiB in 4 KiB chunks took 1.3-1.9 s on
 * this project's machine (noisy), against 4.3 s for merging every run
 * whole. */
#define MERGE_FACTOR 8

bool physmap_init(physmap *pm, gmem *g, const physmap_ops *ops, void *ctx,
		  uint32_t slots, uint32_t compact_at)
{
	physmap n;

	memset(&n, 0, sizeof(n));
	if (!slots || compact_at > slots || !compact_at) {
		errno = EINVAL;
		return false;
	}
	n.g = g;
	n.ops = ops;
	n.ctx = ctx;
	n.slots = slots;
	n.compact_at = compact_at;
	n.mapped = calloc((g->size / GMEM_PAGE + 63) / 64, sizeof(uint64_t));
	n.r = calloc(slots, sizeof(*n.r));
	n.free_slots = calloc(slots, sizeof(*n.free_slots));
	if (!n.mapped || !n.r || !n.free_slots) {
		physmap_free(&n);
		errno = ENOMEM;
		return false;
	}
	/* Slot 0 first: KVM numbers its memory slots from 0 up. */
	for (uint32_t s = slots; s-- > 0;)
		n.free_slots[n.nfree++] = s;
	*pm = n;
	return true;
}

void physmap_free(physmap *pm)
{
	free(pm->mapped);
	free(pm->r);
	free(pm->free_slots);
	memset(pm, 0, sizeof(*pm));
}

bool physmap_is_mapped(const physmap *pm, uint64_t gpa)
{
	uint64_t i = gpa / GMEM_PAGE;
	return pm->mapped[i / 64] >> (i % 64) & 1;
}

/* Pages [first, first + n) of the bitmap set. */
static void set_pages(uint64_t *bits, uint64_t first, uint64_t n)
{
	uint64_t i = first, end = first + n;

	while (i < end && i % 64)
		bits[i / 64] |= UINT64_C(1) << (i % 64), i++;
	for (; i + 64 <= end; i += 64)
		bits[i / 64] = ~UINT64_C(0);
	for (; i < end; i++)
		bits[i / 64] |= UINT64_C(1) << (i % 64);
}

/* Where a region at gpa goes in the sorted array. */
static size_t region_index(const physmap *pm, uint64_t gpa)
{
	size_t lo = 0, hi = pm->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pm->r[mid].gpa < gpa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void say(char *why, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
}

/* Map the chunk [s, s + c): the shadow first (the backend reads and
 * writes guest memory there), then the backend's region. */
static bool map_chunk(physmap *pm, uint64_t s, uint64_t c, char *why,
		      size_t len)
{
	gmem *g = pm->g;
	uint32_t slot;
	size_t at;

	if (!pm->nfree) {
		say(why, len,
		    "cannot map guest-physical [0x%" PRIx64 ", 0x%" PRIx64
		    "): all %" PRIu32 " regions of the vCPU are held, and "
		    "no two of them are adjacent enough to merge",
		    s, s + c, pm->slots);
		return false;
	}
	if (!gmem_grant_range(g, s, c, g->chunk_max)) {
		say(why, len,
		    "cannot make the shadow of guest-physical [0x%" PRIx64
		    ", 0x%" PRIx64 ") accessible: %s",
		    s, s + c, strerror(errno));
		return false;
	}
	slot = pm->free_slots[--pm->nfree];
	if (!pm->ops->map(pm->ctx, slot, s, c, gmem_ptr(g, s), why, len)) {
		pm->free_slots[pm->nfree++] = slot;
		return false;
	}
	set_pages(pm->mapped, s / GMEM_PAGE, c / GMEM_PAGE);
	at = region_index(pm, s);
	memmove(&pm->r[at + 1], &pm->r[at], (pm->n - at) * sizeof(*pm->r));
	pm->r[at] = (physmap_region){s, c, slot};
	pm->n++;
	if (pm->n > pm->st.regions_max)
		pm->st.regions_max = pm->n;
	pm->st.chunks[__builtin_ctzll(c)]++;
	pm->st.mappings++;
	pm->st.mapped += c;
	return true;
}

physmap_result physmap_fault(physmap *pm, uint64_t gpa, uint64_t len, char *why,
			     size_t whylen)
{
	gmem *g = pm->g;
	bool any = false;

	if (!len)
		len = 1;
	if (!gmem_contains(g, gpa, len)) {
		say(why, whylen,
		    "the guest accessed guest-physical [0x%" PRIx64
		    ", +%" PRIu64 "), which lies outside guest RAM "
		    "[0, 0x%" PRIx64 ")",
		    gpa, len, g->size);
		return PHYSMAP_OUTSIDE;
	}
	for (uint64_t p = gpa & ~(GMEM_PAGE - 1); p < gpa + len;
	     p += GMEM_PAGE) {
		uint64_t c;
		if (physmap_is_mapped(pm, p))
			continue;
		c = gmem_chunk(g, p, g->chunk_max, pm->mapped);
		if (!map_chunk(pm, p & ~(c - 1), c, why, whylen))
			return PHYSMAP_FAILED;
		any = true;
	}
	if (any)
		pm->st.faults++;
	return PHYSMAP_MAPPED;
}

/* Merge r[i..j] (adjacent) into one region. */
static bool merge(physmap *pm, size_t i, size_t j, char *why, size_t whylen)
{
	physmap_region *r = pm->r;
	uint64_t start = r[i].gpa, end = r[j].gpa + r[j].size;
	uint32_t slot;

	for (size_t k = i; k <= j; k++) {
		if (!pm->ops->unmap(pm->ctx, r[k].slot, r[k].gpa, r[k].size,
				    why, whylen))
			return false;
		pm->free_slots[pm->nfree++] = r[k].slot;
	}
	/* host addresses follow guest-physical ones (the shadow), so
	 * adjacent regions are one range in both */
	slot = pm->free_slots[--pm->nfree];
	if (!pm->ops->map(pm->ctx, slot, start, end - start,
			  gmem_ptr(pm->g, start), why, whylen))
		return false;
	r[i] = (physmap_region){start, end - start, slot};
	memmove(&r[i + 1], &r[j + 1], (pm->n - j - 1) * sizeof(*r));
	pm->n -= j - i;
	return true;
}

bool physmap_compact(physmap *pm, char *why, size_t whylen)
{
	size_t i = 0;

	pm->st.compactions++;
	while (i < pm->n) {
		physmap_region *r = pm->r;
		size_t j = i, k;
		uint64_t merged;
		while (j + 1 < pm->n && r[j].gpa + r[j].size == r[j + 1].gpa)
			j++;
		/* In a run of adjacent regions, merge the tail while the
		 * region before it is at most MERGE_FACTOR times as large as
		 * the merged part, as a counter carries: a guest filling its
		 * RAM in order leaves a run of regions that shrink
		 * geometrically, and every byte is unmapped and mapped again
		 * only a logarithmic number of times (a backend's unmap and
		 * map take time per page: Unicorn's rebuild its page map). */
		merged = r[j].size;
		for (k = j; k > i && r[k - 1].size <= MERGE_FACTOR * merged;
		     k--)
			merged += r[k - 1].size;
		if (k < j && !merge(pm, k, j, why, whylen))
			return false;
		i = k + 1;
	}
	/* Regions that would not merge (a guest touching every other
	 * chunk): ask again only when twice as many are held, so the cost
	 * of asking stays a constant share of the mappings. */
	if (pm->n * 2 > pm->compact_at)
		pm->compact_at = pm->compact_at > pm->slots / 2
				     ? pm->slots
				     : pm->compact_at * 2;
	return true;
}
