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

/* Wrap prose at 76 columns with an indent, so explanations read well in a
 * terminal and diff cleanly. */
static void wrap(const char *label, const char *text)
{
	const int width = 76, indent = 2;
	int col = indent;
	const char *p = text;

	printf("%s:\n%*s", label, indent, "");
	while (*p) {
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		int len = (int)(p - w);
		if (col > indent && col + 1 + len > width) {
			printf("\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			putchar(' ');
			col++;
		}
		printf("%.*s", len, w);
		col += len;
		while (*p == ' ')
			p++;
	}
	putchar('\n');
}

int cmd_explain(int argc, char **argv)
{
	const vl_rule *r;

	if (argc > 1 &&
	    (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		fputs(usage, stdout);
		return VL_EXIT_OK;
	}
	if (argc == 1) {
		for (size_t i = 0; i < vl_nrules; i++)
			printf("%-26s %-7s %s\n", vl_rules[i].id,
			       vl_severity_name(vl_rules[i].severity),
			       vl_rules[i].summary);
		return VL_EXIT_OK;
	}
	if (argc > 2) {
		cli_errorf("explain: give one RULE (see 'vaslint explain')");
		return VL_EXIT_INPUT;
	}
	r = vl_rule_find(argv[1]);
	if (!r) {
		cli_errorf("explain: no rule '%s' (run 'vaslint explain' for "
			   "the list)",
			   argv[1]);
		return VL_EXIT_INPUT;
	}
	printf("%s (%s): %s\n\n", r->id, vl_severity_name(r->severity),
	       r->summary);
	wrap("What it means", r->meaning);
	putchar('\n');
	wrap("Why it matters", r->why);
	putchar('\n');
	wrap("How to fix it", r->fix);
	return VL_EXIT_OK;
}
