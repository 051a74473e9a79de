/*
 * Corners of value flow, each call with what the scan must give in the
 * comment before it.  Written for vaslint's tests; the API is
 * samples/genode/genode.h.
 */
#include "../genode/genode.h"

using namespace Genode;

namespace Layout {
enum { GUEST_BASE = 0x10000000 };
constexpr size_t guest_size() { return 64 << 20; }
} // namespace Layout

static void tune(Region_map::Attr &a) { a.size = 0x5000; }

struct Platform {
	virtual size_t page() { return 0x1000; }
};

struct Corners {
	Region_map &rm;
	Platform &platform;
	size_t configured;

	void all(Dataspace_capability ds, int mode)
	{
		/* enums and constexpr from a namespace: 0x4000000 at
		 * 0x10000000 */
		Region_map::Attr g{};
		g.size = Layout::guest_size();
		g.use_at = true;
		g.at = Layout::GUEST_BASE;
		rm.attach(ds, g);

		/* a copy of a local, then one field changed: size 0x2000,
		 * at 0x10000000 */
		Region_map::Attr h = g;
		h.size = 0x2000;
		rm.attach(ds, h);

		/* passed by non-const reference: unknown */
		Region_map::Attr t{};
		tune(t);
		rm.attach(ds, t);

		/* a field of a member: unknown */
		rm.attach(ds, {.size = configured,
			       .offset = 0,
			       .use_at = false,
			       .at = 0,
			       .executable = false,
			       .writeable = true});

		/* ?: with a known condition: 0x3000 */
		size_t const small = 1;
		size_t n = small ? 0x3000 : 0x6000;
		rm.attach(ds, {.size = n,
			       .offset = 0,
			       .use_at = false,
			       .at = 0,
			       .executable = false,
			       .writeable = true});

		/* a field assigned by +=: 0x3000 + 0x1000 */
		Region_map::Attr c{};
		c.size = n;
		c.size += 0x1000;
		rm.attach(ds, c);

		/* captured by a lambda and changed after it: unknown */
		size_t later = 0x1000;
		auto attach_later = [&] {
			rm.attach(ds, {.size = later,
				       .offset = 0,
				       .use_at = false,
				       .at = 0,
				       .executable = false,
				       .writeable = true});
		};
		later = 0x2000;
		attach_later();

		/* a static local never changed: 0x7000 */
		static size_t const_like = 0x7000;
		rm.attach(ds, {.size = const_like,
			       .offset = 0,
			       .use_at = false,
			       .at = 0,
			       .executable = false,
			       .writeable = true});

		/* a generic lambda: in its template the call depends on the
		 * parameter's type and names no callee; the instantiation
		 * with(rm) makes does: 0x8000, reported at with(rm) */
		auto with = [&](auto &map) {
			map.attach(ds, {.size = 0x8000,
					.offset = 0,
					.use_at = false,
					.at = 0,
					.executable = false,
					.writeable = true});
		};
		with(rm);

		/* a static Attr filled member by member before each use:
		 * 0x9000 at 0x38000000; offset, changed after the use, keeps
		 * what the last call left there: unknown */
		static Region_map::Attr st;
		st.size = 0x9000;
		st.use_at = true;
		st.at = 0x38000000;
		rm.attach(ds, st);
		st.offset = 0x1000;

		/* a virtual method: an override may return something
		 * else, unknown */
		rm.attach(ds, {.size = platform.page(),
			       .offset = 0,
			       .use_at = false,
			       .at = 0,
			       .executable = false,
			       .writeable = true});

		/* use_at assigned in a branch: whether fixed is not known */
		Region_map::Attr m{};
		m.size = 0x1000;
		m.at = 0x30000000;
		if (mode)
			m.use_at = true;
		rm.attach(ds, m);
	}
};
