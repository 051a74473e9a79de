/* The sample project's memory layout; found only through -Iinclude. */
#ifndef LAYOUT_H
#define LAYOUT_H

#define GUEST_RAM  (256UL << 20)
#define STACK_SIZE (64UL << 10)

#endif
