/* Script constructs that GNU ld accepts and lld drops, ignores or rejects. */
#ifndef VASLINT_LDSCRIPT_PORTABILITY_H
#define VASLINT_LDSCRIPT_PORTABILITY_H

#include "diag.h"
#include "ldscript/ast.h"

/* Append an lld-portability warning for each; the count, or -1 when
 * memory ran out. */
int ls_portability(const ls_script *s, vl_diags *out);

#endif
