/* The reference VMM: guest memory at SHADOW_BASE + gpa, placed by vaslint.
 *
 * vmm_layout.h comes from `vaslint plan -L linux-x86_64 -D GUEST_RAM=...
 * -f header` and the program is linked with the script from `vaslint fix`
 * (samples/vmm/SConscript).  Start-up: look at our own image, map the
 * backing store once at the shadow (granted on demand), load the guest
 * through it, run it on KVM or on the soft vCPU with its guest-physical
 * memory mapped on demand, report what memory cost. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "guestmem.h"
#include "loader.h"
#include "physmap.h"
#include "selfcheck.h"
#include "vcpu.h"
#include "vmm_layout.h"

/* Exit statuses (README, samples/vmm/README.md). */
enum {
	EXIT_RAN = 0,	  /* the guest ran to HLT */
	EXIT_ERROR = 1,	  /* bad usage, vCPU error, guest crash */
	EXIT_LAYOUT = 3,  /* our image or another mapping is in the shadow */
	EXIT_GUEST = 4,	  /* the guest image cannot be loaded */
	EXIT_NO_KVM = 77, /* --cpu=kvm, no usable KVM: the vCPU part skipped */
};

#define MAX_DUMPS 16

typedef struct dump {
	uint64_t gpa, len;
	const char *file;
} dump;

typedef struct options {
	uint64_t guest_ram, chunk;
	bool eager, hugepages, self_check, touch_all;
	bool memfd;		 /* the backing store: memfd, else anonymous */
	bool anon_asked;	 /* --backing=anon given */
	bool offset_given;	 /* --backing-offset given */
	uint64_t backing_offset; /* guest-physical 0 in the backing store */
	uint32_t guest_arg;	 /* ECX at the guest's entry */
	vcpu_choice cpu;
	const char *kvm_device;
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
	    "Map guest RAM at SHADOW_BASE + guest-physical address "
	    "(0x%llx + gpa,\nfrom vaslint plan), load GUEST.elf at the "
	    "physical addresses of its\nprogram headers, run it on one vCPU "
	    "(KVM or Unicorn) with its guest-physical\nmemory mapped on "
	    "demand, and print its console.\n"
	    "\n"
	    "  --cpu=auto|kvm|soft   the vCPU: KVM, the software CPU "
	    "(Unicorn), or KVM\n"
	    "                        where it works and soft elsewhere "
	    "(default auto)\n"
	    "  --guest-ram=SIZE      guest RAM (default %llu MiB, the "
	    "planned GUEST_RAM)\n"
	    "  --backing=anon|memfd  the backing store: anonymous memory "
	    "(default; huge\n"
	    "                        pages where THP allows) or a memfd\n"
	    "  --backing-offset=N    guest-physical 0 lies N bytes into "
	    "the backing store\n"
	    "                        (a multiple of 4K; implies memfd): "
	    "chunks are aligned\n"
	    "                        in both, so an offset of 4K allows 4K "
	    "chunks only\n"
	    "  --populate=lazy|eager lazy (default): grant memory on first "
	    "access, in\n"
	    "                        naturally aligned chunks; eager: all "
	    "of it up front\n"
	    "  --chunk=SIZE          the largest chunk one fault grants or "
	    "maps (default\n"
	    "                        2M; a power of two from 4K to 1G)\n"
	    "  --guest-arg=N         a 32-bit value for the guest in ECX "
	    "(fill.elf: its stride)\n"
	    "  --kvm-device=PATH     KVM's device (default /dev/kvm)\n"
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
	    "is in it); 4 the guest\nimage cannot be loaded; 77 --cpu=kvm "
	    "and no usable KVM: loaded, vCPU not run.\n",
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
	o->cpu = VCPU_AUTO;
	o->kvm_device = "/dev/kvm";
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
		} else if (!strcmp(a, "--cpu=auto")) {
			o->cpu = VCPU_AUTO;
		} else if (!strcmp(a, "--cpu=kvm")) {
			o->cpu = VCPU_KVM;
		} else if (!strcmp(a, "--cpu=soft")) {
			o->cpu = VCPU_SOFT;
		} else if (!strncmp(a, "--cpu=", 6)) {
			return die(EXIT_ERROR,
				   "--cpu: '%s' is not auto, kvm or soft",
				   a + 6);
		} else if (!strcmp(a, "--backing=anon")) {
			o->memfd = false;
			o->anon_asked = true;
		} else if (!strcmp(a, "--backing=memfd")) {
			o->memfd = true;
			o->anon_asked = false;
		} else if (!strncmp(a, "--backing=", 10)) {
			return die(EXIT_ERROR,
				   "--backing: '%s' is not anon or memfd",
				   a + 10);
		} else if (!strncmp(a, "--backing-offset=", 17)) {
			if (!parse_size(a + 17, &o->backing_offset) ||
			    o->backing_offset % GMEM_PAGE)
				return die(EXIT_ERROR,
					   "--backing-offset: '%s' is not a "
					   "multiple of 4K",
					   a + 17);
			o->offset_given = true;
		} else if (!strncmp(a, "--guest-arg=", 12)) {
			uint64_t v;
			if (!parse_size(a + 12, &v) || v > UINT32_MAX)
				return die(EXIT_ERROR,
					   "--guest-arg: '%s' is not a 32-bit "
					   "number",
					   a + 12);
			o->guest_arg = (uint32_t)v;
		} else if (!strncmp(a, "--kvm-device=", 13) && a[13]) {
			o->kvm_device = a + 13;
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
	if (o->offset_given && o->anon_asked)
		return die(EXIT_ERROR,
			   "--backing-offset needs --backing=memfd: "
			   "anonymous memory has no offset");
	o->memfd |= o->offset_given;
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
	if (!(o->memfd ? gmem_reserve_memfd(g, start, o->guest_ram, o->chunk,
					    o->hugepages, o->backing_offset)
		       : gmem_reserve(g, start, o->guest_ram, o->chunk,
				      o->hugepages)))
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
		") reserved: GUEST_RAM %s at SHADOW_BASE 0x%" PRIx64,
		start, end, ram, start);
	if (o->memfd)
		fprintf(stderr, ", a memfd from offset 0x%" PRIx64,
			o->backing_offset);
	fputc('\n', stderr);
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

/* " 128 x 2M 1 x 4K" for counts by log2 size, appended at *n. */
static void add_chunks(char *line, size_t len, size_t *n,
		       const uint64_t chunks[GMEM_CHUNK_ORDERS])
{
	char a[32];

	for (int k = GMEM_CHUNK_ORDERS - 1; k >= 0; k--)
		if (chunks[k] && *n < len)
			*n += (size_t)snprintf(line + *n, len - *n,
					       " %" PRIu64 " x %s", chunks[k],
					       size_str(UINT64_C(1) << k, a));
}

/* The guest-physical mappings the vCPU's accesses made, by size: what
 * `vaslint plan` predicts (samples/vmm/guest-physical.yaml). */
static void report_physmap(const options *o, const vcpu_env *env)
{
	const physmap *pm = &env->pm;
	char a[32], b[32], sizes[1024] = " none";
	size_t n = 0;

	add_chunks(sizes, sizeof(sizes), &n, pm->st.chunks);
	fprintf(
	    stderr,
	    "vmm: guest-physical mappings (%s): %" PRIu64 " (%s) on %" PRIu64
	    " faults; %s of %s mapped from %s at offset 0x%" PRIx64
	    "; at most %" PRIu64 " regions held, merged %" PRIu64 " times\n",
	    env->backend, pm->st.mappings, sizes + 1, pm->st.faults,
	    size_str(pm->st.mapped, a), size_str(pm->g->size, b),
	    o->memfd ? "a memfd" : "anonymous memory", o->backing_offset,
	    pm->st.regions_max, pm->st.compactions);
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
	add_chunks(line, sizeof(line), &n, g->st.chunks);
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

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Open the vCPU the options ask for and run the loaded guest to HLT. */
static int run_guest(const options *o, vcpu_env *env, char *why, size_t len)
{
	const vcpu_backend *b;
	char fallback[512], desc[128];
	vcpu *v = NULL;
	vcpu_result r;
	double t;

	r = vcpu_open(o->cpu, env, &b, &v, why, len, fallback,
		      sizeof(fallback));
	if (r == VCPU_NO_KVM) {
		fprintf(stderr,
			"vmm: no KVM here (%s): the guest is loaded but its "
			"vCPU does not run (--cpu=kvm); exit %d\n",
			why, EXIT_NO_KVM);
		return EXIT_NO_KVM;
	}
	if (r != VCPU_HALTED)
		return die(EXIT_ERROR, "%s", why);
	b->describe(v, desc, sizeof(desc));
	fprintf(stderr, "vmm: vCPU: %s (%s%s%s)\n", b->name, desc,
		*fallback ? "; no KVM: " : "", fallback);
	fflush(stdout);
	t = now();
	r = b->run(v, why, len);
	t = now() - t;
	b->close(v);
	if (r != VCPU_HALTED)
		return die(EXIT_ERROR, "%s", why);
	fprintf(stderr, "vmm: the guest halted after %.6f s on the %s vCPU\n",
		t, b->name);
	return EXIT_RAN;
}

int main(int argc, char **argv)
{
	options o;
	gmem g;
	guest_image img;
	vcpu_env env;
	char why[1024];
	int status;

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
	memset(&env, 0, sizeof(env));
	env.g = &g;
	env.boot.entry = img.entry;
	/* the boot protocol: guest RAM in EBX, as far as 32 bits reach */
	env.boot.ebx = g.size > UINT32_C(0xfffff000) ? UINT32_C(0xfffff000)
						     : (uint32_t)g.size;
	env.boot.ecx = o.guest_arg;
	env.console = stdout;
	env.kvm_device = o.kvm_device;
	status = run_guest(&o, &env, why, sizeof(why));
	/* On exit: what the guest's memory cost, after the vCPU's run too. */
	if (env.pm.mapped)
		report_physmap(&o, &env);
	report(&o, &g);
	physmap_free(&env.pm);
	gmem_release(&g);
	return status;
}
