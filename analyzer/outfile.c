#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/xattr.h>
#include <unistd.h>

/* Linux's limit on symlinks followed in one lookup (MAXSYMLINKS). */
#define MAX_LINK_HOPS 40
/* How much of a file is compared or copied at a time. */
#define CHUNK (64 * 1024)

/* The temporaries a signal removes before the process dies.  The slots
 * change only with the signals blocked, so the handler never sees half a
 * change; a slot points at its owner's path, which outlives the slot. */
enum { TEMP_SLOTS = 4 };
static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define NFATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))
static const char *volatile temps[TEMP_SLOTS];
static size_t ntemps;
static struct sigaction saved[NFATAL];

static void remove_temps_and_die(int sig)
{
	struct sigaction dfl = {.sa_handler = SIG_DFL};

	for (size_t i = 0; i < TEMP_SLOTS; i++)
		if (temps[i])
			unlink(temps[i]);
	/* Die of the signal as if it had never been caught: the parent
	 * sees the same status.  It is blocked in here and strikes as soon
	 * as the handler returns. */
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	raise(sig);
}

static void block_fatal(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < NFATAL; i++)
		sigaddset(&set, fatal_signals[i]);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

static void restore_mask(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* A signal the caller ignores (nohup's SIGHUP) stays ignored. */
static void install_handlers(void)
{
	struct sigaction sa = {.sa_handler = remove_temps_and_die};

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NFATAL; i++)
		sigaddset(&sa.sa_mask, fatal_signals[i]);
	for (size_t i = 0; i < NFATAL; i++)
		if (sigaction(fatal_signals[i], NULL, &saved[i]) == 0 &&
		    saved[i].sa_handler != SIG_IGN)
			sigaction(fatal_signals[i], &sa, NULL);
}

static void restore_handlers(void)
{
	for (size_t i = 0; i < NFATAL; i++)
		if (saved[i].sa_handler != SIG_IGN)
			sigaction(fatal_signals[i], &saved[i], NULL);
}

int outfile_temp_create(char *tmpl)
{
	sigset_t old;
	size_t slot = 0;
	int fd, e;

	block_fatal(&old);
	while (slot < TEMP_SLOTS && temps[slot])
		slot++;
	if (slot == TEMP_SLOTS) {
		restore_mask(&old);
		errno = EMFILE;
		return -1;
	}
	fd = mkostemp(tmpl, O_CLOEXEC);
	e = errno;
	if (fd >= 0) {
		temps[slot] = tmpl;
		if (ntemps++ == 0)
			install_handlers();
	}
	restore_mask(&old);
	errno = e;
	return fd;
}

void outfile_temp_release(const char *path)
{
	sigset_t old;

	block_fatal(&old);
	for (size_t i = 0; i < TEMP_SLOTS; i++)
		if (temps[i] == path) {
			temps[i] = NULL;
			if (--ntemps == 0)
				restore_handlers();
		}
	restore_mask(&old);
}

/* The folder part of path: "." for a bare name. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* The text of the symlink at path (hint: its lstat size); NULL with errno. */
static char *read_link(const char *path, off_t hint)
{
	size_t size = hint > 0 ? (size_t)hint + 1 : 256;

	for (;;) {
		char *buf = malloc(size);
		ssize_t n;
		if (!buf)
			return NULL;
		n = readlink(path, buf, size);
		if (n >= 0 && (size_t)n < size) {
			buf[n] = '\0';
			return buf;
		}
		free(buf);
		if (n < 0)
			return NULL;
		size *= 2;
	}
}

static bool in_proc(const char *dir)
{
	struct statfs fs;

	return statfs(dir, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC;
}

/* dest with the symlinks of its last part followed: the file a write
 * changes, and beside which its temporary goes.  A link in /proc
 * (/dev/stdout leads to /proc/self/fd/1) names a descriptor the process
 * holds, not a path to replace: the walk stops there and *proc is set. */
static char *follow_links(const char *dest, bool *proc, vl_error *err)
{
	char *path = strdup(dest);

	*proc = false;
	for (int hops = 0; path; hops++) {
		struct stat st;
		char *dir, *link, *next = NULL;
		int e;

		if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
			return path;
		if (!(dir = dir_of(path)))
			break;
		if (in_proc(dir)) {
			free(dir);
			*proc = true;
			return path;
		}
		link = hops < MAX_LINK_HOPS ? read_link(path, st.st_size)
					    : (errno = ELOOP, NULL);
		if (link)
			next = link[0] == '/'
				   ? strdup(link)
				   : vl_strprintf("%s/%s", dir, link);
		e = errno;
		free(link);
		free(dir);
		free(path);
		if (!next && e != ENOMEM) {
			vl_fail(err, dest, 0, 0, "cannot write: %s",
				strerror(e));
			return NULL;
		}
		path = next;
	}
	free(path);
	vl_fail_oom(err);
	return NULL;
}

static const char *kind_of(const struct stat *st, bool proc)
{
	if (S_ISCHR(st->st_mode))
		return "a character device";
	if (S_ISBLK(st->st_mode))
		return "a block device";
	if (S_ISFIFO(st->st_mode))
		return "a pipe";
	if (S_ISSOCK(st->st_mode))
		return "a socket";
	if (proc)
		return "an open file reached through /proc";
	return "not a regular file";
}

/* What dest is now, links followed, and whether it may be written. */
static bool judge(const char *dest, unsigned flags, char **target, bool *proc,
		  bool *exists, struct stat *st, vl_error *err)
{
	*target = follow_links(dest, proc, err);
	if (!*target)
		return false;
	*exists = stat(*target, st) == 0;
	if (!*exists &&
	    (errno != ENOENT || *proc || (flags & OUTFILE_IN_PLACE))) {
		vl_fail(err, dest, 0, 0, "cannot write: %s", strerror(errno));
		goto bad;
	}
	if (*exists && S_ISDIR(st->st_mode)) {
		vl_fail(err, dest, 0, 0, "is a directory: give a file name");
		goto bad;
	}
	if ((flags & OUTFILE_IN_PLACE) && (*proc || !S_ISREG(st->st_mode))) {
		vl_fail(err, dest, 0, 0,
			"-i edits only a regular file, and this is %s: "
			"without -i the result goes to stdout",
			kind_of(st, *proc));
		goto bad;
	}
	return true;
bad:
	free(*target);
	*target = NULL;
	return false;
}

bool outfile_check(const char *dest, unsigned flags, vl_error *err)
{
	char *target;
	bool proc, exists;
	struct stat st;

	if (!dest || strcmp(dest, "-") == 0)
		return true;
	if (!judge(dest, flags, &target, &proc, &exists, &st, err))
		return false;
	free(target);
	return true;
}

/* A device, FIFO, socket or open descriptor: there is nothing to replace,
 * and a rename would put a regular file where the special one was. */
static bool open_direct(outfile *o, bool proc, vl_error *err)
{
	struct stat out;
	int fd;

	/* /dev/stdout is our own stdout: written through it, a shell's >>
	 * keeps appending. */
	if (proc && fstat(STDOUT_FILENO, &out) == 0 &&
	    out.st_dev == o->old.st_dev && out.st_ino == o->old.st_ino) {
		o->f = stdout;
		return true;
	}
	fd = open(o->target, O_WRONLY | O_NOCTTY | O_CLOEXEC |
				 (S_ISREG(o->old.st_mode) ? O_TRUNC : 0));
	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		vl_fail(err, o->dest, 0, 0, "cannot write: %s", strerror(e));
		outfile_abort(o);
		return false;
	}
	return true;
}

/* A temporary beside the target: .NAME.vaslint-XXXXXX, or .vaslint-XXXXXX
 * where NAME is too long for that to be a legal file name. */
static int make_temp(outfile *o)
{
	const char *slash = strrchr(o->target, '/');
	int dirlen = slash ? (int)(slash - o->target + 1) : 0;
	int fd = -1, e;

	for (int shortname = 0; shortname < 2; shortname++) {
		o->tmp =
		    shortname
			? vl_strprintf("%.*s.vaslint-XXXXXX", dirlen, o->target)
			: vl_strprintf("%.*s.%s.vaslint-XXXXXX", dirlen,
				       o->target, o->target + dirlen);
		if (!o->tmp) {
			errno = ENOMEM;
			return -1;
		}
		fd = outfile_temp_create(o->tmp);
		if (fd >= 0 || errno != ENAMETOOLONG)
			break;
		free(o->tmp);
		o->tmp = NULL;
	}
	if (fd < 0) {
		e = errno;
		free(o->tmp);
		o->tmp = NULL;
		errno = e;
	}
	return fd;
}

static mode_t new_file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

bool outfile_open(outfile *o, const char *dest, unsigned flags, vl_error *err)
{
	bool proc;
	int fd;

	memset(o, 0, sizeof(*o));
	if (!dest || strcmp(dest, "-") == 0) {
		o->f = stdout;
		return true;
	}
	if (!(o->dest = strdup(dest)))
		return vl_fail_oom(err);
	if (!judge(dest, flags, &o->target, &proc, &o->exists, &o->old, err)) {
		outfile_abort(o);
		return false;
	}
	if (proc || (o->exists && !S_ISREG(o->old.st_mode)))
		return open_direct(o, proc, err);
	fd = make_temp(o);
	if (fd < 0) {
		int e = errno;
		outfile_abort(o);
		return vl_fail(err, dest, 0, 0,
			       "cannot create a file beside it: %s",
			       strerror(e));
	}
	/* An existing file's mode comes with its owner at the commit. */
	if ((!o->exists && fchmod(fd, new_file_mode()) != 0) ||
	    !(o->f = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		outfile_abort(o);
		return vl_fail(err, dest, 0, 0, "cannot write: %s",
			       strerror(e));
	}
	return true;
}

/* n bytes at off, all of them; false at an error or an early end. */
static bool read_at(int fd, char *buf, size_t n, off_t off)
{
	while (n) {
		ssize_t got = pread(fd, buf, n, off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		buf += got;
		n -= (size_t)got;
		off += got;
	}
	return true;
}

static bool write_at(int fd, const char *buf, size_t n, off_t off)
{
	while (n) {
		ssize_t put = pwrite(fd, buf, n, off);
		if (put < 0 && errno == EINTR)
			continue;
		if (put < 0)
			return false;
		buf += put;
		n -= (size_t)put;
		off += put;
	}
	return true;
}

/* Whether the file at path holds what fd holds, byte for byte. */
static bool same_contents(const char *path, int fd)
{
	struct stat a, b;
	char *x = NULL, *y = NULL;
	int old = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
	bool same = old >= 0 && fstat(old, &a) == 0 && fstat(fd, &b) == 0 &&
		    a.st_size == b.st_size && (x = malloc(CHUNK)) &&
		    (y = malloc(CHUNK));

	for (off_t off = 0; same && off < b.st_size;) {
		size_t n =
		    b.st_size - off < CHUNK ? (size_t)(b.st_size - off) : CHUNK;
		same = read_at(old, x, n, off) && read_at(fd, y, n, off) &&
		       memcmp(x, y, n) == 0;
		off += (off_t)n;
	}
	free(x);
	free(y);
	if (old >= 0)
		close(old);
	return same;
}

/* The names of the extended attributes of path (or of fd, path NULL),
 * each NUL-terminated, in *names: their total length, or -1 with errno.
 * A file system without them has none. */
static ssize_t xattr_names(const char *path, int fd, char **names)
{
	*names = NULL;
	for (;;) {
		ssize_t len =
		    path ? listxattr(path, NULL, 0) : flistxattr(fd, NULL, 0);
		ssize_t got;
		char *buf;
		if (len < 0)
			return errno == ENOTSUP ? 0 : -1;
		if (len == 0)
			return 0;
		if (!(buf = malloc((size_t)len)))
			return -1;
		got = path ? listxattr(path, buf, (size_t)len)
			   : flistxattr(fd, buf, (size_t)len);
		if (got >= 0) {
			*names = buf;
			return got;
		}
		free(buf);
		/* ERANGE: one was added since the size was asked. */
		if (errno != ERANGE)
			return -1;
	}
}

/* The value of path's attribute name, malloc'ed, its size in *size; NULL
 * with errno. */
static char *xattr_value(const char *path, const char *name, size_t *size)
{
	for (;;) {
		ssize_t len = getxattr(path, name, NULL, 0), got;
		char *buf;
		if (len < 0 || !(buf = malloc(len ? (size_t)len : 1)))
			return NULL;
		got = getxattr(path, name, buf, (size_t)len);
		if (got >= 0) {
			*size = (size_t)got;
			return buf;
		}
		free(buf);
		if (errno != ERANGE)
			return NULL;
	}
}

static bool has_name(const char *names, ssize_t len, const char *name)
{
	for (ssize_t i = 0; i < len; i += (ssize_t)strlen(names + i) + 1)
		if (strcmp(names + i, name) == 0)
			return true;
	return false;
}

/* Every extended attribute of the target onto fd: user.* ones, the POSIX
 * ACLs (system.posix_acl_access), security labels.  The ones fd got on
 * its own and the target lacks (the folder's default ACL) go again, but
 * for those the file system or a security module keeps for itself. */
static bool copy_xattrs(const outfile *o, int fd, vl_error *err)
{
	char *names, *mine = NULL;
	ssize_t len = xattr_names(o->target, -1, &names), mlen;
	bool ok = true;

	if (len < 0)
		return vl_fail(err, o->dest, 0, 0,
			       "cannot read its extended attributes: %s (left "
			       "unchanged)",
			       strerror(errno));
	for (ssize_t i = 0; ok && i < len;
	     i += (ssize_t)strlen(names + i) + 1) {
		size_t size = 0;
		char *value = xattr_value(o->target, names + i, &size);
		if (!value || fsetxattr(fd, names + i, value, size, 0) != 0)
			ok = vl_fail(err, o->dest, 0, 0,
				     "cannot give the new file its extended "
				     "attribute %s: %s (left unchanged)",
				     names + i, strerror(errno));
		free(value);
	}
	mlen = ok ? xattr_names(NULL, fd, &mine) : 0;
	for (ssize_t i = 0; i < mlen; i += (ssize_t)strlen(mine + i) + 1) {
		const char *name = mine + i;
		if (has_name(names, len, name) || fremovexattr(fd, name) == 0 ||
		    (strncmp(name, "user.", 5) != 0 &&
		     strncmp(name, "system.posix_acl_", 17) != 0))
			continue;
		ok =
		    vl_fail(err, o->dest, 0, 0,
			    "cannot take the extended attribute %s off the new "
			    "file: %s (left unchanged)",
			    name, strerror(errno));
		break;
	}
	free(names);
	free(mine);
	return ok;
}

/* The temporary becomes the file: it takes the old one's owner and group,
 * its extended attributes, then its mode (chown clears set-user-ID bits,
 * an ACL sets the group bits).  Whatever cannot be carried over stops the
 * write: the file would lose it. */
static bool keep_metadata(const outfile *o, int fd, vl_error *err)
{
	const struct stat *st = &o->old;
	struct stat now;

	if (fstat(fd, &now) != 0)
		return vl_fail(err, o->dest, 0, 0, "cannot write: %s",
			       strerror(errno));
	if ((now.st_uid != st->st_uid || now.st_gid != st->st_gid) &&
	    fchown(fd, st->st_uid, st->st_gid) != 0)
		return vl_fail(err, o->dest, 0, 0,
			       "cannot give the new file the owner and group "
			       "of the old one (uid %u, gid %u): %s (left "
			       "unchanged)",
			       (unsigned)st->st_uid, (unsigned)st->st_gid,
			       strerror(errno));
	if (!copy_xattrs(o, fd, err))
		return false;
	if (fchmod(fd, st->st_mode & 07777) != 0)
		return vl_fail(err, o->dest, 0, 0,
			       "cannot give the new file the mode %o of the "
			       "old one: %s (left unchanged)",
			       (unsigned)(st->st_mode & 07777),
			       strerror(errno));
	return true;
}

static void outfile_clear(outfile *o)
{
	free(o->tmp);
	free(o->target);
	free(o->dest);
	memset(o, 0, sizeof(*o));
}

/* Several hard links name the file: a rename would split them, the others
 * keeping the old text.  The new text, complete in the temporary, is
 * copied into the file itself instead, with the signals held off so that
 * no copy stops half way.  Room for it is claimed first, so a full disk
 * stops the write before the file is touched. */
static bool commit_in_place(outfile *o, vl_error *err)
{
	int from = fileno(o->f), to, e = 0;
	char *buf = NULL;
	struct stat st;
	sigset_t mask;
	bool ok;

	if (fsync(from) != 0 || fstat(from, &st) != 0 ||
	    (to = open(o->target, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0) {
		vl_fail(err, o->dest, 0, 0, "cannot write: %s (left unchanged)",
			strerror(errno));
		outfile_abort(o);
		return false;
	}
	if (fallocate(to, FALLOC_FL_KEEP_SIZE, 0, st.st_size) != 0 &&
	    (errno == ENOSPC || errno == EFBIG || errno == EDQUOT)) {
		vl_fail(err, o->dest, 0, 0, "cannot write: %s (left unchanged)",
			strerror(errno));
		close(to);
		outfile_abort(o);
		return false;
	}
	block_fatal(&mask);
	ok = (buf = malloc(CHUNK)) != NULL;
	for (off_t off = 0; ok && off < st.st_size;) {
		size_t n = st.st_size - off < CHUNK ? (size_t)(st.st_size - off)
						    : CHUNK;
		ok = read_at(from, buf, n, off) && write_at(to, buf, n, off);
		off += (off_t)n;
	}
	ok = ok && ftruncate(to, st.st_size) == 0 && fsync(to) == 0;
	e = errno;
	if (close(to) != 0 && ok) {
		ok = false;
		e = errno;
	}
	free(buf);
	/* Cut short, the file has lost its old text: the temporary keeps the
	 * whole new one. */
	if (ok)
		unlink(o->tmp);
	outfile_temp_release(o->tmp);
	restore_mask(&mask);
	fclose(o->f);
	if (!ok)
		vl_fail(err, o->dest, 0, 0,
			"cannot write: %s; it may be cut short, and its whole "
			"new text is in %s",
			strerror(e), o->tmp);
	outfile_clear(o);
	return ok;
}

static bool commit_direct(outfile *o, vl_error *err)
{
	bool ok = fflush(o->f) == 0 && !ferror(o->f);
	int e = errno;

	if (o->f != stdout && fclose(o->f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	o->f = NULL;
	if (!ok && o->dest)
		vl_fail(err, o->dest, 0, 0, "cannot write: %s", strerror(e));
	else if (!ok)
		vl_fail(err, NULL, 0, 0, "cannot write the output: %s",
			strerror(e));
	outfile_clear(o);
	return ok;
}

bool outfile_commit(outfile *o, vl_error *err)
{
	int fd, e = 0;
	sigset_t mask;
	bool ok;

	if (!o->tmp)
		return commit_direct(o, err);
	fd = fileno(o->f);
	if (fflush(o->f) != 0 || ferror(o->f)) {
		vl_fail(err, o->dest, 0, 0, "cannot write: %s (left unchanged)",
			strerror(errno));
		outfile_abort(o);
		return false;
	}
	/* Nothing new: the file keeps its inode and its time, and a build
	 * that depends on it does not run again. */
	if (o->exists && same_contents(o->target, fd)) {
		outfile_abort(o);
		return true;
	}
	if (o->exists && o->old.st_nlink > 1)
		return commit_in_place(o, err);
	if (o->exists && !keep_metadata(o, fd, err)) {
		outfile_abort(o);
		return false;
	}
	ok = fsync(fd) == 0;
	if (!ok)
		e = errno;
	if (fclose(o->f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	o->f = NULL;
	block_fatal(&mask);
	if (ok && rename(o->tmp, o->target) != 0) {
		ok = false;
		e = errno;
	}
	if (ok)
		outfile_temp_release(o->tmp);
	restore_mask(&mask);
	if (!ok) {
		vl_fail(err, o->dest, 0, 0, "cannot write: %s (left unchanged)",
			strerror(e));
		outfile_abort(o);
		return false;
	}
	outfile_clear(o);
	return true;
}

void outfile_abort(outfile *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	if (o->tmp) {
		unlink(o->tmp);
		outfile_temp_release(o->tmp);
	}
	outfile_clear(o);
}

bool outfile_not_input(const char *dest, const char *input, vl_error *err)
{
	struct stat d, in;

	if (!dest || strcmp(dest, "-") == 0 || !input || stat(dest, &d) != 0 ||
	    stat(input, &in) != 0)
		return true;
	/* /dev/null in and out is no loss. */
	if (d.st_dev != in.st_dev || d.st_ino != in.st_ino ||
	    S_ISCHR(d.st_mode))
		return true;
	return vl_fail(err, dest, 0, 0,
		       "is an input of this run too (%s): writing it would "
		       "destroy it; give -o another file",
		       input);
}
