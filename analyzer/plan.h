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

#endif
