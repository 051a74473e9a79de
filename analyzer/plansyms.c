#include "plansyms.h"

#include <stdlib.h>
#include <string.h>

char *plansyms_ident(const char *name)
{
	size_t n = strlen(name);
	char *out = malloc(n + 2), *o = out;

	if (!out)
		return NULL;
	if (name[0] >= '0' && name[0] <= '9')
		*o++ = '_';
	for (; *name; name++) {
		char c = *name;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			c = '_';
		*o++ = c;
	}
	*o = '\0';
	return out;
}

void plansyms_free(plansyms *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].name);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Appends the symbol prefix + ident(name) + suffix; false when memory
 * runs out. */
static bool add(plansyms *s, const char *prefix, const char *name,
		const char *suffix, uint64_t value, plansym_from from,
		size_t index)
{
	char *id = plansyms_ident(name), *full;

	if (!id)
		return false;
	full = vl_strprintf("%s%s%s", prefix, id, suffix);
	free(id);
	if (!full)
		return false;
	s->v[s->n++] = (plansym){full, value, from, index};
	return true;
}

/* Where a layout region is defined: plan_add_regions copies only its
 * name and range into the request. */
static src_loc region_loc(const layout *l, const char *name)
{
	for (size_t k = 0; k < l->nregions; k++)
		if (!strcmp(l->regions[k].name, name))
			return l->regions[k].loc;
	return (src_loc){l->path, 0, 0};
}

/* " (file:line:column)", " (file)" or "", malloc'ed. */
static char *where(src_loc at)
{
	if (!at.file)
		return strdup("");
	if (!at.line)
		return vl_strprintf(" (%s)", at.file);
	return vl_strprintf(" (%s:%u:%u)", at.file, at.line, at.column);
}

/* What defines s, for a message ("request 'dma' (dma.yaml:2:5)"), and
 * where, in *at; malloc'ed, NULL when memory runs out. */
static char *definer(const plan *p, const layout *l, const plansym *s,
		     src_loc *at)
{
	const request *q = s->from == PLANSYM_GUARD || s->from == PLANSYM_PARAM
			       ? NULL
			       : p->v[s->index].req;
	char *w, *text;

	if (s->from == PLANSYM_GUARD) {
		*at = (src_loc){l->path, 0, 0};
		return vl_strprintf("the include guard of layout %s", l->name);
	}
	if (s->from == PLANSYM_PARAM)
		*at = l->params[s->index].loc;
	else if (q->platform)
		*at = region_loc(l, q->name);
	else
		*at = (src_loc){q->file, q->line, q->column};
	if (!(w = where(*at)))
		return NULL;
	if (s->from == PLANSYM_PARAM)
		text = vl_strprintf("parameter %s of layout %s%s",
				    l->params[s->index].name, l->name, w);
	else if (q->platform)
		text = vl_strprintf("region '%s' of layout %s%s", q->name,
				    l->name, w);
	else
		text = vl_strprintf("%s '%s'%s",
				    q->kind == REQ_IMAGE ? "image" : "request",
				    q->name, w);
	free(w);
	return text;
}

static int by_name(const void *pa, const void *pb)
{
	const plansym *a = *(const plansym *const *)pa;
	const plansym *b = *(const plansym *const *)pb;
	int c = strcmp(a->name, b->name);

	/* ties in the order written, so the first definition is named
	 * first */
	return c ? c : (a > b) - (a < b);
}

/* An input error naming the two definitions of a->name; b is the later
 * one, and where the error is reported when it has a file. */
static bool twice(const plan *p, const layout *l, bool header, const plansym *a,
		  const plansym *b, vl_error *err)
{
	src_loc at_a, at_b;
	char *da = definer(p, l, a, &at_a), *db = definer(p, l, b, &at_b);
	const src_loc *at = at_b.file ? &at_b : &at_a;
	bool images = a->from == PLANSYM_IMAGE_BASE;

	if (!da || !db) {
		free(da);
		free(db);
		return vl_fail_oom(err);
	}
	vl_fail(err, at->file, at->line, at->column,
		"%s would be defined twice in the %s: by %s and by %s; %s",
		a->name, header ? "C header" : "linker-script fragment", da, db,
		images ? "give plan one image for -f ld"
		       : "rename one of them");
	free(da);
	free(db);
	return false;
}

static bool distinct(const plansyms *s, const plan *p, const layout *l,
		     bool header, vl_error *err)
{
	const plansym **v = malloc((s->n ? s->n : 1) * sizeof(*v));

	if (!v)
		return vl_fail_oom(err);
	for (size_t i = 0; i < s->n; i++)
		v[i] = &s->v[i];
	if (s->n > 1)
		qsort(v, s->n, sizeof(*v), by_name);
	/* Of all the symbols defined again, the one redefined first in the
	 * output is reported: OK_NAME_START before OK_NAME_SIZE. */
	size_t worst = 0;
	for (size_t i = 1; i < s->n; i++)
		if (!strcmp(v[i - 1]->name, v[i]->name) &&
		    (!worst || v[i] < v[worst]))
			worst = i;
	if (worst)
		twice(p, l, header, v[worst - 1], v[worst], err);
	free(v);
	return !worst;
}

bool plansyms_make(const plan *p, const layout *l, bool header, plansyms *out,
		   vl_error *err)
{
	size_t cap = 1 + l->nparams + 3 * p->n;

	memset(out, 0, sizeof(*out));
	if (!(out->v = calloc(cap, sizeof(*out->v))))
		return vl_fail_oom(err);
	if (header &&
	    (!add(out, "VASLINT_PLAN_", l->name, "_H", 0, PLANSYM_GUARD, 0)))
		goto oom;
	for (size_t i = 0; header && i < l->nparams; i++)
		if (!add(out, "VASLINT_", l->params[i].name, "",
			 l->params[i].value, PLANSYM_PARAM, i))
			goto oom;
	for (size_t i = 0; i < p->n; i++) {
		const placement *pl = &p->v[i];
		if (!pl->req->name[0]) {
			src_loc at;
			plansym s = {NULL, 0, PLANSYM_START, i};
			char *d = definer(p, l, &s, &at);
			if (!d)
				goto oom;
			vl_fail(err, at.file, at.line, at.column,
				"%s: an empty name makes no identifier for the "
				"%s",
				d,
				header ? "C header" : "linker-script fragment");
			free(d);
			goto bad;
		}
		if (!add(out, "", pl->req->name, "_START", pl->start,
			 PLANSYM_START, i) ||
		    !add(out, "", pl->req->name, "_SIZE", pl->req->size,
			 PLANSYM_SIZE, i) ||
		    (!header && pl->req->kind == REQ_IMAGE &&
		     !add(out, "IMAGE_BASE", "", "", pl->start,
			  PLANSYM_IMAGE_BASE, i)))
			goto oom;
	}
	if (distinct(out, p, l, header, err))
		return true;
	goto bad;
oom:
	vl_fail_oom(err);
bad:
	plansyms_free(out);
	return false;
}
