#include "guestmem.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000 /* Linux 4.17 */
#endif

/* ---- The bitmap of accessible pages ---- */

static uint64_t page_index(uint64_t gpa)
{
	return gpa / GMEM_PAGE;
}

static bool page_granted(const gmem *g, uint64_t gpa)
{
	uint64_t i = page_index(gpa);
	return g->granted[i / 64] >> (i % 64) & 1;
}

uint64_t gmem_pages_set(const uint64_t *taken, uint64_t gpa, uint64_t len)
{
	uint64_t i = page_index(gpa), end = page_index(gpa + len), n = 0;

	while (i < end && i % 64)
		n += taken[i / 64] >> (i % 64) & 1, i++;
	for (; i + 64 <= end; i += 64)
		n += (uint64_t)__builtin_popcountll(taken[i / 64]);
	for (; i < end; i++)
		n += taken[i / 64] >> (i % 64) & 1;
	return n;
}

static uint64_t pages_granted(const gmem *g, uint64_t gpa, uint64_t len)
{
	return gmem_pages_set(g->granted, gpa, len);
}

static void mark_granted(gmem *g, uint64_t gpa, uint64_t len)
{
	for (uint64_t i = page_index(gpa), end = page_index(gpa + len); i < end;
	     i++)
		g->granted[i / 64] |= UINT64_C(1) << (i % 64);
}

static unsigned log2_exact(uint64_t x)
{
	return (unsigned)__builtin_ctzll(x);
}

/* Make one chunk accessible.  Called from the fault handler too: only
 * mprotect and plain memory writes. */
static bool grant(gmem *g, uint64_t gpa, uint64_t len)
{
	if (mprotect(g->base + gpa, len, PROT_READ | PROT_WRITE) != 0)
		return false;
	mark_granted(g, gpa, len);
	g->st.chunks[log2_exact(len)]++;
	g->st.granted += len;
	return true;
}

uint64_t gmem_chunk(const gmem *g, uint64_t gpa, uint64_t max,
		    const uint64_t *taken)
{
	for (uint64_t c = max; c > GMEM_PAGE; c >>= 1) {
		uint64_t s = gpa & ~(c - 1);
		if (s + c <= g->size && !(g->offset & (c - 1)) &&
		    gmem_pages_set(taken, s, c) == 0)
			return c;
	}
	return GMEM_PAGE;
}

/* ---- Reserving ---- */

/* Map the backing store (fd, or anonymous memory when fd < 0) at
 * [base, base + size) with PROT_NONE, once, and set up the bookkeeping. */
static bool reserve(gmem *g, uint64_t base, uint64_t size, uint64_t chunk_max,
		    bool hugepages, int fd, uint64_t offset)
{
	gmem n;
	void *p;
	int flags = MAP_NORESERVE | MAP_FIXED_NOREPLACE;

	memset(&n, 0, sizeof(n));
	if (!size || size % GMEM_PAGE || base % GMEM_PAGE ||
	    base + size < base || chunk_max < GMEM_PAGE ||
	    (chunk_max & (chunk_max - 1)) || offset % GMEM_PAGE) {
		errno = EINVAL;
		return false;
	}
	/* The shadow before anything is allocated: the first malloc sets up
	 * the brk heap, which Linux starts up to 1 GiB above the end of a
	 * position-dependent program, so below a shadow it lands inside. */
	flags |= fd < 0 ? MAP_PRIVATE | MAP_ANONYMOUS : MAP_SHARED;
	p = mmap((void *)(uintptr_t)base, size, PROT_NONE, flags, fd,
		 (off_t)offset);
	if (p == MAP_FAILED)
		return false;
	if ((uintptr_t)p != base) {
		/* A kernel before 4.17 takes the address as a hint. */
		munmap(p, size);
		errno = EADDRNOTAVAIL;
		return false;
	}
	n.granted = calloc((page_index(size) + 63) / 64, sizeof(uint64_t));
	if (!n.granted) {
		munmap(p, size);
		errno = ENOMEM;
		return false;
	}
	/* Without the advice, anonymous memory gets no huge pages where
	 * transparent_hugepage/enabled is "madvise" (shmem likewise where
	 * shmem_enabled is "advise"). */
	if (hugepages)
		(void)madvise(p, size, MADV_HUGEPAGE);
	n.base = p;
	n.size = size;
	n.chunk_max = chunk_max;
	n.hugepages = hugepages;
	n.fd = fd;
	n.offset = offset;
	*g = n;
	return true;
}

bool gmem_reserve(gmem *g, uint64_t base, uint64_t size, uint64_t chunk_max,
		  bool hugepages)
{
	return reserve(g, base, size, chunk_max, hugepages, -1, 0);
}

bool gmem_reserve_memfd(gmem *g, uint64_t base, uint64_t size,
			uint64_t chunk_max, bool hugepages, uint64_t offset)
{
	int fd, e;

	if (offset > UINT64_MAX - size || offset + size > (uint64_t)INT64_MAX) {
		errno = EINVAL;
		return false;
	}
	fd = memfd_create("vmm-guest-ram", MFD_CLOEXEC);
	if (fd < 0)
		return false;
	/* The bytes before the offset are never mapped: a sparse file. */
	if (ftruncate(fd, (off_t)(offset + size)) == 0 &&
	    reserve(g, base, size, chunk_max, hugepages, fd, offset))
		return true;
	e = errno;
	close(fd);
	errno = e;
	return false;
}

static gmem *active; /* the shadow the fault handler serves */

void gmem_release(gmem *g)
{
	if (active == g)
		active = NULL;
	if (g->base) {
		munmap(g->base, g->size);
		if (g->fd >= 0)
			close(g->fd);
	}
	free(g->granted);
	memset(g, 0, sizeof(*g));
}

bool gmem_contains(const gmem *g, uint64_t gpa, uint64_t len)
{
	return gpa <= g->size && len <= g->size - gpa;
}

/* ---- On-demand population ---- */

static void say(const char *s)
{
	ssize_t r = write(STDERR_FILENO, s, strlen(s));
	(void)r;
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	gmem *g = active;
	uint8_t *a = si->si_addr;

	(void)ctx;
	if (g && si->si_code == SEGV_ACCERR && a >= g->base &&
	    a < g->base + g->size) {
		uint64_t gpa = (uint64_t)(a - g->base) & ~(GMEM_PAGE - 1);
		if (!page_granted(g, gpa)) {
			uint64_t c =
			    gmem_chunk(g, gpa, g->chunk_max, g->granted);
			g->st.faults++;
			if (grant(g, gpa & ~(c - 1), c))
				return; /* the access is retried */
			say("vmm: cannot make guest memory accessible: "
			    "mprotect failed (vm.max_map_count reached?)\n");
		}
	}
	/* Not ours: die of it as the process would have without us. */
	signal(sig, SIG_DFL);
}

bool gmem_handle_faults(gmem *g)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	active = g;
	return sigaction(SIGSEGV, &sa, NULL) == 0;
}

bool gmem_grant_range(gmem *g, uint64_t gpa, uint64_t len, uint64_t max)
{
	uint64_t pos = gpa & ~(GMEM_PAGE - 1), end;

	if (!gmem_contains(g, gpa, len)) {
		errno = EINVAL;
		return false;
	}
	end = (gpa + len + GMEM_PAGE - 1) & ~(GMEM_PAGE - 1);
	if (end > g->size)
		end = g->size;
	while (pos < end) {
		/* the largest aligned power of two that starts at pos,
		 * ends by end, is aligned in the backing store too and is
		 * either all granted or all not */
		uint64_t c = pos ? pos & -pos : UINT64_C(1) << 63, n;
		while (c > max || c > end - pos || (g->offset & (c - 1)))
			c >>= 1;
		while (c > GMEM_PAGE && (n = pages_granted(g, pos, c)) != 0 &&
		       n != c / GMEM_PAGE)
			c >>= 1;
		if (!page_granted(g, pos) && !grant(g, pos, c))
			return false;
		pos += c;
	}
	return true;
}

void gmem_touch(gmem *g, uint64_t gpa, uint64_t len)
{
	volatile uint8_t *p = g->base;

	/* Each page's first byte written back as it is: the touch comes
	 * after the guest is loaded and must not change what it holds. */
	for (uint64_t a = gpa & ~(GMEM_PAGE - 1); a < gpa + len && a < g->size;
	     a += GMEM_PAGE)
		p[a] = p[a];
}

/* ---- What the kernel made of it ---- */

bool gmem_smaps(const gmem *g, uint64_t *rss, uint64_t *anon_huge)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	uint64_t lo = (uintptr_t)g->base, hi = lo + g->size, s, e, kb;
	bool inside = false;
	char line[512];

	*rss = *anon_huge = 0;
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		/* a mapping's header line: "start-end perms ..." */
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " ", &s, &e) == 2)
			inside = s >= lo && e <= hi;
		else if (inside && sscanf(line, "Rss: %" SCNu64, &kb) == 1)
			*rss += kb * 1024;
		else if (inside &&
			 (sscanf(line, "AnonHugePages: %" SCNu64, &kb) == 1 ||
			  sscanf(line, "ShmemPmdMapped: %" SCNu64, &kb) == 1))
			*anon_huge += kb * 1024;
	}
	fclose(f);
	return true;
}
