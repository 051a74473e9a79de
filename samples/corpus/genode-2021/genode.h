/*
 * The Genode API of late 2021 (release 21.11) as far as a source scan
 * looks at it, written for vaslint's corpus: class and method names,
 * parameter lists and defaults as in genodelabs/genode of that time
 * (repos/base/include/region_map/region_map.h with Local_addr and
 * attach(ds, size, offset, use_local_addr, local_addr, executable,
 * writeable), attach_at, attach_executable; base/ram_allocator.h with
 * try_alloc since commit 231ac187fe; base/env.h; base/attached_ram_
 * dataspace.h; rm_session/rm_session.h and connection.h, whose create
 * overrides Rm_session's; vm_session/vm_session.h).  Declarations only,
 * no Genode text (Genode is AGPLv3).
 */
#ifndef CORPUS_GENODE_2021_H
#define CORPUS_GENODE_2021_H

namespace Genode {

typedef unsigned long size_t;
typedef unsigned long addr_t;
typedef long          off_t;

enum Cache { CACHED, WRITE_COMBINED, UNCACHED };

template <typename RPC_INTERFACE> struct Capability
{
	unsigned long local_name = 0;

	Capability() { }
	template <typename FROM> Capability(Capability<FROM> const &other)
	: local_name(other.local_name) { }
};

struct Dataspace { };
typedef Capability<Dataspace> Dataspace_capability;
struct Ram_dataspace : Dataspace { };
typedef Capability<Ram_dataspace> Ram_dataspace_capability;

struct Session { };
template <typename SESSION> struct Connection { };

struct Region_map
{
	/* the bit pattern of a pointer, from any pointer or integer */
	class Local_addr
	{
		void *_ptr = nullptr;

		public:

			template <typename T> Local_addr(T ptr) : _ptr((void *)ptr) { }
			Local_addr() { }
			template <typename T> operator T () { return (T)_ptr; }
	};

	virtual Local_addr attach(Dataspace_capability ds, size_t size = 0,
	                          off_t offset = 0, bool use_local_addr = false,
	                          Local_addr local_addr = (void *)0,
	                          bool executable = false,
	                          bool writeable = true) = 0;

	Local_addr attach_at(Dataspace_capability ds, addr_t local_addr,
	                     size_t size = 0, off_t offset = 0);

	Local_addr attach_executable(Dataspace_capability ds, addr_t local_addr,
	                             size_t size = 0, off_t offset = 0);

	virtual void detach(Local_addr local_addr) = 0;
	virtual Dataspace_capability dataspace() = 0;
};

struct Region_map_client : Region_map
{
	explicit Region_map_client(Capability<Region_map> cap);

	Local_addr attach(Dataspace_capability ds, size_t size = 0,
	                  off_t offset = 0, bool use_local_addr = false,
	                  Local_addr local_addr = (void *)0,
	                  bool executable = false,
	                  bool writeable = true) override;
	void detach(Local_addr local_addr) override;
	Dataspace_capability dataspace() override;
};

struct Ram_allocator
{
	enum class Alloc_error { OUT_OF_RAM, OUT_OF_CAPS, DENIED };
	struct Alloc_result { bool ok; Ram_dataspace_capability cap; };

	virtual Alloc_result try_alloc(size_t size, Cache cache = CACHED) = 0;

	Ram_dataspace_capability alloc(size_t size, Cache cache = CACHED);

	virtual void free(Ram_dataspace_capability ds) = 0;
};

struct Env
{
	virtual Region_map &rm() = 0;
	virtual Ram_allocator &ram() = 0;
};

struct Rm_session : Session
{
	virtual Capability<Region_map> create(size_t size) = 0;
};

struct Rm_session_client : Rm_session
{
	Capability<Region_map> create(size_t size) override;
};

struct Rm_connection : Connection<Rm_session>, Rm_session_client
{
	Rm_connection(Env &env);

	/* asks for more quota where the session needs it */
	Capability<Region_map> create(size_t size) override;
};

class Attached_ram_dataspace
{
	public:

		Attached_ram_dataspace(Ram_allocator &ram, Region_map &rm,
		                       size_t size, Cache cache = CACHED);

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

	virtual void attach(Dataspace_capability ds, addr_t vm_addr,
	                    Attach_attr attr) = 0;
};

struct Vm_session_client : Vm_session
{
	void attach(Dataspace_capability ds, addr_t vm_addr,
	            Attach_attr attr) override;
};

struct Vm_connection : Connection<Vm_session>, Vm_session_client
{
	Vm_connection(Env &env, char const *label = "", long priority = 0,
	              unsigned long affinity = 0);
};

} /* namespace Genode */

#endif
