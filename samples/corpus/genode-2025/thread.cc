/*
 * A component that places its own dataspaces relative to the stack area,
 * whose base and size are constants defined in another translation unit
 * (stack_area.cc), and one at a constant defined nowhere in this folder.
 * Written for vaslint's corpus; expectations in expect.yaml.
 */
#include "stack_area.h"

using namespace Genode;

struct Stacks
{
	Env &_env;

	void attach(Dataspace_capability ds)
	{
		/* 64 KiB at the stack area's base + 1 MiB: inside it */
		_env.rm().attach(ds, { .size = 0x10000, .offset = 0,
		                       .use_at = true,
		                       .at = stack_area_virtual_base_value + 0x100000,
		                       .executable = false, .writeable = true });

		/* the stack area's size, not fixed */
		_env.rm().attach(ds, { .size = stack_area_virtual_size_value,
		                       .offset = 0, .use_at = false, .at = 0,
		                       .executable = false, .writeable = true });

		/* just above the stack area, through the function */
		_env.rm().attach(ds, { .size = 0x10000, .offset = 0,
		                       .use_at = true,
		                       .at = stack_area_virtual_base() + 0x10000000,
		                       .executable = false, .writeable = true });

		/* defined in no file scanned: unknown */
		_env.rm().attach(ds, { .size = 0x1000, .offset = 0,
		                       .use_at = true, .at = platform_io_base,
		                       .executable = false, .writeable = true });
	}

	Stacks(Env &env) : _env(env) { }
};
