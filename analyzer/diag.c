#include "diag.h"

#include <ctype.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

char *vl_strprintf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	return n < 0 ? NULL : s;
}

/* What an error says when memory ran out while it was being made.  Its
 * address tells vl_error_free not to free it. */
static char vl_oom_text[] = "out of memory";

bool vl_vfail(vl_error *err, const char *file, unsigned line, unsigned column,
	      const char *fmt, va_list ap)
{
	char *msg = NULL, *f = NULL;

	if (!err)
		return false;
	/* The new texts are made before the old ones go: the arguments may
	 * be the old ones. */
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	if (file && !(f = strdup(file))) {
		free(msg);
		msg = NULL;
	}
	if (!msg)
		return vl_fail_oom(err);
	vl_error_free(err);
	err->file = f;
	err->line = line;
	err->column = column;
	err->msg = msg;
	return false;
}

bool vl_fail(vl_error *err, const char *file, unsigned line, unsigned column,
	     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vl_vfail(err, file, line, column, fmt, ap);
	va_end(ap);
	return false;
}

bool vl_fail_oom(vl_error *err)
{
	vl_error_free(err);
	if (err)
		err->msg = vl_oom_text;
	return false;
}

void vl_error_free(vl_error *err)
{
	if (!err)
		return;
	free(err->file);
	if (err->msg != vl_oom_text)
		free(err->msg);
	memset(err, 0, sizeof(*err));
}

void vl_error_move(vl_error *to, vl_error *from)
{
	if (to == from)
		return;
	if (!to) {
		vl_error_free(from);
		return;
	}
	vl_error_free(to);
	*to = *from;
	memset(from, 0, sizeof(*from));
}

const char *vl_severity_name(vl_severity s)
{
	switch (s) {
	case VL_NOTE:
		return "note";
	case VL_WARNING:
		return "warning";
	case VL_ERROR:
		return "error";
	}
	return "error";
}

static void object_free(vl_object *o)
{
	free(o->kind);
	free(o->name);
}

void vl_diags_free(vl_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		vl_diag *dg = &d->v[i];
		free(dg->message);
		free(dg->file);
		free(dg->related_file);
		free(dg->justification);
		if (dg->has_object)
			object_free(&dg->object);
		if (dg->has_region)
			object_free(&dg->region);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

vl_diag *vl_diags_add(vl_diags *d, const vl_rule *rule, const char *file,
		      unsigned line, unsigned column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vl_diag *dg = vl_diags_vadd(d, rule, file, line, column, fmt, ap);
	va_end(ap);
	return dg;
}

vl_diag *vl_diags_vadd(vl_diags *d, const vl_rule *rule, const char *file,
		       unsigned line, unsigned column, const char *fmt,
		       va_list ap)
{
	vl_diag dg = {0};

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		vl_diag *v = realloc(d->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		d->v = v;
		d->cap = cap;
	}
	if (vasprintf(&dg.message, fmt, ap) < 0)
		return NULL;
	dg.rule = rule;
	dg.seq = d->n;
	dg.severity = rule->severity;
	dg.line = line;
	dg.column = column;
	dg.file = dup_or_null(file);
	if (file && !dg.file) {
		free(dg.message);
		return NULL;
	}
	d->v[d->n] = dg;
	return &d->v[d->n++];
}

static bool set_object(vl_object *o, bool *has, const char *kind,
		       const char *name, va_range r)
{
	vl_object n = {dup_or_null(kind), dup_or_null(name), r};

	if ((kind && !n.kind) || (name && !n.name)) {
		object_free(&n);
		return false;
	}
	if (*has)
		object_free(o);
	*o = n;
	*has = true;
	return true;
}

bool vl_diag_set_object(vl_diag *dg, const char *kind, const char *name,
			va_range r)
{
	return set_object(&dg->object, &dg->has_object, kind, name, r);
}

bool vl_diag_set_region(vl_diag *dg, const char *name, va_range r)
{
	return set_object(&dg->region, &dg->has_region, NULL, name, r);
}

bool vl_diag_set_related(vl_diag *dg, const char *file, unsigned line,
			 unsigned column)
{
	char *f = dup_or_null(file);

	if (file && !f)
		return false;
	free(dg->related_file);
	dg->related_file = f;
	dg->related_line = line;
	dg->related_column = column;
	return true;
}

/* Ties keep insertion order (seq), so the order is stable and output diffs
 * cleanly whatever order the checks ran in. */
static int diag_cmp(const void *pa, const void *pb)
{
	const vl_diag *a = pa, *b = pb;
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void vl_diags_sort(vl_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
}

size_t vl_diags_count(const vl_diags *d, vl_severity s)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].severity == s && !d->v[i].suppressed;
	return n;
}

bool vl_diags_append(vl_diags *to, const vl_diags *from)
{
	for (size_t i = 0; i < from->n; i++) {
		const vl_diag *src = &from->v[i];
		vl_diag *d = vl_diags_add(to, src->rule, src->file, src->line,
					  src->column, "%s", src->message);
		if (!d)
			return false;
		d->severity = src->severity;
		d->suppressed = src->suppressed;
		if ((src->justification &&
		     !(d->justification = strdup(src->justification))) ||
		    (src->has_object &&
		     !vl_diag_set_object(d, src->object.kind, src->object.name,
					 src->object.range)) ||
		    (src->has_region &&
		     !vl_diag_set_region(d, src->region.name,
					 src->region.range)) ||
		    (src->related_file &&
		     !vl_diag_set_related(d, src->related_file,
					  src->related_line,
					  src->related_column)))
			return false;
	}
	return true;
}

/* Levenshtein distance, case-insensitive, capped at cap + 1. */
static size_t distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row, best = cap + 1;

	if ((la > lb ? la - lb : lb - la) > cap || lb > 256)
		return cap + 1;
	if (!(row = malloc((lb + 1) * sizeof(*row))))
		return cap + 1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			bool same = tolower((unsigned char)a[i - 1]) ==
				    tolower((unsigned char)b[j - 1]);
			size_t v = diag + !same;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (up + 1 < v)
				v = up + 1;
			row[j] = v;
			diag = up;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

const char *vl_did_you_mean(const char *word, const char *const *cands,
			    size_t n)
{
	/* Two slips in a short word (a swapped pair is two), one in a long
	 * one: "genode-okl4" is not a slip of "genode-sel4". */
	size_t len = strlen(word), best = SIZE_MAX;
	size_t cap = len < 4 ? 1 : len <= 10 ? 2 : 1;
	const char *pick = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, cands[i], cap);
		if (d <= cap && d < best) {
			best = d;
			pick = cands[i];
		}
	}
	return pick;
}
