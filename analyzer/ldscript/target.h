/* The machine a linker script names: OUTPUT_FORMAT's BFD target
 * ("elf64-x86-64", "elf32-i386") or OUTPUT_ARCH's architecture
 * ("i386:x86-64", "aarch64").  Checked against the layout's machines as an
 * ELF image's e_machine is. */
#ifndef VASLINT_LDSCRIPT_TARGET_H
#define VASLINT_LDSCRIPT_TARGET_H

#include <stdbool.h>
#include <stdint.h>

#include "ldscript/ast.h"

typedef struct ls_target {
	uint16_t machine;    /* EM_* */
	int elfclass;	     /* ELFCLASS32 or ELFCLASS64; 0: the name allows
				either (OUTPUT_ARCH(riscv)) */
	const char *keyword; /* "OUTPUT_FORMAT" or "OUTPUT_ARCH" */
	const char *name;    /* the argument that names it */
	ls_loc loc;	     /* the command */
} ls_target;

/* The machines the script's top-level OUTPUT_FORMAT (its default target)
 * and OUTPUT_ARCH commands name, in script order, into out[0, max); names
 * vaslint does not know are left out.  Returns how many. */
size_t ls_script_targets(const ls_script *s, ls_target *out, size_t max);

#endif
