#include "selfcheck.h"

#include <link.h>
#include <string.h>

#define PAGE UINT64_C(0x1000)

typedef struct query {
	uint64_t start, end;
	selfcheck_conflict *found;
	int hit;
} query;

/* One loaded object: when a segment of it overlaps the range, its whole
 * span (the lowest to the highest loaded page) is the conflict. */
static int visit(struct dl_phdr_info *info, size_t size, void *data)
{
	query *q = data;
	uint64_t lo = UINT64_MAX, hi = 0;
	int hit = 0;

	(void)size;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uint64_t s, e;
		if (ph->p_type != PT_LOAD || !ph->p_memsz)
			continue;
		s = (info->dlpi_addr + ph->p_vaddr) & ~(PAGE - 1);
		e = (info->dlpi_addr + ph->p_vaddr + ph->p_memsz + PAGE - 1) &
		    ~(PAGE - 1);
		lo = s < lo ? s : lo;
		hi = e > hi ? e : hi;
		hit |= s < q->end && q->start < e;
	}
	if (!hit)
		return 0;
	q->found->object = info->dlpi_name;
	q->found->start = lo;
	q->found->end = hi;
	q->hit = 1;
	return 1; /* stops the iteration */
}

int selfcheck_overlap(uint64_t start, uint64_t end, selfcheck_conflict *c)
{
	query q = {start, end, c, 0};

	memset(c, 0, sizeof(*c));
	dl_iterate_phdr(visit, &q);
	return q.hit;
}
