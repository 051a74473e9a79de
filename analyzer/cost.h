/* What a mapping costs: hardware pages and kernel flexpages.
 *
 * A mapping of size bytes from a backing store at offset to virtual address
 * vaddr is split greedily into the largest pages aligned in both vaddr and
 * offset (see DESIGN.md, "Natural alignment and mapping cost").  Every call
 * takes time independent of the size, so the planner can ask a million
 * times. */
#ifndef VASLINT_COST_H
#define VASLINT_COST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COST_MAX_PAGE_SIZES 8

typedef struct map_cost {
	/* Count per page size, same index as the page_sizes given. */
	uint64_t pages[COST_MAX_PAGE_SIZES];
	uint64_t total_pages; /* sum of pages[] */
	uint64_t flexpages;   /* 0 when flexpage_max == 0 */
} map_cost;

typedef struct cost_model {
	const uint64_t *page_sizes; /* ascending powers of two, [0] the base */
	size_t npage_sizes;
	uint64_t flexpage_max; /* 0: no flexpages; else a power of two */
} cost_model;

/* The mapping is rounded out to the base page first.  False when vaddr and
 * offset differ modulo the base page (no page can map it), or the arguments
 * are invalid: no page sizes, more than COST_MAX_PAGE_SIZES, sizes not
 * ascending powers of two, a flexpage_max that is not 0 or a power of two
 * at least the base page, size 0, or vaddr + size past UINT64_MAX. */
bool cost_mapping(const cost_model *m, uint64_t size, uint64_t vaddr,
		  uint64_t offset, map_cost *out);
/* What a perfectly aligned placement of the same size needs. */
bool cost_lower_bound(const cost_model *m, uint64_t size, map_cost *out);

/* The largest page size of the model that a placement at vaddr/offset uses
 * at all: the natural alignment it achieves.  With vaddr = offset = 0 it is
 * the one a perfect placement would use.  Never above the size rounded up to
 * the base page; 0 when cost_mapping would fail. */
uint64_t cost_best_page(const cost_model *m, uint64_t size, uint64_t vaddr,
			uint64_t offset);

/* *t += *c, page by page. */
void cost_add(map_cost *t, const map_cost *c);

/* "1024 4K pages", "1 4M page + 2 4K pages", and when the model has
 * flexpages ", 7 flexpages" after that.  Truncated to fit len bytes; a
 * buffer of COST_STR_LEN always holds the whole text. */
#define COST_STR_LEN 384
const char *cost_str(const cost_model *m, const map_cost *c, char *buf,
		     size_t len);

#endif
