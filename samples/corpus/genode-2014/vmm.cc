/*
 * A VMM of 2014, in the shape of Vancouver on NOVA: guest RAM from the
 * RAM session, a managed dataspace (an Rm_connection of its own) that
 * guest memory is mapped into, attached into the VMM's address space.
 * Written for vaslint's corpus; expectations in expect.yaml.
 */
#include "genode.h"

using namespace Genode;

class Guest_memory
{
	private:

		enum { GUEST_RAM = 0x4000000, FB_SIZE = 0x400000 };

		Ram_dataspace_capability _ds;
		Rm_connection            _shadow;
		Attached_ram_dataspace   _fb;

	public:

		Guest_memory()
		:
			_ds(env()->ram_session()->alloc(GUEST_RAM)),
			_shadow(0, 2 * GUEST_RAM),
			_fb(env()->ram_session(), FB_SIZE)
		{
			/* guest RAM at offset 0 of the shadow: no address */
			_shadow.attach_at(_ds, 0);

			/* a second copy past the shadow's end */
			_shadow.attach_at(_ds, 2 * GUEST_RAM, GUEST_RAM);

			/* the whole shadow into the VMM, in the context area */
			env()->rm_session()->attach(_shadow.dataspace(), 0, 0,
			                            true, 0x40000000);
		}
};

void map_io(Dataspace_capability io)
{
	/* uncached I/O memory, 8 KiB, no offset argument */
	Attached_ram_dataspace dma(env()->ram_session(), 0x2000, UNCACHED);

	env()->rm_session()->attach_at(io, 0x10000000, 0x1000);
}
