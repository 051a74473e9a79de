#include "firstfit.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

typedef struct holes {
	va_range *v; /* sorted, disjoint */
	size_t n, cap;
} holes;

/* Takes [start, end), which lies inside hole i, out of the free space. */
static bool holes_take(holes *s, size_t i, uint64_t start, uint64_t end)
{
	va_range h = s->v[i];

	if (h.start < start && end < h.end) {
		if (s->n == s->cap) {
			va_range *v = realloc(s->v, 2 * s->cap * sizeof(*v));

			if (!v)
				return false;
			s->v = v;
			s->cap *= 2;
		}
		memmove(&s->v[i + 2], &s->v[i + 1],
			(s->n - i - 1) * sizeof(s->v[0]));
		s->v[i].end = start;
		s->v[i + 1] = (va_range){end, h.end};
		s->n++;
	} else if (h.start < start) {
		s->v[i].end = start;
	} else if (end < h.end) {
		s->v[i].start = end;
	} else {
		memmove(&s->v[i], &s->v[i + 1],
			(s->n - i - 1) * sizeof(s->v[0]));
		s->n--;
	}
	return true;
}

/* 1: placed at *out; 0: no hole holds it; -1: out of memory. */
static int holes_first_fit(holes *s, uint64_t size, uint64_t align,
			   uint64_t *out)
{
	for (size_t i = 0; i < s->n; i++) {
		uint64_t a;

		if (!va_align_up(s->v[i].start, align, &a) ||
		    a >= s->v[i].end || s->v[i].end - a < size)
			continue;
		if (!holes_take(s, i, a, a + size))
			return -1;
		*out = a;
		return 1;
	}
	return 0;
}

static bool holes_remove(holes *s, va_range r)
{
	for (size_t i = 0; i < s->n;) {
		va_range x = va_range_intersect(s->v[i], r);

		if (va_range_empty(x))
			i++;
		else if (!holes_take(s, i, x.start, x.end))
			return false;
	}
	return true;
}

size_t firstfit_place(const layout *l, const requests *rq, uint64_t *starts,
		      map_cost *total)
{
	cost_model m = plan_cost_model(l);
	uint64_t page = l->page_sizes[0];
	va_set fs;
	holes s = {NULL, 0, 64};
	size_t i;

	if (!plan_free_space(l, false, &fs))
		return (size_t)-1;
	if (fs.n > s.cap)
		s.cap = fs.n;
	s.v = malloc(s.cap * sizeof(va_range));
	if (s.v && fs.n) {
		memcpy(s.v, fs.v, fs.n * sizeof(va_range));
		s.n = fs.n;
	}
	va_set_free(&fs);
	if (!s.v)
		return (size_t)-1;
	memset(total, 0, sizeof(*total));
	for (i = 0; i < rq->n; i++)
		if (rq->v[i].fixed &&
		    !holes_remove(&s, (va_range){rq->v[i].at,
						 rq->v[i].at + rq->v[i].size}))
			goto oom;
	for (i = 0; i < rq->n; i++) {
		const request *q = &rq->v[i];
		uint64_t size, a, o = q->has_offset ? q->offset : 0;
		map_cost c;
		int found = 0;

		if (q->fixed) {
			starts[i] = q->at;
		} else {
			if (!va_align_up(q->size, page, &size))
				break;
			for (a = va_floor_pow2(size); a >= page && !found;
			     a >>= 1)
				if (!q->backing_align || a <= q->backing_align)
					found = holes_first_fit(&s, size, a,
								&starts[i]);
			if (found < 0)
				goto oom;
			if (!found)
				break;
		}
		if (q->backing_align)
			o += q->backing_align;
		if (!cost_mapping(&m, q->size, starts[i], o, &c))
			break;
		cost_add(total, &c);
	}
	free(s.v);
	return i;
oom:
	free(s.v);
	return (size_t)-1;
}
