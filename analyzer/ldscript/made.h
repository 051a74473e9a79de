/* Sections the linker makes itself, as GNU ld 2.40 makes them: the GOT
 * of a static link, and for -pie and -shared (x86) the sections the
 * dynamic linker reads.  Which ones there are, in the order ld makes them,
 * and their sizes from what the evaluation gathered (the symbols a link
 * exports, the GOT relocations of its objects). */
#ifndef VASLINT_LDSCRIPT_MADE_H
#define VASLINT_LDSCRIPT_MADE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elfimage.h"

/* What GNU ld makes with the first object, after that object's own
 * sections, into out: on x86 always the GOT and IFUNC sections and their
 * relocations (empty unless relocations need them, lm_got_sizes); on
 * aarch64 the IFUNC ones when iplt (image.makes_iplt), on arm always,
 * and on aarch64, arm and RISC-V the GOT ones when got (an object has a
 * GOT relocation).  Returns how many. */
enum { LM_MAX_OWN = 6 };
size_t lm_own_sections(uint16_t machine, bool got, bool iplt,
		       image_section out[LM_MAX_OWN]);

/* The dynamic sections of -pie and -shared, in the order GNU ld makes
 * them (elflink.c, _bfd_elf_link_create_dynamic_sections). */
enum {
	LM_INTERP,
	LM_DYNSYM,
	LM_DYNSTR,
	LM_DYNAMIC,
	LM_HASH,
	LM_GNU_HASH,
	LM_NDYN
};

/* Dynamic section k for a 64- or 32-bit x86 link. */
const image_section *lm_dynamic_section(bool is64, int k);

typedef struct lm_dynamic {
	bool is64, pie;
	bool sysv_hash, gnu_hash; /* --hash-style */
	/* The exported symbols: the defined ones first (ndefined), then
	 * those the objects only refer to; each name once. */
	const char *const *names;
	size_t n, ndefined;
	const char *soname; /* NULL: none */
	/* DT_ entries besides the ones lm_dynamic_sizes counts itself:
	 * DT_INIT, DT_FINI, the *_ARRAY pairs. */
	unsigned extra_tags;
} lm_dynamic;

/* The sizes of the dynamic sections, by LM_* (elflink.c,
 * bfd_elf_size_dynamic_sections: hash tables with ld's bucket counts,
 * .dynstr with shared tails, .dynamic with its DT_NULL and 5 spare
 * entries).  False: out of memory. */
bool lm_dynamic_sizes(const lm_dynamic *d, uint64_t size[LM_NDYN]);

/* A GOT relocation of an object the link keeps, with whether the link
 * defines its symbol (in the object, or a global one anywhere). */
typedef struct lm_gotref {
	uint32_t type;
	const char *global; /* NULL: a local symbol, by file and index */
	const image *file;
	size_t sym;
	bool defined;
	int64_t addend;
	int opcode; /* the instruction byte 2 before it; -1 unknown */
	bool ifunc; /* of an IFUNC: lm_ifunc_sizes gives its entry */
} lm_gotref;

/* The GOT sections of a static link. */
typedef struct lm_got {
	uint64_t got, gotplt, relgot;
} lm_got;

/* A reference to an IFUNC the link defines: a call or address (PLT), a
 * GOT load (GOT), or a word in a writable section (DATA). */
typedef enum lm_ifunc_kind {
	LM_IFUNC_PLT,
	LM_IFUNC_GOT,
	LM_IFUNC_DATA
} lm_ifunc_kind;
typedef struct lm_ifuncref {
	const char *name;
	lm_ifunc_kind kind;
} lm_ifuncref;

/* What the IFUNCs of a static link add (elf-ifunc.c,
 * _bfd_elf_allocate_ifunc_dyn_relocs, and the backends): a PLT entry in
 * .iplt with its .igot.plt slot and IRELATIVE relocation for each one
 * called or whose address is taken; on x86 and arm one only loaded
 * through the GOT gets a .got entry and a relocation instead, and on x86
 * each word of its address in writable data its own relocation (aarch64
 * and arm give those a PLT entry).  got is what .got gains (lm_got_sizes
 * adds it).  Measured
 * with GNU ld 2.40 on each machine.  refs is reordered. */
typedef struct lm_ifunc {
	uint64_t iplt, igotplt, reliplt, got;
} lm_ifunc;
void lm_ifunc_sizes(uint16_t machine, lm_ifuncref *refs, size_t n,
		    lm_ifunc *out);

/* The GOT of a static link, from its GOT relocations and what its IFUNCs
 * add (lm_ifunc_sizes): .got has an entry per symbol loaded through it
 * that ld cannot relax (x86's convert_load_reloc), per thread-local
 * symbol ld does not turn into local-exec (two for global-dynamic), the
 * IFUNCs' and the machine's header; .got.plt has the PLT's reserved
 * entries when the GOT is made (on x86 also for the IFUNC PLT); .rela.got
 * has RISC-V's run-time relocations of thread-local entries.
 * elf_x86_64_check_relocs, elf_i386_check_relocs, elfNN_aarch64_check_
 * relocs, elf32_arm_check_relocs, riscv_elf_check_relocs and their
 * size_dynamic_sections.  refs is reordered. */
void lm_got_sizes(uint16_t machine, lm_gotref *refs, size_t n,
		  const lm_ifunc *ifunc, lm_got *out);

#endif
