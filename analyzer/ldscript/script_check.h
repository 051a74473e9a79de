/* The rows of the check table that only a linker script has: what the
 * linker itself would refuse or stop on (from the evaluation's facts and
 * the sections' ranges), what lld drops, a missing base, and what could
 * not be determined.  Each looks at every script of a space; the count of
 * findings, or -1 when memory ran out. */
#ifndef VASLINT_LDSCRIPT_SCRIPT_CHECK_H
#define VASLINT_LDSCRIPT_SCRIPT_CHECK_H

#include "diag.h"
#include "space.h"

int ls_check_errors(const space *s, vl_diags *out);
int ls_check_backwards(const space *s, vl_diags *out);
int ls_check_asserts(const space *s, vl_diags *out);
int ls_check_outside_region(const space *s, vl_diags *out);
int ls_check_region_overflow(const space *s, vl_diags *out);
int ls_check_section_overlap(const space *s, vl_diags *out);
int ls_check_portability(const space *s, vl_diags *out);
int ls_check_implicit_base(const space *s, vl_diags *out);
int ls_check_undetermined(const space *s, vl_diags *out);

#endif
