#include <jansson.h>
#include <stdlib.h>

#include "jsondoc.h"
#include "report.h"
#include "requests.h"
#include "rules.h"

static json_t *range_object(const vl_object *o, bool with_kind, bool *ok)
{
	json_t *j = json_object();

	if (with_kind)
		jd_set(j, "kind", jd_str_or_null(o->kind), ok);
	jd_set(j, "name", jd_str_or_null(o->name), ok);
	jd_set(j, "start", jd_hex(o->range.start), ok);
	jd_set(j, "end", jd_hex(o->range.end), ok);
	return j;
}

static json_t *diag_json(const vl_diag *dg, bool *ok)
{
	json_t *j = json_object();

	jd_set(j, "rule", jd_str(dg->rule->id), ok);
	jd_set(j, "severity", jd_str(vl_severity_name(dg->severity)), ok);
	jd_set(j, "message", jd_str(dg->message), ok);
	jd_set(j, "file", jd_str_or_null(dg->file), ok);
	jd_set(j, "line", jd_line(dg->line), ok);
	jd_set(j, "column", jd_line(dg->column), ok);
	jd_set(j, "object",
	       dg->has_object ? range_object(&dg->object, true, ok)
			      : json_null(),
	       ok);
	if (dg->has_region)
		jd_set(j, "region", range_object(&dg->region, false, ok), ok);
	if (dg->suppressed) {
		json_t *s = jd_set(j, "suppressed", json_object(), ok);
		jd_set(s, "by", jd_str(dg->suppressed), ok);
		jd_set(s, "justification",
		       jd_str(dg->justification ? dg->justification : ""), ok);
	}
	return j;
}

json_t *report_params_json(const layout *l)
{
	json_t *p = json_object();
	bool ok = true;

	for (size_t i = 0; l && i < l->nparams; i++)
		jd_set(p, l->params[i].name, jd_hex(l->params[i].value), &ok);
	if (!ok) {
		json_decref(p);
		return NULL;
	}
	return p;
}

static json_t *value_or_unknown(bool unknown, uint64_t v)
{
	return unknown ? json_string("unknown") : jd_hex(v);
}

/* The region map a request goes into: null for the program's address
 * space, else the size of the program's own region map and where it was
 * created (line null: not in the request's file). */
static json_t *region_map_json(const request *q, bool *ok)
{
	json_t *j;

	if (!q->in_sub)
		return json_null();
	j = json_object();
	jd_set(j, "size", value_or_unknown(q->sub_size_unknown, q->sub_size),
	       ok);
	jd_set(j, "line", jd_line(q->sub_line), ok);
	jd_set(j, "column", jd_line(q->sub_column), ok);
	return j;
}

/* Why a value is "unknown"; a value the scanner could not evaluate for
 * no reason it names is simply not a constant. */
static void say_why(json_t *o, const char *key, bool unknown, const char *why,
		    bool *ok)
{
	if (unknown)
		jd_set(o, key, jd_str(why ? why : "not a constant expression"),
		       ok);
}

/* What the sources ask for, each value a hex string or "unknown": an
 * argument that did not evaluate to a constant is never guessed, and
 * "unknown" says why.  A size of 0 that means the whole dataspace is
 * "whole"; "fixed" tells "fixed at an unknown address" (true) from "not
 * known whether fixed" ("unknown"). */
static json_t *requests_json(const requests *rq, bool *ok)
{
	json_t *list = json_array();

	for (size_t i = 0; i < rq->n; i++) {
		const request *q = &rq->v[i];
		json_t *j = jd_append(list, json_object(), ok);
		jd_set(j, "name", jd_str(q->name), ok);
		jd_set(j, "kind", jd_str(req_kind_name(q->kind)), ok);
		jd_set(j, "call", jd_str_or_null(q->call), ok);
		jd_set(j, "size",
		       q->size_whole
			   ? jd_str("whole")
			   : value_or_unknown(q->size_unknown, q->size),
		       ok);
		jd_set(j, "at",
		       q->fixed ? value_or_unknown(q->at_unknown, q->at)
				: json_null(),
		       ok);
		jd_set(j, "fixed",
		       q->fixed_maybe ? jd_str("unknown")
				      : json_boolean(q->fixed),
		       ok);
		jd_set(j, "offset",
		       q->has_offset
			   ? value_or_unknown(q->offset_unknown, q->offset)
			   : json_null(),
		       ok);
		json_t *why = jd_set(j, "unknown", json_object(), ok);
		say_why(why, "size", q->size_unknown && !q->size_whole,
			q->size_why, ok);
		if (q->fixed_maybe) {
			char *s = vl_strprintf(
			    "whether it is fixed is not known: %s",
			    q->at_why ? q->at_why
				      : "not a constant expression");
			say_why(why, "at", true, s ? s : "out of memory", ok);
			*ok = *ok && s;
			free(s);
		} else {
			say_why(why, "at", q->fixed && q->at_unknown, q->at_why,
				ok);
		}
		say_why(why, "offset", q->has_offset && q->offset_unknown,
			q->offset_why, ok);
		jd_set(j, "reserves", json_boolean(q->reserves), ok);
		jd_set(j, "region_map", region_map_json(q, ok), ok);
		jd_set(j, "file", jd_str_or_null(q->file), ok);
		jd_set(j, "line", jd_line(q->line), ok);
		jd_set(j, "column", jd_line(q->column), ok);
	}
	return list;
}

bool report_json(FILE *f, const vl_diags *d, const report_run *run)
{
	json_t *root = json_object(), *list;
	bool ok = true;

	jd_set(root, "tool", jd_str("vaslint"), &ok);
	jd_set(root, "version", jd_str(VASLINT_VERSION), &ok);
	jd_set(root, "layout",
	       jd_str_or_null(run->layout ? run->layout->name : NULL), &ok);
	jd_set(root, "params", report_params_json(run->layout), &ok);
	list = jd_set(root, "diagnostics", json_array(), &ok);
	for (size_t i = 0; i < d->n; i++)
		jd_append(list, diag_json(&d->v[i], &ok), &ok);
	if (run->requests)
		jd_set(root, "requests", requests_json(run->requests, &ok),
		       &ok);
	return jd_write(f, root, ok);
}
