/* One vCPU on one of two backends, kvmtool-style: one file per backend
 * behind this interface, everything else shared.
 *
 *   kvm   vcpu_kvm.c   KVM through /dev/kvm: the fast path
 *   soft  vcpu_soft.c  Unicorn, a CPU in software: where KVM is missing
 *
 * Both start the guest alike (real mode, CS 0, IP its entry point, EBX
 * its RAM size, ECX --guest-arg), begin with nothing mapped in its
 * guest-physical space and map it on demand (physmap.h), send port I/O
 * to vcpu_port_out/vcpu_port_in (the console on port 0xe9), and end at
 * HLT. */
#ifndef VMM_VCPU_H
#define VMM_VCPU_H

#include <stdio.h>

#include "guestmem.h"
#include "loader.h"
#include "physmap.h"

/* The guest writes its console output to this I/O port, one byte per OUT
 * (the port Bochs and QEMU use for their debug console). */
#define VCPU_CONSOLE_PORT 0xe9

typedef enum vcpu_result {
	VCPU_HALTED, /* the guest ran and executed HLT */
	VCPU_NO_KVM, /* KVM is missing or not usable: nothing ran */
	VCPU_FAILED, /* the backend refused something, or the guest crashed */
} vcpu_result;

typedef enum vcpu_choice {
	VCPU_AUTO, /* KVM where it works, otherwise soft */
	VCPU_KVM,
	VCPU_SOFT,
} vcpu_choice;

/* The guest's state at its first instruction, beyond the reset state. */
typedef struct vcpu_boot {
	uint64_t entry; /* IP with CS 0 in real mode: below 64 KiB */
	uint32_t ebx;	/* guest RAM in bytes (at most 4G - 4K) */
	uint32_t ecx;	/* --guest-arg */
} vcpu_boot;

/* What a backend works with; the backend's open sets up pm. */
typedef struct vcpu_env {
	gmem *g;
	physmap pm;
	const char *backend; /* the name of the backend that opened it */
	vcpu_boot boot;
	FILE *console;
	const char *kvm_device; /* "/dev/kvm" */
	uint64_t port_ins, port_outs;
} vcpu_env;

typedef struct vcpu vcpu; /* a backend's own state */

typedef struct vcpu_backend {
	const char *name; /* "kvm", "soft" */
	/* Set up the vCPU at the boot state and an empty guest-physical
	 * space in env->pm.  VCPU_NO_KVM: this backend cannot run here, and
	 * nothing was changed. */
	vcpu_result (*open)(vcpu_env *env, vcpu **v, char *why, size_t len);
	/* Run to HLT. */
	vcpu_result (*run)(vcpu *v, char *why, size_t len);
	/* What runs the guest, for the start-up line ("KVM API 12"). */
	void (*describe)(const vcpu *v, char *buf, size_t len);
	void (*close)(vcpu *v);
} vcpu_backend;

extern const vcpu_backend vcpu_kvm, vcpu_soft;

/* Open the backend c asks for.  Auto opens KVM where that works and soft
 * otherwise, with KVM's reason in fallback ("" when there was none). */
vcpu_result vcpu_open(vcpu_choice c, vcpu_env *env, const vcpu_backend **b,
		      vcpu **v, char *why, size_t len, char *fallback,
		      size_t fallback_len);

/* The port space: the console on VCPU_CONSOLE_PORT; writes to any other
 * port are dropped and reads return all ones, as from an empty bus. */
void vcpu_port_out(vcpu_env *env, uint16_t port, unsigned size, uint32_t value);
uint32_t vcpu_port_in(vcpu_env *env, uint16_t port, unsigned size);

#endif
