/* Writing output files without ever leaving a half-written one: write to a
 * temporary file in the same directory, then rename it into place. */
#ifndef VASLINT_OUTFILE_H
#define VASLINT_OUTFILE_H

#include <stdio.h>

#include "diag.h"

typedef struct outfile {
	FILE *f;
	char *tmp; /* NULL for stdout */
	char *dest;
} outfile;

/* dest NULL or "-" writes to stdout. */
bool outfile_open(outfile *o, const char *dest, vl_error *err);
/* Flush, sync and rename into place; on failure the destination is as it
 * was and the temporary file is gone. */
bool outfile_commit(outfile *o, vl_error *err);
/* Throw the output away: the destination stays as it was. */
void outfile_abort(outfile *o);

#endif
