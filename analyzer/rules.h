/* The table of rules: every finding vaslint reports has one.  The same
 * table feeds the checks, `vaslint explain` and SARIF's rule metadata. */
#ifndef VASLINT_RULES_H
#define VASLINT_RULES_H

#include "diag.h"

struct space;

/* A check: looks at the ranges of a space (and what is known about them)
 * against its layout, appends what it finds and returns the number of
 * findings, or -1 when memory ran out.  It never opens a file. */
typedef int (*vl_check_fn)(const struct space *s, vl_diags *out);

/* Rule ids.  A rule's handle is its id, never a position: the table is
 * indexed by these with designated initializers, so a row can be added
 * anywhere without rebinding another. */
typedef enum vl_rule_id {
	VL_R_RESERVED_OVERLAP,
	VL_R_OUTSIDE_ADDRESS_SPACE,
	VL_R_SEGMENT_OVERLAP,
	VL_R_UNALIGNED_REQUEST,
	VL_R_UNALIGNABLE_SIZE,
	VL_R_FIXED_OUTSIDE_RESERVATION,
	VL_R_SEGMENT_CONGRUENCE,
	VL_R_IMAGE_OVERLAP,
	VL_R_POSITION_INDEPENDENT,
	VL_R_SCRIPT_ERROR,
	VL_R_REGION_OVERFLOW,
	VL_R_OUTSIDE_REGION,
	VL_R_SECTION_OVERLAP,
	VL_R_LOCATION_BACKWARDS,
	VL_R_ASSERT_FAILED,
	VL_R_LLD_PORTABILITY,
	VL_R_IMPLICIT_BASE,
	VL_R_UNDETERMINED,
	VL_R_NEAR_RESERVED,
	VL_R_NOT_LOADABLE,
	VL_R_PARAMETER_NOT_GIVEN,
	VL_R_ELF_CONFORMANCE,
	VL_R_OUTSIDE_REGION_MAP,
	VL_R_MISSING_HEADER,
	VL_NRULES
} vl_rule_id;

/* One row of the one table: the rule, the check that finds it, and the
 * documentation `vaslint explain` and SARIF print.  The table's order is
 * the order SARIF lists the rules in (ids of the contract first, new
 * ones appended); `order` is the order findings at one place come in. */
typedef struct vl_rule {
	const char *id;
	vl_severity severity;
	vl_check_fn check; /* NULL: findings come from a reader (sources) */
	unsigned order;
	const char *summary; /* one line: what was found */
	const char *meaning; /* what the rule means */
	const char *why;     /* why it matters */
	const char *fix;     /* how to fix it */
} vl_rule;

extern const vl_rule vl_rules[VL_NRULES];
extern const size_t vl_nrules;

const vl_rule *vl_rule_find(const char *id);
/* The rule id id was probably meant to be, or NULL ("did you mean"). */
const char *vl_rule_near(const char *id);

/* The handle of a rule by id. */
#define VL_RULE(id) (&vl_rules[VL_R_##id])

/* The handles the checks use, by name. */
#define VL_RULE_RESERVED_OVERLAP	  VL_RULE(RESERVED_OVERLAP)
#define VL_RULE_OUTSIDE_ADDRESS_SPACE	  VL_RULE(OUTSIDE_ADDRESS_SPACE)
#define VL_RULE_SEGMENT_OVERLAP		  VL_RULE(SEGMENT_OVERLAP)
#define VL_RULE_UNALIGNED_REQUEST	  VL_RULE(UNALIGNED_REQUEST)
#define VL_RULE_UNALIGNABLE_SIZE	  VL_RULE(UNALIGNABLE_SIZE)
#define VL_RULE_FIXED_OUTSIDE_RESERVATION VL_RULE(FIXED_OUTSIDE_RESERVATION)
#define VL_RULE_SEGMENT_CONGRUENCE	  VL_RULE(SEGMENT_CONGRUENCE)
#define VL_RULE_IMAGE_OVERLAP		  VL_RULE(IMAGE_OVERLAP)
#define VL_RULE_POSITION_INDEPENDENT	  VL_RULE(POSITION_INDEPENDENT)
#define VL_RULE_SCRIPT_ERROR		  VL_RULE(SCRIPT_ERROR)
#define VL_RULE_REGION_OVERFLOW		  VL_RULE(REGION_OVERFLOW)
#define VL_RULE_OUTSIDE_REGION		  VL_RULE(OUTSIDE_REGION)
#define VL_RULE_SECTION_OVERLAP		  VL_RULE(SECTION_OVERLAP)
#define VL_RULE_LOCATION_BACKWARDS	  VL_RULE(LOCATION_BACKWARDS)
#define VL_RULE_ASSERT_FAILED		  VL_RULE(ASSERT_FAILED)
#define VL_RULE_LLD_PORTABILITY		  VL_RULE(LLD_PORTABILITY)
#define VL_RULE_IMPLICIT_BASE		  VL_RULE(IMPLICIT_BASE)
#define VL_RULE_UNDETERMINED		  VL_RULE(UNDETERMINED)
#define VL_RULE_NEAR_RESERVED		  VL_RULE(NEAR_RESERVED)
#define VL_RULE_NOT_LOADABLE		  VL_RULE(NOT_LOADABLE)
#define VL_RULE_PARAMETER_NOT_GIVEN	  VL_RULE(PARAMETER_NOT_GIVEN)
#define VL_RULE_ELF_CONFORMANCE		  VL_RULE(ELF_CONFORMANCE)
#define VL_RULE_OUTSIDE_REGION_MAP	  VL_RULE(OUTSIDE_REGION_MAP)
#define VL_RULE_MISSING_HEADER		  VL_RULE(MISSING_HEADER)

#endif
