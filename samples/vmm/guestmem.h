/* Guest memory, Vancouver-style: guest-physical address G lives at the
 * VMM's virtual address base + G, inside one range (the shadow) that the
 * backing store is mapped to once, with PROT_NONE, at start-up.  The
 * backing store is anonymous memory or a memfd; guest-physical G is its
 * byte offset + G.  Memory is granted on demand: the first access to a
 * page that is not yet accessible faults, and the SIGSEGV handler makes
 * the largest naturally aligned chunk around it accessible (2 MiB by
 * default, so the kernel can back it with one transparent huge page),
 * counting what it did.  The guest's own view, guest-physical memory as
 * its vCPU sees it, is mapped on demand from the same shadow by the same
 * chunk rule (physmap.h). */
#ifndef VMM_GUESTMEM_H
#define VMM_GUESTMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GMEM_PAGE	  UINT64_C(0x1000)
#define GMEM_CHUNK_ORDERS 64

typedef struct gmem_stats {
	uint64_t faults;		    /* SIGSEGVs the handler answered */
	uint64_t chunks[GMEM_CHUNK_ORDERS]; /* chunks granted, by log2 size */
	uint64_t granted;		    /* bytes made accessible */
} gmem_stats;

typedef struct gmem {
	uint8_t *base;	    /* virtual address of guest-physical 0 */
	uint64_t size;	    /* guest RAM: the shadow's size */
	uint64_t chunk_max; /* the largest chunk a fault grants */
	bool hugepages;	    /* MADV_HUGEPAGE on the shadow */
	int fd;		    /* the memfd backing the shadow; -1: anonymous */
	uint64_t offset;    /* the backing store's offset of guest-physical 0 */
	uint64_t *granted;  /* one bit per page: accessible */
	gmem_stats st;
} gmem;

/* Reserve [base, base + size) with PROT_NONE and MAP_FIXED_NOREPLACE and
 * check the kernel put it there.  On failure returns false with errno set
 * (EEXIST: something is mapped in the range; EADDRNOTAVAIL: the kernel
 * placed it elsewhere) and *g unchanged. */
bool gmem_reserve(gmem *g, uint64_t base, uint64_t size, uint64_t chunk_max,
		  bool hugepages);

/* The same with a memfd as the backing store, mapped from its byte
 * offset (a multiple of 4K): guest-physical G is the memfd's byte
 * offset + G.  Unlike anonymous memory a memfd has offsets of its own,
 * and its huge pages (where transparent_hugepage/shmem_enabled allows
 * them) need offset and address congruent, as a Genode dataspace
 * attached at an offset does. */
bool gmem_reserve_memfd(gmem *g, uint64_t base, uint64_t size,
			uint64_t chunk_max, bool hugepages, uint64_t offset);

/* Unmap the shadow and free the bookkeeping. */
void gmem_release(gmem *g);

/* Answer faults inside g's shadow from now on (one shadow per process);
 * a fault anywhere else kills the process as it would have without us. */
bool gmem_handle_faults(gmem *g);

/* The chunk rule, for the shadow and for the guest-physical map alike:
 * the largest power of two c, from 4K to max, whose naturally aligned
 * block [s, s + c) around gpa lies inside guest RAM, is aligned in the
 * backing store too (offset + s a multiple of c) and has no page set in
 * taken (a bitmap of pages, one bit each); the page alone at worst. */
uint64_t gmem_chunk(const gmem *g, uint64_t gpa, uint64_t max,
		    const uint64_t *taken);

/* How many pages of the page-aligned [gpa, gpa + len) are set in taken. */
uint64_t gmem_pages_set(const uint64_t *taken, uint64_t gpa, uint64_t len);

/* Make [gpa, gpa + len) accessible in naturally aligned chunks of at most
 * `max` bytes (rounded out to whole pages), aligned in the backing store
 * too: what the VMM does for a chunk before it maps it into the guest's
 * physical space, because KVM reports a guest access to an inaccessible
 * host page as an EFAULT of KVM_RUN, not as a signal. */
bool gmem_grant_range(gmem *g, uint64_t gpa, uint64_t len, uint64_t max);

/* Write to every page of [gpa, gpa + len) without changing its contents
 * (each page's first byte is read and written back): the first touch
 * that fills memory, through the fault handler where pages are not yet
 * granted. */
void gmem_touch(gmem *g, uint64_t gpa, uint64_t len);

/* The virtual address of gpa (no check beyond the range). */
static inline void *gmem_ptr(const gmem *g, uint64_t gpa)
{
	return g->base + gpa;
}

/* gpa .. gpa + len lies inside guest RAM */
bool gmem_contains(const gmem *g, uint64_t gpa, uint64_t len);

/* Resident and huge-page-backed bytes of the shadow (anonymous or shmem
 * huge pages), from /proc/self/smaps.  False when smaps cannot be read. */
bool gmem_smaps(const gmem *g, uint64_t *rss, uint64_t *anon_huge);

#endif
