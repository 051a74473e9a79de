/* Unit tests for analyzer/holetree.c: the order (size, then start), the
 * smallest hole of at least a size, walking on across leaves, removal down
 * to an empty tree and back, the height bound; and a long random run of
 * insertions, searches and removals against a sorted array. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "holetree.h"

#define U64(x) UINT64_C(x)
#define K4     U64(0x1000)

static va_range hole(uint64_t start, uint64_t size)
{
	return (va_range){start, start + size};
}

/* Every hole from the smallest of at least size on, in order, into out;
 * returns how many. */
static size_t walk(const holetree *t, uint64_t size, va_range *out, size_t max)
{
	holetree_cursor c;
	size_t n = 0;

	for (bool more = holetree_first(t, size, &c); more;
	     more = holetree_next(t, &c)) {
		assert_true(n < max);
		out[n++] = holetree_at(t, &c);
	}
	return n;
}

static void empty_tree_has_no_hole_and_ignores_empty_ranges(void **state)
{
	holetree t;
	holetree_cursor c;

	(void)state;
	assert_true(holetree_init(&t));
	assert_false(holetree_first(&t, 0, &c));
	assert_true(holetree_insert(&t, (va_range){K4, K4}));
	assert_true(holetree_insert(&t, (va_range){2 * K4, K4}));
	assert_false(holetree_first(&t, 0, &c));
	holetree_free(&t);
}

static void holes_come_by_size_then_start(void **state)
{
	holetree t;
	va_range got[8];

	(void)state;
	assert_true(holetree_init(&t));
	assert_true(holetree_insert(&t, hole(0x90000, 2 * K4)));
	assert_true(holetree_insert(&t, hole(0x10000, 3 * K4)));
	assert_true(holetree_insert(&t, hole(0x50000, 2 * K4)));
	assert_true(holetree_insert(&t, hole(0x70000, K4)));
	assert_int_equal(walk(&t, 0, got, 8), 4);
	assert_int_equal(got[0].start, 0x70000);
	assert_int_equal(got[1].start, 0x50000);
	assert_int_equal(got[1].end, 0x52000);
	assert_int_equal(got[2].start, 0x90000);
	assert_int_equal(got[3].start, 0x10000);
	/* At least 2 pages: the lowest of the two that size first. */
	assert_int_equal(walk(&t, 2 * K4, got, 8), 3);
	assert_int_equal(got[0].start, 0x50000);
	/* Between sizes: the next larger. */
	assert_int_equal(walk(&t, 2 * K4 + 1, got, 8), 1);
	assert_int_equal(got[0].start, 0x10000);
	assert_int_equal(walk(&t, 3 * K4 + 1, got, 8), 0);
	holetree_free(&t);
}

/* Many holes: a few levels of nodes, walked across leaves; removed in
 * order from the smallest, then the tree is empty and fills again. */
static void many_holes_walk_across_leaves_and_drain_to_empty(void **state)
{
	enum { N = 20000 };
	holetree t;
	holetree_cursor c;

	(void)state;
	assert_true(holetree_init(&t));
	/* Sizes 1..N pages in a scrambled order, each at its own start. */
	for (uint64_t i = 0; i < N; i++) {
		uint64_t k = (i * 7919) % N + 1;
		assert_true(holetree_insert(&t, hole(k << 32, k * K4)));
	}
	assert_true(t.height >= 3);
	assert_true(holetree_first(&t, 0, &c));
	for (uint64_t k = 1; k <= N; k++) {
		va_range h = holetree_at(&t, &c);
		assert_int_equal(h.start, k << 32);
		assert_int_equal(h.end - h.start, k * K4);
		assert_int_equal(holetree_next(&t, &c), k < N);
	}
	for (uint64_t k = 1; k <= N; k++) {
		assert_true(holetree_first(&t, 0, &c));
		assert_int_equal(holetree_at(&t, &c).start, k << 32);
		holetree_remove(&t, &c);
	}
	assert_false(holetree_first(&t, 0, &c));
	assert_int_equal(t.height, 1);
	assert_true(holetree_insert(&t, hole(K4, K4)));
	assert_true(holetree_first(&t, K4, &c));
	assert_int_equal(holetree_at(&t, &c).start, K4);
	holetree_free(&t);
}

/* holetree.h: at most 1 + log(insertions) levels, to the base of half a
 * node. */
static void height_stays_within_its_bound(void **state)
{
	const uint64_t half = HOLETREE_FANOUT / 2, n = half * half * half;
	holetree t;

	(void)state;
	assert_true(holetree_init(&t));
	for (uint64_t i = 0; i < n; i++)
		assert_true(holetree_insert(&t, hole(i * 2 * K4, K4)));
	assert_true(t.height <= 4);
	holetree_free(&t);
}

/* ---- Against a sorted array ---- */

typedef struct model {
	va_range v[2048];
	size_t n;
} model;

static bool range_before(va_range a, va_range b)
{
	uint64_t sa = a.end - a.start, sb = b.end - b.start;

	return sa != sb ? sa < sb : a.start < b.start;
}

static void model_insert(model *m, va_range r)
{
	size_t i = m->n;

	assert_true(m->n < 2048);
	while (i > 0 && range_before(r, m->v[i - 1])) {
		m->v[i] = m->v[i - 1];
		i--;
	}
	m->v[i] = r;
	m->n++;
}

/* The index of the smallest hole of at least size: m->n when none. */
static size_t model_first(const model *m, uint64_t size)
{
	size_t i = 0;

	while (i < m->n && m->v[i].end - m->v[i].start < size)
		i++;
	return i;
}

static uint64_t rnd(uint64_t *s)
{
	/* xorshift64: the same run every time */
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void random_run_agrees_with_a_sorted_array(void **state)
{
	static model m;
	holetree t;
	holetree_cursor c;
	uint64_t seed = 88172645463325252u, next_start = 0;

	(void)state;
	m.n = 0;
	assert_true(holetree_init(&t));
	for (int step = 0; step < 120000; step++) {
		uint64_t size = (rnd(&seed) % 64 + 1) * K4;
		/* Grow to 2000 holes, then shrink to none or few, in
		 * turns. */
		bool grow = (step / 20000) % 2 == 0 && m.n < 2000;
		if (rnd(&seed) % 8 == 0 || (grow && rnd(&seed) % 2)) {
			va_range r = hole(next_start, size);
			next_start += U64(1) << 24;
			assert_true(holetree_insert(&t, r));
			model_insert(&m, r);
		} else {
			/* The k-th hole from the smallest of at least size
			 * goes, as the planner takes one after its probes. */
			size_t i = model_first(&m, size), k = rnd(&seed) % 20;
			bool found = holetree_first(&t, size, &c);
			assert_int_equal(found, i < m.n);
			if (!found)
				continue;
			for (; k > 0 && i + 1 < m.n; k--, i++)
				assert_true(holetree_next(&t, &c));
			va_range h = holetree_at(&t, &c);
			assert_int_equal(h.start, m.v[i].start);
			assert_int_equal(h.end, m.v[i].end);
			holetree_remove(&t, &c);
			memmove(&m.v[i], &m.v[i + 1],
				(m.n - i - 1) * sizeof(m.v[0]));
			m.n--;
		}
	}
	/* And the whole order at the end. */
	va_range *all = malloc((m.n + 1) * sizeof(*all));
	assert_non_null(all);
	assert_int_equal(walk(&t, 0, all, m.n + 1), m.n);
	for (size_t i = 0; i < m.n; i++) {
		assert_int_equal(all[i].start, m.v[i].start);
		assert_int_equal(all[i].end, m.v[i].end);
	}
	free(all);
	holetree_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(empty_tree_has_no_hole_and_ignores_empty_ranges),
	    cmocka_unit_test(holes_come_by_size_then_start),
	    cmocka_unit_test(many_holes_walk_across_leaves_and_drain_to_empty),
	    cmocka_unit_test(height_stays_within_its_bound),
	    cmocka_unit_test(random_run_agrees_with_a_sorted_array),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
