/* Guest-physical memory as the vCPU sees it, mapped on demand.
 *
 * Guest RAM starts unmapped.  A guest access to an unmapped guest-physical
 * address reaches the VMM (KVM: an MMIO exit or an instruction fetch it
 * cannot emulate; Unicorn: its unmapped-memory hook), and the VMM maps the
 * largest naturally aligned chunk around it, aligned in guest-physical
 * address and backing-store offset alike and capped by --chunk (the chunk
 * rule of guestmem.h), from the shadow where the backing store is mapped.
 * The chunks a guest that touches all its RAM ends up with are what
 * `vaslint plan` predicts as the flexpages of the guest-ram request in
 * samples/vmm/guest-physical.yaml, whose flexpage-max is the chunk.
 *
 * A backend holds the mapped memory as regions (KVM memory slots, Unicorn
 * memory regions), a limited resource: where they run short, adjacent
 * regions are merged into one (physmap_compact).  The count of mappings
 * made is unchanged by that, as a kernel's count of mmap calls is by its
 * merging of adjacent mappings. */
#ifndef VMM_PHYSMAP_H
#define VMM_PHYSMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guestmem.h"

/* What a backend does to its guest-physical address space. */
typedef struct physmap_ops {
	/* Make [gpa, gpa + size) the host memory at hva, as region number
	 * slot (below the limit given to physmap_init, and unused). */
	bool (*map)(void *ctx, uint32_t slot, uint64_t gpa, uint64_t size,
		    void *hva, char *why, size_t len);
	/* Remove region slot, which maps [gpa, gpa + size). */
	bool (*unmap)(void *ctx, uint32_t slot, uint64_t gpa, uint64_t size,
		      char *why, size_t len);
} physmap_ops;

typedef struct physmap_region {
	uint64_t gpa, size;
	uint32_t slot;
} physmap_region;

typedef struct physmap_stats {
	uint64_t faults; /* accesses that found nothing mapped */
	uint64_t chunks[GMEM_CHUNK_ORDERS]; /* mappings made, by log2 size */
	uint64_t mappings;		    /* the sum of chunks[] */
	uint64_t mapped;		    /* bytes mapped */
	uint64_t compactions;		    /* times regions were merged */
	uint64_t regions_max;		    /* the most regions held at once */
} physmap_stats;

typedef struct physmap {
	gmem *g; /* the shadow: guest-physical G is host address base + G */
	const physmap_ops *ops;
	void *ctx;
	uint32_t slots;	     /* the backend's limit on regions */
	uint32_t compact_at; /* merge regions when this many are held */
	uint64_t *mapped;    /* one bit per page of guest RAM */
	physmap_region *r;   /* the regions held, sorted by gpa */
	size_t n;
	uint32_t *free_slots; /* a stack of unused slot numbers */
	size_t nfree;
	physmap_stats st;
} physmap;

/* Nothing mapped yet.  slots: how many regions the backend can hold;
 * compact_at: when to merge (at most slots).  False on ENOMEM/EINVAL. */
bool physmap_init(physmap *pm, gmem *g, const physmap_ops *ops, void *ctx,
		  uint32_t slots, uint32_t compact_at);
void physmap_free(physmap *pm);

typedef enum physmap_result {
	PHYSMAP_MAPPED,	 /* mapped: the access can be retried */
	PHYSMAP_OUTSIDE, /* the access lies (partly) outside guest RAM */
	PHYSMAP_FAILED,	 /* the backend or the shadow refused */
} physmap_result;

/* A guest access to [gpa, gpa + len) found guest-physical memory
 * unmapped: map the chunk around every unmapped page of it.  Never merges
 * regions (a backend may be inside its vCPU's run); fails when all slots
 * are held.  Everything but PHYSMAP_MAPPED leaves a reason in why. */
physmap_result physmap_fault(physmap *pm, uint64_t gpa, uint64_t len, char *why,
			     size_t whylen);

/* The page of gpa is mapped (gpa inside guest RAM). */
bool physmap_is_mapped(const physmap *pm, uint64_t gpa);

/* The backend should call physmap_compact at its next safe point. */
static inline bool physmap_wants_compaction(const physmap *pm)
{
	return pm->n >= pm->compact_at;
}

/* Merge every run of adjacent regions into one region. */
bool physmap_compact(physmap *pm, char *why, size_t whylen);

#endif
