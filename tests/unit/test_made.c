/* Unit tests for analyzer/ldscript/made.c: the sections GNU ld makes, with
 * the sizes GNU ld 2.40 gave for the same symbols and relocations. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ldscript/made.h"

/* Genode's genode_rel.ld linked --shared for i386 (tests/ldscripts/real/
 * genode-rel.ld): the twelve symbols the script defines are exported, and
 * GNU ld made .hash 0x48, .gnu.hash 0x5c, .dynsym 0xd0, .dynstr 0xaa (the
 * "_end" is the tail of "__exidx_end") and .dynamic 0x60 (6 tags, DT_NULL,
 * 5 spare). */
static void dynamic_sizes_of_genode_rel(void **state)
{
	static const char *const names[] = {"__exidx_end",
					    "_parent_cap",
					    "_edata",
					    "_end",
					    "_ctors_end",
					    "__eh_frame_start__",
					    "__l4sys_invoke_indirect",
					    "__bss_start",
					    "_parent_cap_local_name",
					    "_parent_cap_thread_id",
					    "__exidx_start",
					    "_ctors_start"};
	lm_dynamic d = {.is64 = false,
			.sysv_hash = true,
			.gnu_hash = true,
			.names = names,
			.n = 12,
			.ndefined = 12};
	uint64_t size[LM_NDYN];

	(void)state;
	assert_true(lm_dynamic_sizes(&d, size));
	assert_int_equal(size[LM_HASH], 0x48);
	assert_int_equal(size[LM_GNU_HASH], 0x5c);
	assert_int_equal(size[LM_DYNSYM], 0xd0);
	assert_int_equal(size[LM_DYNSTR], 0xaa);
	assert_int_equal(size[LM_DYNAMIC], 0x60);
}

/* SerenityOS's kernel linked --pie for x86_64: nothing exported; GNU ld
 * made .hash 0x10, .gnu.hash 0x1c (the empty table), .dynsym 0x18,
 * .dynstr 1, .interp 0xf ("/lib/ld64.so.1") and .dynamic 0xe0 (with
 * DT_DEBUG and DT_FLAGS_1). */
static void dynamic_sizes_of_an_empty_pie(void **state)
{
	lm_dynamic d = {
	    .is64 = true, .pie = true, .sysv_hash = true, .gnu_hash = true};
	uint64_t size[LM_NDYN];

	(void)state;
	assert_true(lm_dynamic_sizes(&d, size));
	assert_int_equal(size[LM_HASH], 0x10);
	assert_int_equal(size[LM_GNU_HASH], 0x1c);
	assert_int_equal(size[LM_DYNSYM], 0x18);
	assert_int_equal(size[LM_DYNSTR], 1);
	assert_int_equal(size[LM_INTERP], 0xf);
	assert_int_equal(size[LM_DYNAMIC], 0xe0);
	assert_string_equal(lm_dynamic_section(true, LM_DYNAMIC)->name,
			    ".dynamic");
	assert_int_equal(lm_dynamic_section(false, LM_DYNSYM)->align, 4);
}

/* x86_64 (GNU ld 2.40 on the same instructions): two REX_GOTPCRELX
 * loads of an undefined symbol need one entry; a REX_GOTPCRELX of a
 * defined one and a plain GOTPCREL of a mov (0x8b) of a defined local are
 * relaxed; a GOTPCREL of another instruction is not.  .got.plt gets its
 * 3 reserved entries; without entries and GOTPC, no GOT at all. */
static void got_entries_are_per_symbol_ld_cannot_relax(void **state)
{
	image a;
	lm_gotref refs[] = {
	    {R_X86_64_REX_GOTPCRELX, "ext", &a, 5, false, -4, 0x8b},
	    {R_X86_64_REX_GOTPCRELX, "ext", &a, 5, false, -4, 0x8b},
	    {R_X86_64_REX_GOTPCRELX, "mine", &a, 6, true, -4, 0x8b},
	    {R_X86_64_GOTPCREL, NULL, &a, 2, true, -4, 0x8b},
	    {R_X86_64_GOTPCREL, NULL, &a, 3, true, -4, 0x03},
	};
	uint64_t got = 7, gotplt = 7;

	(void)state;
	assert_true(lm_got_sizes(EM_X86_64, refs, 5, &got, &gotplt));
	assert_int_equal(got, 0x10);
	assert_int_equal(gotplt, 0x18);
	lm_gotref relaxed[] = {
	    {R_X86_64_GOTPCRELX, "mine", &a, 6, true, -4, 0xff}};
	assert_true(lm_got_sizes(EM_X86_64, relaxed, 1, &got, &gotplt));
	assert_int_equal(got, 0);
	assert_int_equal(gotplt, 0);
}

/* i386 PIC code: GOTPC to _GLOBAL_OFFSET_TABLE_ and GOTOFF need no entry
 * but the GOT's header (GNU ld: .got.plt 0xc, no .got). */
static void pic_code_on_i386_makes_the_got_header(void **state)
{
	image a;
	lm_gotref refs[] = {
	    {R_386_GOTPC, "_GLOBAL_OFFSET_TABLE_", &a, 9, false, 2, -1},
	    {R_386_GOTOFF, NULL, &a, 3, true, 0, -1},
	};
	uint64_t got = 7, gotplt = 7;
	size_t n;

	(void)state;
	assert_true(lm_got_sizes(EM_386, refs, 2, &got, &gotplt));
	assert_int_equal(got, 0);
	assert_int_equal(gotplt, 0xc);
	assert_non_null(lm_own_sections(EM_386, &n));
	assert_int_equal(n, 6);
	assert_null(lm_own_sections(EM_AARCH64, &n));
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(dynamic_sizes_of_genode_rel),
	    cmocka_unit_test(dynamic_sizes_of_an_empty_pie),
	    cmocka_unit_test(got_entries_are_per_symbol_ld_cannot_relax),
	    cmocka_unit_test(pic_code_on_i386_makes_the_got_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
