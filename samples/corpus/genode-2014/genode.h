/*
 * The Genode API of 2014 (releases 14.02 to 14.11) as far as a source
 * scan looks at it, written for vaslint's corpus: class and method names,
 * parameter lists and defaults as in genodelabs/genode of mid 2014
 * (commit 2c8f814c66: repos/base/include/rm_session/rm_session.h,
 * rm_session/connection.h with Rm_connection(start, size), ram_session/
 * ram_session.h, base/env.h with env()->rm_session() and ram_session(),
 * repos/os/include/os/attached_ram_dataspace.h with (ram_session, size,
 * cached)).  Declarations only, no Genode text (Genode is AGPLv3).
 */
#ifndef CORPUS_GENODE_2014_H
#define CORPUS_GENODE_2014_H

namespace Genode {

typedef unsigned long size_t;
typedef unsigned long addr_t;
typedef long          off_t;

enum Cache_attribute { UNCACHED, WRITE_COMBINED, CACHED };

template <typename RPC_INTERFACE> struct Capability
{
	unsigned long local_name;

	Capability() : local_name(0) { }
	template <typename FROM> Capability(Capability<FROM> const &other)
	: local_name(other.local_name) { }
};

struct Dataspace { };
typedef Capability<Dataspace> Dataspace_capability;
struct Ram_dataspace : Dataspace { };
typedef Capability<Ram_dataspace> Ram_dataspace_capability;

struct Session { };
template <typename SESSION> struct Connection { };

/* The RM session was the region map itself until 16.05. */
struct Rm_session : Session
{
	class Local_addr
	{
		void *_ptr;

		public:

			template <typename T> Local_addr(T ptr) : _ptr((void *)ptr) { }
			Local_addr() : _ptr(0) { }
			template <typename T> operator T () { return (T)_ptr; }
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

	virtual void detach(Local_addr local_addr) = 0;
	virtual Dataspace_capability dataspace() = 0;
};

struct Rm_session_client : Rm_session
{
	Local_addr attach(Dataspace_capability ds, size_t size = 0,
	                  off_t offset = 0, bool use_local_addr = false,
	                  Local_addr local_addr = (void *)0,
	                  bool executable = false);
	void detach(Local_addr local_addr);
	Dataspace_capability dataspace();
};

/* A new RM session: a managed dataspace of the given size. */
struct Rm_connection : Connection<Rm_session>, Rm_session_client
{
	Rm_connection(addr_t start = ~0UL, size_t size = 0);
};

struct Ram_session : Session
{
	virtual Ram_dataspace_capability alloc(size_t size,
	                                       Cache_attribute cached = CACHED) = 0;
	virtual void free(Ram_dataspace_capability ds) = 0;
};

struct Env
{
	virtual Ram_session *ram_session() = 0;
	virtual Rm_session  *rm_session()  = 0;
};

extern Env *env();

class Attached_ram_dataspace
{
	public:

		Attached_ram_dataspace(Ram_session *ram_session, size_t size,
		                       Cache_attribute cached = CACHED);

		template <typename T> T *local_addr();
		size_t size() const;
		Ram_dataspace_capability cap() const;
};

} /* namespace Genode */

#endif
