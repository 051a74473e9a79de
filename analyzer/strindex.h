/* Names to positions: an index over an array the caller owns, so finding
 * one name among n costs O(1) on average instead of n comparisons.  The
 * index keeps positions only; the caller's name_of reads the name of a
 * position, so the array may move (realloc) between calls. */
#ifndef VASLINT_STRINDEX_H
#define VASLINT_STRINDEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct str_index {
	size_t *slot; /* position + 1; 0: empty */
	size_t cap, n;
	const char *(*name_of)(const void *owner, size_t pos);
	const void *owner;
} str_index;

void str_index_init(str_index *x,
		    const char *(*name_of)(const void *owner, size_t pos),
		    const void *owner);
void str_index_free(str_index *x);

/* The position recorded for name, or -1. */
ptrdiff_t str_index_find(const str_index *x, const char *name);

/* Record pos under its name, unless the name has a position already (the
 * first one stays).  False when memory ran out. */
bool str_index_add(str_index *x, size_t pos);

/* Make room for n names at once; false when memory ran out. */
bool str_index_reserve(str_index *x, size_t n);

#endif
