/* The reference VMM: guest memory at SHADOW_BASE + gpa, placed by vaslint.
 *
 * vmm_layout.h comes from `vaslint plan -L linux-x86_64 -D GUEST_RAM=...
 * -f header` and the program is linked with the script from `vaslint fix`
 * (samples/vmm/SConscript).  Start-up: look at our own image, reserve the
 * shadow, load the guest through it (populated on demand), run it with
 * KVM, report what memory cost. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guestmem.h"
#include "loader.h"
#include "selfcheck.h"
#include "vcpu.h"
#include "vmm_layout.h"

/* Exit statuses (README, samples/vmm/README.md). */
enum {
	EXIT_RAN = 0,	  /* the guest ran to HLT */
	EXIT_ERROR = 1,	  /* bad usage, KVM error, guest crash */
	EXIT_LAYOUT = 3,  /* our image or another mapping is in the shadow */
	EXIT_GUEST = 4,	  /* the guest image cannot be loaded */
	EXIT_NO_KVM = 77, /* loaded, but no /dev/kvm: the vCPU part skipped */
};

#define MAX_DUMPS 16

typedef struct dump {
	uint64_t gpa, len;
	const char *file;
} dump;

typedef struct options {
	uint64_t guest_ram, chunk;
	bool eager, hugepages, self_check, touch_all;
	dump dumps[MAX_DUMPS];
	int ndumps;
	const char *maps; /* --maps=FILE: our /proc/self/maps, once loaded */
	const char *guest;
} options;

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: vmm [OPTIONS] GUEST.elf\n"
	    "\n"
	    "Reserve guest RAM at SHADOW_BASE + guest-physical address "
	    "(0x%llx + gpa,\nfrom vaslint plan), load GUEST.elf at the "
	    "physical addresses of its\nprogram headers, run it on one vCPU "
	    "with KVM and print its console.\n"
	    "\n"
	    "  --guest-ram=SIZE      guest RAM (default %llu MiB, the "
	    "planned GUEST_RAM)\n"
	    "  --populate=lazy|eager lazy (default): grant memory on first "
	    "access, in\n"
	    "                        naturally aligned chunks; eager: all "
	    "of it up front\n"
	    "  --chunk=SIZE          the largest chunk one fault grants "
	    "(default 2M;\n"
	    "                        a power of two from 4K to 1G)\n"
	    "  --no-hugepages        do not ask for transparent huge pages\n"
	    "  --touch-all           write every page of guest RAM after "
	    "loading, as a\n"
	    "                        device model would (its contents "
	    "unchanged), and\n"
	    "                        report the cost\n"
	    "  --dump=GPA:LEN:FILE   write guest memory [GPA, GPA+LEN) to "
	    "FILE\n"
	    "  --maps=FILE           copy our /proc/self/maps to FILE once "
	    "the guest is\n"
	    "                        loaded (for vaslint check --maps "
	    "FILE)\n"
	    "  --no-self-check       do not compare our image with the "
	    "shadow first:\n"
	    "                        let the kernel's MAP_FIXED_NOREPLACE "
	    "decide\n"
	    "\n"
	    "Exit status: 0 the guest ran to HLT; 1 usage or run error; 3 "
	    "the shadow\ncannot be reserved (our image or another mapping "
	    "is in it); 4 the guest\nimage cannot be loaded; 77 no usable "
	    "/dev/kvm: loaded, vCPU not run.\n",
	    (unsigned long long)VASLINT_SHADOW_BASE,
	    (unsigned long long)(VASLINT_GUEST_RAM >> 20));
}

static int die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int die(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("vmm: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

/* 4096, 0x1000, 4K, 2M, 1G */
static bool parse_size(const char *s, uint64_t *v)
{
	char *end;
	unsigned shift = 0;

	errno = 0;
	*v = strtoull(s, &end, 0);
	if (end == s || errno || *s == '-')
		return false;
	switch (*end) {
	case 'K':
		shift = 10, end++;
		break;
	case 'M':
		shift = 20, end++;
		break;
	case 'G':
		shift = 30, end++;
		break;
	}
	if (*end || (*v << shift >> shift) != *v)
		return false;
	*v <<= shift;
	return true;
}

/* "256M", "4K", or bytes in hex where no unit fits. */
static const char *size_str(uint64_t v, char buf[32])
{
	if (v && !(v & ((UINT64_C(1) << 30) - 1)))
		snprintf(buf, 32, "%" PRIu64 "G", v >> 30);
	else if (v && !(v & ((UINT64_C(1) << 20) - 1)))
		snprintf(buf, 32, "%" PRIu64 "M", v >> 20);
	else if (v && !(v & 1023))
		snprintf(buf, 32, "%" PRIu64 "K", v >> 10);
	else
		snprintf(buf, 32, "0x%" PRIx64, v);
	return buf;
}

static bool parse_dump(const char *s, dump *d)
{
	char gpa[32], len[32];
	const char *c1 = strchr(s, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

	if (!c2 || c1 - s >= 32 || c2 - c1 - 1 >= 32 || !c2[1])
		return false;
	memcpy(gpa, s, (size_t)(c1 - s));
	gpa[c1 - s] = 0;
	memcpy(len, c1 + 1, (size_t)(c2 - c1 - 1));
	len[c2 - c1 - 1] = 0;
	d->file = c2 + 1;
	return parse_size(gpa, &d->gpa) && parse_size(len, &d->len);
}

/* 0 parsed, -1 help given, or the exit status */
static int parse_options(int argc, char **argv, options *o)
{
	memset(o, 0, sizeof(*o));
	o->guest_ram = VASLINT_GUEST_RAM;
	o->chunk = UINT64_C(0x200000);
	o->hugepages = o->self_check = true;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return -1;
		} else if (!strncmp(a, "--guest-ram=", 12)) {
			if (!parse_size(a + 12, &o->guest_ram) ||
			    !o->guest_ram || o->guest_ram % GMEM_PAGE)
				return die(EXIT_ERROR,
					   "--guest-ram: '%s' is not a "
					   "non-zero multiple of 4K",
					   a + 12);
		} else if (!strcmp(a, "--populate=lazy")) {
			o->eager = false;
		} else if (!strcmp(a, "--populate=eager")) {
			o->eager = true;
		} else if (!strncmp(a, "--chunk=", 8)) {
			uint64_t c;
			if (!parse_size(a + 8, &c) || c < GMEM_PAGE ||
			    c > (UINT64_C(1) << 30) || (c & (c - 1)))
				return die(EXIT_ERROR,
					   "--chunk: '%s' is not a power of "
					   "two from 4K to 1G",
					   a + 8);
			o->chunk = c;
		} else if (!strcmp(a, "--no-hugepages")) {
			o->hugepages = false;
		} else if (!strcmp(a, "--touch-all")) {
			o->touch_all = true;
		} else if (!strncmp(a, "--dump=", 7)) {
			if (o->ndumps == MAX_DUMPS ||
			    !parse_dump(a + 7, &o->dumps[o->ndumps++]))
				return die(EXIT_ERROR,
					   "--dump: '%s' is not GPA:LEN:FILE "
					   "(at most %d of them)",
					   a + 7, MAX_DUMPS);
		} else if (!strcmp(a, "--no-self-check")) {
			o->self_check = false;
		} else if (!strncmp(a, "--maps=", 7) && a[7]) {
			o->maps = a + 7;
		} else if (a[0] == '-' && a[1]) {
			usage(stderr);
			return die(EXIT_ERROR, "unknown option '%s'", a);
		} else if (o->guest) {
			return die(EXIT_ERROR, "one guest image, please");
		} else {
			o->guest = a;
		}
	}
	if (!o->guest) {
		usage(stderr);
		return EXIT_ERROR;
	}
	return 0;
}

/* Our image in the shadow, or the shadow not ours to take: EXIT_LAYOUT. */
static int reserve_shadow(const options *o, gmem *g)
{
	uint64_t start = VASLINT_SHADOW_BASE, end = start + o->guest_ram;
	char ram[32];
	selfcheck_conflict c;

	size_str(o->guest_ram, ram);
	if (o->self_check && selfcheck_overlap(start, end, &c))
		return die(EXIT_LAYOUT,
			   "my image %s [0x%" PRIx64 ", 0x%" PRIx64
			   ") overlaps the guest shadow [0x%" PRIx64
			   ", 0x%" PRIx64 ") (GUEST_RAM %s at SHADOW_BASE "
			   "0x%" PRIx64 "): relink at or above 0x%" PRIx64
			   " with the script from 'vaslint fix -L "
			   "linux-x86_64 -D GUEST_RAM=%s --from-default "
			   "--image %s'",
			   *c.object ? c.object : program_invocation_name,
			   c.start, c.end, start, end, ram, start, end, ram,
			   program_invocation_name);
	if (!gmem_reserve(g, start, o->guest_ram, o->chunk, o->hugepages))
		return die(EXIT_LAYOUT,
			   "cannot reserve the guest shadow [0x%" PRIx64
			   ", 0x%" PRIx64 ") (GUEST_RAM %s): %s%s",
			   start, end, ram, strerror(errno),
			   errno == EEXIST
			       ? ": something is mapped there already; "
				 "'vaslint check -L linux-x86_64 -D "
				 "GUEST_RAM=...' on this program says what"
			       : "");
	fprintf(stderr,
		"vmm: guest shadow [0x%" PRIx64 ", 0x%" PRIx64
		") reserved: GUEST_RAM %s at SHADOW_BASE 0x%" PRIx64 "\n",
		start, end, ram, start);
	return 0;
}

/* Our address space as the kernel lists it, for vaslint check --maps. */
static int write_maps(const char *file)
{
	FILE *in = fopen("/proc/self/maps", "r"), *out = fopen(file, "w");
	char buf[4096];
	size_t n;
	bool ok = in && out;

	while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	ok = ok && !ferror(in);
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = false;
	if (!ok)
		return die(EXIT_ERROR,
			   "--maps: cannot copy /proc/self/maps to "
			   "%s: %s",
			   file, strerror(errno));
	return 0;
}

static int write_dump(const gmem *g, const dump *d)
{
	FILE *f;
	bool ok;

	if (!gmem_contains(g, d->gpa, d->len))
		return die(EXIT_ERROR,
			   "--dump: [0x%" PRIx64 ", +0x%" PRIx64
			   ") is not inside guest RAM",
			   d->gpa, d->len);
	if (!(f = fopen(d->file, "wb")))
		return die(EXIT_ERROR, "%s: %s", d->file, strerror(errno));
	ok = fwrite(gmem_ptr(g, d->gpa), 1, d->len, f) == d->len;
	ok = (fclose(f) == 0) && ok;
	return ok ? 0 : die(EXIT_ERROR, "%s: write failed", d->file);
}

static void report(const options *o, const gmem *g)
{
	char a[32], b[32], line[1024];
	size_t n = 0;
	uint64_t rss, huge;
	FILE *thp;

	n += (size_t)snprintf(line, sizeof(line),
			      "vmm: memory (%s): %" PRIu64 " faults, chunks",
			      o->eager ? "eager" : "lazy", g->st.faults);
	for (int k = GMEM_CHUNK_ORDERS - 1; k >= 0; k--)
		if (g->st.chunks[k] && n < sizeof(line))
			n += (size_t)snprintf(
			    line + n, sizeof(line) - n, " %" PRIu64 " x %s",
			    g->st.chunks[k], size_str(UINT64_C(1) << k, a));
	if (!g->st.granted && n < sizeof(line))
		snprintf(line + n, sizeof(line) - n, " none");
	fprintf(stderr, "%s; %s of %s granted\n", line,
		size_str(g->st.granted, a), size_str(g->size, b));
	if (gmem_smaps(g, &rss, &huge)) {
		char mode[64] = "unknown";
		if ((thp = fopen("/sys/kernel/mm/transparent_hugepage/enabled",
				 "r"))) {
			if (!fgets(mode, sizeof(mode), thp))
				strcpy(mode, "unknown");
			mode[strcspn(mode, "\n")] = 0;
			fclose(thp);
		}
		fprintf(stderr,
			"vmm: huge pages: %" PRIu64 " KiB of %" PRIu64
			" KiB resident in the shadow (%.0f%%); THP %s\n",
			huge >> 10, rss >> 10,
			rss ? 100.0 * (double)huge / (double)rss : 0.0, mode);
	}
}

int main(int argc, char **argv)
{
	options o;
	gmem g;
	guest_image img;
	char why[1024];
	int status;
	vcpu_result r;

	/* The shadow first: nothing of ours (stdio buffers, the heap) may
	 * be mapped before it is reserved. */
	if ((status = parse_options(argc, argv, &o)) != 0)
		return status < 0 ? EXIT_RAN : status;
	if ((status = reserve_shadow(&o, &g)) != 0)
		return status;
	if (!o.eager && !gmem_handle_faults(&g))
		return die(EXIT_ERROR, "sigaction: %s", strerror(errno));
	if (o.eager) {
		/* Everything accessible and filled before the guest loads:
		 * the comparison for the lazy mode. */
		if (!gmem_grant_range(&g, 0, g.size, UINT64_C(1) << 30))
			return die(EXIT_ERROR, "mprotect: %s", strerror(errno));
		gmem_touch(&g, 0, g.size);
	}
	if (!loader_load(&g, o.guest, &img, why, sizeof(why)))
		return die(EXIT_GUEST, "%s", why);
	fprintf(stderr, "vmm: loaded %s: entry 0x%" PRIx64, o.guest, img.entry);
	for (size_t i = 0; i < img.nsegs; i++)
		fprintf(stderr, "%s[0x%" PRIx64 ", 0x%" PRIx64 ")",
			i ? " " : ", segments at gpa ", img.seg[i].gpa,
			img.seg[i].gpa + img.seg[i].memsz);
	fputc('\n', stderr);
	if (o.touch_all)
		gmem_touch(&g, 0, g.size);
	for (int i = 0; i < o.ndumps; i++)
		if ((status = write_dump(&g, &o.dumps[i])) != 0)
			return status;
	if (o.maps && (status = write_maps(o.maps)) != 0)
		return status;
	fflush(stdout);
	r = vcpu_run(&g, &img, stdout, why, sizeof(why));
	switch (r) {
	case VCPU_HALTED:
		fprintf(stderr, "vmm: the guest halted\n");
		status = EXIT_RAN;
		break;
	case VCPU_NO_KVM:
		fprintf(stderr,
			"vmm: no KVM here (%s): the guest is loaded but its "
			"vCPU does not run; exit %d\n",
			why, EXIT_NO_KVM);
		status = EXIT_NO_KVM;
		break;
	case VCPU_FAILED:
		status = die(EXIT_ERROR, "%s", why);
		break;
	}
	/* On exit: what the guest's memory cost, after the vCPU's run too. */
	report(&o, &g);
	gmem_release(&g);
	return status;
}
