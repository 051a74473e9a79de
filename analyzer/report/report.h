/* Writers: diagnostics to text (GCC style), JSON and SARIF 2.1.0; the
 * address ranges of `vaslint map`; the plans of `vaslint plan`; layouts
 * and rules for people. */
#ifndef VASLINT_REPORT_H
#define VASLINT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "diag.h"
#include "layout.h"
#include "version.h"

typedef enum report_format {
	REPORT_TEXT,
	REPORT_JSON,
	REPORT_SARIF,
} report_format;

/* What a report says about the run besides its findings. */
struct requests;
struct source_stats; /* source.h */

typedef struct report_run {
	const layout *layout; /* NULL: checked without a platform */
	bool color;	      /* text only: ANSI colours */
	/* JSON only: the requests found in sources, with unknown values
	 * as "unknown"; NULL: none scanned. */
	const struct requests *requests;
	/* Text only: the summary line of the sources scanned; NULL: none
	 * scanned. */
	const struct source_stats *sources;
} report_run;

/* SARIF's invocation: the run could not be done (it ends with exit 2),
 * and the input errors it printed, as notifications. */
typedef struct report_invocation {
	bool failed;
	const vl_error *errors;
	size_t nerrors;
} report_invocation;

/* Each returns false when writing failed (errno set). */
bool report_text(FILE *f, const vl_diags *d, const report_run *run);
bool report_json(FILE *f, const vl_diags *d, const report_run *run);
bool report_sarif(FILE *f, const vl_diags *d, const report_run *run);
/* The same with the invocation, written when it failed or has errors to
 * tell; inv may be NULL. */
bool report_sarif_invoked(FILE *f, const vl_diags *d, const report_run *run,
			  const report_invocation *inv);
bool report_write(FILE *f, report_format fmt, const vl_diags *d,
		  const report_run *run);

/* One address range vaslint evaluated, as `vaslint map` prints it. */
typedef struct map_range {
	const char *kind; /* region, segment, section, symbol, request, free */
	char *name;
	va_range range;
	const char *file; /* NULL: none */
	unsigned line, column;
	bool size_known; /* false: only the start is known (end == start) */
	bool has_lma;	 /* sections: the load address */
	uint64_t lma;
	bool conflict; /* overlaps a reserved region or another range */
	/* It ends at 2^64, which no end holds: range.end is 2^64 - 1. */
	bool to_top;
} map_range;

/* Something map could not determine, and why. */
typedef struct map_unknown {
	char *what, *why;
	const char *file;
	unsigned line, column;
} map_unknown;

typedef struct map_ranges {
	map_range *v;
	size_t n, cap;
	map_unknown *unknowns;
	size_t nunknowns;
} map_ranges;

/* name is copied; file must outlive the list. */
bool map_add(map_ranges *m, const char *kind, const char *name, va_range r,
	     const char *file, unsigned line, unsigned column);
bool map_note(map_ranges *m, const char *what, const char *why,
	      const char *file, unsigned line, unsigned column);
void map_free(map_ranges *m);
struct space;
/* Every range of a space as map shows it (sorted), and what could not be
 * determined; false when memory ran out. */
bool map_from_space(const struct space *s, map_ranges *m);
/* Sort by start address, then end, then kind, for a stable picture. */
void map_sort(map_ranges *m);
bool report_map_text(FILE *f, const map_ranges *m, const report_run *run);
bool report_map_json(FILE *f, const map_ranges *m, const report_run *run);
/* The address space as a picture: one bar from the bottom to the top of
 * the layout's address space (or of the ranges, without a layout). */
bool report_map_svg(FILE *f, const map_ranges *m, const report_run *run);

/* {"NAME": "0x..."} for every layout parameter; {} without a layout;
 * NULL when memory runs out. */
json_t *report_params_json(const layout *l);

/* A plan (plan.h) of run->layout, which must not be NULL: a table, JSON
 * (DESIGN.md), a C header (<NAME>_START and <NAME>_SIZE of every
 * placement), a linker-script fragment (the same as symbols, and
 * IMAGE_BASE), and the picture of `map -f svg`. */
struct plan;
bool report_plan_text(FILE *f, const struct plan *p, const report_run *run);
bool report_plan_json(FILE *f, const struct plan *p, const report_run *run);
bool report_plan_header(FILE *f, const struct plan *p, const report_run *run);
bool report_plan_ld(FILE *f, const struct plan *p, const report_run *run);
bool report_plan_svg(FILE *f, const struct plan *p, const report_run *run);

/* Layouts for people: a line of the list (the name padded to width, the
 * description), and one layout in full: machine, page sizes, address
 * space, parameters and reserved regions. */
bool report_layout_line(FILE *f, const char *name, int width, const layout *l);
bool report_layout(FILE *f, const layout *l);

/* Rules for people: every rule on a line (id, severity, summary), and one
 * rule in full, its prose wrapped at 76 columns. */
bool report_rules_list(FILE *f);
bool report_rule(FILE *f, const struct vl_rule *r);

#endif
