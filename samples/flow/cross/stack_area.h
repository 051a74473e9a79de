/*
 * Genode declares where the stack area is in a header and defines it in
 * a .cc of its own (base/include/base/internal/stack_area.h and
 * src/lib/base/stack_area_addr.cc in genodelabs/genode, AGPL; these
 * few lines are written for vaslint's samples, not copied).
 */
#include "../../genode/genode.h"

namespace Genode {
	addr_t stack_area_virtual_base();
	size_t stack_area_virtual_size();
}
