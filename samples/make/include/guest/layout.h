/* Where the guest's RAM goes: found only with -Iinclude. */
#ifndef GUEST_LAYOUT_H
#define GUEST_LAYOUT_H

#include <cstddef>

namespace guest {
/* 4 MiB of RAM one page above the base: the address defeats the large
 * page the size would be mapped with. */
constexpr std::size_t ram_size = 4u << 20;
constexpr unsigned long ram_offset = 0x1000;
} // namespace guest

#endif
