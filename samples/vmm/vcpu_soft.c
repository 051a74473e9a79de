/* The soft backend: the guest on Unicorn, an x86 CPU in software (QEMU's
 * translator as a library), for machines without KVM.
 *
 * Guest RAM starts unmapped in Unicorn's address space.  A guest access
 * to an unmapped address calls the unmapped-memory hook, which maps the
 * chunk around it with uc_mem_map_ptr at the shadow's host address (as
 * KVM_SET_USER_MEMORY_REGION does) and lets the access retry.  Port I/O
 * comes through the IN and OUT instruction hooks; HLT ends uc_emu_start.
 *
 * QEMU's memory map holds a few thousand regions at most (an assertion
 * stops the process beyond), and every map or unmap rebuilds its page
 * map, in time that grows with the regions held, so regions are merged
 * once SOFT_COMPACT_AT are held (16: measured fastest, against 8 to 128,
 * for 256 MiB in 4 KiB chunks).  Unmapping a region from inside a hook would
 * pull memory from under the translated block that is running, so the hook only
 * asks Unicorn to stop; the regions are merged between two runs and the guest
 * goes on where it stopped. */
#include "vcpu.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unicorn/unicorn.h>

#define SOFT_SLOTS	2048
#define SOFT_COMPACT_AT 16

struct vcpu {
	vcpu_env *env;
	uc_engine *uc;
	bool compact; /* the hook stopped the run to merge regions */
	bool failed;  /* the hook refused an access: why says why */
	char why[512];
};

static vcpu_result fail(char *why, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static vcpu_result fail(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return VCPU_FAILED;
}

static bool region_map(void *ctx, uint32_t slot, uint64_t gpa, uint64_t size,
		       void *hva, char *why, size_t len)
{
	vcpu *v = ctx;
	uc_err e = uc_mem_map_ptr(v->uc, gpa, size, UC_PROT_ALL, hva);

	(void)slot;
	if (e == UC_ERR_OK)
		return true;
	fail(why, len,
	     "uc_mem_map_ptr (guest-physical [0x%" PRIx64 ", 0x%" PRIx64
	     ")): %s",
	     gpa, gpa + size, uc_strerror(e));
	return false;
}

static bool region_unmap(void *ctx, uint32_t slot, uint64_t gpa, uint64_t size,
			 char *why, size_t len)
{
	vcpu *v = ctx;
	uc_err e = uc_mem_unmap(v->uc, gpa, size);

	(void)slot;
	if (e == UC_ERR_OK)
		return true;
	fail(why, len,
	     "uc_mem_unmap (guest-physical [0x%" PRIx64 ", 0x%" PRIx64 ")): %s",
	     gpa, gpa + size, uc_strerror(e));
	return false;
}

static const physmap_ops soft_physmap = {region_map, region_unmap};

/* An access to guest-physical memory that is not mapped yet. */
static bool on_unmapped(uc_engine *uc, uc_mem_type type, uint64_t address,
			int size, int64_t value, void *data)
{
	vcpu *v = data;
	physmap *pm = &v->env->pm;

	(void)type;
	(void)value;
	if (physmap_fault(pm, address, size > 0 ? (uint64_t)size : 1, v->why,
			  sizeof(v->why)) != PHYSMAP_MAPPED) {
		v->failed = true;
		return false; /* uc_emu_start returns with the error */
	}
	if (physmap_wants_compaction(pm) && !v->compact) {
		v->compact = true;
		uc_emu_stop(uc);
	}
	return true; /* the access is retried */
}

static void on_out(uc_engine *uc, uint32_t port, int size, uint32_t value,
		   void *data)
{
	vcpu *v = data;

	(void)uc;
	vcpu_port_out(v->env, (uint16_t)port, (unsigned)size, value);
}

static uint32_t on_in(uc_engine *uc, uint32_t port, int size, void *data)
{
	vcpu *v = data;

	(void)uc;
	return vcpu_port_in(v->env, (uint16_t)port, (unsigned)size);
}

static void soft_close(vcpu *v)
{
	if (!v)
		return;
	if (v->uc)
		uc_close(v->uc);
	free(v);
}

/* The reset state the KVM backend starts from, as far as the guest can
 * tell: real mode, segments 0, IP the entry, EBX and ECX the boot values. */
static uc_err set_boot_state(vcpu *v)
{
	const vcpu_boot *b = &v->env->boot;
	static const int seg[] = {UC_X86_REG_CS, UC_X86_REG_DS, UC_X86_REG_ES,
				  UC_X86_REG_SS, UC_X86_REG_FS, UC_X86_REG_GS};
	uint64_t zero = 0, ebx = b->ebx, ecx = b->ecx, flags = 2;
	uc_err e = UC_ERR_OK;

	for (size_t i = 0; i < sizeof(seg) / sizeof(seg[0]) && !e; i++)
		e = uc_reg_write(v->uc, seg[i], &zero);
	if (!e)
		e = uc_reg_write(v->uc, UC_X86_REG_EBX, &ebx);
	if (!e)
		e = uc_reg_write(v->uc, UC_X86_REG_ECX, &ecx);
	if (!e)
		e = uc_reg_write(v->uc, UC_X86_REG_EFLAGS, &flags);
	return e;
}

static vcpu_result soft_open(vcpu_env *env, vcpu **out, char *why, size_t len)
{
	vcpu *v = calloc(1, sizeof(*v));
	uc_hook h;
	uc_err e;

	if (!v)
		return fail(why, len, "out of memory");
	v->env = env;
	/* 16-bit: the mode real mode starts in; the guest switches on. */
	if ((e = uc_open(UC_ARCH_X86, UC_MODE_16, &v->uc)) != UC_ERR_OK) {
		v->uc = NULL;
		soft_close(v);
		return fail(why, len, "Unicorn: uc_open: %s", uc_strerror(e));
	}
	/* No exits: only HLT, a hook or an error end uc_emu_start, not
	 * its "until" address. */
	if ((e = uc_ctl_exits_enable(v->uc)) != UC_ERR_OK ||
	    (e = uc_hook_add(v->uc, &h, UC_HOOK_MEM_UNMAPPED, on_unmapped, v, 1,
			     0)) != UC_ERR_OK ||
	    (e = uc_hook_add(v->uc, &h, UC_HOOK_INSN, on_out, v, 1, 0,
			     UC_X86_INS_OUT)) != UC_ERR_OK ||
	    (e = uc_hook_add(v->uc, &h, UC_HOOK_INSN, on_in, v, 1, 0,
			     UC_X86_INS_IN)) != UC_ERR_OK ||
	    (e = set_boot_state(v)) != UC_ERR_OK) {
		soft_close(v);
		return fail(why, len, "Unicorn: %s", uc_strerror(e));
	}
	if (!physmap_init(&env->pm, env->g, &soft_physmap, v, SOFT_SLOTS,
			  SOFT_COMPACT_AT)) {
		soft_close(v);
		return fail(why, len, "out of memory");
	}
	*out = v;
	return VCPU_HALTED;
}

static void soft_describe(const vcpu *v, char *buf, size_t len)
{
	unsigned major, minor, all;

	(void)v;
	/* major << 24 | minor << 16 | patch << 8 | extra */
	all = uc_version(&major, &minor);
	snprintf(buf, len, "Unicorn %u.%u.%u, a software CPU", major, minor,
		 all >> 8 & 0xff);
}

static vcpu_result soft_run(vcpu *v, char *why, size_t len)
{
	const vcpu_boot *b = &v->env->boot;
	uint64_t cs = 0, eip = b->entry;

	if (b->entry >= 0x10000)
		return fail(why, len,
			    "the guest's entry 0x%" PRIx64
			    " does not lie below 64 KiB, where a real-mode "
			    "start can reach it",
			    b->entry);
	for (;;) {
		/* Unicorn opened in 16-bit mode takes the start address as
		 * CS * 16 + IP, whatever mode the guest has switched to. */
		uc_err e = uc_emu_start(v->uc, cs * 16 + eip, 0, 0, 0);
		fflush(v->env->console);
		uc_reg_read(v->uc, UC_X86_REG_CS, &cs);
		uc_reg_read(v->uc, UC_X86_REG_EIP, &eip);
		cs &= 0xffff;
		eip &= 0xffffffff;
		if (v->failed)
			return fail(why, len,
				    "%s (at cs:eip 0x%04" PRIx64 ":0x%" PRIx64
				    ")",
				    v->why, cs, eip);
		if (e != UC_ERR_OK)
			return fail(
			    why, len,
			    "the soft vCPU stopped at cs:eip 0x%04" PRIx64
			    ":0x%" PRIx64 ": %s",
			    cs, eip, uc_strerror(e));
		if (!v->compact)
			return VCPU_HALTED; /* nothing else ends a run */
		v->compact = false;
		if (!physmap_compact(&v->env->pm, why, len))
			return VCPU_FAILED;
	}
}

const vcpu_backend vcpu_soft = {
    .name = "soft",
    .open = soft_open,
    .run = soft_run,
    .describe = soft_describe,
    .close = soft_close,
};
