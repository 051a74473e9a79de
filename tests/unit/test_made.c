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

/* No IFUNC in the link. */
static const lm_ifunc no_ifunc;

/* x86_64 (GNU ld 2.40 on the same instructions): two REX_GOTPCRELX
 * loads of an undefined symbol need one entry; a REX_GOTPCRELX of a
 * defined one and a plain GOTPCREL of a mov (0x8b) of a defined local are
 * relaxed; a GOTPCREL of another instruction is not.  .got.plt gets its
 * 3 reserved entries; without entries and GOTPC, no GOT at all. */
static void got_entries_are_per_symbol_ld_cannot_relax(void **state)
{
	image a;
	lm_gotref refs[] = {
	    {R_X86_64_REX_GOTPCRELX, "ext", &a, 5, false, -4, 0x8b, false},
	    {R_X86_64_REX_GOTPCRELX, "ext", &a, 5, false, -4, 0x8b, false},
	    {R_X86_64_REX_GOTPCRELX, "mine", &a, 6, true, -4, 0x8b, false},
	    {R_X86_64_GOTPCREL, NULL, &a, 2, true, -4, 0x8b, false},
	    {R_X86_64_GOTPCREL, NULL, &a, 3, true, -4, 0x03, false},
	};
	lm_got g;

	(void)state;
	lm_got_sizes(EM_X86_64, refs, 5, &no_ifunc, &g);
	assert_int_equal(g.got, 0x10);
	assert_int_equal(g.gotplt, 0x18);
	assert_int_equal(g.relgot, 0);
	lm_gotref relaxed[] = {
	    {R_X86_64_GOTPCRELX, "mine", &a, 6, true, -4, 0xff, false}};
	lm_got_sizes(EM_X86_64, relaxed, 1, &no_ifunc, &g);
	assert_int_equal(g.got, 0);
	assert_int_equal(g.gotplt, 0);
}

/* i386 PIC code: GOTPC to _GLOBAL_OFFSET_TABLE_ and GOTOFF need no entry
 * but the GOT's header (GNU ld: .got.plt 0xc, no .got). */
static void pic_code_on_i386_makes_the_got_header(void **state)
{
	image a;
	lm_gotref refs[] = {
	    {R_386_GOTPC, "_GLOBAL_OFFSET_TABLE_", &a, 9, false, 2, -1, false},
	    {R_386_GOTOFF, NULL, &a, 3, true, 0, -1, false},
	};
	lm_got g;
	image_section own[LM_MAX_OWN];

	(void)state;
	lm_got_sizes(EM_386, refs, 2, &no_ifunc, &g);
	assert_int_equal(g.got, 0);
	assert_int_equal(g.gotplt, 0xc);
	assert_int_equal(lm_own_sections(EM_386, false, false, own), 6);
	assert_string_equal(own[0].name, ".rel.got");
	assert_int_equal(lm_own_sections(EM_AARCH64, false, false, own), 0);
}

/* Members of Debian's libc.a for aarch64 (GNU ld 2.40, static link):
 * ten symbols loaded through the GOT (LD64_GOTPAGE_LO15) and initial-exec
 * accesses of four thread-local ones the link defines, which ld turns
 * into local-exec: .got 0x58 (its _DYNAMIC entry and ten), .got.plt 0x18.
 * An initial-exec access of an undefined one keeps an entry. */
static void aarch64_relaxes_tls_of_defined_symbols(void **state)
{
	image a;
	lm_gotref refs[] = {
	    {R_AARCH64_LD64_GOTPAGE_LO15, "stderr", &a, 1, false, 0, -1, false},
	    {R_AARCH64_LD64_GOTPAGE_LO15, "stderr", &a, 1, false, 0, -1, false},
	    {R_AARCH64_ADR_GOT_PAGE, "__curbrk", &a, 2, false, 0, -1, false},
	    {R_AARCH64_LD64_GOT_LO12_NC, "__curbrk", &a, 2, false, 0, -1, false},
	    {R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21, "__libc_errno", &a, 3, true,
	     0, -1, false},
	    {R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC, NULL, &a, 4, true, 0, -1, false},
	    {R_AARCH64_ADR_PREL_PG_HI21, "_GLOBAL_OFFSET_TABLE_", &a, 5, false,
	     0, -1, false},
	};
	lm_got g;
	image_section own[LM_MAX_OWN];

	(void)state;
	lm_got_sizes(EM_AARCH64, refs, 7, &no_ifunc, &g);
	assert_int_equal(g.got, 8 + 2 * 8);
	assert_int_equal(g.gotplt, 0x18);
	assert_int_equal(g.relgot, 0);
	lm_gotref ie[] = {
	    {R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21, "tv", &a, 3, false, 0, -1, false}};
	lm_got_sizes(EM_AARCH64, ie, 1, &no_ifunc, &g);
	assert_int_equal(g.got, 16);
	assert_int_equal(lm_own_sections(EM_AARCH64, true, true, own), 6);
	assert_string_equal(own[0].name, ".iplt");
	assert_int_equal(own[0].align, 4);
	assert_string_equal(own[4].name, ".got");
}

/* arm (Debian's libc.a, GNU ld 2.40): ten GOT_BREL symbols and four
 * initial-exec ones, which arm keeps: .got 0x38, no header there;
 * .got.plt 0xc. */
static void arm_keeps_initial_exec_entries(void **state)
{
	image a;
	lm_gotref refs[14];
	lm_got g;
	image_section own[LM_MAX_OWN];

	(void)state;
	for (size_t i = 0; i < 14; i++)
		refs[i] = (lm_gotref){i < 10 ? R_ARM_GOT32 : R_ARM_TLS_IE32,
				      NULL, &a, i + 1, true, 0, -1, false};
	lm_got_sizes(EM_ARM, refs, 14, &no_ifunc, &g);
	assert_int_equal(g.got, 0x38);
	assert_int_equal(g.gotplt, 0xc);
	assert_int_equal(lm_own_sections(EM_ARM, false, false, own), 3);
	assert_string_equal(own[0].name, ".iplt");
}

/* RISC-V (Debian's libc.a, GNU ld 2.40): nine GOT_HI20 symbols, three
 * global and one local initial-exec: .got 0x70 (a header entry and
 * thirteen), .got.plt 0x10, and a run-time relocation per thread-local
 * entry, .rela.got 0x60 -- in a static link.  A global-dynamic one takes
 * two entries and two relocations. */
static void riscv_relocates_tls_entries(void **state)
{
	image a;
	lm_gotref refs[14];
	lm_got g;

	(void)state;
	for (size_t i = 0; i < 9; i++)
		refs[i] = (lm_gotref){R_RISCV_GOT_HI20, NULL, &a, i + 1, false,
				      0, -1, false};
	refs[9] = (lm_gotref){R_RISCV_TLS_GOT_HI20, "a", &a, 20, true, 0, -1, false};
	refs[10] = (lm_gotref){R_RISCV_TLS_GOT_HI20, "b", &a, 21, true, 0, -1, false};
	refs[11] = (lm_gotref){R_RISCV_TLS_GOT_HI20, "c", &a, 22, true, 0, -1, false};
	refs[12] = (lm_gotref){R_RISCV_TLS_GOT_HI20, NULL, &a, 23, true, 0, -1, false};
	refs[13] = (lm_gotref){R_RISCV_TLS_GOT_HI20, "a", &a, 20, true, 0, -1, false};
	lm_got_sizes(EM_RISCV, refs, 14, &no_ifunc, &g);
	assert_int_equal(g.got, 0x70);
	assert_int_equal(g.gotplt, 0x10);
	assert_int_equal(g.relgot, 0x60);
	lm_gotref gd[] = {
	    {R_RISCV_TLS_GD_HI20, "d", &a, 30, false, 0, -1, false}};
	lm_got_sizes(EM_RISCV, gd, 1, &no_ifunc, &g);
	assert_int_equal(g.got, 8 + 16);
	assert_int_equal(g.relgot, 48);
}

/* IFUNCs of a static link (GNU ld 2.40 on each machine, one object
 * defining f1..f4 as IFUNCs, one referring to them): on x86_64 a call or
 * an address in code gets a PLT entry (8 bytes, an .igot.plt slot, an
 * IRELATIVE relocation), a GOT load alone a .got entry and a relocation,
 * a word in .data a relocation of its own; aarch64 gives every one a PLT
 * entry of 16 bytes; arm a GOT load alone a .got entry, anything else a
 * PLT entry of 12. */
static void ifuncs_get_plt_entries_or_relocations(void **state)
{
	lm_ifuncref refs[] = {
	    {"f1", LM_IFUNC_PLT}, {"f1", LM_IFUNC_PLT}, {"f2", LM_IFUNC_GOT},
	    {"f3", LM_IFUNC_PLT}, {"f4", LM_IFUNC_DATA}, {"f4", LM_IFUNC_DATA},
	    {"f5", LM_IFUNC_GOT}, {"f5", LM_IFUNC_PLT},
	};
	lm_ifunc o;

	(void)state;
	lm_ifunc_sizes(EM_X86_64, refs, 8, &o);
	assert_int_equal(o.iplt, 3 * 8);     /* f1, f3, f5 */
	assert_int_equal(o.igotplt, 3 * 8);
	assert_int_equal(o.got, 8);	     /* f2 */
	assert_int_equal(o.reliplt, 6 * 24); /* 3 PLT, f2, f4 twice */
	lm_ifunc_sizes(EM_386, refs, 8, &o);
	assert_int_equal(o.iplt, 3 * 8);
	assert_int_equal(o.igotplt, 3 * 4);
	assert_int_equal(o.reliplt, 6 * 8);
	lm_ifunc_sizes(EM_AARCH64, refs, 8, &o);
	assert_int_equal(o.iplt, 5 * 16);
	assert_int_equal(o.got, 0);
	assert_int_equal(o.reliplt, 5 * 24);
	lm_ifunc_sizes(EM_ARM, refs, 8, &o);
	assert_int_equal(o.iplt, 4 * 12); /* f1, f3, f4, f5 */
	assert_int_equal(o.got, 4);	  /* f2 */
	assert_int_equal(o.reliplt, 5 * 8);
	/* On x86 the IFUNC PLT alone gives .got.plt its reserved entries
	 * (GNU ld 2.40: a call to an IFUNC, .got.plt 0x18), and its GOT
	 * entries go to .got. */
	lm_got g;
	lm_ifunc plt_only = {8, 8, 24, 0}, got_only = {0, 0, 24, 8};
	lm_got_sizes(EM_X86_64, NULL, 0, &plt_only, &g);
	assert_int_equal(g.got, 0);
	assert_int_equal(g.gotplt, 0x18);
	lm_got_sizes(EM_X86_64, NULL, 0, &got_only, &g);
	assert_int_equal(g.got, 8);
	assert_int_equal(g.gotplt, 0x18);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(dynamic_sizes_of_genode_rel),
	    cmocka_unit_test(dynamic_sizes_of_an_empty_pie),
	    cmocka_unit_test(got_entries_are_per_symbol_ld_cannot_relax),
	    cmocka_unit_test(pic_code_on_i386_makes_the_got_header),
	    cmocka_unit_test(aarch64_relaxes_tls_of_defined_symbols),
	    cmocka_unit_test(arm_keeps_initial_exec_entries),
	    cmocka_unit_test(riscv_relocates_tls_entries),
	    cmocka_unit_test(ifuncs_get_plt_entries_or_relocations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
