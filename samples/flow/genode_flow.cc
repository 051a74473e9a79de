/*
 * Values that flow into Genode's attach(ds, Attr): a local Attr filled
 * by member assignment, one built by a helper, a constant from a helper
 * function, and what must stay unknown.  Written for vaslint's samples;
 * the API is samples/genode/genode.h.
 */
#include "../genode/genode.h"

using namespace Genode;

/* Genode's stack_area_virtual_base() is defined in a .cc of its own;
 * here it is in this file. */
static addr_t stack_area_virtual_base() { return 0x40000000; }

static Region_map::Attr fixed_at(addr_t at, size_t size)
{
	return Region_map::Attr{size, 0, true, at, false, true};
}

static Region_map::Attr framebuffer_attr()
{
	return Region_map::Attr{.size = 8 << 20,
				.offset = 0,
				.use_at = true,
				.at = 0x20000000,
				.executable = false,
				.writeable = true};
}

struct Vmm {
	Region_map &rm;

	void attach_all(Dataspace_capability ds, bool big, size_t n)
	{
		/* filled member by member */
		Region_map::Attr attr{};
		attr.size = 1 << 20;
		attr.use_at = true;
		attr.at = stack_area_virtual_base();
		rm.attach(ds, attr); /* reserved-overlap */

		/* built by a helper that returns braces */
		Region_map::Attr fb = framebuffer_attr();
		rm.attach(ds, fb);

		/* a size computed in steps */
		size_t const page = 0x1000;
		size_t len = 4 * page;
		len <<= 10;
		Region_map::Attr guest{};
		guest.size = len;
		guest.offset = 0;
		rm.attach(ds, guest);

		/* assigned in a branch: unknown, with the line */
		size_t size = 0x100000;
		if (big)
			size = 0x400000;
		rm.attach(ds, {.size = size,
			       .offset = 0,
			       .use_at = false,
			       .at = 0,
			       .executable = false,
			       .writeable = true});

		/* a helper with parameters, bound to the arguments: at
		 * 0x30000000; the size is the caller's n, unknown */
		rm.attach(ds, fixed_at(0x30000000, n));

		/* the whole dataspace, not fixed */
		Region_map::Attr whole{};
		rm.attach(ds, whole);
	}
};
