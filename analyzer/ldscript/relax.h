/* RISC-V linker relaxation, as GNU ld 2.40 does it (bfd/elfnn-riscv.c,
 * _bfd_riscv_relax_section, pass 0): a call (auipc+jalr) whose target is
 * in reach becomes a jal, or a c.j for a tail call within 2 KiB; an auipc
 * or lui whose target is within 2 KiB of __global_pointer$ (or of 0) goes,
 * a lui of a small address becomes a c.lui, and the lui and add of a
 * thread-local (local-exec) access go when the variable is within 2 KiB
 * of the start of the TLS block.  Each shortening deletes
 * bytes from the section, which moves what follows in it.
 *
 * This module finds the sites in an input section and keeps its
 * deletions; the evaluation gives the addresses (ldscript/eval.c,
 * relax_isec) and lays the section out at its shrunk size. */
#ifndef VASLINT_LDSCRIPT_RELAX_H
#define VASLINT_LDSCRIPT_RELAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elfimage.h"

typedef enum lr_kind {
	LR_CALL,  /* R_RISCV_CALL(_PLT): 8 bytes */
	LR_PCREL, /* R_RISCV_PCREL_HI20: the auipc, 4 bytes */
	LR_LUI,	  /* R_RISCV_HI20: the lui, 4 bytes */
	LR_ALIGN, /* R_RISCV_ALIGN: addend bytes of nops, pass 1 */
	LR_TPREL, /* R_RISCV_TPREL_HI20 or _ADD: the lui or add, 4 bytes */
} lr_kind;

typedef struct lr_site {
	lr_kind kind;
	const image_reloc *rel;
	unsigned rd; /* CALL: the jalr's rd; LUI: the lui's rd */
	bool done;   /* shortened: ld relaxes a site once */
} lr_site;

typedef struct lr_delete {
	uint64_t at; /* offset in the section as the object has it */
	uint64_t count;
	uint64_t upto; /* this and all before it (lr_commit) */
} lr_delete;

typedef struct lr_section {
	lr_site *sites;
	size_t nsites;
	lr_delete *dels; /* by offset up to ncommitted, then pending */
	size_t ndels, cap_dels, ncommitted;
	uint64_t deleted; /* all of them */
	/* It has R_RISCV_ALIGN sites, and ld has handled them: after that
	 * it relaxes nothing more in the section (sec_flg0). */
	bool aligns, aligned;
} lr_section;

/* The sites of a RISC-V input section (its relocations, each paired with
 * the R_RISCV_RELAX at the same offset, and its contents): NULL when it
 * has none.  *oom on failure to allocate. */
lr_section *lr_sections_sites(const image_section *s, bool *oom);
void lr_free(lr_section *rx);

/* An offset of the section as the object has it, where it is now that
 * the bytes before it were deleted. */
uint64_t lr_now(const lr_section *rx, uint64_t offset);

/* Record deleting count bytes at offset (as the object has it), which
 * takes effect at lr_commit: ld deletes a section's bytes once it has
 * looked at all its sites (_riscv_relax_delete_piecewise).  False: out of
 * memory. */
bool lr_delete_bytes(lr_section *rx, uint64_t offset, uint64_t count);
void lr_commit(lr_section *rx);

/* How many bytes a call at pc to symval leaves (8: not shortened),
 * with the alignment margin ld adds (max_align); rvc: the object has
 * compressed instructions (EF_RISCV_RVC); is64: RV64, where c.jal does
 * not exist. */
unsigned lr_call_length(uint64_t pc, uint64_t symval, uint64_t max_align,
			bool rvc, bool is64, unsigned rd);

/* The nop bytes an R_RISCV_ALIGN of addend bytes needs at address at
 * (_bfd_riscv_relax_align); more than addend when it cannot align, which
 * GNU ld refuses. */
uint64_t lr_align_nops(uint64_t at, uint64_t addend);

/* Whether an address load of symval can go gp-relative (or absolute,
 * near 0): within the 12-bit immediate of gp with ld's margins. */
bool lr_near_gp(uint64_t symval, uint64_t gp, uint64_t max_align,
		uint64_t reserve);

/* Whether a lui of symval can become a c.lui (rd not x0 or sp), with
 * ld's allowance of a page (two with RELRO) for later moves. */
bool lr_c_lui(uint64_t symval, unsigned rd, uint64_t page);

/* Whether a thread-local variable at symval is within the 12-bit
 * immediate of the thread pointer, which points at the start of the TLS
 * block, tls_start: then ld deletes the lui and the add of its local-exec
 * access (_bfd_riscv_relax_tls_le, tpoff). */
bool lr_tp_near(uint64_t symval, uint64_t tls_start);

#endif
