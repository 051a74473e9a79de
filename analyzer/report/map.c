#include <stdlib.h>
#include <string.h>

#include "report.h"

bool map_add(map_ranges *m, const char *kind, const char *name, va_range r,
	     const char *file, unsigned line, unsigned column)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 32;
		map_range *v = realloc(m->v, cap * sizeof(*v));
		if (!v)
			return false;
		m->v = v;
		m->cap = cap;
	}
	char *n = strdup(name);
	if (!n)
		return false;
	m->v[m->n++] = (map_range){kind, n, r, file, line, column};
	return true;
}

void map_free(map_ranges *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].name);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

static int range_cmp(const void *pa, const void *pb)
{
	const map_range *a = pa, *b = pb;

	if (a->range.start != b->range.start)
		return a->range.start < b->range.start ? -1 : 1;
	if (a->range.end != b->range.end)
		return a->range.end < b->range.end ? -1 : 1;
	int c = strcmp(a->kind, b->kind);
	return c ? c : strcmp(a->name, b->name);
}

void map_sort(map_ranges *m)
{
	if (m->n > 1)
		qsort(m->v, m->n, sizeof(*m->v), range_cmp);
}

bool report_map_text(FILE *f, const map_ranges *m, const report_run *run)
{
	char a[VA_HEX_LEN], b[VA_HEX_LEN], s[VA_SIZE_LEN];

	if (run->layout)
		fprintf(f, "layout %s\n", run->layout->name);
	for (size_t i = 0; i < m->n; i++) {
		const map_range *r = &m->v[i];
		fprintf(f, "%18s %18s  %-10s %-8s %s\n",
			va_hex(r->range.start, a), va_hex(r->range.end, b),
			va_size_str(va_range_size(r->range), s), r->kind,
			r->name);
	}
	return !ferror(f);
}

bool report_map_json(FILE *f, const map_ranges *m, const report_run *run)
{
	json_t *root = json_object(), *list = json_array();
	char a[VA_HEX_LEN], b[VA_HEX_LEN];
	bool ok;

	if (!root || !list) {
		json_decref(root);
		json_decref(list);
		return false;
	}
	json_object_set_new(root, "layout",
			    run->layout ? json_string(run->layout->name)
					: json_null());
	json_object_set_new(root, "params", report_params_json(run->layout));
	for (size_t i = 0; i < m->n; i++) {
		const map_range *r = &m->v[i];
		json_array_append_new(
		    list,
		    json_pack(
			"{s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "kind", r->kind,
			"name", r->name, "start", va_hex(r->range.start, a),
			"end", va_hex(r->range.end, b), "file",
			r->file ? json_string(r->file) : json_null(), "line",
			r->line ? json_integer(r->line) : json_null(), "column",
			r->column ? json_integer(r->column) : json_null()));
	}
	json_object_set_new(root, "ranges", list);
	ok = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
	ok = ok && fputc('\n', f) != EOF;
	json_decref(root);
	return ok && !ferror(f);
}
