/* Finding memory requests in C and C++ sources with libclang: calls that
 * an API rule set names (rules/NAME.yaml: Genode's Region_map::attach and
 * friends, POSIX mmap and friends) become requests, their arguments
 * evaluated where they are constants and marked unknown where not. */
#ifndef VASLINT_SOURCE_H
#define VASLINT_SOURCE_H

#include "diag.h"
#include "requests.h"

struct api_rules; /* apirules.h */

typedef struct source_opts {
	const struct api_rules *rules;
	const char *compdb_dir;	  /* -p DIR: compile_commands.json's folder */
	const char *resource_dir; /* clang's resource dir; NULL: find it */
	unsigned jobs;		  /* worker count, 1 or more */
	bool progress;		  /* a progress line on stderr */
} source_opts;

/* Scan the files (or, with no files and a compdb_dir, every file in the
 * database) and append what the rules match to out, in a stable order:
 * by file, line, column.  Parse problems of a file are summarised once as
 * a note (count, first error) in notes; the calls that did resolve are
 * still reported.  False with err only when the scan could not be done
 * at all (no libclang resource dir with stddef.h, an unreadable database,
 * a file that does not exist). */
bool source_scan(const source_opts *o, char **files, size_t nfiles,
		 requests *out, vl_diags *notes, vl_error *err);

#endif
