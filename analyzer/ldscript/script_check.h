/* What vaslint reports about a linker script, and what `map` shows of it,
 * from the script and its evaluation. */
#ifndef VASLINT_LDSCRIPT_SCRIPT_CHECK_H
#define VASLINT_LDSCRIPT_SCRIPT_CHECK_H

#include "layout.h"
#include "ldscript/ast.h"
#include "ldscript/eval.h"
#include "report/report.h"

/* Portability warnings, a missing base, what could not be determined, and
 * (with a layout) every range the script fixes against the platform.  The
 * number of findings, or -1 when memory ran out. */
int ls_check_script(const char *path, const ls_script *s, const ls_eval *ev,
		    const layout *l, vl_diags *out);

/* The extent of the image the script describes: from the base to the end
 * of the last allocated section; false when a size is not known. */
bool ls_image_extent(const ls_eval *ev, va_range *out);

/* Sections, symbols and MEMORY regions as map ranges, and what could not
 * be determined as map notes. */
bool ls_map(const ls_eval *ev, map_ranges *m);

#endif
