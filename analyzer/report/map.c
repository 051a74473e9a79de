#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "jsondoc.h"
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
	    (map_range){kind, n, r, file, line, column, true, false, 0, false, false};
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


/* 2^64, the end of a range that reaches the top of the address space. */
#define TOP_HEX "0x10000000000000000"
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
		mr->to_top = x->to_top;
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
	if (run->layout) {
		fputs("layout ", f);
		esc_text_put(f, run->layout->name);
		fputc('\n', f);
	}
	for (size_t i = 0; i < m->n; i++) {
		const map_range *r = &m->v[i];
		fprintf(f, "%18s %18s  %-10s %-8s %s  ",
			va_hex(r->range.start, a),
			!r->size_known ? "?"
			: r->to_top    ? TOP_HEX
				       : va_hex(r->range.end, b),
			!r->size_known
			    ? "?"
			    : va_size_str(va_range_size(r->range) + r->to_top,
					  s),
			r->kind, map_bar(bar, &scale, r));
		esc_text_put(f, r->name);
		fputc('\n', f);
	}
	for (size_t i = 0; i < m->nunknowns; i++) {
		fputs("not determined: ", f);
		esc_text_put(f, m->unknowns[i].what);
		fputs(": ", f);
		esc_text_put(f, m->unknowns[i].why);
		fputc('\n', f);
	}
	map_scale_free(&scale);
	return !ferror(f);
}

bool report_map_json(FILE *f, const map_ranges *m, const report_run *run)
{
	json_t *root = json_object(), *list;
	bool ok = true;

	jd_set(root, "layout",
	       jd_str_or_null(run->layout ? run->layout->name : NULL), &ok);
	jd_set(root, "params", report_params_json(run->layout), &ok);
	list = jd_set(root, "ranges", json_array(), &ok);
	for (size_t i = 0; i < m->n; i++) {
		const map_range *r = &m->v[i];
		json_t *j = jd_append(list, json_object(), &ok);
		jd_set(j, "kind", jd_str(r->kind), &ok);
		jd_set(j, "name", jd_str(r->name), &ok);
		jd_set(j, "start", jd_hex(r->range.start), &ok);
		jd_set(j, "end",
		       !r->size_known ? json_null()
		       : r->to_top    ? jd_str(TOP_HEX)
				      : jd_hex(r->range.end),
		       &ok);
		jd_set(j, "file", jd_str_or_null(r->file), &ok);
		jd_set(j, "line", jd_line(r->line), &ok);
		jd_set(j, "column", jd_line(r->column), &ok);
		if (r->has_lma)
			jd_set(j, "lma", jd_hex(r->lma), &ok);
	}
	if (m->nunknowns) {
		json_t *u = jd_set(root, "undetermined", json_array(), &ok);
		for (size_t i = 0; i < m->nunknowns; i++) {
			const map_unknown *x = &m->unknowns[i];
			json_t *j = jd_append(u, json_object(), &ok);
			jd_set(j, "what", jd_str(x->what), &ok);
			jd_set(j, "why", jd_str(x->why), &ok);
			jd_set(j, "file", jd_str_or_null(x->file), &ok);
			jd_set(j, "line", jd_line(x->line), &ok);
			jd_set(j, "column", jd_line(x->column), &ok);
		}
	}
	return jd_write(f, root, ok);
}
