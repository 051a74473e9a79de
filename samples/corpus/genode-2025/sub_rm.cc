/*
 * Region maps of the component's own (managed dataspaces), in the shapes
 * of Genode's sub_rm test and of its libc's mmap: a local, a member with
 * a default initializer and one initialized in the constructor.  An
 * attach into one is at an offset inside it.  Written for vaslint's
 * corpus; expectations in expect.yaml.
 */
#include "genode.h"

using namespace Genode;

static void test_sub_rm(Env &env)
{
	size_t const SUB_RM_SIZE = 1024 * 1024;
	Rm_connection rm(env);

	Region_map_client sub_rm(rm.create(SUB_RM_SIZE));

	Ram_dataspace_capability ds = env.ram().alloc(4 * 4096);

	/* offset 0x4000 in the sub region map, no address */
	sub_rm.attach(ds, { .size = 4 * 4096, .offset = 0, .use_at = true,
	                    .at = 0x4000, .executable = false,
	                    .writeable = true });

	/* 12 KiB at 8 KiB below the end: reaches past it */
	sub_rm.attach(ds, { .size = 3 * 4096, .offset = 0, .use_at = true,
	                    .at = SUB_RM_SIZE - 2 * 4096, .executable = false,
	                    .writeable = true });

	/* the whole sub region map into the component's address space */
	env.rm().attach(sub_rm.dataspace(), { .size = 0, .offset = 0,
	                                      .use_at = true, .at = 0x60000000,
	                                      .executable = false,
	                                      .writeable = true });
}

struct Heap_area
{
	enum { AREA_SIZE = 0x400000 };

	Env &_env;

	Rm_connection _rm { _env };

	Region_map_client _area { _rm.create(AREA_SIZE) };

	Region_map_client _small;

	Heap_area(Env &env)
	: _env(env), _small(_rm.create(0x10000))
	{
		Ram_dataspace_capability ds = _env.ram().alloc(0x200000);

		/* naturally aligned inside the area */
		_area.attach(ds, { .size = 0x200000, .offset = 0, .use_at = true,
		                   .at = 0x200000, .executable = false,
		                   .writeable = true });

		/* 64 KiB of the dataspace's second half, at the end of
		 * _small: outside it */
		_small.attach(ds, { .size = 0x10000, .offset = 0x100000,
		                    .use_at = true, .at = 0x10000,
		                    .executable = false, .writeable = true });
	}
};
