/* What a mapping costs in hardware pages and flexpages, in closed form.
 *
 * Everything is computed in base pages: the rounded range [a, b) and the
 * page sizes become powers of two counted in base pages, so the rounded end
 * fits in 64 bits even for a mapping that ends in the last page of the
 * address space.
 *
 * The greedy split of [a, b) with page sizes u[0] < ... < u[i] (u[0] = 1,
 * each dividing the next) falls apart at the largest size u[i] that has a
 * whole aligned block inside: the middle [A, B) of full u[i] pages, a head
 * [a, A) that ends on a u[i] boundary and a tail [B, b) that starts on one.
 * A page smaller than u[i] that starts in the head ends in it too, because
 * A is a multiple of the page.  The head then splits the same way at
 * align_up(a, u[i-1]) with no tail, the tail at align_down(b, u[i-1]) with
 * no head, and so on down: one step per page size, no loop over pages. */
#include "cost.h"

#include "range.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

/* The rounded range in base pages, and the log2 of the largest page (in base
 * pages) aligned in both vaddr and offset at once: the lowest set bit of
 * vaddr - offset; 64 when they are equal and nothing limits the page. */
struct span {
	uint64_t a;
	uint64_t b;
	unsigned cap;
};

static unsigned log2_pow2(uint64_t x)
{
	return (unsigned)__builtin_ctzll(x);
}

static bool model_valid(const cost_model *m)
{
	size_t i;

	if (!m || !m->page_sizes || m->npage_sizes == 0 ||
	    m->npage_sizes > COST_MAX_PAGE_SIZES)
		return false;
	for (i = 0; i < m->npage_sizes; i++) {
		if (!va_is_pow2(m->page_sizes[i]))
			return false;
		if (i > 0 && m->page_sizes[i] <= m->page_sizes[i - 1])
			return false;
	}
	if (m->flexpage_max != 0 && (!va_is_pow2(m->flexpage_max) ||
				     m->flexpage_max < m->page_sizes[0]))
		return false;
	return true;
}

static bool span_of(const cost_model *m, uint64_t size, uint64_t vaddr,
		    uint64_t offset, struct span *s)
{
	unsigned shift = log2_pow2(m->page_sizes[0]);
	/* Modulo 2^64 on purpose: only the low bits of the difference decide
	 * which pages are aligned in both, and they do not care about wrap. */
	uint64_t diff = vaddr - offset;
	va_range r;

	if (size == 0 || !va_range_from_size(vaddr, size, &r))
		return false;
	if ((diff & (m->page_sizes[0] - 1)) != 0)
		return false;
	s->a = r.start >> shift;
	s->b = ((r.end - 1) >> shift) + 1;
	diff >>= shift;
	s->cap = diff ? log2_pow2(diff) : 64;
	return true;
}

/* [a, b) holds a whole block of unit base pages aligned to unit; its end is
 * then B = align_down(b, unit), and the check cannot overflow. */
static bool holds_block(const struct span *s, uint64_t unit, uint64_t *B)
{
	*B = va_align_down(s->b, unit);
	return *B >= unit && s->a <= *B - unit;
}

static void split_pages(const cost_model *m, const struct span *s, map_cost *c)
{
	unsigned shift = log2_pow2(m->page_sizes[0]);
	uint64_t unit[COST_MAX_PAGE_SIZES];
	uint64_t A, B, head, tail;
	size_t n = 0, i;

	while (n < m->npage_sizes &&
	       log2_pow2(m->page_sizes[n]) - shift <= s->cap) {
		unit[n] = m->page_sizes[n] >> shift;
		n++;
	}
	/* unit[0] is one base page and [a, b) is never empty, so the search
	 * stops at 0 at the latest. */
	for (i = n - 1; i > 0; i--)
		if (holds_block(s, unit[i], &B))
			break;
	B = va_align_down(s->b, unit[i]);
	A = va_align_down(s->a + (unit[i] - 1), unit[i]); /* <= B, no wrap */
	c->pages[i] = (B - A) / unit[i];
	head = A;
	tail = B;
	while (i-- > 0) {
		/* head and tail are multiples of unit[i + 1], so the new head
		 * lies in [a, head] and the new tail in [tail, b]; and
		 * a + unit[i] - 1 <= head + unit[i] - 1 cannot wrap. */
		A = va_align_down(s->a + (unit[i] - 1), unit[i]);
		B = va_align_down(s->b, unit[i]);
		c->pages[i] = (head - A) / unit[i] + (B - tail) / unit[i];
		head = A;
		tail = B;
	}
}

/* With every power of two allowed, the head [a, A) is covered by one page
 * per set bit of A - a (each step adds the lowest set bit of the position),
 * and the tail [B, b) by one per set bit of b - B. */
static uint64_t split_flexpages(const cost_model *m, const struct span *s)
{
	unsigned shift = log2_pow2(m->page_sizes[0]);
	unsigned top, e;
	uint64_t A, B;

	if (m->flexpage_max == 0)
		return 0;
	top = log2_pow2(m->flexpage_max) - shift;
	if (top > s->cap)
		top = s->cap;
	/* A range at least 2^e long crosses a multiple of 2^e, so A <= B.  When
	 * no whole block fits, A == B and splitting there gives the same count
	 * as splitting at the next smaller size, which is why no search down
	 * the sizes is needed here. */
	e = 63 - (unsigned)__builtin_clzll(s->b - s->a);
	if (e > top)
		e = top;
	B = va_align_down(s->b, UINT64_C(1) << e);
	A = va_align_down(s->a + ((UINT64_C(1) << e) - 1), UINT64_C(1) << e);
	return (uint64_t)__builtin_popcountll(A - s->a) + ((B - A) >> e) +
	       (uint64_t)__builtin_popcountll(s->b - B);
}

bool cost_mapping(const cost_model *m, uint64_t size, uint64_t vaddr,
		  uint64_t offset, map_cost *out)
{
	map_cost c = {{0}, 0, 0};
	struct span s;
	size_t i;

	if (!out || !model_valid(m) || !span_of(m, size, vaddr, offset, &s))
		return false;
	split_pages(m, &s, &c);
	for (i = 0; i < m->npage_sizes; i++)
		c.total_pages += c.pages[i];
	c.flexpages = split_flexpages(m, &s);
	*out = c;
	return true;
}

bool cost_lower_bound(const cost_model *m, uint64_t size, map_cost *out)
{
	return cost_mapping(m, size, 0, 0, out);
}

uint64_t cost_best_page(const cost_model *m, uint64_t size, uint64_t vaddr,
			uint64_t offset)
{
	map_cost c;
	size_t i;

	if (!cost_mapping(m, size, vaddr, offset, &c))
		return 0;
	for (i = m->npage_sizes; i-- > 0;)
		if (c.pages[i] != 0)
			return m->page_sizes[i];
	return 0; /* not reached: a mapping uses at least one page */
}

/* Append to buf at *pos; once the buffer is full, further text is dropped
 * and the terminator stays in place. */
__attribute__((format(printf, 4, 5))) static void
append(char *buf, size_t len, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	*pos = (size_t)n >= len - *pos ? len : *pos + (size_t)n;
}

/* "4K", "2M", "1G", "512": the page size the way page sizes are spoken. */
static void append_page_size(char *buf, size_t len, size_t *pos, uint64_t x)
{
	static const char suffix[] = "KMGTPE";
	int unit = -1;

	while (x >= 1024 && x % 1024 == 0 && unit < 5) {
		x /= 1024;
		unit++;
	}
	if (unit < 0)
		append(buf, len, pos, "%" PRIu64, x);
	else
		append(buf, len, pos, "%" PRIu64 "%c", x, suffix[unit]);
}

const char *cost_str(const cost_model *m, const map_cost *c, char *buf,
		     size_t len)
{
	const char *sep = "";
	size_t pos = 0, i, n;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	n = m->npage_sizes < COST_MAX_PAGE_SIZES ? m->npage_sizes
						 : COST_MAX_PAGE_SIZES;
	for (i = n; i-- > 0;) {
		if (c->pages[i] == 0)
			continue;
		append(buf, len, &pos, "%s%" PRIu64 " ", sep, c->pages[i]);
		append_page_size(buf, len, &pos, m->page_sizes[i]);
		append(buf, len, &pos, " page%s", c->pages[i] == 1 ? "" : "s");
		sep = " + ";
	}
	if (*sep == '\0')
		append(buf, len, &pos, "no pages");
	if (m->flexpage_max != 0)
		append(buf, len, &pos, ", %" PRIu64 " flexpage%s", c->flexpages,
		       c->flexpages == 1 ? "" : "s");
	return buf;
}

void cost_add(map_cost *t, const map_cost *c)
{
	for (size_t i = 0; i < COST_MAX_PAGE_SIZES; i++)
		t->pages[i] += c->pages[i];
	t->total_pages += c->total_pages;
	t->flexpages += c->flexpages;
}
