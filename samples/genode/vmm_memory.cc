/*
 * A VMM's memory set-up with the Genode API before 2024: RAM for the guest,
 * a managed dataspace as its shadow, a framebuffer and a ROM attached at
 * fixed addresses.  Written for vaslint's samples; the comments at the end
 * of a line say what `vaslint check` finds there (layout
 * genode-nova-x86_32: 4 KiB and 4 MiB pages, stack area at 0x40000000).
 */
#include "genode.h"

using namespace Genode;

#define PAGE_SIZE 4096UL
#define MIB(x)	  ((x) << 20)

enum { GUEST_RAM = 64 << 20, FB_BASE = 0x20000000 };

static constexpr size_t mib(size_t n)
{
	return n << 20;
}

static constexpr addr_t STACK_AREA = 0x40000000;

struct Vmm {
	Env &env;
	size_t dyn_size;

	void setup(Dataspace_capability rom)
	{
		/* 4 MiB and one page: a 4 KiB tail after a 4 MiB page */
		Ram_dataspace_capability io = env.ram().alloc(
		    MIB(4UL) + PAGE_SIZE); /* unalignable-size */

		/* naturally aligned: clean */
		Ram_dataspace_capability guest = env.ram().alloc(GUEST_RAM);

		/* into the stack area */
		env.rm().attach_at(io, STACK_AREA,
				   mib(1)); /* reserved-overlap */

		/* 4 MiB at an address that is only 4 KiB aligned */
		env.rm().attach_at(rom, FB_BASE + 0x1000,
				   MIB(4UL)); /* unaligned-request */

		/* the old six-argument form, the address through a cast */
		env.rm().attach(guest, GUEST_RAM, 0, true, (void *)0x10000000);

		/* defaults: the whole dataspace, anywhere */
		env.rm().attach(guest);

		/* a size known only at run time */
		env.rm().attach(rom, dyn_size);

		attach_executable_rom(rom);
	}

	void attach_executable_rom(Dataspace_capability rom)
	{
		env.rm().attach_executable(rom, 0x30000000, mib(2), 0x1000);
	}
};

void construct(Env &env)
{
	static Vmm vmm{env, 0};
	static Attached_ram_dataspace fb(env.ram(), env.rm(), mib(8));
	static Rm_connection rm(env);

	/* the guest shadow: a managed dataspace the size of guest RAM */
	rm.create(GUEST_RAM);
	vmm.setup(Dataspace_capability());
}
