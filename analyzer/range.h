/* 64-bit address ranges and overflow-checked arithmetic.
 *
 * Every range is half-open, [start, end).  A range can never end at 2^64;
 * any computation that would need that reports overflow instead, so callers
 * learn about wrap-around at the one place where it happens. */
#ifndef VASLINT_RANGE_H
#define VASLINT_RANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct va_range {
	uint64_t start;
	uint64_t end;
} va_range;

/* Checked arithmetic: return true and store the result when it fits in
 * 64 bits, return false (leaving *out untouched) on overflow.  va_add and
 * va_align_down are inline: the planner's inner loop calls them millions of
 * times. */
static inline bool va_add(uint64_t a, uint64_t b, uint64_t *out)
{
	if (b > UINT64_MAX - a)
		return false;
	*out = a + b;
	return true;
}
bool va_sub(uint64_t a, uint64_t b, uint64_t *out);
bool va_mul(uint64_t a, uint64_t b, uint64_t *out);
bool va_shl(uint64_t a, uint64_t shift, uint64_t *out);

bool va_is_pow2(uint64_t x);
/* Largest power of two not above x; 0 for x == 0. */
uint64_t va_floor_pow2(uint64_t x);
/* Round down/up to a multiple of align, which must be a power of two. */
static inline uint64_t va_align_down(uint64_t x, uint64_t align)
{
	if (align <= 1)
		return x;
	return x & ~(align - 1);
}
bool va_align_up(uint64_t x, uint64_t align, uint64_t *out);

/* Where [start, start + size) ends: *end, or, when its last byte is the
 * last address (2^64, its end, fits no uint64_t), *top and *end = 2^64 - 1,
 * a byte short.  False when it passes the top. */
bool va_end_or_top(uint64_t start, uint64_t size, uint64_t *end, bool *top);

/* [start, start + size); false when start + size would pass 2^64 - 1. */
bool va_range_from_size(uint64_t start, uint64_t size, va_range *out);
static inline uint64_t va_range_size(va_range r)
{
	return r.end - r.start;
}
static inline bool va_range_empty(va_range r)
{
	return r.end <= r.start;
}
bool va_range_overlaps(va_range a, va_range b);
/* b lies entirely inside a. */
bool va_range_contains(va_range a, va_range b);
va_range va_range_intersect(va_range a, va_range b);

/* A set of disjoint ranges kept sorted by start, adjacent ones merged. */
typedef struct va_set {
	va_range *v;
	size_t n;
	size_t cap;
} va_set;

void va_set_init(va_set *s);
void va_set_free(va_set *s);
/* Add r to the set; false only when memory runs out. */
bool va_set_add(va_set *s, va_range r);
/* Remove r from the set; false only when memory runs out. */
bool va_set_remove(va_set *s, va_range r);
bool va_set_contains(const va_set *s, va_range r);
/* The lowest address a >= min with a % align == 0 such that
 * [a, a + size) lies in the set.  False when there is none. */
bool va_set_lowest_fit(const va_set *s, uint64_t size, uint64_t align,
		       uint64_t min, uint64_t *out);
/* The highest address a <= max with a % align == 0 such that
 * [a, a + size) lies in the set.  False when there is none. */
bool va_set_highest_fit(const va_set *s, uint64_t size, uint64_t align,
			uint64_t max, uint64_t *out);
/* The address a % align == 0 closest to x, above or below it, such that
 * [a, a + size) lies in the set; the one above on a tie.  False when
 * there is none. */
bool va_set_nearest_fit(const va_set *s, uint64_t size, uint64_t align,
			uint64_t x, uint64_t *out);

/* "0x47000000": writes at most 19 bytes including the terminator. */
#define VA_HEX_LEN 19
const char *va_hex(uint64_t x, char buf[VA_HEX_LEN]);
/* A size for people: "256 MiB", "4 KiB", "1.5 MiB", "4097 bytes".  The
 * buffer must hold VA_SIZE_LEN bytes. */
#define VA_SIZE_LEN 32
const char *va_size_str(uint64_t x, char buf[VA_SIZE_LEN]);

#endif
