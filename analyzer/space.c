#include "space.h"

#include <elf.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

/* Without a layout, segments are rounded to the smallest page of every
 * platform vaslint knows. */
#define DEFAULT_PAGE 4096u

const char *sp_kind_name(sp_kind k)
{
	static const char *const names[] = {
	    [SP_REGION] = "region",
	    [SP_SEGMENT] = "segment",
	    [SP_LINKER_AREA] = "linker-area",
	    [SP_IMAGE] = "image",
	    [SP_SECTION] = "section",
	    [SP_SYMBOL] = "symbol",
	    [SP_MEMORY] = "memory region",
	    [SP_REQUEST] = "request",
	    [SP_LIMIT] = "limit",
	    [SP_FREE] = "free",
	};
	return names[k];
}

static bool layout_ranges(space *s);

bool space_init(space *s, const layout *l)
{
	memset(s, 0, sizeof(*s));
	s->layout = l;
	s->one_space = true;
	return !l || layout_ranges(s);
}

void space_free(space *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].name);
	free(s->v);
	free(s->owners);
	free(s->unknowns);
	memset(s, 0, sizeof(*s));
}

static sp_owner *owner_add(space *s, sp_owner_kind kind, const char *path)
{
	if (s->nowners == s->owners_cap) {
		size_t cap = s->owners_cap ? 2 * s->owners_cap : 8;
		sp_owner *v = realloc(s->owners, cap * sizeof(*v));
		if (!v)
			return NULL;
		s->owners = v;
		s->owners_cap = cap;
	}
	sp_owner *o = &s->owners[s->nowners++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->path = path;
	o->placed = true;
	o->first = s->n;
	o->span = (va_range){0, 0};
	return o;
}

/* Append a range owned by the newest owner; name is copied.  NULL when
 * memory ran out. */
static sp_range *range_add(space *s, sp_kind kind, const char *name, va_range r,
			   src_loc origin)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		sp_range *v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		s->v = v;
		s->cap = cap;
	}
	char *copy = strdup(name);
	if (!copy)
		return NULL;
	sp_range *x = &s->v[s->n++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->name = copy;
	x->range = r;
	x->size_known = true;
	x->origin = origin;
	x->at = origin;
	x->owner = s->nowners - 1;
	s->owners[x->owner].n++;
	return x;
}

static bool layout_ranges(space *s)
{
	const layout *l = s->layout;

	if (!owner_add(s, SP_OWN_LAYOUT, l->path))
		return false;
	for (size_t i = 0; i < l->nregions; i++) {
		const layout_region *r = &l->regions[i];
		sp_range *x;
		/* An empty region is kept in the layout but never
		 * conflicts: it is no range. */
		if (va_range_empty(r->range))
			continue;
		if (!(x = range_add(s, SP_REGION, r->name, r->range, r->loc)))
			return false;
		x->reg = r;
		s->nregions++;
	}
	return true;
}

/* ---- Images ---- */

static bool machine_matches(const layout *l, const image *img)
{
	for (size_t i = 0; i < l->nmachines; i++)
		if (l->machines[i] == img->machine &&
		    l->machine_classes[i] == img->elfclass)
			return true;
	return false;
}

static bool machine_mismatch(const layout *l, const image *img, vl_error *err)
{
	const char *m = layout_machine_name(img->machine, img->elfclass);
	size_t len = 1;
	char *names;

	for (size_t i = 0; i < l->nmachines; i++)
		len += strlen(l->machine_names[i]) + 2;
	if (!(names = calloc(1, len)))
		return vl_fail(err, img->path, 0, 0, "out of memory");
	for (size_t i = 0; i < l->nmachines; i++) {
		if (i)
			strcat(names, ", ");
		strcat(names, l->machine_names[i]);
	}
	if (m)
		vl_fail(err, img->path, 0, 0,
			"machine %s does not match layout %s (%s)", m, l->name,
			names);
	else
		vl_fail(err, img->path, 0, 0,
			"machine %u (e_machine) does not match layout %s (%s)",
			img->machine, l->name, names);
	free(names);
	return false;
}

/* Where every PT_LOAD lands: base added, rounded to the base page.  An
 * empty segment occupies nothing and does not stretch the span. */
static bool place_segments(space *s, sp_owner *o, const image *img,
			   uint64_t page, vl_error *err)
{
	src_loc at = {img->path, 0, 0};
	va_range span = {UINT64_MAX, 0};
	char fl[4];

	for (size_t i = 0; i < img->nsegments; i++) {
		const image_segment *seg = &img->segments[i];
		uint64_t start, end;
		/* The reader made sure vaddr + memsz fits; the base may not. */
		if (!va_add(seg->vaddr, o->base, &start) ||
		    !va_add(start, seg->memsz, &end) ||
		    !va_align_up(end, page, &end))
			return vl_fail(err, img->path, 0, 0,
				       "segment %zu wraps past 2^64 at load "
				       "base 0x%" PRIx64,
				       seg->index, o->base);
		va_range r = {va_align_down(start, page), end};
		if (seg->memsz == 0)
			r.end = r.start;
		char *name = vl_strprintf("segment %zu (%s)", seg->index,
					  elfimage_flags_str(seg->flags, fl));
		sp_range *x =
		    name ? range_add(s, SP_SEGMENT, name, r, at) : NULL;
		free(name);
		if (!x)
			return vl_fail(err, img->path, 0, 0, "out of memory");
		x->seg = seg;
		if (va_range_empty(r))
			continue;
		if (r.start < span.start)
			span.start = r.start;
		if (r.end > span.end)
			span.end = r.end;
	}
	o->span = span.start > span.end ? (va_range){0, 0} : span;
	o->occupied = o->span;
	return true;
}

/* Take back the newest owner and its ranges: an input that could not be
 * added leaves nothing behind. */
static void owner_drop(space *s)
{
	sp_owner *o = &s->owners[s->nowners - 1];

	for (size_t i = o->first; i < s->n; i++)
		free(s->v[i].name);
	s->n = o->first;
	s->nowners--;
}

static bool add_image(space *s, const image *img, vl_error *err);

bool space_add_image(space *s, const image *img, vl_error *err)
{
	size_t owners = s->nowners;
	bool ok = add_image(s, img, err);

	if (!ok && s->nowners > owners)
		owner_drop(s);
	return ok;
}

static bool add_image(space *s, const image *img, vl_error *err)
{
	const layout *l = s->layout;
	uint64_t page = l && l->npage_sizes ? l->page_sizes[0] : DEFAULT_PAGE;

	if (l && !machine_matches(l, img))
		return machine_mismatch(l, img, err);
	sp_owner *o = owner_add(s, SP_OWN_IMAGE, img->path);
	if (!o)
		return vl_fail(err, img->path, 0, 0, "out of memory");
	o->img = img;
	o->grouped = true;
	o->position_dependent = img->type == ET_EXEC;
	o->placed = img->type != ET_DYN || (l && l->has_pie_base);
	o->base = img->type == ET_DYN && l && l->has_pie_base ? l->pie_base : 0;
	if (!place_segments(s, o, img, page, err))
		return false;
	/* A dynamically linked Genode program: the dynamic linker reserves
	 * its area from the program's link address on. */
	va_range area;
	if (l && l->linker_area && img->dynamic && img->type == ET_EXEC &&
	    img->nsegments &&
	    va_range_from_size(o->span.start, l->linker_area, &area) &&
	    area.end > o->occupied.end) {
		o->occupied.end = area.end;
		if (!range_add(s, SP_LINKER_AREA,
			       "linker area of the dynamically linked program",
			       o->occupied, (src_loc){img->path, 0, 0}))
			return vl_fail(err, img->path, 0, 0, "out of memory");
	}
	/* What the hint proposes: a position-dependent image can be linked
	 * elsewhere, with its largest segment alignment. */
	o->hint = img->type == ET_DYN ? SP_HINT_LOAD_ELSEWHERE : SP_HINT_LINK;
	o->hint_size = va_range_size(o->occupied);
	o->hint_align = 1;
	for (size_t i = 0; i < img->nsegments; i++)
		if (img->segments[i].align > o->hint_align)
			o->hint_align = img->segments[i].align;
	return true;
}

bool space_image_extent(const image *img, const layout *l, va_range *out,
			vl_error *err)
{
	space s;
	bool ok = space_init(&s, l) && space_add_image(&s, img, err);

	if (ok)
		*out = s.owners[s.nowners - 1].occupied;
	else if (!err->msg)
		vl_fail(err, img->path, 0, 0, "out of memory");
	space_free(&s);
	return ok;
}

/* ---- Scripts ---- */

bool space_script_extent(const ls_eval *ev, va_range *out)
{
	if (!ev->has_base || !ev->base.known)
		return false;
	*out = (va_range){ev->base.v, ev->base.v};
	for (size_t i = 0; i < ev->nsections; i++) {
		const ls_out_section *sec = &ev->sections[i];
		uint64_t end;
		if (!sec->alloc)
			continue;
		if (!sec->vma.known || !sec->size.known ||
		    !va_add(sec->vma.v, sec->tls_bss ? 0 : sec->size.v, &end))
			return false;
		if (sec->vma.v < out->start)
			out->start = sec->vma.v;
		if (end > out->end)
			out->end = end;
	}
	return true;
}

static bool same_loc(ls_loc a, ls_loc b)
{
	return a.file == b.file && a.line == b.line && a.column == b.column;
}

static src_loc loc_of(ls_loc l)
{
	return (src_loc){l.file, l.line, l.column};
}

static bool script_sections(space *s, const char *path, const ls_eval *ev)
{
	for (size_t i = 0; i < ev->nsections; i++) {
		const ls_out_section *sec = &ev->sections[i];
		uint64_t end;
		if (!sec->alloc || !sec->vma.known)
			continue;
		bool sized =
		    sec->size.known && va_add(sec->vma.v, sec->size.v, &end);
		va_range r = {sec->vma.v, sized ? end : sec->vma.v};
		sp_range *x =
		    range_add(s, SP_SECTION, sec->name, r, loc_of(sec->loc));
		if (!x)
			return false;
		x->size_known = sized;
		x->sec = sec;
		x->has_lma = sec->lma.known;
		x->lma = sec->lma.v;
		/* What fixed its address; a section placed from the base is
		 * the image's finding, not one of its own. */
		ls_loc at = sec->addr_loc.file ? sec->addr_loc : sec->loc;
		x->at = loc_of(at);
		if (!x->at.file)
			x->at.file = path;
		x->placed_by_owner = ev->has_base && same_loc(at, ev->base_loc);
	}
	return true;
}

static bool script_points(space *s, const ls_eval *ev)
{
	for (size_t i = 0; i < ev->nsymbols; i++) {
		const ls_symbol *sym = &ev->symbols[i];
		if (!sym->value.known || !sym->loc.file)
			continue;
		if (!range_add(s, SP_SYMBOL, sym->name,
			       (va_range){sym->value.v, sym->value.v},
			       loc_of(sym->loc)))
			return false;
	}
	return true;
}

static bool script_memory(space *s, size_t first, const ls_eval *ev)
{
	size_t from = s->n;

	for (size_t i = 0; i < ev->nregions; i++) {
		const ls_region *r = &ev->regions[i];
		uint64_t end, last;
		bool to_top = false;
		if (!r->origin.known || !r->length.known)
			continue;
		/* A region may end at 2^64 exactly: its last byte is the
		 * last address.  One that passes it is an error the
		 * evaluation reported, and no range. */
		if (!va_add(r->origin.v, r->length.v, &end)) {
			if (!va_sub(r->length.v, 1, &last) ||
			    !va_add(r->origin.v, last, &end) ||
			    end != UINT64_MAX)
				continue;
			to_top = true;
		}
		sp_range *x = range_add(s, SP_MEMORY, r->name,
					(va_range){r->origin.v, end},
					loc_of(r->def->loc));
		if (!x)
			return false;
		x->to_top = to_top;
	}
	/* Each section knows the MEMORY range it was put in. */
	for (size_t i = first; i < from; i++) {
		sp_range *x = &s->v[i];
		if (x->kind != SP_SECTION || !x->sec->region)
			continue;
		for (size_t k = from; k < s->n && !x->memory; k++)
			if (!strcmp(s->v[k].name, x->sec->region))
				x->memory = k + 1;
	}
	return true;
}

static bool script_unknowns(space *s, const ls_eval *ev)
{
	for (size_t i = 0; i < ev->nundetermined; i++) {
		const ls_undetermined *u = &ev->undetermined[i];
		if (s->nunknowns == s->unknowns_cap) {
			size_t cap = s->unknowns_cap ? 2 * s->unknowns_cap : 8;
			sp_unknown *v = realloc(s->unknowns, cap * sizeof(*v));
			if (!v)
				return false;
			s->unknowns = v;
			s->unknowns_cap = cap;
		}
		s->unknowns[s->nunknowns++] =
		    (sp_unknown){u->what, u->why, loc_of(u->loc)};
	}
	return true;
}

static bool add_script(space *s, const char *path, const ls_script *script,
		       const ls_eval *ev);

bool space_add_script(space *s, const char *path, const ls_script *script,
		      const ls_eval *ev)
{
	size_t owners = s->nowners;
	bool ok = add_script(s, path, script, ev);

	if (!ok && s->nowners > owners)
		owner_drop(s);
	return ok;
}

static bool add_script(space *s, const char *path, const ls_script *script,
		       const ls_eval *ev)
{
	sp_owner *o = owner_add(s, SP_OWN_SCRIPT, path);
	va_range extent;

	if (!o)
		return false;
	o->script = script;
	o->eval = ev;
	o->position_dependent = true;
	bool have_extent = space_script_extent(ev, &extent);
	if (have_extent) {
		o->span = o->occupied = extent;
		o->hint = SP_HINT_LINK;
		o->hint_size = va_range_size(extent);
		o->hint_align = 1;
	}
	if (ev->has_base && ev->base.known) {
		sp_range *x = range_add(
		    s, SP_IMAGE, path,
		    have_extent ? extent : (va_range){ev->base.v, ev->base.v},
		    loc_of(ev->base_loc));
		if (!x)
			return false;
		x->size_known = have_extent;
	}
	size_t first = s->n;
	return script_sections(s, path, ev) && script_points(s, ev) &&
	       script_memory(s, first, ev) && script_unknowns(s, ev);
}

/* ---- Requests ---- */

bool space_add_requests(space *s, const requests *rq)
{
	sp_owner *o = owner_add(s, SP_OWN_REQUESTS, NULL);

	if (!o)
		return false;
	s->requests = rq;
	for (size_t i = 0; i < rq->n; i++) {
		const request *q = &rq->v[i];
		va_range r;
		/* Unknown values are never guessed: only a request whose
		 * place is known is a range. */
		if (!q->fixed || q->at_unknown || q->size_unknown ||
		    !va_range_from_size(q->at, q->size, &r))
			continue;
		sp_range *x = range_add(s, SP_REQUEST, q->name, r,
					(src_loc){q->file, q->line, q->column});
		if (!x)
			return false;
		x->req = q;
	}
	return true;
}

/* ---- Free space ---- */

bool space_add_free(space *s)
{
	const layout *l = s->layout;
	va_set free_space;
	bool ok;

	if (!l)
		return true;
	if (!owner_add(s, SP_OWN_LAYOUT, l->path))
		return false;
	/* Not a range anything occupies, but a line a non-PIE program must
	 * stay below: a point. */
	if (l->exec_limit && l->exec_limit < l->address_space.end &&
	    !range_add(s, SP_LIMIT, "exec limit of position-dependent images",
		       (va_range){l->exec_limit, l->exec_limit},
		       l->exec_limit_loc))
		return false;
	/* The layout's free space, less what the inputs occupy. */
	ok = plan_free_space(l, false, &free_space);
	for (size_t i = 0; ok && i < s->n; i++) {
		const sp_range *x = &s->v[i];
		bool occupies = x->kind == SP_LINKER_AREA ||
				x->kind == SP_SEGMENT ||
				(x->kind == SP_SECTION && x->size_known &&
				 !x->sec->tls_bss);
		if (occupies && sp_owner_of(s, x)->placed &&
		    !va_range_empty(x->range))
			ok = va_set_remove(&free_space, x->range);
	}
	for (size_t i = 0; ok && i < free_space.n; i++)
		ok = range_add(s, SP_FREE, "free", free_space.v[i],
			       (src_loc){0}) != NULL;
	va_set_free(&free_space);
	return ok;
}
