/*
 * RAM the way components of today ask for it: try_alloc with its
 * result, alloc, and Attached_ram_dataspace as a member of a nested
 * struct (struct X {...} member;).  Written for vaslint's corpus;
 * expectations in expect.yaml.
 */
#include "genode.h"

using namespace Genode;

struct Main
{
	Env &_env;

	struct Buffers
	{
		Attached_ram_dataspace dma;

		Buffers(Env &env)
		: dma(env.ram(), env.rm(), 0x10000, UNCACHED) { }
	} _buffers { _env };

	void _grow()
	{
		/* 4100 KiB: one 4 MiB page and a 4 KiB tail */
		_env.ram().try_alloc(0x401000);

		_env.ram().try_alloc(0x400000, CACHED);
	}

	Main(Env &env) : _env(env)
	{
		Ram_dataspace_capability ds = _env.ram().alloc(0x100000);
		(void)ds;
		_grow();
	}
};
