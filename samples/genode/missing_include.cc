/*
 * A component whose build adds an include folder this scan does not have:
 * the parse reports errors, and the calls that still resolve are checked.
 */
#include "genode.h"
#include <vmm/guest_memory.h> /* not in this tree */

using namespace Genode;

void map_guest(Env &env, Dataspace_capability ds)
{
	env.rm().attach_at(ds, 0x8000000, 0x400000);
	env.rm().attach_at(ds, Vmm::GUEST_BASE, 0x400000);
}
