/* GNU ld's built-in default linker script for a machine, as
 * `ld -m EMULATION --verbose` prints it between two lines of '='. */
#ifndef VASLINT_LDSCRIPT_DEFAULTS_H
#define VASLINT_LDSCRIPT_DEFAULTS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* ld's emulation for an ELF e_machine (elf_x86_64 for 0 and unknown). */
const char *ls_emulation_for(uint16_t machine);

/* The default script of GNU ld for the machine, malloc'ed, its length in
 * *len; NULL with err when ld cannot be run or prints none.  The linker is
 * ld_cmd[0, nld) when given (--ld or $LD through ccopts_command: the
 * program, then "-m" "EMULATION" when the user gave one, which replaces
 * the machine's), else the machine's cross ld where one is installed,
 * else ld; it is run with an argument vector, never through a shell, and
 * with -z separate-code (separate_code > 0) or -z noseparate-code (< 0)
 * when given, which change the script. */
char *ls_default_script(uint16_t machine, char *const *ld_cmd, size_t nld,
			int separate_code, size_t *len, vl_error *err);

/* The default script as fix writes it: every line that uses SEGMENT_START
 * gets a comment above it that allows the lld-portability warning about
 * the segment name, with the reason.  Malloc'ed; NULL when memory ran
 * out. */
char *ls_default_annotate(const char *text);

#endif
