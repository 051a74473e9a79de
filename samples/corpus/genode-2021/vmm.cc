/*
 * A VMM of 2021, in the shape of the Seoul port of that time: guest RAM
 * attached into the VM session (guest-physical) and into the VMM, a
 * region map of its own for guest devices, a ROM region.  Written for
 * vaslint's corpus; expectations in expect.yaml.
 */
#include "genode.h"

using namespace Genode;

struct Guest_memory
{
	enum { GUEST_RAM = 0x4000000 };

	Env                     &_env;
	Vm_connection           &_vm;
	Ram_dataspace_capability _ds { _env.ram().alloc(GUEST_RAM) };
	Rm_connection            _rm { _env };
	Region_map_client        _devices { _rm.create(0x100000) };

	Guest_memory(Env &env, Vm_connection &vm) : _env(env), _vm(vm)
	{
		/* guest-physical: never a component address */
		_vm.attach(_ds, 0, { 0, GUEST_RAM, true, true });

		/* the VMM's window on guest RAM */
		_env.rm().attach(_ds, GUEST_RAM, 0, true, 0x80000000);

		/* the device region map: above the window */
		_env.rm().attach_at(_devices.dataspace(), 0x90000000);

		/* an MMIO page at its guest-physical offset in the map */
		_devices.attach_at(_ds, 0xfe000, 0x1000);

		/* one page past the map's end */
		_devices.attach_at(_ds, 0x100000, 0x1000);
	}
};

void map_rom(Env &env, Dataspace_capability rom)
{
	/* a 4 MiB ROM at an address that is only 4 KiB aligned */
	env.rm().attach_at(rom, 0x20001000, 0x400000);

	/* the stack area of 2021: every kernel at 0x40000000 */
	env.rm().attach(rom, 0x100000, 0, true, (void *)0x40000000);

	/* executable at an offset that is only 4 KiB aligned */
	env.rm().attach_executable(rom, 0x30000000, 0x200000, 0x1000);
}
