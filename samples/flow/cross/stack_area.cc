/* The definitions, in a file of their own (see stack_area.h). */
#include "stack_area.h"

Genode::addr_t Genode::stack_area_virtual_base() { return 0x40000000UL; }
Genode::size_t Genode::stack_area_virtual_size() { return 0x10000000UL; }
