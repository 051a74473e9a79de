/*
 * A minimal stand-in for the Genode API, written for vaslint's samples so
 * they parse without a Genode tree.  Only the declarations a source scan
 * looks at, with the signatures of genodelabs/genode (FACTS.md, "Genode
 * APIs a source scan must recognise"):
 *
 *   - until mid 2024: Region_map::attach(ds, size, offset, use_local_addr,
 *     local_addr, executable) with defaults, attach_at, attach_executable
 *     (repos/base/include/region_map/region_map.h of that era);
 *   - since mid 2024: Region_map::attach(ds, Attr const &) with
 *     Attr { size, offset, use_at, at, executable, writeable };
 *   - Ram_allocator::alloc, the older Ram_session::alloc,
 *     Attached_ram_dataspace(ram, rm, size), Rm_session::create(size) and
 *     Rm_connection, which overrides it.
 *
 * Both attach forms are declared at once, which no Genode release does, so
 * that one header serves the samples of both eras.
 */
#ifndef VASLINT_SAMPLE_GENODE_H
#define VASLINT_SAMPLE_GENODE_H

namespace Genode
{

typedef unsigned long size_t;
typedef unsigned long addr_t;
typedef long off_t;

enum Cache { CACHED, UNCACHED, WRITE_COMBINED };

template <typename T> struct Capability {
	unsigned long id;
};

struct Dataspace {
};
struct Ram_dataspace : Dataspace {
};
typedef Capability<Dataspace> Dataspace_capability;

struct Ram_dataspace_capability : Dataspace_capability {
};

struct Region_map {
	/* Genode before 2024: the bit pattern of a pointer, built from any
	 * pointer or integer. */
	class Local_addr
	{
		void *_ptr = nullptr;

	      public:
		template <typename T> Local_addr(T ptr) : _ptr((void *)ptr)
		{
		}
		Local_addr()
		{
		}
		template <typename T> operator T()
		{
			return (T)_ptr;
		}
	};

	/* Genode since 2024: attributes of an attach. */
	struct Attr {
		size_t size; /* 0: the whole dataspace */
		addr_t offset;
		bool use_at;
		addr_t at;
		bool executable;
		bool writeable;
	};

	struct Range {
		addr_t start;
		size_t num_bytes;
	};

	struct Attach_result {
		bool ok;
		Range range;
	};

	virtual Local_addr attach(Dataspace_capability ds, size_t size = 0,
				  off_t offset = 0, bool use_local_addr = false,
				  Local_addr local_addr = (void *)0,
				  bool executable = false) = 0;

	Local_addr attach_at(Dataspace_capability ds, addr_t local_addr,
			     size_t size = 0, off_t offset = 0)
	{
		return attach(ds, size, offset, true, local_addr);
	}

	Local_addr attach_executable(Dataspace_capability ds, addr_t local_addr,
				     size_t size = 0, off_t offset = 0)
	{
		return attach(ds, size, offset, true, local_addr, true);
	}

	virtual Attach_result attach(Dataspace_capability ds,
				     Attr const &attr) = 0;

	virtual void detach(addr_t at) = 0;

	virtual Dataspace_capability dataspace() = 0;
};

struct Ram_allocator {
	virtual Ram_dataspace_capability alloc(size_t size,
					       Cache cache = CACHED) = 0;
	virtual void free(Ram_dataspace_capability ds) = 0;
};

/* Before 2017 components allocated RAM from their RAM session. */
struct Ram_session : Ram_allocator {
	Ram_dataspace_capability alloc(size_t size,
				       Cache cache = CACHED) override = 0;
};

struct Rm_session {
	virtual Capability<Region_map> create(size_t size) = 0;
};

struct Env {
	virtual Region_map &rm() = 0;
	virtual Ram_allocator &ram() = 0;
};

struct Rm_connection : Rm_session {
	explicit Rm_connection(Env &env);
	Capability<Region_map> create(size_t size) override;
};

class Attached_ram_dataspace
{
	Ram_dataspace_capability _ds;

      public:
	Attached_ram_dataspace(Ram_allocator &ram, Region_map &rm, size_t size,
			       Cache cache = CACHED);
	template <typename T> T *local_addr();
	size_t size() const;
};

/* Genode's util/construct_at.h and friends are not needed here. */

} /* namespace Genode */

#endif
