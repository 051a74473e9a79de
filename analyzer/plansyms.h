/* The symbols a plan defines in the files a program is built from: the C
 * header of `plan -f header` and the linker-script fragment of
 * `plan -f ld`.  Names become identifiers by a lossy mapping (ok-name and
 * ok_name are both OK_NAME), so two placements, or a placement and a
 * layout parameter, can come out as one symbol: the later definition
 * would silently win.  The symbols are made here, once, and checked to be
 * distinct before anything is written; the writers print this list. */
#ifndef VASLINT_PLANSYMS_H
#define VASLINT_PLANSYMS_H

#include "plan.h"

/* The identifier a name becomes: upper case, every byte other than an
 * ASCII letter or digit an '_', and an '_' before a leading digit; "" for
 * the empty name.  malloc'ed; NULL when memory runs out. */
char *plansyms_ident(const char *name);

typedef enum plansym_from {
	PLANSYM_GUARD,	   /* the header's include guard */
	PLANSYM_PARAM,	   /* layout parameter `index` */
	PLANSYM_START,	   /* placement `index`'s start */
	PLANSYM_SIZE,	   /* placement `index`'s size */
	PLANSYM_IMAGE_BASE /* placement `index`, an image: its start */
} plansym_from;

typedef struct plansym {
	char *name;
	uint64_t value; /* 0 for the guard */
	plansym_from from;
	size_t index;
} plansym;

typedef struct plansyms {
	plansym *v; /* in the order they are written */
	size_t n;
} plansyms;

/* The symbols of the C header (header true: the include guard
 * VASLINT_PLAN_<LAYOUT>_H, VASLINT_<PARAM> for every parameter of l, and
 * <NAME>_START and <NAME>_SIZE for every placement) or of the
 * linker-script fragment (<NAME>_START, <NAME>_SIZE, and IMAGE_BASE for an
 * image).  False with err (an input error) when two of them are the same
 * identifier, naming both definitions and their file:line, or when a
 * placement's name is empty; or when memory runs out.  out is empty then.
 * Free out with plansyms_free. */
bool plansyms_make(const plan *p, const layout *l, bool header, plansyms *out,
		   vl_error *err);
void plansyms_free(plansyms *s);

#endif
