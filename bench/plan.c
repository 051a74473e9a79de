/* The layout planner: how fast, and how good.
 *
 * (a) Speed: 10,000, 100,000 and 1,000,000 random requests (sizes
 *     log-uniform from 4 KiB to 1 GiB, fixed seed) on an x86_64-like
 *     layout (pages 4K, 2M, 1G; flexpages up to 2^43); the median of
 *     several runs per size, the time per request and t(n) / (n log n)
 *     against the smallest n.  Target: 1,000,000 requests in under 1 s.
 * (b) Quality: a few thousand such requests in a space their sizes fill to
 *     50%, 80% and 95%; the total mapping cost (hardware pages and
 *     flexpages) of plan_place against the lower bound (the sum of
 *     cost_lower_bound) and against Genode's own algorithm (FACTS.md,
 *     "Natural alignment in Genode's core").  Targets: never more than
 *     Genode's at any fill; within 1.1x of the lower bound at 50%.
 *
 * usage: plan_bench [RUNS]   (default 5) */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bigmem.h"
#include "firstfit.h"
#include "plan.h"

#define U64(x)	      UINT64_C(x)
#define K4	      U64(0x1000)
#define G1	      U64(0x40000000)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const uint64_t x86_64_pages[] = {K4, U64(0x200000), G1};

static layout make_layout(uint64_t start, uint64_t end)
{
	layout l;

	memset(&l, 0, sizeof(l));
	l.name = "bench-x86_64";
	l.page_sizes = (uint64_t *)x86_64_pages;
	l.npage_sizes = ARRAY_SIZE(x86_64_pages);
	l.flexpage_max = U64(1) << 43;
	l.address_space = (va_range){start, end};
	return l;
}

static uint64_t rnd_next(uint64_t *s)
{
	/* splitmix64: the same stream on every machine */
	uint64_t z = (*s += U64(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * U64(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * U64(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Log-uniform in [4K, 1G], rounded up to the page as Genode rounds. */
static uint64_t rnd_size(uint64_t *s)
{
	double u = (double)(rnd_next(s) >> 11) / 9007199254740992.0;
	uint64_t x = (uint64_t)(4096.0 * exp2(u * 18.0));

	x = (x + K4 - 1) & ~(K4 - 1);
	return x < K4 ? K4 : x > G1 ? G1 : x;
}

/* n random requests; returns the sum of their sizes. */
static uint64_t make_requests(requests *rq, size_t n, uint64_t seed)
{
	uint64_t total = 0;
	char name[24];

	for (size_t i = 0; i < n; i++) {
		request q = {.name = name, .kind = REQ_ALLOCATE};
		q.size = rnd_size(&seed);
		snprintf(name, sizeof(name), "r%zu", i);
		if (!requests_add(rq, &q)) {
			fprintf(stderr, "plan_bench: out of memory\n");
			exit(2);
		}
		total += q.size;
	}
	return total;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}


/* ---- (a) speed ---- */

static double median(double *t, int runs)
{
	qsort(t, (size_t)runs, sizeof(t[0]), cmp_double);
	return t[runs / 2];
}

/* Also counts the requests placed below their natural alignment. */
static double median_plan_time(const layout *l, const requests *rq, int runs,
			       bool *ok, size_t *weakened)
{
	cost_model m = plan_cost_model(l);
	double t[16];

	*ok = true;
	*weakened = 0;
	for (int r = 0; r < runs; r++) {
		vl_error err = {0};
		plan p;
		double t0 = now();
		if (!plan_place(l, rq, &m, &p, &err)) {
			fprintf(stderr, "plan_bench: %s\n",
				p.failed ? p.why : err.msg);
			*ok = false;
		}
		vl_error_free(&err);
		t[r] = now() - t0;
		if (r == 0 && *ok)
			for (size_t i = 0; i < p.n; i++)
				*weakened += p.v[i].align < p.v[i].want;
		plan_free(&p);
	}
	return median(t, runs);
}

/* What the plan's own array costs before any planning: allocating it the
 * way plan_place does and first touching n placements (page faults are
 * slow on virtual machines; bigmem.h). */
static double median_touch_time(size_t n, int runs)
{
	double t[16];

	for (int r = 0; r < runs; r++) {
		double t0 = now();
		volatile char *v = bigmem_calloc(n, sizeof(placement));
		if (!v) {
			fprintf(stderr, "plan_bench: out of memory\n");
			exit(2);
		}
		for (size_t i = 0; i < n * sizeof(placement); i += 4096)
			v[i] = 1;
		t[r] = now() - t0;
		bigmem_free((void *)v);
	}
	return median(t, runs);
}

static bool bench_speed(int runs)
{
	static const size_t sizes[] = {10000, 100000, 1000000};
	/* 1M requests of 4K..1G (log-uniform, 82 MiB on average) fill 61% of
	 * [4K, 2^47): the x86_64 user space is large enough. */
	layout l = make_layout(K4, U64(1) << 47);
	double base = 0, t1m = 0;
	bool all_ok = true, nlogn = true;

	for (size_t k = 0; k < ARRAY_SIZE(sizes); k++) {
		size_t n = sizes[k];
		requests rq = {0};
		uint64_t total = make_requests(&rq, n, 12345);
		size_t weakened;
		bool ok;
		double t = median_plan_time(&l, &rq, runs, &ok, &weakened);
		double touch = median_touch_time(n, runs);
		double norm = t / ((double)n * log2((double)n)), ratio;

		if (k == 0)
			base = norm;
		ratio = norm / base;
		if (ratio > 1.5)
			nlogn = false;
		if (n == 1000000)
			t1m = t;
		all_ok = all_ok && ok;
		printf("speed: n=%7zu  fill %4.1f%%  median %7.4f s  %6.3f "
		       "us/request  t/(n log n) ratio %.2f  weakened %zu  "
		       "(first touch of the placements alone %.4f s)%s\n",
		       n,
		       100.0 * (double)total /
			   (double)va_range_size(l.address_space),
		       t, t / (double)n * 1e6, ratio, weakened, touch,
		       ok ? "" : "  FAILED");
		requests_free(&rq);
	}
	printf("target: 1,000,000 requests in under 1 s (%.3f s): %s\n", t1m,
	       all_ok && t1m < 1.0 ? "met" : "NOT met");
	printf("target: time grows no faster than n log n (ratio <= 1.5): "
	       "%s\n",
	       all_ok && nlogn ? "met" : "NOT met");
	return all_ok && t1m < 1.0 && nlogn;
}

/* ---- Genode's core as the reference: firstfit.h ---- */

/* The number of requests placed (all of them: rq->n) and their cost. */
static size_t genode_place(const layout *l, const requests *rq, map_cost *total)
{
	uint64_t *starts = malloc((rq->n ? rq->n : 1) * sizeof(*starts));
	size_t placed = starts ? firstfit_place(l, rq, starts, total)
			       : (size_t)-1;

	if (placed == (size_t)-1) {
		fprintf(stderr, "plan_bench: out of memory\n");
		exit(2);
	}
	free(starts);
	return placed;
}

typedef struct quality {
	bool plan_ok, genode_ok;
	map_cost plan, lower, genode;
	size_t genode_placed;
} quality;

static quality measure(size_t n, double fill, uint64_t seed)
{
	requests rq = {0};
	uint64_t total = make_requests(&rq, n, seed);
	uint64_t span = (uint64_t)((double)total / fill) & ~(K4 - 1);
	layout l = make_layout(K4, K4 + span);
	cost_model m = plan_cost_model(&l);
	vl_error err = {0};
	quality r;
	plan p;

	memset(&r, 0, sizeof(r));
	for (size_t i = 0; i < rq.n; i++) {
		map_cost c;
		if (cost_lower_bound(&m, rq.v[i].size, &c))
			cost_add(&r.lower, &c);
	}
	r.plan_ok = plan_place(&l, &rq, &m, &p, &err);
	if (r.plan_ok)
		r.plan = p.total;
	else
		fprintf(stderr,
			"plan_bench: fill %.0f%% seed %" PRIu64 ": %s\n",
			fill * 100, seed, p.failed ? p.why : err.msg);
	vl_error_free(&err);
	plan_free(&p);
	r.genode_placed = genode_place(&l, &rq, &r.genode);
	r.genode_ok = r.genode_placed == rq.n;
	requests_free(&rq);
	return r;
}

static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0;
}

static bool bench_quality(void)
{
	static const double fills[] = {0.50, 0.80, 0.95};
	static const uint64_t seeds[] = {1, 2, 3, 4, 5};
	enum { N = 3000 };
	bool never_worse = true, near_lower = true;

	for (size_t f = 0; f < ARRAY_SIZE(fills); f++) {
		for (size_t k = 0; k < ARRAY_SIZE(seeds); k++) {
			quality q = measure(N, fills[f], seeds[k]);
			char genode[96];

			if (q.genode_ok)
				snprintf(genode, sizeof(genode),
					 "genode %7" PRIu64 " pages %7" PRIu64
					 " flex",
					 q.genode.total_pages,
					 q.genode.flexpages);
			else
				snprintf(genode, sizeof(genode),
					 "genode FAILED after %zu of %d",
					 q.genode_placed, N);
			printf("quality: fill %2.0f%% seed %" PRIu64
			       ": plan %7" PRIu64 " pages %7" PRIu64
			       " flex%s | lower %7" PRIu64 " pages %7" PRIu64
			       " flex | %s | plan/lower %.3f pages %.3f flex"
			       "\n",
			       fills[f] * 100, seeds[k], q.plan.total_pages,
			       q.plan.flexpages, q.plan_ok ? "" : " (FAILED)",
			       q.lower.total_pages, q.lower.flexpages, genode,
			       ratio(q.plan.total_pages, q.lower.total_pages),
			       ratio(q.plan.flexpages, q.lower.flexpages));
			/* A plan that places everything where Genode cannot
			 * is better at any cost. */
			if (!q.plan_ok ||
			    (q.genode_ok &&
			     (q.plan.total_pages > q.genode.total_pages ||
			      q.plan.flexpages > q.genode.flexpages)))
				never_worse = false;
			if (fills[f] == 0.50 &&
			    (!q.plan_ok ||
			     q.plan.total_pages * 10 >
				 q.lower.total_pages * 11 ||
			     q.plan.flexpages * 10 > q.lower.flexpages * 11))
				near_lower = false;
		}
	}
	printf("target: never more pages or flexpages than Genode's algorithm "
	       "at any fill: %s\n",
	       never_worse ? "met" : "NOT met");
	printf("target: within 1.1x of the lower bound at 50%% fill: %s\n",
	       near_lower ? "met" : "NOT met");
	return never_worse && near_lower;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 5;

	if (runs < 1 || runs > 16) {
		fprintf(stderr, "usage: plan_bench [RUNS (1-16)]\n");
		return 2;
	}
	/* Targets not met are reported, not an error: run-all goes on. */
	bench_speed(runs);
	bench_quality();
	return 0;
}
