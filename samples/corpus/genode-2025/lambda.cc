/*
 * Attaching through a generic lambda, as Genode components of today
 * write helpers: the attach inside depends on the lambda's parameters,
 * so each call of the closure is a request of its own, with that call's
 * arguments.  Written for vaslint's corpus; expectations in expect.yaml.
 */
#include "genode.h"

using namespace Genode;

struct Lambda_main
{
	Env &_env;

	void _attach_all(Dataspace_capability ds, addr_t dynamic_at)
	{
		auto attach_at = [&] (auto &cap, auto at) {
			return _env.rm().attach(cap, { .size = 0x100000, .offset = 0,
			                               .use_at = true, .at = at,
			                               .executable = false,
			                               .writeable = true }); };

		/* in the stack area */
		attach_at(ds, 0x40000000UL);

		/* above it */
		attach_at(ds, 0x70000000UL);

		/* a parameter of this method: unknown */
		attach_at(ds, dynamic_at);
	}

	Lambda_main(Env &env, Dataspace_capability ds)
	: _env(env) { _attach_all(ds, 0); }
};
