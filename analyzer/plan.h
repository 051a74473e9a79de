/* The layout planner: place every request in the free address space of a
 * layout so that the total mapping cost is small.
 *
 * Reserved regions and fixed requests come first.  The rest are placed
 * largest natural alignment first (then largest size), each in the
 * smallest free hole that holds it at that alignment; where none does, the
 * alignment is weakened step by step down to the base page, as Genode's
 * core does.  Holes are kept in a tree ordered by size, so a placement
 * costs O(log n). */
#ifndef VASLINT_PLAN_H
#define VASLINT_PLAN_H

#include "cost.h"
#include "elfimage.h"
#include "layout.h"
#include "requests.h"

typedef struct placement {
	const request *req;
	uint64_t start;
	uint64_t align; /* the natural alignment achieved */
	uint64_t want;	/* the natural alignment of its size */
	map_cost cost;	/* at this place */
	map_cost lower; /* a perfectly aligned placement */
} placement;

typedef struct plan {
	placement *v; /* in the order of the requests */
	size_t n;
	cost_model model; /* the costs are in its pages */
	map_cost total, total_lower;
	/* When a request cannot be placed: which one and why (malloc'ed,
	 * or a static text when memory ran out; plan_free releases it). */
	const request *failed;
	char *why;
} plan;

/* The natural alignment of a request: the largest power of two not above
 * its size, capped at the largest page of the model (and at its backing
 * store's alignment), at least its own align. */
uint64_t plan_natural_align(const cost_model *m, const request *q);

/* Place every request.  False with p->failed and p->why when one cannot
 * be placed (an input problem is reported through err instead, with
 * p->failed NULL). */
bool plan_place(const layout *l, const requests *rq, const cost_model *m,
		plan *p, vl_error *err);
void plan_free(plan *p);

/* The cost model of a layout: its page sizes and flexpage cap. */
cost_model plan_cost_model(const layout *l);

/* The free space of a layout: its address space less every reserved
 * region; with exec_only, only the part below the exec limit
 * (layout_exec_space()), where a position-dependent image may go.  out is
 * initialised here; false only when memory runs out.  Free out with
 * va_set_free either way.  The searches in it are range.h's
 * va_set_lowest_fit, va_set_highest_fit and va_set_nearest_fit. */
bool plan_free_space(const layout *l, bool exec_only, va_set *out);

/* The requests every plan of a layout starts from: its reserved regions,
 * fixed where the platform keeps them (so that a plan's header names the
 * guest shadow the program must reserve).  False when memory runs out. */
bool plan_add_regions(const layout *l, requests *rq);

/* The request for a linked program image: its span (and linker area) at
 * its segments' alignment.  A position-dependent image is fixed where
 * `vaslint fix` puts it (plan_link_address), so the plan and the fixed
 * script agree; a position-independent one is placed like any request, at
 * the largest page.  False with err when it cannot be planned (an object
 * file, no loadable segments, no legal link address) or memory runs out. */
bool plan_add_image(const layout *l, const image *img, requests *rq,
		    vl_error *err);

/* The link address vaslint proposes for an image of size bytes: the
 * lowest legal one at the largest page alignment of the layout that has
 * one, stepping down through the page sizes but not below min_align.
 * Legal: inside the address space (below the exec limit) and clear of
 * every region.  False when no alignment has one. */
bool plan_link_address(const layout *l, uint64_t size, uint64_t min_align,
		       uint64_t *addr, uint64_t *align);

/* The lowest link address at which an image spanning `size` bytes (with
 * alignment `align`) lies inside the address space and clear of every
 * reserved region; false when none exists. */
bool plan_lowest_legal(const layout *l, uint64_t size, uint64_t align,
		       uint64_t *out);

/* Where `vaslint fix` moves an image of size bytes that a script links at
 * old: the lowest legal link address at the largest page alignment that
 * has one (the address check's hint names), or with near the legal one
 * closest to old.  False with err when the layout has no place for it. */
bool plan_image_base(const layout *l, uint64_t old, uint64_t size, bool near,
		     uint64_t *out, vl_error *err);
/* [base, base + size) lies in the free space below the exec limit. */
bool plan_image_legal(const layout *l, uint64_t base, uint64_t size);

#endif
