/* Unit tests for analyzer/range.c: checked arithmetic at the 32- and 64-bit
 * edges, alignment, range relations at touching edges, and range sets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "range.h"

#define U64(x) UINT64_C(x)

static void add_fits_up_to_uint64_max_and_fails_one_past(void **state)
{
	uint64_t r = 7;

	(void)state;
	assert_true(va_add(U64(0xffffffff), 1, &r));
	assert_int_equal(r, U64(0x100000000));
	assert_true(va_add(UINT64_MAX - 1, 1, &r));
	assert_int_equal(r, UINT64_MAX);
	assert_true(va_add(UINT64_MAX, 0, &r));
	assert_int_equal(r, UINT64_MAX);
	r = 7;
	assert_false(va_add(UINT64_MAX, 1, &r));
	assert_false(
	    va_add(U64(0x8000000000000000), U64(0x8000000000000000), &r));
	assert_int_equal(r, 7); /* untouched on overflow */
}

static void sub_fails_when_result_would_be_negative(void **state)
{
	uint64_t r = 7;

	(void)state;
	assert_true(va_sub(U64(0x100000000), 1, &r));
	assert_int_equal(r, U64(0xffffffff));
	assert_true(va_sub(5, 5, &r));
	assert_int_equal(r, 0);
	assert_true(va_sub(UINT64_MAX, UINT64_MAX, &r));
	assert_int_equal(r, 0);
	r = 7;
	assert_false(va_sub(4, 5, &r));
	assert_false(va_sub(0, UINT64_MAX, &r));
	assert_int_equal(r, 7);
}

static void mul_overflow_boundary_is_exact(void **state)
{
	uint64_t r = 7;

	(void)state;
	assert_true(va_mul(U64(0xffffffff), U64(0x100000001), &r));
	assert_int_equal(r, UINT64_MAX);
	assert_true(va_mul(U64(0x100000000), U64(0xffffffff), &r));
	assert_int_equal(r, U64(0xffffffff00000000));
	assert_true(va_mul(0, UINT64_MAX, &r));
	assert_int_equal(r, 0);
	assert_true(va_mul(UINT64_MAX, 1, &r));
	assert_int_equal(r, UINT64_MAX);
	r = 7;
	assert_false(va_mul(U64(0x100000000), U64(0x100000000), &r));
	assert_false(va_mul(U64(0xffffffff), U64(0x100000002), &r));
	assert_false(va_mul(2, U64(0x8000000000000000), &r));
	assert_int_equal(r, 7);
}

static void shl_fails_when_a_bit_falls_off_or_shift_is_64(void **state)
{
	uint64_t r = 7;

	(void)state;
	assert_true(va_shl(1, 63, &r));
	assert_int_equal(r, U64(0x8000000000000000));
	assert_true(va_shl(U64(0xffffffff), 32, &r));
	assert_int_equal(r, U64(0xffffffff00000000));
	assert_true(va_shl(UINT64_MAX, 0, &r));
	assert_int_equal(r, UINT64_MAX);
	r = 7;
	assert_false(va_shl(2, 63, &r));
	assert_false(va_shl(U64(0x1ffffffff), 32, &r));
	assert_false(va_shl(1, 64, &r));
	assert_false(va_shl(0, 64, &r));
	assert_false(va_shl(1, UINT64_MAX, &r));
	assert_int_equal(r, 7);
}

static void is_pow2_rejects_zero_and_non_powers(void **state)
{
	(void)state;
	assert_false(va_is_pow2(0));
	assert_true(va_is_pow2(1));
	assert_true(va_is_pow2(U64(0x80000000)));
	assert_true(va_is_pow2(U64(0x8000000000000000)));
	assert_false(va_is_pow2(3));
	assert_false(va_is_pow2(U64(0xffffffff)));
	assert_false(va_is_pow2(UINT64_MAX));
}

static void floor_pow2_of_edges(void **state)
{
	(void)state;
	assert_int_equal(va_floor_pow2(0), 0);
	assert_int_equal(va_floor_pow2(1), 1);
	assert_int_equal(va_floor_pow2(3), 2);
	assert_int_equal(va_floor_pow2(4096), 4096);
	assert_int_equal(va_floor_pow2(4097), 4096);
	assert_int_equal(va_floor_pow2(U64(0xffffffff)), U64(0x80000000));
	assert_int_equal(va_floor_pow2(U64(0x100000000)), U64(0x100000000));
	assert_int_equal(va_floor_pow2(UINT64_MAX), U64(0x8000000000000000));
}

static void align_down_clears_low_bits(void **state)
{
	(void)state;
	assert_int_equal(va_align_down(0x1fff, 0x1000), 0x1000);
	assert_int_equal(va_align_down(0x2000, 0x1000), 0x2000);
	assert_int_equal(va_align_down(UINT64_MAX, 0x1000),
			 U64(0xfffffffffffff000));
	assert_int_equal(va_align_down(UINT64_MAX, U64(0x8000000000000000)),
			 U64(0x8000000000000000));
	assert_int_equal(va_align_down(0x1234, 1), 0x1234);
	assert_int_equal(va_align_down(0x1234, 0), 0x1234); /* 0 acts as 1 */
}

static void align_up_rounds_and_fails_past_2_64(void **state)
{
	uint64_t r = 7;

	(void)state;
	assert_true(va_align_up(0x1001, 0x1000, &r));
	assert_int_equal(r, 0x2000);
	assert_true(va_align_up(0x1000, 0x1000, &r));
	assert_int_equal(r, 0x1000);
	assert_true(va_align_up(0, 0x1000, &r));
	assert_int_equal(r, 0);
	assert_true(va_align_up(U64(0xffffffff), 0x1000, &r));
	assert_int_equal(r, U64(0x100000000));
	assert_true(va_align_up(U64(0xfffffffffffff000), 0x1000, &r));
	assert_int_equal(r, U64(0xfffffffffffff000));
	assert_true(va_align_up(UINT64_MAX, 1, &r));
	assert_int_equal(r, UINT64_MAX);
	assert_true(va_align_up(1, U64(0x8000000000000000), &r));
	assert_int_equal(r, U64(0x8000000000000000));
	r = 7;
	assert_false(va_align_up(U64(0xfffffffffffff001), 0x1000, &r));
	assert_false(
	    va_align_up(U64(0x8000000000000001), U64(0x8000000000000000), &r));
	assert_int_equal(r, 7);
}

static void range_from_size_allows_end_uint64_max_only(void **state)
{
	va_range r = {1, 2};

	(void)state;
	assert_true(va_range_from_size(0x1000, 0x2000, &r));
	assert_int_equal(r.start, 0x1000);
	assert_int_equal(r.end, 0x3000);
	assert_int_equal(va_range_size(r), 0x2000);
	assert_true(
	    va_range_from_size(U64(0xffffffff00000000), U64(0xffffffff), &r));
	assert_int_equal(r.end, UINT64_MAX);
	r = (va_range){1, 2};
	assert_false(
	    va_range_from_size(U64(0xffffffff00000000), U64(0x100000000), &r));
	assert_int_equal(r.start, 1);
	assert_int_equal(r.end, 2);
}

static void empty_ranges(void **state)
{
	(void)state;
	assert_true(va_range_empty((va_range){5, 5}));
	assert_true(va_range_empty((va_range){6, 5}));
	assert_false(va_range_empty((va_range){5, 6}));
}

static void touching_ranges_do_not_overlap(void **state)
{
	va_range a = {0x1000, 0x2000};

	(void)state;
	assert_false(va_range_overlaps(a, (va_range){0x2000, 0x3000}));
	assert_false(va_range_overlaps(a, (va_range){0x0, 0x1000}));
	assert_true(va_range_overlaps(a, (va_range){0x1fff, 0x3000}));
	assert_true(va_range_overlaps(a, (va_range){0x0, 0x1001}));
	assert_true(va_range_overlaps(a, (va_range){0x1800, 0x1801}));
	assert_true(va_range_overlaps((va_range){0, UINT64_MAX},
				      (va_range){UINT64_MAX - 1, UINT64_MAX}));
	/* An empty range overlaps nothing, not even inside another. */
	assert_false(va_range_overlaps(a, (va_range){0x1800, 0x1800}));
}

static void contains_includes_both_edges(void **state)
{
	va_range a = {0x1000, 0x2000};

	(void)state;
	assert_true(va_range_contains(a, a));
	assert_true(va_range_contains(a, (va_range){0x1000, 0x1001}));
	assert_true(va_range_contains(a, (va_range){0x1fff, 0x2000}));
	assert_false(va_range_contains(a, (va_range){0x1fff, 0x2001}));
	assert_false(va_range_contains(a, (va_range){0xfff, 0x1001}));
	assert_false(va_range_contains((va_range){0x1800, 0x1900}, a));
	assert_true(va_range_contains((va_range){0, UINT64_MAX},
				      (va_range){0xffffffff, UINT64_MAX}));
	/* The empty set is inside everything. */
	assert_true(va_range_contains(a, (va_range){0x5000, 0x5000}));
}

static void intersect_gives_common_part_or_zero_range(void **state)
{
	va_range r;

	(void)state;
	r = va_range_intersect((va_range){0x1000, 0x3000},
			       (va_range){0x2000, 0x4000});
	assert_int_equal(r.start, 0x2000);
	assert_int_equal(r.end, 0x3000);
	r = va_range_intersect((va_range){0x1000, 0x2000},
			       (va_range){0x2000, 0x3000});
	assert_int_equal(r.start, 0);
	assert_int_equal(r.end, 0);
	r = va_range_intersect((va_range){0, UINT64_MAX},
			       (va_range){0xffffffff, 0x100000000});
	assert_int_equal(r.start, 0xffffffff);
	assert_int_equal(r.end, 0x100000000);
}

static void hex_is_lowercase_with_0x(void **state)
{
	char b[VA_HEX_LEN];

	(void)state;
	assert_string_equal(va_hex(0, b), "0x0");
	assert_string_equal(va_hex(0x47000000, b), "0x47000000");
	assert_string_equal(va_hex(0xABCDEF, b), "0xabcdef");
	assert_string_equal(va_hex(UINT64_MAX, b), "0xffffffffffffffff");
}

static void size_str_is_exact_where_short_else_marked_approximate(void **state)
{
	char b[VA_SIZE_LEN];

	(void)state;
	assert_string_equal(va_size_str(0, b), "0 bytes");
	assert_string_equal(va_size_str(1, b), "1 byte");
	assert_string_equal(va_size_str(1023, b), "1023 bytes");
	assert_string_equal(va_size_str(1024, b), "1 KiB");
	assert_string_equal(va_size_str(4096, b), "4 KiB");
	assert_string_equal(va_size_str(4097, b), "4097 bytes");
	assert_string_equal(va_size_str(1536, b), "1.5 KiB");
	assert_string_equal(va_size_str(U64(0x10000000), b), "256 MiB");
	assert_string_equal(va_size_str(U64(0x180000), b), "1.5 MiB");
	assert_string_equal(va_size_str(U64(0x140000), b), "1280 KiB");
	assert_string_equal(va_size_str(U64(0x40000000), b), "1 GiB");
	assert_string_equal(va_size_str(U64(0x4000000000), b), "256 GiB");
	assert_string_equal(va_size_str(U64(0x100000000), b), "4 GiB");
	assert_string_equal(va_size_str(U64(0xffffffff), b), "~4.0 GiB");
	assert_string_equal(va_size_str(U64(0x2fffc000), b), "~768.0 MiB");
	assert_string_equal(va_size_str(U64(0x15000), b), "84 KiB");
	assert_string_equal(va_size_str(U64(0x100001), b), "~1.0 MiB");
	assert_string_equal(va_size_str(U64(0x8000000000000000), b), "8 EiB");
	assert_string_equal(va_size_str(U64(0xc000000000000000), b), "12 EiB");
	assert_string_equal(va_size_str(UINT64_MAX, b), "~16.0 EiB");
}

/* Assert that s holds exactly the n ranges in want. */
static void check_set(const va_set *s, const va_range *want, size_t n)
{
	size_t i;

	assert_int_equal(s->n, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(s->v[i].start, want[i].start);
		assert_int_equal(s->v[i].end, want[i].end);
	}
}

static void set_add_keeps_sorted_and_merges_touching(void **state)
{
	va_set s;

	(void)state;
	va_set_init(&s);
	assert_true(va_set_add(&s, (va_range){0x5000, 0x6000}));
	assert_true(va_set_add(&s, (va_range){0x1000, 0x2000}));
	assert_true(va_set_add(&s, (va_range){0x3000, 0x4000}));
	check_set(
	    &s,
	    (va_range[]){{0x1000, 0x2000}, {0x3000, 0x4000}, {0x5000, 0x6000}},
	    3);
	/* Touching on the left and right edges merges into one. */
	assert_true(va_set_add(&s, (va_range){0x2000, 0x3000}));
	check_set(&s, (va_range[]){{0x1000, 0x4000}, {0x5000, 0x6000}}, 2);
	/* Empty ranges change nothing. */
	assert_true(va_set_add(&s, (va_range){0x4800, 0x4800}));
	check_set(&s, (va_range[]){{0x1000, 0x4000}, {0x5000, 0x6000}}, 2);
	/* A range spanning several swallows them. */
	assert_true(va_set_add(&s, (va_range){0x800, 0x7000}));
	check_set(&s, (va_range[]){{0x800, 0x7000}}, 1);
	/* A range already inside changes nothing. */
	assert_true(va_set_add(&s, (va_range){0x1000, 0x2000}));
	check_set(&s, (va_range[]){{0x800, 0x7000}}, 1);
	va_set_free(&s);
	assert_int_equal(s.n, 0);
	assert_null(s.v);
}

static void set_add_grows_past_initial_capacity(void **state)
{
	va_set s;
	uint64_t i;

	(void)state;
	va_set_init(&s);
	/* Added in descending order so every insertion is at the front. */
	for (i = 100; i > 0; i--)
		assert_true(va_set_add(&s, (va_range){i * 0x10, i * 0x10 + 8}));
	assert_int_equal(s.n, 100);
	for (i = 0; i < 100; i++) {
		assert_int_equal(s.v[i].start, (i + 1) * 0x10);
		assert_int_equal(s.v[i].end, (i + 1) * 0x10 + 8);
	}
	/* Filling the gaps merges everything. */
	assert_true(va_set_add(&s, (va_range){0x10, 0x648}));
	check_set(&s, (va_range[]){{0x10, 0x648}}, 1);
	va_set_free(&s);
}

static void set_remove_splits_trims_and_deletes(void **state)
{
	va_set s;

	(void)state;
	va_set_init(&s);
	assert_true(va_set_add(&s, (va_range){0x1000, 0x9000}));
	/* A hole in the middle splits the range in two. */
	assert_true(va_set_remove(&s, (va_range){0x4000, 0x5000}));
	check_set(&s, (va_range[]){{0x1000, 0x4000}, {0x5000, 0x9000}}, 2);
	/* Trimming at the start and at the end. */
	assert_true(va_set_remove(&s, (va_range){0x0, 0x2000}));
	assert_true(va_set_remove(&s, (va_range){0x8000, 0xa000}));
	check_set(&s, (va_range[]){{0x2000, 0x4000}, {0x5000, 0x8000}}, 2);
	/* Touching ranges are not affected. */
	assert_true(va_set_remove(&s, (va_range){0x4000, 0x5000}));
	check_set(&s, (va_range[]){{0x2000, 0x4000}, {0x5000, 0x8000}}, 2);
	/* Across both: trims the first, deletes nothing whole. */
	assert_true(va_set_remove(&s, (va_range){0x3000, 0x6000}));
	check_set(&s, (va_range[]){{0x2000, 0x3000}, {0x6000, 0x8000}}, 2);
	/* Covering one exactly removes it. */
	assert_true(va_set_remove(&s, (va_range){0x2000, 0x3000}));
	check_set(&s, (va_range[]){{0x6000, 0x8000}}, 1);
	assert_true(va_set_remove(&s, (va_range){0, UINT64_MAX}));
	check_set(&s, NULL, 0);
	/* Removing from an empty set is fine. */
	assert_true(va_set_remove(&s, (va_range){0, 0x1000}));
	check_set(&s, NULL, 0);
	va_set_free(&s);
}

static void set_remove_up_to_uint64_max(void **state)
{
	va_set s;

	(void)state;
	va_set_init(&s);
	assert_true(va_set_add(&s, (va_range){0, UINT64_MAX}));
	assert_true(va_set_remove(&s, (va_range){0xffffffff, UINT64_MAX}));
	check_set(&s, (va_range[]){{0, 0xffffffff}}, 1);
	assert_true(va_set_remove(&s, (va_range){0, 1}));
	check_set(&s, (va_range[]){{1, 0xffffffff}}, 1);
	va_set_free(&s);
}

static void set_contains_needs_one_merged_range(void **state)
{
	va_set s;

	(void)state;
	va_set_init(&s);
	assert_true(va_set_add(&s, (va_range){0x1000, 0x2000}));
	assert_true(va_set_add(&s, (va_range){0x2000, 0x3000}));
	assert_true(va_set_add(&s, (va_range){0x4000, 0x5000}));
	assert_true(va_set_contains(&s, (va_range){0x1000, 0x3000}));
	assert_true(va_set_contains(&s, (va_range){0x2fff, 0x3000}));
	assert_true(va_set_contains(&s, (va_range){0x4000, 0x5000}));
	assert_false(va_set_contains(&s, (va_range){0x2fff, 0x3001}));
	assert_false(va_set_contains(&s, (va_range){0x3000, 0x3001}));
	assert_false(va_set_contains(&s, (va_range){0x1000, 0x5000}));
	assert_false(va_set_contains(&s, (va_range){0x5000, 0x5001}));
	assert_false(va_set_contains(&s, (va_range){0xfff, 0x1000 + 1}));
	assert_true(va_set_contains(&s, (va_range){0x9000, 0x9000}));
	va_set_free(&s);
}

static void lowest_fit_respects_size_align_and_min(void **state)
{
	va_set s;
	uint64_t a = 7;

	(void)state;
	va_set_init(&s);
	assert_true(va_set_add(&s, (va_range){0x1100, 0x2000}));
	assert_true(va_set_add(&s, (va_range){0x3000, 0x8000}));
	/* Unaligned start of the first range is rounded up. */
	assert_true(va_set_lowest_fit(&s, 0x100, 0x100, 0, &a));
	assert_int_equal(a, 0x1100);
	assert_true(va_set_lowest_fit(&s, 0x100, 0x1000, 0, &a));
	assert_int_equal(a, 0x3000);
	/* Exactly filling the rest of a range fits. */
	assert_true(va_set_lowest_fit(&s, 0xf00, 1, 0, &a));
	assert_int_equal(a, 0x1100);
	/* One byte more does not, so the next range is used. */
	assert_true(va_set_lowest_fit(&s, 0xf01, 1, 0, &a));
	assert_int_equal(a, 0x3000);
	/* min inside a range. */
	assert_true(va_set_lowest_fit(&s, 0x1000, 0x1000, 0x3001, &a));
	assert_int_equal(a, 0x4000);
	assert_true(va_set_lowest_fit(&s, 0x10, 1, 0x1ff0, &a));
	assert_int_equal(a, 0x1ff0);
	assert_true(va_set_lowest_fit(&s, 0x11, 1, 0x1ff0, &a));
	assert_int_equal(a, 0x3000);
	/* Alignment pushes it out of the last range: no fit. */
	a = 7;
	assert_false(va_set_lowest_fit(&s, 0x1000, 0x8000, 0, &a));
	assert_false(va_set_lowest_fit(&s, 0x5001, 1, 0, &a));
	assert_false(va_set_lowest_fit(&s, 1, 1, 0x8000, &a));
	/* A non-power-of-two alignment has no answer. */
	assert_false(va_set_lowest_fit(&s, 1, 0x3000, 0, &a));
	assert_int_equal(a, 7);
	/* Size 0 still needs an address inside the set. */
	assert_true(va_set_lowest_fit(&s, 0, 0x1000, 0x2000, &a));
	assert_int_equal(a, 0x3000);
	va_set_free(&s);
}

static void lowest_fit_in_empty_set_fails(void **state)
{
	va_set s;
	uint64_t a = 7;

	(void)state;
	va_set_init(&s);
	assert_false(va_set_lowest_fit(&s, 1, 1, 0, &a));
	assert_int_equal(a, 7);
	va_set_free(&s);
}

static void lowest_fit_near_2_64_does_not_wrap(void **state)
{
	va_set s;
	uint64_t a = 7;

	(void)state;
	va_set_init(&s);
	assert_true(va_set_add(&s, (va_range){0x1000, 0x2000}));
	assert_true(
	    va_set_add(&s, (va_range){U64(0xfffffffffffff000), UINT64_MAX}));
	assert_true(va_set_lowest_fit(&s, 0xfff, 0x1000, 0x2000, &a));
	assert_int_equal(a, U64(0xfffffffffffff000));
	/* The last byte below 2^64 is never part of a range. */
	assert_false(va_set_lowest_fit(&s, 0x1000, 0x1000, 0x2000, &a));
	/* Aligning min up would pass 2^64. */
	assert_false(
	    va_set_lowest_fit(&s, 1, 0x1000, U64(0xfffffffffffff001), &a));
	assert_false(va_set_lowest_fit(&s, UINT64_MAX, 1, 0, &a));
	assert_true(va_set_lowest_fit(&s, 1, 1, UINT64_MAX - 1, &a));
	assert_int_equal(a, UINT64_MAX - 1);
	va_set_free(&s);
}

static void highest_fit_respects_size_align_and_max(void **state)
{
	va_set s;
	uint64_t a = 7;

	(void)state;
	va_set_init(&s);
	assert_true(va_set_add(&s, (va_range){0x1100, 0x2000}));
	assert_true(va_set_add(&s, (va_range){0x3000, 0x8000}));
	/* The top of the highest range that holds it. */
	assert_true(va_set_highest_fit(&s, 0x1000, 0x1000, UINT64_MAX, &a));
	assert_int_equal(a, 0x7000);
	/* max inside a range caps it there. */
	assert_true(va_set_highest_fit(&s, 0x1000, 0x1000, 0x5800, &a));
	assert_int_equal(a, 0x5000);
	/* max below the second range: the first, at its top. */
	assert_true(va_set_highest_fit(&s, 0x100, 0x100, 0x2fff, &a));
	assert_int_equal(a, 0x1f00);
	/* Exactly filling a range fits; aligned down below its start does
	 * not. */
	assert_true(va_set_highest_fit(&s, 0xf00, 1, 0x2fff, &a));
	assert_int_equal(a, 0x1100);
	a = 7;
	assert_false(va_set_highest_fit(&s, 0xf00, 0x1000, 0x2fff, &a));
	assert_false(va_set_highest_fit(&s, 0x5001, 1, UINT64_MAX, &a));
	assert_false(va_set_highest_fit(&s, 1, 1, 0x10ff, &a));
	/* A non-power-of-two alignment has no answer. */
	assert_false(va_set_highest_fit(&s, 1, 0x3000, UINT64_MAX, &a));
	assert_int_equal(a, 7);
	/* Size 0 still needs an address inside the set. */
	assert_true(va_set_highest_fit(&s, 0, 0x1000, UINT64_MAX, &a));
	assert_int_equal(a, 0x7000);
	va_set_free(&s);
}

/* A range may reach the top of the address space exactly; a byte more
 * passes it. */
static void ends_may_reach_the_top(void **state)
{
	uint64_t end;
	bool top;

	(void)state;
	assert_true(va_end_or_top(0x1000, 0x10, &end, &top));
	assert_false(top);
	assert_int_equal(end, 0x1010);
	assert_true(va_end_or_top(UINT64_MAX - 3, 4, &end, &top));
	assert_true(top);
	assert_int_equal(end, UINT64_MAX);
	assert_false(va_end_or_top(UINT64_MAX - 3, 5, &end, &top));
	assert_true(va_end_or_top(UINT64_MAX, 0, &end, &top));
	assert_false(top);
	assert_int_equal(end, UINT64_MAX);
}

static void nearest_fit_takes_the_closer_side(void **state)
{
	va_set s;
	uint64_t a = 7;

	(void)state;
	va_set_init(&s);
	assert_true(va_set_add(&s, (va_range){0x1000, 0x3000}));
	assert_true(va_set_add(&s, (va_range){0x6000, 0x9000}));
	/* Inside the set: that address itself. */
	assert_true(va_set_nearest_fit(&s, 0x1000, 0x1000, 0x7000, &a));
	assert_int_equal(a, 0x7000);
	/* Between the ranges: 0x2000 is 0x2000 below 0x4000, 0x6000 the
	 * same above, and a tie goes up. */
	assert_true(va_set_nearest_fit(&s, 0x1000, 0x1000, 0x4000, &a));
	assert_int_equal(a, 0x6000);
	assert_true(va_set_nearest_fit(&s, 0x1000, 0x1000, 0x3fff, &a));
	assert_int_equal(a, 0x2000);
	/* Only one side has room. */
	assert_true(va_set_nearest_fit(&s, 0x3000, 0x1000, 0x2000, &a));
	assert_int_equal(a, 0x6000);
	assert_true(va_set_nearest_fit(&s, 0x2000, 0x1000, 0xa000, &a));
	assert_int_equal(a, 0x7000);
	a = 7;
	assert_false(va_set_nearest_fit(&s, 0x4000, 0x1000, 0x4000, &a));
	assert_int_equal(a, 7);
	va_set_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(add_fits_up_to_uint64_max_and_fails_one_past),
	    cmocka_unit_test(sub_fails_when_result_would_be_negative),
	    cmocka_unit_test(mul_overflow_boundary_is_exact),
	    cmocka_unit_test(shl_fails_when_a_bit_falls_off_or_shift_is_64),
	    cmocka_unit_test(is_pow2_rejects_zero_and_non_powers),
	    cmocka_unit_test(floor_pow2_of_edges),
	    cmocka_unit_test(align_down_clears_low_bits),
	    cmocka_unit_test(align_up_rounds_and_fails_past_2_64),
	    cmocka_unit_test(range_from_size_allows_end_uint64_max_only),
	    cmocka_unit_test(empty_ranges),
	    cmocka_unit_test(touching_ranges_do_not_overlap),
	    cmocka_unit_test(contains_includes_both_edges),
	    cmocka_unit_test(intersect_gives_common_part_or_zero_range),
	    cmocka_unit_test(hex_is_lowercase_with_0x),
	    cmocka_unit_test(
		size_str_is_exact_where_short_else_marked_approximate),
	    cmocka_unit_test(set_add_keeps_sorted_and_merges_touching),
	    cmocka_unit_test(set_add_grows_past_initial_capacity),
	    cmocka_unit_test(set_remove_splits_trims_and_deletes),
	    cmocka_unit_test(set_remove_up_to_uint64_max),
	    cmocka_unit_test(set_contains_needs_one_merged_range),
	    cmocka_unit_test(lowest_fit_respects_size_align_and_min),
	    cmocka_unit_test(lowest_fit_in_empty_set_fails),
	    cmocka_unit_test(lowest_fit_near_2_64_does_not_wrap),
	    cmocka_unit_test(highest_fit_respects_size_align_and_max),
	    cmocka_unit_test(nearest_fit_takes_the_closer_side),
	    cmocka_unit_test(ends_may_reach_the_top),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
