/* Genode core's way of placing a request, as the reference the planner is
 * measured against (FACTS.md): requests in arrival order, each at the
 * lowest address aligned to floor(log2(size)), alignments above the
 * backing store's skipped, stepping down to the base page; first fit wins.
 * Reserved regions and fixed requests are taken out of the free space
 * first.  The free space is a sorted array of holes and every fit a scan
 * over it: O(n) per request, meant for thousands, not millions. */
#ifndef VASLINT_FIRSTFIT_H
#define VASLINT_FIRSTFIT_H

#include <stddef.h>
#include <stdint.h>

#include "cost.h"
#include "layout.h"
#include "requests.h"

/* Places the requests in order and stops at the first that finds no
 * place.  Returns how many were placed (rq->n when all were), with
 * starts[] (request order) and *total, the cost of those placed.  Returns
 * (size_t)-1 when memory runs out. */
size_t firstfit_place(const layout *l, const requests *rq, uint64_t *starts,
		      map_cost *total);

#endif
