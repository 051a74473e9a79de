/* The free holes of an address space, ordered by size and then by start: a
 * B+ tree, for the planner.
 *
 * The planner asks for the smallest hole of at least some size and walks on
 * to the next larger ones until one fits at the alignment it wants.  A node
 * holds up to HOLETREE_FANOUT holes side by side, so that walk reads
 * consecutive memory, and a search or an update touches a handful of nodes
 * (a binary tree touches one per level, each a cache miss once the tree
 * outgrows the cache).  Every operation is O(log n).
 *
 * Nodes live in one pool (bigmem.h) and refer to each other by index.  A
 * leaf that loses its last hole leaves the tree at once, so every leaf in it
 * holds at least one; nodes are not merged when they run low, which keeps
 * removal simple and costs nothing in height (see holetree.c). */
#ifndef VASLINT_HOLETREE_H
#define VASLINT_HOLETREE_H

#include <stdbool.h>
#include <stdint.h>

#include "range.h"

/* Holes per leaf and children per inner node. */
#define HOLETREE_FANOUT 64
/* Nodes from the root to a leaf: at most 1 + log32(number of insertions)
 * (holetree.c), under 14 for any count of 64 bits. */
#define HOLETREE_MAX_HEIGHT 14

typedef struct holetree {
	struct holetree_node *pool;
	uint32_t n, cap;    /* nodes handed out so far; room in the pool */
	uint32_t free_list; /* nodes that left the tree, through child[0] */
	uint32_t root;
	unsigned height; /* 1: the root is a leaf */
} holetree;

/* A place in the tree: the path from the root, with the child taken at
 * each inner node and the hole's index in the leaf.  Any insertion or
 * removal invalidates it. */
typedef struct holetree_cursor {
	uint32_t node[HOLETREE_MAX_HEIGHT];
	uint32_t pos[HOLETREE_MAX_HEIGHT];
} holetree_cursor;

/* An empty tree; false when memory runs out. */
bool holetree_init(holetree *t);
void holetree_free(holetree *t);

/* Adds the hole [r.start, r.end), which must not overlap one in the tree;
 * an empty range is not a hole and is left out.  False when memory runs
 * out (the tree is unchanged). */
bool holetree_insert(holetree *t, va_range r);

/* The smallest hole of at least size bytes (the lowest of equal ones):
 * false when there is none. */
bool holetree_first(const holetree *t, uint64_t size, holetree_cursor *c);
/* The next hole in the order after the cursor's: false when there is
 * none. */
bool holetree_next(const holetree *t, holetree_cursor *c);
/* The hole at the cursor. */
va_range holetree_at(const holetree *t, const holetree_cursor *c);
/* Takes the hole at the cursor out of the tree. */
void holetree_remove(holetree *t, const holetree_cursor *c);

#endif
