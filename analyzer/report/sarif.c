#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsondoc.h"
#include "layout.h"
#include "report.h"
#include "rules.h"

static const char *level(vl_severity s)
{
	return s == VL_ERROR ? "error" : s == VL_WARNING ? "warning" : "note";
}

/* A path as a URI reference: a path below the working directory becomes
 * relative to it (GitHub resolves such URIs against the checkout and
 * accepts no others), other absolute paths become file:// URIs, and every
 * byte outside the unreserved set is percent-encoded. */
static json_t *uri(const char *path)
{
	char *cwd = getcwd(NULL, 0), *out;
	size_t clen = cwd ? strlen(cwd) : 0;
	json_t *j;

	if (cwd && path[0] == '/' && strncmp(path, cwd, clen) == 0 &&
	    path[clen] == '/')
		path += clen + 1;
	free(cwd);
	out = malloc(strlen(path) * 3 + 8);
	if (!out)
		return NULL;
	char *o = out;
	if (path[0] == '/')
		o += sprintf(o, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("-._~/", *p))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	*o = 0;
	j = json_string(out);
	free(out);
	return j;
}

static json_t *location(const char *file, unsigned line, unsigned column,
			bool *ok)
{
	json_t *loc = json_object();
	json_t *phys = jd_set(loc, "physicalLocation", json_object(), ok);
	json_t *art = jd_set(phys, "artifactLocation", json_object(), ok);

	jd_set(art, "uri", uri(file), ok);
	if (line) {
		json_t *region = jd_set(phys, "region", json_object(), ok);
		jd_set(region, "startLine", json_integer(line), ok);
		if (column)
			jd_set(region, "startColumn", json_integer(column), ok);
	}
	return loc;
}

static json_t *text(const char *s, bool *ok)
{
	json_t *j = json_object();

	jd_set(j, "text", jd_str(s), ok);
	return j;
}

static json_t *rules_json(bool *ok)
{
	json_t *rules = json_array();

	for (size_t i = 0; i < vl_nrules; i++) {
		const vl_rule *r = &vl_rules[i];
		json_t *j = jd_append(rules, json_object(), ok);
		char *help = vl_strprintf("%s\n\nWhy: %s\n\nFix: %s",
					  r->meaning, r->why, r->fix);
		jd_set(j, "id", jd_str(r->id), ok);
		jd_set(j, "name", jd_str(r->id), ok);
		jd_set(j, "shortDescription", text(r->summary, ok), ok);
		jd_set(j, "fullDescription", text(r->meaning, ok), ok);
		jd_set(j, "help", help ? text(help, ok) : NULL, ok);
		jd_set(jd_set(j, "defaultConfiguration", json_object(), ok),
		       "level", jd_str(level(r->severity)), ok);
		free(help);
	}
	return rules;
}

static json_t *result_json(const vl_diag *dg, const char *layouts, bool *ok)
{
	json_t *res = json_object(), *locs;

	jd_set(res, "ruleId", jd_str(dg->rule->id), ok);
	jd_set(res, "ruleIndex", json_integer(dg->rule - vl_rules), ok);
	jd_set(res, "level", jd_str(level(dg->severity)), ok);
	/* GitHub shows a result only at a line of a text file.  A finding
	 * about an image has no line of its own, so where vaslint knows the
	 * line that caused it in a layout of the user's, that line is the
	 * location and the image a related one; a layout vaslint ships is
	 * not in the user's repository, so there the image is the location
	 * and the layout's line the related one. */
	bool at_cause = !dg->line && dg->related_file &&
			!layout_is_shipped(dg->related_file, layouts);
	const char *file = dg->file ? dg->file : "";
	char *msg = at_cause ? vl_strprintf("%s: %s", file, dg->message) : NULL;
	jd_set(res, "message",
	       at_cause && !msg ? NULL : text(msg ? msg : dg->message, ok), ok);
	free(msg);
	locs = jd_set(res, "locations", json_array(), ok);
	jd_append(locs,
		  at_cause ? location(dg->related_file, dg->related_line,
				      dg->related_column, ok)
			   : location(file, dg->line, dg->column, ok),
		  ok);
	if (dg->related_file) {
		json_t *rel = jd_append(
		    jd_set(res, "relatedLocations", json_array(), ok),
		    at_cause ? location(file, 0, 0, ok)
			     : location(dg->related_file, dg->related_line,
					dg->related_column, ok),
		    ok);
		jd_set(rel, "id", json_integer(0), ok);
		jd_set(rel, "message",
		       text(at_cause ? "the image" : "the cause", ok), ok);
	}
	/* A suppressed finding stays, marked: a comment in the file is
	 * inSource, everything else the user said elsewhere. */
	if (dg->suppressed) {
		json_t *sup =
		    jd_append(jd_set(res, "suppressions", json_array(), ok),
			      json_object(), ok);
		jd_set(sup, "kind",
		       jd_str(strcmp(dg->suppressed, "inline") ? "external"
							       : "inSource"),
		       ok);
		if (dg->justification && *dg->justification)
			jd_set(sup, "justification", jd_str(dg->justification),
			       ok);
	}
	return res;
}

/* Whether the run was done, and the input errors that stopped it or left
 * inputs out, each at its file and line where it has one: a report of a
 * run that ended with exit 2 still tells code scanning why. */
static void invocation(json_t *r0, const report_invocation *run, bool *ok)
{
	if (!run || (!run->failed && !run->nerrors))
		return;
	json_t *inv = jd_append(jd_set(r0, "invocations", json_array(), ok),
				json_object(), ok);

	jd_set(inv, "executionSuccessful", json_boolean(!run->failed), ok);
	if (!run->nerrors)
		return;
	json_t *notes =
	    jd_set(inv, "toolExecutionNotifications", json_array(), ok);
	for (size_t i = 0; i < run->nerrors; i++) {
		const vl_error *e = &run->errors[i];
		json_t *n = jd_append(notes, json_object(), ok);
		jd_set(n, "level", jd_str("error"), ok);
		jd_set(n, "message", text(e->msg ? e->msg : "", ok), ok);
		if (e->file && e->file[0] &&
		    strcmp(e->file, "<command line>") != 0)
			jd_append(jd_set(n, "locations", json_array(), ok),
				  location(e->file, e->line, e->column, ok),
				  ok);
	}
}

bool report_sarif(FILE *f, const vl_diags *d, const report_run *run)
{
	return report_sarif_invoked(f, d, run, NULL);
}

bool report_sarif_invoked(FILE *f, const vl_diags *d, const report_run *run,
			  const report_invocation *inv)
{
	json_t *root = json_object(), *runs, *r0, *driver, *results, *props;
	bool ok = true;

	jd_set(root, "$schema",
	       jd_str("https://json.schemastore.org/sarif-2.1.0.json"), &ok);
	jd_set(root, "version", jd_str("2.1.0"), &ok);
	runs = jd_set(root, "runs", json_array(), &ok);
	r0 = jd_append(runs, json_object(), &ok);
	driver = jd_set(jd_set(r0, "tool", json_object(), &ok), "driver",
			json_object(), &ok);
	jd_set(driver, "name", jd_str("vaslint"), &ok);
	jd_set(driver, "version", jd_str(VASLINT_VERSION), &ok);
	jd_set(driver, "rules", rules_json(&ok), &ok);
	results = jd_set(r0, "results", json_array(), &ok);
	/* Where the shipped layouts are: looked up once, not per result. */
	const char *layouts = layout_dir(NULL);
	for (size_t i = 0; i < d->n; i++)
		jd_append(results, result_json(&d->v[i], layouts, &ok), &ok);
	props = jd_set(r0, "properties", json_object(), &ok);
	jd_set(props, "params", report_params_json(run->layout), &ok);
	if (run->layout)
		jd_set(props, "layout", jd_str(run->layout->name), &ok);
	invocation(r0, inv, &ok);
	return jd_write(f, root, ok);
}
