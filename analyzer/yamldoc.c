#include "yamldoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "infile.h"

bool yd_fail(yd_doc *r, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vl_vfail(r->err, r->path, n ? (unsigned)n->start_mark.line + 1 : 0,
		 n ? (unsigned)n->start_mark.column + 1 : 0, fmt, ap);
	va_end(ap);
	return false;
}

yaml_node_t *yd_node(yd_doc *d, int id)
{
	return yaml_document_get_node(&d->doc, id);
}

yaml_node_t *yd_root(yd_doc *d)
{
	return yaml_document_get_root_node(&d->doc);
}

const char *yd_scalar(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

static const char *kind_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return "a scalar";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

bool yd_want(yd_doc *r, const yaml_node_t *n, yaml_node_type_t type,
	     const char *what)
{
	if (n->type == type)
		return true;
	return yd_fail(r, n, "%s must be %s, found %s", what,
		       type == YAML_SCALAR_NODE	    ? "a scalar"
		       : type == YAML_SEQUENCE_NODE ? "a list"
						    : "a mapping",
		       kind_name(n));
}

static bool unknown_key(yd_doc *r, const yaml_node_t *k, const char *what,
			const yd_field *fields, size_t nfields)
{
	char *known = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&known, &len);

	if (!f)
		return yd_fail(r, k, "out of memory");
	for (size_t j = 0; j < nfields; j++)
		fprintf(f, "%s%s", j ? ", " : "", fields[j].key);
	bool bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		free(known);
		return yd_fail(r, k, "out of memory");
	}
	yd_fail(r, k, "unknown key '%s' in %s (known: %s)", yd_scalar(k), what,
		known);
	free(known);
	return false;
}

bool yd_fields(yd_doc *r, yaml_node_t *map, const char *what, yd_field *fields,
	       size_t nfields)
{
	if (!yd_want(r, map, YAML_MAPPING_NODE, what))
		return false;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yd_node(r, p->key);
		size_t i;
		if (k->type != YAML_SCALAR_NODE)
			return yd_fail(r, k, "keys in %s must be scalars",
				       what);
		for (i = 0; i < nfields; i++)
			if (strcmp(fields[i].key, yd_scalar(k)) == 0)
				break;
		if (i == nfields)
			return unknown_key(r, k, what, fields, nfields);
		if (fields[i].value)
			return yd_fail(r, k,
				       "duplicate key '%s' in %s (first at "
				       "line %zu)",
				       yd_scalar(k), what,
				       fields[i].key_node->start_mark.line + 1);
		fields[i].value = yd_node(r, p->value);
		fields[i].key_node = k;
	}
	for (size_t i = 0; i < nfields; i++)
		if (fields[i].required && !fields[i].value)
			return yd_fail(r, map, "%s has no '%s'", what,
				       fields[i].key);
	return true;
}

bool yd_string(yd_doc *r, yaml_node_t *n, const char *what, char **out)
{
	if (!yd_want(r, n, YAML_SCALAR_NODE, what))
		return false;
	*out = strdup(yd_scalar(n));
	return *out ? true : yd_fail(r, n, "out of memory");
}

bool yd_eval_text(const char *text, const expr_env *env, uint64_t *value,
		  expr_error *err)
{
	expr *e = expr_parse(text, strlen(text), err);
	expr_status st;

	if (!e)
		return false;
	st = expr_eval(e, env, value, err);
	expr_free(e);
	if (st == EXPR_UNKNOWN) {
		expr_error_set(err, "value is not known");
		return false;
	}
	return st == EXPR_OK;
}

bool yd_value(yd_doc *r, yaml_node_t *n, const char *what, const expr_env *env,
	      uint64_t *out)
{
	expr_error e = {0};
	unsigned line, col;

	if (!yd_want(r, n, YAML_SCALAR_NODE, what))
		return false;
	if (yd_eval_text(yd_scalar(n), env, out, &e))
		return true;
	/* Plain scalars sit in the file as written; quoted ones one
	 * character later.  Multi-line scalars point at their start. */
	line = (unsigned)n->start_mark.line + 1;
	col = (unsigned)n->start_mark.column + 1;
	if (e.loc.line <= 1) {
		col += e.loc.column ? e.loc.column - 1 : 0;
		if (n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
		    n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
			col++;
	}
	vl_fail(r->err, r->path, line, col, "%s '%s': %s", what, yd_scalar(n),
		e.msg);
	expr_error_free(&e);
	return false;
}

/* libyaml's loader would share aliased nodes, but a billion-laughs file
 * still makes every walker of the tree pay; layouts need neither aliases
 * nor deep nesting, so a first pass over the events refuses both. */
static bool prescan(yd_doc *r, const unsigned char *buf, size_t len,
		    unsigned max_depth, const char *what)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, docs = 0;
	bool ok = true, done = false;

	if (!yaml_parser_initialize(&p))
		return vl_fail(r->err, r->path, 0, 0, "out of memory");
	yaml_parser_set_input_string(&p, buf, len);
	while (ok && !done) {
		if (!yaml_parser_parse(&p, &ev)) {
			ok = vl_fail(
			    r->err, r->path, (unsigned)p.problem_mark.line + 1,
			    (unsigned)p.problem_mark.column + 1,
			    "malformed YAML: %s%s%s",
			    p.problem ? p.problem : "syntax error",
			    p.context ? " " : "", p.context ? p.context : "");
			break;
		}
		unsigned line = (unsigned)ev.start_mark.line + 1;
		unsigned col = (unsigned)ev.start_mark.column + 1;
		switch (ev.type) {
		case YAML_ALIAS_EVENT:
			ok =
			    vl_fail(r->err, r->path, line, col,
				    "YAML aliases are not allowed in %s", what);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > (int)max_depth)
				ok = vl_fail(r->err, r->path, line, col,
					     "nested more than %d levels deep",
					     max_depth);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				ok = vl_fail(r->err, r->path, line, col,
					     "%s is one YAML document; "
					     "found a second",
					     what);
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return ok;
}

static bool read_file(const char *path, unsigned char **buf, size_t *len,
		      size_t max_bytes, const char *what, vl_error *err)
{
	struct stat st;
	FILE *f;
	int fd, errnum;

	/* A FIFO or a device given by mistake must not hang the run. */
	fd = infile_open(path, &st, &errnum);
	if (fd < 0 && errnum)
		return vl_fail(err, path, 0, 0, "cannot open: %s",
			       strerror(errnum));
	if (fd < 0)
		return vl_fail(err, path, 0, 0, "is %s, not a regular file",
			       infile_kind(st.st_mode));
	if ((uint64_t)st.st_size > max_bytes) {
		close(fd);
		return vl_fail(err, path, 0, 0,
			       "%lld bytes is too large for %s (at most "
			       "%zu)",
			       (long long)st.st_size, what, max_bytes);
	}
	f = fdopen(fd, "rb");
	if (!f) {
		errnum = errno;
		close(fd);
		return vl_fail(err, path, 0, 0, "cannot open: %s",
			       strerror(errnum));
	}
	*buf = malloc((size_t)st.st_size + 1);
	if (!*buf) {
		fclose(f);
		return vl_fail(err, path, 0, 0, "out of memory");
	}
	*len = fread(*buf, 1, (size_t)st.st_size, f);
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(*buf);
		return vl_fail(err, path, 0, 0, "cannot read: %s",
			       strerror(errno));
	}
	return true;
}

bool yd_load(yd_doc *d, const char *path, size_t max_bytes, unsigned max_depth,
	     const char *what, vl_error *err)
{
	yaml_parser_t p;
	unsigned char *buf = NULL;
	size_t len = 0;
	bool ok = false;

	memset(d, 0, sizeof(*d));
	d->path = path;
	d->err = err;
	if (!read_file(path, &buf, &len, max_bytes, what, err))
		return false;
	if (memchr(buf, 0, len)) {
		vl_fail(err, path, 0, 0,
			"contains a NUL byte: not a YAML file");
		goto out;
	}
	if (!prescan(d, buf, len, max_depth, what))
		goto out;
	if (!yaml_parser_initialize(&p)) {
		vl_fail(err, path, 0, 0, "out of memory");
		goto out;
	}
	yaml_parser_set_input_string(&p, buf, len);
	if (!yaml_parser_load(&p, &d->doc)) {
		vl_fail(err, path, (unsigned)p.problem_mark.line + 1,
			(unsigned)p.problem_mark.column + 1,
			"malformed YAML: %s", p.problem ? p.problem : "error");
	} else {
		d->loaded = true;
		if (!yd_root(d))
			vl_fail(err, path, 1, 1, "empty file: not %s", what);
		else
			ok = true;
	}
	yaml_parser_delete(&p);
out:
	free(buf);
	if (!ok)
		yd_free(d);
	return ok;
}

void yd_free(yd_doc *d)
{
	if (d->loaded)
		yaml_document_delete(&d->doc);
	d->loaded = false;
}
