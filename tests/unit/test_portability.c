/* Unit tests for analyzer/ldscript/portability.c: each construct that GNU
 * ld accepts and lld 14 rejects or links differently gets one warning at
 * its place, naming the portable form; the portable form gets none.  Each
 * was linked with ld 2.40 and ld.lld 14. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ldscript/parser.h"
#include "ldscript/portability.h"
#include "rules.h"

/* The warnings ls_portability gives for text, in order. */
static void portability(const char *text, vl_diags *d)
{
	vl_error err = {0};
	ls_script s;

	memset(d, 0, sizeof(*d));
	if (!ls_parse_text("t.ld", text, strlen(text), NULL, &s, &err)) {
		print_error("parse error %u:%u: %s\n", err.line, err.column,
			    err.msg);
		fail();
	}
	int found = ls_portability(&s, d);

	assert_int_equal(found, (int)d->n);
	ls_script_free(&s);
}

/* Exactly one warning, this one. */
static void assert_warns(const char *text, unsigned line, unsigned column,
			 const char *msg)
{
	vl_diags d;

	portability(text, &d);
	for (size_t i = 0; d.n != 1 && i < d.n; i++)
		print_error("warning %u:%u %s\n", d.v[i].line, d.v[i].column,
			    d.v[i].message);
	assert_int_equal(d.n, 1);
	assert_ptr_equal(d.v[0].rule, VL_RULE_LLD_PORTABILITY);
	assert_string_equal(d.v[0].file, "t.ld");
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].column, column);
	assert_string_equal(d.v[0].message, msg);
	vl_diags_free(&d);
}

static void assert_portable(const char *text)
{
	vl_diags d;

	portability(text, &d);
	for (size_t i = 0; i < d.n; i++)
		print_error("warning %u:%u %s\n", d.v[i].line, d.v[i].column,
			    d.v[i].message);
	assert_int_equal(d.n, 0);
	vl_diags_free(&d);
}

/* lld 14: "symbol not found: $6000000". */
static void dollar_numbers_are_symbols_to_lld(void **state)
{
	(void)state;
	assert_warns("SECTIONS {\n  .text $6000000 : { *(.text) }\n}\n", 2, 9,
		     "lld reads a $ number as a symbol name and fails: write "
		     "0x6000000");
	assert_warns("x = 1 + $10K;", 1, 9,
		     "lld reads a $ number as a symbol name and fails: write "
		     "0x4000");
	assert_portable("SECTIONS {\n  .text 0x6000000 : { *(.text) }\n}\n");
	assert_portable("x = __global_pointer$ + 1;");
}

/* lld 14: "':' expected, but got ram" and "',' expected, but got
 * LENGTH"; GNU ld links both. */
static void memory_separators_lld_refuses(void **state)
{
	(void)state;
	assert_warns("MEMORY {\n  rom : ORIGIN = 0x10000, LENGTH = 64K,\n"
		     "  ram : ORIGIN = 0x20000, LENGTH = 64K\n}\n",
		     2, 39,
		     "lld rejects a ',' between MEMORY regions: put each "
		     "region on a line of its own, without the comma");
	assert_warns("MEMORY { ram : ORIGIN = 0x10000 LENGTH = 64K }", 1, 42,
		     "lld rejects LENGTH without a ',' after ORIGIN: write "
		     "ORIGIN = ..., LENGTH = ...");
	assert_portable("MEMORY {\n  rom : ORIGIN = 0x10000, LENGTH = 64K\n"
			"  ram : ORIGIN = 0x20000, LENGTH = 64K\n}\n");
}

/* lld 14: "discarding .shstrtab section is not allowed". */
static void discarding_every_section_lld_refuses(void **state)
{
	(void)state;
	assert_warns("SECTIONS { /DISCARD/ : { *(.*) } }", 1, 26,
		     "lld refuses to discard .shstrtab, which this pattern "
		     "matches (\"discarding .shstrtab section is not "
		     "allowed\"): name the sections to discard (*(.comment) "
		     "*(.note.*) ...)");
	assert_warns("SECTIONS { /DISCARD/ : { *(.sym*) } }", 1, 26,
		     "lld refuses to discard .symtab, which this pattern "
		     "matches (\"discarding .symtab section is not "
		     "allowed\"): name the sections to discard (*(.comment) "
		     "*(.note.*) ...)");
	assert_portable("SECTIONS { /DISCARD/ : { *(.comment) *(.note.*) } }");
	assert_portable("SECTIONS { .all : { *(.*) } }");
}

/* lld 14: "at least one side of the expression must be absolute" for '+',
 * '&' and '|' of two section-relative values; GNU ld adds the
 * addresses. */
static void section_relative_sums_lld_refuses(void **state)
{
	static const char head[] =
	    "SECTIONS {\n  . = 0x10000;\n  .text : { _a = .; *(.text) }\n"
	    "  .data 0x20000 : { _b = .; *(.data) }\n";
	char text[256];

	(void)state;
	snprintf(text, sizeof(text), "%s  d = _b + _a;\n}\n", head);
	assert_warns(text, 5, 10,
		     "lld refuses '+' of two section-relative values (symbols "
		     "set from '.', ADDR()): wrap one side in ABSOLUTE()");
	snprintf(text, sizeof(text), "%s  d = ADDR(.data) | c;\n  c = _a;\n}\n",
		 head);
	assert_warns(text, 5, 19,
		     "lld refuses '|' of two section-relative values (symbols "
		     "set from '.', ADDR()): wrap one side in ABSOLUTE()");
	snprintf(text, sizeof(text),
		 "%s  d = ABSOLUTE(_b) + _a;\n  e = _b - _a + _a;\n"
		 "  f = _b + SIZEOF(.text);\n  g = _b + undefined_here;\n}\n",
		 head);
	assert_portable(text);
	/* GNU ld's default script: ALIGN(a) is a number to lld. */
	assert_portable("SECTIONS { .text : { *(.text) }\n"
			"  . = ALIGN(CONSTANT (MAXPAGESIZE)) + (. & (CONSTANT "
			"(MAXPAGESIZE) - 1));\n}\n");
}

/* lld 14: "memory region 'ram' not declared" when MEMORY says "ram". */
static void quoted_region_names_lld_keeps(void **state)
{
	(void)state;
	assert_warns("MEMORY { \"ram\" : ORIGIN = 0x10000, LENGTH = 64K }\n"
		     "SECTIONS { .text : { *(.text) } > ram }",
		     2, 35,
		     "lld keeps the quotes of a quoted memory region name, so "
		     "\"ram\" and ram are two regions there: write the name "
		     "without quotes in MEMORY and here");
	assert_warns("MEMORY { ram : ORIGIN = 0x10000, LENGTH = 64K }\n"
		     "SECTIONS { .text : { *(.text) } AT> \"ram\" }",
		     2, 37,
		     "lld keeps the quotes of a quoted memory region name, so "
		     "\"ram\" and ram are two regions there: write the name "
		     "without quotes in MEMORY and here");
	assert_portable("MEMORY { \"ram\" : ORIGIN = 0x10000, LENGTH = 64K }\n"
			"SECTIONS { .text : { *(.text) } > \"ram\" }");
	assert_portable("MEMORY { ram : ORIGIN = 0x10000, LENGTH = 64K }\n"
			"SECTIONS { .text : { *(.text) } > ram }");
}

/* lld 14: "unknown directive: NOCROSSREFS" (and _TO); in OVERLAY "AT
 * expected, but got NOCROSSREFS"; an OVERLAY without AT "AT expected". */
static void nocrossrefs_and_overlay_without_at_lld_refuses(void **state)
{
	(void)state;
	assert_warns("NOCROSSREFS(.text .data)", 1, 1,
		     "lld 14 rejects NOCROSSREFS: remove it for lld, which "
		     "checks no cross references");
	assert_warns("NOCROSSREFS_TO(.text .data)", 1, 1,
		     "lld 14 rejects NOCROSSREFS_TO: remove it for lld, which "
		     "checks no cross references");
	assert_warns("SECTIONS { OVERLAY 0x20000 : NOCROSSREFS AT(0x30000) "
		     "{ .a { BYTE(0) } .b { BYTE(1) } } }",
		     1, 12,
		     "lld 14 rejects NOCROSSREFS in OVERLAY: remove it for "
		     "lld, which checks no cross references");
	assert_warns("SECTIONS {\n  OVERLAY 0x20000 : { .a { BYTE(0) } "
		     ".b { BYTE(1) } }\n}",
		     2, 3,
		     "lld 14 rejects an OVERLAY without AT(...): write OVERLAY "
		     "start : AT(lma) { ... }");
	assert_warns("SECTIONS {\n  OVERLAY : AT(0x30000) { .a { BYTE(0) } "
		     ".b { BYTE(1) } }\n}",
		     2, 3,
		     "lld 14 rejects an OVERLAY without a start address: write "
		     "OVERLAY start : AT(lma) { ... }");
	assert_portable("SECTIONS { OVERLAY 0x20000 : AT(0x30000) "
			"{ .a { BYTE(0) } .b { BYTE(1) } } }");
}

/* GNU ld links sub/c.o from disk when the command line does not name it;
 * lld leaves .text without it. */
static void file_names_without_wildcards_ld_opens(void **state)
{
	(void)state;
	assert_warns("SECTIONS { .text : { *(.text) sub/c.o(.text) } }", 1, 31,
		     "GNU ld opens sub/c.o itself when no input file has that "
		     "name, lld then matches nothing: if the command line does "
		     "not name it, add INPUT(sub/c.o)");
	assert_portable("INPUT(sub/c.o)\n"
			"SECTIONS { .text : { *(.text) sub/c.o(.text) } }");
	assert_portable("SECTIONS { .text : { *c.o(.text) libc.a:x.o(.text) "
			"crt[01].o(.init) } }");
}

/* GNU ld emits an empty PT_LOAD for extra, lld drops it. */
static void unused_load_segments_lld_drops(void **state)
{
	(void)state;
	assert_warns("PHDRS { text PT_LOAD; extra PT_LOAD; note PT_NOTE; }\n"
		     "SECTIONS { .text : { *(.text) } :text }",
		     1, 23,
		     "no section is in segment extra: GNU ld emits an empty "
		     "PT_LOAD for it, lld none; remove it from PHDRS");
	assert_portable("PHDRS { text PT_LOAD; data PT_LOAD; }\n"
			"SECTIONS { .text : { *(.text) } :text .data : { "
			"*(.data) } :data }");
	/* Overlay members are in the overlay's segments. */
	assert_portable(
	    "PHDRS { text PT_LOAD; ov PT_LOAD; }\n"
	    "SECTIONS { .text : { *(.text) } :text OVERLAY 0x1000 : "
	    "AT(0x2000) { .a { BYTE(0) } } :ov }");
}

/* GNU ld 2.40 (tests/ldscripts/cases/type-overlay.ld): .rodata after
 * ".over (OVERLAY) : { *(.foo) }" at 0x4000f0, past .over; lld 14 at
 * 0x400078, where .text ended. */
static void unallocated_types_with_contents_lld_does_not_pass(void **state)
{
	(void)state;
	assert_warns("SECTIONS {\n  .text : { *(.text) }\n  .over (OVERLAY) : "
		     "{ *(.foo) }\n  .rodata : { *(.rodata) }\n}",
		     3, 3,
		     ".over (OVERLAY) is not allocated, but GNU ld moves the "
		     "next free address past its inputs that have contents and "
		     "lld does not: give the section after it an address of "
		     "its own");
	/* bss by name has no contents: both leave the address alone. */
	assert_portable("SECTIONS { .bss 0x1000 (OVERLAY) : { *(.bss*) "
			"*(COMMON) } }");
	/* Data alone does not move it in GNU ld either. */
	assert_portable("SECTIONS { .info (INFO) : { LONG(1) } }");
}

/* Each measured with lld 14 and GNU ld 2.40 (see the messages). */
static void unary_plus_lld_refuses(void **state)
{
	(void)state;
	assert_warns("SECTIONS { . = + 0x1000; }\n", 1, 18,
		     "lld 14 rejects a unary '+' (\"malformed number: +\"): "
		     "leave it out");
	assert_warns("x = -4 + (+8);\n", 1, 12,
		     "lld 14 rejects a unary '+' (\"malformed number: +\"): "
		     "leave it out");
	assert_portable("x = 1 +2; y = x + 4;\n");
}

static void dot_in_data_lld_cannot_read(void **state)
{
	(void)state;
	assert_warns("SECTIONS { .text : { LONG(label - .) label = .; } }\n",
		     1, 35,
		     "lld 14 cannot read '.' in a data command (\"unable to "
		     "get location counter value\"): set a symbol to '.' "
		     "before it and use that");
	assert_portable("SECTIONS { .text : { here = .; LONG(label - here) "
			"label = .; } }\n");
}

static void region_names_with_a_minus_lld_splits(void **state)
{
	(void)state;
	assert_warns("MEMORY {\n  ram (rwx) : ORIGIN = 0x1000, LENGTH = 4K\n"
		     "  bkup-ram (rwx) : ORIGIN = 0x3000, LENGTH = 4K\n}\n",
		     3, 3,
		     "lld 14 reads bkup-ram as an expression after the LENGTH "
		     "before it (\": expected, but got ...\"): name the "
		     "region without '-'");
	/* The first region is read before any expression. */
	assert_portable("MEMORY {\n  bkup-ram (rwx) : ORIGIN = 0x3000, "
			"LENGTH = 4K\n}\n");
}

static void an_address_with_align_lld_does_not_align(void **state)
{
	(void)state;
	assert_warns("SECTIONS { .data 0x2001 : ALIGN(16) { *(.data) } }\n",
		     1, 33,
		     "with an address of its own, GNU ld still aligns the "
		     "section as ALIGN() says, lld takes the address as "
		     "written (and only warns): write the alignment into the "
		     "address, ALIGN(address, n)");
	assert_portable("SECTIONS { .data ALIGN(0x2001, 16) : { *(.data) } }\n");
}

/* GNU ld: .data2 loads at 0x08000018, after .data in FLASH; lld at its
 * run address 0x20000008. */
static void load_addresses_lld_does_not_carry_over(void **state)
{
	(void)state;
	assert_warns("MEMORY { FLASH : ORIGIN = 0x08000000, LENGTH = 512K\n"
		     "RAM : ORIGIN = 0x20000000, LENGTH = 128K }\n"
		     "SECTIONS {\n"
		     "  .data : { *(.data) } > RAM AT > FLASH\n"
		     "  .data2 : { *(.data2) } > RAM\n"
		     "  .bss : { *(.bss) } > RAM\n}\n",
		     5, 3,
		     ".data2 has no load address of its own: GNU ld loads it "
		     "after .data (AT>), lld where it runs in RAM, so its "
		     "contents are not in the load region there; give it the "
		     "same AT> region");
}

/* cortex-m-rt's link.x: GNU ld gives .bss load address 0x08000008, after
 * .data in FLASH; lld its run address 0x20000008.  Nothing loads there. */
static void a_bss_load_address_lld_does_not_carry_over(void **state)
{
	(void)state;
	assert_warns("MEMORY { FLASH : ORIGIN = 0x08000000, LENGTH = 512K\n"
		     "RAM : ORIGIN = 0x20000000, LENGTH = 128K }\n"
		     "SECTIONS {\n"
		     "  .data : { *(.data) } > RAM AT > FLASH\n"
		     "  .bss : { *(.bss) } > RAM\n}\n",
		     5, 3,
		     ".bss has no load address of its own: GNU ld gives it one "
		     "after .data (AT>), lld its run address in RAM; nothing of "
		     "it is loaded, but LOADADDR(.bss) and the physical address "
		     "of its program header differ");
}

static void sizeof_headers_lld_counts_its_own(void **state)
{
	(void)state;
	assert_warns("SECTIONS { . = 0x100 + SIZEOF_HEADERS; .text : { "
		     "*(.text) } }\n",
		     1, 24,
		     "SIZEOF_HEADERS counts the program headers the linker "
		     "makes, and lld makes others than GNU ld (PT_PHDR, a "
		     "PT_LOAD for each set of permissions, PT_GNU_STACK): what "
		     "follows starts at another address under lld; with PHDRS "
		     "both count the same");
	assert_portable("PHDRS { text PT_LOAD FILEHDR PHDRS; }\n"
			"SECTIONS { . = 0x100 + SIZEOF_HEADERS; .text : { "
			"*(.text) } :text }\n");
}

/* GNU ld: .stack NOBITS WA; lld: PROGBITS AX, its bytes in the file. */
static void sections_of_only_a_dot_move_lld_fills(void **state)
{
	(void)state;
	assert_warns("SECTIONS {\n  .text : { *(.text) }\n  .stack : { . += "
		     "0x1000; _sp = .; }\n}",
		     3, 3,
		     ".stack holds only a move of '.': GNU ld makes it NOBITS, "
		     "lld PROGBITS (its bytes in the file, with the flags of "
		     "the section before): declare it .stack (NOLOAD)");
	assert_portable("SECTIONS { .stack (NOLOAD) : { . += 0x1000; } }");
	assert_portable("SECTIONS { .stack : { *(.stack) . += 0x1000; } }");
	assert_portable("SECTIONS { .syms : { _a = 1; } }");
}

/* ld: .text at 0x401000, lld: 0x201158 for the same INSERT script. */
static void insert_scripts_get_each_linkers_base(void **state)
{
	(void)state;
	assert_warns("SECTIONS { .mydata : { BYTE(1) } } INSERT AFTER .data;",
		     1, 36,
		     "INSERT puts this script into the linker's default "
		     "script, and the defaults differ: GNU ld starts the image "
		     "at 0x400000 on x86-64 and page-aligns each segment, lld "
		     "at 0x200000 and packs them; give the base to both "
		     "(-Ttext-segment for GNU ld, --image-base for lld)");
	assert_portable("SECTIONS { . = 0x10000; .mydata : { BYTE(1) } }");
}

/* lld 14: "malformed number: =" for every compound assignment but +=. */
static void compound_assignments_but_add_lld_refuses(void **state)
{
	(void)state;
	assert_warns("SECTIONS { x = 4; x -= 2; }", 1, 19,
		     "lld 14 rejects '-=' (it reads only '=' and '+='): write "
		     "x = x - (...)");
	assert_warns("x = 1;\nx <<= 2;", 2, 1,
		     "lld 14 rejects '<<=' (it reads only '=' and '+='): write "
		     "x = x << (...)");
	assert_warns("SECTIONS { .t : { *(.t) . *= 2; } }", 1, 25,
		     "lld 14 rejects '*=' (it reads only '=' and '+='): write "
		     ". = . * (...)");
	assert_portable("SECTIONS { x = 4; x = x - 2; x += 1; }");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(dollar_numbers_are_symbols_to_lld),
	    cmocka_unit_test(memory_separators_lld_refuses),
	    cmocka_unit_test(discarding_every_section_lld_refuses),
	    cmocka_unit_test(section_relative_sums_lld_refuses),
	    cmocka_unit_test(quoted_region_names_lld_keeps),
	    cmocka_unit_test(nocrossrefs_and_overlay_without_at_lld_refuses),
	    cmocka_unit_test(file_names_without_wildcards_ld_opens),
	    cmocka_unit_test(unused_load_segments_lld_drops),
	    cmocka_unit_test(unallocated_types_with_contents_lld_does_not_pass),
	    cmocka_unit_test(unary_plus_lld_refuses),
	    cmocka_unit_test(dot_in_data_lld_cannot_read),
	    cmocka_unit_test(region_names_with_a_minus_lld_splits),
	    cmocka_unit_test(an_address_with_align_lld_does_not_align),
	    cmocka_unit_test(load_addresses_lld_does_not_carry_over),
	    cmocka_unit_test(a_bss_load_address_lld_does_not_carry_over),
	    cmocka_unit_test(sizeof_headers_lld_counts_its_own),
	    cmocka_unit_test(sections_of_only_a_dot_move_lld_fills),
	    cmocka_unit_test(insert_scripts_get_each_linkers_base),
	    cmocka_unit_test(compound_assignments_but_add_lld_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
