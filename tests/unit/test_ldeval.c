/* Unit tests for analyzer/ldscript/eval.c, the link simulation: address
 * arithmetic that passes the end of the 64-bit address space is an error
 * at what wrapped, in the script or in an input, and leaves the value
 * unknown instead of a range that wraps; ASSERT inside an expression. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <elf.h>

#include "ldscript/eval.h"
#include "ldscript/parser.h"
#include "ldscript/portability.h"
#include "check.h"
#include "rules.h"
#include "space.h"

/* An input or output section as libelf reads one: what the layout uses. */
#define SEC(name_, addr_, size_, align_, type_, flags_)                        \
	{                                                                      \
		.name = (char *)(name_), .addr = (addr_), .size = (size_),     \
		.align = (align_), .type = (type_), .flags = (flags_)          \
	}

#define U64(x) UINT64_C(x)

/* ---- Helpers ---- */

typedef struct run {
	ls_script s;
	ls_eval ev;
	vl_diags d;
	vl_error err;
	bool ok;
} run;

/* What the linker itself says of an evaluation: the rows of the check
 * table that look at the link's facts and its sections. */
static void link_findings(const char *path, const ls_script *s,
			  const ls_eval *ev, vl_diags *d)
{
	static const vl_rule_id rows[] = {
	    VL_R_SCRIPT_ERROR,	  VL_R_LOCATION_BACKWARDS, VL_R_OUTSIDE_REGION,
	    VL_R_REGION_OVERFLOW, VL_R_ASSERT_FAILED,	   VL_R_SECTION_OVERLAP,
	};
	space sp;

	assert_true(space_init(&sp, NULL));
	assert_true(space_add_script(&sp, path, s, ev));
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_true(check_run_rule(&sp, rows[i], d) >= 0);
	space_free(&sp);
}

/* Parse text and evaluate it against inputs (may be none), with the
 * link's options o. */
static void evaluate_opts(run *r, const char *text, ls_eval_opts o)
{
	memset(r, 0, sizeof(*r));
	if (!ls_parse_text("t.ld", text, strlen(text), NULL, &r->s, &r->err)) {
		print_error("parse error %u:%u: %s\n", r->err.line,
			    r->err.column, r->err.msg);
		fail();
	}
	r->ok = ls_evaluate(&r->s, &o, &r->ev, &r->err);
	if (r->ok)
		link_findings("t.ld", &r->s, &r->ev, &r->d);
}

/* Parse text and evaluate it against inputs (may be none). */
static void evaluate_with(run *r, const char *text, const image *inputs,
			  size_t ninputs)
{
	ls_eval_opts o = {0};

	memset(r, 0, sizeof(*r));
	if (!ls_parse_text("t.ld", text, strlen(text), NULL, &r->s, &r->err)) {
		print_error("parse error %u:%u: %s\n", r->err.line,
			    r->err.column, r->err.msg);
		fail();
	}
	o.inputs = inputs;
	o.ninputs = ninputs;
	r->ok = ls_evaluate(&r->s, &o, &r->ev, &r->err);
	if (r->ok)
		link_findings("t.ld", &r->s, &r->ev, &r->d);
}

static void evaluate(run *r, const char *text)
{
	evaluate_with(r, text, NULL, 0);
	assert_true(r->ok);
}

static void done(run *r)
{
	vl_error_free(&r->err);
	vl_diags_free(&r->d);
	ls_eval_free(&r->ev);
	ls_script_free(&r->s);
}

/* The findings are exactly one, this one. */
static void assert_only_finding(const run *r, const vl_rule *rule,
				unsigned line, unsigned column, const char *msg)
{
	size_t i;

	for (i = 0; r->d.n != 1 && i < r->d.n; i++)
		print_error("finding %u:%u [%s] %s\n", r->d.v[i].line,
			    r->d.v[i].column, r->d.v[i].rule->id,
			    r->d.v[i].message);
	assert_int_equal(r->d.n, 1);
	assert_ptr_equal(r->d.v[0].rule, rule);
	assert_string_equal(r->d.v[0].file, "t.ld");
	assert_int_equal(r->d.v[0].line, line);
	assert_int_equal(r->d.v[0].column, column);
	assert_string_equal(r->d.v[0].message, msg);
}

static const ls_out_section *section(const run *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ev.nsections; i++)
		if (strcmp(r->ev.sections[i].name, name) == 0)
			return &r->ev.sections[i];
	fail_msg("no section %s", name);
	return NULL;
}

static ls_value symbol(const run *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ev.nsymbols; i++)
		if (strcmp(r->ev.symbols[i].name, name) == 0)
			return r->ev.symbols[i].value;
	fail_msg("no symbol %s", name);
	return (ls_value){false, 0};
}

/* "SECTIONS { . = start; .text : { BYTE(1) x n } }" */
static char *bytes_script(const char *start, unsigned n)
{
	size_t cap = 64 + strlen(start) + 8 * (size_t)n, len;
	char *s = malloc(cap);
	unsigned i;

	assert_non_null(s);
	len = (size_t)snprintf(s, cap, "SECTIONS { . = %s; .text : { ", start);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, "BYTE(1) ");
	snprintf(s + len, cap - len, "} }");
	return s;
}

/* ---- The location counter ---- */

/* 15 bytes end a byte below the top; 16 exactly at 2^64, which GNU ld
 * 2.40 links too (16 bytes from 0xfffffffffffffff0; binutils' seg.t, a
 * 4-byte section at -4): no finding, and the size all there is. */
static void a_section_may_end_at_the_last_address(void **state)
{
	(void)state;
	for (uint64_t n = 15; n <= 16; n++) {
		char *text = bytes_script("0xfffffffffffffff0", (unsigned)n);
		run r;

		evaluate(&r, text);
		assert_int_equal(r.d.n, 0);
		assert_true(section(&r, ".text")->size.known);
		assert_int_equal(section(&r, ".text")->size.v, n);
		done(&r);
		free(text);
	}
}

/* The case: [0xfffffffffffffff0, 0x10) before. */
static void data_past_the_top_is_an_error_at_the_byte_that_wraps(void **state)
{
	char *text = bytes_script("0xfffffffffffffff0", 32);
	run r;

	(void)state;
	evaluate(&r, text);
	/* "SECTIONS { . = 0xfffffffffffffff0; .text : { " is 45 bytes, each
	 * BYTE(1) 8: the 16th fills the last address (GNU ld links 16), the
	 * 17th, at column 46 + 16 * 8, passes it ("VMA wraps around"). */
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 1, 46 + 16 * 8,
			    "section .text: the location counter passes the "
			    "end of the 64-bit address space "
			    "(2^64 + 0x1)");
	assert_true(section(&r, ".text")->vma.known);
	assert_int_equal(section(&r, ".text")->vma.v, U64(0xfffffffffffffff0));
	assert_false(section(&r, ".text")->size.known);
	/* Nothing else is noted about the size the error made unknown. */
	assert_int_equal(r.ev.nundetermined, 0);
	done(&r);
	free(text);
}

/* A load address may end exactly at 2^64 too (GNU ld 2.40 links it). */
static void a_load_address_may_end_at_the_top(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS {\n"
		     "  . = 0x1000;\n"
		     "  .a : AT(0xfffffffffffffff0) { QUAD(0) }\n"
		     "  .b : { QUAD(0) }\n"
		     "}\n");
	assert_int_equal(r.d.n, 0);
	assert_int_equal(section(&r, ".b")->lma.v, U64(0xfffffffffffffff8));
	done(&r);
}

static void asciz_past_the_top_is_an_error(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS {\n"
		     "  . = 0xfffffffffffffff8;\n"
		     "  .rodata : { ASCIZ \"eight...\" }\n"
		     "}\n");
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 3, 15,
			    "section .rodata: the location counter passes the "
			    "end of the 64-bit address space "
			    "(0xfffffffffffffff8 + 0x9)");
	assert_false(section(&r, ".rodata")->size.known);
	done(&r);
}

static void
adding_to_the_location_counter_past_the_top_is_an_error(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS {\n"
		     "  . = 0xfffffffffffffff0;\n"
		     "  . += 0x10;\n"
		     "}\n");
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 3, 3,
			    "the location counter passes the end of the 64-bit "
			    "address space (0xfffffffffffffff0 + 0x10)");
	done(&r);

	evaluate(&r, "SECTIONS {\n"
		     "  .text 0xffffffffffff0000 : { . += 0xffffffff; }\n"
		     "}\n");
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 2, 32,
			    "section .text: the location counter passes the "
			    "end of the 64-bit address space "
			    "(0xffffffffffff0000 + 0xffffffff)");
	assert_false(section(&r, ".text")->size.known);
	done(&r);
}

/* '. = constant' is an offset from the section's start. */
static void an_offset_past_the_top_is_an_error(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS {\n"
		     "  .text 0xffffffffffff0000 : { . = 0x10001; }\n"
		     "}\n");
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 2, 32,
			    "section .text: the location counter passes the "
			    "end of the 64-bit address space "
			    "(0xffffffffffff0000 + 0x10001)");
	assert_false(section(&r, ".text")->size.known);
	done(&r);

	/* To the top exactly: '.' is 0 then, and GNU ld 2.40 says "cannot
	 * move location counter backwards (from ffffffffffff0000 to
	 * 0000000000000000)". */
	evaluate(&r, "SECTIONS {\n"
		     "  .text 0xffffffffffff0000 : { . = 0x10000; }\n"
		     "}\n");
	assert_only_finding(&r, VL_RULE_LOCATION_BACKWARDS, 2, 36,
			    "the location counter moves backwards inside "
			    ".text, from 0xffffffffffff0000 to 0x0");
	done(&r);
}

/* A symbol is a 64-bit word in GNU ld (2.40: "x = 0x1000; x -= 0x2000;"
 * is 0xfffffffffffff000 in nm, "y = 0 - 16; y /= 2;" 0xfffffffffffffff8):
 * x op= y wraps; only a shift past 63, a division by zero and the
 * location counter going below 0 are errors. */
static void compound_assignments_wrap_as_in_ld(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "a = 0xfffffffffffffff0; a += 0x11;\n"
		     "b = 1; b -= 2;\n"
		     "c = 0x100000000; c *= 0x100000001;\n"
		     "d = 1; d <<= 64;\n"
		     "e = 1; e /= 0;\n"
		     "f = 0 - 16; f /= 2;\n"
		     "SECTIONS { . = 0x10; . -= 0x20; }\n");
	assert_int_equal(r.d.n, 3);
	assert_string_equal(r.d.v[0].message,
			    "d <<= 0x40: shift by 64 or more in 0x1 << 0x40");
	assert_string_equal(r.d.v[1].message,
			    "e /= 0x0: division by zero in 0x1 / 0x0");
	assert_string_equal(r.d.v[2].message,
			    "the location counter falls below 0 (0x10 - 0x20)");
	assert_int_equal(r.d.v[1].line, 5);
	assert_int_equal(r.d.v[1].column, 8);
	assert_true(symbol(&r, "a").known);
	assert_int_equal(symbol(&r, "a").v, 1);
	assert_int_equal(symbol(&r, "b").v, UINT64_MAX);
	assert_int_equal(symbol(&r, "c").v, 0x100000000);
	assert_int_equal(symbol(&r, "f").v, 0xfffffffffffffff8);
	assert_false(symbol(&r, "e").known);
	done(&r);
}

/* "D = A - C + B;" with C > A is 0x800 in GNU ld, and "0 - 1" is
 * 0xffffffffffffffff: an intermediate may be negative. */
static void expressions_compute_modulo_2_64_as_ld(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "A = 0x1000; C = 0x2000; B = 0x1800;\n"
		     "D = A - C + B;\n"
		     "d = 0x10; E = 8 + -d;\n"
		     "x = 0 - 1;\n"
		     "y = (0 - 16) / 2;\n"
		     "SECTIONS { . = D; .text : { BYTE(0) } }\n");
	assert_int_equal(r.d.n, 0);
	assert_int_equal(symbol(&r, "D").v, 0x800);
	assert_int_equal(symbol(&r, "E").v, 0xfffffffffffffff8);
	assert_int_equal(symbol(&r, "x").v, UINT64_MAX);
	assert_int_equal(symbol(&r, "y").v, 0xfffffffffffffff8);
	assert_int_equal(section(&r, ".text")->vma.v, 0x800);
	done(&r);
}

/* ---- Sections, regions, load addresses ---- */

static void aligning_a_section_past_the_top_is_an_error(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS {\n"
		     "  . = 0xfffffffffffffff1;\n"
		     "  .text : ALIGN(16) { BYTE(0) }\n"
		     "}\n");
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 3, 3,
			    "section .text: aligning 0xfffffffffffffff1 to "
			    "0x10 passes the end of the 64-bit address space");
	assert_false(section(&r, ".text")->vma.known);
	assert_int_equal(r.ev.nundetermined, 0);
	done(&r);
}

/* Already an error of the expression language; the issue lists it. */
static void align_of_the_last_address_is_an_error(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS { . = ALIGN(0xffffffffffffffff, 16); }");
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 1, 16,
			    "overflow in ALIGN(0xffffffffffffffff, 0x10) (does "
			    "not fit in 64 bits)");
	done(&r);
	evaluate(&r, "SECTIONS { . = 0xfffffffffffffff1; . = ALIGN(16); }");
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 1, 40,
			    "ALIGN: overflow aligning 0xfffffffffffffff1");
	done(&r);
}

static void a_load_address_past_the_top_is_an_error(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS {\n"
		     "  . = 0x1000;\n"
		     "  .data : AT(0xfffffffffffffff0) { QUAD(0) QUAD(0) "
		     "QUAD(0) }\n"
		     "}\n");
	assert_only_finding(
	    &r, VL_RULE_SCRIPT_ERROR, 3, 3,
	    "section .data: its load address 0xfffffffffffffff0 "
	    "+ its size 0x18 passes the end of the 64-bit "
	    "address space");
	assert_true(section(&r, ".data")->size.known);
	assert_false(section(&r, ".data")->lma.known);
	done(&r);

	/* The next section keeps the previous one's distance between load
	 * and run address: 0x1008 + (0xfffffffffffffff0 - 0x1000). */
	evaluate(&r, "SECTIONS {\n"
		     "  . = 0x1000;\n"
		     "  .a : AT(0xfffffffffffffff0) { QUAD(0) }\n"
		     "  .b : { QUAD(0) QUAD(0) }\n"
		     "}\n");
	assert_only_finding(
	    &r, VL_RULE_SCRIPT_ERROR, 4, 3,
	    "section .b: its load address 0xfffffffffffffff8 + "
	    "its size 0x10 passes the end of the 64-bit address "
	    "space");
	assert_int_equal(section(&r, ".a")->lma.v, U64(0xfffffffffffffff0));
	done(&r);
}

static void a_region_past_the_top_is_an_error(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "MEMORY {\n"
		     "  ram : ORIGIN = 0xfffffffffffff000, LENGTH = 0x2000\n"
		     "}\n"
		     "SECTIONS { . = 0; .text : { BYTE(0) } > ram }\n");
	assert_only_finding(
	    &r, VL_RULE_SCRIPT_ERROR, 2, 3,
	    "memory region ram: ORIGIN 0xfffffffffffff000 + "
	    "LENGTH 0x2000 passes the end of the 64-bit address "
	    "space");
	done(&r);
}

/* [0xffffffff80000000, 2^64): a kernel's upper 2 GiB.  It was once read
 * as [0xffffffff80000000, 0) and every section "outside" it. */
static void a_region_may_end_at_the_top(void **state)
{
	run r;

	(void)state;
	evaluate(&r,
		 "MEMORY {\n"
		 "  top : ORIGIN = 0xffffffff80000000, LENGTH = 0x80000000\n"
		 "}\n"
		 "SECTIONS { . = 0; .text : { QUAD(0) } > top }\n");
	assert_int_equal(r.d.n, 0);
	assert_int_equal(section(&r, ".text")->vma.v, U64(0xffffffff80000000));
	done(&r);

	evaluate(&r,
		 "MEMORY {\n"
		 "  top : ORIGIN = 0xffffffff80000000, LENGTH = 0x80000000\n"
		 "}\n"
		 "SECTIONS { . = 0; .text 0x1000 : { QUAD(0) } > top }\n");
	assert_only_finding(&r, VL_RULE_OUTSIDE_REGION, 4, 19,
			    "section .text at 0x1000 lies outside memory "
			    "region top [0xffffffff80000000, "
			    "0x10000000000000000)");
	done(&r);
}

static void an_overlay_past_the_top_is_an_error(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS {\n"
		     "  . = 0x1000;\n"
		     "  OVERLAY : AT(0xfffffffffffffff0) {\n"
		     "    .o1 { QUAD(0) }\n"
		     "    .o2 { QUAD(0) QUAD(0) }\n"
		     "  }\n"
		     "}\n");
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 5, 5,
			    "section .o2: its load address 0xfffffffffffffff8 "
			    "+ its size 0x10 passes the end of the 64-bit "
			    "address space");
	done(&r);
}

/* Each OVERLAY section gets __load_start_ID and __load_stop_ID (ID: its
 * name without the characters a C identifier cannot hold), as GNU ld
 * PROVIDEs them; a script's own definition wins.  They are absolute: read
 * inside an output section they are numbers, so "a" is .after's address
 * 0x1011 plus 0x8000 (GNU ld 2.40 links this script so). */
static void overlay_sections_have_load_symbols(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS {\n"
		     "  . = 0x1000;\n"
		     "  .text : { BYTE(0) }\n"
		     "  OVERLAY : AT(0x8000) {\n"
		     "    .o-1 { QUAD(0) }\n"
		     "    .o2 { QUAD(0) QUAD(0) }\n"
		     "  }\n"
		     "  __load_start_o2 = 7;\n"
		     "  .after : AT(__load_stop_o2) { a = __load_start_o1; "
		     "QUAD(0) }\n"
		     "  b = __load_stop_o1;\n"
		     "}\n");
	assert_int_equal(r.d.n, 0);
	assert_int_equal(section(&r, ".o2")->lma.v, 0x8008);
	assert_int_equal(section(&r, ".after")->lma.v, 0x8018);
	assert_true(symbol(&r, "a").known);
	assert_int_equal(symbol(&r, "a").v, 0x9011);
	assert_int_equal(symbol(&r, "b").v, 0x8008);
	assert_int_equal(symbol(&r, "__load_start_o2").v, 7);
	done(&r);
}

/* ". += f(_end)" before _end is set (Linux's arm64 vmlinux.lds): GNU ld
 * skips the assignment until _end has a value, then iterates to a fixed
 * point: here .data at 0x1001 + (_end >> 4) with _end = .data + 4 gives
 * 0x1112 and 0x1116 (GNU ld 2.40 links it so with an empty input). */
static void dot_may_depend_on_a_symbol_set_later(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS {\n"
		     "  . = 0x1000;\n"
		     "  .text : { BYTE(0) }\n"
		     "  . += (_end >> 4);\n"
		     "  .data : { LONG(0) }\n"
		     "  _end = .;\n"
		     "}\n");
	assert_int_equal(r.d.n, 0);
	assert_true(section(&r, ".data")->vma.known);
	assert_int_equal(section(&r, ".data")->vma.v, 0x1112);
	assert_int_equal(symbol(&r, "_end").v, 0x1116);
	done(&r);
}

/* An empty section placed where its load address would fall below 0
 * (Linux's i386 vmlinux.lds: .got after AT(ADDR - 0xc0000000) and a
 * section at 0): GNU ld 2.40 gives it 0x40000000, modulo 2^32, and drops
 * it; no error. */
static void an_empty_section_loading_below_0_wraps_silently(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "OUTPUT_FORMAT(\"elf32-i386\")\n"
		     "SECTIONS {\n"
		     "  . = 0xc1000000;\n"
		     "  .text : AT(ADDR(.text) - 0xc0000000) { LONG(0) }\n"
		     "  . = 0;\n"
		     "  .got : { }\n"
		     "  .plt : { LONG(0) }\n"
		     "}\n");
	assert_int_equal(r.d.n, 0);
	assert_true(section(&r, ".got")->lma.known);
	assert_int_equal(section(&r, ".got")->lma.v, 0x40000000);
	done(&r);
}

/* GNU ld folds only the branch of ?: its condition picks: picolibc's
 * ". += (DEFINED(__stack_size) ? __stack_size : 0x800)" inside .stack
 * adds the number 0x800 (GNU ld 2.40: .stack 0x800 bytes, .s2 0x20). */
static void a_condition_picks_the_kind_of_its_branch(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "MEMORY { ram (rw) : ORIGIN = 0x20000000, LENGTH = 32K }\n"
		     "SECTIONS {\n"
		     "  .data : { LONG(0) } >ram\n"
		     "  .stack (NOLOAD) : { . += (DEFINED(__stack_size) ? "
		     "__stack_size : 0x800); } >ram\n"
		     "  .s2 (NOLOAD) : { . += (DEFINED(__data_size) ? 0x10 : "
		     "0x20); } >ram\n"
		     "}\n");
	assert_int_equal(r.d.n, 0);
	assert_int_equal(section(&r, ".stack")->vma.v, 0x20000004);
	assert_int_equal(section(&r, ".stack")->size.v, 0x800);
	assert_int_equal(section(&r, ".s2")->vma.v, 0x20000804);
	assert_int_equal(section(&r, ".s2")->size.v, 0x20);
	done(&r);
}

/* INSERT AFTER|BEFORE puts each SECTIONS into the default script next
 * to the section its INSERT names (Hare's hare+libc.sc has two); a name
 * the default script lacks is an error, as GNU ld 2.40 says ".nowhere not
 * found for insert", and puts them at the end. */
static void insert_splices_each_sections_into_the_default_script(void **state)
{
	static const char base[] = "SECTIONS {\n"
				   "  . = 0x1000;\n"
				   "  .a : { LONG(0) }\n"
				   "  .b : { LONG(0) }\n"
				   "  .c : { LONG(0) }\n"
				   "}\n";
	static const char text[] = "SECTIONS { .x : { LONG(0) } }\n"
				   "INSERT AFTER .a;\n"
				   "SECTIONS { .y : { QUAD(0) } }\n"
				   "INSERT BEFORE .c;\n"
				   "SECTIONS { .z : { BYTE(0) } }\n"
				   "INSERT AFTER .nowhere;\n";
	ls_eval_opts o = {0};
	ls_script b;
	run r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_true(
	    ls_parse_text("default", base, strlen(base), NULL, &b, &r.err));
	assert_true(
	    ls_parse_text("t.ld", text, strlen(text), NULL, &r.s, &r.err));
	o.base = &b;
	assert_true(ls_evaluate(&r.s, &o, &r.ev, &r.err));
	assert_int_equal(section(&r, ".a")->vma.v, 0x1000);
	assert_int_equal(section(&r, ".x")->vma.v, 0x1004);
	assert_int_equal(section(&r, ".b")->vma.v, 0x1008);
	assert_int_equal(section(&r, ".y")->vma.v, 0x100c);
	assert_int_equal(section(&r, ".c")->vma.v, 0x1014);
	assert_int_equal(section(&r, ".z")->vma.v, 0x1018);
	assert_int_equal(r.ev.nfacts, 1);
	assert_int_equal(r.ev.facts[0].kind, LS_FACT_ERROR);
	assert_int_equal(r.ev.facts[0].loc.line, 6);
	assert_string_equal(r.ev.facts[0].text,
			    "INSERT AFTER .nowhere: the default script has no "
			    "output section of that name, and GNU ld refuses "
			    "the link");
	done(&r);
	ls_script_free(&b);
}

/* ---- Inputs ---- */

static image linked_image(image_section *secs, size_t n)
{
	image img;

	memset(&img, 0, sizeof(img));
	img.path = (char *)"linked";
	img.elfclass = ELFCLASS64;
	img.machine = EM_X86_64;
	img.type = ET_EXEC;
	img.sections = secs;
	img.nsections = n;
	return img;
}

/* A linked image's sizes are exact; the script's address may have no
 * room for them. */
static void a_linked_section_without_room_is_an_error(void **state)
{
	image_section text = SEC(".text", 0x401000, 0x3000, 16, SHT_PROGBITS,
				 SHF_ALLOC | SHF_EXECINSTR);
	image img = linked_image(&text, 1);
	run r;

	(void)state;
	evaluate_with(&r,
		      "SECTIONS {\n"
		      "  .text 0xfffffffffffff000 : { *(.text) }\n"
		      "}\n",
		      &img, 1);
	assert_true(r.ok);
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 2, 3,
			    "section .text: its address 0xfffffffffffff000 + "
			    "its size 0x3000 passes the end of the 64-bit "
			    "address space");
	assert_false(section(&r, ".text")->size.known);
	done(&r);
}

static void input_sections_past_the_top_are_an_error(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 0x10000, 16, SHT_PROGBITS,
		SHF_ALLOC | SHF_EXECINSTR),
	};
	image obj = linked_image(secs, 1);
	run r;

	(void)state;
	obj.type = ET_REL;
	obj.path = (char *)"a.o";
	evaluate_with(&r,
		      "SECTIONS {\n"
		      "  . = 0xffffffffffff0000;\n"
		      "  .text : { BYTE(0) *(.text) }\n"
		      "}\n",
		      &obj, 1);
	assert_true(r.ok);
	/* The input section is aligned to 16 first: 0xffffffffffff0010. */
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 3, 21,
			    "section .text: the location counter passes the "
			    "end of the 64-bit address space "
			    "(0xffffffffffff0010 + 0x10000)");
	done(&r);
}

static void common_symbols_beyond_64_bits_are_an_input_error(void **state)
{
	image_symbol syms[] = {
	    {.name = (char *)"big1",
	     .value = 8,
	     .size = U64(0x8000000000000000),
	     .absolute = false,
	     .common = true,
	     .undefined = false,
	     .in_section = 0},
	    {.name = (char *)"big2",
	     .value = 8,
	     .size = U64(0x8000000000000000),
	     .absolute = false,
	     .common = true,
	     .undefined = false,
	     .in_section = 0},
	};
	image obj = linked_image(NULL, 0);
	run r;

	(void)state;
	obj.type = ET_REL;
	obj.path = (char *)"common.o";
	obj.symbols = syms;
	obj.nsymbols = 2;
	evaluate_with(&r, "SECTIONS { .bss : { *(COMMON) } }", &obj, 1);
	assert_false(r.ok);
	assert_string_equal(r.err.file, "common.o");
	assert_string_equal(r.err.msg, "its COMMON symbols need more than the "
				       "64-bit address space");
	vl_error_free(&r.err);
	ls_script_free(&r.s);
	vl_diags_free(&r.d);
}

/* ---- Orphans ---- */

/* The case: .data alone in the script, .text an orphan.  GNU ld
 * puts code first (nothing like it is there to follow): .text at 0, .data
 * after it at 0xc; vaslint put .data at 0 and .text after it. */
static void an_orphan_goes_by_its_kind_not_its_input_order(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 0xc, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".data", 0, 0x8, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	    SEC(".rodata", 0, 0x3, 1, SHT_PROGBITS, SHF_ALLOC),
	    SEC(".bss", 0, 0x10, 16, SHT_NOBITS, SHF_ALLOC | SHF_WRITE),
	};
	image obj = linked_image(secs, 4);
	run r;

	(void)state;
	obj.type = ET_REL;
	obj.path = (char *)"a.o";
	evaluate_with(&r, "SECTIONS { .data : { *(.data) } }", &obj, 1);
	assert_true(r.ok);
	assert_int_equal(r.d.n, 0);
	assert_int_equal(section(&r, ".text")->vma.v, 0);
	/* Read-only data after the code, bss after the data. */
	assert_int_equal(section(&r, ".rodata")->vma.v, 0xc);
	assert_int_equal(section(&r, ".data")->vma.v, 0xf);
	assert_int_equal(section(&r, ".bss")->vma.v, 0x20);
	/* In the order of their addresses (among them the linker's own
	 * empty sections, which take none). */
	const char *order[] = {".text", ".rodata", ".data", ".bss"};
	size_t n = 0;
	for (size_t i = 0; i < r.ev.nsections; i++)
		if (r.ev.sections[i].alloc)
			assert_string_equal(r.ev.sections[i].name, order[n++]);
	assert_int_equal(n, 4);
	done(&r);
}

/* A linked image's own sections are orphans too: the build-id note,
 * which GNU ld makes without contents, goes before everything; .dynsym
 * after the read-only data; the relocations after the last read-only
 * section; .dynamic after .data. */
static void a_linked_images_own_sections_are_placed_as_gnu_ld_does(void **state)
{
	image_section secs[] = {
	    SEC(".note.gnu.build-id", 0x200, 0x24, 4, SHT_NOTE, SHF_ALLOC),
	    SEC(".dynsym", 0x228, 0x48, 8, SHT_DYNSYM, SHF_ALLOC),
	    SEC(".rela.dyn", 0x270, 0x18, 8, SHT_RELA, SHF_ALLOC),
	    SEC(".text", 0x1000, 0x10, 16, SHT_PROGBITS,
		SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".rodata", 0x2000, 0x12, 1, SHT_PROGBITS, SHF_ALLOC),
	    SEC(".dynamic", 0x3000, 0x100, 8, SHT_DYNAMIC,
		SHF_ALLOC | SHF_WRITE),
	    SEC(".data", 0x3100, 0x8, 8, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	};
	image img = linked_image(secs, 7);
	run r;

	(void)state;
	img.type = ET_DYN;
	evaluate_with(&r,
		      "SECTIONS {\n"
		      "  . = 0x10000;\n"
		      "  .text : { *(.text) }\n"
		      "  .rodata : { *(.rodata) }\n"
		      "  .data : { *(.data) }\n"
		      "}\n",
		      &img, 1);
	assert_true(r.ok);
	assert_int_equal(section(&r, ".note.gnu.build-id")->vma.v, 0x10000);
	assert_int_equal(section(&r, ".text")->vma.v, 0x10030);
	assert_int_equal(section(&r, ".rodata")->vma.v, 0x10040);
	assert_int_equal(section(&r, ".dynsym")->vma.v, 0x10058);
	assert_int_equal(section(&r, ".rela.dyn")->vma.v, 0x100a0);
	assert_int_equal(section(&r, ".data")->vma.v, 0x100b8);
	assert_int_equal(section(&r, ".dynamic")->vma.v, 0x100c0);
	done(&r);
}

/* ---- Empty output sections ---- */

static image one_object(image_section *secs, size_t n)
{
	image obj = linked_image(secs, n);

	obj.type = ET_REL;
	obj.path = (char *)"a.o";
	return obj;
}

/* A symbol of an object is where the layout put its section, plus its
 * offset there (Linux's x86_64 vmlinux.lds: ". = srso_alias_untrain_ret |
 * ..." inside .text).  GNU ld 2.40 on the same object: mark 0x1014, .text
 * 0x11c bytes, after 0x1015. */
static void an_object_symbol_is_where_its_section_went(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 0x10, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".t2", 0, 0x8, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".t3", 0, 0x8, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	};
	image_symbol syms[] = {
	    {.name = (char *)"mark",
	     .value = 4,
	     .size = 0,
	     .absolute = false,
	     .common = false,
	     .undefined = false,
	     .in_section = 2},
	};
	image obj = one_object(secs, 3);
	run r;

	(void)state;
	obj.symbols = syms;
	obj.nsymbols = 1;
	evaluate_with(&r,
		      "SECTIONS {\n"
		      "  . = 0x1000;\n"
		      "  .text : { *(.text) *(.t2) . = mark | 0x100; *(.t3) }\n"
		      "  after = mark + 1;\n"
		      "}\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(r.d.n, 0);
	assert_true(section(&r, ".text")->size.known);
	assert_int_equal(section(&r, ".text")->size.v, 0x11c);
	assert_int_equal(symbol(&r, "after").v, 0x1015);
	done(&r);
}

/* A symbol defined in a section that is no input section of the link
 * (.note.GNU-stack never is): its address is not known, and the
 * evaluation says so instead of following a section it does not have. */
static void a_symbol_in_a_section_not_placed_is_unknown(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 0x10, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".note.GNU-stack", 0, 0, 1, SHT_PROGBITS, 0),
	};
	image_symbol sym = {.name = (char *)"odd", .in_section = 2};
	image obj = one_object(secs, 2);
	run r;

	(void)state;
	obj.symbols = &sym;
	obj.nsymbols = 1;
	evaluate_with(&r, "SECTIONS { .text 0x1000 : { *(.text) } x = odd; }\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(section(&r, ".text")->vma.v, 0x1000);
	assert_false(symbol(&r, "x").known);
	done(&r);
}

/* --shared with an object that defines foo and refers to bar, and a
 * script that defines end_of_it: GNU ld 2.40 exports all three and makes
 * .hash 0x24, .gnu.hash 0x28, .dynsym 0x60, .dynstr 0x13 and .dynamic
 * 0xc0 (6 tags, DT_NULL and 5 spare) -- measured with the same object. */
static void shared_links_size_the_dynamic_sections(void **state)
{
	image_section text =
	    SEC(".text", 0, 0x10, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR);
	image_symbol syms[] = {
	    {.name = (char *)"foo", .in_section = 1},
	    {.name = (char *)"bar", .undefined = true},
	};
	image obj = one_object(&text, 1);
	ls_eval_opts o = {.inputs = &obj, .ninputs = 1, .dynamic = LS_SHARED};
	static const struct {
		const char *name;
		uint64_t start, end;
	} want[] = {
	    {".hash", 0, 0x24},	     {".gnu.hash", 0x28, 0x50},
	    {".dynsym", 0x50, 0xb0}, {".dynstr", 0xb0, 0xc3},
	    {".text", 0xc3, 0xd3},   {".dynamic", 0xd8, 0x198},
	};
	run r;

	(void)state;
	obj.symbols = syms;
	obj.nsymbols = 2;
	evaluate_opts(&r,
		      "SECTIONS {\n"
		      "  .hash : { *(.hash) }\n"
		      "  .gnu.hash : { *(.gnu.hash) }\n"
		      "  .dynsym : { *(.dynsym) }\n"
		      "  .dynstr : { *(.dynstr) }\n"
		      "  .text : { *(.text) }\n"
		      "  .dynamic : { *(.dynamic) }\n"
		      "  end_of_it = .;\n"
		      "}\n",
		      o);
	assert_true(r.ok);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const ls_out_section *sec = section(&r, want[i].name);
		assert_true(sec->vma.known && sec->size.known);
		assert_int_equal(sec->vma.v, want[i].start);
		assert_int_equal(sec->vma.v + sec->size.v, want[i].end);
	}
	/* A static link makes none of them. */
	done(&r);
	o.dynamic = LS_STATIC;
	evaluate_opts(
	    &r, "SECTIONS { .dynsym : { *(.dynsym) } .text : { *(.text) } }\n",
	    o);
	assert_true(r.ok);
	assert_int_equal(section(&r, ".text")->vma.v, 0);
	done(&r);
}

/* Two objects with the same COMDAT group: the link keeps the first's
 * and drops the second's whole (C++ inline functions). */
static void a_second_comdat_group_of_a_signature_is_dropped(void **state)
{
	image_section a[] = {
	    SEC(".text", 0, 0x10, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".text._Z1fv", 0, 0x20, 1, SHT_PROGBITS,
		SHF_ALLOC | SHF_EXECINSTR | SHF_GROUP),
	};
	image_section b[] = {
	    SEC(".text", 0, 0x10, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".text._Z1fv", 0, 0x20, 1, SHT_PROGBITS,
		SHF_ALLOC | SHF_EXECINSTR | SHF_GROUP),
	};
	image objs[2] = {one_object(a, 2), one_object(b, 2)};
	run r;

	(void)state;
	a[1].comdat = b[1].comdat = (char *)"_Z1fv";
	objs[1].path = (char *)"b.o";
	evaluate_with(&r, "SECTIONS { .text : { *(.text .text.*) } }\n", objs,
		      2);
	assert_true(r.ok);
	assert_int_equal(section(&r, ".text")->size.v, 0x10 + 0x20 + 0x10);
	done(&r);
}

/* An OVERLAY whose members are all empty still moves '.' to its address,
 * and the next section loads where its AT() says, aligned (GNU ld 2.40:
 * .text at 0x1000 loading at 0x2020, lld's overlay.test with no inputs
 * for its members). */
static void an_empty_overlay_still_places_what_follows(void **state)
{
	image_section text =
	    SEC(".text", 0, 0x10, 16, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR);
	image obj = one_object(&text, 1);
	run r;

	(void)state;
	evaluate_with(
	    &r,
	    "SECTIONS {\n"
	    "  OVERLAY 0x1000 : { .big1 { *(.big1) } }\n"
	    "  OVERLAY . : AT (0x2014) { .e { *(.e) } .s { *(.s) } }\n"
	    "  .text : { *(.text) }\n"
	    "}\n",
	    &obj, 1);
	assert_true(r.ok);
	assert_int_equal(section(&r, ".text")->vma.v, 0x1000);
	assert_int_equal(section(&r, ".text")->lma.v, 0x2020);
	done(&r);
}

/* SIZEOF_HEADERS of a link of objects is the ELF header and the program
 * headers that link makes, as GNU ld 2.40 makes them (measured, x86_64, an
 * object with 2 bytes of code and 1 of data): one PT_LOAD on page 0, where
 * the headers share the code's segment; two from 0x1000 on, where the
 * headers load apart from code; one when data comes first. */
static void sizeof_headers_counts_the_segments_of_objects(void **state)
{
	static const struct {
		const char *script;
		const char *first;
		uint64_t at;
	} cases[] = {
	    {"SECTIONS { . = 0x100 + SIZEOF_HEADERS; .text : { *(.text) } "
	     ".data : { *(.data) } }",
	     ".text", 0x178},
	    {"SECTIONS { . = 0x1000 + SIZEOF_HEADERS; .text : { *(.text) } "
	     ".data : { *(.data) } }",
	     ".text", 0x10b0},
	    {"SECTIONS { . = 0x1000 + SIZEOF_HEADERS; .data : { *(.data) } "
	     ".text : { *(.text) } }",
	     ".data", 0x1078},
	};
	image_section secs[] = {
	    SEC(".text", 0, 2, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".data", 0, 1, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	};
	image obj = one_object(secs, 2);
	run r;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		evaluate_with(&r, cases[i].script, &obj, 1);
		assert_true(r.ok);
		assert_true(section(&r, cases[i].first)->vma.known);
		assert_int_equal(section(&r, cases[i].first)->vma.v,
				 cases[i].at);
		done(&r);
	}
}

/* An object compiled by gcc has .note.GNU-stack, which is no input
 * section but makes GNU ld add PT_GNU_STACK: one program header more
 * (GNU ld 2.40 on gcc -O2 output, 6 bytes of code and 4 of data: .text at
 * 0x1b0, two headers, under '. = 0x100 + SIZEOF_HEADERS'). */
static void a_stack_note_adds_a_program_header(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 6, 16, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".data", 0, 4, 4, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	    SEC(".note.GNU-stack", 0, 0, 1, SHT_PROGBITS, 0),
	};
	image obj = one_object(secs, 3);
	run r;

	(void)state;
	evaluate_with(&r,
		      "SECTIONS { . = 0x100 + SIZEOF_HEADERS; .text : { "
		      "*(.text) } .data : { *(.data) } }",
		      &obj, 1);
	assert_true(r.ok);
	assert_true(section(&r, ".text")->vma.known);
	assert_int_equal(section(&r, ".text")->vma.v, 0x1b0);
	done(&r);
}

/* BFD gives an output section a type by its name when its relocations
 * are REL: on arm Atmel's ".relocate" (data copied to RAM) is SHT_REL, so
 * a data orphan does not go after it but after .text, where the last
 * PROGBITS section is; on x86_64 (RELA) it is data like any other.
 * GNU ld 2.40 on this script with a .mydata orphan, both machines. */
static void a_rel_name_types_an_output_section_on_rel_machines(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 4, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".data", 0, 4, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	    SEC(".mydata", 0, 4, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	};
	const char *script =
	    "MEMORY { rom (rx) : ORIGIN = 0, LENGTH = 64K\n"
	    "  ram (w!rx) : ORIGIN = 0x20000000, LENGTH = 32K }\n"
	    "SECTIONS { .text : { *(.text) } > rom\n"
	    "  .relocate : { *(.data) } > ram AT> rom }\n";
	image obj = one_object(secs, 3);
	run r;

	(void)state;
	obj.machine = EM_ARM;
	obj.elfclass = ELFCLASS32;
	evaluate_with(&r, script, &obj, 1);
	assert_true(r.ok);
	assert_int_equal(section(&r, ".mydata")->vma.v, 4);
	done(&r);
	obj.machine = EM_X86_64;
	obj.elfclass = ELFCLASS64;
	evaluate_with(&r, script, &obj, 1);
	assert_true(r.ok);
	assert_int_equal(section(&r, ".mydata")->vma.v, 0x20000004);
	done(&r);
}

/* A GOT load (R_X86_64_REX_GOTPCRELX, addend -4) of a symbol the link
 * defines becomes a direct one, whoever defines it: an object, an
 * assignment of the script, a PROVIDE; only the symbol nobody defines
 * keeps its entry (GNU ld 2.40, the same four loads: .got of 8 bytes). */
static void a_got_load_of_a_script_symbol_needs_no_entry(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 0x20, 16, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".data", 0, 8, 8, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	};
	image_gotref refs[] = {
	    {R_X86_64_REX_GOTPCRELX, 1, 1, 3, (char *)"s_script", false, -4,
	     0x8b},
	    {R_X86_64_REX_GOTPCRELX, 1, 2, 10, (char *)"s_provided", false, -4,
	     0x8b},
	    {R_X86_64_REX_GOTPCRELX, 1, 3, 17, (char *)"s_undefined", false,
	     -4, 0x8b},
	    {R_X86_64_REX_GOTPCRELX, 1, 4, 24, (char *)"s_object", true, -4,
	     0x8b},
	};
	image obj = one_object(secs, 2);
	run r;

	(void)state;
	obj.gotrefs = refs;
	obj.ngotrefs = 4;
	evaluate_with(&r,
		      "SECTIONS { . = 0x10000; .text : { *(.text) } "
		      ".data : { *(.data) PROVIDE(s_provided = .); } "
		      ".got : { *(.got) } .got.plt : { *(.got.plt) } "
		      "s_script = 0x2000; }",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(section(&r, ".got")->size.v, 8);
	assert_int_equal(section(&r, ".got.plt")->size.v, 24);
	done(&r);
}

/* GNU ld guesses the program headers when SIZEOF_HEADERS is first
 * evaluated, before any output section has a size: a .note.gnu.property
 * adds a PT_NOTE to the guess but not its PT_GNU_PROPERTY (elf.c counts
 * that only for a non-empty section).  Here code, note and data fit 4
 * headers (one PT_LOAD) and also 5 (data at 0x1000, a PT_LOAD of its own):
 * GNU ld 2.40 starts from 4 and keeps them, .text at 0x120 and .data at
 * 0xfc0; starting from 5 would have kept 5. */
static void the_first_guess_has_no_property_header(void **state)
{
	static const unsigned char ibt[] = {
	    4, 0, 0, 0,	   0x10, 0, 0, 0, 5, 0, 0, 0, 'G', 'N', 'U', 0,
	    2, 0, 0, 0xc0, 4,	 0, 0, 0, 3, 0, 0, 0, 0,   0,	0,   0,
	};
	image_section secs[] = {
	    SEC(".text", 0, 0xe50, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".data", 0, 8, 64, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	    SEC(".note.gnu.property", 0, sizeof(ibt), 8, SHT_NOTE, SHF_ALLOC),
	    SEC(".note.GNU-stack", 0, 0, 1, SHT_PROGBITS, 0),
	};
	image obj;
	run r;

	(void)state;
	secs[2].data = (unsigned char *)ibt;
	secs[2].ndata = sizeof(ibt);
	obj = one_object(secs, 4);
	evaluate_with(&r,
		      "SECTIONS { . = SIZEOF_HEADERS; .text : { *(.text) } "
		      ".data : { *(.data) } }",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(section(&r, ".text")->vma.v, 0x120);
	assert_int_equal(section(&r, ".note.gnu.property")->vma.v, 0xf70);
	assert_int_equal(section(&r, ".data")->vma.v, 0xfc0);
	done(&r);
}

/* DATA_SEGMENT_RELRO_END: GNU ld moves the data segment up until the RELRO
 * part ends on a MAXPAGESIZE boundary (less the offset), and adds a
 * PT_GNU_RELRO; measured with GNU ld 2.40 on this script and one object
 * (0x1234 bytes of code, an 8-aligned .init_array of 0x18, 0x88 of data)
 * for x86_64 (4 program headers: the headers load apart from code) and
 * aarch64 (3; MAXPAGESIZE 64 KiB). */
static void data_segment_relro_end_aligns_the_relro_end(void **state)
{
	static const char script[] =
	    "SECTIONS {\n"
	    "  . = 0x400000 + SIZEOF_HEADERS;\n"
	    "  .text : { *(.text) }\n"
	    "  . = DATA_SEGMENT_ALIGN (CONSTANT (MAXPAGESIZE), "
	    "CONSTANT (COMMONPAGESIZE));\n"
	    "  .init_array : { *(.init_array) }\n"
	    "  .got : { *(.got) }\n"
	    "  . = DATA_SEGMENT_RELRO_END (SIZEOF (.got.plt) >= 24 ? 24 : 0, "
	    ".);\n"
	    "  .got.plt : { *(.got.plt) }\n"
	    "  .data : { *(.data) }\n"
	    "  . = DATA_SEGMENT_END (.);\n"
	    "}\n";
	static const struct {
		uint16_t machine;
		uint64_t text, init_array, data;
	} cases[] = {
	    {EM_X86_64, 0x400120, 0x402fe8, 0x403000},
	    {EM_AARCH64, 0x4000e8, 0x41ffe8, 0x420000},
	};
	image_section secs[] = {
	    SEC(".text", 0, 0x1234, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".init_array", 0, 0x18, 8, SHT_INIT_ARRAY,
		SHF_ALLOC | SHF_WRITE),
	    SEC(".data", 0, 0x88, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	};
	run r;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		image obj = one_object(secs, 3);
		obj.machine = cases[i].machine;
		evaluate_with(&r, script, &obj, 1);
		assert_true(r.ok);
		assert_int_equal(section(&r, ".text")->vma.v, cases[i].text);
		assert_int_equal(section(&r, ".init_array")->vma.v,
				 cases[i].init_array);
		assert_int_equal(section(&r, ".data")->vma.v, cases[i].data);
		assert_true(section(&r, ".data")->vma.known);
		done(&r);
	}
}

/* Where DATA_SEGMENT_ALIGN starts the data segment (GNU ld 2.40 on this
 * script, 0x1c08 bytes of code, 0x6f8 of 32-aligned .data.rel.ro and 8 of
 * .data): with -z relro at the page boundary, then moved up so that
 * RELRO ends on a page (.data.rel.ro at 0x402900); with -z norelro at the
 * same offset in the next page, unless, as here, the segment's first and
 * last pages fit in one, when it starts on the boundary to save a page
 * (0x402000; lang_size_segment).  An orphan .mydata follows .data. */
static void data_segment_align_with_and_without_relro(void **state)
{
	static const char script[] =
	    "SECTIONS { . = 0x400000; .text : { *(.text) }\n"
	    "  . = DATA_SEGMENT_ALIGN(0x1000, 0x1000);\n"
	    "  .data.rel.ro : { *(.data.rel.ro) }\n"
	    "  . = DATA_SEGMENT_RELRO_END(0, .);\n"
	    "  .data : { *(.data) }\n"
	    "  . = DATA_SEGMENT_END(.); }\n";
	/* .mydata, an orphan GNU ld puts after .data, reorders the
	 * script's sections: the RELRO part is found all the same. */
	image_section secs[] = {
	    SEC(".text", 0, 0x1c08, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".data.rel.ro", 0, 0x6f8, 32, SHT_PROGBITS,
		SHF_ALLOC | SHF_WRITE),
	    SEC(".data", 0, 8, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	    SEC(".mydata", 0, 8, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	};
	image obj = one_object(secs, 4);
	ls_eval_opts o = {0};
	run r;

	(void)state;
	evaluate_with(&r, script, &obj, 1);
	assert_true(r.ok);
	assert_int_equal(section(&r, ".data.rel.ro")->vma.v, 0x402900);
	assert_int_equal(section(&r, ".data")->vma.v, 0x403000);
	assert_int_equal(section(&r, ".mydata")->vma.v, 0x403008);
	done(&r);
	memset(&r, 0, sizeof(r));
	assert_true(ls_parse_text("t.ld", script, strlen(script), NULL, &r.s,
				  &r.err));
	o.inputs = &obj;
	o.ninputs = 1;
	o.relro = -1;
	assert_true(ls_evaluate(&r.s, &o, &r.ev, &r.err));
	assert_int_equal(section(&r, ".data.rel.ro")->vma.v, 0x402000);
	assert_int_equal(section(&r, ".data")->vma.v, 0x4026f8);
	assert_int_equal(section(&r, ".mydata")->vma.v, 0x402700);
	done(&r);
}

/* Inside an output section GNU ld applies operators to the offsets of
 * section-relative values and keeps their section (ldexp.c); outside, to
 * addresses.  Measured with GNU ld 2.40 on this script and an object of
 * one byte of .text and one of .data. */
static void operators_inside_a_section_work_on_offsets(void **state)
{
	static const struct {
		const char *name;
		uint64_t v;
	} want[] = {
	    {"te", 0x4101}, {"s1", 0x1110}, {"s2", 0x4100}, {"x", 0x4000},
	    {"y", 0x7102},  {"z", 0x1110},  {"q", 0x900a},  {"n", 0x9040},
	    {"k", 0xf002},  {"a", 0x90ff},  {"b", 0x9001},  {"c", 0x9000},
	    {"g", 0x9025},
	};
	image_section secs[] = {
	    SEC(".text", 0, 1, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".data", 0, 1, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	};
	image obj = one_object(secs, 2);
	run r;

	(void)state;
	evaluate_with(
	    &r,
	    "SECTIONS {\n"
	    "  . = 0x1100;\n"
	    "  .text : { *(.text) . += 0x3000; te = .; d1 = 4;\n"
	    "            s1 = d1 << 2; s2 = . & ~0xfff; }\n"
	    "  x = te & ~0xfff;\n"
	    "  . = 0x9000;\n"
	    "  .data : { *(.data) y = te << 1; z = ADDR(.text) | 0x10;\n"
	    "            q = (. + 4) << 1; n = 0x20 << 1;\n"
	    "            k = (te - ADDR(.text)) << 1; a = 0x100 - .;\n"
	    "            b = . > 0x0; c = . > 0x9000;\n"
	    "            e4 = 4; . += e4 + 5 << 2; g = .; }\n"
	    "}\n",
	    &obj, 1);
	assert_true(r.ok);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		ls_value v = symbol(&r, want[i].name);
		if (!v.known || v.v != want[i].v)
			fail_msg("%s: 0x%llx, want 0x%llx", want[i].name,
				 (unsigned long long)v.v,
				 (unsigned long long)want[i].v);
	}
	done(&r);
}

/* lld 14 keeps an output section nothing goes into when ADDR names it or
 * it sets a symbol, GNU ld leaves it out; SIZEOF and an unused PROVIDE
 * keep nothing (each measured with both linkers).  Only one with an
 * address or alignment of its own can move anything (.e7 cannot). */
static void empty_sections_lld_keeps_are_named(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 1, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	};
	image obj = one_object(secs, 1);
	vl_diags d = {0};
	run r;

	(void)state;
	evaluate_with(&r,
		      "SECTIONS {\n"
		      "  . = 0x1000;\n"
		      "  .text : { *(.text) }\n"
		      "  .e1 : ALIGN(0x100) { *(.nothing) }\n"
		      "  .e2 : ALIGN(0x100) { *(.nothing) }\n"
		      "  .e5 ALIGN(0x100) : { s = .; *(.nothing) }\n"
		      "  .e6 : ALIGN(0x100) { PROVIDE(p = .); *(.nothing) }\n"
		      "  .e7 : { s7 = .; *(.nothing) }\n"
		      "  x = ADDR(.e1) + SIZEOF(.e2);\n"
		      "}\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(ls_portability_link(&r.s, &r.ev, "t.ld", &d), 1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].message,
			    "GNU ld leaves out .e1, .e5, which nothing goes "
			    "into; lld keeps them (named in ADDR or LOADADDR, "
			    "...), 0 bytes at the address or alignment the "
			    "script gives, so what follows may move and a "
			    "segment reach further");
	assert_int_equal(d.v[0].line, 4);
	vl_diags_free(&d);
	done(&r);
}

/* What GNU ld 2.40 refuses in PHDRS and REGION_ALIAS (binutils' phdrs3.t
 * and region-alias-1 to -4 expect these errors, at these lines). */
static void phdrs_and_region_aliases_ld_refuses(void **state)
{
	run r;

	(void)state;
	evaluate(&r,
		 "PHDRS {\n"
		 "  data PT_LOAD ;\n"
		 "  header PT_PHDR PHDRS ;\n"
		 "  text PT_LOAD FILEHDR PHDRS ;\n"
		 "}\n"
		 "SECTIONS { . = 0x800000 + SIZEOF_HEADERS;\n"
		 "  .text : { *(.text) } :text .data : { *(.data) } :data }\n");
	assert_only_finding(
	    &r, VL_RULE_SCRIPT_ERROR, 4, 3,
	    "segment text takes the headers (FILEHDR) after "
	    "data, a PT_LOAD without them: GNU ld refuses the "
	    "link (PHDRS and FILEHDR are not supported when "
	    "prior PT_LOAD headers lack them); list text first");
	done(&r);

	static const struct {
		const char *alias, *why;
	} cases[] = {
	    {"REGION_ALIAS (\"A\", R);\nREGION_ALIAS (\"A\", R);\n",
	     "REGION_ALIAS(A, R): the name is a memory region or alias "
	     "already (redefinition of memory region alias), which GNU ld "
	     "refuses"},
	    {"REGION_ALIAS (\"A\", \"NIL\");\n",
	     "REGION_ALIAS(A, NIL): no memory region of that name is defined "
	     "before it, which GNU ld refuses"},
	    {"REGION_ALIAS (\"A\", \"*default*\");\n",
	     "REGION_ALIAS(A, *default*): an alias for the default memory "
	     "region, which GNU ld refuses (lld 14 accepts it)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[256];
		snprintf(text, sizeof(text),
			 "MEMORY { R (rwx) : ORIGIN = 0, LENGTH = 32K }\n%s",
			 cases[i].alias);
		evaluate(&r, text);
		assert_int_equal(r.d.n, 1);
		assert_string_equal(r.d.v[0].message, cases[i].why);
		done(&r);
	}
	/* An alias of an alias, after the MEMORY it names: fine. */
	evaluate(&r, "MEMORY { R (rwx) : ORIGIN = 0, LENGTH = 32K }\n"
		     "REGION_ALIAS (\"A\", R);\nREGION_ALIAS (\"B\", A);\n");
	assert_int_equal(r.d.n, 0);
	done(&r);
}

/* An output section nothing goes into still sets its symbols and has an
 * address: no undefined symbol, and x is where .empty would start. */
static void an_empty_section_still_defines_its_symbols(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 0xc, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".data", 0, 0x8, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	};
	image obj = one_object(secs, 2);
	run r;

	(void)state;
	evaluate_with(&r,
		      "SECTIONS {\n"
		      "  . = 0x1000;\n"
		      "  .text : { *(.text) }\n"
		      "  .empty : ALIGN(0x100) { sym = .; *(.nothing) }\n"
		      "  x = sym;\n"
		      "  .data : AT(ADDR(.empty) + 0x2000) { *(.data) }\n"
		      "}\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(r.d.n, 0);
	assert_true(symbol(&r, "x").known);
	assert_int_equal(symbol(&r, "sym").v, 0x1100);
	assert_int_equal(symbol(&r, "x").v, 0x1100);
	/* Not in the output, but at its address... */
	assert_false(section(&r, ".empty")->alloc);
	assert_int_equal(section(&r, ".empty")->vma.v, 0x1100);
	/* ...which '.' moved to, for the symbol, and AT() reads. */
	assert_int_equal(section(&r, ".data")->vma.v, 0x1100);
	assert_int_equal(section(&r, ".data")->lma.v, 0x3100);
	done(&r);
}

/* With nothing in it and no symbol, it leaves no trace: not even its
 * alignment moves '.'. */
static void an_empty_section_without_symbols_leaves_dot_alone(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 0xc, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".data", 0, 0x8, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	};
	image obj = one_object(secs, 2);
	run r;

	(void)state;
	evaluate_with(&r,
		      "SECTIONS {\n"
		      "  . = 0x1000;\n"
		      "  .text : { *(.text) }\n"
		      "  .gone : ALIGN(0x100) { *(.nothing) }\n"
		      "  .data : { *(.data) }\n"
		      "}\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(r.d.n, 0);
	assert_int_equal(section(&r, ".data")->vma.v, 0x100c);
	done(&r);
}

/* ---- Numbers inside an output section ---- */

/* A number -- or an absolute symbol's value -- assigned inside an output
 * section is an offset from its start, to '.' and to symbols alike; an
 * address (ADDR, '.', ABSOLUTE()) is not. */
static void numbers_inside_a_section_are_offsets_from_its_start(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "stack_size = 0x100;\n"
		     "SECTIONS {\n"
		     "  .stack 0x3f00 : { . = stack_size; }\n"
		     "  .data 0x8000 : {\n"
		     "    d1 = 4;\n"
		     "    d2 = stack_size + 2;\n"
		     "    d3 = SIZEOF(.stack);\n"
		     "    d4 = ABSOLUTE(4);\n"
		     "    d5 = ADDR(.data) + 4;\n"
		     "    d6 = . - ADDR(.data);\n"
		     "    BYTE(0)\n"
		     "  }\n"
		     "  top = 4;\n"
		     "}\n");
	/* No backwards move: .stack is [0x3f00, 0x4000). */
	assert_int_equal(r.d.n, 0);
	assert_int_equal(section(&r, ".stack")->size.v, 0x100);
	assert_int_equal(symbol(&r, "d1").v, 0x8004);
	assert_int_equal(symbol(&r, "d2").v, 0x8102);
	assert_int_equal(symbol(&r, "d3").v, 0x8100);
	assert_int_equal(symbol(&r, "d4").v, 4);
	assert_true(symbol(&r, "d4").known);
	assert_int_equal(symbol(&r, "d5").v, 0x8004);
	assert_int_equal(symbol(&r, "d6").v, 0x8000);
	/* Outside any section a number is an address. */
	assert_int_equal(symbol(&r, "top").v, 4);
	done(&r);
}

/* ---- Forward references ---- */

/* GNU ld 2.40 resolves a chain of forward references 6 deep; 7 deep the
 * first link is still undefined when it reports errors. */
static void a_forward_chain_resolves_as_deep_as_in_gnu_ld(void **state)
{
	image_section text =
	    SEC(".text", 0, 0x10, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR);
	image obj = one_object(&text, 1);
	run r;

	(void)state;
	evaluate_with(&r,
		      "SECTIONS { .text : { *(.text) } }\n"
		      "c0 = c1; c1 = c2; c2 = c3; c3 = c4; c4 = c5; c5 = c6;\n"
		      "c6 = 0x1234;\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(r.d.n, 0);
	assert_true(symbol(&r, "c0").known);
	assert_int_equal(symbol(&r, "c0").v, 0x1234);
	done(&r);

	evaluate_with(&r,
		      "SECTIONS { .text : { *(.text) } }\n"
		      "c0 = c1; c1 = c2; c2 = c3; c3 = c4; c4 = c5; c5 = c6;\n"
		      "c6 = c7;\n"
		      "c7 = 0x1234;\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 2, 6,
			    "undefined symbol 'c1' referenced in expression");
	done(&r);
}

/* ---- Without inputs ---- */

/* What a value depends on is said as it is: a symbol the script does not
 * define, not the input sizes. */
static void an_unknown_value_says_what_it_depends_on(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS { . = a_sym; .text : { *(.text) } }");
	assert_true(r.ev.nundetermined > 0);
	assert_string_equal(r.ev.undetermined[0].what, "address of .text");
	assert_string_equal(r.ev.undetermined[0].why,
			    "depends on the symbol a_sym, which the script "
			    "does not define (an input file does: give "
			    "--image)");
	done(&r);

	evaluate(&r, "SECTIONS { . = 0x1000; .text : { *(.text) } "
		     ".data : { *(.data) } }");
	assert_string_equal(r.ev.undetermined[0].what, "size of .text");
	assert_string_equal(r.ev.undetermined[0].why,
			    "depends on input section sizes (give --image)");
	done(&r);
}

/* At address 0 a section is allocated like any other; debugging and
 * comment sections are not. */
static void a_section_at_address_zero_is_allocated(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS { .text 0 : { *(.text) } "
		     ".comment 0 : { *(.comment) } "
		     ".debug_info 0 : { *(.debug_info) } }");
	assert_true(section(&r, ".text")->alloc);
	assert_true(section(&r, ".text")->vma.known);
	assert_int_equal(section(&r, ".text")->vma.v, 0);
	assert_false(section(&r, ".comment")->alloc);
	assert_false(section(&r, ".debug_info")->alloc);
	done(&r);
}

/* ---- Explicit addresses ---- */

/* ALIGN() aligns an explicit address; the inputs' alignment does not. */
static void align_aligns_an_explicit_address(void **state)
{
	image_section secs[] = {
	    SEC(".data", 0, 0x8, 8, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	    SEC(".rodata", 0, 0x3, 8, SHT_PROGBITS, SHF_ALLOC),
	};
	image obj = one_object(secs, 2);
	run r;

	(void)state;
	evaluate_with(&r,
		      "SECTIONS {\n"
		      "  .data 0x11001 : ALIGN(16) { *(.data) }\n"
		      "  .rodata 0x12003 : { *(.rodata) }\n"
		      "}\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(section(&r, ".data")->vma.v, 0x11010);
	assert_int_equal(section(&r, ".data")->lma.v, 0x11010);
	assert_int_equal(section(&r, ".rodata")->vma.v, 0x12003);
	done(&r);
}

/* ---- MEMORY attributes ---- */

/* A section without >REGION goes to the first region whose attributes
 * fit it; one that fits none, with MEMORY there, is what ld refuses. */
static void memory_attributes_choose_the_region(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 0x21, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".data", 0, 0x29, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	};
	image obj = one_object(secs, 2);
	run r;

	(void)state;
	evaluate_with(&r,
		      "MEMORY {\n"
		      "  ROM (rx) : ORIGIN = 0x10000, LENGTH = 64K\n"
		      "  RAM (w!x) : ORIGIN = 0x20000, LENGTH = 64K\n"
		      "}\n"
		      "SECTIONS {\n"
		      "  .text : { *(.text) }\n"
		      "  .data : { *(.data) }\n"
		      "}\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(r.d.n, 0);
	assert_int_equal(section(&r, ".text")->vma.v, 0x10000);
	assert_string_equal(section(&r, ".text")->region, "ROM");
	assert_int_equal(section(&r, ".data")->vma.v, 0x20000);
	assert_string_equal(section(&r, ".data")->region, "RAM");
	/* The first section in a region is where the image starts. */
	assert_true(r.ev.has_base);
	assert_int_equal(r.ev.base.v, 0x10000);
	done(&r);

	/* An attribute only excluded fits nothing: .text is in no region. */
	evaluate_with(&r,
		      "MEMORY {\n"
		      "  ROM (!w) : ORIGIN = 0x10000, LENGTH = 64K\n"
		      "}\n"
		      "SECTIONS {\n"
		      "  .text : { *(.text) }\n"
		      "  .data : { *(.data) } > ROM\n"
		      "}\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 5, 3,
			    "section .text takes addresses but no memory "
			    "region: with MEMORY, GNU ld refuses that (give "
			    "it >REGION, or a region whose attributes fit "
			    "it)");
	done(&r);
}

/* ---- Load addresses ---- */

/* A load region carries to the next section only in the same run
 * region: .rodata loads in FLASH after .text; .data, in another run
 * region, loads where it runs, and nothing overlaps. */
static void a_load_region_stays_in_its_run_region(void **state)
{
	image_section secs[] = {
	    SEC(".text", 0, 0x21, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR),
	    SEC(".rodata", 0, 0x2b, 8, SHT_PROGBITS, SHF_ALLOC),
	    SEC(".data", 0, 0x29, 1, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
	};
	image obj = one_object(secs, 3);
	run r;

	(void)state;
	evaluate_with(&r,
		      "MEMORY {\n"
		      "  FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 64K\n"
		      "  ITCM (rx) : ORIGIN = 0x00100000, LENGTH = 64K\n"
		      "  DTCM (rw) : ORIGIN = 0x20000000, LENGTH = 64K\n"
		      "}\n"
		      "SECTIONS {\n"
		      "  .text : { *(.text) } > ITCM AT> FLASH\n"
		      "  .rodata : { *(.rodata) } > ITCM\n"
		      "  .data : { *(.data) } > DTCM\n"
		      "}\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(r.d.n, 0);
	assert_int_equal(section(&r, ".text")->lma.v, 0x08000000);
	assert_int_equal(section(&r, ".rodata")->vma.v, 0x00100028);
	assert_int_equal(section(&r, ".rodata")->lma.v, 0x08000021);
	assert_int_equal(section(&r, ".data")->vma.v, 0x20000000);
	assert_int_equal(section(&r, ".data")->lma.v, 0x20000000);
	done(&r);
}

/* ---- PROVIDE ---- */

/* PROVIDE(x = ...) is evaluated only when x is used and nothing else
 * defines it: an unused one may name a symbol nobody defines. */
static void an_unused_provide_is_not_evaluated(void **state)
{
	image_section text =
	    SEC(".text", 0, 0x10, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR);
	image_symbol ref = {.name = (char *)"x",
			    .value = 0,
			    .size = 0,
			    .absolute = false,
			    .common = false,
			    .undefined = true,
			    .in_section = 0};
	image obj = one_object(&text, 1);
	const char *script = "PROVIDE(x = undefined_sym);\n"
			     "SECTIONS { .text : { *(.text) } }\n";
	run r;
	size_t i;

	(void)state;
	evaluate_with(&r, script, &obj, 1);
	assert_true(r.ok);
	assert_int_equal(r.d.n, 0);
	for (i = 0; i < r.ev.nsymbols; i++)
		assert_string_not_equal(r.ev.symbols[i].name, "x");
	done(&r);

	/* An object that refers to x makes it used: now ld refuses. */
	obj.symbols = &ref;
	obj.nsymbols = 1;
	evaluate_with(&r, script, &obj, 1);
	assert_true(r.ok);
	assert_only_finding(&r, VL_RULE_SCRIPT_ERROR, 1, 13,
			    "undefined symbol 'undefined_sym' referenced in "
			    "expression");
	done(&r);

	/* So does an expression of the script. */
	obj.nsymbols = 0;
	evaluate_with(&r,
		      "PROVIDE(x = 0x1234);\n"
		      "y = x;\n"
		      "SECTIONS { .text : { *(.text) } }\n",
		      &obj, 1);
	assert_true(r.ok);
	assert_int_equal(r.d.n, 0);
	assert_int_equal(symbol(&r, "y").v, 0x1234);
	done(&r);
}

/* ---- ASSERT in an expression ---- */

/* It is its condition's value, as in ld (where '. = ASSERT(...)' is a
 * common way to write one), and a zero one fails as the command does. */
static void assert_in_an_expression_is_its_condition(void **state)
{
	run r;

	(void)state;
	evaluate(&r, "SECTIONS {\n"
		     "  . = 0x1000;\n"
		     "  x = ASSERT(. + 2, \"fine\");\n"
		     "  y = ASSERT(0, \"y is zero\");\n"
		     "}\n");
	assert_only_finding(&r, VL_RULE_ASSERT_FAILED, 4, 7,
			    "ASSERT fails: y is zero");
	assert_true(symbol(&r, "x").known);
	assert_int_equal(symbol(&r, "x").v, 0x1002);
	assert_true(symbol(&r, "y").known);
	assert_int_equal(symbol(&r, "y").v, 0);
	done(&r);
}

/* GNU ld 2.40 and lld 14 on "PHDRS { text PT_LOAD FILEHDR PHDRS; data
 * PT_LOAD; }" with .text at 0x50: "not enough room for program headers" and
 * "could not allocate headers"; at 0xb0 (64 + 2 * 56 bytes) both link.  A
 * load address below the headers' page is ld's error alone. */
static void a_filehdr_segment_needs_room_for_the_headers(void **state)
{
	static const char *const at[] = {
	    ". = 0x50; .text :", ". = 0xb0; .text :",
	    ".text 0x10000 : AT(0xb0)", ".text 0x1000 : AT(0x10000)"};
	char text[256];
	run r;

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		snprintf(text, sizeof(text),
			 "PHDRS { text PT_LOAD FILEHDR PHDRS; data PT_LOAD; }\n"
			 "SECTIONS { %s { BYTE(1) } :text .data : { BYTE(2) "
			 "} :data }\n",
			 at[i]);
		evaluate(&r, text);
		if (i == 0)
			assert_only_finding(
			    &r, VL_RULE_SCRIPT_ERROR, 1, 9,
			    "segment text (FILEHDR) has no room for its 0xb0 "
			    "bytes of ELF and program headers below .text at "
			    "0x50: GNU ld and lld refuse the link (not enough "
			    "room for program headers); start .text at 0xb0 "
			    "or above");
		else if (i == 2)
			assert_only_finding(
			    &r, VL_RULE_SCRIPT_ERROR, 1, 9,
			    "segment text (FILEHDR) has no room for its 0xb0 "
			    "bytes of ELF and program headers below the load "
			    "address 0xb0 of .text: GNU ld refuses the link "
			    "(not enough room for program headers); load .text "
			    "at 0x1000 or above, or give the PHDRS entry "
			    "AT(...)");
		else
			assert_int_equal(r.d.n, 0);
		done(&r);
	}
}

/* PHDRS without FILEHDR: the program headers follow the ELF header in
 * the file, so the section needs an address whose offset in the page
 * leaves room for both (GNU ld 2.40: .text at 0x50, 0x70 and 0xaf
 * "can't be allocated in segment 0", at 0xb0 it links). */
static void a_phdrs_segment_needs_room_for_the_headers(void **state)
{
	static const char *const at[] = {"0x70", "0xaf", "0xb0"};
	char text[256];
	run r;

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		snprintf(text, sizeof(text),
			 "PHDRS { text PT_LOAD PHDRS; data PT_LOAD; }\n"
			 "SECTIONS { . = %s; .text : { BYTE(1) } :text "
			 ".data : { BYTE(2) } :data }\n",
			 at[i]);
		evaluate(&r, text);
		if (i == 0)
			assert_only_finding(
			    &r, VL_RULE_SCRIPT_ERROR, 1, 9,
			    "segment text (PHDRS) has no room for its 0x70 "
			    "bytes of program headers below .text at 0x70: "
			    "GNU ld refuses the link (section `.text' can't "
			    "be allocated in segment); start .text at 0xb0 "
			    "or above");
		else
			assert_int_equal(r.d.n, i == 1 ? 1 : 0);
		done(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_section_may_end_at_the_last_address),
	    cmocka_unit_test(overlay_sections_have_load_symbols),
	    cmocka_unit_test(dot_may_depend_on_a_symbol_set_later),
	    cmocka_unit_test(
		insert_splices_each_sections_into_the_default_script),
	    cmocka_unit_test(an_object_symbol_is_where_its_section_went),
	    cmocka_unit_test(a_symbol_in_a_section_not_placed_is_unknown),
	    cmocka_unit_test(shared_links_size_the_dynamic_sections),
	    cmocka_unit_test(a_second_comdat_group_of_a_signature_is_dropped),
	    cmocka_unit_test(an_empty_overlay_still_places_what_follows),
	    cmocka_unit_test(sizeof_headers_counts_the_segments_of_objects),
	    cmocka_unit_test(a_stack_note_adds_a_program_header),
	    cmocka_unit_test(the_first_guess_has_no_property_header),
	    cmocka_unit_test(a_got_load_of_a_script_symbol_needs_no_entry),
	    cmocka_unit_test(data_segment_align_with_and_without_relro),
	    cmocka_unit_test(a_phdrs_segment_needs_room_for_the_headers),
	    cmocka_unit_test(
		a_rel_name_types_an_output_section_on_rel_machines),
	    cmocka_unit_test(data_segment_relro_end_aligns_the_relro_end),
	    cmocka_unit_test(operators_inside_a_section_work_on_offsets),
	    cmocka_unit_test(empty_sections_lld_keeps_are_named),
	    cmocka_unit_test(phdrs_and_region_aliases_ld_refuses),
	    cmocka_unit_test(a_condition_picks_the_kind_of_its_branch),
	    cmocka_unit_test(an_empty_section_loading_below_0_wraps_silently),
	    cmocka_unit_test(
		data_past_the_top_is_an_error_at_the_byte_that_wraps),
	    cmocka_unit_test(a_load_address_may_end_at_the_top),
	    cmocka_unit_test(asciz_past_the_top_is_an_error),
	    cmocka_unit_test(
		adding_to_the_location_counter_past_the_top_is_an_error),
	    cmocka_unit_test(an_offset_past_the_top_is_an_error),
	    cmocka_unit_test(compound_assignments_wrap_as_in_ld),
	    cmocka_unit_test(expressions_compute_modulo_2_64_as_ld),
	    cmocka_unit_test(aligning_a_section_past_the_top_is_an_error),
	    cmocka_unit_test(align_of_the_last_address_is_an_error),
	    cmocka_unit_test(a_load_address_past_the_top_is_an_error),
	    cmocka_unit_test(a_region_past_the_top_is_an_error),
	    cmocka_unit_test(a_region_may_end_at_the_top),
	    cmocka_unit_test(an_overlay_past_the_top_is_an_error),
	    cmocka_unit_test(a_linked_section_without_room_is_an_error),
	    cmocka_unit_test(input_sections_past_the_top_are_an_error),
	    cmocka_unit_test(common_symbols_beyond_64_bits_are_an_input_error),
	    cmocka_unit_test(assert_in_an_expression_is_its_condition),
	    cmocka_unit_test(a_filehdr_segment_needs_room_for_the_headers),
	    cmocka_unit_test(an_orphan_goes_by_its_kind_not_its_input_order),
	    cmocka_unit_test(
		a_linked_images_own_sections_are_placed_as_gnu_ld_does),
	    cmocka_unit_test(an_empty_section_still_defines_its_symbols),
	    cmocka_unit_test(an_empty_section_without_symbols_leaves_dot_alone),
	    cmocka_unit_test(
		numbers_inside_a_section_are_offsets_from_its_start),
	    cmocka_unit_test(a_forward_chain_resolves_as_deep_as_in_gnu_ld),
	    cmocka_unit_test(an_unknown_value_says_what_it_depends_on),
	    cmocka_unit_test(a_section_at_address_zero_is_allocated),
	    cmocka_unit_test(align_aligns_an_explicit_address),
	    cmocka_unit_test(memory_attributes_choose_the_region),
	    cmocka_unit_test(a_load_region_stays_in_its_run_region),
	    cmocka_unit_test(an_unused_provide_is_not_evaluated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
