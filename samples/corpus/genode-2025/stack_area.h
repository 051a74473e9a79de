/*
 * Where the stack area is, in the shape of Genode's
 * base/internal/stack_area.h: declared here, defined in stack_area.cc,
 * a translation unit of its own, and used in thread.cc.  Written for
 * vaslint's corpus.
 */
#ifndef CORPUS_GENODE_2025_STACK_AREA_H
#define CORPUS_GENODE_2025_STACK_AREA_H

#include "genode.h"

namespace Genode {

	extern addr_t const stack_area_virtual_base_value;
	extern size_t const stack_area_virtual_size_value;

	addr_t stack_area_virtual_base();

	/* declared for the components, defined in no file of this folder */
	extern addr_t const platform_io_base;
}

#endif
