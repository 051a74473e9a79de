#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool outfile_open(outfile *o, const char *dest, vl_error *err)
{
	struct stat st;
	mode_t mode, mask;
	int fd;

	memset(o, 0, sizeof(*o));
	if (!dest || strcmp(dest, "-") == 0) {
		o->f = stdout;
		return true;
	}
	o->dest = strdup(dest);
	const char *slash = strrchr(dest, '/');
	int dirlen = slash ? (int)(slash - dest + 1) : 0;
	if (!o->dest || asprintf(&o->tmp, "%.*s.%s.vaslint-XXXXXX", dirlen,
				 dest, dest + dirlen) < 0) {
		free(o->dest);
		o->tmp = NULL;
		return vl_fail(err, dest, 0, 0, "out of memory");
	}
	if (stat(dest, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			outfile_abort(o);
			return vl_fail(err, dest, 0, 0,
				       "is a directory: give a file name");
		}
		if (!S_ISREG(st.st_mode)) {
			/* /dev/null, a terminal, a pipe: nothing to replace,
			 * so write to it as it is. */
			free(o->tmp);
			o->tmp = NULL;
			o->f = fopen(dest, "w");
			if (!o->f) {
				int e = errno;
				outfile_abort(o);
				return vl_fail(err, dest, 0, 0,
					       "cannot write: %s", strerror(e));
			}
			return true;
		}
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		int e = errno;
		free(o->tmp);
		o->tmp = NULL;
		outfile_abort(o);
		return vl_fail(err, dest, 0, 0,
			       "cannot create a file beside it: %s",
			       strerror(e));
	}
	if (fchmod(fd, mode) != 0 || !(o->f = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		outfile_abort(o);
		return vl_fail(err, dest, 0, 0, "cannot write: %s",
			       strerror(e));
	}
	return true;
}

bool outfile_commit(outfile *o, vl_error *err)
{
	bool ok;
	int e = 0;

	if (!o->tmp) {
		ok = fflush(o->f) == 0 && !ferror(o->f);
		if (!ok)
			vl_fail(err, o->dest ? o->dest : "<stdout>", 0, 0,
				"cannot write: %s", strerror(errno));
		if (o->f != stdout && fclose(o->f) != 0 && ok)
			ok = vl_fail(err, o->dest, 0, 0, "cannot write: %s",
				     strerror(errno));
		o->f = NULL;
		free(o->dest);
		o->dest = NULL;
		return ok;
	}
	ok = fflush(o->f) == 0 && !ferror(o->f) && fsync(fileno(o->f)) == 0;
	if (!ok)
		e = errno;
	if (fclose(o->f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	o->f = NULL;
	if (ok && rename(o->tmp, o->dest) != 0) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		vl_fail(err, o->dest, 0, 0, "cannot write: %s (left unchanged)",
			strerror(e));
		outfile_abort(o);
		return false;
	}
	free(o->tmp);
	free(o->dest);
	memset(o, 0, sizeof(*o));
	return true;
}

void outfile_abort(outfile *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->dest);
	memset(o, 0, sizeof(*o));
}
