/*
 * RAM in 2021: alloc, the then new try_alloc, Attached_ram_dataspace,
 * attach with its defaults.  Written for vaslint's corpus; expectations
 * in expect.yaml.
 */
#include "genode.h"

using namespace Genode;

struct Main
{
	Env &_env;

	Attached_ram_dataspace _ring { _env.ram(), _env.rm(), 0x200000 };

	Main(Env &env) : _env(env)
	{
		Ram_dataspace_capability ds = _env.ram().alloc(0x400000, UNCACHED);

		/* anywhere, the whole dataspace */
		_env.rm().attach(ds);

		Ram_allocator::Alloc_result r = _env.ram().try_alloc(0x2000);
		(void)r;
	}
};
