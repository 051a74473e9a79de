/* The scale both pictures of `vaslint map` share: the SVG bar and the bar
 * column of the text table. */
#ifndef VASLINT_REPORT_SVG_H
#define VASLINT_REPORT_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report.h"

/* Piecewise-logarithmic: every range boundary (and the layout's address
 * space bounds) is a breakpoint, and each interval between consecutive
 * breakpoints is MAP_SCALE_BASE units tall for 4 KiB or less, plus
 * MAP_SCALE_STEP units for every doubling above 4 KiB.  In the SVG a unit
 * is a pixel. */
#define MAP_SCALE_BASE 12
#define MAP_SCALE_STEP 3

typedef struct map_scale {
	uint64_t *at; /* breakpoints, ascending, distinct */
	long *pos;    /* units from the lowest breakpoint to at[i] */
	size_t n;     /* 0 only for no layout and no ranges */
} map_scale;

/* The scale of m's ranges within l's address space (l may be NULL).
 * False when memory runs out. */
bool map_scale_init(map_scale *s, const map_ranges *m, const layout *l);
void map_scale_free(map_scale *s);
/* Units from the bottom of the bar to addr (clamped to the bar); linear
 * inside an interval. */
long map_scale_pos(const map_scale *s, uint64_t addr);
/* The height of the whole bar in units. */
long map_scale_height(const map_scale *s);
/* The height of one interval of size bytes (1 or more). */
long map_scale_interval(uint64_t size);

#endif
