/* Room for one more element in a growing array: *v holds *cap elements of
 * size bytes, n of them in use.  When it is full it doubles (16 at first),
 * so n additions cost O(n) copies in all.  False: out of memory (*v is
 * left as it was). */
#ifndef VASLINT_GROW_H
#define VASLINT_GROW_H

#include <stdbool.h>
#include <stddef.h>

bool vl_grow(void **v, size_t *cap, size_t n, size_t size);

#endif
