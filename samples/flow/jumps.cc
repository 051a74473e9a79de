/*
 * Value flow around jumps, references, lambdas and increments, into
 * mmap.  Written for vaslint's tests; the comment before each call says
 * what the scan must give.
 */
#include <stddef.h>
#include <sys/mman.h>

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define SET(v, x) v = x

void jumps(int tries)
{
	/* a local of the lambda itself: 0x2000 */
	auto grow = [&] {
		size_t inner = 0x1000;
		inner *= 2;
		mmap(0, inner, PROT_READ, ANON, -1, 0);
	};
	grow();

	/* assigned after the use, and a goto back over it: unknown */
	size_t g = 0x1000;
again:
	mmap(0, g, PROT_READ, ANON, -1, 0);
	g = 0x2000;
	if (tries--)
		goto again;

	/* bound to a non-const reference: unknown */
	size_t &alias = g;
	mmap(0, g, PROT_READ, ANON, -1, 0);
	alias = 0x3000;

	/* past the goto's loop: a chained assignment, 0x5000 */
	size_t h = 0x1000, k = h + 0x1000;
	h = k = 0x5000;
	mmap(0, h, PROT_READ, ANON, -1, 0);

	/* k++ is k before (0x5000), then k is 0x5001 */
	mmap(0, k++, PROT_READ, ANON, -1, 0);
	mmap(0, k, PROT_READ, ANON, -1, 0);

	/* a forward goto may skip the assignment: unknown */
	size_t s = 0x1000;
	if (tries > 3)
		goto skip;
	s = 0x2000;
skip:
	mmap(0, s, PROT_READ, ANON, -1, 0);

	/* written by a macro's operator, which the file does not show:
	 * unknown, never the value before */
	size_t m = 0x1000;
	SET(m, 0x2000);
	mmap(0, m, PROT_READ, ANON, -1, 0);
}
