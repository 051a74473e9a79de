/* Child processes for work that may crash: see isolate.h.
 *
 * The protocol on each child's socket: the parent sends an item number
 * (8 bytes); the child answers with one frame (magic, item, status,
 * length, then the result's bytes) and waits for the next number; the
 * parent closing its end tells the child to finish.  What the child was
 * doing when it died (its phase) and errno at an abort() sit in a page
 * shared with the parent, which a signal handler can write safely. */
#include "isolate.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FRAME_MAGIC   0x31526c56u /* "VlR1" */
#define FRAME_HEADER  24
#define FRAME_MAX     (1ull << 30) /* a result larger than this is garbage */
#define STATUS_OK     0
#define STATUS_MEMORY 1
#define READ_CHUNK    (64u << 10)

/* What a child leaves for the parent, in memory both see. */
typedef struct iso_shared {
	volatile sig_atomic_t phase;
	volatile sig_atomic_t abort_errno; /* errno when abort() was called */
} iso_shared;

typedef struct slot {
	pid_t pid; /* 0: no child */
	int fd;	   /* the parent's end of the socket; -1: none */
	bool busy;
	size_t item;
	struct timespec end;   /* wall_seconds after the item was handed out */
	struct timespec check; /* when to look whether it still runs */
	long cpu_mark;	       /* its CPU ticks at the last look */
	wire_buf in;	       /* what the child sent so far */
} slot;

typedef struct pool {
	const iso_job *job;
	slot *s;
	unsigned n;
	iso_shared *shared; /* one per slot */
	struct pollfd *fds; /* one per slot */
	size_t next, finished;
} pool;

/* ---- In the child ------------------------------------------------------- */

#ifdef __SANITIZE_ADDRESS__
/* The sanitizer build's allocator, at the memory limit, returns NULL with
 * errno ENOMEM as libc's does, rather than ending the process with a
 * report of its own: so a parse that reaches the limit ends, and is
 * reported, the same way in both builds.  (vaslint checks every
 * allocation, so the rest of the program is no different.) */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}
#endif

static iso_shared *child_shared;
static int quiet_null = -1, quiet_saved = -1;

void iso_set_phase(unsigned phase)
{
	if (child_shared)
		child_shared->phase = (sig_atomic_t)phase;
}

void iso_quiet(bool on)
{
	if (quiet_null < 0 || quiet_saved < 0)
		return;
	fflush(stderr);
	dup2(on ? quiet_null : quiet_saved, STDERR_FILENO);
}

/* LLVM and the C++ runtime abort() when an allocation fails; errno still
 * says why when the signal arrives. */
static void on_abort(int sig)
{
	if (child_shared)
		child_shared->abort_errno = errno;
	raise(sig); /* SA_RESETHAND: the default action, after this returns */
}

static bool write_all(int fd, const void *p, size_t n)
{
	const uint8_t *c = p;

	while (n) {
		ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		c += w;
		n -= (size_t)w;
	}
	return true;
}

/* 1: got n bytes; 0: end of file before any; -1: error or cut short. */
static int read_all(int fd, void *p, size_t n)
{
	uint8_t *c = p;
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, c + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 && got == 0 ? 0 : -1;
		got += (size_t)r;
	}
	return 1;
}

static void put_le(uint8_t *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* The process's data size now (VmData: what RLIMIT_DATA counts), in
 * bytes; 0 when /proc does not say. */
static uint64_t data_size(void)
{
	char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	ssize_t n;
	uint64_t kib = 0;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	const char *p = strstr(buf, "\nVmData:");
	if (p)
		kib = strtoull(p + 8, NULL, 10);
	return kib << 10;
}

/* A soft limit of want, within the hard limit. */
static void limit(int resource, rlim_t want)
{
	struct rlimit rl;

	if (getrlimit(resource, &rl) != 0)
		return;
	rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && want > rl.rlim_max
			  ? rl.rlim_max
			  : want;
	setrlimit(resource, &rl);
}

/* The limits of one item, counted from what the process has used so
 * far, so each item gets the same. */
static void limits_for_item(const iso_limits *l)
{
	if (l->cpu_seconds) {
		struct rusage ru;
		if (getrusage(RUSAGE_SELF, &ru) == 0) {
			/* Whole seconds: the item gets cpu_seconds and up to
			 * one more. */
			uint64_t us = (uint64_t)(ru.ru_utime.tv_sec +
						 ru.ru_stime.tv_sec) *
					  1000000 +
				      (uint64_t)(ru.ru_utime.tv_usec +
						 ru.ru_stime.tv_usec);
			limit(RLIMIT_CPU, (rlim_t)((us + 999999) / 1000000 +
						   l->cpu_seconds));
		}
	}
	if (l->memory)
		limit(RLIMIT_DATA, (rlim_t)(data_size() + l->memory));
}

/* The child's process state: nothing of the parent's but what the work
 * needs.  The default action for the signals a crash raises, so the
 * parent sees the signal (not a handler of the parent's, or of a
 * sanitizer, that reports it otherwise); no core files; its own session,
 * so no terminal can block it. */
static void child_setup(const pool *p, unsigned self, pid_t parent)
{
	static const int fatal[] = {SIGSEGV, SIGBUS,  SIGILL,  SIGFPE, SIGTRAP,
				    SIGSYS,  SIGXCPU, SIGXFSZ, SIGPIPE};
	struct sigaction sa;
	int null;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	for (unsigned i = 0; i < p->n; i++)
		if (i != self && p->s[i].fd >= 0)
			close(p->s[i].fd);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		sigaction(fatal[i], &sa, NULL);
	sa.sa_handler = on_abort;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGABRT, &sa, NULL);
	setsid();
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		quiet_null = null;
		quiet_saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	}
	limit(RLIMIT_CORE, 0);
	if (p->job->limits.stack)
		limit(RLIMIT_STACK, (rlim_t)p->job->limits.stack);
}

/* The child's whole life: it ends here, never returning into the code
 * that called iso_run (that code is the parent's). */
__attribute__((noreturn)) static void child_main(const pool *p, unsigned self,
						 int fd, pid_t parent)
{
	const iso_job *job = p->job;
	void *state;
	uint8_t cmd[8], head[FRAME_HEADER];

	child_shared = &p->shared[self];
	child_setup(p, self, parent);
	state = job->start ? job->start(job->ctx) : NULL;
	while (read_all(fd, cmd, sizeof(cmd)) == 1) {
		uint64_t item = get_le(cmd, 8);
		wire_buf out = {0};
		bool ok;
		if (item >= job->n)
			_exit(1);
		child_shared->phase = 0;
		child_shared->abort_errno = 0;
		limits_for_item(&job->limits);
		ok = job->work(job->ctx, state, (size_t)item, &out);
		put_le(head, FRAME_MAGIC, 4);
		put_le(head + 4, item, 8);
		put_le(head + 12, ok ? STATUS_OK : STATUS_MEMORY, 4);
		put_le(head + 16, ok ? out.n : 0, 8);
		ok = write_all(fd, head, sizeof(head)) &&
		     write_all(fd, out.p, ok ? out.n : 0);
		wire_buf_free(&out);
		if (!ok)
			_exit(1);
	}
	if (job->end)
		job->end(job->ctx, state);
	close(fd);
	/* exit, not _exit: the sanitizer build checks the child for leaks.
	 * The parent flushed its streams before the fork, so nothing it
	 * printed is printed twice. */
	exit(0);
}

/* ---- In the parent ------------------------------------------------------ */

static struct timespec now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t;
}

static long ms_until(struct timespec t)
{
	struct timespec n = now();
	long ms = (long)(t.tv_sec - n.tv_sec) * 1000 +
		  (t.tv_nsec - n.tv_nsec) / 1000000;

	return ms < 0 ? 0 : ms;
}

static bool spawn(pool *p, unsigned i, vl_error *err)
{
	slot *s = &p->s[i];
	int sv[2];
	pid_t parent = getpid(), pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return vl_fail(err, NULL, 0, 0,
			       "cannot make a socket for a parse process: %s",
			       strerror(errno));
	fflush(NULL);
	s->fd = sv[0];
	pid = fork();
	if (pid < 0) {
		int e = errno;
		close(sv[0]);
		close(sv[1]);
		s->fd = -1;
		return vl_fail(err, NULL, 0, 0,
			       "cannot start a parse process: %s", strerror(e));
	}
	if (pid == 0) {
		close(sv[0]);
		s->fd = -1;
		child_main(p, i, sv[1], parent);
	}
	close(sv[1]);
	fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
	s->pid = pid;
	s->busy = false;
	s->in.n = 0;
	return true;
}

/* The CPU time a process has used, in clock ticks; -1 when /proc does
 * not say. */
static long cpu_ticks(pid_t pid)
{
	char path[64], buf[1024];
	unsigned long utime, stime;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	/* After the command name in parentheses (which may hold anything):
	 * state and ten numbers, then utime and stime. */
	const char *p = strrchr(buf, ')');
	if (!p || sscanf(p + 1,
			 " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
			 &utime, &stime) != 2)
		return -1;
	return (long)(utime + stime);
}

/* The child is gone, or is killed (why: ISO_WALL, ISO_IDLE, ISO_GARBLED;
 * ISO_DONE when it went by itself): reap it and say how it ended. */
static iso_outcome reap(pool *p, unsigned i, iso_end why)
{
	slot *s = &p->s[i];
	iso_shared *sh = &p->shared[i];
	iso_outcome o = {ISO_EXIT, 0, (unsigned)sh->phase};
	int status = 0;
	bool killed = why != ISO_DONE;

	if (killed)
		kill(s->pid, SIGKILL);
	close(s->fd);
	s->fd = -1;
	while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
		;
	s->pid = 0;
	if (WIFEXITED(status)) {
		o.code = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		o.code = WTERMSIG(status);
		o.end = ISO_SIGNAL;
		if (killed && o.code == SIGKILL)
			o.end = why;
		else if (o.code == SIGXCPU)
			o.end = ISO_CPU;
		else if (o.code == SIGABRT && sh->abort_errno == ENOMEM)
			o.end = ISO_MEMORY;
	}
	return o;
}

static bool finish(pool *p, unsigned i, const iso_outcome *o,
		   const uint8_t *bytes, size_t n)
{
	slot *s = &p->s[i];

	s->busy = false;
	p->finished++;
	return p->job->done(p->job->ctx, s->item, o, bytes, n);
}

/* The child died or is killed (why, as for reap): its item (if any)
 * ends with how it died. */
static bool lost(pool *p, unsigned i, iso_end why)
{
	bool busy = p->s[i].busy;
	iso_outcome o = reap(p, i, why);

	return !busy || finish(p, i, &o, NULL, 0);
}

/* Read what the child sent: a whole frame finishes its item (even when
 * the child is gone right after), the end of the stream the child. */
static bool take_input(pool *p, unsigned i)
{
	static uint8_t chunk[READ_CHUNK];
	slot *s = &p->s[i];
	bool gone = false;

	for (;;) {
		ssize_t r = read(s->fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (r <= 0) {
			gone = true;
			break;
		}
		if (!wire_put_bytes(&s->in, chunk, (size_t)r))
			return false;
	}
	if (s->in.n >= FRAME_HEADER) {
		uint64_t len = get_le(s->in.p + 16, 8);
		if (!s->busy || get_le(s->in.p, 4) != FRAME_MAGIC ||
		    get_le(s->in.p + 4, 8) != s->item ||
		    get_le(s->in.p + 12, 4) > STATUS_MEMORY ||
		    len > FRAME_MAX || s->in.n > FRAME_HEADER + len)
			return lost(p, i, ISO_GARBLED);
		if (s->in.n == FRAME_HEADER + len) {
			iso_outcome o = {get_le(s->in.p + 12, 4) == STATUS_OK
					     ? ISO_DONE
					     : ISO_MEMORY,
					 0, (unsigned)p->shared[i].phase};
			s->in.n = 0;
			if (!finish(p, i, &o, s->in.p + FRAME_HEADER,
				    (size_t)len))
				return false;
		}
	}
	return !gone || lost(p, i, ISO_DONE);
}

/* Hand the next item to an idle child. */
static bool hand_out(pool *p, unsigned i)
{
	slot *s = &p->s[i];
	uint8_t cmd[8];

	put_le(cmd, p->next, 8);
	if (!write_all(s->fd, cmd, sizeof(cmd)))
		return lost(p, i, ISO_GARBLED); /* gone: no item lost */
	s->busy = true;
	s->item = p->next++;
	s->in.n = 0;
	s->end = s->check = now();
	s->end.tv_sec += p->job->limits.wall_seconds;
	s->check.tv_sec += p->job->limits.idle_seconds;
	s->cpu_mark = cpu_ticks(s->pid);
	return true;
}

/* When the parent must next look at a busy child; -1: never. */
static long ms_to_look(const pool *p, const slot *s)
{
	const iso_limits *l = &p->job->limits;
	long a = l->wall_seconds ? ms_until(s->end) : -1;
	long b = l->idle_seconds ? ms_until(s->check) : -1;

	return a < 0 ? b : b < 0 || a < b ? a : b;
}

/* A busy child past its wall-clock time, or one that used (almost) no
 * CPU time since the last look (it waits: on a FIFO, a terminal), is
 * killed.  One that works is looked at again after idle_seconds: CPU
 * time is what RLIMIT_CPU bounds, and it does not depend on how many
 * processes share the machine. */
static bool watch(pool *p, unsigned i)
{
	const iso_limits *l = &p->job->limits;
	slot *s = &p->s[i];

	if (l->wall_seconds && !ms_until(s->end))
		return lost(p, i, ISO_WALL);
	if (!l->idle_seconds || ms_until(s->check))
		return true;
	long ticks = cpu_ticks(s->pid);
	long hz = sysconf(_SC_CLK_TCK);
	/* Less than 1% of a CPU over the interval. */
	if (ticks < 0 || s->cpu_mark < 0 || hz <= 0 ||
	    (ticks - s->cpu_mark) * 100 < (long)l->idle_seconds * hz)
		return lost(p, i, ISO_IDLE);
	s->cpu_mark = ticks;
	s->check.tv_sec += l->idle_seconds;
	return true;
}

static bool run(pool *p, vl_error *err)
{
	struct pollfd *fds = p->fds;

	while (p->finished < p->job->n) {
		bool any = false;
		long wait = -1;
		for (unsigned i = 0; i < p->n; i++) {
			slot *s = &p->s[i];
			if (!s->pid && p->next < p->job->n && !spawn(p, i, err))
				goto fail;
			if (s->pid && !s->busy && p->next < p->job->n &&
			    !hand_out(p, i))
				goto oom;
		}
		/* fds[i] is slot i's; poll skips the negative ones. */
		for (unsigned i = 0; i < p->n; i++) {
			slot *s = &p->s[i];
			fds[i] =
			    (struct pollfd){s->pid ? s->fd : -1, POLLIN, 0};
			any |= s->pid != 0;
			if (s->pid && s->busy) {
				long ms = ms_to_look(p, s);
				if (ms >= 0 && (wait < 0 || ms < wait))
					wait = ms;
			}
		}
		if (!any)
			continue; /* every child was lost: start new ones */
		int ready = poll(fds, p->n, (int)(wait > 60000 ? 60000 : wait));
		if (ready < 0 && errno != EINTR) {
			vl_fail(err, NULL, 0, 0, "poll: %s", strerror(errno));
			goto fail;
		}
		for (unsigned i = 0; ready > 0 && i < p->n; i++)
			if (fds[i].fd >= 0 && fds[i].revents &&
			    !take_input(p, i))
				goto oom;
		for (unsigned i = 0; i < p->n; i++)
			if (p->s[i].pid && p->s[i].busy && !watch(p, i))
				goto oom;
	}
	return true;
oom:
	vl_fail_oom(err);
fail:
	return false;
}

bool iso_run(const iso_job *job, vl_error *err)
{
	unsigned n = job->workers ? job->workers : 1;
	pool p = {.job = job};
	struct sigaction dfl, old_chld;
	bool ok;

	if (!job->n)
		return true;
	if (n > job->n)
		n = (unsigned)job->n;
	p.n = n;
	/* In the pool, not in run's locals: a child's leak check (exit in
	 * the sanitizer build) must find them in memory to count them as
	 * still in use. */
	p.s = calloc(n, sizeof(*p.s));
	p.fds = calloc(n, sizeof(*p.fds));
	p.shared = mmap(NULL, n * sizeof(*p.shared), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!p.s || !p.fds || p.shared == MAP_FAILED) {
		free(p.s);
		free(p.fds);
		if (p.shared != MAP_FAILED)
			munmap(p.shared, n * sizeof(*p.shared));
		return vl_fail_oom(err);
	}
	for (unsigned i = 0; i < n; i++)
		p.s[i].fd = -1;
	/* A SIGCHLD ignored by whoever started vaslint would reap the
	 * children before waitpid can say how they ended. */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGCHLD, &dfl, &old_chld);
	ok = run(&p, err);
	/* Closing a child's socket tells it to finish; after a failure it
	 * is killed instead. */
	for (unsigned i = 0; i < n; i++) {
		slot *s = &p.s[i];
		if (s->pid) {
			if (!ok)
				kill(s->pid, SIGKILL);
			close(s->fd);
			while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
				;
		}
		wire_buf_free(&s->in);
	}
	sigaction(SIGCHLD, &old_chld, NULL);
	munmap(p.shared, n * sizeof(*p.shared));
	free(p.s);
	free(p.fds);
	return ok;
}
