/* Reading GNU ld linker scripts into an ls_script. */
#ifndef VASLINT_LDSCRIPT_PARSER_H
#define VASLINT_LDSCRIPT_PARSER_H

#include "diag.h"
#include "ldscript/ast.h"

/* Limits that keep a hostile script from exhausting the stack or memory.
 * The depth alone does not bound INCLUDE: 16 files that each INCLUDE the
 * next four times expand to 4^16 copies.  So a script also reads at most
 * LS_MAX_INCLUDES files through INCLUDE and LS_MAX_SCRIPT_BYTES in all,
 * the main file and every INCLUDE counted each time it is read: as much
 * as one file may have, so INCLUDE cannot make a script cost more than a
 * file of the same size. */
#define LS_MAX_INCLUDE_DEPTH 16
#define LS_MAX_NESTING	     256 /* braces, parentheses, expressions */
#define LS_MAX_FILE_BYTES    (64u << 20)
#define LS_MAX_SCRIPT_BYTES  (64u << 20)
#define LS_MAX_INCLUDES	     1024

typedef struct ls_parse_opts {
	/* Where INCLUDE looks after the including file's directory and the
	 * working directory (ld's -L). */
	const char *const *include_dirs;
	size_t ninclude_dirs;
} ls_parse_opts;

/* Parse a script file (and what it INCLUDEs).  False with err: file,
 * line, column, what was found and what was expected. */
bool ls_parse_file(const char *path, const ls_parse_opts *opts, ls_script *out,
		   vl_error *err);

/* The same for text already in memory; name is used in locations.  The
 * text is copied. */
bool ls_parse_text(const char *name, const char *text, size_t len,
		   const ls_parse_opts *opts, ls_script *out, vl_error *err);

#endif
