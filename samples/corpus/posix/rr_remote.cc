/*
 * rr maps memory into a tracee with remote system calls; in the shape of
 * rr's scratch-buffer and syscallbuf setup (src/RecordTask.cc,
 * src/Task.cc).  Written for vaslint's corpus; expectations in
 * expect.yaml.
 */
#include <sys/mman.h>

#include "wrappers.h"

void map_buffers(rr::AutoRemoteSyscalls &remote)
{
	/* a 2 GiB data buffer at a fixed place, then a guard page */
	remote.infallible_mmap_syscall(rr::remote_ptr<void>(0x70001000),
				       0x80000000UL, PROT_READ | PROT_WRITE,
				       MAP_ANONYMOUS | MAP_PRIVATE | MAP_FIXED,
				       -1, 0);

	/* scratch memory anywhere */
	remote.infallible_mmap_syscall(rr::remote_ptr<void>(), 4096,
				       PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}
