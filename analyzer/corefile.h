/* Core files (ET_CORE): the address space of a process at the moment it
 * was dumped, read with libelf as the mappings /proc/PID/maps would have
 * listed: each PT_LOAD with its rights, named from the NT_FILE note. */
#ifndef VASLINT_COREFILE_H
#define VASLINT_COREFILE_H

#include "diag.h"
#include "procmaps.h"

/* Read a core file's mappings; false with err when it is not a core file
 * or is damaged (its notes or program headers run past the file, counts
 * that cannot be). */
bool corefile_read(const char *path, procmaps *out, vl_error *err);

#endif
