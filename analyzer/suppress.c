#include "suppress.h"

#include <errno.h>
#include <fnmatch.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "infile.h"
#include "rules.h"
#include "yamldoc.h"

/* A config file is small; anything larger is not one. */
#define CONFIG_MAX_BYTES (1u << 20)
#define CONFIG_MAX_DEPTH 8
/* Inline comments are looked for in files up to this size. */
#define SOURCE_MAX_BYTES (64u << 20)

/* ---- .vaslint.yaml ---- */

void suppress_config_free(suppress_config *c)
{
	free(c->path);
	free(c->dir);
	free(c->layout);
	for (size_t i = 0; i < c->nparams; i++)
		free(c->params[i]);
	free(c->params);
	for (size_t i = 0; i < c->ndisable; i++)
		free(c->disable[i]);
	free(c->disable);
	for (size_t i = 0; i < c->npaths; i++) {
		free(c->paths[i].glob);
		for (size_t k = 0; k < c->paths[i].nrules; k++)
			free(c->paths[i].rules[k]);
		free(c->paths[i].rules);
	}
	free(c->paths);
	memset(c, 0, sizeof(*c));
}

/* A sequence of rule ids; each must exist. */
static bool read_rules(yd_doc *d, yaml_node_t *n, char ***out, size_t *nout)
{
	if (!yd_want(d, n, YAML_SEQUENCE_NODE, "a list of rules"))
		return false;
	size_t count =
	    (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	*out = calloc(count + 1, sizeof(**out));
	if (!*out)
		return yd_fail(d, n, "out of memory");
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *r = yd_node(d, n->data.sequence.items.start[i]);
		if (!yd_want(d, r, YAML_SCALAR_NODE, "a rule id"))
			return false;
		if (!vl_rule_find(yd_scalar(r)))
			return yd_fail(d, r,
				       "no rule '%s' (see 'vaslint explain')",
				       yd_scalar(r));
		if (!yd_string(d, r, "a rule id", &(*out)[*nout]))
			return false;
		(*nout)++;
	}
	return true;
}

static bool read_params(yd_doc *d, yaml_node_t *n, suppress_config *c)
{
	if (!yd_want(d, n, YAML_MAPPING_NODE, "params"))
		return false;
	size_t count =
	    (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	c->params = calloc(count + 1, sizeof(*c->params));
	if (!c->params)
		return yd_fail(d, n, "out of memory");
	for (size_t i = 0; i < count; i++) {
		yaml_node_pair_t *p = &n->data.mapping.pairs.start[i];
		yaml_node_t *k = yd_node(d, p->key), *v = yd_node(d, p->value);
		if (!yd_want(d, k, YAML_SCALAR_NODE, "a parameter name") ||
		    !yd_want(d, v, YAML_SCALAR_NODE, "a parameter value"))
			return false;
		if (!(c->params[c->nparams] =
			  vl_strprintf("%s=%s", yd_scalar(k), yd_scalar(v))))
			return yd_fail(d, k, "out of memory");
		c->nparams++;
	}
	return true;
}

static bool read_paths(yd_doc *d, yaml_node_t *n, suppress_config *c)
{
	if (!yd_want(d, n, YAML_SEQUENCE_NODE, "paths"))
		return false;
	size_t count =
	    (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	c->paths = calloc(count + 1, sizeof(*c->paths));
	if (!c->paths)
		return yd_fail(d, n, "out of memory");
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *item = yd_node(d, n->data.sequence.items.start[i]);
		yd_field f[] = {{"path", true, 0, 0}, {"disable", true, 0, 0}};
		suppress_path *sp = &c->paths[c->npaths];
		if (!yd_fields(d, item, "a path setting", f, 2) ||
		    !yd_string(d, f[0].value, "path", &sp->glob))
			return false;
		c->npaths++;
		if (!read_rules(d, f[1].value, &sp->rules, &sp->nrules))
			return false;
	}
	return true;
}

static bool read_config(const char *path, suppress_config *c, vl_error *err)
{
	yd_field f[] = {{"layout", false, 0, 0},
			{"params", false, 0, 0},
			{"disable", false, 0, 0},
			{"paths", false, 0, 0}};
	yd_doc d;
	bool ok;

	if (!yd_load(&d, path, CONFIG_MAX_BYTES, CONFIG_MAX_DEPTH,
		     "a vaslint configuration", err))
		return false;
	ok = yd_fields(&d, yd_root(&d), "a vaslint configuration", f, 4) &&
	     (!f[0].value || yd_string(&d, f[0].value, "layout", &c->layout)) &&
	     (!f[1].value || read_params(&d, f[1].value, c)) &&
	     (!f[2].value ||
	      read_rules(&d, f[2].value, &c->disable, &c->ndisable)) &&
	     (!f[3].value || read_paths(&d, f[3].value, c));
	yd_free(&d);
	return ok;
}

bool suppress_config_find(const char *start, suppress_config *c, vl_error *err)
{
	char *dir = realpath(start, NULL);

	memset(c, 0, sizeof(*c));
	if (!dir)
		return true; /* no folder to look in: no configuration */
	for (;;) {
		char *path = vl_strprintf("%s/.vaslint.yaml", dir);
		if (!path) {
			free(dir);
			return vl_fail_oom(err);
		}
		if (access(path, F_OK) == 0) {
			c->path = path;
			c->dir = dir;
			if (read_config(path, c, err))
				return true;
			suppress_config_free(c);
			return false;
		}
		free(path);
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			free(dir);
			return true;
		}
		*slash = '\0';
	}
}

/* ---- Inline comments ---- */

/* The lines of one file, read once. */
typedef struct text_file {
	char *path;
	char *text;   /* NULL: could not be read (no comments then) */
	char **lines; /* into text */
	size_t nlines;
} text_file;

typedef struct text_cache {
	text_file *v;
	size_t n;
} text_cache;

static void cache_free(text_cache *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].path);
		free(c->v[i].text);
		free(c->v[i].lines);
	}
	free(c->v);
}

static char *slurp(const char *path)
{
	struct stat st;
	int errnum, fd = infile_open(path, &st, &errnum);
	char *text;
	size_t len = 0;

	if (fd < 0)
		return NULL;
	if ((uint64_t)st.st_size > SOURCE_MAX_BYTES ||
	    !(text = malloc((size_t)st.st_size + 1))) {
		close(fd);
		return NULL;
	}
	while (len < (size_t)st.st_size) {
		ssize_t r = read(fd, text + len, (size_t)st.st_size - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	text[len] = '\0';
	return text;
}

/* The findings come sorted by file (vl_diags_sort), so the cache holds
 * one file: each file is read once, and a run over 100,000 files costs
 * no comparison with the others. */
static const text_file *cache_get(text_cache *c, const char *path)
{
	if (c->n && !strcmp(c->v[0].path, path))
		return &c->v[0];
	if (!c->v && !(c->v = calloc(1, sizeof(*c->v))))
		return NULL;
	text_file *f = &c->v[0];
	if (c->n) {
		free(f->path);
		free(f->text);
		free(f->lines);
	}
	memset(f, 0, sizeof(*f));
	c->n = 0;
	if (!(f->path = strdup(path)))
		return NULL;
	c->n = 1;
	if (!(f->text = slurp(path)))
		return f;
	size_t n = 1;
	for (const char *p = f->text; *p; p++)
		n += *p == '\n';
	if (!(f->lines = calloc(n, sizeof(*f->lines)))) {
		free(f->text);
		f->text = NULL;
		return f;
	}
	f->lines[f->nlines++] = f->text;
	for (char *p = f->text; *p; p++)
		if (*p == '\n') {
			*p = '\0';
			f->lines[f->nlines++] = p + 1;
		}
	return f;
}

/* Whether the rule list after a marker names rule: ids separated by ',' or
 * spaces, up to "--", "*" + "/", ")" or the end of the line. */
static bool names_rule(const char *p, const char *rule)
{
	size_t len = strlen(rule);

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p || *p == ')' || !strncmp(p, "--", 2) ||
		    !strncmp(p, "*/", 2))
			return false;
		size_t w = strcspn(p, " \t,)*");
		if (w == len && !strncmp(p, rule, len))
			return true;
		if (!w)
			return false;
		p += w;
	}
}

/* The text after "-- " up to the end of the comment, or "". */
static char *reason_of(const char *p)
{
	const char *dash = strstr(p, "--");
	if (!dash)
		return strdup("");
	dash += 2;
	while (*dash == ' ')
		dash++;
	size_t len = strcspn(dash, "*");
	while (len && dash[len - 1] == ' ')
		len--;
	return strndup(dash, len);
}

/* "vaslint: allow RULE..." on the line or the one above, or
 * NOLINT(vaslint-RULE) on it, NOLINTNEXTLINE(vaslint-RULE) above it. */
static bool inline_allows(const text_file *f, unsigned line, const char *rule,
			  char **reason)
{
	char nolint[128], next[128];

	if (!f || !f->text || line == 0 || line > f->nlines)
		return false;
	snprintf(nolint, sizeof(nolint), "NOLINT(vaslint-%s)", rule);
	snprintf(next, sizeof(next), "NOLINTNEXTLINE(vaslint-%s)", rule);
	for (unsigned l = line; l + 1 >= line && l >= 1; l--) {
		const char *text = f->lines[l - 1];
		const char *m = strstr(text, "vaslint: allow ");
		if (m && names_rule(m + 15, rule)) {
			*reason = reason_of(m + 15);
			return true;
		}
		if ((l == line && strstr(text, nolint)) ||
		    (l + 1 == line && strstr(text, next))) {
			*reason = strdup("");
			return true;
		}
		if (l == 1)
			break;
	}
	return false;
}

/* ---- Baseline ---- */

typedef struct known {
	char *rule, *file, *message;
	bool used;
} known;

typedef struct baseline {
	known *v;
	size_t n;
} baseline;

static void baseline_free(baseline *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].rule);
		free(b->v[i].file);
		free(b->v[i].message);
	}
	free(b->v);
}

static bool baseline_read(const char *path, baseline *b, vl_error *err)
{
	struct stat st;
	int errnum, fd = infile_open(path, &st, &errnum);
	json_error_t je;

	memset(b, 0, sizeof(*b));
	if (fd < 0)
		return errnum ? vl_fail(err, path, 0, 0, "cannot open: %s",
					strerror(errnum))
			      : vl_fail(err, path, 0, 0,
					"is %s, not a regular file",
					infile_kind(st.st_mode));
	json_t *root = json_loadfd(fd, JSON_REJECT_DUPLICATES, &je);
	close(fd);
	if (!root)
		return vl_fail(err, path, (unsigned)je.line,
			       (unsigned)je.column,
			       "not a baseline (a JSON report of vaslint "
			       "check): %s",
			       je.text);
	json_t *list = json_object_get(root, "diagnostics");
	if (!json_is_array(list)) {
		json_decref(root);
		return vl_fail(err, path, 0, 0,
			       "not a baseline: no \"diagnostics\" list (write "
			       "one with vaslint check -f json -o FILE)");
	}
	b->v = calloc(json_array_size(list) + 1, sizeof(*b->v));
	if (!b->v) {
		json_decref(root);
		return vl_fail_oom(err);
	}
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e)
	{
		const char *rule =
		    json_string_value(json_object_get(e, "rule"));
		const char *file =
		    json_string_value(json_object_get(e, "file"));
		const char *msg =
		    json_string_value(json_object_get(e, "message"));
		if (!rule || !msg)
			continue;
		known *k = &b->v[b->n++];
		k->rule = strdup(rule);
		k->file = file ? strdup(file) : NULL;
		k->message = strdup(msg);
		if (!k->rule || !k->message || (file && !k->file)) {
			json_decref(root);
			baseline_free(b);
			return vl_fail_oom(err);
		}
	}
	json_decref(root);
	return true;
}

/* Each known finding suppresses one finding of the run: the same rule,
 * file and message (lines move when a file is edited; messages carry the
 * addresses). */
static bool baseline_knows(baseline *b, const vl_diag *d)
{
	for (size_t i = 0; i < b->n; i++) {
		known *k = &b->v[i];
		if (k->used || strcmp(k->rule, d->rule->id) ||
		    strcmp(k->message, d->message) || !k->file != !d->file ||
		    (k->file && strcmp(k->file, d->file)))
			continue;
		k->used = true;
		return true;
	}
	return false;
}

/* ---- Applying them ---- */

static bool listed(const char *const *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], id))
			return true;
	return false;
}

/* The last of --disable and --enable that names id: -1 disable, 1
 * enable, 0 neither (the options are kept in order in two lists, so the
 * later list position cannot be told; --enable wins over --disable). */
static int option_says(const suppress_opts *o, const char *id)
{
	if (listed(o->enable, o->nenable, id))
		return 1;
	return listed(o->disable, o->ndisable, id) ? -1 : 0;
}

static bool path_disables(const suppress_config *c, const char *file,
			  const char *id)
{
	char *abs = NULL;

	if (!c || !c->npaths || !file)
		return false;
	abs = realpath(file, NULL);
	if (!abs)
		return false;
	bool hit = false;
	for (size_t i = 0; i < c->npaths && !hit; i++) {
		char *glob = vl_strprintf("%s/%s", c->dir, c->paths[i].glob);
		hit = glob && !fnmatch(glob, abs, 0) &&
		      listed((const char *const *)c->paths[i].rules,
			     c->paths[i].nrules, id);
		free(glob);
	}
	free(abs);
	return hit;
}

static bool mark(vl_diag *d, const char *by, char *reason)
{
	d->suppressed = by;
	d->justification = reason;
	return reason != NULL;
}

bool suppress_apply(vl_diags *d, const suppress_opts *o, vl_error *err)
{
	const suppress_config *c = o->config;
	text_cache files = {0};
	baseline base = {0};
	bool ok = true;

	for (size_t i = 0; i < o->ndisable; i++)
		if (!vl_rule_find(o->disable[i]))
			return vl_fail(err, NULL, 0, 0,
				       "--disable %s: no such rule (see "
				       "'vaslint explain')",
				       o->disable[i]);
	for (size_t i = 0; i < o->nenable; i++)
		if (!vl_rule_find(o->enable[i]))
			return vl_fail(err, NULL, 0, 0,
				       "--enable %s: no such rule (see "
				       "'vaslint explain')",
				       o->enable[i]);
	if (o->baseline && !baseline_read(o->baseline, &base, err))
		return false;
	for (size_t i = 0; ok && i < d->n; i++) {
		vl_diag *dg = &d->v[i];
		const char *id = dg->rule->id;
		int says = option_says(o, id);
		char *reason = NULL;
		if (says < 0)
			ok = mark(dg, "option", strdup("--disable"));
		else if (says == 0 && c &&
			 (listed((const char *const *)c->disable, c->ndisable,
				 id) ||
			  path_disables(c, dg->file, id)))
			ok = mark(dg, "config", strdup(c->path));
		else if (dg->file && inline_allows(cache_get(&files, dg->file),
						   dg->line, id, &reason))
			ok = mark(dg, "inline", reason);
		else if (o->baseline && baseline_knows(&base, dg))
			ok = mark(dg, "baseline", strdup(o->baseline));
	}
	cache_free(&files);
	baseline_free(&base);
	return ok || vl_fail_oom(err);
}

size_t suppress_count(const vl_diags *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].suppressed != NULL;
	return n;
}
