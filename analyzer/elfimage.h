/* ELF images read with libelf: the loadable segments and what kind of
 * program they make -- headers, and the dynamic section's flags.  For
 * linker scripts (elfimage_read_full) also section headers and symbols,
 * and of relocatable objects the few contents GNU ld sizes sections by:
 * SHF_MERGE and .eh_frame sections, COMDAT groups, GOT relocations, and
 * RISC-V code and relocations for relaxation. */
#ifndef VASLINT_ELFIMAGE_H
#define VASLINT_ELFIMAGE_H

#include "diag.h"
#include "range.h"

typedef struct image_segment {
	size_t index; /* program header index */
	uint64_t vaddr, memsz;
	uint64_t offset, filesz;
	uint64_t paddr; /* where a boot loader copies it (p_paddr) */
	/* p_align where it is a power of two, else 0: Linux skips such a
	 * value (fs/binfmt_elf.c, maximum_alignment), and so does vaslint. */
	uint64_t align;
	uint64_t p_align; /* as the file says */
	uint32_t flags;	  /* PF_R | PF_W | PF_X */
} image_segment;

/* A section header, for linker-script evaluation: the sizes and
 * alignments of input sections (objects) or output sections (a linked
 * image). */
typedef struct image_reloc {
	uint64_t offset; /* where in the section it applies */
	uint32_t type;	 /* R_... of the machine */
	int64_t addend;	 /* RELA's; 0 for REL */
	size_t sym;	 /* its symbol's index in the symbol table */
	/* The symbol's st_value and st_size, and whether it is an undefined
	 * weak one. */
	uint64_t value, size;
	bool weak_undefined;
	bool func; /* STT_FUNC */
	/* The section its symbol is defined in (1 + index into the image's
	 * sections; 0 for none), and the symbol's name when it is global or
	 * weak (NULL for a local one). */
	size_t in_section;
	char *global;
} image_reloc;

/* A relocation that makes the link build a GOT, or refers to it: of an
 * x86 object (elfimage_read_full).  The symbol as for image_reloc, with
 * whether it is defined in the object. */
typedef struct image_gotref {
	uint32_t type;	/* R_X86_64_, R_386_, R_AARCH64_, R_ARM_, R_RISCV_ */
	size_t section; /* the section it applies to: 1 + index */
	size_t sym;
	size_t in_section;
	char *global;
	bool defined;
	int64_t addend; /* RELA's, or REL's 4 bytes in place */
	int opcode;	/* the byte 2 before it (mov: 0x8b); -1 unknown */
} image_gotref;

/* A relocation of an object's allocated section against a global symbol
 * the object does not define (or defines as an IFUNC) that is not a GOT
 * one (image_gotref): what makes GNU ld give an IFUNC a PLT entry or a
 * run-time relocation in a static link (ldscript/made.c). */
typedef struct image_symref {
	size_t section; /* 1 + index into the image's sections */
	char *global;
	uint32_t type; /* the relocation's */
	/* An absolute address of the machine's word in a writable section
	 * (R_X86_64_64, R_386_32): relocated at run time on x86. */
	bool data;
} image_symref;

typedef struct image_target {
	size_t section; /* 1 + index into the image's sections */
	char *symbol;
} image_target;

typedef struct image_section {
	char *name;
	uint64_t addr, size, align;
	uint32_t type;	  /* SHT_PROGBITS, SHT_NOBITS, ... */
	uint64_t flags;	  /* SHF_ALLOC, SHF_WRITE, SHF_EXECINSTR, ... */
	uint64_t entsize; /* sh_entsize: an SHF_MERGE section's entry size */
	uint32_t link;	  /* sh_link: an .ARM.exidx's code section */
	/* Objects only (ET_REL, elfimage_read_full): what GNU ld reads of a
	 * section to change its size in the link (ldscript/contents.c) --
	 * the contents of SHF_MERGE, .eh_frame and .ARM.exidx sections and
	 * an .eh_frame's relocations, by offset -- and whether any relocation
	 * applies to the section (ld does not merge one that has them). */
	unsigned char *data;
	size_t ndata;
	image_reloc *relocs;
	size_t nrelocs;
	bool relocated;
	/* Objects: the sections of this object that its relocations refer
	 * to by symbols defined here, each once, with the first such
	 * symbol's name (a section's own name for a section symbol): GNU ld
	 * refuses a link that discards one a kept section refers to. */
	struct image_target *targets;
	size_t ntargets, cap_targets;
	/* The signature of the COMDAT group it is in (objects), or NULL:
	 * the link keeps the group of the first input that has one of the
	 * signature and drops the others whole. */
	char *comdat;
} image_section;

/* A symbol with global or weak binding: defined, or (undefined) a
 * reference the link must resolve. */
typedef struct image_symbol {
	char *name;
	uint64_t value; /* for a common symbol: its alignment */
	uint64_t size;
	bool absolute;	/* SHN_ABS */
	bool common;	/* SHN_COMMON: space the link allocates (COMMON) */
	bool undefined; /* SHN_UNDEF: what PROVIDE in a script may define */
	bool hidden;	/* STV_HIDDEN or STV_INTERNAL: never exported */
	bool ifunc;	/* STT_GNU_IFUNC: resolved at run time */
	bool func;	/* STT_FUNC (on arm, value bit 0 marks Thumb code) */
	/* The section it is defined in: 1 + its index into the image's
	 * sections; 0 for none (absolute, common, undefined, an extended
	 * index), so a zeroed symbol has none. */
	size_t in_section;
} image_symbol;

typedef struct image {
	char *path;
	int elfclass;	  /* ELFCLASS32 or ELFCLASS64 */
	int data;	  /* ELFDATA2LSB or ELFDATA2MSB */
	uint16_t machine; /* e_machine */
	uint32_t flags;	  /* e_flags (RISC-V: EF_RISCV_RVC, ...) */
	uint16_t type;	  /* ET_EXEC, ET_DYN, ... */
	bool dynamic; /* has PT_INTERP or PT_DYNAMIC: needs a dynamic linker */
	bool interp;  /* has PT_INTERP: the kernel starts an interpreter */
	/* DT_FLAGS_1 has DF_1_PIE: linked as a position-independent
	 * executable (a static-pie has it, a shared library has not; GNU ld
	 * sets it on an ET_EXEC too when a PIE gets -Ttext-segment). */
	bool pie_flag;
	/* Has DT_SONAME: a shared library (libc.so.6 has PT_INTERP too, so
	 * that it runs as a program; a PIE has no soname). */
	bool soname;
	/* What is wrong with the section header table, which no loader
	 * reads (cut off by the end of the file, a wrong entry size); NULL
	 * when it is sound.  Only elfimage_read accepts such an image. */
	char *shdr_damage;
	image_segment *segments; /* PT_LOAD only, in header order */
	size_t nsegments;
	/* What SIZEOF_HEADERS is for a linked image. */
	uint16_t ehsize, phentsize, phnum;
	/* Only elfimage_read_full fills these. */
	image_section *sections; /* in header order, without section 0 */
	size_t nsections;
	image_symbol *symbols;
	size_t nsymbols;
	/* The relocations that use or make the GOT (x86, aarch64, arm,
	 * RISC-V objects), see image_gotref. */
	image_gotref *gotrefs;
	size_t ngotrefs, cap_gotrefs;
	image_symref *symrefs;
	size_t nsymrefs, cap_symrefs;
	/* An aarch64 object with a relocation for which GNU ld makes the
	 * IFUNC sections (.iplt, .rela.iplt, .igot.plt) of a static link:
	 * an absolute, call, jump, page or GOT one against a global symbol
	 * (elfnn-aarch64.c, elfNN_aarch64_check_relocs). */
	bool makes_iplt;
	/* A RISC-V object with R_RISCV_RELAX relocations in allocated
	 * sections: GNU ld shrinks its code by relaxation.  Such sections
	 * have their relocations (and code sections their contents) read,
	 * for ldscript/relax.c. */
	bool relaxes;
} image;

/* Limits on what one image may claim, so a crafted header cannot make
 * vaslint allocate or loop without bound. */
#define IMAGE_MAX_PHDRS 65535

typedef enum elfimage_status {
	ELFIMAGE_OK,
	ELFIMAGE_NOT_ELF, /* a readable regular file without the ELF magic */
	ELFIMAGE_ERROR,	  /* cannot be read, or a malformed ELF image */
} elfimage_status;

/* Read an image with one open of the file.  ELFIMAGE_NOT_ELF lets the
 * caller try the file as something else; err says why either way (a file
 * that is not a regular file, an ar archive, a truncated image, absurd
 * counts, segments that wrap). */
elfimage_status elfimage_read(const char *path, image *out, vl_error *err);
/* The same, and the section headers and the global symbols (defined ones,
 * and the references to undefined ones) too; for a
 * relocatable object (ET_REL) as well as a linked image. */
elfimage_status elfimage_read_full(const char *path, image *out, vl_error *err);
void elfimage_free(image *img);

/* "R-X" style flags for messages. */
const char *elfimage_flags_str(uint32_t flags, char buf[4]);

#endif
