#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "space.h"
#include "svg.h"

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
	m->v[m->n++] =
	    (map_range){kind, n, r, file, line, column, true, false, 0, false};
	return true;
}

bool map_note(map_ranges *m, const char *what, const char *why,
	      const char *file, unsigned line, unsigned column)
{
	map_unknown *v = realloc(m->unknowns, (m->nunknowns + 1) * sizeof(*v));
	if (!v)
		return false;
	m->unknowns = v;
	map_unknown *u = &v[m->nunknowns];
	u->what = strdup(what);
	u->why = strdup(why);
	if (!u->what || !u->why) {
		free(u->what);
		free(u->why);
		return false;
	}
	u->file = file;
	u->line = line;
	u->column = column;
	m->nunknowns++;
	return true;
}

void map_free(map_ranges *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].name);
	free(m->v);
	for (size_t i = 0; i < m->nunknowns; i++) {
		free(m->unknowns[i].what);
		free(m->unknowns[i].why);
	}
	free(m->unknowns);
	memset(m, 0, sizeof(*m));
}

/* How map shows a range of the space: its kind word and its name, with
 * the file an image range belongs to.  A script's image is the union of
 * its sections, shown one by one; requests are check's, not map's. */
static bool map_show(const space *s, const sp_range *x, const char **kind,
		     char **name)
{
	const sp_owner *o = sp_owner_of(s, x);

	*kind = sp_kind_name(x->kind);
	*name = NULL;
	/* A MEMORY region up to 2^64 has no end map could print. */
	if (!o->placed || x->kind == SP_IMAGE || x->kind == SP_REQUEST ||
	    (x->kind == SP_MEMORY && x->to_top) ||
	    (x->kind == SP_SEGMENT && va_range_empty(x->range)))
		return true;
	switch (x->kind) {
	case SP_SEGMENT:
		*name = vl_strprintf("%s %s", o->path, x->name);
		break;
	case SP_LINKER_AREA:
		*kind = "region";
		*name = vl_strprintf("%s linker area", o->path);
		break;
	case SP_MEMORY:
		*kind = "region";
		*name = vl_strprintf("MEMORY %s", x->name);
		break;
	case SP_MAPPING:
		*name = strdup(x->name);
		break;
	case SP_LIMIT:
		*kind = "symbol";
		*name = strdup(x->name);
		break;
	default:
		*name = strdup(x->name);
	}
	return *name != NULL;
}

/* Drawn as a conflict: what a program occupies, where the layout keeps a
 * region. */
static bool map_conflict(const space *s, const sp_range *x)
{
	if (x->kind != SP_SEGMENT && x->kind != SP_SECTION &&
	    x->kind != SP_LINKER_AREA && x->kind != SP_MAPPING)
		return false;
	for (size_t k = 0; k < s->nregions; k++) {
		const layout_region *reg = s->v[k].reg;
		/* A process's own filling of a region it provides. */
		if (x->kind == SP_MAPPING && reg->provided_by_program &&
		    va_range_contains(reg->range, x->range) &&
		    (procmap_no_access(x->map) || procmap_anonymous(x->map)))
			continue;
		if (va_range_overlaps(x->range, s->v[k].range))
			return true;
	}
	return false;
}

bool map_from_space(const space *s, map_ranges *m)
{
	for (size_t i = 0; i < s->n; i++) {
		const sp_range *x = &s->v[i];
		const char *kind;
		char *name;
		if (!map_show(s, x, &kind, &name))
			return false;
		if (!name)
			continue;
		bool ok = map_add(m, kind, name, x->range, x->origin.file,
				  x->origin.line, x->origin.column);
		free(name);
		if (!ok)
			return false;
		map_range *mr = &m->v[m->n - 1];
		mr->size_known = x->size_known;
		mr->has_lma = x->has_lma;
		mr->lma = x->lma;
		mr->conflict = map_conflict(s, x);
	}
	for (size_t i = 0; i < s->nunknowns; i++) {
		const sp_unknown *u = &s->unknowns[i];
		if (!map_note(m, u->what, u->why, u->loc.file, u->loc.line,
			      u->loc.column))
			return false;
	}
	map_sort(m);
	return true;
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

/* Where r lies in the address space, lowest address on the left, on the
 * piecewise-log scale of the SVG picture (svg.h), so that a page and a
 * 3 GiB hole both show: '#' the range, 'X' a conflict, '.' the rest. */
#define MAP_BAR_COLS 24
static const char *map_bar(char bar[MAP_BAR_COLS + 1], const map_scale *s,
			   const map_range *r)
{
	long total = map_scale_height(s);
	long a = map_scale_pos(s, r->range.start), b = a;
	long first, last;

	memset(bar, '.', MAP_BAR_COLS);
	bar[MAP_BAR_COLS] = '\0';
	if (total <= 0)
		return bar;
	if (r->size_known && r->range.end > r->range.start)
		b = map_scale_pos(s, r->range.end);
	first = a * MAP_BAR_COLS / total;
	last = b > a ? (b * MAP_BAR_COLS - 1) / total : first;
	if (first > MAP_BAR_COLS - 1)
		first = MAP_BAR_COLS - 1;
	if (last > MAP_BAR_COLS - 1)
		last = MAP_BAR_COLS - 1;
	memset(bar + first, r->conflict ? 'X' : '#',
	       (size_t)(last - first + 1));
	return bar;
}

bool report_map_text(FILE *f, const map_ranges *m, const report_run *run)
{
	char a[VA_HEX_LEN], b[VA_HEX_LEN], s[VA_SIZE_LEN];
	char bar[MAP_BAR_COLS + 1];
	map_scale scale;

	if (!map_scale_init(&scale, m, run->layout))
		return false;
	if (run->layout)
		fprintf(f, "layout %s\n", run->layout->name);
	for (size_t i = 0; i < m->n; i++) {
		const map_range *r = &m->v[i];
		fprintf(f, "%18s %18s  %-10s %-8s %s  %s\n",
			va_hex(r->range.start, a),
			r->size_known ? va_hex(r->range.end, b) : "?",
			r->size_known ? va_size_str(va_range_size(r->range), s)
				      : "?",
			r->kind, map_bar(bar, &scale, r), r->name);
	}
	for (size_t i = 0; i < m->nunknowns; i++)
		fprintf(f, "not determined: %s: %s\n", m->unknowns[i].what,
			m->unknowns[i].why);
	map_scale_free(&scale);
	return !ferror(f);
}

static json_t *null_or_int(unsigned n)
{
	return n ? json_integer(n) : json_null();
}

static json_t *null_or_str(const char *s)
{
	return s ? json_string(s) : json_null();
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
	json_object_set_new(
	    root, "layout",
	    null_or_str(run->layout ? run->layout->name : NULL));
	json_object_set_new(root, "params", report_params_json(run->layout));
	for (size_t i = 0; i < m->n; i++) {
		const map_range *r = &m->v[i];
		json_t *j = json_pack(
		    "{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "kind", r->kind,
		    "name", r->name, "start", va_hex(r->range.start, a), "end",
		    null_or_str(r->size_known ? va_hex(r->range.end, b) : NULL),
		    "file", null_or_str(r->file), "line", null_or_int(r->line),
		    "column", null_or_int(r->column));
		if (j && r->has_lma)
			json_object_set_new(j, "lma",
					    json_string(va_hex(r->lma, a)));
		json_array_append_new(list, j);
	}
	json_object_set_new(root, "ranges", list);
	if (m->nunknowns) {
		json_t *u = json_array();
		for (size_t i = 0; i < m->nunknowns; i++) {
			const map_unknown *x = &m->unknowns[i];
			json_array_append_new(
			    u, json_pack("{s:s, s:s, s:o, s:o, s:o}", "what",
					 x->what, "why", x->why, "file",
					 null_or_str(x->file), "line",
					 null_or_int(x->line), "column",
					 null_or_int(x->column)));
		}
		json_object_set_new(root, "undetermined", u);
	}
	ok = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
	ok = ok && fputc('\n', f) != EOF;
	json_decref(root);
	return ok && !ferror(f);
}
