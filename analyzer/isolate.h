/* Work that may crash or blow up, run in child processes: each worker is
 * a process forked from this one, handed items one at a time over a
 * socket, with limits on its memory, CPU time and stack while it works on
 * an item.  An item whose process dies (a crash, a limit reached, no
 * answer in time) ends with that cause instead of a result, the process is
 * replaced, and the other items go on.
 *
 * The parent stays single-threaded while children run, so forking anew
 * after a crash is safe; a child inherits everything the parent had set
 * up before iso_run (a loaded library, the list of items). */
#ifndef VASLINT_ISOLATE_H
#define VASLINT_ISOLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "wire.h"

typedef struct iso_limits {
	unsigned cpu_seconds;  /* CPU time of one item; 0: no limit */
	unsigned idle_seconds; /* a child that used less than 1% of a CPU
				* for this long (it waits for something) is
				* killed; 0: never */
	unsigned wall_seconds; /* a child that has not answered after this
				* long is killed; 0: no limit */
	uint64_t memory;       /* bytes of data one item may add to what the
				* process had; 0: no limit */
	uint64_t stack;	       /* the stack a child runs on; 0: as inherited */
} iso_limits;

typedef enum iso_end {
	ISO_DONE,    /* the item's result came back */
	ISO_MEMORY,  /* an allocation failed at the memory limit */
	ISO_CPU,     /* the CPU time limit was reached */
	ISO_IDLE,    /* it waited idle_seconds: the child was killed */
	ISO_WALL,    /* no answer within wall_seconds: the child was killed */
	ISO_SIGNAL,  /* the child died by a signal (code) */
	ISO_EXIT,    /* the child exited (status in code) without a result */
	ISO_GARBLED, /* the child sent something that is not a result */
} iso_end;

typedef struct iso_outcome {
	iso_end end;
	int code;	/* the signal or the exit status */
	unsigned phase; /* the child's last iso_set_phase for this item */
} iso_outcome;

typedef struct iso_job {
	size_t n; /* items 0 .. n-1 */
	unsigned workers;
	iso_limits limits;
	void *ctx;
	/* In each child, once before its first item; what it returns is
	 * passed to work and end (NULL is fine). */
	void *(*start)(void *ctx);
	/* In a child: do item i, append its result to out; false when
	 * memory ran out (the item then ends with ISO_MEMORY). */
	bool (*work)(void *ctx, void *state, size_t i, wire_buf *out);
	void (*end)(void *ctx, void *state);
	/* In the parent, once per item as items finish (in no fixed order):
	 * the outcome and, for ISO_DONE, the result's bytes.  False stops
	 * the run (memory ran out). */
	bool (*done)(void *ctx, size_t i, const iso_outcome *o,
		     const uint8_t *p, size_t n);
} iso_job;

/* Run every item; false with err only when the run could not be done (no
 * process could be started, or done returned false). */
bool iso_run(const iso_job *job, vl_error *err);

/* In a child: what it is doing (the job's own numbers), reported with
 * the outcome when it dies. */
void iso_set_phase(unsigned phase);
/* In a child: stderr goes nowhere (on) or back to where it went.  For
 * code that prints its own account of a crash the outcome already gives. */
void iso_quiet(bool on);

#endif
