/* Opening an input file without ever blocking on it.
 *
 * Every reader (ELF images, linker scripts and what they INCLUDE, layouts,
 * request files, rule sets) reads regular files only.  A FIFO opened for
 * reading waits for a writer that never comes, and a device such as
 * /dev/zero never ends; either, named by mistake or swapped in behind a
 * path, would hang the run.  So the file is opened non-blocking and
 * checked on the descriptor, which is the file that will be read. */
#ifndef VASLINT_INFILE_H
#define VASLINT_INFILE_H

#include <sys/stat.h>

/* Open path read-only when it is a regular file (a symbolic link to one
 * is one): the descriptor, and its fstat in *st.  -1 otherwise: *errnum
 * is why open or fstat failed, or 0 when the file exists but is not a
 * regular file, and st_mode in *st says what it is (infile_kind). */
int infile_open(const char *path, struct stat *st, int *errnum);

/* "a FIFO", "a character device", "a directory", ...: what a file that is
 * not a regular file is, for messages ("is a FIFO, not a regular file"). */
const char *infile_kind(mode_t mode);

#endif
