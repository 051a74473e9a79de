/* Input sections whose size in the link is not the size in their object:
 * GNU ld reads their contents and changes them before it lays them out
 * for the last time.
 *
 * - SHF_MERGE sections (.rodata.str1.1, .rodata.cst8): equal strings and
 *   constants are kept once per output section, and a string that ends
 *   another one is kept as that one's tail (bfd/merge.c).
 * - .eh_frame: call frame entries for discarded code go, CIEs equal to an
 *   earlier one are shared, padding at the end of an entry is dropped, and
 *   every input section but the last is padded to the output section's
 *   alignment (bfd/elf-eh-frame.c, bfd_elf_discard_info).
 *
 * Both are modelled from the contents elfimage_read_full reads of
 * objects.  What goes into which output section is the caller's. */
#ifndef VASLINT_LDSCRIPT_CONTENTS_H
#define VASLINT_LDSCRIPT_CONTENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elfimage.h"

typedef struct lc_section {
	const image *file;
	const image_section *sec;
	long out; /* the output section it is in; < 0: none */
	/* Set by the functions below; set size to sec->size before. */
	uint64_t size;
	bool excluded; /* ld drops it: no size, no alignment of its own */
} lc_section;

/* Sizes after GNU ld merges the SHF_MERGE sections among secs, which
 * are every input section of the link, in link order (input files in
 * order, each file's sections in header order).  False: out of memory. */
bool lc_merge(lc_section *secs, size_t n);

/* The size of an ELF string table of these names (the empty string
 * first, each name once, a name that ends another one kept as its tail,
 * as bfd's elf-strtab.c lays out .dynstr).  *oom: out of memory. */
uint64_t lc_strtab_size(const char *const *names, size_t n, bool *oom);

/* Whether section k (1 + index into file's sections) is discarded from
 * the link, for .eh_frame entries that describe its code. */
typedef bool (*lc_discarded_fn)(void *ctx, const image *file, size_t k);

/* Sizes after GNU ld edits the input sections of an output section
 * named .eh_frame: secs are its input sections in order, out_align its
 * alignment.  False: out of memory. */
bool lc_eh_frame(lc_section *secs, size_t n, uint64_t out_align,
		 lc_discarded_fn discarded, void *ctx);

/* GNU ld's one .note.gnu.property: secs are every input section of that
 * name in link order, ninputs the number of objects of the link (one
 * without the note lacks its AND properties).  The first section gets
 * the merged note's size, the others are dropped.  False: out of
 * memory. */
bool lc_gnu_property(lc_section *secs, size_t n, size_t ninputs,
		     uint16_t machine);

/* An arm code section, in address order, with the .ARM.exidx section
 * that indexes its unwinding (NULL: none; its size is set). */
typedef struct lc_exidx_text {
	const image_section *text;
	lc_section *exidx; /* excluded: in /DISCARD/ */
	bool big_endian;
} lc_exidx_text;

/* GNU ld's edit of the unwinding index of an arm link (elf32-arm.c,
 * elf32_arm_fix_exidx_coverage): entries that repeat the one before (a
 * second EXIDX_CANTUNWIND; with merge, the same inlined unwinding) go, an
 * EXIDX_CANTUNWIND goes after the last index before code with none (or
 * whose index does not start at its start), and one ends the table when
 * its last entry is not one.  Sets the sizes of the exidx sections. */
void lc_arm_exidx(lc_exidx_text *v, size_t n, bool merge);

#endif
