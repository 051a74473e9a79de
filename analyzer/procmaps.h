/* A process's mappings as Linux lists them in /proc/PID/maps: the
 * run-time view of an address space, read from a live process (--pid) or
 * a saved copy (--maps FILE). */
#ifndef VASLINT_PROCMAPS_H
#define VASLINT_PROCMAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "range.h"

typedef struct procmap {
	va_range range;
	char perms[5];	 /* "r-xp": read, write, execute, private/shared */
	uint64_t offset; /* into the file */
	uint64_t inode;	 /* 0: not a file */
	char *path;	 /* "/usr/bin/cat", "[heap]", "" for anonymous */
	unsigned line;	 /* in the maps file, 1-based */
} procmap;

typedef struct procmaps {
	char *path; /* the maps file as given */
	procmap *v;
	size_t n, cap;
} procmaps;

/* Most mappings a process may have (vm.max_map_count's default is
 * 65,530); a file with more is refused. */
#define PROCMAPS_MAX 1048576

/* Read a maps file; false with err (file:line:col) on a line that is not
 * "START-END PERMS OFFSET DEV INODE [PATH]", on ranges that are empty,
 * out of order or overlapping, and on a file that is not a regular file or
 * /proc entry. */
bool procmaps_read(const char *path, procmaps *out, vl_error *err);
/* Append a copy of m (which gives up its path to the list); false when
 * out of memory, m untouched. */
bool procmaps_push(procmaps *out, const procmap *m);
void procmaps_free(procmaps *m);

/* Anonymous memory: no file behind it (also [heap], [stack] are not:
 * those are the kernel's named areas), or a memfd. */
bool procmap_anonymous(const procmap *m);
/* No access at all ("---p"): a reservation. */
bool procmap_no_access(const procmap *m);
/* Mapped by the kernel for every process and outside what the layout
 * describes: [vsyscall]. */
bool procmap_kernel(const procmap *m);

#endif
