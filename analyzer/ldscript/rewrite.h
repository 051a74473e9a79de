/* Moving the image a linker script describes: the smallest edit of the
 * script's text, only the numbers that set addresses change, everything
 * else (comments, layout, other expressions) stays byte for byte. */
#ifndef VASLINT_LDSCRIPT_REWRITE_H
#define VASLINT_LDSCRIPT_REWRITE_H

#include "diag.h"
#include "ldscript/ast.h"
#include "ldscript/eval.h"

/* One replacement in the script's main buffer. */
typedef struct ls_edit {
	uint32_t offset, end; /* bytes [offset, end) of buffer 0 */
	uint64_t old_value, new_value;
	ls_loc loc;
} ls_edit;

typedef struct ls_edits {
	ls_edit *v;
	size_t n;
} ls_edits;

/* The edits that move the image by delta (new base - old base): the number
 * that sets the base (the default of SEGMENT_START, or a constant base
 * expression) and every other constant address of the image (explicit
 * section addresses and '.' assignments at or above the base).  False with
 * err when the base is not a number vaslint can change (say why). */
bool ls_plan_move(const ls_script *s, const ls_eval *ev, uint64_t new_base,
		  ls_edits *out, vl_error *err);
void ls_edits_free(ls_edits *e);

/* The main buffer with the edits applied; malloc'ed, NULL on OOM. */
char *ls_apply_edits(const ls_script *s, const ls_edits *e, size_t *len);

#endif
