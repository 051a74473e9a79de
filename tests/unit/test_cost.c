/* Unit tests for analyzer/cost.c: the closed-form split against a page by
 * page walk and against a true minimum on every small placement, the
 * examples of DESIGN.md, the 32- and 64-bit edges and the texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cost.h"

#define U64(x)	      UINT64_C(x)
#define K4	      U64(0x1000)
#define M2	      U64(0x200000)
#define M4	      U64(0x400000)
#define M64	      U64(0x4000000)
#define G1	      U64(0x40000000)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The small scale of the exhaustive tests: one unit is one 4 KiB page.
 * The page walk is slow (a minute under ASan on the full square), so it
 * takes offsets below WALK_OFFSETS only: that still gives every difference
 * modulo the largest page (64 units), and differences of 0, 64, 128 and 192
 * where nothing but the range limits the page.  The minimum by dynamic
 * programming is cheap and takes the full square. */
#define UNIT	     K4
#define SPAN	     256 /* vaddr and offset in [0, SPAN) units */
#define WALK_OFFSETS 64
#define MAXSIZE	     300 /* size in [1, MAXSIZE) units */
#define FLEXMAX	     32	 /* flexpage_max in units */

static const uint64_t x86_32_pages[] = {K4, M4};
static const uint64_t x86_64_pages[] = {K4, M2, G1};
static const uint64_t nova_flexpage_max = U64(1) << 43;

static const uint64_t small_a[] = {1 * UNIT, 4 * UNIT, 16 * UNIT};
static const uint64_t small_b[] = {1 * UNIT, 2 * UNIT, 8 * UNIT, 64 * UNIT};
/* Every power of two from the unit to FLEXMAX units: the flexpages. */
static const uint64_t small_flex[] = {1 * UNIT, 2 * UNIT,  4 * UNIT,
				      8 * UNIT, 16 * UNIT, 32 * UNIT};

/* The reference: walk [v, end) page by page, always taking the largest page
 * that is aligned in both v and o and still fits. */
static void walk_greedy(const uint64_t *sizes, size_t n, uint64_t v, uint64_t o,
			uint64_t end, uint64_t *counts)
{
	size_t i;

	memset(counts, 0, n * sizeof(*counts));
	while (v < end) {
		for (i = n; i-- > 0;) {
			uint64_t p = sizes[i];

			if ((v & (p - 1)) == 0 && (o & (p - 1)) == 0 &&
			    end - v >= p) {
				counts[i]++;
				v += p;
				o += p;
				break;
			}
		}
		assert_true(i < n); /* the base page always fits */
	}
}

static uint64_t sum(const uint64_t *x, size_t n)
{
	uint64_t s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += x[i];
	return s;
}

/* Both models, with flexpages and without, on every placement; the
 * flexpage walk does not depend on the page sizes, so it runs for one set. */
static void compare_with_walk(const uint64_t *sizes, size_t n, bool walk_flex)
{
	cost_model flex = {sizes, n, FLEXMAX * UNIT};
	cost_model noflex = {sizes, n, 0};
	uint64_t want[COST_MAX_PAGE_SIZES], wantflex[ARRAY_SIZE(small_flex)];
	uint64_t v, o, s;
	unsigned long calls = 0;
	size_t i;

	for (v = 0; v < SPAN; v++) {
		for (o = 0; o < WALK_OFFSETS; o++) {
			for (s = 1; s < MAXSIZE; s++) {
				map_cost c, c0;

				walk_greedy(sizes, n, v * UNIT, o * UNIT,
					    (v + s) * UNIT, want);
				if (walk_flex)
					walk_greedy(small_flex,
						    ARRAY_SIZE(small_flex),
						    v * UNIT, o * UNIT,
						    (v + s) * UNIT, wantflex);
				assert_true(cost_mapping(
				    &flex, s * UNIT, v * UNIT, o * UNIT, &c));
				assert_true(cost_mapping(&noflex, s * UNIT,
							 v * UNIT, o * UNIT,
							 &c0));
				for (i = 0; i < n; i++) {
					if (c.pages[i] != want[i] ||
					    c0.pages[i] != want[i])
						fail_msg("v %d o %d s %d size "
							 "%d: %d, %d, want %d",
							 (int)v, (int)o, (int)s,
							 (int)i,
							 (int)c.pages[i],
							 (int)c0.pages[i],
							 (int)want[i]);
				}
				for (; i < COST_MAX_PAGE_SIZES; i++)
					assert_int_equal(c.pages[i], 0);
				assert_int_equal(c.total_pages, sum(want, n));
				assert_int_equal(c0.total_pages, sum(want, n));
				if (walk_flex &&
				    c.flexpages !=
					sum(wantflex, ARRAY_SIZE(small_flex)))
					fail_msg(
					    "v %d o %d s %d: %d flexpages, "
					    "want %d",
					    (int)v, (int)o, (int)s,
					    (int)c.flexpages,
					    (int)sum(wantflex,
						     ARRAY_SIZE(small_flex)));
				assert_int_equal(c0.flexpages, 0);
				calls += 2;
			}
		}
	}
	assert_int_equal(calls, 2UL * SPAN * WALK_OFFSETS * (MAXSIZE - 1));
}

static void split_matches_page_walk_for_pages_1_4_16_and_flexpages(void **state)
{
	(void)state;
	compare_with_walk(small_a, ARRAY_SIZE(small_a), true);
}

static void split_matches_page_walk_for_pages_1_2_8_64(void **state)
{
	(void)state;
	compare_with_walk(small_b, ARRAY_SIZE(small_b), false);
}

/* The fewest pages of the given sizes (in units) that tile [x, b) for every
 * x in [lo, b), each page aligned in both x and x - diff: dp[x - lo]. */
static void min_tiling(const uint64_t *units, size_t n, uint64_t diff,
		       uint64_t lo, uint64_t b, uint64_t *dp)
{
	uint64_t x;
	size_t i;

	dp[b - lo] = 0;
	for (x = b; x-- > lo;) {
		uint64_t best = UINT64_MAX;

		for (i = 0; i < n; i++) {
			uint64_t p = units[i];

			/* x - diff wraps for a negative offset; a power of
			 * two divides it all the same. */
			if ((x & (p - 1)) != 0 || ((x - diff) & (p - 1)) != 0 ||
			    b - x < p)
				continue;
			if (dp[x + p - lo] + 1 < best)
				best = dp[x + p - lo] + 1;
		}
		dp[x - lo] = best;
	}
}

/* The greedy is optimal: on every placement its count is the true minimum
 * found by dynamic programming over positions. */
static void compare_with_minimum(const uint64_t *sizes, size_t n)
{
	cost_model m = {sizes, n, FLEXMAX * UNIT};
	uint64_t units[COST_MAX_PAGE_SIZES], flexunits[ARRAY_SIZE(small_flex)];
	uint64_t dp[MAXSIZE + 1], dpflex[MAXSIZE + 1];
	unsigned long checked = 0;
	int64_t d;
	uint64_t b, v;
	size_t i;

	for (i = 0; i < n; i++)
		units[i] = sizes[i] / UNIT;
	for (i = 0; i < ARRAY_SIZE(small_flex); i++)
		flexunits[i] = small_flex[i] / UNIT;
	for (d = -(SPAN - 1); d <= SPAN - 1; d++) {
		/* vaddr v and offset v - d both in [0, SPAN) */
		uint64_t vmin = d > 0 ? (uint64_t)d : 0;
		uint64_t vmax = d > 0 ? SPAN - 1 : (uint64_t)(SPAN - 1 + d);

		for (b = vmin + 1; b < vmax + MAXSIZE; b++) {
			uint64_t lo = b >= MAXSIZE - 1 ? b - (MAXSIZE - 1) : 0;

			if (lo < vmin)
				lo = vmin;
			min_tiling(units, n, (uint64_t)d, lo, b, dp);
			min_tiling(flexunits, ARRAY_SIZE(flexunits),
				   (uint64_t)d, lo, b, dpflex);
			for (v = lo; v < b && v <= vmax; v++) {
				map_cost c;

				assert_true(
				    cost_mapping(&m, (b - v) * UNIT, v * UNIT,
						 (v - (uint64_t)d) * UNIT, &c));
				if (c.total_pages != dp[v - lo] ||
				    c.flexpages != dpflex[v - lo])
					fail_msg("v %d d %d b %d: %d pages "
						 "%d flexpages, minimum %d %d",
						 (int)v, (int)d, (int)b,
						 (int)c.total_pages,
						 (int)c.flexpages,
						 (int)dp[v - lo],
						 (int)dpflex[v - lo]);
				checked++;
			}
		}
	}
	assert_int_equal(checked, (unsigned long)SPAN * SPAN * (MAXSIZE - 1));
}

static void greedy_is_minimal_for_pages_1_4_16(void **state)
{
	(void)state;
	compare_with_minimum(small_a, ARRAY_SIZE(small_a));
}

static void greedy_is_minimal_for_pages_1_2_8_64(void **state)
{
	(void)state;
	compare_with_minimum(small_b, ARRAY_SIZE(small_b));
}

/* Byte sizes and addresses inside a page: the mapping is rounded out to the
 * base page, vaddr down, the end up, the offset down by the same amount. */
static void mapping_is_rounded_out_to_the_base_page(void **state)
{
	static const uint64_t subpage[] = {0, 1, 2047, UNIT - 1};
	static const int64_t nudge[] = {-1, 0, 1};
	cost_model m = {small_b, ARRAY_SIZE(small_b), FLEXMAX * UNIT};
	uint64_t want[COST_MAX_PAGE_SIZES], wantflex[ARRAY_SIZE(small_flex)];
	uint64_t v, o, k;
	size_t r, j;

	(void)state;
	for (v = 0; v < 70; v++)
		for (o = 0; o < 16; o++)
			for (r = 0; r < ARRAY_SIZE(subpage); r++)
				for (k = 1; k < 140; k++)
					for (j = 0; j < ARRAY_SIZE(nudge);
					     j++) {
						uint64_t V =
						    v * UNIT + subpage[r];
						uint64_t O =
						    o * UNIT + subpage[r];
						uint64_t S = k * UNIT +
							     (uint64_t)nudge[j];
						uint64_t end =
						    (V + S + UNIT - 1) / UNIT *
						    UNIT;
						map_cost c;

						walk_greedy(small_b,
							    ARRAY_SIZE(small_b),
							    v * UNIT, o * UNIT,
							    end, want);
						walk_greedy(
						    small_flex,
						    ARRAY_SIZE(small_flex),
						    v * UNIT, o * UNIT, end,
						    wantflex);
						assert_true(cost_mapping(
						    &m, S, V, O, &c));
						assert_memory_equal(
						    c.pages, want,
						    sizeof(small_b));
						assert_int_equal(
						    c.flexpages,
						    sum(wantflex,
							ARRAY_SIZE(
							    small_flex)));
					}
}

/* DESIGN.md: a 4 MiB dataspace on x86_32 at 0x20001000 and at 0x20000000. */
static void design_example_4m_dataspace_on_x86_32(void **state)
{
	cost_model m = {x86_32_pages, 2, nova_flexpage_max};
	map_cost c;

	(void)state;
	assert_true(cost_mapping(&m, M4, 0x20001000, 0, &c));
	assert_int_equal(c.pages[0], 1024);
	assert_int_equal(c.pages[1], 0);
	assert_int_equal(c.total_pages, 1024);
	assert_int_equal(c.flexpages, 1024);

	assert_true(cost_mapping(&m, M4, 0x20000000, 0, &c));
	assert_int_equal(c.pages[0], 0);
	assert_int_equal(c.pages[1], 1);
	assert_int_equal(c.total_pages, 1);
	assert_int_equal(c.flexpages, 1);

	assert_true(cost_lower_bound(&m, M4, &c));
	assert_int_equal(c.pages[1], 1);
	assert_int_equal(c.total_pages, 1);
	assert_int_equal(c.flexpages, 1);
}

/* DESIGN.md: 96 MiB at a 64 MiB-aligned address is 2 flexpages; at an
 * address only 2 MiB aligned 7, when the backing store is aligned like the
 * address (offset congruent modulo 64 MiB), and 48 when it is 64 MiB aligned
 * itself, since then no flexpage above 2 MiB is aligned in both.  Always 48
 * hardware 2 MiB pages. */
static void design_example_96m_dataspace_flexpages(void **state)
{
	cost_model m = {x86_64_pages, 3, nova_flexpage_max};
	uint64_t size = 96 * U64(0x100000);
	/* 2 MiB but not 4 MiB aligned, in the lower half of a 64 MiB block */
	uint64_t at[] = {U64(0x80200000), U64(0x80600000), U64(0x80a00000),
			 U64(0x81e00000)};
	map_cost c;
	size_t i;

	(void)state;
	assert_true(cost_mapping(&m, size, U64(0x80000000), 0, &c));
	assert_int_equal(c.pages[0], 0);
	assert_int_equal(c.pages[1], 48);
	assert_int_equal(c.pages[2], 0);
	assert_int_equal(c.flexpages, 2);
	assert_true(cost_lower_bound(&m, size, &c));
	assert_int_equal(c.pages[1], 48);
	assert_int_equal(c.flexpages, 2);

	for (i = 0; i < ARRAY_SIZE(at); i++) {
		assert_true(cost_mapping(&m, size, at[i], at[i] % M64, &c));
		assert_int_equal(c.pages[0], 0);
		assert_int_equal(c.pages[1], 48);
		assert_int_equal(c.pages[2], 0);
		assert_int_equal(c.total_pages, 48);
		assert_int_equal(c.flexpages, 7);

		assert_true(cost_mapping(&m, size, at[i], 0, &c));
		assert_int_equal(c.pages[1], 48);
		assert_int_equal(c.flexpages, 48);
	}
	/* in the upper half it is 6: 2 MiB up to the 64 MiB boundary, one
	 * 64 MiB page, then 30 MiB as 16 + 8 + 4 + 2 */
	assert_true(
	    cost_mapping(&m, size, U64(0x83e00000), U64(0x3e00000), &c));
	assert_int_equal(c.pages[1], 48);
	assert_int_equal(c.flexpages, 6);
}

static void mapping_ending_exactly_at_4g(void **state)
{
	cost_model m = {x86_32_pages, 2, nova_flexpage_max};
	cost_model m64 = {x86_64_pages, 3, nova_flexpage_max};
	map_cost c;

	(void)state;
	assert_true(cost_mapping(&m, M4, U64(0xffc00000), 0, &c));
	assert_int_equal(c.pages[1], 1);
	assert_int_equal(c.total_pages, 1);
	assert_int_equal(c.flexpages, 1);

	assert_true(cost_mapping(&m, K4, U64(0xfffff000), 0, &c));
	assert_int_equal(c.pages[0], 1);
	assert_int_equal(c.flexpages, 1);

	/* 1023 small pages up to 0xffc00000, then one 4 MiB page; with the
	 * offset 0 no 4 MiB page is aligned in both, all small pages */
	assert_true(cost_mapping(&m, U64(0x100000000) - U64(0xff801000),
				 U64(0xff801000), 0x1000, &c));
	assert_int_equal(c.pages[0], 1023);
	assert_int_equal(c.pages[1], 1);
	assert_int_equal(c.flexpages, 11); /* popcount(0x3ff000) + 1 */
	assert_true(cost_mapping(&m, U64(0x100000000) - U64(0xff801000),
				 U64(0xff801000), 0, &c));
	assert_int_equal(c.pages[0], 2047);
	assert_int_equal(c.pages[1], 0);
	assert_int_equal(c.flexpages, 2047);

	/* crossing 4 GiB on a 64-bit machine */
	assert_true(cost_mapping(&m64, M4, U64(0xffe00000), 0, &c));
	assert_int_equal(c.pages[1], 2);
	assert_int_equal(c.total_pages, 2);
	assert_int_equal(c.flexpages, 2);
}

static void mapping_near_2_64(void **state)
{
	static const uint64_t huge[] = {K4, U64(1) << 63};
	cost_model m = {x86_64_pages, 3, nova_flexpage_max};
	cost_model h = {huge, 2, U64(1) << 63};
	uint64_t top2g = UINT64_MAX - 2 * G1 + 1;
	map_cost c;

	(void)state;
	/* rounded up, the end is 2^64: counted in pages it still fits */
	assert_true(cost_mapping(&m, 2 * G1 - 1, top2g, top2g, &c));
	assert_int_equal(c.pages[2], 2);
	assert_int_equal(c.total_pages, 2);
	assert_int_equal(c.flexpages, 1);
	assert_true(cost_mapping(&m, K4 - 1, UINT64_MAX - K4 + 1, 0, &c));
	assert_int_equal(c.pages[0], 1);
	assert_true(cost_mapping(&m, 1, UINT64_MAX - 1, 0xfff - 1, &c));
	assert_int_equal(c.total_pages, 1);

	/* the whole address space but its last page, and but its last byte,
	 * which rounds up to all of it */
	assert_true(cost_mapping(&h, UINT64_MAX - K4 + 1, 0, 0, &c));
	assert_int_equal(c.pages[1], 1);
	assert_int_equal(c.pages[0], (U64(1) << 51) - 1);
	assert_int_equal(c.flexpages, 52);
	assert_true(cost_mapping(&h, UINT64_MAX, 0, 0, &c));
	assert_int_equal(c.pages[1], 2);
	assert_int_equal(c.pages[0], 0);
	assert_int_equal(c.flexpages, 2);

	/* an offset above the address: only the difference's low bits count */
	assert_true(
	    cost_mapping(&m, 2 * G1, 2 * G1, U64(0xffffffff80000000), &c));
	assert_int_equal(c.pages[2], 2);
	assert_int_equal(c.flexpages, 1);
}

static void end_past_uint64_max_is_refused(void **state)
{
	cost_model m = {x86_64_pages, 3, nova_flexpage_max};
	map_cost c, untouched;

	(void)state;
	memset(&c, 0x5a, sizeof(c));
	untouched = c;
	assert_false(cost_mapping(&m, 2 * G1, UINT64_MAX - 2 * G1 + 1, 0, &c));
	assert_false(cost_mapping(&m, 1, UINT64_MAX, 0, &c));
	assert_false(cost_mapping(&m, UINT64_MAX, 1, 1, &c));
	assert_false(cost_mapping(&m, U64(1) << 63, U64(1) << 63, 0, &c));
	assert_memory_equal(&c, &untouched, sizeof(c));
	assert_int_equal(cost_best_page(&m, 1, UINT64_MAX, 0), 0);
}

static void vaddr_and_offset_apart_in_the_base_page_are_refused(void **state)
{
	cost_model m = {x86_64_pages, 3, 0};
	map_cost c, untouched;

	(void)state;
	memset(&c, 0x5a, sizeof(c));
	untouched = c;
	assert_false(cost_mapping(&m, M2, 0x1001, 0x1000, &c));
	assert_false(cost_mapping(&m, M2, 0x200000, 0x800, &c));
	assert_false(cost_mapping(&m, K4, 0, UINT64_MAX, &c));
	assert_memory_equal(&c, &untouched, sizeof(c));
	assert_int_equal(cost_best_page(&m, M2, 0x200000, 0x800), 0);
	/* apart by whole pages is fine, and so is a shared sub-page offset */
	assert_true(cost_mapping(&m, M2, 0x200800, 0x7800, &c));
	assert_int_equal(c.pages[0], 513);
}

static void invalid_models_and_sizes_are_refused(void **state)
{
	static const uint64_t not_pow2[] = {K4, 3 * K4};
	static const uint64_t descending[] = {M2, K4};
	static const uint64_t twice[] = {K4, K4};
	static const uint64_t zero[] = {0, K4};
	static const uint64_t nine[] = {1, 2, 4, 8, 16, 32, 64, 128, 256};
	const cost_model bad[] = {
	    {NULL, 1, 0},
	    {x86_64_pages, 0, 0},
	    {not_pow2, 2, 0},
	    {descending, 2, 0},
	    {twice, 2, 0},
	    {zero, 2, 0},
	    {nine, 9, 0},
	    {x86_64_pages, 3, 3 * G1},
	    {x86_64_pages, 3, 2048},
	};
	cost_model eight = {nine, 8, 0};
	cost_model good = {x86_64_pages, 3, 0};
	map_cost c;
	char buf[COST_STR_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_false(cost_mapping(&bad[i], M2, 0, 0, &c));
		assert_false(cost_lower_bound(&bad[i], M2, &c));
		assert_int_equal(cost_best_page(&bad[i], M2, 0, 0), 0);
	}
	assert_false(cost_mapping(NULL, M2, 0, 0, &c));
	assert_false(cost_mapping(&good, M2, 0, 0, NULL));
	assert_false(cost_mapping(&good, 0, 0, 0, &c));
	assert_false(cost_lower_bound(&good, 0, &c));

	/* eight sizes is the most, and a base page of one byte is allowed */
	assert_true(cost_mapping(&eight, 254, 1, 1, &c));
	assert_int_equal(c.pages[0], 2);
	assert_int_equal(c.pages[6], 2);
	assert_int_equal(c.pages[7], 0);
	assert_int_equal(c.total_pages, 14);
	assert_string_equal(
	    cost_str(&eight, &c, buf, sizeof(buf)),
	    "2 64 pages + 2 32 pages + 2 16 pages + 2 8 pages + "
	    "2 4 pages + 2 2 pages + 2 1 pages");
	/* with vaddr and offset an odd byte apart only single bytes map */
	assert_true(cost_mapping(&eight, 254, 1, 0, &c));
	assert_int_equal(c.pages[0], 254);
	assert_int_equal(c.total_pages, 254);
}

static void best_page_is_the_largest_page_used(void **state)
{
	cost_model x86 = {x86_32_pages, 2, nova_flexpage_max};
	cost_model x64 = {x86_64_pages, 3, 0};

	(void)state;
	assert_int_equal(cost_best_page(&x86, M4, 0x20001000, 0), K4);
	assert_int_equal(cost_best_page(&x86, M4, 0x20000000, 0), M4);
	assert_int_equal(cost_best_page(&x86, M4, 0, 0), M4);
	/* not above the size: 4 MiB less one page cannot use a 4 MiB page */
	assert_int_equal(cost_best_page(&x86, M4 - K4, 0, 0), K4);
	/* but a size rounded up to 4 MiB can */
	assert_int_equal(cost_best_page(&x86, M4 - 1, 0, 0), M4);
	assert_int_equal(cost_best_page(&x86, 100, 0x20000000, 0), K4);
	/* one large page somewhere in the middle is enough */
	assert_int_equal(cost_best_page(&x86, 2 * M4, 0x20001000, 0x1000), M4);
	assert_int_equal(
	    cost_best_page(&x64, 96 * U64(0x100000), 0x80200000, 0), M2);
	assert_int_equal(cost_best_page(&x64, 2 * G1, G1, 0), G1);
	assert_int_equal(cost_best_page(&x64, 2 * G1, G1 + M2, M2), G1);
	assert_int_equal(cost_best_page(&x64, 2 * G1, G1 + M2, 0), M2);
	assert_int_equal(cost_best_page(&x64, 2 * G1, G1 + K4, 0), K4);
}

static void cost_text_names_counts_and_sizes(void **state)
{
	cost_model x86 = {x86_32_pages, 2, 0};
	cost_model nova = {x86_64_pages, 3, nova_flexpage_max};
	char buf[COST_STR_LEN];
	map_cost c;

	(void)state;
	assert_true(cost_mapping(&x86, M4, 0x20001000, 0, &c));
	assert_string_equal(cost_str(&x86, &c, buf, sizeof(buf)),
			    "1024 4K pages");
	assert_true(cost_mapping(&x86, M4 + 2 * K4, 0, 0, &c));
	assert_string_equal(cost_str(&x86, &c, buf, sizeof(buf)),
			    "1 4M page + 2 4K pages");
	assert_true(cost_mapping(&x86, K4, 0, 0, &c));
	assert_string_equal(cost_str(&x86, &c, buf, sizeof(buf)), "1 4K page");

	assert_true(
	    cost_mapping(&nova, 96 * U64(0x100000), 0x80200000, 0x200000, &c));
	assert_string_equal(cost_str(&nova, &c, buf, sizeof(buf)),
			    "48 2M pages, 7 flexpages");
	assert_true(cost_mapping(&nova, G1 + M2 + K4, 0, 0, &c));
	assert_string_equal(cost_str(&nova, &c, buf, sizeof(buf)),
			    "1 1G page + 1 2M page + 1 4K page, 3 flexpages");
	assert_true(cost_mapping(&nova, G1, G1, 0, &c));
	assert_string_equal(cost_str(&nova, &c, buf, sizeof(buf)),
			    "1 1G page, 1 flexpage");

	/* cut to the buffer, always terminated */
	assert_string_equal(cost_str(&nova, &c, buf, 8), "1 1G pa");
	assert_string_equal(cost_str(&nova, &c, buf, 1), "");
	buf[0] = 'x';
	assert_ptr_equal(cost_str(&nova, &c, buf, 0), buf);
	assert_int_equal(buf[0], 'x');
}

static void worst_case_text_fits_cost_str_len(void **state)
{
	static const uint64_t sizes[] = {
	    U64(1) << 56, U64(1) << 57, U64(1) << 58, U64(1) << 59,
	    U64(1) << 60, U64(1) << 61, U64(1) << 62, U64(1) << 63};
	cost_model m = {sizes, 8, U64(1) << 63};
	map_cost c;
	char buf[COST_STR_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < 8; i++)
		c.pages[i] = UINT64_MAX;
	c.total_pages = UINT64_MAX;
	c.flexpages = UINT64_MAX;
	cost_str(&m, &c, buf, sizeof(buf));
	assert_true(strlen(buf) < sizeof(buf) - 1);
	assert_non_null(strstr(buf, "18446744073709551615 8E pages + "));
	assert_non_null(strstr(buf, ", 18446744073709551615 flexpages"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
		split_matches_page_walk_for_pages_1_4_16_and_flexpages),
	    cmocka_unit_test(split_matches_page_walk_for_pages_1_2_8_64),
	    cmocka_unit_test(greedy_is_minimal_for_pages_1_4_16),
	    cmocka_unit_test(greedy_is_minimal_for_pages_1_2_8_64),
	    cmocka_unit_test(mapping_is_rounded_out_to_the_base_page),
	    cmocka_unit_test(design_example_4m_dataspace_on_x86_32),
	    cmocka_unit_test(design_example_96m_dataspace_flexpages),
	    cmocka_unit_test(mapping_ending_exactly_at_4g),
	    cmocka_unit_test(mapping_near_2_64),
	    cmocka_unit_test(end_past_uint64_max_is_refused),
	    cmocka_unit_test(
		vaddr_and_offset_apart_in_the_base_page_are_refused),
	    cmocka_unit_test(invalid_models_and_sizes_are_refused),
	    cmocka_unit_test(best_page_is_the_largest_page_used),
	    cmocka_unit_test(cost_text_names_counts_and_sizes),
	    cmocka_unit_test(worst_case_text_fits_cost_str_len),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
