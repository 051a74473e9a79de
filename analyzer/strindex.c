#include "strindex.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a. */
static uint64_t str_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h;
}

void str_index_init(str_index *x,
		    const char *(*name_of)(const void *owner, size_t pos),
		    const void *owner)
{
	memset(x, 0, sizeof(*x));
	x->name_of = name_of;
	x->owner = owner;
}

void str_index_free(str_index *x)
{
	free(x->slot);
	x->slot = NULL;
	x->cap = x->n = 0;
}

/* The slot holding name, or the empty slot where it would go. */
static size_t slot_of(const str_index *x, const char *name)
{
	size_t i = str_hash(name) & (x->cap - 1);

	for (; x->slot[i]; i = (i + 1) & (x->cap - 1))
		if (!strcmp(x->name_of(x->owner, x->slot[i] - 1), name))
			break;
	return i;
}

ptrdiff_t str_index_find(const str_index *x, const char *name)
{
	if (!x->cap)
		return -1;
	size_t i = slot_of(x, name);
	return x->slot[i] ? (ptrdiff_t)(x->slot[i] - 1) : -1;
}

/* Rehash into at least cap slots (a power of two). */
static bool rehash(str_index *x, size_t cap)
{
	str_index g = *x;

	for (g.cap = 64; g.cap < cap; g.cap *= 2)
		;
	if (!(g.slot = calloc(g.cap, sizeof(size_t))))
		return false;
	for (size_t i = 0; i < x->cap; i++)
		if (x->slot[i])
			g.slot[slot_of(&g,
				       x->name_of(x->owner, x->slot[i] - 1))] =
			    x->slot[i];
	free(x->slot);
	*x = g;
	return true;
}

bool str_index_reserve(str_index *x, size_t n)
{
	return (x->n + n) * 2 <= x->cap || rehash(x, (x->n + n) * 2);
}

bool str_index_add(str_index *x, size_t pos)
{
	if ((x->n + 1) * 2 > x->cap && !rehash(x, 2 * x->cap))
		return false;
	size_t i = slot_of(x, x->name_of(x->owner, pos));
	if (!x->slot[i]) {
		x->slot[i] = pos + 1;
		x->n++;
	}
	return true;
}
