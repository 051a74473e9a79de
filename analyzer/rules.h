/* The table of rules: every finding vaslint reports has one.  The same
 * table feeds the checks, `vaslint explain` and SARIF's rule metadata. */
#ifndef VASLINT_RULES_H
#define VASLINT_RULES_H

#include "diag.h"

typedef struct vl_rule {
	const char *id;
	vl_severity severity;
	const char *summary; /* one line: what was found */
	const char *meaning; /* what the rule means */
	const char *why;     /* why it matters */
	const char *fix;     /* how to fix it */
} vl_rule;

extern const vl_rule vl_rules[];
extern const size_t vl_nrules;

const vl_rule *vl_rule_find(const char *id);

/* Named handles for the checks. */
extern const vl_rule *const VL_RULE_RESERVED_OVERLAP;
extern const vl_rule *const VL_RULE_OUTSIDE_ADDRESS_SPACE;
extern const vl_rule *const VL_RULE_SEGMENT_OVERLAP;
extern const vl_rule *const VL_RULE_UNALIGNED_REQUEST;
extern const vl_rule *const VL_RULE_UNALIGNABLE_SIZE;
extern const vl_rule *const VL_RULE_FIXED_OUTSIDE_RESERVATION;
extern const vl_rule *const VL_RULE_SEGMENT_CONGRUENCE;
extern const vl_rule *const VL_RULE_IMAGE_OVERLAP;
extern const vl_rule *const VL_RULE_POSITION_INDEPENDENT;
extern const vl_rule *const VL_RULE_SCRIPT_ERROR;
extern const vl_rule *const VL_RULE_REGION_OVERFLOW;
extern const vl_rule *const VL_RULE_OUTSIDE_REGION;
extern const vl_rule *const VL_RULE_SECTION_OVERLAP;
extern const vl_rule *const VL_RULE_LOCATION_BACKWARDS;
extern const vl_rule *const VL_RULE_ASSERT_FAILED;
extern const vl_rule *const VL_RULE_LLD_PORTABILITY;
extern const vl_rule *const VL_RULE_IMPLICIT_BASE;
extern const vl_rule *const VL_RULE_UNDETERMINED;

#endif
