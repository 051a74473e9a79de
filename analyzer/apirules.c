#include "apirules.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yamldoc.h"

#define RULES_MAX_BYTES (4u << 20)
#define RULES_MAX_DEPTH 6
/* Argument indexes beyond this are a typo, not an API. */
#define RULES_MAX_ARG 63
#define ID_CHARS                                                               \
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"

static const char *const role_names[API_NROLES] = {
    [API_DATASPACE] = "dataspace", [API_ADDRESS] = "address",
    [API_SIZE] = "size",	   [API_OFFSET] = "offset",
    [API_PROT] = "prot",	   [API_FLAGS] = "flags",
    [API_FIXED] = "fixed",	   [API_ALIGN] = "align",
};

/* The roles a struct argument's fields can have. */
static const api_role field_roles[] = {API_SIZE, API_OFFSET, API_ADDRESS,
				       API_FIXED};
#define NFIELD_ROLES (sizeof(field_roles) / sizeof(field_roles[0]))

const char *api_role_name(api_role r)
{
	return r < API_NROLES ? role_names[r] : "?";
}

/* The names a rule's values: map defines, for its flags. */
typedef struct rule_values {
	const char **names;
	uint64_t *v;
	size_t n;
} rule_values;

static expr_status value_lookup(void *ctx, const expr *e, uint64_t *value,
				expr_error *err)
{
	const rule_values *vals = ctx;

	for (size_t i = 0; i < vals->n; i++)
		if (!strcmp(vals->names[i], e->name)) {
			*value = vals->v[i];
			return EXPR_OK;
		}
	expr_error_set(err, "unknown name '%s' (give its value under values:)",
		       e->name);
	err->loc = e->loc;
	return EXPR_ERROR;
}

/* Plain numbers: no names to look up. */
static const expr_env no_names = {NULL, NULL, NULL, EXPR_ARITH_EXACT, NULL};

static bool is_identifier(const char *s, size_t len)
{
	if (!len || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
			return false;
	return true;
}

/* Genode::Region_map::attach, mmap, Genode::Rm_connection::~Rm_connection:
 * identifiers joined by "::", the last one possibly a destructor. */
static bool is_qualified_name(const char *s)
{
	for (;;) {
		const char *end = strstr(s, "::");
		size_t len = end ? (size_t)(end - s) : strlen(s);
		const char *id = s;
		if (!end && len > 1 && s[0] == '~') {
			id++;
			len--;
		}
		if (!is_identifier(id, len))
			return false;
		if (!end)
			return true;
		s = end + 2;
	}
}

static const char *intern_file(api_rules *r, const char *path)
{
	for (size_t i = 0; i < r->nfiles; i++)
		if (!strcmp(r->files[i], path))
			return r->files[i];
	char **v = realloc(r->files, (r->nfiles + 1) * sizeof(*v));
	if (!v)
		return NULL;
	r->files = v;
	if (!(v[r->nfiles] = strdup(path)))
		return NULL;
	return v[r->nfiles++];
}

static void rule_free(api_rule *q)
{
	free(q->id);
	for (size_t i = 0; i < q->ncalls; i++)
		free(q->calls[i]);
	free(q->calls);
	free(q->usr);
	for (int i = 0; i < API_NROLES; i++)
		free(q->field[i]);
}

static bool read_bool(yd_doc *d, yaml_node_t *n, const char *what, bool *out)
{
	if (!yd_want(d, n, YAML_SCALAR_NODE, what))
		return false;
	if (!strcmp(yd_scalar(n), "true") || !strcmp(yd_scalar(n), "false")) {
		*out = yd_scalar(n)[0] == 't';
		return true;
	}
	return yd_fail(d, n, "%s must be true or false, found '%s'", what,
		       yd_scalar(n));
}

static bool add_call(yd_doc *d, yaml_node_t *n, api_rule *q)
{
	char **v;

	if (!yd_want(d, n, YAML_SCALAR_NODE, "a call"))
		return false;
	if (!is_qualified_name(yd_scalar(n)))
		return yd_fail(d, n,
			       "call '%s' is not a qualified name "
			       "(Genode::Region_map::attach, mmap)",
			       yd_scalar(n));
	v = realloc(q->calls, (q->ncalls + 1) * sizeof(*v));
	if (!v)
		return yd_fail(d, n, "out of memory");
	q->calls = v;
	if (!yd_string(d, n, "a call", &v[q->ncalls]))
		return false;
	q->ncalls++;
	return true;
}

static bool read_calls(yd_doc *d, yaml_node_t *n, api_rule *q)
{
	if (n->type == YAML_SCALAR_NODE)
		return add_call(d, n, q);
	if (!yd_want(d, n, YAML_SEQUENCE_NODE, "call"))
		return false;
	if (n->data.sequence.items.start == n->data.sequence.items.top)
		return yd_fail(d, n, "call is an empty list");
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++)
		if (!add_call(d, yd_node(d, *it), q))
			return false;
	return true;
}

static bool read_index(yd_doc *d, yaml_node_t *n, const char *what, int *out)
{
	uint64_t v;

	if (!yd_value(d, n, what, &no_names, &v))
		return false;
	if (v > RULES_MAX_ARG)
		return yd_fail(d, n, "%s: argument index %llu is too large",
			       what, (unsigned long long)v);
	*out = (int)v;
	return true;
}

static bool read_args(yd_doc *d, yaml_node_t *n, api_rule *q)
{
	yd_field f[API_NROLES];

	for (int i = 0; i < API_NROLES; i++)
		f[i] = (yd_field){role_names[i], false, 0, 0};
	if (!yd_fields(d, n, "args", f, API_NROLES))
		return false;
	for (int i = 0; i < API_NROLES; i++)
		if (f[i].value &&
		    !read_index(d, f[i].value, role_names[i], &q->arg[i]))
			return false;
	return true;
}

static bool read_fields(yd_doc *d, yaml_node_t *n, api_rule *q)
{
	yd_field f[1 + NFIELD_ROLES] = {{"arg", true, 0, 0}};

	for (size_t i = 0; i < NFIELD_ROLES; i++)
		f[1 + i] = (yd_field){role_names[field_roles[i]], false, 0, 0};
	if (!yd_fields(d, n, "fields", f, 1 + NFIELD_ROLES) ||
	    !read_index(d, f[0].value, "arg", &q->fields_arg))
		return false;
	for (size_t i = 0; i < NFIELD_ROLES; i++) {
		api_role r = field_roles[i];
		yaml_node_t *v = f[1 + i].value;
		if (!v)
			continue;
		if (!yd_want(d, v, YAML_SCALAR_NODE, role_names[r]))
			return false;
		if (!is_identifier(yd_scalar(v), strlen(yd_scalar(v))))
			return yd_fail(d, v, "field '%s' is not a name",
				       yd_scalar(v));
		if (q->arg[r] != API_NONE)
			return yd_fail(d, v,
				       "%s is both an argument and a field",
				       role_names[r]);
		if (!yd_string(d, v, role_names[r], &q->field[r]))
			return false;
	}
	return true;
}

static bool read_values(yd_doc *d, yaml_node_t *n, rule_values *vals)
{
	size_t max;

	if (!yd_want(d, n, YAML_MAPPING_NODE, "values"))
		return false;
	max = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	vals->names = calloc(max ? max : 1, sizeof(*vals->names));
	vals->v = calloc(max ? max : 1, sizeof(*vals->v));
	if (!vals->names || !vals->v)
		return yd_fail(d, n, "out of memory");
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	     p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yd_node(d, p->key);
		const char *name;
		if (!yd_want(d, k, YAML_SCALAR_NODE, "a name in values"))
			return false;
		name = yd_scalar(k);
		if (!is_identifier(name, strlen(name)))
			return yd_fail(d, k, "'%s' is not a name", name);
		for (size_t i = 0; i < vals->n; i++)
			if (!strcmp(vals->names[i], name))
				return yd_fail(d, k,
					       "duplicate name '%s' in values",
					       name);
		if (!yd_value(d, yd_node(d, p->value), name, &no_names,
			      &vals->v[vals->n]))
			return false;
		vals->names[vals->n++] = name;
	}
	return true;
}

/* A list of flag names (or numbers, or expressions over them), or'ed. */
static bool read_flags(yd_doc *d, yaml_node_t *n, const char *what,
		       const expr_env *env, uint64_t *out)
{
	*out = 0;
	if (!yd_want(d, n, YAML_SEQUENCE_NODE, what))
		return false;
	if (n->data.sequence.items.start == n->data.sequence.items.top)
		return yd_fail(d, n, "%s is an empty list", what);
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		yaml_node_t *f = yd_node(d, *it);
		uint64_t v;
		if (!yd_value(d, f, what, env, &v))
			return false;
		if (!v)
			return yd_fail(d, f, "%s: '%s' is 0, no flag at all",
				       what, yd_scalar(f));
		*out |= v;
	}
	return true;
}

static bool read_reserve_when(yd_doc *d, yaml_node_t *n, const expr_env *env,
			      api_rule *q)
{
	yd_field f[API_NROLES];

	for (int i = 0; i < API_NROLES; i++)
		f[i] = (yd_field){role_names[i], false, 0, 0};
	if (!yd_fields(d, n, "reserve-when", f, API_NROLES))
		return false;
	for (int i = 0; i < API_NROLES; i++) {
		if (!f[i].value)
			continue;
		if (q->arg[i] == API_NONE)
			return yd_fail(d, f[i].key_node,
				       "reserve-when names %s, which args "
				       "does not give",
				       role_names[i]);
		if (!yd_value(d, f[i].value, role_names[i], env,
			      &q->reserve_value[i]))
			return false;
		q->reserve_when[i] = true;
	}
	return true;
}

enum {
	F_ID,
	F_CALL,
	F_USR,
	F_KIND,
	F_ARGS,
	F_FIELDS,
	F_FIXED_FLAGS,
	F_REPLACE_FLAGS,
	F_NOREPLACE_FLAGS,
	F_RESERVE_WHEN,
	F_RESERVES,
	F_ZERO_SIZE_WHOLE,
	F_VALUES,
	F_N
};

/* What the keys say together: flags need a flags argument, fixed comes
 * from one place. */
static bool check_rule(yd_doc *d, const yd_field *f, const api_rule *q)
{
	bool fixed_role = q->arg[API_FIXED] != API_NONE || q->field[API_FIXED];

	if (!f[F_ARGS].value && !f[F_FIELDS].value)
		return yd_fail(d, f[F_ID].value,
			       "rule %s has neither args nor fields", q->id);
	for (int k = F_FIXED_FLAGS; k <= F_NOREPLACE_FLAGS; k++)
		if (f[k].value && q->arg[API_FLAGS] == API_NONE)
			return yd_fail(d, f[k].key_node,
				       "%s needs the flags argument in args",
				       f[k].key);
	if ((f[F_REPLACE_FLAGS].value || f[F_NOREPLACE_FLAGS].value) &&
	    !f[F_FIXED_FLAGS].value && !fixed_role)
		return yd_fail(d,
			       f[F_REPLACE_FLAGS].value
				   ? f[F_REPLACE_FLAGS].key_node
				   : f[F_NOREPLACE_FLAGS].key_node,
			       "replacing is about fixed mappings: give "
			       "fixed-flags or a fixed argument");
	if (f[F_FIXED_FLAGS].value && fixed_role)
		return yd_fail(d, f[F_FIXED_FLAGS].key_node,
			       "fixed-flags and a fixed %s: give one",
			       q->field[API_FIXED] ? "field" : "argument");
	if (q->fields_arg != API_NONE)
		for (int i = 0; i < API_NROLES; i++)
			if (q->arg[i] == q->fields_arg)
				return yd_fail(d, f[F_FIELDS].value,
					       "argument %d is the struct of "
					       "fields and the %s",
					       q->fields_arg, role_names[i]);
	return true;
}

static bool read_rule(yd_doc *d, yaml_node_t *n, api_rules *out)
{
	yd_field f[F_N] = {
	    [F_ID] = {"id", true, 0, 0},
	    [F_CALL] = {"call", true, 0, 0},
	    [F_USR] = {"usr", false, 0, 0},
	    [F_KIND] = {"kind", true, 0, 0},
	    [F_ARGS] = {"args", false, 0, 0},
	    [F_FIELDS] = {"fields", false, 0, 0},
	    [F_FIXED_FLAGS] = {"fixed-flags", false, 0, 0},
	    [F_REPLACE_FLAGS] = {"replace-flags", false, 0, 0},
	    [F_NOREPLACE_FLAGS] = {"noreplace-flags", false, 0, 0},
	    [F_RESERVE_WHEN] = {"reserve-when", false, 0, 0},
	    [F_RESERVES] = {"reserves", false, 0, 0},
	    [F_ZERO_SIZE_WHOLE] = {"zero-size-whole", false, 0, 0},
	    [F_VALUES] = {"values", false, 0, 0},
	};
	api_rule q = {.fields_arg = API_NONE};
	rule_values vals = {0};
	expr_env env = {&vals, value_lookup, NULL, EXPR_ARITH_EXACT, NULL};
	const api_rule *dup;
	bool ok = false;

	for (int i = 0; i < API_NROLES; i++)
		q.arg[i] = API_NONE;
	if (!yd_fields(d, n, "a rule", f, F_N) ||
	    !yd_string(d, f[F_ID].value, "id", &q.id))
		goto out;
	/* ids are words joined by '-': genode-attach-at */
	if (!*q.id || strspn(q.id, ID_CHARS) != strlen(q.id)) {
		yd_fail(d, f[F_ID].value,
			"id '%s' is not a word (letters, digits, '-', '_')",
			q.id);
		goto out;
	}
	if ((dup = api_rules_find(out, q.id))) {
		yd_fail(d, f[F_ID].value,
			"duplicate rule id '%s' (first at %s:%u)", q.id,
			dup->file, dup->line);
		goto out;
	}
	if (!read_calls(d, f[F_CALL].value, &q) ||
	    (f[F_USR].value && !yd_string(d, f[F_USR].value, "usr", &q.usr)) ||
	    !requests_read_kind(d, f[F_KIND].value, &q.kind) ||
	    (f[F_VALUES].value && !read_values(d, f[F_VALUES].value, &vals)) ||
	    (f[F_ARGS].value && !read_args(d, f[F_ARGS].value, &q)) ||
	    (f[F_FIELDS].value && !read_fields(d, f[F_FIELDS].value, &q)) ||
	    !check_rule(d, f, &q) ||
	    (f[F_FIXED_FLAGS].value &&
	     !read_flags(d, f[F_FIXED_FLAGS].value, "fixed-flags", &env,
			 &q.fixed_flags)) ||
	    (f[F_REPLACE_FLAGS].value &&
	     !read_flags(d, f[F_REPLACE_FLAGS].value, "replace-flags", &env,
			 &q.replace_flags)) ||
	    (f[F_NOREPLACE_FLAGS].value &&
	     !read_flags(d, f[F_NOREPLACE_FLAGS].value, "noreplace-flags", &env,
			 &q.noreplace_flags)) ||
	    (f[F_RESERVE_WHEN].value &&
	     !read_reserve_when(d, f[F_RESERVE_WHEN].value, &env, &q)) ||
	    (f[F_RESERVES].value &&
	     !read_bool(d, f[F_RESERVES].value, "reserves", &q.reserves)) ||
	    (f[F_ZERO_SIZE_WHOLE].value &&
	     !read_bool(d, f[F_ZERO_SIZE_WHOLE].value, "zero-size-whole",
			&q.zero_size_whole)))
		goto out;
	q.has_fixed_flags = f[F_FIXED_FLAGS].value != NULL;
	/* A managed dataspace is a reservation whatever the rule says. */
	q.reserves = q.reserves || q.kind == REQ_RESERVE;
	q.line = (unsigned)n->start_mark.line + 1;
	q.column = (unsigned)n->start_mark.column + 1;
	if (!(q.file = intern_file(out, d->path))) {
		yd_fail(d, n, "out of memory");
		goto out;
	}
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 16;
		api_rule *v = realloc(out->v, cap * sizeof(*v));
		if (!v) {
			yd_fail(d, n, "out of memory");
			goto out;
		}
		out->v = v;
		out->cap = cap;
	}
	out->v[out->n++] = q;
	ok = true;
out:
	if (!ok)
		rule_free(&q);
	free(vals.names);
	free(vals.v);
	return ok;
}

bool api_rules_load(const char *path, api_rules *out, vl_error *err)
{
	yd_doc d;
	yaml_node_t *root;
	bool ok;

	if (!yd_load(&d, path, RULES_MAX_BYTES, RULES_MAX_DEPTH, "a rule set",
		     err))
		return false;
	root = yd_root(&d);
	ok = yd_want(&d, root, YAML_SEQUENCE_NODE, "a rule set");
	if (ok)
		for (yaml_node_item_t *it = root->data.sequence.items.start;
		     ok && it < root->data.sequence.items.top; it++)
			ok = read_rule(&d, yd_node(&d, *it), out);
	yd_free(&d);
	return ok;
}

void api_rules_free(api_rules *r)
{
	for (size_t i = 0; i < r->n; i++)
		rule_free(&r->v[i]);
	free(r->v);
	for (size_t i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	memset(r, 0, sizeof(*r));
}

const api_rule *api_rules_find(const api_rules *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].id, id))
			return &r->v[i];
	return NULL;
}
