/* Reading small YAML documents (layouts, request files) with libyaml:
 * the document is loaded once, after a first pass that refuses aliases and
 * deep nesting, and every error names the file, line and column. */
#ifndef VASLINT_YAMLDOC_H
#define VASLINT_YAMLDOC_H

#include <yaml.h>

#include "diag.h"
#include "expr.h"

typedef struct yd_doc {
	const char *path;
	yaml_document_t doc;
	vl_error *err;
	bool loaded;
} yd_doc;

/* Read, check and load path (at most max_bytes, nesting at most max_depth
 * levels); what names the kind of file in messages ("a layout").  False
 * with err. */
bool yd_load(yd_doc *d, const char *path, size_t max_bytes, unsigned max_depth,
	     const char *what, vl_error *err);
void yd_free(yd_doc *d);
yaml_node_t *yd_root(yd_doc *d);
yaml_node_t *yd_node(yd_doc *d, int id);
const char *yd_scalar(const yaml_node_t *n);

/* Fill err at the node and return false. */
bool yd_fail(yd_doc *d, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool yd_want(yd_doc *d, const yaml_node_t *n, yaml_node_type_t type,
	     const char *what);

/* Keys of one mapping: each allowed key at most once, required ones
 * present, nothing else. */
typedef struct yd_field {
	const char *key;
	bool required;
	yaml_node_t *value;
	yaml_node_t *key_node;
} yd_field;

bool yd_fields(yd_doc *d, yaml_node_t *map, const char *what, yd_field *fields,
	       size_t nfields);
bool yd_string(yd_doc *d, yaml_node_t *n, const char *what, char **out);
/* An ld expression in a scalar, evaluated against env; an error points
 * into the scalar. */
bool yd_value(yd_doc *d, yaml_node_t *n, const char *what, const expr_env *env,
	      uint64_t *out);
/* The same for text that is not in the document (-D values). */
bool yd_eval_text(const char *text, const expr_env *env, uint64_t *value,
		  expr_error *err);

#endif
