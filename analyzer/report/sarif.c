#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static json_t *location(const char *file, unsigned line, unsigned column)
{
	json_t *phys = json_object(), *art = json_object(), *loc;

	json_object_set_new(art, "uri", uri(file));
	json_object_set_new(phys, "artifactLocation", art);
	if (line) {
		json_t *region = json_object();
		json_object_set_new(region, "startLine", json_integer(line));
		if (column)
			json_object_set_new(region, "startColumn",
					    json_integer(column));
		json_object_set_new(phys, "region", region);
	}
	loc = json_object();
	json_object_set_new(loc, "physicalLocation", phys);
	return loc;
}

static json_t *text(const char *s)
{
	return json_pack("{s:s}", "text", s);
}

static json_t *rules_json(void)
{
	json_t *rules = json_array();

	for (size_t i = 0; i < vl_nrules; i++) {
		const vl_rule *r = &vl_rules[i];
		char *help;
		if (asprintf(&help, "%s\n\nWhy: %s\n\nFix: %s", r->meaning,
			     r->why, r->fix) < 0)
			help = NULL;
		json_array_append_new(
		    rules, json_pack("{s:s, s:s, s:o, s:o, s:o, s:{s:s}}", "id",
				     r->id, "name", r->id, "shortDescription",
				     text(r->summary), "fullDescription",
				     text(r->meaning), "help",
				     text(help ? help : r->meaning),
				     "defaultConfiguration", "level",
				     level(r->severity)));
		free(help);
	}
	return rules;
}

static json_t *result_json(const vl_diag *dg)
{
	json_t *res = json_object(), *locs = json_array();

	json_object_set_new(res, "ruleId", json_string(dg->rule->id));
	json_object_set_new(res, "ruleIndex",
			    json_integer(dg->rule - vl_rules));
	json_object_set_new(res, "level", json_string(level(dg->severity)));
	/* GitHub shows a result only at a line of a text file.  A finding
	 * about an image has no line of its own, so where vaslint knows the
	 * line that caused it (the layout's region or address space) that
	 * line is the location and the image a related one. */
	bool at_cause = !dg->line && dg->related_file;
	const char *file = dg->file ? dg->file : "";
	char *msg = NULL;
	if (at_cause && asprintf(&msg, "%s: %s", file, dg->message) < 0)
		msg = NULL;
	json_object_set_new(res, "message", text(msg ? msg : dg->message));
	free(msg);
	json_t *primary = at_cause
			      ? location(dg->related_file, dg->related_line,
					 dg->related_column)
			      : location(file, dg->line, dg->column);
	json_array_append_new(locs, primary);
	json_object_set_new(res, "locations", locs);
	if (dg->related_file) {
		json_t *rel = at_cause
				  ? location(file, 0, 0)
				  : location(dg->related_file, dg->related_line,
					     dg->related_column);
		json_object_set_new(rel, "id", json_integer(0));
		json_object_set_new(rel, "message",
				    text(at_cause ? "the image" : "the cause"));
		json_object_set_new(res, "relatedLocations",
				    json_pack("[o]", rel));
	}
	return res;
}

bool report_sarif(FILE *f, const vl_diags *d, const report_run *run)
{
	json_t *results = json_array(), *root;
	bool ok;

	for (size_t i = 0; i < d->n; i++)
		json_array_append_new(results, result_json(&d->v[i]));
	root = json_pack(
	    "{s:s, s:s, s:[{s:{s:{s:s, s:s, s:o}}, s:o, s:{s:o}}]}", "$schema",
	    "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0",
	    "runs", "tool", "driver", "name", "vaslint", "version",
	    VASLINT_VERSION, "rules", rules_json(), "results", results,
	    "properties", "params", report_params_json(run->layout));
	if (!root)
		return false;
	if (run->layout)
		json_object_set_new(
		    json_object_get(
			json_array_get(json_object_get(root, "runs"), 0),
			"properties"),
		    "layout", json_string(run->layout->name));
	ok = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
	ok = ok && fputc('\n', f) != EOF;
	json_decref(root);
	return ok && !ferror(f);
}
