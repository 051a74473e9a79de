/* Writers of the rule table for people (vaslint explain): every rule on
 * a line, or one rule in full. */
#include "report.h"

#include "rules.h"

bool report_rules_list(FILE *f)
{
	for (size_t i = 0; i < vl_nrules; i++)
		fprintf(f, "%-26s %-7s %s\n", vl_rules[i].id,
			vl_severity_name(vl_rules[i].severity),
			vl_rules[i].summary);
	return !ferror(f);
}

/* Wrap prose at 76 columns with an indent, so explanations read well in a
 * terminal and diff cleanly. */
static void wrap(FILE *f, const char *label, const char *text)
{
	const int width = 76, indent = 2;
	int col = indent;
	const char *p = text;

	fprintf(f, "%s:\n%*s", label, indent, "");
	while (*p) {
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		int len = (int)(p - w);
		if (col > indent && col + 1 + len > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", len, w);
		col += len;
		while (*p == ' ')
			p++;
	}
	fputc('\n', f);
}

bool report_rule(FILE *f, const struct vl_rule *r)
{
	fprintf(f, "%s (%s): %s\n\n", r->id, vl_severity_name(r->severity),
		r->summary);
	wrap(f, "What it means", r->meaning);
	fputc('\n', f);
	wrap(f, "Why it matters", r->why);
	fputc('\n', f);
	wrap(f, "How to fix it", r->fix);
	return !ferror(f);
}
