/* Unit tests for analyzer/isolate.c: every item's result comes back
 * whatever the worker count; an item that crashes, exhausts its memory,
 * spins past its CPU time, waits without using the CPU, takes longer
 * than the wall-clock limit, overflows its stack or exits ends with that
 * cause and its phase, while the items after it (in a replaced process)
 * still give their results. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include "isolate.h"

/* What each item does in the child. */
typedef enum act {
	ACT_ECHO,      /* result: "item N" */
	ACT_SEGV,      /* a crash */
	ACT_ALLOCATE,  /* allocate until refused, then abort() as LLVM does */
	ACT_NO_MEMORY, /* work says memory ran out */
	ACT_SPIN,      /* CPU time without end */
	ACT_SLEEP,     /* wall-clock time without end */
	ACT_RECURSE,   /* the stack without end */
	ACT_EXIT,      /* exit(3) */
} act;

typedef struct run {
	const act *acts;
	size_t n;
	iso_outcome out[16];
	char result[16][32];
	size_t calls[16];
} run;

static void *start(void *ctx)
{
	(void)ctx;
	return strdup("state");
}

static void end(void *ctx, void *state)
{
	(void)ctx;
	free(state);
}

/* Deeper until the stack runs out (the limit is far below UINT_MAX
 * frames of 1 KiB, so the condition never ends it). */
static unsigned recurse(volatile unsigned *depth)
{
	volatile char pad[1024];

	pad[0] = (char)*depth;
	if (++*depth == 0)
		return 0;
	return recurse(depth) + (unsigned)pad[0];
}

static bool work(void *ctx, void *state, size_t i, wire_buf *out)
{
	run *r = ctx;
	char text[32];

	if (strcmp(state, "state"))
		_exit(9); /* start's state did not arrive */
	iso_set_phase((unsigned)i + 100);
	switch (r->acts[i]) {
	case ACT_ECHO:
		break;
	case ACT_SEGV:
		raise(SIGSEGV);
		break;
	case ACT_ALLOCATE:
		for (;;) {
			void *p = malloc(1u << 20);
			if (!p) {
				errno = ENOMEM;
				abort();
			}
		}
	case ACT_NO_MEMORY:
		return false;
	case ACT_SPIN:
		for (volatile unsigned long k = 0;; k++)
			;
	case ACT_SLEEP:
		for (;;)
			pause();
	case ACT_RECURSE: {
		volatile unsigned depth = 0;
		recurse(&depth);
		break;
	}
	case ACT_EXIT:
		_exit(3);
	}
	snprintf(text, sizeof(text), "item %zu", i);
	return wire_put_bytes(out, text, strlen(text) + 1);
}

static bool done(void *ctx, size_t i, const iso_outcome *o, const uint8_t *p,
		 size_t n)
{
	run *r = ctx;

	assert_true(i < r->n);
	r->calls[i]++;
	r->out[i] = *o;
	if (o->end == ISO_DONE) {
		assert_true(n > 0 && n <= sizeof(r->result[i]));
		assert_int_equal(p[n - 1], 0);
		memcpy(r->result[i], p, n);
	} else {
		assert_int_equal(n, 0);
	}
	return true;
}

static void run_items(run *r, const act *acts, size_t n, unsigned workers,
		      iso_limits limits)
{
	iso_job job = {n, workers, limits, r, start, work, end, done};
	vl_error err = {0};

	memset(r, 0, sizeof(*r));
	r->acts = acts;
	r->n = n;
	if (!iso_run(&job, &err))
		fail_msg("iso_run: %s", err.msg);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(r->calls[i], 1);
}

static void assert_echoed(const run *r, size_t i)
{
	char want[32];

	snprintf(want, sizeof(want), "item %zu", i);
	assert_int_equal(r->out[i].end, ISO_DONE);
	assert_string_equal(r->result[i], want);
	assert_int_equal(r->out[i].phase, i + 100);
}

static void every_item_comes_back_for_any_worker_count(void **state)
{
	act acts[12] = {0};
	run r;

	(void)state;
	for (unsigned w = 1; w <= 4; w++) {
		run_items(&r, acts, 12, w, (iso_limits){0});
		for (size_t i = 0; i < 12; i++)
			assert_echoed(&r, i);
	}
	/* No items: nothing to start. */
	run_items(&r, acts, 0, 2, (iso_limits){0});
}

static void a_crash_ends_its_item_and_the_rest_go_on(void **state)
{
	const act acts[] = {ACT_ECHO, ACT_SEGV, ACT_ECHO, ACT_EXIT,
			    ACT_ECHO, ACT_SEGV, ACT_ECHO};
	run r;

	(void)state;
	for (unsigned w = 1; w <= 2; w++) {
		run_items(&r, acts, 7, w, (iso_limits){0});
		for (size_t i = 0; i < 7; i++) {
			if (acts[i] == ACT_ECHO) {
				assert_echoed(&r, i);
				continue;
			}
			assert_int_equal(r.out[i].phase, i + 100);
			if (acts[i] == ACT_SEGV) {
				assert_int_equal(r.out[i].end, ISO_SIGNAL);
				assert_int_equal(r.out[i].code, SIGSEGV);
			} else {
				assert_int_equal(r.out[i].end, ISO_EXIT);
				assert_int_equal(r.out[i].code, 3);
			}
		}
	}
}

static void memory_limit_ends_the_item_as_memory(void **state)
{
	const act acts[] = {ACT_ALLOCATE, ACT_ECHO, ACT_NO_MEMORY, ACT_ECHO};
	run r;

	(void)state;
	run_items(&r, acts, 4, 1, (iso_limits){.memory = 64u << 20});
	assert_int_equal(r.out[0].end, ISO_MEMORY);
	assert_echoed(&r, 1);
	assert_int_equal(r.out[2].end, ISO_MEMORY);
	assert_echoed(&r, 3);
}

static void stack_overflow_is_a_crash(void **state)
{
	const act acts[] = {ACT_RECURSE, ACT_ECHO};
	run r;

	(void)state;
	run_items(&r, acts, 2, 1, (iso_limits){.stack = 1u << 20});
	assert_int_equal(r.out[0].end, ISO_SIGNAL);
	assert_int_equal(r.out[0].code, SIGSEGV);
	assert_echoed(&r, 1);
}

/* A child that works is not taken for one that waits: the CPU limit,
 * not the idle check, stops it. */
static void cpu_time_limit_stops_an_item(void **state)
{
	const act acts[] = {ACT_SPIN, ACT_ECHO};
	run r;

	(void)state;
	run_items(&r, acts, 2, 1,
		  (iso_limits){.cpu_seconds = 1, .idle_seconds = 1});
	assert_int_equal(r.out[0].end, ISO_CPU);
	assert_int_equal(r.out[0].code, SIGXCPU);
	assert_echoed(&r, 1);
}

static void a_child_that_waits_is_stopped(void **state)
{
	const act acts[] = {ACT_SLEEP, ACT_ECHO};
	run r;

	(void)state;
	run_items(&r, acts, 2, 1, (iso_limits){.idle_seconds = 1});
	assert_int_equal(r.out[0].end, ISO_IDLE);
	assert_int_equal(r.out[0].phase, 100);
	assert_echoed(&r, 1);
}

static void wall_clock_limit_stops_an_item(void **state)
{
	const act acts[] = {ACT_SLEEP, ACT_ECHO};
	run r;

	(void)state;
	run_items(&r, acts, 2, 1, (iso_limits){.wall_seconds = 1});
	assert_int_equal(r.out[0].end, ISO_WALL);
	assert_echoed(&r, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_item_comes_back_for_any_worker_count),
	    cmocka_unit_test(a_crash_ends_its_item_and_the_rest_go_on),
	    cmocka_unit_test(memory_limit_ends_the_item_as_memory),
	    cmocka_unit_test(stack_overflow_is_a_crash),
	    cmocka_unit_test(cpu_time_limit_stops_an_item),
	    cmocka_unit_test(a_child_that_waits_is_stopped),
	    cmocka_unit_test(wall_clock_limit_stops_an_item),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
