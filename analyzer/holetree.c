/* The hole tree: a B+ tree of holes keyed by (size, start).
 *
 * Height.  A node splits only when full, into halves of HOLETREE_FANOUT / 2
 * (a new root starts with 2 children), so between two splits of a node at
 * least HOLETREE_FANOUT / 2 entries were added to it: each split one level
 * down, or an insertion at the leaves.  Removals only make more additions
 * necessary.  A tree of height h has had a split at the level below its
 * root, so at least (HOLETREE_FANOUT / 2)^(h - 1) insertions. */
#include "holetree.h"

#include <string.h>

#include "bigmem.h"

typedef struct holetree_key {
	uint64_t size, start;
} holetree_key;

struct holetree_node {
	uint32_t n; /* holes in a leaf; children in an inner node */
	bool leaf;
	/* A leaf's holes in order.  In an inner node, key[i] for i >= 1 lies
	 * above every hole under child[i - 1] and at or below every hole under
	 * child[i]; key[0] is unused, and when a node splits the new right
	 * node's key[0] is the key its parent takes for it. */
	holetree_key key[HOLETREE_FANOUT];
	uint32_t child[HOLETREE_FANOUT];
};

typedef struct holetree_node node;

#define NONE UINT32_MAX

static bool key_less(holetree_key a, holetree_key b)
{
	return a.size != b.size ? a.size < b.size : a.start < b.start;
}

/* The first of the n keys from k on that is not below x: n when none. */
static uint32_t lower_bound(const holetree_key *k, uint32_t n, holetree_key x)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (key_less(k[mid], x))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The child of an inner node whose holes x lies among: the last one whose
 * key is at or below x, or the first. */
static uint32_t child_for(const node *v, holetree_key x)
{
	uint32_t lo = 1, hi = v->n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (key_less(x, v->key[mid]))
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo - 1;
}

/* Room for k more nodes without moving the pool, so that a pointer into it
 * stays valid through an insertion. */
static bool reserve(holetree *t, uint32_t k)
{
	uint32_t cap = t->cap;
	node *pool;

	if (t->cap - t->n >= k)
		return true;
	while (cap - t->n < k) {
		if (cap > UINT32_MAX / 2)
			return false;
		cap *= 2;
	}
	pool = bigmem_realloc(t->pool, cap, sizeof(*pool));
	if (!pool)
		return false;
	t->pool = pool;
	t->cap = cap;
	return true;
}

/* A node from the free list or the pool's end: reserve made room. */
static uint32_t node_new(holetree *t, bool leaf)
{
	uint32_t i = t->free_list;

	if (i != NONE)
		t->free_list = t->pool[i].child[0];
	else
		i = t->n++;
	t->pool[i].n = 0;
	t->pool[i].leaf = leaf;
	return i;
}

static void node_delete(holetree *t, uint32_t i)
{
	t->pool[i].child[0] = t->free_list;
	t->free_list = i;
}

bool holetree_init(holetree *t)
{
	memset(t, 0, sizeof(*t));
	t->free_list = NONE;
	t->cap = 16;
	t->pool = bigmem_calloc(t->cap, sizeof(*t->pool));
	if (!t->pool)
		return false;
	t->root = node_new(t, true);
	t->height = 1;
	return true;
}

void holetree_free(holetree *t)
{
	bigmem_free(t->pool);
	memset(t, 0, sizeof(*t));
}

/* Down from the root to the leaf where x belongs, recording the path; the
 * leaf position is the first hole not below x (the leaf's n when none). */
static void descend(const holetree *t, holetree_key x, holetree_cursor *c)
{
	uint32_t i = t->root;

	for (unsigned d = 0; d + 1 < t->height; d++) {
		const node *v = &t->pool[i];
		c->node[d] = i;
		c->pos[d] = child_for(v, x);
		i = v->child[c->pos[d]];
	}
	c->node[t->height - 1] = i;
	c->pos[t->height - 1] = lower_bound(t->pool[i].key, t->pool[i].n, x);
}

/* Puts key k and child ch at position j of v, which has room. */
static void put(node *v, uint32_t j, holetree_key k, uint32_t ch)
{
	memmove(&v->key[j + 1], &v->key[j], (v->n - j) * sizeof(v->key[0]));
	v->key[j] = k;
	if (!v->leaf) {
		memmove(&v->child[j + 1], &v->child[j],
			(v->n - j) * sizeof(v->child[0]));
		v->child[j] = ch;
	}
	v->n++;
}

/* Splits the full node i in halves and puts k (and ch) at position j of
 * the whole; returns the new right half, whose key[0] goes to the
 * parent. */
static uint32_t split(holetree *t, uint32_t i, uint32_t j, holetree_key k,
		      uint32_t ch)
{
	uint32_t r = node_new(t, t->pool[i].leaf), m = HOLETREE_FANOUT / 2;
	node *v = &t->pool[i], *w = &t->pool[r];

	w->n = v->n - m;
	memcpy(w->key, &v->key[m], w->n * sizeof(v->key[0]));
	if (!v->leaf)
		memcpy(w->child, &v->child[m], w->n * sizeof(v->child[0]));
	v->n = m;
	/* An entry at the cut (j == m) lies between the halves: either
	 * may take it. */
	if (j <= m)
		put(v, j, k, ch);
	else
		put(w, j - m, k, ch);
	return r;
}

bool holetree_insert(holetree *t, va_range r)
{
	holetree_key k = {r.end - r.start, r.start};
	holetree_cursor c;
	uint32_t ch = NONE;
	unsigned d;

	if (r.end <= r.start)
		return true;
	/* The height bound above keeps a tree far below this. */
	if (t->height == HOLETREE_MAX_HEIGHT)
		return false;
	/* At worst every node on the path splits and a new root is made. */
	if (!reserve(t, t->height + 1))
		return false;
	descend(t, k, &c);
	for (d = t->height; d-- > 0;) {
		uint32_t i = c.node[d];
		/* Into a leaf at the hole's place; into an inner node right
		 * after the child that split. */
		uint32_t j = d + 1 == t->height ? c.pos[d] : c.pos[d] + 1;
		if (t->pool[i].n < HOLETREE_FANOUT) {
			put(&t->pool[i], j, k, ch);
			return true;
		}
		ch = split(t, i, j, k, ch);
		k = t->pool[ch].key[0];
	}
	/* The root split: a new root above its two halves. */
	d = node_new(t, false);
	t->pool[d].n = 2;
	t->pool[d].child[0] = t->root;
	t->pool[d].child[1] = ch;
	t->pool[d].key[1] = k;
	t->root = d;
	t->height++;
	return true;
}

/* Moves c at depth d down to the first hole under its node's child. */
static void leftmost(const holetree *t, holetree_cursor *c, unsigned d)
{
	for (; d + 1 < t->height; d++) {
		c->node[d + 1] = t->pool[c->node[d]].child[c->pos[d]];
		c->pos[d + 1] = 0;
	}
}

/* The cursor's leaf position is at its end: on to the next leaf's first
 * hole, which exists unless the cursor was in the last leaf. */
static bool next_leaf(const holetree *t, holetree_cursor *c)
{
	unsigned d = t->height - 1;

	while (d-- > 0)
		if (c->pos[d] + 1 < t->pool[c->node[d]].n) {
			c->pos[d]++;
			leftmost(t, c, d);
			return true;
		}
	return false;
}

bool holetree_first(const holetree *t, uint64_t size, holetree_cursor *c)
{
	holetree_key x = {size, 0};
	unsigned leaf = t->height - 1;

	descend(t, x, c);
	return c->pos[leaf] < t->pool[c->node[leaf]].n || next_leaf(t, c);
}

bool holetree_next(const holetree *t, holetree_cursor *c)
{
	unsigned leaf = t->height - 1;

	return ++c->pos[leaf] < t->pool[c->node[leaf]].n || next_leaf(t, c);
}

va_range holetree_at(const holetree *t, const holetree_cursor *c)
{
	unsigned leaf = t->height - 1;
	holetree_key k = t->pool[c->node[leaf]].key[c->pos[leaf]];

	return (va_range){k.start, k.start + k.size};
}

/* Takes entry j out of node v: key[j], and in an inner node child[j].
 * For the first child that moves the second one's key into the unused
 * key[0]. */
static void take(node *v, uint32_t j)
{
	memmove(&v->key[j], &v->key[j + 1], (v->n - j - 1) * sizeof(v->key[0]));
	if (!v->leaf)
		memmove(&v->child[j], &v->child[j + 1],
			(v->n - j - 1) * sizeof(v->child[0]));
	v->n--;
}

void holetree_remove(holetree *t, const holetree_cursor *c)
{
	unsigned d = t->height - 1;

	take(&t->pool[c->node[d]], c->pos[d]);
	/* An empty node leaves its parent, up to the root. */
	while (d > 0 && t->pool[c->node[d]].n == 0) {
		node_delete(t, c->node[d]);
		d--;
		take(&t->pool[c->node[d]], c->pos[d]);
	}
	if (t->pool[t->root].n == 0) {
		/* Nothing left: the root becomes an empty leaf. */
		t->pool[t->root].leaf = true;
		t->height = 1;
	}
	/* A root with one child is only a step on the way. */
	while (t->height > 1 && t->pool[t->root].n == 1) {
		uint32_t old = t->root;
		t->root = t->pool[old].child[0];
		node_delete(t, old);
		t->height--;
	}
}
