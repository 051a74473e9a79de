/*
 * File-scope statics into mmap: one that nothing in the file changes is
 * its initializer (or zero) everywhere; one that the file may change
 * stays unknown with the line.  Written for vaslint's tests.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <sys/mman.h>

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

struct area {
	size_t size;
	unsigned long at;
};

static size_t page = 4096;
static size_t chunk = 2 << 20;
static size_t grown = 4096;
static size_t pointed = 4096;
static struct area heap = {0x400000, 0x7000000000};
static struct area moved;
static size_t *alias = &pointed;
size_t exported = 4096; /* another file may change it */

void grow(void)
{
	grown *= 2;
	moved.size = 0x1000;
	*alias = 1;
}

void map_all(void)
{
	/* 4 * page: 0x4000, sizeof does not count as a change */
	mmap(NULL, 4 * page + 0 * sizeof(page), PROT_READ, ANON, -1, 0);
	mmap(NULL, chunk, PROT_READ, ANON, -1, 0);
	/* changed in grow(): unknown */
	mmap(NULL, grown, PROT_READ, ANON, -1, 0);
	/* its address is taken: unknown */
	mmap(NULL, pointed, PROT_READ, ANON, -1, 0);
	/* a struct never changed: 0x400000 at 0x7000000000 */
	mmap((void *)heap.at, heap.size, PROT_READ, ANON | MAP_FIXED, -1, 0);
	/* a member changed in grow(): unknown */
	mmap(NULL, moved.size, PROT_READ, ANON, -1, 0);
	mmap(NULL, exported, PROT_READ, ANON, -1, 0);
}

/* declared first, defined with its value after the use: 0x5000 */
static size_t later;

void map_later(void)
{
	mmap(NULL, later, PROT_READ, ANON, -1, 0);
}

static size_t later = 0x5000;
