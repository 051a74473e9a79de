/*
 * A component that attaches its own dataspace at an address computed
 * from the stack area's base, defined in stack_area.cc: known when both
 * files are scanned (one run, or one compile database), unknown with the
 * reason when only this one is.
 */
#include "stack_area.h"

using namespace Genode;

void attach_stack(Region_map &rm, Dataspace_capability ds)
{
	/* at the stack area's base + 1 MiB: reserved-overlap */
	Region_map::Attr attr{};
	attr.size = 0x100000;
	attr.use_at = true;
	attr.at = stack_area_virtual_base() + 0x100000;
	rm.attach(ds, attr);

	/* the size from the other file, not fixed */
	rm.attach(ds, {.size = stack_area_virtual_size(),
		       .offset = 0,
		       .use_at = false,
		       .at = 0,
		       .executable = false,
		       .writeable = true});
}
