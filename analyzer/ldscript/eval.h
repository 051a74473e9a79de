/* Simulating a link on a parsed linker script: the location counter,
 * symbol values, output section addresses (VMA and LMA), MEMORY regions.
 *
 * Input section sizes come from ELF files: relocatable objects (the input
 * sections the script places) or one linked image (its output sections,
 * exact by construction).  Without them sizes are unknown, and the
 * evaluator still determines every address that does not depend on them
 * (the image base, explicit section addresses, MEMORY origins) and lists
 * what it could not determine. */
#ifndef VASLINT_LDSCRIPT_EVAL_H
#define VASLINT_LDSCRIPT_EVAL_H

#include "diag.h"
#include "elfimage.h"
#include "ldscript/ast.h"

/* The linker's own knobs that move an image. */
typedef struct ls_segment_start {
	const char
	    *name; /* "text-segment", "rodata-segment", "ldata-segment" */
	uint64_t value;
} ls_segment_start;

typedef struct ls_section_start {
	const char *section; /* ".text" for -Ttext, or --section-start */
	uint64_t value;
} ls_section_start;

#define LS_MAX_KNOBS 16

typedef enum ls_dynamic {
	LS_STATIC, /* a plain executable (ld's default) */
	LS_PIE,	   /* -pie */
	LS_SHARED, /* -shared */
} ls_dynamic;

/* --hash-style: GNU ld's default (Debian's binutils: both) is 0. */
typedef enum ls_hash_style {
	LS_HASH_BOTH,
	LS_HASH_SYSV,
	LS_HASH_GNU,
} ls_hash_style;

typedef struct ls_eval_opts {
	uint16_t machine;     /* e_machine for page sizes; 0: from the inputs or
				 the script's OUTPUT_FORMAT, else 4 KiB pages */
	uint64_t maxpagesize; /* -z max-page-size; 0: the machine's */
	uint64_t commonpagesize; /* -z common-page-size; 0: the machine's */
	/* -z separate-code 1, -z noseparate-code -1; 0: the machine's (on
	 * for x86, whose GNU ld keeps code in segments of its own). */
	int separate_code;
	/* -z norelro -1, -z relro or default 0: GNU ld's default (on) --
	 * its first guess at the program headers counts a PT_GNU_RELRO. */
	int relro;
	ls_segment_start segments[LS_MAX_KNOBS]; /* -T<name>=, --image-base */
	size_t nsegments;
	ls_section_start sections[LS_MAX_KNOBS]; /* -Ttext= -Tdata= -Tbss= */
	size_t nsections;
	/* --defsym NAME=EXPR: assignments evaluated before the script's
	 * own, as ld does; NULL for none. */
	const ls_script *defsyms;
	/* GNU ld's default script for the machine, for a script with INSERT
	 * AFTER|BEFORE: the script's SECTIONS go into it next to the section
	 * INSERT names, as ld links them; NULL: the order around INSERT is
	 * not determined. */
	const ls_script *base;
	const image *inputs; /* read with elfimage_read_full */
	size_t ninputs;
	/* -pie or -shared: the link makes the sections a dynamic linker
	 * reads (.interp, .dynsym, .dynstr, .hash, .gnu.hash, .dynamic),
	 * sized from the symbols it exports; -E (--export-dynamic) exports
	 * a PIE's too, --hash-style picks the hash tables, -soname names a
	 * library, --no-dynamic-linker leaves .interp out. */
	ls_dynamic dynamic;
	bool export_dynamic, no_dynamic_linker;
	ls_hash_style hash_style;
	const char *soname;
} ls_eval_opts;

typedef struct ls_value {
	bool known;
	uint64_t v;
} ls_value;

/* What set an output section's address. */
typedef enum ls_addr_from {
	LS_ADDR_DOT,	/* where '.' was */
	LS_ADDR_EXPR,	/* an address of its own (or its OVERLAY's) */
	LS_ADDR_REGION, /* the next free address of its MEMORY region */
	LS_ADDR_OPTION, /* -Ttext=, -Tdata=, -Tbss=, --section-start */
} ls_addr_from;

typedef struct ls_out_section {
	const char *name;
	ls_loc loc; /* the name in the script; for an orphan, the name of
		       the section it follows (or goes before) */
	const ls_output_section *def; /* NULL for an orphan */
	bool alloc;		      /* occupies addresses at run time */
	bool load;		      /* has file contents (not NOLOAD/bss) */
	bool code, writable;	      /* with inputs: what the inputs are */
	bool in_overlay;
	bool tls_bss; /* .tbss: the pattern of each thread's copy, which
			 takes no addresses of its own */
	ls_value vma, lma, size;
	uint64_t align;
	/* What fixed the address: the section's own address expression, the
	 * `.` assignment before it, a region, or a command-line option. */
	ls_loc addr_loc;
	ls_addr_from addr_from;
	const char *region, *lma_region;
} ls_out_section;

typedef struct ls_symbol {
	char *name;
	ls_value value;
	bool absolute; /* a number, not an address in a section */
	ls_loc loc;    /* file NULL: defined in an input file */
} ls_symbol;

typedef struct ls_region {
	const char *name;
	const ls_memory_region *def;
	ls_value origin, length;
	ls_value next; /* the first free address */
} ls_region;

typedef struct ls_undetermined {
	char *what; /* "address of .data", "ASSERT", "symbol _end" */
	char *why;
	ls_loc loc;
} ls_undetermined;

/* What the evaluation found that the linker itself would refuse or stop
 * on: values, not findings; the script rows of the check table
 * (ldscript/script_check.c) turn them into findings. */
typedef enum ls_fact_kind {
	LS_FACT_ERROR,	       /* an expression or name the link cannot use */
	LS_FACT_BACKWARDS,     /* '.' set below its value inside a section */
	LS_FACT_ASSERT_FAILED, /* an ASSERT's condition evaluated to 0 */
} ls_fact_kind;

typedef struct ls_fact {
	ls_fact_kind kind;
	ls_loc loc;
	char *text;	     /* ERROR: what is wrong; ASSERT: its message */
	const char *section; /* BACKWARDS: inside which section */
	uint64_t from, to;   /* BACKWARDS: the location counter's values */
} ls_fact;

typedef struct ls_eval {
	ls_out_section *sections; /* in address-assignment order */
	size_t nsections;
	ls_symbol *symbols;
	size_t nsymbols;
	ls_region *regions;
	size_t nregions;
	/* The link base: where the image (and, for scripts that put them
	 * there, the ELF headers) starts, and the expression that sets it. */
	bool has_base;
	ls_value base;
	ls_loc base_loc; /* the whole expression */
	ls_undetermined *undetermined;
	size_t nundetermined;
	ls_fact *facts; /* in evaluation order */
	size_t nfacts;
	uint64_t maxpagesize, commonpagesize;
	uint16_t machine;
	/* The output section that took the first of the dynamic sections
	 * the link makes (--shared, --pie with objects): 1 + its index, 0
	 * for none. */
	size_t dynamic_in;
} ls_eval;

/* Evaluate: simulate the link and return what it computed, with what the
 * linker would refuse as facts.  False with err only when the evaluation
 * could not be done at all. */
bool ls_evaluate(const ls_script *s, const ls_eval_opts *o, ls_eval *out,
		 vl_error *err);
void ls_eval_free(ls_eval *e);

/* The default page sizes a linker uses for a machine. */
uint64_t ls_default_maxpagesize(uint16_t machine);
uint64_t ls_default_commonpagesize(uint16_t machine);

#endif
