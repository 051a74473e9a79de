/* One vCPU with KVM: guest RAM as memory slot 0, the guest started in
 * real mode at its entry point, its console port printed, HLT the end. */
#ifndef VMM_VCPU_H
#define VMM_VCPU_H

#include <stdio.h>

#include "guestmem.h"
#include "loader.h"

/* The guest writes its console output to this I/O port, one byte per OUT
 * (the port Bochs and QEMU use for their debug console). */
#define VCPU_CONSOLE_PORT 0xe9

typedef enum vcpu_result {
	VCPU_HALTED, /* the guest ran and executed HLT */
	VCPU_NO_KVM, /* /dev/kvm is missing or not usable: nothing ran */
	VCPU_FAILED, /* KVM refused something, or the guest crashed */
} vcpu_result;

/* Run img (already loaded into g) until HLT, copying the console to out.
 * Everything but VCPU_HALTED leaves a one-line reason in why. */
vcpu_result vcpu_run(gmem *g, const guest_image *img, FILE *out, char *why,
		     size_t whylen);

#endif
