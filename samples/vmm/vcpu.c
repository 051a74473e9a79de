#include "vcpu.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define M2 UINT64_C(0x200000)
#define G1 UINT64_C(0x40000000)

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

typedef struct vm {
	int kvm, vm, vcpu;
	struct kvm_run *run;
	size_t run_size;
} vm;

static void vm_close(vm *v)
{
	if (v->run)
		munmap(v->run, v->run_size);
	if (v->vcpu >= 0)
		close(v->vcpu);
	if (v->vm >= 0)
		close(v->vm);
	if (v->kvm >= 0)
		close(v->kvm);
}

/* The VM with guest RAM in slot 0 and one vCPU at the guest's entry. */
static vcpu_result vm_create(vm *v, gmem *g, const guest_image *img, char *why,
			     size_t len)
{
	struct kvm_userspace_memory_region slot = {
	    .slot = 0,
	    .guest_phys_addr = 0,
	    .memory_size = g->size,
	    .userspace_addr = (uintptr_t)g->base,
	};
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	int n;

	if (ioctl(v->kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		return fail(VCPU_FAILED, why, len,
			    "/dev/kvm: unexpected API version");
	if ((v->vm = ioctl(v->kvm, KVM_CREATE_VM, 0)) < 0)
		return fail(VCPU_FAILED, why, len, "KVM_CREATE_VM: %s",
			    strerror(errno));
	/* Intel needs a TSS for real mode; put it above guest RAM. */
	if (ioctl(v->vm, KVM_SET_TSS_ADDR, 0xfffbd000UL) < 0)
		return fail(VCPU_FAILED, why, len, "KVM_SET_TSS_ADDR: %s",
			    strerror(errno));
	if (ioctl(v->vm, KVM_SET_USER_MEMORY_REGION, &slot) < 0)
		return fail(VCPU_FAILED, why, len,
			    "KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
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
	regs.rip = img->entry;
	regs.rflags = 2; /* bit 1 is always set */
	if (ioctl(v->vcpu, KVM_SET_REGS, &regs) < 0)
		return fail(VCPU_FAILED, why, len, "KVM_SET_REGS: %s",
			    strerror(errno));
	return VCPU_HALTED;
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
 * with whether guest RAM, that is memory slot 0, backs it), the bytes of
 * the instruction KVM could not emulate (or, where it does not say, what
 * guest memory holds there), and the suberror's raw data words. */
static vcpu_result internal_error(vm *v, gmem *g, char *why, size_t len)
{
	const struct kvm_run *r = v->run;
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
	/* All of guest RAM is granted before the run: reading it through
	 * the shadow takes no fault. */
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

static vcpu_result vm_loop(vm *v, gmem *g, FILE *out, char *why, size_t len)
{
	for (;;) {
		struct kvm_run *r = v->run;
		if (ioctl(v->vcpu, KVM_RUN, 0) < 0) {
			if (errno == EINTR)
				continue;
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
			if (r->io.direction == KVM_EXIT_IO_OUT &&
			    r->io.port == VCPU_CONSOLE_PORT)
				fwrite((char *)r + r->io.data_offset,
				       r->io.size, r->io.count, out);
			break; /* other ports: ignored, as by a bus */
		case KVM_EXIT_INTERNAL_ERROR:
			fflush(out);
			return internal_error(v, g, why, len);
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

vcpu_result vcpu_run(gmem *g, const guest_image *img, FILE *out, char *why,
		     size_t len)
{
	vm v = {.kvm = -1, .vm = -1, .vcpu = -1};
	vcpu_result res;

	v.kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (v.kvm < 0)
		return fail(VCPU_NO_KVM, why, len, "/dev/kvm: %s",
			    strerror(errno));
	/* KVM backs a guest page with a large host page only where host
	 * virtual and guest-physical addresses agree modulo its size. */
	if ((uintptr_t)g->base % M2)
		fprintf(stderr,
			"vmm: warning: the shadow at %p is not 2 MiB aligned: "
			"KVM cannot map the guest with 2 MiB pages\n",
			(void *)g->base);
	if (img->entry >= 0x10000)
		res = fail(VCPU_FAILED, why, len,
			   "the guest's entry 0x%" PRIx64
			   " does not lie below 64 KiB, where a real-mode "
			   "start can reach it",
			   img->entry);
	/* KVM does not deliver guest faults as signals: grant all of guest
	 * RAM first, in naturally aligned chunks. */
	else if (!gmem_grant_range(g, 0, g->size, G1))
		res = fail(VCPU_FAILED, why, len,
			   "cannot make guest RAM accessible: %s",
			   strerror(errno));
	else if ((res = vm_create(&v, g, img, why, len)) == VCPU_HALTED)
		res = vm_loop(&v, g, out, why, len);
	vm_close(&v);
	return res;
}
