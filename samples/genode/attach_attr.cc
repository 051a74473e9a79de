/*
 * Attaching dataspaces with the Genode API since 2024:
 * Region_map::attach(ds, Attr { ... }).  Written for vaslint's samples.
 */
#include "genode.h"

using namespace Genode;

static constexpr size_t FB_SIZE = 8 << 20;

struct Fb {
	Region_map &rm;

	void attach_all(Dataspace_capability ds, size_t n)
	{
		/* designated initializers, a fixed address in the stack area */
		rm.attach(ds, {.size = 0x100000,
			       .offset = 0,
			       .use_at = true,
			       .at = 0x40000000,
			       .executable = false,
			       .writeable = true}); /* reserved-overlap */

		/* positional, anywhere */
		rm.attach(ds,
			  Region_map::Attr{FB_SIZE, 0, false, 0, false, true});

		/* omitted fields are zero: not fixed, the whole dataspace */
		rm.attach(ds, {.offset = 0x2000});

		/* a size known only at run time, fixed at 4 MiB + 1 page */
		rm.attach(ds, {.size = n,
			       .offset = 0,
			       .use_at = true,
			       .at = 0x400000 + 0x1000,
			       .executable = false,
			       .writeable = true});

		/* the attributes built beforehand */
		Region_map::Attr const attr{.size = FB_SIZE,
					    .offset = 0,
					    .use_at = true,
					    .at = 0x20000000,
					    .executable = false,
					    .writeable = true};
		rm.attach(ds, attr);
	}
};
