/* vCPU stacks: VCPUS comes from the compile command. */
#define _GNU_SOURCE
#include <stddef.h>
#include <sys/mman.h>

#include <layout.h>

void *vcpu_stacks(void)
{
	return mmap(NULL, VCPUS * STACK_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}
