/* The VMM's own image against its guest shadow: a program linked where the
 * shadow goes cannot reserve it, so it looks before it tries and names
 * both ranges and the fix. */
#ifndef VMM_SELFCHECK_H
#define VMM_SELFCHECK_H

#include <stdint.h>

typedef struct selfcheck_conflict {
	const char *object;  /* the loaded object ("" is the program) */
	uint64_t start, end; /* its loaded span, page-rounded */
} selfcheck_conflict;

/* The first loaded object (program or shared library, as dl_iterate_phdr
 * lists them) with a segment in [start, end); 0 when none has, 1 with *c
 * filled in when one has. */
int selfcheck_overlap(uint64_t start, uint64_t end, selfcheck_conflict *c);

#endif
