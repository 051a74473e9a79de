/* vaslint explain RULE: what a rule means, why, and how to fix it, from
 * the same table the checks report with. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "rules.h"

static const char usage[] =
    "usage: vaslint explain [RULE]\n"
    "\n"
    "Say what a rule (the id in brackets after a finding) means, why it\n"
    "matters and how to fix it.  Without RULE, list every rule.\n";

int cmd_explain(int argc, char **argv)
{
	const vl_rule *r;

	if (argc > 1 &&
	    (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		fputs(usage, stdout);
		return VL_EXIT_OK;
	}
	if (argc == 1) {
		report_rules_list(stdout);
		return VL_EXIT_OK;
	}
	if (argc > 2) {
		cli_errorf("explain: give one RULE (see 'vaslint explain')");
		return VL_EXIT_INPUT;
	}
	r = vl_rule_find(argv[1]);
	if (!r) {
		const char *near = vl_rule_near(argv[1]);
		cli_errorf("explain: no rule '%s'%s%s%s (run 'vaslint explain' "
			   "for the list)",
			   argv[1], near ? "; did you mean '" : "",
			   near ? near : "", near ? "'?" : "");
		return VL_EXIT_INPUT;
	}
	report_rule(stdout, r);
	return VL_EXIT_OK;
}
