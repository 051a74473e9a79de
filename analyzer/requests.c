#include "requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yamldoc.h"

#define REQUESTS_MAX_BYTES (16u << 20)
#define REQUESTS_MAX_DEPTH 8

static const char *const kind_names[] = {"allocate", "attach", "map", "reserve",
					 "image"};

const char *req_kind_name(req_kind k)
{
	return k <= REQ_IMAGE ? kind_names[k] : "?";
}

static const char *intern(requests *r, const char *file)
{
	if (!file)
		return NULL;
	for (size_t i = 0; i < r->nfiles; i++)
		if (!strcmp(r->files[i], file))
			return r->files[i];
	char **v = realloc(r->files, (r->nfiles + 1) * sizeof(*v));
	if (!v)
		return NULL;
	r->files = v;
	if (!(v[r->nfiles] = strdup(file)))
		return NULL;
	return v[r->nfiles++];
}

bool requests_add(requests *r, const request *q)
{
	request c = *q;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		request *v = realloc(r->v, cap * sizeof(*v));
		if (!v)
			return false;
		r->v = v;
		r->cap = cap;
	}
	c.name = strdup(q->name);
	c.file = intern(r, q->file);
	c.call = q->call ? strdup(q->call) : NULL;
	c.rule = q->rule ? strdup(q->rule) : NULL;
	c.size_why = q->size_why ? strdup(q->size_why) : NULL;
	c.at_why = q->at_why ? strdup(q->at_why) : NULL;
	c.offset_why = q->offset_why ? strdup(q->offset_why) : NULL;
	bool syms_ok = true;
	for (int i = 0; i < REQ_NVALUES; i++) {
		c.sym[i] = q->sym[i] ? strdup(q->sym[i]) : NULL;
		syms_ok = syms_ok && (!q->sym[i] || c.sym[i]);
	}
	if (!c.name || (q->file && !c.file) || (q->call && !c.call) ||
	    (q->rule && !c.rule) || (q->size_why && !c.size_why) ||
	    (q->at_why && !c.at_why) || (q->offset_why && !c.offset_why) ||
	    !syms_ok) {
		for (int i = 0; i < REQ_NVALUES; i++)
			free((char *)c.sym[i]);
		free(c.name);
		free(c.call);
		free(c.rule);
		free((char *)c.size_why);
		free((char *)c.at_why);
		free((char *)c.offset_why);
		return false;
	}
	r->v[r->n++] = c;
	return true;
}

bool requests_add_const(requests *r, const char *usr, uint64_t value)
{
	char *copy;

	if (r->nconsts == r->cconsts) {
		size_t cap = r->cconsts ? 2 * r->cconsts : 16;
		req_const *v = realloc(r->consts, cap * sizeof(*v));
		if (!v)
			return false;
		r->consts = v;
		r->cconsts = cap;
	}
	if (!(copy = strdup(usr)))
		return false;
	r->consts[r->nconsts++] = (req_const){copy, value};
	return true;
}

void requests_free(requests *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].call);
		free(r->v[i].rule);
		free((char *)r->v[i].size_why);
		free((char *)r->v[i].at_why);
		free((char *)r->v[i].offset_why);
		for (int k = 0; k < REQ_NVALUES; k++)
			free((char *)r->v[i].sym[k]);
	}
	for (size_t i = 0; i < r->nconsts; i++)
		free(r->consts[i].usr);
	free(r->consts);
	free(r->v);
	for (size_t i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	memset(r, 0, sizeof(*r));
}

/* Values may name the layout's parameters: size: GUEST_RAM. */
static expr_status param_lookup(void *ctx, const expr *e, uint64_t *value,
				expr_error *err)
{
	const layout *l = ctx;

	for (size_t i = 0; l && i < l->nparams; i++)
		if (!strcmp(l->params[i].name, e->name)) {
			*value = l->params[i].value;
			return EXPR_OK;
		}
	expr_error_set(err, "unknown name '%s'%s", e->name,
		       l ? ""
			 : " (give the layout with -L for its parameters)");
	err->loc = e->loc;
	return EXPR_ERROR;
}

bool requests_read_kind(yd_doc *d, yaml_node_t *n, req_kind *out)
{
	if (!yd_want(d, n, YAML_SCALAR_NODE, "kind"))
		return false;
	for (int k = REQ_ALLOCATE; k <= REQ_RESERVE; k++)
		if (!strcmp(yd_scalar(n), kind_names[k])) {
			*out = (req_kind)k;
			return true;
		}
	return yd_fail(d, n,
		       "unknown kind '%s' (allocate, attach, map or reserve)",
		       yd_scalar(n));
}

/* Request names seen so far, for the duplicate check: an open-addressing
 * hash table of indices into requests.v (1 + index; 0 free), so a file of
 * n requests costs O(n), not a comparison with every earlier one. */
typedef struct name_index {
	size_t *slot;
	size_t cap, n;
} name_index;

static uint64_t name_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h;
}

/* The index of the request named name, or -1 (*at: where it would go). */
static ptrdiff_t name_find(const name_index *x, const requests *r,
			   const char *name, size_t *at)
{
	size_t i = name_hash(name) & (x->cap - 1);

	for (; x->slot[i]; i = (i + 1) & (x->cap - 1))
		if (!strcmp(r->v[x->slot[i] - 1].name, name)) {
			*at = i;
			return (ptrdiff_t)(x->slot[i] - 1);
		}
	*at = i;
	return -1;
}

static bool name_grow(name_index *x, const requests *r)
{
	size_t cap = x->cap ? 2 * x->cap : 64, at;
	name_index g = {calloc(cap, sizeof(size_t)), cap, 0};

	if (!g.slot)
		return false;
	for (size_t i = 0; i < x->cap; i++)
		if (x->slot[i]) {
			name_find(&g, r, r->v[x->slot[i] - 1].name, &at);
			g.slot[at] = x->slot[i];
			g.n++;
		}
	free(x->slot);
	*x = g;
	return true;
}

/* Record request k of r by its name; false when memory ran out. */
static bool name_add(name_index *x, const requests *r, size_t k)
{
	size_t at;

	if ((x->n + 1) * 2 > x->cap && !name_grow(x, r))
		return false;
	if (name_find(x, r, r->v[k].name, &at) < 0) {
		x->slot[at] = k + 1;
		x->n++;
	}
	return true;
}

static bool power_of_two(yd_doc *d, yaml_node_t *n, const char *what,
			 uint64_t v)
{
	return va_is_pow2(v) || yd_fail(d, n, "%s 0x%llx is not a power of two",
					what, (unsigned long long)v);
}

static bool read_request(yd_doc *d, yaml_node_t *n, const expr_env *env,
			 name_index *names, requests *out)
{
	enum { NAME, SIZE, AT, OFFSET, BACKING, KIND, ALIGN, NFIELDS };
	yd_field f[NFIELDS] = {
	    [NAME] = {"name", true, 0, 0},
	    [SIZE] = {"size", true, 0, 0},
	    [AT] = {"at", false, 0, 0},
	    [OFFSET] = {"offset", false, 0, 0},
	    [BACKING] = {"backing-align", false, 0, 0},
	    [KIND] = {"kind", false, 0, 0},
	    [ALIGN] = {"align", false, 0, 0},
	};
	request q = {.kind = REQ_ALLOCATE,
		     .file = d->path,
		     .line = (unsigned)n->start_mark.line + 1,
		     .column = (unsigned)n->start_mark.column + 1};
	uint64_t end;
	bool ok;

	if (!yd_fields(d, n, "a request", f, NFIELDS) ||
	    !yd_want(d, f[NAME].value, YAML_SCALAR_NODE, "name") ||
	    !yd_value(d, f[SIZE].value, "size", env, &q.size))
		return false;
	q.name = (char *)yd_scalar(f[NAME].value);
	if (!*q.name)
		return yd_fail(d, f[NAME].value, "a request's name is empty");
	size_t at;
	ptrdiff_t first = name_find(names, out, q.name, &at);
	if (first >= 0)
		return yd_fail(d, f[NAME].value,
			       "duplicate request '%s' (first at line %u)",
			       q.name, out->v[first].line);
	if (!q.size)
		return yd_fail(d, f[SIZE].value, "a request's size is 0");
	if (f[AT].value) {
		if (!yd_value(d, f[AT].value, "at", env, &q.at))
			return false;
		if (!va_add(q.at, q.size, &end))
			return yd_fail(d, f[AT].value,
				       "request %s at 0x%llx of size 0x%llx "
				       "passes 2^64",
				       q.name, (unsigned long long)q.at,
				       (unsigned long long)q.size);
		q.fixed = true;
	}
	if (f[OFFSET].value) {
		if (!yd_value(d, f[OFFSET].value, "offset", env, &q.offset))
			return false;
		q.has_offset = true;
	}
	if (f[BACKING].value &&
	    (!yd_value(d, f[BACKING].value, "backing-align", env,
		       &q.backing_align) ||
	     !power_of_two(d, f[BACKING].value, "backing-align",
			   q.backing_align)))
		return false;
	if (f[ALIGN].value &&
	    (!yd_value(d, f[ALIGN].value, "align", env, &q.align) ||
	     !power_of_two(d, f[ALIGN].value, "align", q.align)))
		return false;
	if (f[KIND].value && !requests_read_kind(d, f[KIND].value, &q.kind))
		return false;
	ok = requests_add(out, &q);
	return ok || yd_fail(d, n, "out of memory");
}

bool requests_load(const char *path, const layout *l, requests *out,
		   vl_error *err)
{
	expr_env env = {(void *)l, param_lookup, NULL, EXPR_ARITH_EXACT, NULL};
	yd_field top[] = {{"requests", true, 0, 0}};
	name_index names = {0};
	yd_doc d;
	bool ok = false;

	if (!yd_load(&d, path, REQUESTS_MAX_BYTES, REQUESTS_MAX_DEPTH,
		     "a requests file", err))
		return false;
	if (yd_fields(&d, yd_root(&d), "a requests file", top, 1) &&
	    yd_want(&d, top[0].value, YAML_SEQUENCE_NODE, "requests")) {
		yaml_node_item_t *it = top[0].value->data.sequence.items.start;
		ok = name_grow(&names, out);
		for (size_t i = 0; ok && i < out->n; i++)
			ok = name_add(&names, out, i);
		if (!ok)
			vl_fail_oom(err);
		for (; ok && it < top[0].value->data.sequence.items.top; it++) {
			ok = read_request(&d, yd_node(&d, *it), &env, &names,
					  out);
			if (ok && !(ok = name_add(&names, out, out->n - 1)))
				vl_fail_oom(err);
		}
	}
	free(names.slot);
	yd_free(&d);
	return ok;
}
