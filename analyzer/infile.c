#include "infile.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int infile_open(const char *path, struct stat *st, int *errnum)
{
	/* O_NONBLOCK: opening a FIFO for reading returns at once instead of
	 * waiting for a writer, and fstat then refuses it before anything
	 * reads from it.  O_NOCTTY: a terminal never becomes the run's
	 * controlling terminal.  On a regular file neither changes a read. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	*errnum = 0;
	if (fd < 0) {
		*errnum = errno;
		return -1;
	}
	if (fstat(fd, st) != 0) {
		*errnum = errno;
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return -1;
	}
	return fd;
}

const char *infile_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "a special file";
}
