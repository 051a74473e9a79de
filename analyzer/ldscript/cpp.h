/* Linker scripts that their build runs through the C preprocessor (Linux
 * vmlinux.lds.S, u-boot, seL4, Zephyr, coreboot). */
#ifndef VASLINT_LDSCRIPT_CPP_H
#define VASLINT_LDSCRIPT_CPP_H

#include "ldscript/parser.h"

/* Preprocess path the way such builds do ($CC or cc, -E -x c, with
 * -D__ASSEMBLY__ -DLINKER_SCRIPT and the words of flags), keep the line
 * markers, and parse the result: every location names the original file
 * and line. */
bool ls_cpp_parse(const char *path, const char *flags,
		  const ls_parse_opts *opts, ls_script *out, vl_error *err);

/* The preprocessor flags (-D, -U, -I, -include, -isystem, -iquote) that
 * dir/compile_commands.json gives for path, relative include folders made
 * absolute; malloc'ed (empty when path has no entry), NULL with err when
 * the database cannot be read. */
char *ls_cpp_flags_from_db(const char *dir, const char *path, vl_error *err);

#endif
