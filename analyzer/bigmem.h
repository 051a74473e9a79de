/* Large zeroed arrays, on transparent huge pages where the system has them.
 *
 * The first touch of every 4 KiB page of a fresh array is a page fault, and
 * faults are slow on a virtual machine: the planner's placements for a
 * million requests (192 MB) took 0.5 s to fault in before any planning.
 * An array of 2 MiB or more is mapped on its own here, aligned to 2 MiB and
 * marked with madvise(MADV_HUGEPAGE), so that the kernel backs it with
 * 2 MiB pages: 512 times fewer faults.  Smaller arrays, and systems where
 * the mapping fails, get calloc; either way bigmem_free gives it back. */
#ifndef VASLINT_BIGMEM_H
#define VASLINT_BIGMEM_H

#include <stddef.h>

/* n zeroed elements of size bytes (room for one when n is 0); NULL when
 * n * size overflows or memory runs out. */
void *bigmem_calloc(size_t n, size_t size);
/* p (from bigmem_calloc or bigmem_realloc) moved to a new array of n
 * elements of size bytes: its contents up to the smaller of the two sizes,
 * zeroes after that.  NULL when memory runs out, and p is left as it was. */
void *bigmem_realloc(void *p, size_t n, size_t size);
/* Frees what bigmem_calloc or bigmem_realloc returned; NULL is fine. */
void bigmem_free(void *p);

#endif
