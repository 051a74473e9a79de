/* 64-bit address ranges, range sets and overflow-checked arithmetic.
 *
 * This is the one place where address arithmetic may wrap, so every helper
 * here either proves the result fits or says it does not. */
#include "range.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool va_sub(uint64_t a, uint64_t b, uint64_t *out)
{
	/* Addresses are unsigned; a negative difference is a caller's bug or a
	 * bad layout, never a value to carry on with. */
	if (b > a)
		return false;
	*out = a - b;
	return true;
}

bool va_mul(uint64_t a, uint64_t b, uint64_t *out)
{
	if (a != 0 && b > UINT64_MAX / a)
		return false;
	*out = a * b;
	return true;
}

bool va_shl(uint64_t a, uint64_t shift, uint64_t *out)
{
	/* A shift by 64 or more is undefined in C and meaningless for an
	 * address, so it fails even for a == 0. */
	if (shift >= 64)
		return false;
	if (a > (UINT64_MAX >> shift))
		return false;
	*out = a << shift;
	return true;
}

bool va_is_pow2(uint64_t x)
{
	return x != 0 && (x & (x - 1)) == 0;
}

uint64_t va_floor_pow2(uint64_t x)
{
	if (x == 0)
		return 0;
	return UINT64_C(1) << (63 - __builtin_clzll(x));
}

/* An alignment of 0 is treated as 1 (no alignment) so that a missing value
 * cannot turn every address into 0. */
bool va_align_up(uint64_t x, uint64_t align, uint64_t *out)
{
	uint64_t t;

	if (align <= 1) {
		*out = x;
		return true;
	}
	if (!va_add(x, align - 1, &t))
		return false;
	*out = va_align_down(t, align);
	return true;
}

bool va_end_or_top(uint64_t start, uint64_t size, uint64_t *end, bool *top)
{
	*top = false;
	if (va_add(start, size, end))
		return true;
	if (size - 1 != UINT64_MAX - start) /* size is not 0 here */
		return false;
	*top = true;
	*end = UINT64_MAX;
	return true;
}

bool va_range_from_size(uint64_t start, uint64_t size, va_range *out)
{
	uint64_t end;

	if (!va_add(start, size, &end))
		return false;
	out->start = start;
	out->end = end;
	return true;
}

bool va_range_overlaps(va_range a, va_range b)
{
	if (va_range_empty(a) || va_range_empty(b))
		return false;
	return a.start < b.end && b.start < a.end;
}

bool va_range_contains(va_range a, va_range b)
{
	/* The empty set is a subset of every set. */
	if (va_range_empty(b))
		return true;
	return a.start <= b.start && b.end <= a.end;
}

va_range va_range_intersect(va_range a, va_range b)
{
	va_range r = {
	    .start = a.start > b.start ? a.start : b.start,
	    .end = a.end < b.end ? a.end : b.end,
	};

	/* One canonical empty range, so callers comparing results see equal
	 * values for "nothing in common". */
	if (va_range_empty(r) || va_range_empty(a) || va_range_empty(b))
		return (va_range){0, 0};
	return r;
}

void va_set_init(va_set *s)
{
	s->v = NULL;
	s->n = 0;
	s->cap = 0;
}

void va_set_free(va_set *s)
{
	free(s->v);
	va_set_init(s);
}

/* Make room for at least want ranges; the set is unchanged on failure. */
static bool va_set_reserve(va_set *s, size_t want)
{
	size_t cap;
	va_range *v;

	if (want <= s->cap)
		return true;
	cap = s->cap ? s->cap : 8;
	while (cap < want) {
		if (cap > SIZE_MAX / 2)
			return false;
		cap *= 2;
	}
	if (cap > SIZE_MAX / sizeof(*v))
		return false;
	v = realloc(s->v, cap * sizeof(*v));
	if (!v)
		return false;
	s->v = v;
	s->cap = cap;
	return true;
}

/* Index of the first range whose end is above addr (or equal to it when
 * touching counts); ranges are sorted and disjoint, so ends are sorted too. */
static size_t va_set_first_end_after(const va_set *s, uint64_t addr,
				     bool touching)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		bool before =
		    touching ? s->v[mid].end < addr : s->v[mid].end <= addr;
		if (before)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Index of the first range at or after i whose start is above addr (or at it
 * when touching does not count). */
static size_t va_set_first_start_after(const va_set *s, size_t i, uint64_t addr,
				       bool touching)
{
	size_t lo = i, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		bool inside =
		    touching ? s->v[mid].start <= addr : s->v[mid].start < addr;
		if (inside)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Replace v[i, j) with the k ranges in repl; capacity is already there. */
static void va_set_splice(va_set *s, size_t i, size_t j, const va_range *repl,
			  size_t k)
{
	memmove(&s->v[i + k], &s->v[j], (s->n - j) * sizeof(s->v[0]));
	if (k)
		memcpy(&s->v[i], repl, k * sizeof(s->v[0]));
	s->n = s->n - (j - i) + k;
}

bool va_set_add(va_set *s, va_range r)
{
	size_t i, j;
	va_range m = r;

	if (va_range_empty(r))
		return true;
	/* Ranges that overlap or touch r are merged into one. */
	i = va_set_first_end_after(s, r.start, true);
	j = va_set_first_start_after(s, i, r.end, true);
	if (i < j) {
		if (s->v[i].start < m.start)
			m.start = s->v[i].start;
		if (s->v[j - 1].end > m.end)
			m.end = s->v[j - 1].end;
	} else if (!va_set_reserve(s, s->n + 1)) {
		return false;
	}
	va_set_splice(s, i, j, &m, 1);
	return true;
}

bool va_set_remove(va_set *s, va_range r)
{
	size_t i, j, k = 0;
	va_range keep[2];

	if (va_range_empty(r))
		return true;
	i = va_set_first_end_after(s, r.start, false);
	j = va_set_first_start_after(s, i, r.end, false);
	if (i == j)
		return true;
	if (s->v[i].start < r.start)
		keep[k++] = (va_range){s->v[i].start, r.start};
	if (s->v[j - 1].end > r.end)
		keep[k++] = (va_range){r.end, s->v[j - 1].end};
	/* Only cutting a hole into a single range makes the set grow. */
	if (s->n - (j - i) + k > s->n && !va_set_reserve(s, s->n + 1))
		return false;
	va_set_splice(s, i, j, keep, k);
	return true;
}

bool va_set_contains(const va_set *s, va_range r)
{
	size_t i;

	if (va_range_empty(r))
		return true;
	/* Adjacent ranges are merged, so r must lie within a single one. */
	i = va_set_first_end_after(s, r.start, false);
	return i < s->n && va_range_contains(s->v[i], r);
}

bool va_set_lowest_fit(const va_set *s, uint64_t size, uint64_t align,
		       uint64_t min, uint64_t *out)
{
	size_t i;

	/* 0 means unaligned, like elsewhere here; any other alignment
	 * that is not a power of two has no well-defined answer. */
	if (align == 0)
		align = 1;
	if (!va_is_pow2(align))
		return false;
	for (i = va_set_first_end_after(s, min, false); i < s->n; i++) {
		va_range r = s->v[i];
		uint64_t a, end;

		if (!va_align_up(r.start > min ? r.start : min, align, &a))
			return false; /* later ranges start even higher */
		/* Size 0 still asks for an address inside the set. */
		if (a >= r.end)
			continue;
		if (va_add(a, size, &end) && end <= r.end) {
			*out = a;
			return true;
		}
	}
	return false;
}

bool va_set_highest_fit(const va_set *s, uint64_t size, uint64_t align,
			uint64_t max, uint64_t *out)
{
	bool found = false;

	if (align == 0)
		align = 1;
	if (!va_is_pow2(align))
		return false;
	for (size_t i = 0; i < s->n; i++) {
		va_range r = s->v[i];
		/* Size 0 still asks for an address inside the set. */
		uint64_t need = size ? size : 1, top, a;
		if (r.start > max)
			break; /* sorted: the rest start higher still */
		if (va_range_size(r) < need)
			continue;
		top = r.end - need;
		a = va_align_down(top < max ? top : max, align);
		if (a >= r.start && (!found || a > *out)) {
			*out = a;
			found = true;
		}
	}
	return found;
}

bool va_set_nearest_fit(const va_set *s, uint64_t size, uint64_t align,
			uint64_t x, uint64_t *out)
{
	uint64_t up = 0, down = 0;
	bool has_up = va_set_lowest_fit(s, size, align, x, &up);
	bool has_down = va_set_highest_fit(s, size, align, x, &down);

	if (has_up && has_down)
		*out = up - x <= x - down ? up : down;
	else if (has_up || has_down)
		*out = has_up ? up : down;
	return has_up || has_down;
}

const char *va_hex(uint64_t x, char buf[VA_HEX_LEN])
{
	snprintf(buf, VA_HEX_LEN, "0x%" PRIx64, x);
	return buf;
}

/* The largest binary unit in which x is exact with at most one decimal
 * ("1.5 MiB", "1280 KiB"); plain bytes when no unit is exact, so a size in
 * a message is never rounded. */
/* Sizes for people: exact where that reads well ("256 MiB", "1.5 MiB",
 * "1280 KiB", "4097 bytes"), else approximate and marked so ("~768.0 MiB"),
 * never a twelve-digit number of KiB. */
const char *va_size_str(uint64_t x, char buf[VA_SIZE_LEN])
{
	static const char *const units[] = {"bytes", "KiB", "MiB", "GiB",
					    "TiB",   "PiB", "EiB"};
	unsigned u = 0;

	if (x < 1024) {
		snprintf(buf, VA_SIZE_LEN, "%" PRIu64 " %s", x,
			 x == 1 ? "byte" : "bytes");
		return buf;
	}
	while (u < 6 && x >> (10 * (u + 1)))
		u++;
	unsigned shift = 10 * u;
	uint64_t rem = x & ((UINT64_C(1) << shift) - 1);
	uint64_t finer = x >> (shift - 10);
	if (rem == 0)
		snprintf(buf, VA_SIZE_LEN, "%" PRIu64 " %s", x >> shift,
			 units[u]);
	else if (rem == UINT64_C(1) << (shift - 1))
		snprintf(buf, VA_SIZE_LEN, "%" PRIu64 ".5 %s", x >> shift,
			 units[u]);
	else if ((rem & ((UINT64_C(1) << (shift - 10)) - 1)) == 0 &&
		 finer < 10000)
		snprintf(buf, VA_SIZE_LEN, "%" PRIu64 " %s", finer,
			 units[u - 1]);
	else
		snprintf(buf, VA_SIZE_LEN, "~%.1f %s",
			 (double)x / (double)(UINT64_C(1) << shift), units[u]);
	return buf;
}
