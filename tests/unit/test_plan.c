/* Unit tests for analyzer/plan.c: exact places, alignments and costs on
 * hand-built layouts; fixed requests and their conflicts; the cases where
 * Genode's first fit in arrival order loses and the planner must not; no
 * fit; the top of 32- and 64-bit spaces; backing alignment and offsets;
 * determinism. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "firstfit.h"
#include "plan.h"

#define U64(x)	      UINT64_C(x)
#define K4	      U64(0x1000)
#define K8	      U64(0x2000)
#define M2	      U64(0x200000)
#define M4	      U64(0x400000)
#define M8	      U64(0x800000)
#define M16	      U64(0x1000000)
#define M64	      U64(0x4000000)
#define M96	      U64(0x6000000)
#define M256	      U64(0x10000000)
#define M512	      U64(0x20000000)
#define G1	      U64(0x40000000)
#define G3	      U64(0xc0000000)
#define G4	      U64(0x100000000)
#define NOVA_FLEX     (U64(1) << 43)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const uint64_t x86_32_pages[] = {K4, M4};
static const uint64_t x86_64_pages[] = {K4, M2, G1};

/* A hand-built layout: no machines, no parameters; regions point into the
 * caller's array. */
static layout make_layout(const uint64_t *pages, size_t npages, uint64_t flex,
			  uint64_t start, uint64_t end)
{
	layout l;

	memset(&l, 0, sizeof(l));
	l.name = "test";
	l.page_sizes = (uint64_t *)pages;
	l.npage_sizes = npages;
	l.flexpage_max = flex;
	l.address_space = (va_range){start, end};
	return l;
}

static layout_region region(const char *name, uint64_t start, uint64_t end)
{
	layout_region r;

	memset(&r, 0, sizeof(r));
	r.name = (char *)name;
	r.range = (va_range){start, end};
	r.why = "kept by the platform";
	return r;
}

static size_t add(requests *rq, const char *name, uint64_t size)
{
	request q = {.name = (char *)name, .kind = REQ_ALLOCATE, .size = size};

	assert_true(requests_add(rq, &q));
	return rq->n - 1;
}

static size_t add_fixed(requests *rq, const char *name, uint64_t at,
			uint64_t size)
{
	request q = {.name = (char *)name,
		     .kind = REQ_ATTACH,
		     .size = size,
		     .fixed = true,
		     .at = at};

	assert_true(requests_add(rq, &q));
	return rq->n - 1;
}

/* Place and insist that it works. */
static void place(const layout *l, const requests *rq, plan *p)
{
	cost_model m = plan_cost_model(l);
	vl_error err = {0};

	if (!plan_place(l, rq, &m, p, &err))
		fail_msg("plan failed: %s", p->failed ? p->why : err.msg);
	assert_null(p->failed);
	assert_int_equal(p->n, rq->n);
	vl_error_free(&err);
}

/* Place and insist that it fails on a request (not an input error). */
static void place_fails(const layout *l, const requests *rq, plan *p)
{
	cost_model m = plan_cost_model(l);
	vl_error err = {0};

	assert_false(plan_place(l, rq, &m, p, &err));
	assert_non_null(p->failed);
	assert_null(err.msg);
	vl_error_free(&err);
}

static void assert_cost(const map_cost *c, uint64_t p0, uint64_t p1,
			uint64_t p2, uint64_t flex)
{
	assert_int_equal(c->pages[0], p0);
	assert_int_equal(c->pages[1], p1);
	assert_int_equal(c->pages[2], p2);
	assert_int_equal(c->total_pages, p0 + p1 + p2);
	assert_int_equal(c->flexpages, flex);
}

static void assert_same_cost(const map_cost *a, const map_cost *b)
{
	assert_memory_equal(a->pages, b->pages, sizeof(a->pages));
	assert_int_equal(a->total_pages, b->total_pages);
	assert_int_equal(a->flexpages, b->flexpages);
}

/* ---- Genode's core as the reference: firstfit.h ---- */

/* Returns false when a request finds no place; starts[] in request order. */
static bool genode_place(const layout *l, const requests *rq, uint64_t *starts,
			 map_cost *total)
{
	size_t placed = firstfit_place(l, rq, starts, total);

	assert_int_not_equal(placed, (size_t)-1);
	return placed == rq->n;
}

/* ---- The natural alignment ---- */

static void natural_alignment_is_capped_by_pages_backing_and_align(void **state)
{
	cost_model flat = {x86_32_pages, 2, 0};
	cost_model nova = {x86_32_pages, 2, NOVA_FLEX};
	request q = {.name = "q", .size = 3 * M2};

	(void)state;
	/* floor(log2(6M)) is 4M; without flexpages the 4M page caps it. */
	assert_int_equal(plan_natural_align(&flat, &q), M4);
	q.size = M64;
	assert_int_equal(plan_natural_align(&flat, &q), M4);
	/* Flexpages reach 2^43, so a 64M request wants 64M. */
	assert_int_equal(plan_natural_align(&nova, &q), M64);
	q.backing_align = M2;
	assert_int_equal(plan_natural_align(&nova, &q), M2);
	/* Never below the base page, but at least the request's own align. */
	q.backing_align = 0;
	q.size = 100;
	assert_int_equal(plan_natural_align(&nova, &q), K4);
	q.align = M16;
	assert_int_equal(plan_natural_align(&nova, &q), M16);
}

/* ---- Single requests ---- */

static void single_request_is_naturally_aligned(void **state)
{
	layout l = make_layout(x86_32_pages, 2, NOVA_FLEX, K4, G3);
	requests rq = {0};
	plan p;

	(void)state;
	add(&rq, "ds", M4);
	place(&l, &rq, &p);
	assert_ptr_equal(p.v[0].req, &rq.v[0]);
	assert_int_equal(p.v[0].start, M4);
	assert_int_equal(p.v[0].align, M4);
	assert_int_equal(p.v[0].want, M4);
	assert_cost(&p.v[0].cost, 0, 1, 0, 1);
	assert_cost(&p.v[0].lower, 0, 1, 0, 1);
	assert_cost(&p.total, 0, 1, 0, 1);
	assert_cost(&p.total_lower, 0, 1, 0, 1);
	plan_free(&p);
	requests_free(&rq);
}

/* DESIGN.md's example: 96M at a 64M-aligned address is 2 flexpages and 48
 * 2M pages. */
static void request_of_96m_lands_64m_aligned_as_two_flexpages(void **state)
{
	layout l = make_layout(x86_64_pages, 3, NOVA_FLEX, K4, U64(1) << 47);
	requests rq = {0};
	plan p;

	(void)state;
	add(&rq, "guest", M96);
	place(&l, &rq, &p);
	assert_int_equal(p.v[0].start, M64);
	assert_int_equal(p.v[0].align, M64);
	assert_int_equal(p.v[0].want, M64);
	assert_cost(&p.v[0].cost, 0, 48, 0, 2);
	assert_cost(&p.total, 0, 48, 0, 2);
	assert_cost(&p.total_lower, 0, 48, 0, 2);
	plan_free(&p);
	requests_free(&rq);
}

/* Largest alignment first, each in the smallest hole that holds it. */
static void
requests_go_largest_alignment_first_into_the_smallest_hole(void **state)
{
	layout l = make_layout(x86_32_pages, 2, NOVA_FLEX, K4, G3);
	requests rq = {0};
	plan p;

	(void)state;
	add_fixed(&rq, "fixed", U64(0x20001000), M4);
	add(&rq, "small", M4);
	add(&rq, "big", M512);
	place(&l, &rq, &p);
	/* The fixed request goes where it says, with what that costs. */
	assert_int_equal(p.v[0].start, U64(0x20001000));
	assert_int_equal(p.v[0].align, K4);
	assert_cost(&p.v[0].cost, 1024, 0, 0, 1024);
	assert_cost(&p.v[0].lower, 0, 1, 0, 1);
	/* [0x1000, 0x20001000) is 512M long but has no 512M-aligned slot. */
	assert_int_equal(p.v[2].start, U64(0x40000000));
	assert_int_equal(p.v[2].align, M512);
	assert_cost(&p.v[2].cost, 0, 128, 0, 1);
	/* The smallest hole left is [0x20401000, 0x40000000). */
	assert_int_equal(p.v[1].start, U64(0x20800000));
	assert_int_equal(p.v[1].align, M4);
	assert_cost(&p.v[1].cost, 0, 1, 0, 1);
	assert_cost(&p.total, 1024, 129, 0, 1026);
	assert_cost(&p.total_lower, 0, 130, 0, 3);
	plan_free(&p);
	requests_free(&rq);
}

/* ---- Fixed requests ---- */

static void fixed_request_over_a_region_fails_naming_the_region(void **state)
{
	layout_region regs[] = {region("context-area", G1, G1 + M256)};
	layout l = make_layout(x86_32_pages, 2, NOVA_FLEX, K4, G3);
	requests rq = {0};
	plan p;

	(void)state;
	l.regions = regs;
	l.nregions = ARRAY_SIZE(regs);
	add(&rq, "heap", M4);
	add_fixed(&rq, "utcb", G1 + M256 - K4, K8);
	place_fails(&l, &rq, &p);
	assert_ptr_equal(p.failed, &rq.v[1]);
	assert_string_equal(p.why, "request utcb is fixed at [0x4ffff000, "
				   "0x50001000), which overlaps "
				   "context-area");
	plan_free(&p);
	requests_free(&rq);
}

static void fixed_request_over_another_or_past_the_end_fails(void **state)
{
	layout l = make_layout(x86_32_pages, 2, 0, K4, G3);
	requests rq = {0};
	plan p;

	(void)state;
	add_fixed(&rq, "a", M4, M4);
	add_fixed(&rq, "b", M8 - K4, K8);
	place_fails(&l, &rq, &p);
	assert_ptr_equal(p.failed, &rq.v[1]);
	assert_string_equal(p.why,
			    "request b is fixed at [0x7ff000, 0x801000), "
			    "which overlaps another fixed request");
	plan_free(&p);
	requests_free(&rq);

	add_fixed(&rq, "top", G3 - K4, K8);
	place_fails(&l, &rq, &p);
	assert_ptr_equal(p.failed, &rq.v[0]);
	assert_string_equal(p.why,
			    "request top is fixed at [0xbffff000, 0xc0001000), "
			    "which overlaps the end of the address space");
	plan_free(&p);
	requests_free(&rq);
}

/* A fixed request that does not start on a page (its offset into the
 * store matches) takes its whole page from the free space, and a
 * neighbour may start on the next page. */
static void fixed_request_off_the_page_takes_its_whole_pages(void **state)
{
	layout l = make_layout(x86_32_pages, 2, 0, K4, K4 + 3 * K4);
	request q = {.name = "odd",
		     .size = 0x100,
		     .fixed = true,
		     .at = K4 + 0x10,
		     .has_offset = true,
		     .offset = 0x10};
	requests rq = {0};
	plan p;

	(void)state;
	assert_true(requests_add(&rq, &q));
	add(&rq, "next", K8);
	place(&l, &rq, &p);
	assert_int_equal(p.v[0].start, K4 + 0x10);
	assert_int_equal(p.v[1].start, K8);
	assert_int_equal(p.v[1].align, K8);
	assert_cost(&p.total, 3, 0, 0, 0);
	plan_free(&p);
	requests_free(&rq);
}

/* ---- Against Genode's first fit in arrival order ---- */

/* A 4K request before a 4M one: first fit puts the 4K in the only 4M
 * aligned slot, and the 4M has to take 1024 small pages. */
static void small_request_first_does_not_waste_the_aligned_slot(void **state)
{
	layout l = make_layout(x86_32_pages, 2, NOVA_FLEX, M4, M8 + K4);
	requests rq = {0};
	uint64_t ff[2];
	map_cost ffc;
	plan p;

	(void)state;
	add(&rq, "small", K4);
	add(&rq, "big", M4);
	assert_true(genode_place(&l, &rq, ff, &ffc));
	assert_int_equal(ff[0], M4);
	assert_int_equal(ff[1], M4 + K4);
	/* At 4M + 4K from offset 0 nothing but 4K fits, page or flexpage. */
	assert_cost(&ffc, 1025, 0, 0, 1025);

	place(&l, &rq, &p);
	assert_int_equal(p.v[1].start, M4);
	assert_int_equal(p.v[1].align, M4);
	assert_int_equal(p.v[0].start, M8);
	assert_int_equal(p.v[0].align, K4);
	assert_cost(&p.total, 1, 1, 0, 2);
	assert_same_cost(&p.total, &p.total_lower);
	assert_true(p.total.total_pages < ffc.total_pages);
	assert_true(p.total.flexpages < ffc.flexpages);
	plan_free(&p);
	requests_free(&rq);
}

/* First fit in arrival order runs out of space that largest first still
 * has: 4K, 2M and 6M - 4K fill [4M, 12M) exactly, but first fit leaves
 * the 4K and the 2M apart, with no 6M hole between them. */
static void largest_first_fits_where_first_fit_runs_out(void **state)
{
	layout l = make_layout(x86_32_pages, 2, 0, M4, 3 * M4);
	requests rq = {0};
	uint64_t ff[3];
	map_cost ffc;
	plan p;

	(void)state;
	add(&rq, "a", K4);
	add(&rq, "b", M2);
	add(&rq, "c", 3 * M2 - K4);
	assert_false(genode_place(&l, &rq, ff, &ffc));
	assert_int_equal(ff[0], M4);
	assert_int_equal(ff[1], 3 * M2);

	place(&l, &rq, &p);
	assert_int_equal(p.v[2].start, M4);
	assert_int_equal(p.v[2].align, M4);
	assert_int_equal(p.v[1].start, 5 * M2);
	assert_int_equal(p.v[1].align, M2);
	assert_int_equal(p.v[0].start, 5 * M2 - K4);
	assert_int_equal(p.v[0].align, K4);
	assert_cost(&p.total, 511 + 512 + 1, 1, 0, 0);
	plan_free(&p);
	requests_free(&rq);
}

static uint64_t rnd_next(uint64_t *s)
{
	/* splitmix64: the same stream on every machine */
	uint64_t z = (*s += U64(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * U64(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * U64(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Sizes from 4K to 128M - 4K, roughly log-uniform, page multiples. */
static uint64_t rnd_size(uint64_t *s)
{
	unsigned e = 12 + (unsigned)(rnd_next(s) % 15);

	return (U64(1) << e) + ((rnd_next(s) % (U64(1) << e)) & ~(K4 - 1));
}

/* A thousand random requests in a space filled to 80%: where first fit
 * places them all, the planner never needs more pages or flexpages. */
static void random_requests_cost_no_more_than_first_fit(void **state)
{
	static const uint64_t seeds[] = {1, 2, 3, 42, 4711};
	int compared = 0;

	(void)state;
	for (size_t k = 0; k < ARRAY_SIZE(seeds); k++) {
		uint64_t seed = seeds[k], total = 0, *ff;
		requests rq = {0};
		map_cost ffc;
		layout l;
		plan p;

		for (int i = 0; i < 1000; i++) {
			char name[16];
			snprintf(name, sizeof(name), "r%d", i);
			size_t j = add(&rq, name, rnd_size(&seed));
			total += rq.v[j].size;
		}
		l = make_layout(x86_64_pages, 3, NOVA_FLEX, G1,
				G1 + (total / 8 * 10 & ~(K4 - 1)));
		ff = calloc(rq.n, sizeof(*ff));
		assert_non_null(ff);
		place(&l, &rq, &p);
		if (genode_place(&l, &rq, ff, &ffc)) {
			compared++;
			if (p.total.total_pages > ffc.total_pages ||
			    p.total.flexpages > ffc.flexpages)
				fail_msg(
				    "seed %d: planner %d pages %d "
				    "flexpages, first fit %d, %d",
				    (int)seeds[k], (int)p.total.total_pages,
				    (int)p.total.flexpages,
				    (int)ffc.total_pages, (int)ffc.flexpages);
		}
		free(ff);
		plan_free(&p);
		requests_free(&rq);
	}
	/* not vacuous: first fit placed everything at least for some */
	assert_true(compared >= 3);
}

/* ---- Failure and the edges of the space ---- */

static void no_fit_fails_naming_the_request_and_its_size(void **state)
{
	layout l = make_layout(x86_32_pages, 2, 0, K4, M256);
	requests rq = {0};
	plan p;

	(void)state;
	/* 256M in [4K, 256M): the larger one goes first, at 4M, and leaves
	 * 4M - 4K below and 60M above it. */
	add(&rq, "heap", M64);
	add(&rq, "huge", 3 * M64);
	place_fails(&l, &rq, &p);
	assert_ptr_equal(p.failed, &rq.v[0]);
	assert_string_equal(p.why, "request heap (64 MiB) fits in no free "
				   "range of the address space");
	plan_free(&p);

	/* Alone, the whole space is one exact fit at 4K alignment. */
	requests_free(&rq);
	add(&rq, "all", M256 - K4);
	place(&l, &rq, &p);
	assert_int_equal(p.v[0].start, K4);
	assert_int_equal(p.v[0].align, K4);
	assert_int_equal(p.v[0].want, M4);
	/* From offset 0 at 4K: only 4K pages line up. */
	assert_cost(&p.v[0].cost, 65535, 0, 0, 0);
	plan_free(&p);
	requests_free(&rq);

	add(&rq, "bigger", M512);
	place_fails(&l, &rq, &p);
	assert_string_equal(p.why, "request bigger (512 MiB) fits in no free "
				   "range of the address space");
	plan_free(&p);
	requests_free(&rq);
}

/* The reason names the request whole, however long its name. */
static void failure_reason_keeps_a_long_name_whole(void **state)
{
	layout l = make_layout(x86_32_pages, 2, 0, K4, M256);
	requests rq = {0};
	char name[1001], *want;
	plan p;

	(void)state;
	memset(name, 'q', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	add(&rq, name, M512);
	place_fails(&l, &rq, &p);
	assert_true(asprintf(&want,
			     "request %s (512 MiB) fits in no free range of "
			     "the address space",
			     name) > 0);
	assert_string_equal(p.why, want);
	free(want);
	plan_free(&p);
	requests_free(&rq);
}

/* The last 4M of a space that ends at 4G or at 3G: the request ends
 * exactly at the end, nothing wraps. */
static void request_fits_exactly_at_the_top_of_a_32bit_space(void **state)
{
	static const uint64_t ends[] = {G4, G3};

	(void)state;
	for (size_t k = 0; k < ARRAY_SIZE(ends); k++) {
		layout_region regs[] = {region("low", K4, ends[k] - M4)};
		layout l = make_layout(x86_32_pages, 2, NOVA_FLEX, K4, ends[k]);
		requests rq = {0};
		plan p;

		l.regions = regs;
		l.nregions = ARRAY_SIZE(regs);
		add(&rq, "top", M4);
		place(&l, &rq, &p);
		assert_int_equal(p.v[0].start, ends[k] - M4);
		assert_int_equal(p.v[0].align, M4);
		assert_cost(&p.total, 0, 1, 0, 1);
		plan_free(&p);
		requests_free(&rq);

		add(&rq, "too-big", M4 + K4);
		place_fails(&l, &rq, &p);
		assert_ptr_equal(p.failed, &rq.v[0]);
		plan_free(&p);
		requests_free(&rq);

		/* A fixed page at the very top, and one that passes it. */
		add_fixed(&rq, "last", ends[k] - K4, K4);
		add(&rq, "below", M2);
		place(&l, &rq, &p);
		assert_int_equal(p.v[0].start, ends[k] - K4);
		assert_int_equal(p.v[1].start, ends[k] - M4);
		assert_int_equal(p.v[1].align, M2);
		assert_cost(&p.total, 513, 0, 0, 2);
		plan_free(&p);
		requests_free(&rq);
	}
}

/* The last 8M - 4K of a 64-bit space that ends one page below 2^64. */
static void request_fits_exactly_at_the_top_of_a_64bit_space(void **state)
{
	uint64_t end = ~K4 + 1, start = end - (M8 - K4);
	layout_region regs[] = {region("low", K4, start)};
	layout l = make_layout(x86_64_pages, 3, NOVA_FLEX, K4, end);
	requests rq = {0};
	plan p;

	(void)state;
	assert_int_equal(end, U64(0xfffffffffffff000));
	l.regions = regs;
	l.nregions = ARRAY_SIZE(regs);
	add(&rq, "top", M8 - K4);
	place(&l, &rq, &p);
	assert_int_equal(p.v[0].start, start);
	assert_int_equal(p.v[0].align, M4);
	assert_int_equal(p.v[0].want, M4);
	/* Three 2M pages and 511 4K pages; flexpages 4M, 2M, then 9 for the
	 * rest. */
	assert_cost(&p.total, 511, 3, 0, 11);
	plan_free(&p);
	requests_free(&rq);
}

/* ---- Weakened alignment, backing stores and offsets ---- */

/* 4M in [4K, 6M): no 4M-aligned slot, so 2M, reported as such. */
static void weakened_alignment_is_reported(void **state)
{
	layout l = make_layout(x86_32_pages, 2, NOVA_FLEX, K4, 3 * M2);
	requests rq = {0};
	plan p;

	(void)state;
	add(&rq, "ds", M4);
	place(&l, &rq, &p);
	assert_int_equal(p.v[0].start, M2);
	assert_int_equal(p.v[0].align, M2);
	assert_int_equal(p.v[0].want, M4);
	assert_cost(&p.v[0].cost, 1024, 0, 0, 2);
	assert_cost(&p.v[0].lower, 0, 1, 0, 1);
	plan_free(&p);
	requests_free(&rq);
}

/* A backing store aligned to only 2M: the request wants no more, and its
 * cost is what that backing store allows at best. */
static void backing_alignment_caps_the_wanted_alignment(void **state)
{
	layout l = make_layout(x86_64_pages, 3, NOVA_FLEX, K4, U64(1) << 47);
	request q = {.name = "ds", .size = M64, .backing_align = M2};
	requests rq = {0};
	plan p;

	(void)state;
	assert_true(requests_add(&rq, &q));
	place(&l, &rq, &p);
	assert_int_equal(p.v[0].want, M2);
	assert_int_equal(p.v[0].start, M2);
	assert_int_equal(p.v[0].align, M2);
	/* 2M + 4M + 8M + 16M + 32M + 2M: six flexpages, not one. */
	assert_cost(&p.v[0].cost, 0, 32, 0, 6);
	assert_same_cost(&p.v[0].cost, &p.v[0].lower);
	plan_free(&p);
	requests_free(&rq);
}

/* An offset of 4K into the backing store: the pages line up only where
 * the address minus the offset is aligned, so the planner must place the
 * request at an address congruent to the offset (the lower bound is then
 * reached), and report the alignment of that difference. */
static void offset_into_the_backing_store_is_honoured(void **state)
{
	layout l = make_layout(x86_32_pages, 2, NOVA_FLEX, K4, G3);
	request q = {
	    .name = "ds", .size = M8, .has_offset = true, .offset = K4};
	requests rq = {0};
	plan p;

	(void)state;
	assert_true(requests_add(&rq, &q));
	place(&l, &rq, &p);
	/* [4K, 8M + 4K) of the store: one 4M page and 1024 4K pages;
	 * flexpages 4K, 8K, ..., 2M, 4M, 4K. */
	assert_cost(&p.v[0].lower, 1024, 1, 0, 12);
	assert_int_equal((p.v[0].start - K4) % M8, 0);
	assert_same_cost(&p.v[0].cost, &p.v[0].lower);
	assert_int_equal(p.v[0].align, M8);
	plan_free(&p);
	requests_free(&rq);
}

/* ---- Many holes ---- */

/* 70 holes of 4M + 8K that hold a 4M request but at no 4M boundary, and
 * one large hole at the top: the aligned slot must be found, as first fit
 * finds it. */
static void aligned_slot_is_found_past_many_unaligned_holes(void **state)
{
	enum { HOLES = 70 };
	static char names[HOLES][16];
	layout_region regs[HOLES + 1];
	uint64_t base = M256, ff[1];
	layout l =
	    make_layout(x86_32_pages, 2, NOVA_FLEX, base, base + 80 * M16);
	requests rq = {0};
	map_cost ffc;
	plan p;

	(void)state;
	regs[0] = region("low", base, base + K4);
	for (int k = 0; k < HOLES; k++) {
		snprintf(names[k], sizeof(names[k]), "r%d", k);
		regs[k + 1] = region(names[k], base + k * M16 + K4 + M4 + K8,
				     base + (k + 1) * M16 + K4);
	}
	l.regions = regs;
	l.nregions = ARRAY_SIZE(regs);
	add(&rq, "ds", M4);
	assert_true(genode_place(&l, &rq, ff, &ffc));
	assert_int_equal(ff[0], base + HOLES * M16 + M4);
	assert_cost(&ffc, 0, 1, 0, 1);

	place(&l, &rq, &p);
	assert_int_equal(p.v[0].align, M4);
	assert_int_equal(p.v[0].start % M4, 0);
	assert_true(p.v[0].start >= base + HOLES * M16);
	assert_cost(&p.total, 0, 1, 0, 1);
	plan_free(&p);
	requests_free(&rq);
}

/* The same with a request that must have 4M alignment (an image's
 * p_align): it fits at the top, so the plan must not fail. */
static void aligned_request_fits_past_many_small_holes(void **state)
{
	enum { HOLES = 70 };
	static char names[HOLES][16];
	layout_region regs[HOLES + 1];
	uint64_t base = M256;
	layout l =
	    make_layout(x86_32_pages, 2, NOVA_FLEX, base, base + 80 * M16);
	request q = {
	    .name = "image", .kind = REQ_IMAGE, .size = K4, .align = M4};
	requests rq = {0};
	plan p;

	(void)state;
	regs[0] = region("low", base, base + K4);
	for (int k = 0; k < HOLES; k++) {
		snprintf(names[k], sizeof(names[k]), "r%d", k);
		regs[k + 1] = region(names[k], base + k * M16 + K4 + K8,
				     base + (k + 1) * M16 + K4);
	}
	l.regions = regs;
	l.nregions = ARRAY_SIZE(regs);
	assert_true(requests_add(&rq, &q));
	place(&l, &rq, &p);
	assert_int_equal(p.v[0].start % M4, 0);
	assert_true(p.v[0].start >= base + HOLES * M16);
	plan_free(&p);
	requests_free(&rq);
}

/* ---- Determinism ---- */

static void two_runs_give_the_same_plan(void **state)
{
	layout_region regs[] = {region("guest", 0, M256),
				region("stack", G1, G1 + M256)};
	layout l = make_layout(x86_64_pages, 3, NOVA_FLEX, K4, U64(1) << 40);
	uint64_t seed = 7;
	requests rq = {0};
	plan a, b;

	(void)state;
	l.regions = regs;
	l.nregions = ARRAY_SIZE(regs);
	for (int i = 0; i < 1000; i++) {
		char name[16];
		snprintf(name, sizeof(name), "r%d", i);
		/* many equal sizes, so ties have to be broken the same way */
		add(&rq, name, i % 3 ? rnd_size(&seed) : M2);
	}
	place(&l, &rq, &a);
	place(&l, &rq, &b);
	for (size_t i = 0; i < rq.n; i++) {
		assert_int_equal(a.v[i].start, b.v[i].start);
		assert_int_equal(a.v[i].align, b.v[i].align);
		assert_same_cost(&a.v[i].cost, &b.v[i].cost);
	}
	assert_same_cost(&a.total, &b.total);
	assert_same_cost(&a.total_lower, &b.total_lower);
	plan_free(&a);
	plan_free(&b);
	requests_free(&rq);
}

static void free_space_is_the_address_space_less_the_regions(void **state)
{
	layout_region regs[] = {region("guest", K4, M256),
				region("empty", M512, M512),
				region("stack", G1, G1 + M256)};
	layout l = make_layout(x86_32_pages, 2, NOVA_FLEX, K4, G3);
	va_set fs;

	(void)state;
	l.regions = regs;
	l.nregions = ARRAY_SIZE(regs);
	l.exec_limit = U64(0x80000000);
	assert_true(plan_free_space(&l, false, &fs));
	assert_int_equal(fs.n, 2);
	assert_int_equal(fs.v[0].start, M256);
	assert_int_equal(fs.v[0].end, G1);
	assert_int_equal(fs.v[1].start, G1 + M256);
	assert_int_equal(fs.v[1].end, G3);
	va_set_free(&fs);
	/* A position-dependent image stays below the exec limit. */
	assert_true(plan_free_space(&l, true, &fs));
	assert_int_equal(fs.n, 2);
	assert_int_equal(fs.v[1].start, G1 + M256);
	assert_int_equal(fs.v[1].end, U64(0x80000000));
	va_set_free(&fs);
}

static void free_space_is_empty_when_regions_cover_everything(void **state)
{
	layout_region regs[] = {region("all", 0, G4)};
	layout l = make_layout(x86_32_pages, 2, NOVA_FLEX, K4, G3);
	va_set fs;

	(void)state;
	l.regions = regs;
	l.nregions = ARRAY_SIZE(regs);
	assert_true(plan_free_space(&l, true, &fs));
	assert_int_equal(fs.n, 0);
	va_set_free(&fs);
}

static void regions_become_fixed_platform_requests(void **state)
{
	layout_region regs[] = {region("guest", 0, M256),
				region("empty", M512, M512),
				region("stack", G1, G1 + M256)};
	layout l = make_layout(x86_32_pages, 2, NOVA_FLEX, K4, G3);
	requests rq = {0};

	(void)state;
	l.regions = regs;
	l.nregions = ARRAY_SIZE(regs);
	assert_true(plan_add_regions(&l, &rq));
	/* An empty region reserves nothing. */
	assert_int_equal(rq.n, 2);
	assert_string_equal(rq.v[1].name, "stack");
	assert_int_equal(rq.v[1].kind, REQ_RESERVE);
	assert_true(rq.v[1].fixed && rq.v[1].platform);
	assert_int_equal(rq.v[1].at, G1);
	assert_int_equal(rq.v[1].size, M256);
	requests_free(&rq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
		natural_alignment_is_capped_by_pages_backing_and_align),
	    cmocka_unit_test(single_request_is_naturally_aligned),
	    cmocka_unit_test(request_of_96m_lands_64m_aligned_as_two_flexpages),
	    cmocka_unit_test(
		requests_go_largest_alignment_first_into_the_smallest_hole),
	    cmocka_unit_test(
		fixed_request_over_a_region_fails_naming_the_region),
	    cmocka_unit_test(fixed_request_over_another_or_past_the_end_fails),
	    cmocka_unit_test(fixed_request_off_the_page_takes_its_whole_pages),
	    cmocka_unit_test(
		small_request_first_does_not_waste_the_aligned_slot),
	    cmocka_unit_test(largest_first_fits_where_first_fit_runs_out),
	    cmocka_unit_test(random_requests_cost_no_more_than_first_fit),
	    cmocka_unit_test(no_fit_fails_naming_the_request_and_its_size),
	    cmocka_unit_test(failure_reason_keeps_a_long_name_whole),
	    cmocka_unit_test(request_fits_exactly_at_the_top_of_a_32bit_space),
	    cmocka_unit_test(request_fits_exactly_at_the_top_of_a_64bit_space),
	    cmocka_unit_test(weakened_alignment_is_reported),
	    cmocka_unit_test(backing_alignment_caps_the_wanted_alignment),
	    cmocka_unit_test(offset_into_the_backing_store_is_honoured),
	    cmocka_unit_test(aligned_slot_is_found_past_many_unaligned_holes),
	    cmocka_unit_test(aligned_request_fits_past_many_small_holes),
	    cmocka_unit_test(two_runs_give_the_same_plan),
	    cmocka_unit_test(free_space_is_the_address_space_less_the_regions),
	    cmocka_unit_test(free_space_is_empty_when_regions_cover_everything),
	    cmocka_unit_test(regions_become_fixed_platform_requests),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
