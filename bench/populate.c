/* Populating guest memory: the reference VMM's guestmem module filling
 * 1 GiB of guest RAM on first touch, three ways.
 *
 *   4k       a fault per 4 KiB page (--chunk=4K): 262,144 SIGSEGVs and
 *            mprotects, no huge pages
 *   natural  the VMM's default: a fault per naturally aligned 2 MiB chunk
 *            with MADV_HUGEPAGE
 *   single   one chunk granted up front, then touched: the lower bound, the
 *            cost of the kernel filling the memory
 *
 * Memory is warmed before every timed fill (the same size filled and freed,
 * untimed): on a virtual machine that hands free memory back to its host
 * (free page reporting), memory freed by the previous fill is slow to touch
 * again, and the 4k mode's frees would tax whichever mode comes next.  The
 * modes are interleaved and their order rotated per run, and the medians
 * are printed with the ratios 4k/natural (target >= 20) and natural/single
 * (target <= 1.5).
 *
 * usage: populate_bench [RUNS] [SIZE_MIB]   (default 5 runs of 1024 MiB) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "guestmem.h"

#define G1 (UINT64_C(1) << 30)
#define M2 (UINT64_C(1) << 21)

enum mode { MODE_4K, MODE_NATURAL, MODE_SINGLE, NMODES };
static const char *const names[NMODES] = {"4k", "natural", "single"};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A free, 1 GiB aligned place for size bytes, as the planner would give
 * the VMM (here: wherever the kernel has room). */
static uint64_t free_place(uint64_t size)
{
	void *p = mmap(NULL, size + G1, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uint64_t a;

	if (p == MAP_FAILED)
		return 0;
	munmap(p, size + G1);
	a = ((uint64_t)(uintptr_t)p + G1 - 1) & ~(G1 - 1);
	return a;
}

/* One timed fill; 0 on failure.  *faults: the handler's count. */
static double fill(enum mode m, uint64_t size, uint64_t *faults)
{
	uint64_t base = free_place(size);
	gmem g;
	double t0, t;

	if (!base || !gmem_reserve(&g, base, size,
				   m == MODE_4K ? GMEM_PAGE : M2, true)) {
		perror("populate_bench: reserve");
		return 0;
	}
	if (!gmem_handle_faults(&g)) {
		perror("populate_bench: sigaction");
		gmem_release(&g);
		return 0;
	}
	t0 = now();
	if (m == MODE_SINGLE && !gmem_grant_range(&g, 0, size, size)) {
		perror("populate_bench: mprotect");
		gmem_release(&g);
		return 0;
	}
	gmem_touch(&g, 0, size);
	t = now() - t0;
	*faults = g.st.faults;
	gmem_release(&g);
	return t;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void print_setting(const char *path)
{
	char buf[128] = "unreadable";
	FILE *f = fopen(path, "r");

	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			strcpy(buf, "unreadable");
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = 0;
	printf("populate: %s: %s\n", path, buf);
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 5;
	long mib = argc > 2 ? atol(argv[2]) : 1024;
	double t[NMODES][16], med[NMODES];
	uint64_t faults[NMODES] = {0}, size;

	if (runs < 1 || runs > 16 || mib < 2 || mib % 2) {
		fprintf(stderr, "usage: populate_bench [RUNS (1-16)] "
				"[SIZE_MIB (even)]\n");
		return 2;
	}
	size = (uint64_t)mib << 20;
	print_setting("/sys/kernel/mm/transparent_hugepage/enabled");
	print_setting("/sys/kernel/mm/transparent_hugepage/defrag");
	print_setting("/sys/kernel/mm/transparent_hugepage/shmem_enabled");
	for (int r = 0; r < runs; r++)
		for (int k = 0; k < NMODES; k++) {
			enum mode m = (enum mode)((r + k) % NMODES);
			uint64_t warm_faults;
			if (!fill(MODE_SINGLE, size, &warm_faults) ||
			    !(t[m][r] = fill(m, size, &faults[m])))
				return 1;
			printf("populate: run %d %-7s %8.4f s\n", r + 1,
			       names[m], t[m][r]);
		}
	for (int m = 0; m < NMODES; m++) {
		qsort(t[m], (size_t)runs, sizeof(t[m][0]), cmp_double);
		med[m] = t[m][runs / 2];
		printf("populate: %-7s %ld MiB: median %8.4f s over %d runs "
		       "(min %.4f, max %.4f), %llu faults\n",
		       names[m], mib, med[m], runs, t[m][0], t[m][runs - 1],
		       (unsigned long long)faults[m]);
	}
	printf("populate: 4k / natural = %.1fx (target at least 20x): %s\n",
	       med[MODE_4K] / med[MODE_NATURAL],
	       med[MODE_4K] >= 20 * med[MODE_NATURAL] ? "met" : "NOT met");
	printf("populate: natural / single = %.2fx (target at most 1.5x): "
	       "%s\n",
	       med[MODE_NATURAL] / med[MODE_SINGLE],
	       med[MODE_NATURAL] <= 1.5 * med[MODE_SINGLE] ? "met" : "NOT met");
	return 0;
}
