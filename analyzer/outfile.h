/* Writing an output file (-o) or editing one in place (fix -i) so that the
 * user never loses a file, nor gets a half-written one:
 *
 * - stdout, a device, a FIFO or a socket, and an open descriptor named
 *   through /proc (/dev/stdout, /dev/fd/N), are written to directly;
 * - a symbolic link is followed: the file it names changes, the link stays;
 * - a regular file gets a temporary beside it, written in full first.
 *   Identical contents leave the file untouched.  Otherwise the temporary
 *   takes the file's owner, group, mode and extended attributes (POSIX
 *   ACLs are one) and is renamed into place; a file with several hard
 *   links instead gets the new contents copied into it, so that every
 *   link keeps seeing it;
 * - SIGINT, SIGTERM and SIGHUP remove the temporary before the process
 *   dies of them. */
#ifndef VASLINT_OUTFILE_H
#define VASLINT_OUTFILE_H

#include <stdio.h>
#include <sys/stat.h>

#include "diag.h"

typedef struct outfile {
	FILE *f;      /* write the output here */
	char *dest;   /* the path as given, for messages; NULL: stdout */
	char *target; /* dest with its symlinks followed: what changes */
	char *tmp;    /* the temporary beside target; NULL: written directly */
	bool exists;  /* target was there before: old is what it was */
	struct stat old;
} outfile;

enum {
	/* fix -i: dest must be an existing regular file. */
	OUTFILE_IN_PLACE = 1,
};

/* Whether dest can be written (OUTFILE_IN_PLACE: edited), judged from what
 * it is now, before any work: false with err for a directory and, in
 * place, for anything but a regular file.  Creates nothing. */
bool outfile_check(const char *dest, unsigned flags, vl_error *err);
/* dest NULL or "-" writes to stdout. */
bool outfile_open(outfile *o, const char *dest, unsigned flags, vl_error *err);
/* Flush and put the output in place; on failure the destination is as it
 * was and the temporary file is gone. */
bool outfile_commit(outfile *o, vl_error *err);
/* Throw the output away: the destination stays as it was. */
void outfile_abort(outfile *o);

/* False with err when dest is the file input (the same st_dev and st_ino,
 * through another path, a symlink or a hard link): writing it would
 * destroy an input of the run.  True when dest does not exist yet. */
bool outfile_not_input(const char *dest, const char *input, vl_error *err);

/* A temporary file from a mkstemp template, removed by SIGINT, SIGTERM
 * or SIGHUP until outfile_temp_release: the file descriptor, or -1 with
 * errno. */
int outfile_temp_create(char *tmpl);
/* The temporary path is no longer the signals' to remove (it was renamed,
 * removed, or is kept on purpose). */
void outfile_temp_release(const char *path);

#endif
