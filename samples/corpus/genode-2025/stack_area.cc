/*
 * The definitions stack_area.h declares, as a .cc of their own (Genode's
 * stack_area_addr.cc): constants for the files that use them.  Written
 * for vaslint's corpus; expectations in expect.yaml.
 */
#include "stack_area.h"

Genode::addr_t const Genode::stack_area_virtual_base_value = 0x40000000UL;
Genode::size_t const Genode::stack_area_virtual_size_value = 0x10000000UL;

Genode::addr_t Genode::stack_area_virtual_base() { return 0x40000000UL; }
