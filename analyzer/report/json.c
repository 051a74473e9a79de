#include <jansson.h>

#include "report.h"
#include "requests.h"
#include "rules.h"

/* Addresses are hex strings: JSON numbers lose bits above 2^53 in most
 * readers. */
static json_t *hex(uint64_t x)
{
	char buf[VA_HEX_LEN];

	return json_string(va_hex(x, buf));
}

static json_t *range_object(const vl_object *o, bool with_kind)
{
	json_t *j = json_object();

	if (!j)
		return NULL;
	if (with_kind)
		json_object_set_new(j, "kind", json_string(o->kind));
	json_object_set_new(j, "name", json_string(o->name));
	json_object_set_new(j, "start", hex(o->range.start));
	json_object_set_new(j, "end", hex(o->range.end));
	return j;
}

static json_t *line_or_null(unsigned n)
{
	return n ? json_integer(n) : json_null();
}

static json_t *diag_json(const vl_diag *dg)
{
	json_t *j = json_object();

	if (!j)
		return NULL;
	json_object_set_new(j, "rule", json_string(dg->rule->id));
	json_object_set_new(j, "severity",
			    json_string(vl_severity_name(dg->severity)));
	json_object_set_new(j, "message", json_string(dg->message));
	json_object_set_new(j, "file",
			    dg->file ? json_string(dg->file) : json_null());
	json_object_set_new(j, "line", line_or_null(dg->line));
	json_object_set_new(j, "column", line_or_null(dg->column));
	json_object_set_new(j, "object",
			    dg->has_object ? range_object(&dg->object, true)
					   : json_null());
	if (dg->has_region)
		json_object_set_new(j, "region",
				    range_object(&dg->region, false));
	return j;
}

json_t *report_params_json(const layout *l)
{
	json_t *p = json_object();

	for (size_t i = 0; l && p && i < l->nparams; i++)
		json_object_set_new(p, l->params[i].name,
				    hex(l->params[i].value));
	return p;
}

static json_t *value_or_unknown(bool unknown, uint64_t v)
{
	return unknown ? json_string("unknown") : hex(v);
}

/* What the sources ask for, each value a hex string or "unknown": an
 * argument that did not evaluate to a constant is never guessed. */
static json_t *requests_json(const requests *rq)
{
	json_t *list = json_array();

	for (size_t i = 0; list && i < rq->n; i++) {
		const request *q = &rq->v[i];
		json_t *j = json_object();
		json_object_set_new(j, "name", json_string(q->name));
		json_object_set_new(j, "kind",
				    json_string(req_kind_name(q->kind)));
		json_object_set_new(
		    j, "call", q->call ? json_string(q->call) : json_null());
		json_object_set_new(j, "size",
				    value_or_unknown(q->size_unknown, q->size));
		json_object_set_new(j, "at",
				    q->fixed
					? value_or_unknown(q->at_unknown, q->at)
					: json_null());
		json_object_set_new(
		    j, "offset",
		    q->has_offset
			? value_or_unknown(q->offset_unknown, q->offset)
			: json_null());
		json_object_set_new(j, "reserves", json_boolean(q->reserves));
		json_object_set_new(
		    j, "file", q->file ? json_string(q->file) : json_null());
		json_object_set_new(j, "line", line_or_null(q->line));
		json_object_set_new(j, "column", line_or_null(q->column));
		json_array_append_new(list, j);
	}
	return list;
}

bool report_json(FILE *f, const vl_diags *d, const report_run *run)
{
	json_t *root = json_object(), *list = json_array();
	bool ok;

	if (!root || !list) {
		json_decref(root);
		json_decref(list);
		return false;
	}
	json_object_set_new(root, "tool", json_string("vaslint"));
	json_object_set_new(root, "version", json_string(VASLINT_VERSION));
	json_object_set_new(root, "layout",
			    run->layout ? json_string(run->layout->name)
					: json_null());
	json_object_set_new(root, "params", report_params_json(run->layout));
	for (size_t i = 0; i < d->n; i++)
		json_array_append_new(list, diag_json(&d->v[i]));
	json_object_set_new(root, "diagnostics", list);
	if (run->requests)
		json_object_set_new(root, "requests",
				    requests_json(run->requests));
	ok = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
	ok = ok && fputc('\n', f) != EOF;
	json_decref(root);
	return ok && !ferror(f);
}
