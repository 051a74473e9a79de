/* Script constructs that GNU ld accepts and lld drops, ignores or rejects. */
#ifndef VASLINT_LDSCRIPT_PORTABILITY_H
#define VASLINT_LDSCRIPT_PORTABILITY_H

#include "diag.h"
#include "ldscript/ast.h"
#include "ldscript/eval.h"

/* Append an lld-portability warning for each; the count, or -1 when
 * memory ran out. */
int ls_portability(const ls_script *s, vl_diags *out);

/* The same, and what the layout of the link (ev, evaluated with inputs;
 * may be NULL) shows: output sections GNU ld leaves out as empty that
 * lld keeps, and orphans lld places elsewhere (a warning about those
 * that follow no section of the script is at path). */
int ls_portability_link(const ls_script *s, const ls_eval *ev,
			const char *path, vl_diags *out);

#endif
