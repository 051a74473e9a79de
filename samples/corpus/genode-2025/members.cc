/*
 * Sizes and addresses from data members of the VMM itself: a const
 * member with a default initializer, members every constructor
 * initializes alike, and near misses that stay unknown (a member a
 * method changes, constructors that disagree, one initialized from a
 * parameter).  Written for vaslint's corpus; expectations in
 * expect.yaml.
 */
#include "genode.h"

using namespace Genode;

class Member_vmm
{
	private:

		Env &_env;

		size_t const _guest_size = 256 * 1024 * 1024;

		/* every constructor gives the same */
		addr_t _window_at;
		size_t _window_size = 0x200000;

		/* changed in a method after the constructor */
		size_t _shared_size = 0x1000;

		/* the constructors disagree */
		addr_t _mmio_at;

		/* from a constructor's parameter */
		size_t _boot_size;

		Attached_ram_dataspace _guest_ram { _env.ram(), _env.rm(),
		                                    _guest_size };

		void _map(Dataspace_capability ds)
		{
			_env.rm().attach(ds, { .size = _window_size, .offset = 0,
			                       .use_at = true, .at = _window_at,
			                       .executable = false,
			                       .writeable = true });

			_env.rm().attach(ds, { .size = _shared_size, .offset = 0,
			                       .use_at = true, .at = _mmio_at,
			                       .executable = false,
			                       .writeable = true });

			_env.ram().alloc(_boot_size);
		}

	public:

		void grow_shared() { _shared_size += 0x1000; }

		Member_vmm(Env &env, Dataspace_capability ds)
		: _env(env), _window_at(0x60000000), _mmio_at(0xa0000000),
		  _boot_size(0x10000)
		{
			_map(ds);
		}

		Member_vmm(Env &env, size_t boot_size)
		: _env(env), _window_at(0x60000000), _mmio_at(0xb0000000),
		  _boot_size(boot_size)
		{ }
};
