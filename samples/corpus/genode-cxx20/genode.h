/*
 * The C++20 of Genode's base API that libclang 14 and 16 reject and 19
 * accepts, written for vaslint's corpus.  Since 2025 (util/callable.h of
 * genodelabs/genode, commit 69e8e9f3f1) a method taking a lambda hands
 * it to a virtual method through a nested class template whose argument
 * is deduced from its constructor, `With_node::Fn { fn }`, where
 * With_node is a specialization of an outer class template.  clang
 * before 18 finds no constructors in the nested template of an
 * instantiated outer one (LLVM issues 46200, 57812 and 65123) and says
 * "no viable constructor or deduction guide" at each use.  Around it,
 * the 2025/26 API as far as a source scan looks at it (see
 * ../genode-2025/genode.h), with the attach result a class template as
 * in Genode (Attempt<>), here reduced to a value and an error.
 * Declarations only, no Genode text (Genode is AGPLv3).
 */
#ifndef CORPUS_GENODE_CXX20_H
#define CORPUS_GENODE_CXX20_H

namespace Genode {

typedef unsigned long size_t;
typedef unsigned long addr_t;

enum Cache { CACHED, UNCACHED };

/* A lambda behind a virtual call: Ft is what the callee takes, Fn<FN>
 * wraps the caller's lambda, its FN deduced from the constructor. */
template <typename RET, typename... ARGS> struct Callable
{
	struct Ft { virtual RET operator () (ARGS &...) const = 0; };

	template <typename FN> struct Fn : Ft
	{
		FN const &wrapped;

		Fn(FN const &fn) : wrapped(fn) { }

		RET operator () (ARGS &... args) const override
		{
			return wrapped(args...);
		}
	};
};

/* A value or an error, as Genode's Attempt<>. */
template <typename OK, typename ERROR> struct Attempt
{
	bool  ok;
	OK    value;
	ERROR error;
};

template <typename RPC_INTERFACE> struct Capability
{
	unsigned long local_name = 0;

	Capability() { }
	template <typename FROM> Capability(Capability<FROM> const &other)
	: local_name(other.local_name) { }
};

struct Dataspace { };
using Dataspace_capability = Capability<Dataspace>;

struct Region_map
{
	struct Attr {
		size_t size;
		addr_t offset;
		bool   use_at;
		addr_t at;
		bool   executable;
		bool   writeable;
	};
};

namespace Local {

	struct Constrained_region_map
	{
		struct Attachment { void *ptr; size_t num_bytes; };
		enum class Error { OUT_OF_RAM, REGION_CONFLICT };
		using Result = Attempt<Attachment, Error>;
		using Attach_attr = Region_map::Attr;

		virtual Result attach(Capability<Dataspace> ds,
		                      Attach_attr const &attr) = 0;
	};
}

namespace Ram {

	struct Dataspace : Genode::Dataspace { };
	using Capability = Genode::Capability<Dataspace>;
}

struct Ram_allocator
{
	Ram::Capability alloc(size_t size, Cache cache = CACHED);
};

struct Env
{
	using Local_rm = Local::Constrained_region_map;

	virtual Local_rm &rm() = 0;
	virtual Ram_allocator &ram() = 0;
};

/* A configuration node: its sub nodes are visited by a lambda. */
class Node
{
	private:

		using With_node = Callable<void, Node const>;

		void _for_each_sub_node(char const *type, With_node::Ft const &) const;

	public:

		void for_each_sub_node(char const *type, auto const &fn) const
		{
			_for_each_sub_node(type, With_node::Fn { fn });
		}

		unsigned long attribute_value(char const *name,
		                              unsigned long fallback) const;
};

/* A virtual CPU's register state, lent to a lambda. */
struct Vcpu_state { addr_t ip; addr_t sp; };

struct Vm_connection
{
	Vm_connection(Env &env);

	struct Vcpu
	{
		using With_state = Callable<bool, Vcpu_state>;

		void _with_state(With_state::Ft const &);

		void with_state(auto const &fn)
		{
			_with_state(With_state::Fn { fn });
		}
	};
};

} /* namespace Genode */

#endif
