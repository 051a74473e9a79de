/*
 * The Genode API of 2025/26 as far as a source scan looks at it, written
 * for vaslint's corpus: class and method names, parameter lists and
 * defaults as in genodelabs/genode master ffb059da4d8c (April 2026):
 * repos/base/include/region_map/region_map.h, region_map/client.h,
 * base/local.h (Local::Constrained_region_map), base/env.h, base/ram.h,
 * base/ram_allocator.h, base/attached_ram_dataspace.h,
 * rm_session/rm_session.h, rm_session/connection.h,
 * vm_session/vm_session.h and vm_session/connection.h.  Declarations
 * only, no Genode text (Genode is AGPLv3); results are plain structs
 * where Genode has Attempt<> templates.
 */
#ifndef CORPUS_GENODE_2025_H
#define CORPUS_GENODE_2025_H

namespace Genode {

typedef unsigned long size_t;
typedef unsigned long addr_t;

enum Cache { CACHED, WRITE_COMBINED, UNCACHED };

/* A capability converts to one of a base type (Ram::Capability to
 * Dataspace_capability). */
template <typename RPC_INTERFACE> struct Capability
{
	unsigned long local_name = 0;

	Capability() { }
	template <typename FROM> Capability(Capability<FROM> const &other)
	: local_name(other.local_name) { }
};

struct Dataspace { };
using Dataspace_capability = Capability<Dataspace>;

struct Session { };
template <typename SESSION> struct Connection {
	Capability<SESSION> cap();
};

struct Region_map
{
	struct Range { addr_t start; size_t num_bytes; };

	struct Attr {
		size_t size;   /* 0: the whole dataspace */
		addr_t offset;
		bool   use_at;
		addr_t at;
		bool   executable;
		bool   writeable;
	};

	enum class Attach_error { OUT_OF_RAM, OUT_OF_CAPS, REGION_CONFLICT,
	                          INVALID_DATASPACE };

	struct Attach_result { bool ok; Range range; };

	virtual Attach_result attach(Dataspace_capability ds, Attr const &attr) = 0;
	virtual void detach(addr_t at) = 0;
	virtual Dataspace_capability dataspace() = 0;
};

struct Region_map_client : Region_map
{
	explicit Region_map_client(Capability<Region_map> cap);

	Attach_result attach(Dataspace_capability ds, Attr const &attr) override;
	void detach(addr_t at) override;
	Dataspace_capability dataspace() override;
};

namespace Local {

	/* What Env::rm() returns since 2025: no Region_map. */
	struct Constrained_region_map
	{
		struct Result { bool ok; void *ptr; size_t num_bytes; };
		using Attach_attr = Region_map::Attr;

		virtual Result attach(Capability<Dataspace> ds,
		                      Attach_attr const &attr) = 0;
		void detach(addr_t at);
	};
}

namespace Ram {

	struct Dataspace : Genode::Dataspace { };
	using Capability = Genode::Capability<Dataspace>;

	struct Constrained_allocator
	{
		struct Result { bool ok; Capability cap; };

		virtual Result try_alloc(size_t size, Cache cache = CACHED) = 0;
	};
}

using Ram_dataspace_capability = Ram::Capability;

struct Ram_allocator : Ram::Constrained_allocator
{
	/* a wrapper of try_alloc that throws */
	Ram::Capability alloc(size_t size, Cache cache = CACHED);
	void free(Ram::Capability cap);
};

struct Env
{
	using Local_rm = Local::Constrained_region_map;

	virtual Local_rm &rm() = 0;
	virtual Ram_allocator &ram() = 0;
};

struct Rm_session : Session
{
	struct Create_result { bool ok; Capability<Region_map> cap; };

	virtual Create_result create(size_t size) = 0;
};

/* Not an Rm_session: its create is a wrapper, no override. */
struct Rm_connection : Connection<Rm_session>
{
	Rm_connection(Env &env);

	Capability<Region_map> create(size_t size);
	void destroy(Capability<Region_map> cap);
};

class Attached_ram_dataspace
{
	public:

		Attached_ram_dataspace(Ram_allocator &ram, Env::Local_rm &rm,
		                       size_t size, Cache cache = CACHED);
		Attached_ram_dataspace(Attached_ram_dataspace const &);

		template <typename T> T *local_addr();
		size_t size() const;
		Ram_dataspace_capability cap() const;
};

/* Guest-physical memory of a virtual machine: no component address. */
struct Vm_session : Session
{
	struct Attach_attr {
		addr_t offset;
		addr_t size;
		bool   executable;
		bool   writeable;
	};

	using Attach_result = Region_map::Attach_result;

	virtual Attach_result attach(Dataspace_capability ds, addr_t vm_addr,
	                             Attach_attr attr) = 0;
};

struct Vm_connection : Connection<Vm_session>
{
	Vm_connection(Env &env, char const *label = "", long priority = 0,
	              unsigned long affinity = 0);

	Vm_session::Attach_result attach(Dataspace_capability ds, addr_t vm_addr,
	                                 Vm_session::Attach_attr attr);
};

} /* namespace Genode */

#endif
