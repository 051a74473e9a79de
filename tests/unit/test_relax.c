/* Unit tests for analyzer/ldscript/relax.c: the reach checks of RISC-V
 * relaxation (GNU ld 2.40's elfnn-riscv.c) and the bookkeeping of deleted
 * bytes. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ldscript/relax.h"

#define U64(x) UINT64_C(x)

/* jal reaches +-1 MiB, with ld's margin for later alignment; c.j +-2 KiB
 * for a tail call (rd x0); c.jal only on RV32; a target near address 0
 * takes a jalr off x0 whatever the distance. */
static void calls_shrink_as_far_as_their_reach(void **state)
{
	uint64_t pc = U64(0x80000000);

	(void)state;
	assert_int_equal(lr_call_length(pc, pc + 0x100, 4, true, true, 1), 4);
	assert_int_equal(lr_call_length(pc, pc + 0x100, 4, true, true, 0), 2);
	assert_int_equal(lr_call_length(pc, pc + 0x100, 4, false, true, 0), 4);
	assert_int_equal(lr_call_length(pc, pc + 0x100, 4, true, false, 1), 2);
	assert_int_equal(lr_call_length(pc, pc - 0x7fc, 4, true, true, 0), 2);
	assert_int_equal(lr_call_length(pc, pc - 0x800, 4, true, true, 0), 4);
	assert_int_equal(lr_call_length(pc, pc + 0xffff8, 4, true, true, 1), 4);
	/* In reach only without the margin: ld keeps the long call. */
	assert_int_equal(lr_call_length(pc, pc + 0xffffc, 8, true, true, 1), 8);
	assert_int_equal(lr_call_length(pc, pc + 0x200000, 4, true, true, 1),
			 8);
	assert_int_equal(lr_call_length(pc, 0x10, 4, true, true, 1), 4);
}

/* An address load goes when its target is within the 12-bit immediate of
 * gp (with the margins) or of 0. */
static void loads_near_gp_or_zero_go(void **state)
{
	uint64_t gp = U64(0x80080800);

	(void)state;
	assert_true(lr_near_gp(gp + 0x700, gp, 8, 0));
	assert_false(lr_near_gp(gp + 0x7fc, gp, 8, 0));
	assert_true(lr_near_gp(gp - 0x7f0, gp, 8, 0));
	assert_false(lr_near_gp(gp - 0x7fc, gp, 8, 0));
	assert_false(lr_near_gp(gp + 0x700, gp, 8, 0x100));
	assert_true(lr_near_gp(0x7ff, 0, 8, 0));
	assert_false(lr_near_gp(gp, 0, 8, 0));
	/* c.lui: a small nonzero high part, not for x0 or sp. */
	assert_true(lr_c_lui(0x5000, 10, 0x2000));
	assert_false(lr_c_lui(0x5000, 2, 0x2000));
	assert_false(lr_c_lui(0x7ff, 10, 0x2000)); /* high part 0 */
	assert_true(lr_c_lui(0x800, 10, 0x2000));  /* high part 0x1000 */
	assert_false(lr_c_lui(U64(0x80000000), 10, 0x2000));
}

/* Offsets move by what was deleted before them, once committed. */
static void deleted_bytes_move_what_follows(void **state)
{
	lr_section rx;

	(void)state;
	memset(&rx, 0, sizeof(rx));
	assert_true(lr_delete_bytes(&rx, 0x40, 4));
	assert_true(lr_delete_bytes(&rx, 0x10, 6));
	assert_int_equal(lr_now(&rx, 0x80), 0x80); /* not committed yet */
	lr_commit(&rx);
	assert_int_equal(rx.deleted, 10);
	assert_int_equal(lr_now(&rx, 0x10), 0x10);
	assert_int_equal(lr_now(&rx, 0x11), 0x11 - 6);
	assert_int_equal(lr_now(&rx, 0x40), 0x40 - 6);
	assert_int_equal(lr_now(&rx, 0x80), 0x80 - 10);
	free(rx.dels);
}

/* R_RISCV_ALIGN: the nops that align the address after them, to the
 * power of two above the padding the assembler left (GNU ld 2.40 keeps 4
 * of 6 at 0x...c for an 8-byte .align, 0 at 0x...8). */
static void alignment_keeps_the_nops_it_needs(void **state)
{
	(void)state;
	assert_int_equal(lr_align_nops(U64(0x8000000c), 6), 4);
	assert_int_equal(lr_align_nops(U64(0x80000008), 6), 0);
	assert_int_equal(lr_align_nops(U64(0x80000004), 14), 12);
	assert_int_equal(lr_align_nops(U64(0x80000002), 2), 2);
}

/* A local-exec access is shortened when the variable's offset from the
 * start of the TLS block sign-extends from 12 bits (RISCV_CONST_HIGH_PART
 * 0): -0x800 to 0x7ff.  GNU ld 2.40 on Debian's libc.a for riscv64
 * (malloc.o's tcache, 0x10 into .tbss) deleted the lui and the add. */
static void a_tls_variable_near_the_thread_pointer_relaxes(void **state)
{
	(void)state;
	assert_true(lr_tp_near(0x80010010, 0x80010000));
	assert_true(lr_tp_near(0x800107ff, 0x80010000));
	assert_false(lr_tp_near(0x80010800, 0x80010000));
	assert_true(lr_tp_near(0x8000f800, 0x80010000));
	assert_false(lr_tp_near(0x8000f7ff, 0x80010000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_tls_variable_near_the_thread_pointer_relaxes),
	    cmocka_unit_test(calls_shrink_as_far_as_their_reach),
	    cmocka_unit_test(loads_near_gp_or_zero_go),
	    cmocka_unit_test(deleted_bytes_move_what_follows),
	    cmocka_unit_test(alignment_keeps_the_nops_it_needs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
