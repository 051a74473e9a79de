#include "plan.h"

#include "bigmem.h"
#include "space.h"
#include "holetree.h"

#include <elf.h>
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

bool plan_free_space(const layout *l, bool exec_only, va_set *out)
{
	va_set_init(out);
	if (!va_set_add(out,
			exec_only ? layout_exec_space(l) : l->address_space))
		goto oom;
	for (size_t i = 0; i < l->nregions; i++)
		if (!va_range_empty(l->regions[i].range) &&
		    !va_set_remove(out, l->regions[i].range))
			goto oom;
	return true;
oom:
	va_set_free(out);
	return false;
}

bool plan_add_regions(const layout *l, requests *rq)
{
	for (size_t i = 0; i < l->nregions; i++) {
		const layout_region *reg = &l->regions[i];
		request q = {.name = reg->name,
			     .kind = REQ_RESERVE,
			     .size = va_range_size(reg->range),
			     .fixed = true,
			     .at = reg->range.start,
			     .platform = true};
		if (va_range_empty(reg->range))
			continue;
		if (!requests_add(rq, &q))
			return false;
	}
	return true;
}

bool plan_add_image(const layout *l, const image *img, requests *rq,
		    vl_error *err)
{
	va_range occupied;
	uint64_t align = 1;

	if (img->type == ET_REL)
		return vl_fail(err, img->path, 0, 0,
			       "plan places a linked program: this is an "
			       "object file");
	if (!space_image_extent(img, l, &occupied, err))
		return false;
	for (size_t k = 0; k < img->nsegments; k++)
		if (img->segments[k].align > align)
			align = img->segments[k].align;
	const char *slash = strrchr(img->path, '/');
	request q = {.name = (char *)(slash ? slash + 1 : img->path),
		     .kind = REQ_IMAGE,
		     .size = va_range_size(occupied),
		     .align = align,
		     .file = img->path};
	if (!q.size)
		return vl_fail(err, img->path, 0, 0,
			       "the image has no loadable segments");
	if (img->type == ET_EXEC) {
		char sz[VA_SIZE_LEN];
		if (!plan_link_address(l, q.size, align, &q.at, &q.align))
			return vl_fail(err, img->path, 0, 0,
				       "no legal link address exists in layout "
				       "%s for an image of %s",
				       l->name, va_size_str(q.size, sz));
		q.fixed = true;
	} else if (l->page_sizes[l->npage_sizes - 1] > align) {
		q.align = l->page_sizes[l->npage_sizes - 1];
	}
	if (!requests_add(rq, &q))
		return vl_fail(err, NULL, 0, 0, "out of memory");
	return true;
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

/* The reason a plan failed when memory ran out while it was being made;
 * its address tells plan_free not to free it. */
static char plan_oom_text[] = "out of memory";

static bool fail(plan *p, const request *q, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(plan *p, const request *q, const char *fmt, ...)
{
	va_list ap;
	char *why;

	p->failed = q;
	va_start(ap, fmt);
	if (vasprintf(&why, fmt, ap) < 0)
		why = plan_oom_text;
	va_end(ap);
	if (p->why != plan_oom_text)
		free(p->why);
	p->why = why;
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

/* What placing a request needs, gathered in request order and sorted into
 * placing order, so that the placing loop reads memory in order: a request
 * and its placement, picked in sorted order, were a cache miss each, most
 * of the loop's time at a million requests. */
typedef struct job {
	uint64_t want, size; /* the sort keys (the request's size, as given) */
	uint64_t offset;     /* backing_offset() */
	uint64_t min_align;  /* the weakest alignment it may get */
	size_t index;	     /* of the request */
	uint64_t start;	     /* where it was placed */
} job;

static job job_of(const cost_model *m, const request *q, uint64_t want,
		  size_t index)
{
	job o = {.want = want,
		 .size = q->size,
		 .offset = backing_offset(q),
		 .min_align = q->align > base_page(m) ? q->align : base_page(m),
		 .index = index};
	return o;
}

/* Byte b (0: least significant) of a job's sort key, the size and then
 * the alignment, complemented so that ascending bytes sort descending. */
static unsigned key_byte(const job *o, unsigned b)
{
	uint64_t k = b < 8 ? o->size : o->want;

	return (unsigned)(~k >> (b % 8 * 8)) & 0xff;
}

/* Sorts v[0, n) into placing order: largest natural alignment first, then
 * largest size, then request order.  A stable radix sort, least
 * significant byte first, that skips the bytes in which no two jobs
 * differ (most of them: sizes are page multiples far below 2^64): O(n)
 * per byte, 0.03 s for a million jobs where qsort took 0.23 s.  tmp has
 * room for n; returns v or tmp, whichever holds the result. */
static job *sort_jobs(job *v, job *tmp, size_t n)
{
	uint64_t differ[2] = {0, 0}; /* bits of size, want that differ */
	size_t count[256];

	for (size_t i = 0; i < n; i++) {
		differ[0] |= v[i].size ^ v[0].size;
		differ[1] |= v[i].want ^ v[0].want;
	}
	for (unsigned b = 0; b < 16; b++) {
		size_t sum = 0;
		job *swap;
		if (!((differ[b / 8] >> (b % 8 * 8)) & 0xff))
			continue;
		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[key_byte(&v[i], b)]++;
		for (size_t d = 0; d < 256; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[key_byte(&v[i], b)]++] = v[i];
		swap = v;
		v = tmp;
		tmp = swap;
	}
	return v;
}

/* The lowest s in h with s = r (mod a) and [s, s + size) inside h. */
static bool fits(va_range h, uint64_t size, uint64_t a, uint64_t r, uint64_t *s)
{
	*s = va_align_down(h.start, a) + r;
	if (*s < h.start && !va_add(*s, a, s))
		return false;
	return *s <= h.end && h.end - *s >= size;
}

/* Places the job's request and sets o->start; false with p->failed when
 * it fits nowhere, false alone when memory runs out. */
static bool place_one(holetree *t, const cost_model *m, job *o,
		      const requests *rq, plan *p)
{
	const request *q = &rq->v[o->index];
	uint64_t size, big;
	char sz[VA_SIZE_LEN];

	if (!va_align_up(o->size, base_page(m), &size))
		return fail(p, q, "request %s is too large", q->name);
	for (uint64_t a = o->want; a >= o->min_align; a >>= 1) {
		/* The pages line up where the address and the backing
		 * offset agree modulo a. */
		uint64_t r = o->offset & (a - 1), s = 0;
		holetree_cursor c;
		int probes = 0;
		bool more;
		for (more = holetree_first(t, size, &c);
		     more && probes < PLAN_PROBES;
		     more = holetree_next(t, &c), probes++)
			if (fits(holetree_at(t, &c), size, a, r, &s))
				goto found;
		/* Any hole of size + a - 1 holds such a slot. */
		if (va_add(size, a - 1, &big) && holetree_first(t, big, &c) &&
		    fits(holetree_at(t, &c), size, a, r, &s))
			goto found;
		if (a == o->min_align) {
			/* The last alignment: every hole, so that a plan
			 * fails only where nothing fits. */
			for (more = holetree_first(t, size, &c); more;
			     more = holetree_next(t, &c))
				if (fits(holetree_at(t, &c), size, a, r, &s))
					goto found;
			break;
		}
		continue;
	found:;
		va_range h = holetree_at(t, &c);
		holetree_remove(t, &c);
		if (!holetree_insert(t, (va_range){h.start, s}) ||
		    !holetree_insert(t, (va_range){s + size, h.end}))
			return false;
		o->start = s;
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
	holetree t;
	job *jobs = NULL, *tmp = NULL, *sorted;
	bool ok = false;

	memset(p, 0, sizeof(*p));
	p->model = *m;
	p->v = bigmem_calloc(rq->n, sizeof(*p->v));
	jobs = bigmem_calloc(rq->n, sizeof(*jobs));
	tmp = bigmem_calloc(rq->n, sizeof(*tmp));
	va_set_init(&free_space);
	if (!holetree_init(&t) || !p->v || !jobs || !tmp ||
	    !plan_free_space(l, false, &free_space))
		goto oom;
	p->n = rq->n;
	size_t n = 0;
	for (size_t i = 0; i < rq->n; i++) {
		placement *pl = &p->v[i];
		pl->req = &rq->v[i];
		pl->want = plan_natural_align(m, pl->req);
		if (!pl->req->fixed)
			jobs[n++] = job_of(m, pl->req, pl->want, i);
	}
	if (!place_fixed(l, rq, m, p, &free_space))
		goto done;
	for (size_t i = 0; i < free_space.n; i++)
		if (!holetree_insert(&t, free_space.v[i]))
			goto oom;
	sorted = sort_jobs(jobs, tmp, n);
	for (size_t k = 0; k < n; k++)
		if (!place_one(&t, m, &sorted[k], rq, p)) {
			if (!p->failed)
				goto oom;
			goto done;
		}
	/* The starts go to the placements only now: stored from the loop
	 * above, in sorted order, each missed the cache and stalled it. */
	for (size_t k = 0; k < n; k++)
		p->v[sorted[k].index].start = sorted[k].start;
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
	holetree_free(&t);
	bigmem_free(jobs);
	bigmem_free(tmp);
	return ok;
}

void plan_free(plan *p)
{
	bigmem_free(p->v);
	if (p->why != plan_oom_text)
		free(p->why);
	memset(p, 0, sizeof(*p));
}

bool plan_lowest_legal(const layout *l, uint64_t size, uint64_t align,
		       uint64_t *out)
{
	va_set free_space;
	bool ok;

	/* A link address is for a position-dependent image. */
	ok = plan_free_space(l, true, &free_space) &&
	     va_set_lowest_fit(&free_space, size ? size : 1, align,
			       l->address_space.start, out);
	va_set_free(&free_space);
	return ok;
}

bool plan_link_address(const layout *l, uint64_t size, uint64_t min_align,
		       uint64_t *addr, uint64_t *align)
{
	for (size_t k = l->npage_sizes; k-- > 0;) {
		uint64_t a =
		    l->page_sizes[k] > min_align ? l->page_sizes[k] : min_align;
		if (plan_lowest_legal(l, size, a, addr)) {
			*align = a;
			return true;
		}
		if (a == min_align)
			break;
	}
	return false;
}

bool plan_image_base(const layout *l, uint64_t old, uint64_t size, bool near,
		     uint64_t *out, vl_error *err)
{
	char sz[VA_SIZE_LEN], lim[VA_HEX_LEN];
	uint64_t align;
	va_set fs;
	bool ok = false;

	if (!near) {
		ok = plan_link_address(l, size, l->page_sizes[0], out, &align);
	} else if (plan_free_space(l, true, &fs)) {
		/* A linker script places a position-dependent image: the
		 * exec limit applies. */
		for (size_t k = l->npage_sizes; !ok && k-- > 0;)
			ok = va_set_nearest_fit(&fs, size, l->page_sizes[k],
						old, out);
		va_set_free(&fs);
	} else {
		va_set_free(&fs);
		return vl_fail_oom(err);
	}
	if (ok)
		return true;
	if (l->exec_limit)
		return vl_fail(err, NULL, 0, 0,
			       "no legal place in layout %s for an image of %s "
			       "below its exec limit %s: %s",
			       l->name, va_size_str(size, sz),
			       va_hex(l->exec_limit, lim), l->exec_limit_why);
	return vl_fail(err, NULL, 0, 0,
		       "no legal place in layout %s for an image of %s: "
		       "shrink it or the reserved regions",
		       l->name, va_size_str(size, sz));
}

bool plan_image_legal(const layout *l, uint64_t base, uint64_t size)
{
	va_set fs;
	va_range r;
	bool ok = plan_free_space(l, true, &fs) &&
		  va_range_from_size(base, size, &r) && va_set_contains(&fs, r);

	va_set_free(&fs);
	return ok;
}
