/* Finding memory requests in C and C++ sources with libclang: calls that
 * an API rule set names (rules/NAME.yaml: Genode's Region_map::attach and
 * friends, POSIX mmap and friends) become requests, their arguments
 * evaluated where they are constants and marked unknown where not. */
#ifndef VASLINT_SOURCE_H
#define VASLINT_SOURCE_H

#include "diag.h"
#include "requests.h"

struct api_rules; /* apirules.h */

/* What one file's parse may take by default: CPU time, and memory on top
 * of what the parse process had when it began. */
#define SOURCE_PARSE_SECONDS	60
#define SOURCE_PARSE_MEMORY_MIB 2048

/* What a scan did, for the summary line of the text report. */
typedef struct source_stats {
	size_t files;	     /* handed to libclang */
	size_t requests;     /* found in them */
	size_t unknown;	     /* of those, with a size, address or offset
			      * that is unknown (a whole dataspace is not) */
	size_t parse_errors; /* files whose parse had errors, or stopped */
} source_stats;

typedef struct source_opts {
	const struct api_rules *rules;
	const char *compdb_dir;	   /* -p DIR: compile_commands.json's folder */
	const char *resource_dir;  /* clang's resource dir; NULL: find it */
	unsigned jobs;		   /* worker count, 1 or more */
	bool progress;		   /* a progress line on stderr */
	unsigned parse_seconds;	   /* 0: SOURCE_PARSE_SECONDS */
	unsigned parse_memory_mib; /* 0: SOURCE_PARSE_MEMORY_MIB */
	/* Compile flags typed by the user, each already through the
	 * allow-list (ccopts.h).  fixed (`check FILE... -- FLAGS`): the
	 * command of every file given, in place of the database, as
	 * clang-tidy takes them; extra (--extra-arg): appended to every
	 * file's flags, the database's too. */
	bool has_fixed;
	char *const *fixed;
	size_t nfixed;
	char *const *extra;
	size_t nextra;
	source_stats *stats; /* filled when not NULL */
} source_opts;

/* Scan the files (or, with no files and a compdb_dir, every file in the
 * database) and append what the rules match to out, in a stable order:
 * by file, line, column.  Parse problems of a file are summarised once as
 * a note (count, first error) in notes; the calls that did resolve are
 * still reported.  Each parse runs in a process of its own with limits:
 * a parse that crashes libclang, or reaches the memory or time limit,
 * gives one note at its file and nothing else, and the other files are
 * still scanned.  False with err only when the scan could not be done at
 * all (no libclang resource dir with stddef.h, an unreadable database, a
 * file that does not exist, no process to parse in). */
bool source_scan(const source_opts *o, char **files, size_t nfiles,
		 requests *out, vl_diags *notes, vl_error *err);

#endif
