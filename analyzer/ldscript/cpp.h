/* Linker scripts that their build runs through the C preprocessor (Linux
 * vmlinux.lds.S, u-boot, seL4, Zephyr, coreboot). */
#ifndef VASLINT_LDSCRIPT_CPP_H
#define VASLINT_LDSCRIPT_CPP_H

#include "ldscript/parser.h"

/* Preprocess path the way such builds do: the compiler command
 * cc[0, ncc) (the program and its leading arguments, from $CC through
 * ccopts_command; "cc" when ncc is 0), -E -x c, with -D__ASSEMBLY__
 * -DLINKER_SCRIPT and flags[0, nflags), each one argument word (ccopts.h
 * makes them); keep the line markers, and parse the result: every
 * location names the original file and line.  The preprocessor runs with
 * an argument vector, never through a shell. */
bool ls_cpp_parse(const char *path, char *const *cc, size_t ncc,
		  char *const *flags, size_t nflags, const ls_parse_opts *opts,
		  ls_script *out, vl_error *err);

#endif
