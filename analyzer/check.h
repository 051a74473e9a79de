/* The checks.  Each is one row of the rule table (rules.c): a function
 * that looks at the ranges of a space (space.h) against its layout,
 * appends what it finds to a vl_diags and returns the number of findings,
 * or -1 when memory ran out.  None of them opens a file, and none knows
 * which reader a range came from: a rule about ranges applies to images,
 * scripts and requests alike.
 *
 * To add a rule: an id in rules.h, a row in rules.c, one function here
 * (or in ldscript/script_check.c for what only a script has). */
#ifndef VASLINT_CHECK_H
#define VASLINT_CHECK_H

#include "diag.h"
#include "layout.h"
#include "rules.h"
#include "space.h"

/* Every row of the table, in the rows' finding order; the sum of the
 * findings, or -1. */
int check_run(const space *s, vl_diags *out);
/* One row; the count or -1. */
int check_run_rule(const space *s, vl_rule_id id, vl_diags *out);

/* Rows about any range against the layout. */
int check_reserved_overlap(const space *s, vl_diags *out);
int check_address_space(const space *s, vl_diags *out);
int check_near_reserved(const space *s, vl_diags *out);
/* Rows about images. */
int check_segment_congruence(const space *s, vl_diags *out);
int check_segment_overlap(const space *s, vl_diags *out);
int check_position_independent(const space *s, vl_diags *out);
int check_image_overlap(const space *s, vl_diags *out);
/* not-loadable: an ELF file with no PT_LOAD, of which nothing was
 * checked (a note). */
int check_not_loadable(const space *s, vl_diags *out);
/* parameter-not-given: a region left empty because the parameter that
 * sizes it was not given (only when something was checked). */
int check_parameter_not_given(const space *s, vl_diags *out);
/* elf-conformance: what breaks the ELF specification where Linux does
 * not look (a cut-off section header table, a p_align that is no power
 * of two), a warning: the program runs, other tools may refuse it. */
int check_elf_conformance(const space *s, vl_diags *out);
/* Rows about requests: unaligned-request (a fixed address or offset that
 * defeats the natural alignment of the size: the cost now and if
 * aligned), unalignable-size (a size that wastes a page tail, or a large
 * one that is not a multiple of the large page), fixed-outside-reservation
 * (MAP_FIXED outside every reservation of the program, where the
 * constants allow telling). */
int check_unaligned_requests(const space *s, vl_diags *out);
int check_unalignable_sizes(const space *s, vl_diags *out);
int check_reservations(const space *s, vl_diags *out);
/* outside-region-map: an attach into a region map of the program's own
 * (a Genode sub region map) at an offset beyond its size. */
int check_sub_region_maps(const space *s, vl_diags *out);

/* The hint reserved-overlap gives for an image that spans `span` and
 * whose segments need `align`: where it could be linked instead.
 * Malloc'ed; NULL when memory ran out. */
char *check_legal_hint(const layout *l, va_range span, uint64_t align);

#endif
