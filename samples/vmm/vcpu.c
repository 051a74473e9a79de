/* What both vCPU backends share: choosing one, and the port space. */
#include "vcpu.h"

#include <string.h>

vcpu_result vcpu_open(vcpu_choice c, vcpu_env *env, const vcpu_backend **b,
		      vcpu **v, char *why, size_t len, char *fallback,
		      size_t fallback_len)
{
	vcpu_result r;

	*fallback = 0;
	if (c != VCPU_SOFT) {
		*b = &vcpu_kvm;
		env->backend = vcpu_kvm.name;
		r = vcpu_kvm.open(env, v, why, len);
		if (r != VCPU_NO_KVM || c == VCPU_KVM)
			return r;
		snprintf(fallback, fallback_len, "%s", why);
	}
	*b = &vcpu_soft;
	env->backend = vcpu_soft.name;
	return vcpu_soft.open(env, v, why, len);
}

void vcpu_port_out(vcpu_env *env, uint16_t port, unsigned size, uint32_t value)
{
	env->port_outs++;
	if (port != VCPU_CONSOLE_PORT)
		return;
	/* little-endian, as the guest wrote it */
	for (unsigned i = 0; i < size && i < 4; i++)
		fputc((int)(value >> (8 * i) & 0xff), env->console);
}

uint32_t vcpu_port_in(vcpu_env *env, uint16_t port, unsigned size)
{
	(void)port;
	env->port_ins++;
	return size >= 4 ? UINT32_MAX : (UINT32_C(1) << (8 * size)) - 1;
}
