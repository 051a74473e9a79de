/* The KVM backend: the guest on a hardware vCPU through /dev/kvm.
 *
 * Guest RAM starts with no memory slot.  A guest access to guest-physical
 * memory without one exits: a data access as KVM_EXIT_MMIO (which the VMM
 * completes itself, through the shadow, once the chunk is mapped), an
 * instruction fetch as an emulation failure (KVM cannot fetch what no
 * slot backs; the instruction is retried once it is mapped).  Each chunk
 * becomes a memory slot at the shadow's host address, which is congruent
 * with guest-physical addresses modulo 2 MiB, so KVM can use 2 MiB pages
 * where the host has them. */
#include "vcpu.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

/* Merge memory slots when this many are held: there are at most
 * KVM_CAP_NR_MEMSLOTS, and each costs KVM memory and lookups.  For 256 MiB
 * in 4 KiB chunks 64 to 256 took 1.8-2.1 s here, 1024 2.7-3.3 s. */
#define KVM_COMPACT_AT 256

static vcpu_result fail(vcpu_result r, char *why, size_t len, const char *fmt,
			...) __attribute__((format(printf, 4, 5)));

static vcpu_result fail(vcpu_result r, char *why, size_t len, const char *fmt,
			...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return r;
}

struct vcpu {
	vcpu_env *env;
	int kvm, vm, vcpu;
	int api;
	struct kvm_run *run;
	size_t run_size;
};

static bool slot_map(void *ctx, uint32_t slot, uint64_t gpa, uint64_t size,
		     void *hva, char *why, size_t len)
{
	vcpu *v = ctx;
	struct kvm_userspace_memory_region r = {
	    .slot = slot,
	    .guest_phys_addr = gpa,
	    .memory_size = size,
	    .userspace_addr = (uintptr_t)hva,
	};

	if (ioctl(v->vm, KVM_SET_USER_MEMORY_REGION, &r) == 0)
		return true;
	fail(VCPU_FAILED, why, len,
	     "KVM_SET_USER_MEMORY_REGION (slot %" PRIu32 ", guest-physical "
	     "[0x%" PRIx64 ", 0x%" PRIx64 ")): %s",
	     slot, gpa, gpa + size, strerror(errno));
	return false;
}

static bool slot_unmap(void *ctx, uint32_t slot, uint64_t gpa, uint64_t size,
		       char *why, size_t len)
{
	vcpu *v = ctx;
	/* a slot of size 0 is deleted */
	struct kvm_userspace_memory_region r = {
	    .slot = slot,
	    .guest_phys_addr = gpa,
	};

	if (ioctl(v->vm, KVM_SET_USER_MEMORY_REGION, &r) == 0)
		return true;
	fail(VCPU_FAILED, why, len,
	     "cannot delete memory slot %" PRIu32 " [0x%" PRIx64 ", 0x%" PRIx64
	     "): %s",
	     slot, gpa, gpa + size, strerror(errno));
	return false;
}

static const physmap_ops kvm_physmap = {slot_map, slot_unmap};

static void kvm_close(vcpu *v)
{
	if (!v)
		return;
	if (v->run)
		munmap(v->run, v->run_size);
	if (v->vcpu >= 0)
		close(v->vcpu);
	if (v->vm >= 0)
		close(v->vm);
	if (v->kvm >= 0)
		close(v->kvm);
	free(v);
}

/* The VM, no memory slot, one vCPU at the guest's entry. */
static vcpu_result vm_create(vcpu *v, char *why, size_t len)
{
	vcpu_env *env = v->env;
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	uint64_t pages;
	int n;

	/* Intel needs a TSS for real mode; put it above guest RAM. */
	if (ioctl(v->vm, KVM_SET_TSS_ADDR, 0xfffbd000UL) < 0)
		return fail(VCPU_FAILED, why, len, "KVM_SET_TSS_ADDR: %s",
			    strerror(errno));
	/* KVM sizes its cache of shadow page tables from the memory slots
	 * (2% of their pages); with none yet, it has room for nothing and
	 * KVM_RUN fails with ENOSPC.  Size it for all of guest RAM. */
	pages = env->g->size / GMEM_PAGE * 20 / 1000;
	if (pages < 64)
		pages = 64;
	if (pages > (1u << 30))
		pages = 1u << 30;
	if (ioctl(v->vm, KVM_SET_NR_MMU_PAGES, (unsigned long)pages) < 0)
		return fail(VCPU_FAILED, why, len, "KVM_SET_NR_MMU_PAGES: %s",
			    strerror(errno));
	if ((v->vcpu = ioctl(v->vm, KVM_CREATE_VCPU, 0)) < 0)
		return fail(VCPU_FAILED, why, len, "KVM_CREATE_VCPU: %s",
			    strerror(errno));
	if ((n = ioctl(v->kvm, KVM_GET_VCPU_MMAP_SIZE, 0)) <= 0)
		return fail(VCPU_FAILED, why, len, "KVM_GET_VCPU_MMAP_SIZE: %s",
			    strerror(errno));
	v->run_size = (size_t)n;
	v->run = mmap(NULL, v->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      v->vcpu, 0);
	if (v->run == MAP_FAILED) {
		v->run = NULL;
		return fail(VCPU_FAILED, why, len, "mmap of kvm_run: %s",
			    strerror(errno));
	}
	/* Real mode, flat code segment at 0: the guest starts at its
	 * entry point, which must therefore lie below 64 KiB. */
	if (ioctl(v->vcpu, KVM_GET_SREGS, &sregs) < 0)
		return fail(VCPU_FAILED, why, len, "KVM_GET_SREGS: %s",
			    strerror(errno));
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	if (ioctl(v->vcpu, KVM_SET_SREGS, &sregs) < 0)
		return fail(VCPU_FAILED, why, len, "KVM_SET_SREGS: %s",
			    strerror(errno));
	memset(&regs, 0, sizeof(regs));
	regs.rip = env->boot.entry;
	regs.rbx = env->boot.ebx;
	regs.rcx = env->boot.ecx;
	regs.rflags = 2; /* bit 1 is always set */
	if (ioctl(v->vcpu, KVM_SET_REGS, &regs) < 0)
		return fail(VCPU_FAILED, why, len, "KVM_SET_REGS: %s",
			    strerror(errno));
	return VCPU_HALTED;
}

static vcpu_result kvm_open(vcpu_env *env, vcpu **out, char *why, size_t len)
{
	vcpu *v = calloc(1, sizeof(*v));
	vcpu_result r;
	int slots;

	if (!v)
		return fail(VCPU_FAILED, why, len, "out of memory");
	v->env = env;
	v->vm = v->vcpu = -1;
	/* Missing, not ours to open, or no virtualization under it: KVM
	 * does not work here, and nothing has changed yet. */
	v->kvm = open(env->kvm_device, O_RDWR | O_CLOEXEC);
	if (v->kvm < 0) {
		r = fail(VCPU_NO_KVM, why, len, "%s: %s", env->kvm_device,
			 strerror(errno));
	} else if ((v->api = ioctl(v->kvm, KVM_GET_API_VERSION, 0)) !=
		   KVM_API_VERSION) {
		r = fail(VCPU_NO_KVM, why, len,
			 "%s: not KVM API version %d (%d)", env->kvm_device,
			 KVM_API_VERSION, v->api);
	} else if ((v->vm = ioctl(v->kvm, KVM_CREATE_VM, 0)) < 0) {
		r = fail(VCPU_NO_KVM, why, len, "%s: KVM_CREATE_VM: %s",
			 env->kvm_device, strerror(errno));
	} else if ((r = vm_create(v, why, len)) == VCPU_HALTED) {
		slots = ioctl(v->kvm, KVM_CHECK_EXTENSION, KVM_CAP_NR_MEMSLOTS);
		if (slots <= 0)
			slots = 32; /* the oldest KVM's fixed number */
		if (!physmap_init(&env->pm, env->g, &kvm_physmap, v,
				  (uint32_t)slots,
				  slots < KVM_COMPACT_AT ? (uint32_t)slots
							 : KVM_COMPACT_AT))
			r = fail(VCPU_FAILED, why, len, "%s", strerror(errno));
	}
	if (r != VCPU_HALTED) {
		kvm_close(v);
		return r;
	}
	/* KVM backs a guest page with a large host page only where host
	 * virtual and guest-physical addresses agree modulo its size. */
	if ((uintptr_t)env->g->base % (UINT64_C(2) << 20))
		fprintf(stderr,
			"vmm: warning: the shadow at %p is not 2 MiB aligned: "
			"KVM cannot map the guest with 2 MiB pages\n",
			(void *)env->g->base);
	*out = v;
	return r;
}

static void kvm_describe(const vcpu *v, char *buf, size_t len)
{
	snprintf(buf, len, "KVM API %d, %s", v->api, v->env->kvm_device);
}

static const char *suberror_name(uint32_t s)
{
	switch (s) {
	case KVM_INTERNAL_ERROR_EMULATION:
		return "emulation failure";
	case KVM_INTERNAL_ERROR_SIMUL_EX:
		return "simultaneous exceptions";
	case KVM_INTERNAL_ERROR_DELIVERY_EV:
		return "VM exit while delivering an event";
	case KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON:
		return "unexpected VM exit reason";
	}
	return "unknown";
}

/* Append to why at *n, never past len. */
static void add(char *why, size_t len, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add(char *why, size_t len, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*n >= len)
		return;
	va_start(ap, fmt);
	k = vsnprintf(why + *n, len - *n, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n += (size_t)k;
}

/* KVM_EXIT_INTERNAL_ERROR in one line: the suberror, where the vCPU
 * stood (cs:rip, and the guest-physical address KVM translates that to,
 * with whether guest RAM backs it), the bytes of
 * the instruction KVM could not emulate (or, where it does not say, what
 * guest memory holds there), and the suberror's raw data words. */
static vcpu_result internal_error(vcpu *v, char *why, size_t len)
{
	const struct kvm_run *r = v->run;
	gmem *g = v->env->g;
	uint32_t sub = r->internal.suberror, ndata = r->internal.ndata;
	struct kvm_translation tr;
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	uint32_t first = 0; /* the first data word not yet shown */
	size_t n = 0;
	bool at = false, in_ram = false, bytes = false;
	uint64_t gpa = 0;

	add(why, len, &n, "KVM internal error, suberror %u (%s)", sub,
	    suberror_name(sub));
	if (ioctl(v->vcpu, KVM_GET_REGS, &regs) == 0 &&
	    ioctl(v->vcpu, KVM_GET_SREGS, &sregs) == 0) {
		memset(&tr, 0, sizeof(tr));
		tr.linear_address = sregs.cs.base + regs.rip;
		at = ioctl(v->vcpu, KVM_TRANSLATE, &tr) == 0 && tr.valid;
		add(why, len, &n, " at cs:rip 0x%04x:0x%" PRIx64,
		    sregs.cs.selector, (uint64_t)regs.rip);
		if (at) {
			gpa = tr.physical_address;
			in_ram = gmem_contains(g, gpa, 1);
			add(why, len, &n, " (gpa 0x%" PRIx64 ", %s)", gpa,
			    in_ram ? "in guest RAM"
				   : "outside guest RAM: no memory slot");
		}
	}
	if (ndata > sizeof(r->internal.data) / sizeof(r->internal.data[0]))
		ndata = sizeof(r->internal.data) / sizeof(r->internal.data[0]);
	if (sub == KVM_INTERNAL_ERROR_EMULATION && ndata >= 1) {
		const uint8_t *b = r->emulation_failure.insn_bytes;
		unsigned size = r->emulation_failure.insn_size;
		first = 1;
		if (r->emulation_failure.flags &
			KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES &&
		    ndata >= 3) {
			first = 3;
			bytes = true;
			if (size > sizeof(r->emulation_failure.insn_bytes))
				size = sizeof(r->emulation_failure.insn_bytes);
			add(why, len, &n, ", instruction bytes");
			for (unsigned i = 0; i < size; i++)
				add(why, len, &n, " %02x", b[i]);
		}
	}
	/* Through the shadow: a page not yet granted is granted by the
	 * fault handler, as for any access of the VMM's. */
	if (!bytes && in_ram) {
		uint64_t k = g->size - gpa < 8 ? g->size - gpa : 8;
		const uint8_t *m = gmem_ptr(g, gpa);
		add(why, len, &n, ", guest memory there");
		for (uint64_t i = 0; i < k; i++)
			add(why, len, &n, " %02x", m[i]);
	}
	if (ndata > first) {
		add(why, len, &n, "; data");
		for (uint32_t i = first; i < ndata; i++)
			add(why, len, &n, " 0x%llx",
			    (unsigned long long)r->internal.data[i]);
	}
	return VCPU_FAILED;
}

/* An instruction fetch from guest-physical memory without a slot: KVM
 * cannot emulate what it cannot fetch.  Map the chunks under the first
 * and the last byte an instruction there can have; false when both are
 * mapped already (or outside guest RAM): a real emulation failure. */
static bool fetch_fault(vcpu *v, char *why, size_t len, bool *failed)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	bool mapped = false;

	*failed = false;
	if (ioctl(v->vcpu, KVM_GET_REGS, &regs) < 0 ||
	    ioctl(v->vcpu, KVM_GET_SREGS, &sregs) < 0)
		return false;
	for (unsigned k = 0; k < 2; k++) {
		struct kvm_translation tr;
		memset(&tr, 0, sizeof(tr));
		tr.linear_address = sregs.cs.base + regs.rip + (k ? 14 : 0);
		if (ioctl(v->vcpu, KVM_TRANSLATE, &tr) < 0 || !tr.valid ||
		    !gmem_contains(v->env->g, tr.physical_address, 1) ||
		    physmap_is_mapped(&v->env->pm, tr.physical_address))
			continue;
		if (physmap_fault(&v->env->pm, tr.physical_address, 1, why,
				  len) != PHYSMAP_MAPPED) {
			*failed = true;
			return false;
		}
		mapped = true;
	}
	return mapped;
}

/* A data access to guest-physical memory without a slot: map the chunk,
 * then do the access KVM handed over, through the shadow. */
static vcpu_result mmio(vcpu *v, char *why, size_t len)
{
	struct kvm_run *r = v->run;
	vcpu_env *env = v->env;
	uint64_t a = r->mmio.phys_addr;
	uint32_t n = r->mmio.len;

	if (n > sizeof(r->mmio.data))
		n = sizeof(r->mmio.data);
	if (physmap_fault(&env->pm, a, n, why, len) != PHYSMAP_MAPPED)
		return VCPU_FAILED;
	if (r->mmio.is_write)
		memcpy(gmem_ptr(env->g, a), r->mmio.data, n);
	else
		memcpy(r->mmio.data, gmem_ptr(env->g, a), n);
	if (physmap_wants_compaction(&env->pm) &&
	    !physmap_compact(&env->pm, why, len))
		return VCPU_FAILED;
	return VCPU_HALTED;
}

static void port_io(vcpu *v)
{
	struct kvm_run *r = v->run;
	uint8_t *d = (uint8_t *)r + r->io.data_offset;
	unsigned size = r->io.size;

	for (uint32_t i = 0; i < r->io.count; i++, d += size) {
		uint32_t x = 0;
		if (r->io.direction == KVM_EXIT_IO_OUT) {
			memcpy(&x, d, size < 4 ? size : 4);
			vcpu_port_out(v->env, r->io.port, size, x);
		} else {
			x = vcpu_port_in(v->env, r->io.port, size);
			memcpy(d, &x, size < 4 ? size : 4);
		}
	}
}

static vcpu_result kvm_run_guest(vcpu *v, char *why, size_t len)
{
	FILE *out = v->env->console;
	bool failed;

	if (v->env->boot.entry >= 0x10000)
		return fail(VCPU_FAILED, why, len,
			    "the guest's entry 0x%" PRIx64
			    " does not lie below 64 KiB, where a real-mode "
			    "start can reach it",
			    v->env->boot.entry);
	for (;;) {
		struct kvm_run *r = v->run;
		if (ioctl(v->vcpu, KVM_RUN, 0) < 0) {
			if (errno == EINTR)
				continue;
			fflush(out);
			/* EFAULT: the guest touched a host page that is
			 * not accessible (the shadow is granted first). */
			return fail(VCPU_FAILED, why, len, "KVM_RUN: %s",
				    strerror(errno));
		}
		switch (r->exit_reason) {
		case KVM_EXIT_HLT:
			fflush(out);
			return VCPU_HALTED;
		case KVM_EXIT_IO:
			port_io(v);
			break;
		case KVM_EXIT_MMIO:
			if (mmio(v, why, len) != VCPU_HALTED) {
				fflush(out);
				return VCPU_FAILED;
			}
			break;
		case KVM_EXIT_INTERNAL_ERROR:
			failed = false;
			if (r->internal.suberror ==
				KVM_INTERNAL_ERROR_EMULATION &&
			    fetch_fault(v, why, len, &failed))
				break;
			fflush(out);
			return failed ? VCPU_FAILED
				      : internal_error(v, why, len);
		case KVM_EXIT_SHUTDOWN:
			fflush(out);
			return fail(VCPU_FAILED, why, len,
				    "the guest shut down (a triple fault)");
		case KVM_EXIT_FAIL_ENTRY:
			fflush(out);
			return fail(VCPU_FAILED, why, len,
				    "KVM could not enter the guest: hardware "
				    "entry failure reason 0x%llx",
				    (unsigned long long)r->fail_entry
					.hardware_entry_failure_reason);
		default:
			fflush(out);
			return fail(VCPU_FAILED, why, len,
				    "the guest stopped with KVM exit reason "
				    "%u",
				    r->exit_reason);
		}
	}
}

const vcpu_backend vcpu_kvm = {
    .name = "kvm",
    .open = kvm_open,
    .run = kvm_run_guest,
    .describe = kvm_describe,
    .close = kvm_close,
};
