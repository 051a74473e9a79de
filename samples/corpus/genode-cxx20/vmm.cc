/*
 * A VMM of 2026 in the C++20 of Genode's base API: the configuration's
 * ROM modules and the vCPU's state reach their code as lambdas behind
 * virtual calls (Callable<>::Fn, see genode.h), where libclang 14 and 16
 * report parse errors.  The two attaches into the stack area are inside
 * such lambdas: they must be found with any libclang, and the file must
 * be counted with parse errors where it has them.  Written for
 * vaslint's corpus; expectations in expect.yaml.
 */
#include "genode.h"

using namespace Genode;

enum { GUEST_RAM_SIZE = 0x4000000, ROM_SIZE = 0x100000 };

struct Vmm
{
	Env &_env;

	Vm_connection _vm { _env };

	Vm_connection::Vcpu _vcpu { };

	Ram::Capability _guest_ram = _env.ram().alloc(GUEST_RAM_SIZE);

	Ram::Capability _rom = _env.ram().alloc(ROM_SIZE);

	using With_ram = Callable<void, Ram::Capability const>;

	void _with_guest_ram(With_ram::Ft const &fn) { fn(_guest_ram); }

	/* each boot module at the address its node names, or 1 GiB: inside
	 * the stack area */
	void _map_modules(Node const &config)
	{
		config.for_each_sub_node("rom", [&] (Node const &rom) {
			_env.rm().attach(_rom, { .size = ROM_SIZE, .offset = 0,
			                         .use_at = true, .at = 0x40000000,
			                         .executable = false,
			                         .writeable = false });
			(void)rom;
		});
	}

	/* the page the vCPU's stack pointer is in, for the instruction
	 * emulator: at a fixed window, 1 MiB into the stack area */
	void _map_stack_page()
	{
		_vcpu.with_state([&] (Vcpu_state &state) {
			_env.rm().attach(_guest_ram, { .size = 0x1000,
			                               .offset = state.sp & ~0xfffUL,
			                               .use_at = true,
			                               .at = 0x40100000,
			                               .executable = false,
			                               .writeable = true });
			return true;
		});
	}

	/* the VMM's window on guest RAM, above the stack area: the lambda is
	 * wrapped here, in the component itself */
	void _map_guest_ram()
	{
		_with_guest_ram(With_ram::Fn { [&] (Ram::Capability const &ram) {
			_env.rm().attach(ram, { .size = GUEST_RAM_SIZE, .offset = 0,
			                        .use_at = true, .at = 0x80000000,
			                        .executable = false,
			                        .writeable = true });
		} });
	}

	Vmm(Env &env, Node const &config) : _env(env)
	{
		_map_modules(config);
		_map_stack_page();
		_map_guest_ram();
	}
};
