/*
 * A VMM of today, in the shape of Genode's Seoul and VirtualBox ports:
 * guest RAM from the RAM allocator, attached into the guest-physical
 * space of the VM session (no component address) and into the VMM's own
 * address space.  Written for vaslint's corpus; expectations in
 * expect.yaml.
 */
#include "genode.h"

using namespace Genode;

enum { GUEST_RAM_SIZE = 64 * 1024 * 1024 };

struct Vmm
{
	Env &_env;

	Vm_connection _vm { _env };

	Ram_dataspace_capability _guest_ram = _env.ram().alloc(GUEST_RAM_SIZE);

	/* a frame buffer the VMM keeps for itself */
	Attached_ram_dataspace _fb { _env.ram(), _env.rm(), 8 * 1024 * 1024 };

	void _map_guest_ram()
	{
		/* guest-physical: never a component address */
		_vm.attach(_guest_ram, 0, { .offset = 0, .size = GUEST_RAM_SIZE,
		                            .executable = true, .writeable = true });

		/* the VMM's window on guest RAM, above the shadow */
		_env.rm().attach(_guest_ram, { .size = GUEST_RAM_SIZE, .offset = 0,
		                               .use_at = true, .at = 0x80000000,
		                               .executable = false,
		                               .writeable = true });
	}

	void _map_bios(Dataspace_capability bios)
	{
		/* 1 MiB at 0x40000000: inside the stack area */
		_env.rm().attach(bios, { .size = 0x100000, .offset = 0,
		                         .use_at = true, .at = 0x40000000,
		                         .executable = false, .writeable = true });

		/* guest-physical again, at the BIOS's place */
		_vm.attach(bios, 0xf0000, { .offset = 0, .size = 0x10000,
		                            .executable = true, .writeable = false });
	}

	Vmm(Env &env) : _env(env)
	{
		_map_guest_ram();
	}
};
