#include "report.h"

#include <string.h>

#include "escape.h"
#include "rules.h"
#include "source.h"

static const char *severity_color(vl_severity s)
{
	switch (s) {
	case VL_ERROR:
		return "\033[1;31m";
	case VL_WARNING:
		return "\033[1;35m";
	case VL_NOTE:
		return "\033[1;36m";
	}
	return "";
}

/* file:line:col: severity: message [rule], the form editors and CI log
 * parsers already understand; line and column are left out for images.
 * The file and the message are escaped (escape.h), so a finding is one
 * line whatever the names in it hold. */
bool report_text(FILE *f, const vl_diags *d, const report_run *run)
{
	const char *bold = run->color ? "\033[1m" : "";
	const char *reset = run->color ? "\033[0m" : "";

	for (size_t i = 0; i < d->n; i++) {
		const vl_diag *dg = &d->v[i];
		/* Suppressed: counted on stderr by check, not shown. */
		if (dg->suppressed)
			continue;
		fputs(bold, f);
		esc_text_put(f, dg->file ? dg->file : "vaslint");
		if (dg->line) {
			fprintf(f, ":%u", dg->line);
			if (dg->column)
				fprintf(f, ":%u", dg->column);
		}
		fprintf(f, ":%s %s%s:%s ", reset,
			run->color ? severity_color(dg->severity) : "",
			vl_severity_name(dg->severity), reset);
		esc_text_put(f, dg->message);
		fprintf(f, " [%s]\n", dg->rule->id);
	}
	/* After the findings, so that a scan that found nine requests and
	 * one that found none (every call unresolved) do not look the
	 * same. */
	if (run->sources) {
		const source_stats *st = run->sources;
		fprintf(f,
			"sources: %zu file%s scanned, %zu request%s (%zu with "
			"unknown values), %zu file%s with parse errors\n",
			st->files, st->files == 1 ? "" : "s", st->requests,
			st->requests == 1 ? "" : "s", st->unknown,
			st->parse_errors, st->parse_errors == 1 ? "" : "s");
	}
	return !ferror(f);
}

bool report_write(FILE *f, report_format fmt, const vl_diags *d,
		  const report_run *run)
{
	switch (fmt) {
	case REPORT_TEXT:
		return report_text(f, d, run);
	case REPORT_JSON:
		return report_json(f, d, run);
	case REPORT_SARIF:
		return report_sarif(f, d, run);
	}
	return false;
}
