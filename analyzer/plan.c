#include "plan.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many holes above the smallest fitting one are tried at one
 * alignment before the alignment is weakened: enough to find an aligned
 * hole when there is one nearby in size, and a bound on the work. */
#define PLAN_PROBES 16

cost_model plan_cost_model(const layout *l)
{
	cost_model m = {l->page_sizes, l->npage_sizes, l->flexpage_max};
	return m;
}

static uint64_t base_page(const cost_model *m)
{
	return m->npage_sizes ? m->page_sizes[0] : 4096;
}

static uint64_t cap(const cost_model *m)
{
	uint64_t c = m->npage_sizes ? m->page_sizes[m->npage_sizes - 1] : 4096;
	return m->flexpage_max > c ? m->flexpage_max : c;
}

uint64_t plan_natural_align(const cost_model *m, const request *q)
{
	uint64_t a = va_floor_pow2(q->size);

	if (a > cap(m))
		a = cap(m);
	if (q->backing_align && q->backing_align < a)
		a = q->backing_align;
	if (a < base_page(m))
		a = base_page(m);
	if (q->align > a)
		a = q->align;
	return a;
}

/* ---- Free holes in a treap ordered by (size, start) ---- */

typedef struct hole {
	uint64_t start, end;
	uint32_t prio;
	int left, right; /* indices into the pool, -1 for none */
} hole;

typedef struct holes {
	hole *pool;
	size_t n, cap;
	int root;
	int free_list; /* removed nodes, linked through left */
	uint32_t seed;
} holes;

static uint64_t hsize(const hole *h)
{
	return h->end - h->start;
}

/* a before b in the tree's order */
static bool before(const hole *a, const hole *b)
{
	return hsize(a) != hsize(b) ? hsize(a) < hsize(b) : a->start < b->start;
}

static uint32_t next_prio(holes *t)
{
	/* xorshift: deterministic, so plans are reproducible */
	t->seed ^= t->seed << 13;
	t->seed ^= t->seed >> 17;
	t->seed ^= t->seed << 5;
	return t->seed;
}

static void split(holes *t, int root, const hole *key, int *l, int *r)
{
	/* l: nodes before key, r: the rest; iterative over the spine */
	int *lp = l, *rp = r;

	while (root >= 0) {
		hole *h = &t->pool[root];
		if (before(h, key)) {
			*lp = root;
			lp = &h->right;
			root = h->right;
		} else {
			*rp = root;
			rp = &h->left;
			root = h->left;
		}
	}
	*lp = *rp = -1;
}

static int merge(holes *t, int a, int b)
{
	int root = -1, *link = &root;

	while (a >= 0 && b >= 0) {
		if (t->pool[a].prio > t->pool[b].prio) {
			*link = a;
			link = &t->pool[a].right;
			a = t->pool[a].right;
		} else {
			*link = b;
			link = &t->pool[b].left;
			b = t->pool[b].left;
		}
	}
	*link = a >= 0 ? a : b;
	return root;
}

static bool holes_insert(holes *t, uint64_t start, uint64_t end)
{
	int i;

	if (end <= start)
		return true;
	if (t->free_list >= 0) {
		i = t->free_list;
		t->free_list = t->pool[i].left;
	} else {
		if (t->n == t->cap) {
			size_t c = t->cap ? t->cap * 2 : 64;
			hole *p = realloc(t->pool, c * sizeof(*p));
			if (!p)
				return false;
			t->pool = p;
			t->cap = c;
		}
		i = (int)t->n++;
	}
	t->pool[i] = (hole){start, end, next_prio(t), -1, -1};
	int l, r;
	split(t, t->root, &t->pool[i], &l, &r);
	t->root = merge(t, merge(t, l, i), r);
	return true;
}

static void holes_remove(holes *t, int i)
{
	/* Find i's parent link by walking from the root in the order. */
	int *link = &t->root;

	while (*link >= 0 && *link != i)
		link = before(&t->pool[i], &t->pool[*link])
			   ? &t->pool[*link].left
			   : &t->pool[*link].right;
	*link = merge(t, t->pool[i].left, t->pool[i].right);
	t->pool[i].left = t->free_list;
	t->free_list = i;
}

/* The smallest hole of at least size bytes, and the ones after it in
 * order: a path stack keeps the in-order walk O(log n) per step. */
typedef struct walk {
	int stack[256];
	int depth;
} walk;

static int walk_first(const holes *t, uint64_t size, walk *w)
{
	int cur = t->root;

	w->depth = 0;
	while (cur >= 0) {
		const hole *h = &t->pool[cur];
		if (hsize(h) >= size) {
			if (w->depth < 256)
				w->stack[w->depth++] = cur;
			cur = h->left;
		} else {
			cur = h->right;
		}
	}
	return w->depth ? w->stack[w->depth - 1] : -1;
}

static int walk_next(const holes *t, walk *w)
{
	int cur = w->stack[--w->depth];

	cur = t->pool[cur].right;
	while (cur >= 0) {
		if (w->depth < 256)
			w->stack[w->depth++] = cur;
		cur = t->pool[cur].left;
	}
	return w->depth ? w->stack[w->depth - 1] : -1;
}

/* ---- Placing ---- */

/* The backing offset a placement maps from: the given offset (0: a RAM
 * dataspace, as aligned as its size, from its start), shifted off a larger
 * boundary when the backing store is aligned to only backing_align. */
static uint64_t backing_offset(const request *q)
{
	uint64_t o = q->has_offset ? q->offset : 0;
	return q->backing_align ? o + q->backing_align : o;
}

static bool cost_of(const cost_model *m, const request *q, placement *pl)
{
	uint64_t o = backing_offset(q);

	return cost_mapping(m, q->size, pl->start, o, &pl->cost) &&
	       cost_mapping(m, q->size, o, o, &pl->lower);
}


static bool fail(plan *p, const request *q, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(plan *p, const request *q, const char *fmt, ...)
{
	va_list ap;

	p->failed = q;
	va_start(ap, fmt);
	vsnprintf(p->why, sizeof(p->why), fmt, ap);
	va_end(ap);
	return false;
}

/* Fixed requests first: they go where they say, or the plan fails. */
static bool place_fixed(const layout *l, const requests *rq,
			const cost_model *m, plan *p, va_set *free_space)
{
	uint64_t page = base_page(m);
	char a[VA_HEX_LEN], b[VA_HEX_LEN];

	for (size_t i = 0; i < rq->n; i++) {
		const request *q = &rq->v[i];
		va_range r;
		if (!q->fixed)
			continue;
		p->v[i].start = q->at;
		if (q->platform)
			continue; /* out of the free space already */
		if (!va_range_from_size(va_align_down(q->at, page),
					q->size + (q->at & (page - 1)), &r) ||
		    !va_align_up(r.end, page, &r.end))
			return fail(p, q, "request %s wraps past 2^64",
				    q->name);
		if (!va_set_contains(free_space, r)) {
			const char *what = "another fixed request";
			for (size_t k = 0; k < l->nregions; k++)
				if (va_range_overlaps(r, l->regions[k].range))
					what = l->regions[k].name;
			if (!va_range_contains(l->address_space, r))
				what = "the end of the address space";
			return fail(p, q,
				    "request %s is fixed at [%s, %s), which "
				    "overlaps %s",
				    q->name, va_hex(r.start, a),
				    va_hex(r.end, b), what);
		}
		if (!va_set_remove(free_space, r))
			return false;
		p->v[i].start = q->at;
	}
	return true;
}

typedef struct order {
	size_t index;
	uint64_t align, size;
} order;

static int order_cmp(const void *pa, const void *pb)
{
	const order *a = pa, *b = pb;

	if (a->align != b->align)
		return a->align > b->align ? -1 : 1;
	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* The lowest s in h with s = r (mod a) and [s, s + size) inside h. */
static bool fits(const hole *h, uint64_t size, uint64_t a, uint64_t r,
		 uint64_t *s)
{
	*s = va_align_down(h->start, a) + r;
	if (*s < h->start && !va_add(*s, a, s))
		return false;
	return *s <= h->end && h->end - *s >= size;
}

static bool place_one(holes *t, const cost_model *m, const request *q,
		      placement *pl, plan *p)
{
	uint64_t size, big,
	    min_align = q->align > base_page(m) ? q->align : base_page(m);
	char sz[VA_SIZE_LEN];

	if (!va_align_up(q->size, base_page(m), &size))
		return fail(p, q, "request %s is too large", q->name);
	for (uint64_t a = pl->want; a >= min_align; a >>= 1) {
		/* The pages line up where the address and the backing
		 * offset agree modulo a. */
		uint64_t r = backing_offset(q) & (a - 1), s = 0;
		walk w;
		int probes = 0, i;
		for (i = walk_first(t, size, &w);
		     i >= 0 && probes < PLAN_PROBES;
		     i = walk_next(t, &w), probes++)
			if (fits(&t->pool[i], size, a, r, &s))
				goto found;
		/* Any hole of size + a - 1 holds such a slot. */
		if (va_add(size, a - 1, &big) &&
		    (i = walk_first(t, big, &w)) >= 0 &&
		    fits(&t->pool[i], size, a, r, &s))
			goto found;
		if (a == min_align) {
			/* The last alignment: every hole, so that a plan
			 * fails only where nothing fits. */
			for (i = walk_first(t, size, &w); i >= 0;
			     i = walk_next(t, &w))
				if (fits(&t->pool[i], size, a, r, &s))
					goto found;
			break;
		}
		continue;
	found:;
		hole h = t->pool[i];
		holes_remove(t, i);
		if (!holes_insert(t, h.start, s) ||
		    !holes_insert(t, s + size, h.end))
			return false;
		pl->start = s;
		pl->align = a;
		return true;
	}
	return fail(p, q,
		    "request %s (%s) fits in no free range of the address "
		    "space",
		    q->name, va_size_str(q->size, sz));
}

static uint64_t achieved_align(uint64_t start, uint64_t offset, uint64_t want)
{
	uint64_t d = start - offset, low = d ? d & -d : want;
	return low < want ? low : want;
}

bool plan_place(const layout *l, const requests *rq, const cost_model *m,
		plan *p, vl_error *err)
{
	va_set free_space;
	holes t = {.root = -1, .free_list = -1, .seed = 2463534242u};
	order *ord = NULL;
	bool ok = false;

	memset(p, 0, sizeof(*p));
	p->v = calloc(rq->n ? rq->n : 1, sizeof(*p->v));
	ord = calloc(rq->n ? rq->n : 1, sizeof(*ord));
	va_set_init(&free_space);
	if (!p->v || !ord || !va_set_add(&free_space, l->address_space))
		goto oom;
	for (size_t i = 0; i < l->nregions; i++)
		if (!va_range_empty(l->regions[i].range) &&
		    !va_set_remove(&free_space, l->regions[i].range))
			goto oom;
	p->n = rq->n;
	for (size_t i = 0; i < rq->n; i++) {
		p->v[i].req = &rq->v[i];
		p->v[i].want = plan_natural_align(m, &rq->v[i]);
	}
	if (!place_fixed(l, rq, m, p, &free_space))
		goto done;
	for (size_t i = 0; i < free_space.n; i++)
		if (!holes_insert(&t, free_space.v[i].start,
				  free_space.v[i].end))
			goto oom;
	size_t n = 0;
	for (size_t i = 0; i < rq->n; i++)
		if (!rq->v[i].fixed)
			ord[n++] = (order){i, p->v[i].want, rq->v[i].size};
	qsort(ord, n, sizeof(*ord), order_cmp);
	for (size_t k = 0; k < n; k++)
		if (!place_one(&t, m, &rq->v[ord[k].index], &p->v[ord[k].index],
			       p)) {
			if (!p->failed)
				goto oom;
			goto done;
		}
	for (size_t i = 0; i < rq->n; i++) {
		placement *pl = &p->v[i];
		pl->align = achieved_align(pl->start, backing_offset(pl->req),
					   pl->want);
		if (!cost_of(m, pl->req, pl)) {
			fail(
			    p, pl->req,
			    "request %s: its address and backing offset differ "
			    "modulo the base page, so it cannot be mapped",
			    pl->req->name);
			goto done;
		}
		cost_add(&p->total, &pl->cost);
		cost_add(&p->total_lower, &pl->lower);
	}
	ok = true;
	goto done;
oom:
	vl_fail(err, NULL, 0, 0, "out of memory");
done:
	va_set_free(&free_space);
	free(t.pool);
	free(ord);
	return ok;
}

void plan_free(plan *p)
{
	free(p->v);
	memset(p, 0, sizeof(*p));
}
